"""Pages of the site as a whole: robots.txt, the favicon, and the 404 and 500 pages."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles import prepared
from articles.models import Article
from articles.site import newsroom_context, site_origin

# Stories offered on the 404 page instead of the one that was not found.
LATEST_ON_NOT_FOUND = 6


@require_safe
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    """Everything public may be crawled; the desk may not. Names the sitemap."""
    return render(
        request,
        "robots.txt",
        {"admin_url": reverse("admin:index"), "sitemap_url": f"{site_origin(request)}/sitemap.xml"},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
@cache_control(max_age=60 * 60 * 24 * 7, public=True)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for without reading the page's links."""
    path = finders.find("favicon.ico")
    if path is None:
        raise Http404("No favicon.ico among the static files.")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")


def page_not_found(request, exception):
    """The 404 page: a search box and the latest published stories."""
    latest = prepared.cards(prepared.ready(Article.objects.published())[:LATEST_ON_NOT_FOUND])
    return render(request, "404.html", {"latest": latest}, status=404)


def server_error(request):
    """The 500 page, made from the settings alone: the database may be what failed."""
    return HttpResponseServerError(render_to_string("500.html", newsroom_context()))
