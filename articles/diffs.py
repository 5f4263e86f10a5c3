"""Readable differences between two versions of a story, for the desk.

Text fields are compared word by word; the body paragraph by paragraph (a paragraph added,
removed or changed, and inside a changed one the words); the byline, section, photo and tags by
name. Everything is escaped here: the result is safe to show as it is.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.models import Byline
from articles.text import html_paragraphs

LABELS = {
    "headline": "Headline",
    "dek": "Dek",
    "dateline": "Dateline",
    "summary": "Summary",
    "body": "Body",
    "bylines": "Byline",
    "section": "Section",
    "lead_photo": "Lead photo",
    "slug": "Address",
    "language": "Language",
    "share_headline": "Share headline",
    "share_description": "Share description",
    "share_image": "Share image",
    "places": "Places",
    "topics": "Topics",
    "status": "Status",
    "published_at": "Publish time",
}

# Fields shown word by word, and fields that name a related row.
_WORDS = {"headline", "dek", "dateline", "summary", "share_headline", "share_description"}
_REFS = {"section", "lead_photo", "share_image"}


@dataclass
class FieldDiff:
    """One field that differs: its name, label and rows of HTML (one row per paragraph)."""

    name: str
    label: str
    rows: list[SafeString] = field(default_factory=list)


def word_diff(old: str, new: str) -> SafeString:
    """`new` word by word, with the words taken from `old` in <del> and those added in <ins>.

    Words keep their punctuation ("Monday." is one word); white space becomes single spaces.
    """
    before, after = (old or "").split(), (new or "").split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))


def paragraph_diff(old_html: str, new_html: str) -> list[SafeString]:
    """The changed paragraphs of a body: whole ones added or removed, the words of changed ones.

    Unchanged paragraphs are left out; an ellipsis row stands for them between changes.
    """
    before, after = html_paragraphs(old_html), html_paragraphs(new_html)
    rows = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            if rows:
                rows.append(mark_safe('<p class="version-diff__same">…</p>'))
            continue
        old, new = before[i1:i2], after[j1:j2]
        if op == "replace":
            paired = min(len(old), len(new))
            pairs = zip(old[:paired], new[:paired], strict=True)
            rows += [format_html("<p>{}</p>", word_diff(a, b)) for a, b in pairs]
            old, new = old[paired:], new[paired:]
        rows += [format_html('<p class="version-diff__removed"><del>{}</del></p>', p) for p in old]
        rows += [format_html('<p class="version-diff__added"><ins>{}</ins></p>', p) for p in new]
    if rows and rows[-1].endswith("…</p>"):
        rows.pop()
    return rows


def _names(refs) -> list[str]:
    return [ref["name"] for ref in refs or []]


def _byline_names(rows) -> list[str]:
    """ "Dana Whitfield" for a plain "By", else with the role: "Dana Whitfield (Photos by)"."""
    roles = dict(Byline.Role.choices)
    names = []
    for row in rows or []:
        role = row.get("role") or Byline.Role.BY
        names.append(row["name"] if role == Byline.Role.BY else f"{row['name']} ({roles[role]})")
    return names


def _list_diff(old: list[str], new: list[str], *, ordered: bool) -> list[SafeString]:
    removed = [name for name in old if name not in new]
    added = [name for name in new if name not in old]
    rows = []
    if removed:
        rows.append(format_html("Removed: {}", _joined("del", removed)))
    if added:
        rows.append(format_html("Added: {}", _joined("ins", added)))
    if ordered and not removed and not added:
        rows.append(format_html("Order: {} → {}", ", ".join(old), ", ".join(new)))
    return rows


def _joined(tag: str, names: list[str]) -> SafeString:
    return format_html_join(", ", "<" + tag + ">{}</" + tag + ">", ((name,) for name in names))


def _ref_name(ref) -> str:
    return ref["name"] if ref else "none"


def diff_snapshots(old: dict | None, new: dict) -> list[FieldDiff]:
    """What differs from `old` to `new` (two version snapshots), field by field, in the desk's
    order. With no `old`, everything in `new` counts as added."""
    old = old or {}
    diffs = []
    for name, label in LABELS.items():
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name == "body":
            rows = paragraph_diff(before or "", after or "")
        elif name in _WORDS:
            rows = [word_diff(before or "", after or "")]
        elif name == "bylines":
            rows = _list_diff(_byline_names(before), _byline_names(after), ordered=True)
        elif name in ("places", "topics"):
            rows = _list_diff(_names(before), _names(after), ordered=False)
        elif name in _REFS:
            rows = [format_html("<del>{}</del> → <ins>{}</ins>", _ref_name(before),
                                _ref_name(after))]  # fmt: skip
        else:
            rows = [format_html("<del>{}</del> → <ins>{}</ins>", before or "none", after or "none")]
        if rows:
            diffs.append(FieldDiff(name, label, rows))
    return diffs
