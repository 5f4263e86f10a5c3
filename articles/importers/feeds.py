"""RSS 2.0, RSS 1.0 and Atom feeds, read with feedparser.

Each entry becomes a story: its id (or guid, or link) is the stable id, its content (or summary)
the body, its categories topics, and its Media RSS images and image enclosures photos, with the
credit from `media:credit` and the caption from `media:description` or `media:title`. Feed
entries carry no workflow status: the import's `--status` decides.

The bytes are first parsed by defusedxml, which refuses entity declarations, so a feed cannot
expand entities without bound or read local files before feedparser sees it. That parse also
supplies the Media RSS details, kept per image (feedparser flattens credits across an entry).
"""

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element, tostring

import feedparser

from articles.text import normalize_space, paragraphs_to_html, strip_tags

from .base import ImportFormatError, ItemError, ParsedArticle, ParsedAuthor, ParsedItem, ParsedPhoto
from .ninjs import split_dateline_html
from .text import parse_credit
from .xmlsafe import local_name, parse_bytes, root_name

FORMAT = "feed"

MEDIA_NS = "{http://search.yahoo.com/mrss/}"
_FEED_ROOTS = {b"rss", b"feed", b"rdf:RDF"}
_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|webp|avif)$", re.I)
# "David Smith in Washington", "Associated Press in Palm Beach, Florida"
_IN_PLACE = re.compile(
    r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?"
)
# "Damian Carrington Environment editor", "Jason Burke Africa correspondent"
_JOB_TAIL = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+)?(?:editor|correspondent|reporter|writer|columnist|critic)\b.*$"
)


_CREDIT_LABEL = re.compile(
    r"^(?:photo(?:graph)?|illustration|composite|image|picture|credit|foto)s?\s*:\s*", re.I
)


def sniff(head: bytes, filename: str) -> bool:
    """True when the document element is `<rss>`, Atom's `<feed>` or RSS 1.0's `<rdf:RDF>`,
    and the document is not a WordPress export (which is RSS too)."""
    if b"wordpress.org/export/" in head:
        return False
    return root_name(head) in _FEED_ROOTS


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield one story per feed entry of the file at `path`.

    Raises ImportFormatError when the file is empty, declares XML entities, or is not a feed.
    """
    data = Path(path).read_bytes()
    root = parse_bytes(data)
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.version and not feed.entries:
        reason = feed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> document element"
        raise ImportFormatError(f"not an RSS or Atom feed: {reason}")
    elements = _entry_elements(root) if root is not None else []
    media = [_entry_media(element) for element in elements]
    if len(media) != len(feed.entries):
        elements, media = [], [_feedparser_media(entry) for entry in feed.entries]
    provider = normalize_space(strip_tags(feed.feed.get("title", "")))
    for number, (entry, photos) in enumerate(zip(feed.entries, media, strict=True), start=1):
        if feed.version.startswith("atom") and not entry.get("authors"):
            entry["authors"] = feed.feed.get("authors", [])  # Atom: the feed's author is theirs
        item = _entry(entry, number, photos, is_rss=feed.version.startswith("rss"))
        if isinstance(item, ParsedArticle):
            # The feed's title names who sent the copy; the entry's XML is kept as received.
            item.provider = provider
            # Atom's xml:lang on the entry, else RSS's <language> (or Atom's) for the feed.
            title = entry.get("title_detail") or {}
            item.language = title.get("language") or feed.feed.get("language") or ""
            item.payload = tostring(elements[number - 1], encoding="unicode") if elements else ""
        yield item


def _entry(entry, number: int, photos: list[ParsedPhoto], *, is_rss: bool) -> ParsedItem:
    title = normalize_space(strip_tags(entry.get("title", "")))
    external_id = entry.get("id") or entry.get("link") or ""
    label = f"item {number} ({external_id or 'no id'}, “{title[:60]}”)"
    body, summary = _body(entry)
    dateline, body = split_dateline_html(body)
    if not title:
        return ItemError(label=label, message="title: the entry has no title")
    if not external_id:
        external_id = "sha256:" + hashlib.sha256((title + body).encode("utf-8")).hexdigest()
    published_at = None
    for field, raw_name in (
        ("published", "pubDate" if is_rss else "published"),
        ("updated", "updated"),
    ):
        if entry.get(field):
            parsed = entry.get(f"{field}_parsed")
            if parsed is None:
                return ItemError(label=label, message=f"{raw_name}: not a date: {entry[field]!r}")
            published_at = datetime(*parsed[:6], tzinfo=UTC)
            break
    topics = []
    for tag in entry.get("tags", []):
        name = normalize_space(tag.get("label") or tag.get("term") or "")
        if name and name not in topics:
            topics.append(name)
    return ParsedArticle(
        external_id=external_id,
        headline=title,
        body_html=body,
        dateline=dateline,
        summary=summary,
        authors=_authors(entry),
        published_at=published_at,
        lead_photo=photos[0] if photos else None,
        photos=photos[1:],
        topics=topics,
        source_url=entry.get("link", ""),
        label=label,
    )


def _body(entry) -> tuple[str, str]:
    """(body HTML, plain summary): the full content when the feed has it, else the summary."""
    summary = entry.get("summary", "")
    contents = entry.get("content") or []
    html_content = next((c for c in contents if "html" in c.get("type", "")), None)
    content = html_content or (contents[0] if contents else None)
    if content and content.get("value", "").strip():
        value = content["value"]
        is_html = "html" in content.get("type", "")
        body = value if is_html else paragraphs_to_html(re.split(r"\n\s*\n", value))
        return body.strip(), strip_tags(summary) if summary != value else ""
    if summary and "<" not in summary:
        summary = paragraphs_to_html(re.split(r"\n\s*\n", summary))
    return summary.strip(), ""


def _authors(entry) -> list[ParsedAuthor]:
    """Bylines as people: places ("… in Washington") and job titles ("… Africa correspondent")
    are taken out of the names, "A and B" are two authors."""
    names = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"]]
    authors: list[ParsedAuthor] = []
    for raw in names:
        raw = _IN_PLACE.sub("", re.sub(r"\([^)]*\)", "", strip_tags(raw)))
        pieces = [p for p in (normalize_space(p) for p in re.split(r",|\s+and\s+|&", raw)) if p]
        if any(not piece[0].isupper() for piece in pieces):
            pieces = [normalize_space(raw)]  # "Staff and agencies" is one credit, not two people
        for piece in pieces:
            job = _JOB_TAIL.search(piece)
            name = piece[: job.start()] if job else piece
            authors.append(ParsedAuthor(name=name, job_title=job.group(0).strip() if job else ""))
    return [author for author in authors if author.name]


def _entry_elements(root: Element) -> list[Element]:
    """The feed's entries (Atom) or items (RSS) in document order."""
    if local_name(root.tag) == "feed":
        return [e for e in root if local_name(e.tag) == "entry"]
    return [e for e in root.iter() if local_name(e.tag) == "item"]


