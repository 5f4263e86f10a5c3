"""Plain-text article pages: a story saved or pasted as text.

The layout newsrooms get from a saved web page or an e-mailed story::

    Headline on the first line               (only when it reads like one: see below)

    By Jane Reporter and John Writer        (or "Photo of Jane Reporter", a headshot's caption)
    July 11, 2019                           (optional publish date)
    A caption for the lead photo.           (optional, right before the credit line)
    Dana Whitfield / Associated Press         (photo credit: photographer / agency)

    WESTPORT — First paragraph, with its dateline.

    More paragraphs, separated by blank lines.

Everything above the first paragraph is optional. A first line that does not read like a headline
(a paragraph, a dateline, a one-word label in capitals, a line ending in a full stop) starts the
story instead, and the story gets a stand-in headline naming the file, so the desk knows it needs
one (`articles.text.placeholder_headline`). The dateline ("WESTPORT —", "WESTPORT, Conn. —",
with an em or en dash or "--") is moved out of the first paragraph into the dateline field. The
item's id is a hash of the normalised text, so the same copy imported twice is the same story.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from articles.text import normalize_space, paragraphs_to_html, placeholder_headline, slug_for

from .base import ImportFormatError, ParsedArticle, ParsedAuthor, ParsedItem, ParsedPhoto

FORMAT = "text"
# Text files that are data, code or settings, never a story, whatever their first lines say.
NOT_STORIES = {
    ".csv", ".tsv", ".json", ".jsonl", ".xml", ".yml", ".yaml", ".toml", ".ini", ".cfg",
    ".py", ".js", ".css", ".sql", ".sh", ".log",
}  # fmt: skip

_MARKUP_START = re.compile(rb"^\s*(<|\{|\[)")
_AUTHOR_LINE = re.compile(r"^(?:photo of|by|written by|words by)\s+(.+)$", re.I)
_CREDIT_LABEL = re.compile(
    r"^(?:photo(?:graph)?s?|credit|photo credit|image)\s*(?::|by\b)\s*(.+)$", re.I
)
_CAPTION_LABEL = re.compile(r"^(?:caption|photo caption)\s*:\s*(.+)$", re.I)
_DATE_LABEL = re.compile(r"^(?:published|posted|updated|date)\s*:?\s*(?:on\s+)?", re.I)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DATE_LINE = re.compile(
    r"^(?:[A-Za-z]+,\s+)?(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>[ap])\.?m\.?)?\s*$",
    re.I,
)
# "WESTPORT —", "NEW HAVEN, Conn. –", "ST. LOUIS (AP) --": a capitalised place, then a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?)"
    r"(?:\s*\([A-Za-z .]+\))?\s*(?:—|–|--|-)\s*(?=\S)"
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.\-]*|de|da|del|der|di|du|la|le|van|von|bin|al-\w+)$")
_JOB_WORDS = re.compile(
    r"\b(staff|writer|reporter|correspondent|editor|columnist|contributor|special to|"
    r"photographer|intern|bureau|press|news)\b",
    re.I,
)
_CREDIT_SPLIT = re.compile(r"\s*/\s*|\s+for\s+")
# Longer than this, a first line is a paragraph (real headlines in the corpus run to 130).
MAX_HEADLINE_LENGTH = 160
# "U.S.", "D.C.", "Jr.": a full stop that ends a word, not a sentence.
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|St|Inc|Co|Corp|Ltd)\.)$")


def sniff(head: bytes, filename: str) -> bool:
    """True for UTF-8 prose that is not markup, JSON, a table or program code.

    A .txt file in another encoding is claimed too, so that the import says what is wrong with it.
    """
    if not head.strip() or b"\x00" in head or _MARKUP_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return False
    if Path(filename).suffix.lower() in NOT_STORIES:
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    if sum(b"\t" in line for line in lines) > len(lines) / 2:
        return False  # tab-separated data
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off by the end of the sample is still text.
        if error.start < len(head) - 3:
            return filename.lower().endswith(".txt")
    return True


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield the one story in the text file at `path`.

    Raises ImportFormatError when the file is empty, binary or not UTF-8 text.
    """
    text = read_text(path)
    article = parse_text(text, name=Path(path).name)
    article.payload = text  # the file as received
    yield article


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a byte-order mark is allowed)."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise ImportFormatError("the file is empty")
    if b"\x00" in data:
        raise ImportFormatError("a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFormatError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} on line {line}; "
            "save the file as UTF-8 and import it again"
        ) from None


