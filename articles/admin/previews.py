"""Preview links in the desk: listed under the story's form (`{% story_desk_extras %}`), made
and revoked through the views here.

The rules (who may, how long a link lasts) are in `articles.services`; these views only call
them. A link's address is shown once, when it is made: only the token's hash is stored.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.models import Article, PreviewLink
from articles.models.previews import DEFAULT_LIFETIME, LIFETIMES
from articles.services import create_preview_link, revoke_preview_link
from articles.versions import working_version


class PreviewLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Works for",
        choices=list(LIFETIMES.items()),
        coerce=int,
        initial=DEFAULT_LIFETIME.days,
        help_text="The link stops working after this, or when you revoke it.",
    )


def preview_urls(site) -> list:
    """The "Share a preview" pages, for the admin site to put before its own URLs."""

    def previews_page(request, article_id):
        return previews(request, article_id, site=site)

    return [
        path(
            "articles/article/<int:article_id>/previews/",
            site.admin_view(previews_page),
            name="articles_article_previews",
        ),
        path(
            "articles/article/<int:article_id>/previews/<int:link_id>/revoke/",
            site.admin_view(require_POST(revoke)),
            name="articles_article_preview_revoke",
        ),
    ]


def previews(request, article_id: int, *, site) -> TemplateResponse:
    """The story's links; a POST makes a new one (PermissionDenied, a 403, unless allowed)."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied("You may not see this story.")
    article = get_object_or_404(Article, pk=article_id)
    form = PreviewLinkForm(request.POST or None)
    new_url = ""
    if request.method == "POST" and form.is_valid():
        # A live story with unpublished changes is previewed as it will be once they go out.
        working = working_version(article)
        _, token = create_preview_link(
            article,
            by=request.user,
            lifetime=timedelta(days=form.cleaned_data["days"]),
            version=working.pk if working else None,
        )
        new_url = request.build_absolute_uri(PreviewLink.url_for(token))
    return TemplateResponse(
        request,
        "admin/articles/article/previews.html",
        {
            **site.each_context(request),
            "title": f"Share a preview of “{article}”",
            "opts": Article._meta,
            "original": article,
            "form": form,
            "new_url": new_url,
        },
    )


def revoke(request, article_id: int, link_id: int) -> HttpResponseRedirect:
    """Revoke one link of the story (PermissionDenied, a 403, unless allowed)."""
    link = get_object_or_404(
        PreviewLink.objects.select_related("article"), pk=link_id, article_id=article_id
    )
    revoke_preview_link(link, by=request.user)
    messages.success(request, "The preview link no longer works.")
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article_id]))
