"""Pages around prepared stories, rendered once and filled in on each view.

Two prepared stories' pages differ only in the story's own parts (its head, the article, its
structured data, the headline in the title), its address and its related stories; two views of
one list page differ only in the prepared cards (and the front page's top story). Everything else
(the site's head links, header and footer, and the template's own markup) is the same on one
origin, day and navigation. So the template is rendered once per process for each of those, with
stand-ins where the changing parts go, and cut at the stand-ins; a page view joins the pieces
with its own parts instead of running the template engine.

The pieces come from the same templates the models' path renders, and tests hold the two to the
same output.
"""

import copy
import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.navigation import navigation_sections
from articles.site import site_origin

TEMPLATE = "articles/article_detail.html"
# Stand-ins no story's text contains: characters from Unicode's private use area.
_MARK = "\ue000{}\ue001"
_MARKS = re.compile("(" + _MARK.format("[a-z_]+") + ")")
_SHELLS = {}  # (what the page is, origin, day, navigation) → its pieces
_SHELLS_KEPT = 512


@receiver(setting_changed)
def _forget_shells(**kwargs):
    _SHELLS.clear()


def mark(name: str) -> SafeString:
    """The stand-in for the part `name` of a page."""
    return mark_safe(_MARK.format(name))  # noqa: S308 - our own stand-in


def filled(request, key: tuple, render, parts: dict[str, str]) -> str:
    """The page `render()` makes with `mark()` stand-ins, rendered once per process for `key` and
    the request's origin, day and navigation, with each stand-in replaced by its part in
    `parts` (by name)."""
    key = (*key, site_origin(request), timezone.localdate(), tuple(navigation_sections()))
    pieces = _SHELLS.get(key)
    if pieces is None:
        if len(_SHELLS) >= _SHELLS_KEPT:
            _SHELLS.clear()
        pieces = _SHELLS[key] = [piece for piece in _MARKS.split(render()) if piece]
    values = {_MARK.format(name): value for name, value in parts.items()}
    return "".join(values.get(piece, piece) for piece in pieces)


def article_page(request, page: dict, related: list[SafeString]) -> str:
    """The whole article page of the prepared `page` (`prepared.page_for`) with its `related`
    story cards, for `request`."""
    parts = {
        "headline": escape(page["headline"]),
        "meta": page["meta_html"],
        "page": page["page_html"],
        "json_ld": page["json_ld_html"],
        "related": "".join(related),
        # A story's address begins and ends with a slash, which the shell keeps around it.
        "path": escape(request.path.removeprefix("/").removesuffix("/")),
    }
    return filled(
        request, ("article", bool(related)), lambda: _article_shell(request, related), parts
    )


def _article_shell(request, related) -> str:
    shell_request = copy.copy(request)
    shell_request.path = shell_request.path_info = f"/{mark('path')}/"
    context = {
        "article": {"headline": mark("headline"), "is_public": True},
        "prepared": {
            "meta_html": mark("meta"),
            "page_html": mark("page"),
            "json_ld_html": mark("json_ld"),
        },
        "related": [mark("related")] if related else [],
    }
    return render_to_string(TEMPLATE, context, request=shell_request)
