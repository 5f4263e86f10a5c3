"""Read-only machine-readable views of published stories.

Only `Article.objects.published()` is served, to everyone, staff included: these addresses are
for partners and archives, and a draft must never leave the building through them. Staff
preview drafts on the site itself.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from articles.exporters.ninjs import article_to_ninjs
from articles.models import Article


@require_safe
def article_ninjs(request, slug):
    """The published story `slug` as an IPTC ninjs 2.x document; 404 for anything else."""
    article = get_object_or_404(Article.objects.published().with_related(), slug=slug)
    document = article_to_ninjs(article, base_url=request.build_absolute_uri("/"))
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
