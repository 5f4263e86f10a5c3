"""The page around a prepared story, rendered once and filled in on each view.

Two prepared stories' pages differ only in the story's own parts (its head, the article, its
structured data, the headline in the title), its address and its related stories. Everything else
(the site's head links, header and footer, and the page template's own markup) is the same for
every story on one origin, day and navigation. So the article template is rendered once per
process for each of those, with stand-ins where a story's parts go, and cut at the stand-ins; a
page view joins the pieces with its story's parts instead of running the template engine.

The pieces come from the same template the models' path renders, and a test holds the two to the
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
_HEADLINE, _META, _PAGE, _JSON_LD, _RELATED, _PATH = (
    _MARK.format(name) for name in ("headline", "meta", "page", "json_ld", "related", "path")
)
_MARKS = re.compile("(" + _MARK.format("[a-z_]+") + ")")
_SHELLS = {}  # (origin, day, navigation, has related stories) → pieces
_SHELLS_KEPT = 64


@receiver(setting_changed)
def _forget_shells(**kwargs):
    _SHELLS.clear()


def article_page(request, page: dict, related: list[SafeString]) -> str:
    """The whole article page of the prepared `page` (`prepared.page_for`) with its `related`
    story cards, for `request`."""
    key = (site_origin(request), timezone.localdate(), tuple(navigation_sections()), bool(related))
    pieces = _SHELLS.get(key)
    if pieces is None:
        if len(_SHELLS) >= _SHELLS_KEPT:
            _SHELLS.clear()
        pieces = _SHELLS[key] = _cut(_render_shell(request, bool(related)))
    parts = {
        _HEADLINE: escape(page["headline"]),
        _META: page["meta_html"],
        _PAGE: page["page_html"],
        _JSON_LD: page["json_ld_html"],
        _RELATED: "".join(related),
        # A story's address begins and ends with a slash, which the shell keeps around it.
        _PATH: escape(request.path.removeprefix("/").removesuffix("/")),
    }
    return "".join(parts.get(piece, piece) for piece in pieces)


def _render_shell(request, has_related: bool) -> str:
    shell_request = copy.copy(request)
    shell_request.path = shell_request.path_info = f"/{_PATH}/"
    context = {
        "article": {"headline": _HEADLINE, "is_public": True},
        "prepared": {
            name: mark_safe(mark)  # noqa: S308 - our own stand-ins
            for name, mark in (
                ("meta_html", _META),
                ("page_html", _PAGE),
                ("json_ld_html", _JSON_LD),
            )
        },
        "related": [mark_safe(_RELATED)] if has_related else [],  # noqa: S308 - a stand-in
    }
    return render_to_string(TEMPLATE, context, request=shell_request)


def _cut(html: str) -> list[str]:
    """`html` as its literal pieces and stand-ins, in order."""
    return [piece for piece in _MARKS.split(html) if piece]
