"""What every format's `parse()` produces: plain data, no database.

A parser reads one file and yields `ParsedArticle` items, or `ItemError` for an item it could not
read (the rest of the file still imports), or `Skipped` for an item that is not a story (a
WordPress page, a menu item). The save step in `articles.importers.pipeline` turns parsed items
into rows.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path


class ImportFormatError(Exception):
    """The file as a whole cannot be read in this format (malformed, empty, unsafe XML…).

    The message names what is wrong; the pipeline adds the file name.
    """


class NothingToImport(ImportFormatError):
    """The file is readable but holds no story (a saved page without an article).

    The import lists it as having nothing to import rather than as a failure.
    """


@dataclass
class ParsedAuthor:
    name: str
    job_title: str = ""
    bio: str = ""
    email: str = ""
    external_id: str = ""


@dataclass
class ParsedPhoto:
    external_id: str = ""
    caption: str = ""
    credit: str = ""  # photographer
    agency: str = ""
    alt_text: str = ""
    source_url: str = ""  # remote original; fetched only with --fetch-images
    local_path: Path | None = None  # a file beside the import, when the format ships one
    taken_at: datetime | None = None


@dataclass
class ParsedQuote:
    """A quote the source itself marks up (most formats don't: quotes are found in the text)."""

    text: str
    speaker: str = ""
    speaker_title: str = ""


@dataclass
class ParsedArticle:
    external_id: str  # the source's own stable id: ninjs uri, WXR guid, feed entry id, content hash
    headline: str
    body_html: str = ""  # untrusted: sanitised by the save step
    dek: str = ""
    summary: str = ""
    dateline: str = ""
    language: str = ""  # as the source gives it ("de", "en-US"); the story keeps a tag of it
    authors: list[ParsedAuthor] = field(default_factory=list)
    section: str = ""
    status: str = ""  # "draft", "review" or "published"; empty: the command's --status decides
    published_at: datetime | None = None
    # Wire copy comes in versions: a version older than the stored one is not imported over it.
    version: int | None = None  # the source's version number (ninjs, NewsML-G2)
    version_created_at: datetime | None = None  # when the source made this version
    lead_photo: ParsedPhoto | None = None
    photos: list[ParsedPhoto] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # named by the source (subjects, locations)
    topics: list[str] = field(default_factory=list)  # source tags, categories, subjects
    quotes: list[ParsedQuote] = field(default_factory=list)
    source_url: str = ""
    slug: str = ""
    label: str = ""  # how to name this item in messages: "item 3 (guid …)"
    kind: str = ""  # the source's own type when it has several ("post"); counted in the report
    # Wire copy: who sent it ("The Associated Press"), when it may first be shown and when the
    # newsroom's right to show it ends, and the item exactly as received (JSON, XML or text).
    provider: str = ""
    embargoed_until: datetime | None = None
    rights_expire_at: datetime | None = None
    payload: str = ""


@dataclass
class ItemError:
    label: str  # "item 3 (id …, “headline”)"
    message: str  # names the field: "pubDate: not a date: 'yesterday'"
    kind: str = ""  # as `ParsedArticle.kind`


@dataclass
class Skipped:
    label: str
    reason: str  # why: "a site page, not a story"; the kind itself when the format has no types
    kind: str = ""  # the source's type ("page", "attachment"): the summary counts by it


ParsedItem = ParsedArticle | ItemError | Skipped


_TIMES = ("published_at", "version_created_at", "embargoed_until", "rights_expire_at")


def article_to_data(item: ParsedArticle) -> dict:
    """`item` as JSON-ready data (times in ISO 8601), for a worker to import it later."""
    return asdict(item, dict_factory=lambda pairs: {key: _plain(value) for key, value in pairs})


def article_from_data(data: dict) -> ParsedArticle:
    """The `ParsedArticle` that `article_to_data()` gave `data` for."""
    data = {**data, **{name: _time(data[name]) for name in _TIMES}}
    data["authors"] = [ParsedAuthor(**author) for author in data["authors"]]
    data["lead_photo"] = _photo(data["lead_photo"]) if data["lead_photo"] else None
    data["photos"] = [_photo(photo) for photo in data["photos"]]
    data["quotes"] = [ParsedQuote(**quote) for quote in data["quotes"]]
    return ParsedArticle(**data)


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Path) else value


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _photo(data: dict) -> ParsedPhoto:
    local_path = Path(data["local_path"]) if data["local_path"] else None
    return ParsedPhoto(**{**data, "local_path": local_path, "taken_at": _time(data["taken_at"])})
