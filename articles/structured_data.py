"""schema.org JSON-LD for article pages: the story as a `NewsArticle` and its `BreadcrumbList`.

Search engines read these to show a story's headline, photo, dates and authors. Everything is
built from an article fetched with `Article.objects.with_related().with_corrections()`, so it
costs no queries; every address is absolute, made from `base_url` (the site's own, from the
request). Corrections and clarifications are the story's `correction`; update notes, which add
news rather than fix it, only move `dateModified`.
"""

import json
from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.images.renditions import largest_jpeg
from articles.models import Article, Byline
from articles.text import strip_tags

SCHEMA_ORG = "https://schema.org"
# Google shows a story's photo cropped to any of these; it picks the one that fits.
IMAGE_RATIOS = ("16:9", "1:1", "original")
# Inside <script>, "</script>" or "<!--" in a headline would end or change the element; as JSON
# escapes they mean the same text and cannot.
# schema.org has no property per byline role. Those who wrote the story are its `author`; those
# who reported and translated it are its `author` and its `translator`. Photographers and those
# who added reporting are `contributor`s, schema.org's "secondary contributor to the
# CreativeWork" (its `creator` would make a photographer an author of the text).
AUTHOR_ROLES = {Byline.Role.BY, Byline.Role.REPORTED_AND_TRANSLATED}
TRANSLATOR_ROLES = {Byline.Role.REPORTED_AND_TRANSLATED}
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def news_article(article: Article, *, base_url: str) -> dict:
    """The `NewsArticle` for a published `article`; fields without a value are left out."""
    url = urljoin(base_url, article.get_absolute_url())
    document = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        # The page's own headline, as search engines expect; the share headline is for social cards.
        "headline": article.headline,
        "description": article.share_text,
        "image": _images(article, base_url),
        "datePublished": iso_datetime(article.published_at),
        "dateModified": iso_datetime(article.last_correction_at or article.updated_at),
        "author": _people(article, AUTHOR_ROLES, base_url),
        "contributor": _people(article, set(Byline.Role) - AUTHOR_ROLES, base_url),
        "translator": _people(article, TRANSLATOR_ROLES, base_url),
        "publisher": publisher(base_url=base_url),
        "dateline": article.dateline,
        "articleSection": article.section.name if article.section else "",
        "keywords": [tag.name for tag in (*article.places.all(), *article.topics.all())],
        "inLanguage": article.language_tag,
        "isAccessibleForFree": True,
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": strip_tags(note.text),
                "datePublished": iso_datetime(note.published_at),
                "url": urljoin(base_url, note.get_absolute_url()),
            }
            for note in article.corrections.all()
            if note.is_correction
        ],
    }
    return _without_empty(document)


def publisher(*, base_url: str) -> dict:
    """The newsroom as a `NewsMediaOrganization`, with its logo when one is set."""
    organization = {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_NAME,
        "url": urljoin(base_url, reverse("articles:home")),
    }
    logo = _logo_url(base_url)
    if logo:
        organization["logo"] = {"@type": "ImageObject", "url": logo}
    return organization


def breadcrumbs(article: Article, *, base_url: str) -> dict:
    """Home › Section › Headline as a `BreadcrumbList` (no section step for a story without one)."""
    steps = [(settings.NEWSROOM_NAME, reverse("articles:home"))]
    if article.section:
        steps.append((article.section.name, article.section.get_absolute_url()))
    steps.append((article.headline, article.get_absolute_url()))
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": urljoin(base_url, path),
            }
            for position, (name, path) in enumerate(steps, start=1)
        ],
    }


def json_ld_script(data: dict) -> SafeString:
    """`data` as a `<script type="application/ld+json">` element that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe as is: the escapes above leave no "<" or "&" for an HTML parser to act on.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def _people(article: Article, roles: set[str], base_url: str) -> list[dict]:
    """The `Person`s on the byline in any of `roles`, in byline order (from the prefetch)."""
    return [
        _without_empty(
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": urljoin(base_url, byline.author.get_absolute_url()),
                "jobTitle": byline.author.job_title,
            }
        )
        for byline in article.bylines.all()
        if byline.role in roles
    ]


def _images(article: Article, base_url: str) -> list[str]:
    urls = []
    for ratio in IMAGE_RATIOS:
        image = largest_jpeg(article.share_photo, ratio=ratio)
        url = urljoin(base_url, image.url) if image else ""
        if url and url not in urls:
            urls.append(url)
    return urls


def iso_datetime(value) -> str:
    """ISO 8601 in the newsroom's time zone, to the second: “2025-03-04T09:30:00-05:00”."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


def _logo_url(base_url: str) -> str:
    path = getattr(settings, "NEWSROOM_LOGO", "")
    if not path:
        return ""
    try:
        return urljoin(base_url, static(path))
    except ValueError:  # not in the static files manifest: better no logo than no page
        return ""


def _without_empty(document: dict) -> dict:
    return {key: value for key, value in document.items() if value not in ("", None, [], {})}
