"""Template tags for the public site: section navigation, the article body, canonical links."""

import re

from django import template
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Section
from articles.text import strip_tags

from .photos import body_photos

register = template.Library()

# A pull quote goes after this many paragraphs, the next one as many paragraphs later.
PULL_QUOTE_EVERY = 3

_PARAGRAPH_END = re.compile(r"</p>", re.IGNORECASE)
_FIRST_PARAGRAPH = re.compile(r"^\s*<p>", re.IGNORECASE)


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context):
    """The header's list of sections with a published story, in their navigation order (one
    query): a section only the desk has filled yet is not offered to readers."""
    request = context.get("request")
    path = request.path if request else ""
    published = Article.objects.published().filter(section=OuterRef("pk"))
    return {
        "sections": Section.objects.filter(Exists(published)).only("name", "slug"),
        "current": "home" if path == "/" else path,
    }


@register.simple_tag
def article_body(article, pull_quotes=()):
    """The article's sanitised body with its dateline leading the first paragraph and the pull
    quotes set between paragraphs (any left over follow the body); the photos placed in it are
    shown as the lead photo is (one query for all of them).

    The body is safe to mark up as is because `Article.save()` sanitised it.
    """
    body = body_photos(article.body)
    if article.dateline and not strip_tags(body).upper().startswith(article.dateline.upper()):
        dateline = format_html('<span class="article__dateline">{} —</span> ', article.dateline)
        if _FIRST_PARAGRAPH.match(body):
            body = _FIRST_PARAGRAPH.sub(lambda m: m.group(0) + dateline, body, count=1)
        else:
            body = dateline + body
    quotes = [
        render_to_string("articles/includes/pull_quote.html", {"quote": quote})
        for quote in pull_quotes
    ]
    pieces = _PARAGRAPH_END.split(body)
    parts = []
    for index, piece in enumerate(pieces):
        parts.append(piece)
        if index < len(pieces) - 1:
            parts.append("</p>")
            if quotes and (index + 1) % PULL_QUOTE_EVERY == 0 and index < len(pieces) - 2:
                parts.append(quotes.pop(0))
    parts.extend(quotes)
    return mark_safe("".join(parts))  # noqa: S308 - the body was sanitised on save


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address without stray query parameters; page 2+ keeps its page number."""
    request = context["request"]
    page = context.get("page_obj")
    suffix = f"?page={page.number}" if page is not None and page.number > 1 else ""
    return request.build_absolute_uri(request.path) + suffix