def _entry_media(entry: Element) -> list[ParsedPhoto]:
    photos: dict[str, tuple[int, ParsedPhoto]] = {}
    shared_credit = entry.find(f"{MEDIA_NS}credit")
    shared_description = entry.find(f"{MEDIA_NS}description")
    for element in entry.iter():
        name = local_name(element.tag)
        if element.tag in (f"{MEDIA_NS}content", f"{MEDIA_NS}thumbnail"):
            url = element.get("url", "")
            medium = element.get("medium") or element.get("type", "image").split("/")[0]
            if medium != "image" and not _IMAGE_SUFFIX.search(url.split("?")[0]):
                continue
            credit = element.find(f"{MEDIA_NS}credit")
            description = element.find(f"{MEDIA_NS}description")
            title = element.find(f"{MEDIA_NS}title")
            caption_element = next(
                (e for e in (description, title, shared_description) if e is not None), None
            )
            caption = strip_tags(caption_element.text or "") if caption_element is not None else ""
            credit_element = credit if credit is not None else shared_credit
            credit_text = (credit_element.text or "") if credit_element is not None else ""
            _keep(photos, url, _width(element), caption, credit_text)
        elif name == "enclosure" and element.get("type", "").startswith("image/"):
            _keep(photos, element.get("url", ""), 0, "", "")
        elif name == "link" and element.get("rel") == "enclosure":
            if element.get("type", "").startswith("image/"):
                _keep(photos, element.get("href", ""), 0, "", "")
    return [photo for _, photo in photos.values()]


def _feedparser_media(entry) -> list[ParsedPhoto]:
    """Images as feedparser reports them, for feeds too malformed for the strict parse."""
    photos: dict[str, tuple[int, ParsedPhoto]] = {}
    credit = entry.get("credit", "")
    for item in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        _keep(photos, item.get("url", ""), int(item.get("width") or 0), "", credit)
    for link in entry.get("enclosures", []):
        if link.get("type", "").startswith("image/"):
            _keep(photos, link.get("href", ""), 0, "", "")
    return [photo for _, photo in photos.values()]


def _keep(photos: dict, url: str, width: int, caption: str, credit_text: str) -> None:
    """Add an image, one per picture: sizes of the same picture differ only in the query."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        return
    key = url.split("?")[0]
    known = photos.get(key)
    if known and known[0] >= width:
        return
    credit, agency = _credit(credit_text)
    previous = known[1] if known else ParsedPhoto()
    photos[key] = (
        width,
        ParsedPhoto(
            external_id=key,
            caption=caption or previous.caption,
            credit=credit or previous.credit,
            agency=agency or previous.agency,
            source_url=url,
        ),
    )


def _credit(text: str) -> tuple[str, str]:
    """(photographer, agency) from "Photograph: Alex Wong/Getty Images" and the like."""
    text = _CREDIT_LABEL.sub("", normalize_space(text))
    if not text:
        return "", ""
    return parse_credit(text) or (text, "")


def _width(element: Element) -> int:
    width = element.get("width", "")
    return int(width) if width.isdigit() else 0