def parse_text(text: str, *, name: str = "") -> ParsedArticle:
    """The story in `text`, laid out as this module's docstring describes.

    `name` (the file's name) names a story whose text gives no headline.
    """
    text = unicodedata.normalize("NFC", text)
    blocks = _blocks(text)
    if not blocks:
        raise ImportFormatError("the file is empty")
    first_line, _, rest_of_first = blocks[0].partition("\n")
    rest = ([rest_of_first.strip()] if rest_of_first.strip() else []) + blocks[1:]
    slug = ""
    if reads_like_headline(first_line, next_line=rest_of_first, has_body=bool(rest)):
        headline = normalize_space(first_line)
    else:
        headline = placeholder_headline(name or "plain text")
        slug = slug_for(Path(name).stem.replace(".", "-")) if name else ""
        rest = blocks
    authors: list[ParsedAuthor] = []
    photo = ParsedPhoto()
    published_at = None
    body_start = _body_start(rest)
    previous = ""  # an unrecognised line just before a credit line is the photo's caption
    meta_lines = [line for block in rest[:body_start] for line in block.splitlines()]
    for line in map(normalize_space, meta_lines):
        if byline := _byline(line):
            authors.extend(byline)
        elif match := _CAPTION_LABEL.match(line):
            photo.caption = match.group(1)
        elif (date := parse_date(line)) is not None:
            published_at = date
        elif credit := parse_credit(line):
            photo.credit, photo.agency = credit
            photo.caption = photo.caption or previous
        else:
            previous = line
            continue
        previous = ""
    paragraphs = [normalize_space(block) for block in rest[body_start:]]
    dateline = ""
    if paragraphs and (match := _DATELINE.match(paragraphs[0])):
        dateline = normalize_space(match.group("place"))
        paragraphs[0] = paragraphs[0][match.end() :]
    has_photo = bool(photo.credit or photo.agency or photo.caption)
    return ParsedArticle(
        external_id=content_hash(text),
        headline=headline,
        body_html=paragraphs_to_html(paragraphs),
        dateline=dateline,
        authors=authors,
        published_at=published_at,
        lead_photo=photo if has_photo else None,
        slug=slug,
        label=f"(“{headline[:60]}”)",
    )


def content_hash(text: str) -> str:
    """A stable id for `text`: the same words with other spacing or line breaks give the same."""
    normal = "\n\n".join(normalize_space(block) for block in _blocks(text))
    return "sha256:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()


def parse_byline(value: str) -> list[ParsedAuthor]:
    """Authors named in "Jane Doe and John Roe", "Jane Doe, Staff Writer", "A, B and C"."""
    authors: list[ParsedAuthor] = []
    for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\|\s*", value.strip()):
        piece = piece.strip(" .;")
        if not piece:
            continue
        if looks_like_name(piece):
            name = piece.title() if piece.isupper() else piece
            authors.append(ParsedAuthor(name=name))
        elif authors and not authors[-1].job_title:
            authors[-1].job_title = piece
    return authors


