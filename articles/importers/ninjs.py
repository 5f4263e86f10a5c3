"""IPTC ninjs (News in JSON) 1.x and 2.x: one document, a JSON list of documents, or JSON Lines.

Field mapping (2.x name / 1.x name; ninjs 3 camelCase names are read as their lower-case 2.x
forms, `embargoedUntil` as `embargoed`):
- `uri` → external id; `headlines` role main / `headline` → headline;
  role sub / `headline_sub` → dek.
- `bodies` (HTML preferred over plain text) / `body_html`, `body_xhtml`, `body_text` → body.
- `descriptions` role summary (or no role) / `description_text`, `description_html` → summary.
- `by` / `byline`, or structured `bylines`, `authors`, `creators`, `contributors`, or `people` whose
  `rel` is author → authors in order, with job titles ("By Dana Whitfield, Staff writer").
- `located` (or `datelines`) → dateline; failing that, a wire dateline opening the body
  ("GROSSETO, Italy (AP) -- …") is moved out of the first paragraph into the dateline.
- `subjects` / `subject`, `organisations` → topics (a subject with `rel` "section" names the
  section); `places` / `place` → places.
- `pubstatus`: usable → published, withheld → draft, canceled → draft (a killed story must come off
  the site when it replaces an earlier version).
- `version` and `versioncreated` → the version, so that an older one never replaces a newer
  one already imported.
- `firstcreated`, else `versioncreated`, else `contentcreated` → publish time (aware; a time
  without offset is UTC); a later `embargoed` time holds publication until then, and is kept as
  the story's embargo.
- `expires` (the time after which the provider no longer stands behind the item) → the time the
  newsroom's right to show it ends: the story comes off the site then.
- `copyrightholder` → the provider named on the page ("From dpa"); the item as received is kept.
- `associations` of type picture or graphic → photos; the one named like "featureimage" (else the
  first) is the lead photo. Caption, alt text and credit line come from its `descriptions`, the
  photographer from `by`, the agency from the credit line or `copyrightholder`, the image address
  from the largest rendition.

A document of type picture, graphic, audio or video on its own is not a story: it is skipped with
its type as the reason. When one file holds several versions of the same `uri`, only the newest
(`version`, then `versioncreated`) is imported and the others are skipped as "older version".
"""

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from articles.importers.base import (
    ImportFormatError,
    ItemError,
    ParsedArticle,
    ParsedAuthor,
    ParsedItem,
    ParsedPhoto,
    Skipped,
)
from articles.text import normalize_space, paragraphs_to_html, strip_tags

FORMAT = "ninjs"

EARLIEST = datetime.min.replace(tzinfo=UTC)

NOT_STORIES = {"picture", "graphic", "audio", "video"}
STATUS_BY_PUBSTATUS = {"usable": "published", "withheld": "draft", "canceled": "draft"}
SUB_HEADLINE_ROLES = {"sub", "subheadline", "subhead", "dek", "deck", "subtitle", "standfirst"}
SUMMARY_ROLES = {"", "summary", "abstract", "teaser", "lead", "description", "text", "plain"}
CAPTION_ROLES = {"caption", "summary", "description", ""}
ALT_ROLES = {"alt", "alttext", "alternative", "alternativetext", "accessibility"}
AUTHOR_RELS = {"author", "creator", "writer", "byline", "contributor", "reporter"}
AUTHOR_LIST_KEYS = ("bylines", "authors", "creators", "contributors")
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
LEAD_PHOTO_NAMES = re.compile(r"feature|lead|main|hero|top", re.I)
HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xhtml", "html", "xhtml"}

