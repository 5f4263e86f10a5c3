"""Sanitising and small text helpers shared by models, importers and templates.

Everything stored as HTML passes through `sanitize_html` first, which is why templates may mark
such fields `|safe`.
"""

import html
import math
import re
import unicodedata

import nh3
from django.utils.text import slugify

# What an article body may contain: the structure of a story, nothing executable or styled.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "cite", "q",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "pre", "code", "span", "time",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # A photo from the newsroom's library placed in the body (`articles.images.body`).
    "figure": {"data-photo"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value: str) -> str:
    """Return `value` with only the tags, attributes and URL schemes a story body may hold.

    Scripts, styles, event handlers, `javascript:` links and unknown tags are removed (the
    contents of `script` and `style` go with them); external links get rel="noopener noreferrer".
    A figure's `data-photo` is kept only when it is a photo's id (a whole number).
    """
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_attribute_value,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# Tags that give a body its structure; a body with none of them was typed as plain paragraphs.
_BLOCK_TAG = re.compile(r"<(p|h[1-6]|ul|ol|dl|blockquote|figure|table|pre|hr|div)\b", re.I)
_BLANK_LINE = re.compile(r"\n\s*\n")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*(<br>)?\s*</p>\s*")


def clean_body(value: str) -> str:
    """A story body as it is stored: sanitised (`sanitize_html`), with text typed as plain
    paragraphs made `<p>` elements, so the page shows paragraphs rather than one run of text, and
    empty paragraphs (the editor leaves them where the cursor was) dropped.

    Paragraphs are split at blank lines, or at each line end when there is no blank line. A
    body with any block element (a paragraph, heading, list…) keeps its own structure.
    """
    body = sanitize_html(value)
    if body and not _BLOCK_TAG.search(body):
        lines = _BLANK_LINE if _BLANK_LINE.search(body) else "\n"
        paragraphs = (part.strip() for part in re.split(lines, body))
        # Sanitised again: a tag left open across a line end is closed within its paragraph.
        body = sanitize_html("".join(f"<p>{part}</p>" for part in paragraphs if part))
    return _EMPTY_PARAGRAPH.sub("", body)


def _attribute_value(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "data-photo":
        return str(int(value)) if value.isascii() and value.isdigit() and len(value) < 19 else None
    if attribute == "title" and not value.strip():
        return None  # the editor's link dialog sends an empty one when none is typed
    return value


def strip_tags(value: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, white space folded."""
    text = nh3.clean(value or "", tags=set(), attributes={})
    return normalize_space(html.unescape(text))


def normalize_space(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|div|tr)>|<br\s*/?>", re.I)


def html_paragraphs(value: str) -> list[str]:
    """The plain-text paragraphs of an HTML body, in order, empty ones dropped."""
    text = _BLOCK_END.sub("\n\n", value or "")
    parts = (strip_tags(part) for part in re.split(r"\n\s*\n", text))
    return [part for part in parts if part]


# An adult's silent reading pace for news copy, in words per minute.
WORDS_PER_MINUTE = 230


def word_count(value: str) -> int:
    """Words in an HTML body, counted paragraph by paragraph (static/js/admin/word-count.js
    counts the same way as the desk types)."""
    return sum(len(paragraph.split()) for paragraph in html_paragraphs(value))


def reading_minutes(words: int) -> int:
    """Whole minutes to read `words`, rounded up: 0 only for no words."""
    return math.ceil(words / WORDS_PER_MINUTE)


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as escaped `<p>` elements."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip())


def slug_for(value: str, *, max_length: int = 200) -> str:
    """An ASCII slug for `value`, accents folded ("Café Norte" → "cafe-norte"), never empty."""
    folded = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode("ascii")
    slug = slugify(folded)[:max_length].strip("-")
    return slug or "untitled"


# The headline of a story whose source gives none, until an editor writes one: the desk lists
# such stories under "Needs a headline", and the story cannot be published with it.
NEEDS_HEADLINE = "Needs a headline: "


def placeholder_headline(name: str) -> str:
    """The stand-in headline for a story from `name` (its file) that came without one."""
    return f"{NEEDS_HEADLINE}{normalize_space(name)}"


def needs_headline(headline: str) -> bool:
    return headline.startswith(NEEDS_HEADLINE)


# What a correction or update note may hold: a sentence or two of text with a link or emphasis.
NOTE_TAGS = {"a", "em", "i", "strong", "b"}


def sanitize_note(value: str) -> str:
    """Return `value` with only NOTE_TAGS (links with `href` and `title`) kept, the rest removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=NOTE_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
