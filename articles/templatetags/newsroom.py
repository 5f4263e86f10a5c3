"""Template tags for the public site: section navigation, the article body, canonical links and
the tags that describe a page to search engines and social networks."""

import re

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.images.renditions import rendition_image
from articles.navigation import navigation_sections
from articles.rendering import render_body
from articles.site import absolute_url, newsroom_context, og_locale
from articles.text import strip_tags

register = template.Library()

# A pull quote goes after this many paragraphs, the next one as many paragraphs later.
PULL_QUOTE_EVERY = 3
# Social networks show a wide image best from this width up.
SHARE_IMAGE_WIDTH = 1200

_PARAGRAPH_END = re.compile(r"</p>", re.IGNORECASE)


# The rendered head links, headers and footers, by what they depend on (see `site_chrome`).
_CHROME = {}
_CHROME_KEPT = 64


@receiver(setting_changed)
def _forget_chrome(**kwargs):
    _CHROME.clear()


@register.simple_tag(takes_context=True)
def site_chrome(context, part: str):
    """The site's head links (icons, style sheet), header or footer (`includes/site_<part>.html`).

    They are the same on every page of a day but for the navigation's sections (from the cache,
    see `articles.navigation`: a section only the desk has filled yet is not offered to readers),
    and the one marked current, so each is rendered once per process for each of those (and
    again when a setting changes, as in tests).
    """
    request = context.get("request")
    path = request.path if request else ""
    sections = tuple(navigation_sections()) if part == "header" else ()
    current = "home" if path == "/" else next((url for _, url in sections if url == path), "")
    key = (part, timezone.localdate(), sections, current)
    if key not in _CHROME:
        if len(_CHROME) >= _CHROME_KEPT:
            _CHROME.clear()
        _CHROME[key] = render_to_string(
            f"includes/site_{part}.html",
            {**newsroom_context(), "sections": sections, "current": current},
        )
    return _CHROME[key]


@register.filter
def lang(article):
    """` lang="de"` for the elements holding the text of a story written in another language
    than the site's (`Article.language`), so screen readers pronounce it; else nothing."""
    return format_html(' lang="{}"', article.language) if article.language else ""


@register.simple_tag
def article_body(article, pull_quotes=()):
    """The article's served body (`Article.body_html`, made on save by `articles.rendering`) with
    the pull quotes set between paragraphs (any left over follow the body).

    A story saved before the served body existed, or written without `save()`, is rendered here.
    """
    body = article.body_html or render_body(article)
    quotes = [
        render_to_string("articles/includes/pull_quote.html", {"quote": quote})
        for quote in pull_quotes
    ]
    if quotes:
        pieces = _PARAGRAPH_END.split(body)
        parts = []
        for index, piece in enumerate(pieces):
            parts.append(piece)
            if index < len(pieces) - 1:
                parts.append("</p>")
                if quotes and (index + 1) % PULL_QUOTE_EVERY == 0 and index < len(pieces) - 2:
                    parts.append(quotes.pop(0))
        parts.extend(quotes)
        body = "".join(parts)
    return mark_safe(body)  # noqa: S308 - made from the body sanitised on save


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
