"""Pages of the site as a whole: robots.txt and the favicon."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles.site import site_origin


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