def parse_credit(line: str) -> tuple[str, str] | None:
    """(photographer, agency) from a credit line, or None if `line` is not one.

    Accepts "Dana Whitfield / Associated Press", "Photo: Dana Whitfield/AP" and
    "Credit: Town of Westport".
    """
    labelled = _CREDIT_LABEL.match(line)
    value = labelled.group(1).strip() if labelled else line.strip()
    value = value.strip("()[] ")
    if not value or len(value) > 120 or value[-1] in '.?!"”':
        return None
    parts = [part.strip() for part in _CREDIT_SPLIT.split(value, maxsplit=1) if part.strip()]
    if not labelled and (len(parts) != 2 or " / " not in value and "/" not in value):
        return None
    if not labelled and all(len(part.split()) == 1 for part in parts):
        return None  # "GRANTS/DONATIONS", "Yes/No": a label, not a photographer and an agency
    if not all(_is_capitalised(part) for part in parts):
        return None
    if len(parts) == 2:
        return parts[0], parts[1]
    return ("", parts[0]) if _JOB_WORDS.search(parts[0]) else (parts[0], "")


def parse_date(line: str):
    """An aware datetime from a date line ("July 11, 2019", "Published: 2019-07-11"), else None."""
    value = _DATE_LABEL.sub("", line).strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = _month_day_year(value)
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def reads_like_headline(line: str, *, next_line: str = "", has_body: bool = True) -> bool:
    """True if `line`, the first of a text, is its headline.

    A headline is short, has no closing full stop, and is followed by the story (`has_body`).
    A dateline, byline, date or photo credit starts the story or its details instead; a label in
    capitals ("GRANTS/DONATIONS", "EXCLUSIVE") is a kicker; and a line whose text runs on into
    `next_line` (starting in lower case) is the first line of a wrapped paragraph.
    """
    line = normalize_space(line)
    if not line or not has_body or len(line) > MAX_HEADLINE_LENGTH:
        return False
    if next_line.strip()[:1].islower():
        return False
    ending = line.rstrip("\"'”’)]")
    if ending.endswith((",", ";", ":")):
        return False
    if ending.endswith(".") and not ending.endswith("...") and not _ABBREVIATION_END.search(ending):
        return False
    if line.isupper() and len(line.split()) < 4:
        return False
    if _DATELINE.match(line) or _byline(line) or parse_date(line) is not None:
        return False
    return not (parse_credit(line) or _CAPTION_LABEL.match(line))


def looks_like_name(value: str) -> bool:
    words = value.split()
    return (
        1 < len(words) <= 5
        and not _JOB_WORDS.search(value)
        and all(_NAME_WORD.match(word) for word in words)
    )


def _byline(line: str) -> list[ParsedAuthor]:
    """The authors an author line names; empty for any other line ("By the time…")."""
    match = _AUTHOR_LINE.match(line)
    return parse_byline(match.group(1)) if match and len(line) < 120 else []


def _month_day_year(value: str) -> datetime | None:
    match = _DATE_LINE.match(value)
    if not match or match["month"].lower() not in _MONTHS:
        return None
    hour = int(match["hour"] or 0)
    if match["ampm"]:
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    try:
        return datetime(
            int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]),
            hour, int(match["minute"] or 0),
        )  # fmt: skip
    except ValueError:
        return None


def _blocks(text: str) -> list[str]:
    """Runs of non-blank lines, in order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def _body_start(blocks: list[str]) -> int:
    """Index of the first paragraph of the story after the headline.

    The story starts at its dateline; without one, at the first block that reads like prose and
    is not a caption (a caption is followed by the credit line).
    """
    for index, block in enumerate(blocks[:8]):
        if _DATELINE.match(normalize_space(block)):
            return index
    for index, block in enumerate(blocks):
        line = normalize_space(block)
        if _byline(line) or parse_credit(line):
            continue
        if _CAPTION_LABEL.match(line) or parse_date(line) is not None:
            continue
        following = normalize_space(blocks[index + 1]) if index + 1 < len(blocks) else ""
        last_line = normalize_space(block.splitlines()[-1])
        if _reads_like_prose(line) and not parse_credit(following) and not parse_credit(last_line):
            return index
    return len(blocks)


def _reads_like_prose(line: str) -> bool:
    return len(line.split()) >= 12 or line[-1] in '.?!"”’:'


def _is_capitalised(value: str) -> bool:
    return value[:1].isupper() and any(char.isalpha() for char in value)
