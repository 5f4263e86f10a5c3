"""Template tags for the public site: section navigation, the article body, canonical links and
the tags that describe a page to search engines and social networks."""

import re

from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.images.renditions import rendition_image
from articles.models import Article, Section
from articles.site import absolute_url, og_locale
from articles.text import strip_tags

from .photos import body_photos

register = template.Library()

# A pull quote goes after this many paragraphs, the next one as many paragraphs later.
PULL_QUOTE_EVERY = 3
# Social networks show a wide image best from this width up.
SHARE_IMAGE_WIDTH = 1200

_PARAGRAPH_END = re.compile(r"</p>", re.IGNORECASE)
_FIRST_PARAGRAPH = re.compile(r"^\s*<p>", re.IGNORECASE)
# The sanitiser drops `loading` and `decoding`, so every image in a body lacks them.
_BODY_IMAGE = re.compile(r"<img\b", re.IGNORECASE)


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
    """The article's sanitised body with its dateline leading the first paragraph, the pull
    quotes set between paragraphs (any left over follow the body), the photos placed in it
    shown as the lead photo is (one query for all of them) and its other images loaded lazily.

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
    body = _BODY_IMAGE.sub(r'\g<0> loading="lazy" decoding="async"', "".join(parts))
    return mark_safe(body)  # noqa: S308 - the body was sanitised on save


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address without stray query parameters; page 2+ keeps its page number.

    On NEWSROOM_URL's origin when it is set, so a page reached by another host name still names
    the public one.
    """
    request = context["request"]
    page = context.get("page_obj")
    suffix = f"?page={page.number}" if page is not None and page.number > 1 else ""
    return absolute_url(request.path, request) + suffix


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title: str = "", description: str = "", photo=None, article=None):
    """The description, Open Graph and Twitter card tags of a page, every address absolute.

    The image is `photo`'s 16:9 rendition (at least 1200 pixels wide when the photo is), else the
    newsroom's share image. With `article`, the story's times, section and tags are added.
    """
    request = context["request"]
    description = Truncator(strip_tags(description)).chars(200)
    image_url, width, height = rendition_image(photo, slot="lead", width=SHARE_IMAGE_WIDTH)
    if image_url:
        image_alt = photo.alt_text
    else:
        image_url = static(settings.NEWSROOM_SHARE_IMAGE)
        image_alt = settings.NEWSROOM_NAME
    return {
        "title": title or settings.NEWSROOM_NAME,
        "description": description or settings.NEWSROOM_TAGLINE,
        "url": canonical_url(context),
        "site_name": settings.NEWSROOM_NAME,
        "locale": og_locale(settings.NEWSROOM_LOCALE),
        "image": {
            "url": absolute_url(image_url, request),
            "width": width,
            "height": height,
            "alt": image_alt,
        },
        "article": article,
    }