# "By"/"Von"/"Par"/"Por" opening a byline, and the words that join several names.
_BY_PREFIX = re.compile(r"^\s*(by|von|par|por|door|di|da)\s+", re.I)
_NAME_JOINERS = re.compile(r"\s+(?:and|und|et|y|e|en)\s+|\s*&\s*|\s*;\s*", re.I)
# Words that mark the part after a comma as a job title or an outlet, not another name.
_TITLE_WORDS = re.compile(
    r"\b(staff|writer|reporter|editor|correspondent|columnist|photographer|contributor|"
    r"producer|journalist|intern|chief|senior|associated|press|news|times|post|herald|"
    r"tribune|agency|service|bureau|for|of|the)\b",
    re.I,
)
_AGENCY_WORDS = re.compile(
    r"\b(press|news|agency|images|photos?|pictures|service|wire|pool|staff|getty|reuters|"
    r"afp|ap|dpa|epa|ansa|efe|upi|tass|xinhua|courtesy|handout|file)\b",
    re.I,
)
# A wire dateline opening a story: "GROSSETO, Italy (AP) -- ", "WESTPORT — ".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z.'\- ]{0,40}?)?)"
    r"\s*(?:\([^()]{1,30}\)\s*)?(?:--|—|–)\s*"
)
_LEADING_P = re.compile(r"^\s*(?:<body[^>]*>\s*|<section[^>]*>\s*|<div[^>]*>\s*)*<p[^>]*>", re.I)


