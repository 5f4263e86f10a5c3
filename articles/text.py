"""Sanitising and small text helpers shared by models, importers and templates.

Everything stored as HTML passes through `sanitize_html` first, which is why templates may mark
such fields `|safe`.
"""

import html
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


def _attribute_value(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "data-photo":
        return str(int(value)) if value.isascii() and value.isdigit() and len(value) < 19 else None
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