class FieldError(ValueError):
    """One field of one item is unusable; the message starts with the field's name."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")


def sniff(head: bytes, filename: str) -> bool:
    """True for JSON that carries a ninjs `uri` (or a file named *.ninjs.json), and for an empty
    JSON list, so that the import says it has nothing in it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    text = _strip_bom(head).lstrip()
    if text[:1] not in (b"{", b"["):
        return False
    if text[:1] == b"[" and text[1:].strip() == b"]":
        return True
    return b'"uri"' in text or filename.lower().endswith((".ninjs.json", ".ninjs"))


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield one ParsedArticle, ItemError or Skipped per ninjs document in the file at `path`.

    Raises ImportFormatError when the file is empty, not UTF-8 (or UTF-16 with a byte order
    mark), or not JSON at all; a single bad line of a JSON Lines file is an ItemError instead.
    """
    parsed = _documents(_decode(path))
    received = {number: document for number, _, document in parsed}
    documents = [(n, line, _lowercase_keys(doc)) for n, line, doc in parsed]
    newest = _newest_versions(documents)
    for number, line, document in documents:
        label = _label(number, line, document)
        if isinstance(document, json.JSONDecodeError):
            yield ItemError(label, f"malformed JSON at column {document.colno}: {document.msg}")
            continue
        if not isinstance(document, dict):
            yield ItemError(label, f"item: expected a JSON object, found {_json_type(document)}")
            continue
        uri = _text(document.get("uri"))
        if uri and newest.get(uri) != number:
            yield Skipped(label, "older version")
            continue
        kind = _text(document.get("type")).lower()
        if kind in NOT_STORIES:
            yield Skipped(label, kind)
            continue
        try:
            article = document_to_article(document, label=label)
        except FieldError as error:
            yield ItemError(label, str(error))
        else:
            article.payload = json.dumps(received[number], ensure_ascii=False, indent=1)
            yield article


def document_to_article(document: dict, *, label: str = "") -> ParsedArticle:
    """The ParsedArticle for one ninjs text document. Raises FieldError naming the bad field."""
    uri = _text(document.get("uri"))
    if not uri:
        raise FieldError("uri", "missing; every ninjs item needs its own uri")
    headline, dek = _headlines(document)
    body_html = _body_html(document)
    if not headline:
        raise FieldError("headlines", "missing; the item has no headline")
    dateline = _dateline(document)
    if not dateline:
        dateline, body_html = split_dateline_html(body_html)
    named = [(name, _photo(name, item)) for name, item in _associations(document)]
    photos = [photo for _, photo in named if photo is not None]
    featured = [photo for name, photo in named if photo and LEAD_PHOTO_NAMES.search(name)]
    lead = (featured or photos or [None])[0]
    return ParsedArticle(
        external_id=uri,
        headline=headline,
        dek=dek,
        body_html=body_html,
        summary=_summary(document),
        dateline=dateline,
        language=_text(document.get("language")),
        authors=_authors(document),
        section=_section(document),
        status=_status(document),
        published_at=_publish_time(document),
        embargoed_until=_embargo(document),
        rights_expire_at=parse_datetime(document.get("expires"), field="expires"),
        provider=normalize_space(_text(document.get("copyrightholder"))),
        version=parse_version(document.get("version"), field="version"),
        version_created_at=parse_datetime(document.get("versioncreated"), field="versioncreated"),
        lead_photo=lead,
        photos=[photo for photo in photos if photo is not lead],
        places=_names(document, "places", "place"),
        slug=_text(document.get("slugline")),
        topics=_topics(document),
        label=label,
    )


def parse_datetime(value, *, field: str) -> datetime | None:
    """An aware datetime from an ISO 8601 string (a time without offset is UTC), or None if empty.

    Raises FieldError naming `field` for anything else.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise FieldError(field, f"not a date-time: {value!r}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(field, f"not a date-time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_version(value, *, field: str) -> int | None:
    """A version number (a whole number, as a number or in digits), or None if empty.

    Raises FieldError naming `field` for anything else.
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
        raise FieldError(field, f"not a whole number: {value!r}")
    return int(text)


def version_order(version, created) -> tuple[int, datetime]:
    """How new a copy of a story is: its version number, then its version time.

    A missing or unreadable part sorts as the oldest (the copy's own error is reported when it
    is read).
    """
    try:
        number = parse_version(version, field="version")
    except FieldError:
        number = None
    try:
        moment = parse_datetime(created, field="versioncreated")
    except FieldError:
        moment = None
    return (-1 if number is None else number, moment or EARLIEST)


def after_embargo(published_at: datetime | None, embargoed: datetime | None) -> datetime | None:
    """The publish time: `published_at`, unless an embargo holds the story until later."""
    if embargoed and (published_at is None or embargoed > published_at):
        return embargoed
    return published_at


def parse_byline(value: str) -> list[ParsedAuthor]:
    """Authors named by a byline, in order, with job titles.

    "By Dana Whitfield, Staff writer; Lee Park" → Dana Whitfield (Staff writer), Lee Park.
    "Paulo Santalucia and Frances d'Emilio" → two authors. "Von Christian Hollmann, dpa" →
    Christian Hollmann (dpa). "Ann Lee, Bo Diaz and Cy Ono" → three authors.
    """
    text = _BY_PREFIX.sub("", normalize_space(value))
    authors = []
    for part in _NAME_JOINERS.split(text):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        if not pieces:
            continue
        if len(pieces) > 1 and _is_title(", ".join(pieces[1:])):
            authors.append(ParsedAuthor(name=pieces[0], job_title=", ".join(pieces[1:])))
        else:
            authors.extend(ParsedAuthor(name=piece) for piece in pieces)
    return [author for author in authors if author.name]


def with_job_titles(
    authors: list[ParsedAuthor], byline_authors: list[ParsedAuthor]
) -> list[ParsedAuthor]:
    """`authors` (structured, so trusted for names and order) with job titles the byline gives.

    Returns `byline_authors` when there are no structured authors.
    """
    if not authors:
        return byline_authors
    titles = {author.name.casefold(): author.job_title for author in byline_authors}
    for author in authors:
        author.job_title = author.job_title or titles.get(author.name.casefold(), "")
    return authors


def split_credit(value: str) -> tuple[str, str]:
    """(photographer, agency) from a credit line: "Dana Whitfield / Associated Press".

    A single name that reads like an outlet ("ASSOCIATED PRESS", "Getty Images") is the agency;
    otherwise it is the photographer.
    """
    text = normalize_space(value)
    for separator in ("/", "|", " for ", " via "):
        if separator in text:
            credit, agency = text.split(separator, 1)
            return credit.strip(" ,;"), agency.strip(" ,;")
    if not text:
        return "", ""
    if _AGENCY_WORDS.search(text) or (text.isupper() and len(text) > 3) or len(text) <= 4:
        return "", text
    return text, ""


def split_dateline(text: str) -> tuple[str, str]:
    """(dateline, rest) when `text` opens with a wire dateline, else ("", text)."""
    match = _DATELINE.match(text or "")
    if not match:
        return "", text
    return normalize_space(match["place"]), text[match.end() :]


def split_dateline_html(body_html: str) -> tuple[str, str]:
    """`split_dateline` applied to the first paragraph of an HTML body."""
    opening = _LEADING_P.match(body_html or "")
    start = opening.end() if opening else 0
    dateline, rest = split_dateline(body_html[start:])
    if not dateline:
        return "", body_html
    return dateline, body_html[:start] + rest


def text_to_html(text: str) -> str:
    """Plain text as paragraphs: blank lines separate paragraphs (single newlines if none)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    if len(paragraphs) == 1:
        paragraphs = text.strip().splitlines()
    return paragraphs_to_html([normalize_space(p) for p in paragraphs])


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportFormatError("the file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset "
            f"{error.start}); ninjs files must be saved as UTF-8"
        ) from None


def _documents(text: str) -> list[tuple[int, int | None, object]]:
    """(item number, line number in JSON Lines, decoded value) for each document in `text`.

    A JSON Lines line that does not decode is given as its JSONDecodeError. Raises
    ImportFormatError for text that is neither JSON nor JSON Lines.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        whole_file_error = error
    else:
        if isinstance(value, list):
            return [(number, None, item) for number, item in enumerate(value, start=1)]
        if isinstance(value, dict):
            return [(1, None, value)]
        raise ImportFormatError(
            f"expected a ninjs object or a list of them, found {_json_type(value)}"
        )
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    documents = []
    for position, (number, line) in enumerate(lines, start=1):
        try:
            documents.append((position, number, json.loads(line)))
        except json.JSONDecodeError as error:
            documents.append((position, number, error))
    # JSON Lines puts one object on each line; a pretty-printed document never starts every
    # line with "{", so its syntax error is reported for the file as a whole.
    is_json_lines = (
        len(lines) > 1
        and all(line.lstrip().startswith("{") for _, line in lines)
        and any(isinstance(value, dict) for _, _, value in documents)
    )
    if not is_json_lines:
        raise ImportFormatError(
            f"malformed JSON at line {whole_file_error.lineno}, column "
            f"{whole_file_error.colno}: {whole_file_error.msg}"
        )
    return documents


def _newest_versions(documents: list[tuple[int, int | None, object]]) -> dict[str, int]:
    """For each uri in the file, the item number of its newest version."""
    newest: dict[str, tuple[tuple, int]] = {}
    for number, _, document in documents:
        if not isinstance(document, dict) or not _text(document.get("uri")):
            continue
        key = (*version_order(document.get("version"), document.get("versioncreated")), number)
        uri = _text(document["uri"])
        if uri not in newest or key > newest[uri][0]:
            newest[uri] = (key, number)
    return {uri: number for uri, (_, number) in newest.items()}


def _label(number: int, line: int | None, document) -> str:
    """ "item 3 (line 4, uri …, “headline”)": what a message calls this item."""
    parts = [f"line {line}"] if line else []
    if isinstance(document, dict):
        if document.get("uri"):
            parts.append(f"uri {_text(document.get('uri'))}")
        headline = _first_headline(document)
        if headline:
            parts.append(f"“{headline[:60]}”")
    return f"item {number} ({', '.join(parts)})" if parts else f"item {number}"


def _headlines(document: dict) -> tuple[str, str]:
    headlines = _objects(document, "headlines")
    main = _by_role(headlines, {"main", "headline", "title", ""}) or _text(document.get("headline"))
    sub = _by_role(headlines, SUB_HEADLINE_ROLES)
    for key in ("headline_sub", "headline_subheadline", "headline_dek", "headline_extended"):
        sub = sub or _text(document.get(key))
    if not sub:
        sub = _by_role(_objects(document, "descriptions"), {"dek", "deck", "subheadline"})
    main = main or (_text(headlines[0].get("value")) if headlines else "")
    return _plain(main), normalize_space(sub)


def _first_headline(document: dict) -> str:
    try:
        return _headlines(document)[0] or _text(document.get("title"))
    except FieldError:
        return ""


def _body_html(document: dict) -> str:
    bodies = _objects(document, "bodies")
    for body in bodies:
        kind = (_text(body.get("contenttype")) or _text(body.get("role"))).lower()
        if kind in HTML_TYPES or kind.endswith(("html", "xhtml+xml")):
            return _text(body.get("value"))
    for key in ("body_html", "body_xhtml", "body_richtext"):
        if _text(document.get(key)):
            return _text(document.get(key))
    for body in bodies:
        if _text(body.get("value")):
            return text_to_html(_text(body.get("value")))
    return text_to_html(_text(document.get("body_text")))


def _summary(document: dict) -> str:
    summary = _by_role(_objects(document, "descriptions"), SUMMARY_ROLES)
    summary = summary or _text(document.get("description_text"))
    summary = summary or strip_tags(_text(document.get("description_html")))
    return _plain(summary)


def _dateline(document: dict) -> str:
    datelines = document.get("datelines")
    if isinstance(datelines, list) and datelines:
        first = datelines[0]
        value = first.get("value") or first.get("name") if isinstance(first, dict) else first
        if _text(value):
            return normalize_space(_text(value))
    return normalize_space(_text(document.get("located") or document.get("dateline")))


def _authors(document: dict) -> list[ParsedAuthor]:
    by = _text(document.get("by") or document.get("byline"))
    from_by = parse_byline(by) if by else []
    structured = []
    for key in AUTHOR_LIST_KEYS:
        structured.extend(_author(entry) for entry in _objects(document, key))
    for person in _objects(document, "people", "person"):
        if _rel(person) in AUTHOR_RELS:
            structured.append(_author(person))
    return with_job_titles([author for author in structured if author.name], from_by)


def _author(entry: dict) -> ParsedAuthor:
    job_title = entry.get("jobtitle") or entry.get("job_title") or entry.get("title") or ""
    if isinstance(job_title, dict):
        job_title = job_title.get("name") or job_title.get("value") or ""
    return ParsedAuthor(
        name=normalize_space(_text(entry.get("name") or entry.get("byline"))),
        job_title=normalize_space(_text(job_title)),
        bio=normalize_space(_text(entry.get("biography") or entry.get("bio"))),
        email=_text(entry.get("email")),
        external_id=_text(entry.get("uri") or entry.get("code") or entry.get("literal")),
    )


def _section(document: dict) -> str:
    for subject in _objects(document, "subjects", "subject"):
        if _rel(subject) == "section" and _text(subject.get("name")):
            return normalize_space(_text(subject["name"]))
    return ""


def _topics(document: dict) -> list[str]:
    names = [
        normalize_space(_text(subject.get("name")))
        for subject in _objects(document, "subjects", "subject")
        if _rel(subject) != "section"
    ]
    names += _names(document, "organisations", "organisation")
    return unique_names(names)


def _names(document: dict, *keys: str) -> list[str]:
    return unique_names(
        normalize_space(_text(item.get("name"))) for item in _objects(document, *keys)
    )


def _status(document: dict) -> str:
    pubstatus = _text(document.get("pubstatus")).lower() or "usable"
    if pubstatus not in STATUS_BY_PUBSTATUS:
        raise FieldError("pubstatus", f"unknown value {pubstatus!r} (usable, withheld, canceled)")
    return STATUS_BY_PUBSTATUS[pubstatus]


def _publish_time(document: dict) -> datetime | None:
    published_at = None
    for key in ("firstcreated", "versioncreated", "contentcreated"):
        published_at = published_at or parse_datetime(document.get(key), field=key)
    return after_embargo(published_at, _embargo(document))


def _embargo(document: dict) -> datetime | None:
    field = "embargoeduntil" if "embargoeduntil" in document else "embargoed"
    return parse_datetime(document.get(field), field=field)


def _associations(document: dict) -> list[tuple[str, dict]]:
    associations = document.get("associations")
    if isinstance(associations, dict):  # ninjs 1.x: {"featureimage": {...}}
        return [(name, item) for name, item in associations.items() if isinstance(item, dict)]
    if isinstance(associations, list):
        return [(_text(item.get("name")), item) for item in associations if isinstance(item, dict)]
    if associations is not None:
        raise FieldError("associations", f"expected a list, found {_json_type(associations)}")
    return []


def _photo(name: str, item: dict) -> ParsedPhoto | None:
    renditions = _renditions(item)
    kind = _text(item.get("type")).lower()
    if kind not in {"picture", "graphic"} and not (
        not kind and any(_text(r.get("contenttype") or r.get("mimetype")).startswith("image/")
                         for r in renditions)
    ):  # fmt: skip
        return None
    descriptions = _objects(item, "descriptions")
    caption = _by_role(descriptions, CAPTION_ROLES) or _text(item.get("description_text"))
    caption = caption or strip_tags(_text(item.get("description_html")))
    caption = caption or _headlines(item)[0]
    credit, agency = _photo_credit(item, _by_role(descriptions, {"creditline", "credit"}))
    return ParsedPhoto(
        external_id=_text(item.get("uri")),
        caption=_plain(caption),
        credit=credit,
        agency=agency,
        alt_text=normalize_space(_by_role(descriptions, ALT_ROLES)),
        source_url=_best_rendition(renditions),
        taken_at=parse_datetime(
            item.get("contentcreated"), field=f"associations.{name}.contentcreated"
        ),
    )


def _photo_credit(item: dict, credit_line: str) -> tuple[str, str]:
    """(photographer, agency) from `by`, the credit line and `copyrightholder`."""
    by = normalize_space(_text(item.get("by") or item.get("byline")))
    holder = normalize_space(_text(item.get("copyrightholder")))
    credit, agency = split_credit(credit_line)
    if by:
        by_credit, by_agency = split_credit(by) if "/" in by else (by, "")
        if not agency and credit and credit.casefold() != by_credit.casefold():
            agency = credit  # "by" names the photographer, so the credit line is the agency
        credit, agency = by_credit, agency or by_agency
    if holder and credit.casefold() == holder.casefold():
        credit = ""
    return credit, agency or holder


def _renditions(item: dict) -> list[dict]:
    renditions = item.get("renditions")
    if isinstance(renditions, dict):  # ninjs 1.x: {"baseImage": {...}}
        return [
            dict(value, name=name) for name, value in renditions.items() if isinstance(value, dict)
        ]
    return [value for value in renditions or [] if isinstance(value, dict)]


def _best_rendition(renditions: list[dict]) -> str:
    """The original ("main", "original", "baseImage") if named, else the widest image."""
    images = [
        r for r in renditions
        if _is_web_address(_text(r.get("href")))
        and not _text(r.get("contenttype") or r.get("mimetype") or "image/").startswith("text/")
    ]  # fmt: skip
    for rendition in images:
        if _text(rendition.get("name")).lower() in {"main", "original", "baseimage", "highres"}:
            return _text(rendition["href"])
    images.sort(key=lambda r: r.get("width") or 0, reverse=True)
    return _text(images[0]["href"]) if images else ""


def _is_web_address(value: str) -> bool:
    try:
        _WEB_ADDRESS(value)
    except ValidationError:
        return False
    return True


def _objects(document: dict, *keys: str) -> list[dict]:
    """The objects in the first list found under `keys`; FieldError if it is not a list."""
    for key in keys:
        value = document.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise FieldError(key, f"expected a list, found {_json_type(value)}")
        return [item for item in value if isinstance(item, dict)]
    return []


def _by_role(objects: list[dict], roles: set[str]) -> str:
    for item in objects:
        if _text(item.get("role")).lower() in roles and _text(item.get("value")).strip():
            return _text(item["value"]).strip()
    return ""


def _rel(item: dict) -> str:
    """The last part of a `rel`, so "author" and "http://…/contentrole/author" compare equal."""
    return re.split(r"[/#:]", _text(item.get("rel")).lower())[-1]


def _is_title(text: str) -> bool:
    return bool(_TITLE_WORDS.search(text)) or text.islower() or not text[:1].isupper()


def _lowercase_keys(value):
    """`value` with every object key in lower case.

    ninjs 3 spells `versionCreated` what 1.x and 2.x spell `versioncreated`; the names are
    otherwise the same.
    """
    if isinstance(value, dict):
        return {str(key).lower(): _lowercase_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lowercase_keys(item) for item in value]
    return value


def _plain(value: str) -> str:
    """`value` as plain text: tags stripped only when it holds markup, so that plain text keeps
    an "&amp;" it spells out."""
    return strip_tags(value) if "<" in value else normalize_space(value)


def _text(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def unique_names(names) -> list[str]:
    """`names` without blanks and without repeats that differ only in case, first kept."""
    seen, result = set(), []
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
