"""IPTC NewsML-G2 news items from wire services: a `newsItem` file or a `newsMessage` of items.

Read with defusedxml: a file that declares entities (billion laughs) or points at external ones
(XXE) is refused as a whole with ImportFormatError, before anything is expanded or fetched.

Field mapping for a text `newsItem` (itemClass ninat:text):
- `@guid` → external id; `@version` and `itemMeta/versionCreated` → the version: within a file
  the newest copy of a guid wins, and an older one never replaces a newer one already imported.
- `contentMeta/headline` → headline (a headline whose role names "sub", or `subheadline`, → dek);
  the NITF `hl1` when the item has no headline of its own.
- `contentMeta/by`, else `creator/name`, else the NITF `byline` (with `byttl` as job title).
- `contentMeta/dateline`, else the NITF dateline, else the `located` place name → dateline.
- `located` (with its broader places) and subjects of type geoArea → places; other subjects and
  organisations (their `name`) → topics.
- `description` (role summary or none), else the NITF `abstract` → summary.
- `contentSet`: `inlineXML` with XHTML (the `body`) or NITF (`body.content`) → body HTML;
  `inlineData` plain text → paragraphs.
- `itemMeta/pubStatus`: usable → published, withheld and canceled → draft.
- `firstCreated`, else `versionCreated`, else `contentCreated` → publish time; a later
  `embargoed` time holds publication until then, and is kept as the story's embargo.
- `itemMeta/provider` (its name or literal, else its code), else the `rightsInfo` copyright
  holder → the provider named on the page; the item's XML as received is kept.

Picture, graphic, audio and video items, package items, knowledge items, concept items and
planning items are not stories: each is skipped with its kind as the reason.
"""

import codecs
import html
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, tostring

from articles.importers.base import (
    ImportFormatError,
    ItemError,
    ParsedArticle,
    ParsedAuthor,
    ParsedItem,
    Skipped,
)
from articles.importers.ninjs import (
    STATUS_BY_PUBSTATUS,
    FieldError,
    after_embargo,
    parse_byline,
    parse_datetime,
    parse_version,
    split_dateline_html,
    text_to_html,
    unique_names,
    version_order,
    with_job_titles,
)
from articles.importers.xmlsafe import SNIFF_BYTES, iter_events, local_name
from articles.text import normalize_space

FORMAT = "newsml"

ITEM_KINDS = {
    "newsItem": "",
    "packageItem": "package",
    "knowledgeItem": "knowledge item",
    "conceptItem": "concept item",
    "conceptSet": "concept set",
    "planningItem": "planning item",
}
# NITF and XHTML elements with a different name in a story body.
HTML_NAMES = {"hl1": "h2", "hl2": "h3", "block": "div", "body.content": "div", "media": "figure"}
VOID_ELEMENTS = {"br", "hr", "img", "wbr"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def sniff(head: bytes, filename: str) -> bool:
    """True for XML whose first bytes name a NewsML-G2 item or message."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<") and (
        b"iptc.org/std/nar/" in text or b"<newsItem" in text or b"<newsMessage" in text
    )


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield a ParsedArticle, ItemError or Skipped for each item in the NewsML-G2 file at `path`.

    The file is streamed twice (versions first, then items), one item in memory at a time.
    Raises ImportFormatError when the file is empty, malformed, not in its declared encoding,
    declares entities or refers to external ones, or holds no NewsML-G2 item at all; all of that
    is found in the first pass, before any item is yielded.
    """
    _check_encoding(path)
    newest = _newest_versions(path)
    for number, item in _items(path):
        label = _label(number, item)
        kind = ITEM_KINDS[local_name(item.tag)] or _item_class(item)
        if kind != "text":
            yield Skipped(label, kind or "item without itemClass")
        elif item.get("guid") and newest[item.get("guid")] != number:
            yield Skipped(label, "older version")
        else:
            try:
                article = item_to_article(item, label=label)
            except FieldError as error:
                yield ItemError(label, str(error))
            else:
                article.payload = tostring(item, encoding="unicode")
                yield article


def item_to_article(item: Element, *, label: str = "") -> ParsedArticle:
    """The ParsedArticle for one text newsItem. Raises FieldError naming the bad field."""
    guid = (item.get("guid") or "").strip()
    if not guid:
        raise FieldError("guid", "missing; every NewsML-G2 item needs its own guid")
    meta = _child(item, "contentMeta")
    item_meta = _child(item, "itemMeta")
    nitf = _first(item, "contentSet/inlineXML/nitf")
    headline, dek = _headlines(meta)
    headline = headline or _text(_first(nitf, "body/body.head/hedline/hl1"))
    if not headline:
        raise FieldError("headline", "missing; the item has no headline")
    body_html = _body_html(item)
    dateline = _text(_child(meta, "dateline")) or _text(
        _first(nitf, "body/body.head/dateline/location")
    )
    if not dateline:
        dateline, body_html = split_dateline_html(body_html)
    located = _child(meta, "located")
    dateline = dateline or _name(located)
    return ParsedArticle(
        external_id=guid,
        headline=headline,
        dek=dek,
        body_html=body_html,
        summary=_summary(meta) or _text(_first(nitf, "body/body.head/abstract")),
        dateline=dateline,
        language=_language(item, meta),
        authors=_authors(meta, nitf),
        status=_status(item_meta),
        published_at=_publish_time(item_meta, meta),
        embargoed_until=parse_datetime(_text(_child(item_meta, "embargoed")), field="embargoed"),
        provider=_provider(item),
        version=parse_version(item.get("version"), field="version"),
        version_created_at=parse_datetime(
            _text(_child(item_meta, "versionCreated")), field="versionCreated"
        ),
        places=_places(meta),
        topics=_topics(meta),
        label=label,
    )


def _check_encoding(path: Path) -> None:
    """Refuse a file that is not UTF-8 although its XML declaration names no other encoding."""
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        declared = _ENCODING.match(head)
        if declared is not None and declared[1].lower() not in (b"utf-8", b"utf8"):
            return
        decoder, offset = codecs.getincrementaldecoder("utf-8")(), 0
        stream.seek(0)
        while chunk := stream.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise ImportFormatError(
                    f"not UTF-8 text (byte 0x{chunk[error.start]:02x} at offset "
                    f"{offset + error.start}) and the XML declaration names no other encoding"
                ) from None
            offset += len(chunk)


def _items(path: Path) -> Iterator[tuple[int, Element]]:
    """(number, element) for the root item, or each item of every itemSet of a newsMessage.

    Raises ImportFormatError when the file holds no NewsML-G2 item.
    """
    depth, number, root = 0, 0, ""
    for event, element in iter_events(path):
        if event == "start":
            depth += 1
            root = root or local_name(element.tag)
            continue
        depth -= 1
        is_item = local_name(element.tag) in ITEM_KINDS
        if is_item and (depth == 0 or (depth == 2 and root == "newsMessage")):
            number += 1
            yield number, element
            element.clear()
    if number == 0:
        raise ImportFormatError(f"no NewsML-G2 item found (the root element is <{root}>)")


def _newest_versions(path: Path) -> dict[str, int]:
    """For each guid in the file, the number of its newest item (`version`, then time)."""
    newest: dict[str, tuple[tuple, int]] = {}
    for number, item in _items(path):
        guid = item.get("guid")
        if not guid:
            continue
        created = _text(_first(item, "itemMeta/versionCreated"))
        key = (*version_order(item.get("version"), created), number)
        if guid not in newest or key > newest[guid][0]:
            newest[guid] = (key, number)
    return {guid: number for guid, (_, number) in newest.items()}


def _item_class(item: Element) -> str:
    """ "text", "picture"… from itemClass qcode "ninat:text" or its full URI form."""
    item_class = _first(item, "itemMeta/itemClass")
    if item_class is None:
        return ""
    qcode = item_class.get("qcode") or item_class.get("uri") or ""
    return re.split(r"[:/]", qcode.rstrip("/"))[-1].lower()


def _label(number: int, item: Element) -> str:
    parts = [f"guid {item.get('guid')}"] if item.get("guid") else []
    headline = _text(_first(item, "contentMeta/headline"))
    if headline:
        parts.append(f"“{headline[:60]}”")
    return f"item {number} ({', '.join(parts)})" if parts else f"item {number}"


def _headlines(meta: Element | None) -> tuple[str, str]:
    main, sub = "", _text(_child(meta, "subheadline"))
    for headline in _children(meta, "headline"):
        if "sub" in (headline.get("role") or "").lower():
            sub = sub or _text(headline)
        else:
            main = main or _text(headline)
    return main, sub


def _summary(meta: Element | None) -> str:
    for description in _children(meta, "description"):
        role = (description.get("role") or "").lower()
        if not role or "summary" in role or "abstract" in role:
            return _text(description)
    return ""


def _authors(meta: Element | None, nitf: Element | None) -> list[ParsedAuthor]:
    by = _text(_child(meta, "by"))
    if by:
        return parse_byline(by)
    creators = [
        ParsedAuthor(
            name=_name(creator), external_id=creator.get("uri") or creator.get("qcode") or ""
        )
        for creator in _children(meta, "creator")
        if _name(creator)
    ]
    return with_job_titles(creators, _nitf_byline(nitf))


def _nitf_byline(nitf: Element | None) -> list[ParsedAuthor]:
    """Authors of a NITF `byline`: "By Meredith Jameson, <byttl>Staff Reporter</byttl>"."""
    byline = _first(nitf, "body/body.head/byline")
    if byline is None:
        return []
    authors = parse_byline(normalize_space(byline.text or "").rstrip(" ,"))
    title = _text(_child(byline, "byttl"))
    if title and len(authors) == 1 and not authors[0].job_title:
        authors[0].job_title = title
    return authors


def _places(meta: Element | None) -> list[str]:
    located = _child(meta, "located")
    places = [_name(located)] + [_name(broader) for broader in _children(located, "broader")]
    for subject in _children(meta, "subject"):
        if _concept_type(subject) in {"geoarea", "poi"}:
            places.append(_name(subject))
    return unique_names(places)


def _topics(meta: Element | None) -> list[str]:
    return unique_names(
        _name(subject)
        for subject in _children(meta, "subject")
        if _concept_type(subject) not in {"geoarea", "poi", "person"}
    )


def _concept_type(element: Element) -> str:
    return re.split(r"[:/]", element.get("type") or "")[-1].lower()


def _status(item_meta: Element | None) -> str:
    pub_status = _child(item_meta, "pubStatus")
    qcode = (pub_status.get("qcode") or "stat:usable") if pub_status is not None else "stat:usable"
    value = re.split(r"[:/]", qcode)[-1].lower()
    if value not in STATUS_BY_PUBSTATUS:
        raise FieldError("pubStatus", f"unknown value {qcode!r} (stat:usable, withheld, canceled)")
    return STATUS_BY_PUBSTATUS[value]


def _publish_time(item_meta: Element | None, meta: Element | None):
    published_at = None
    for parent, name in (
        (item_meta, "firstCreated"),
        (item_meta, "versionCreated"),
        (meta, "contentCreated"),
    ):
        published_at = published_at or parse_datetime(_text(_child(parent, name)), field=name)
    embargoed = parse_datetime(_text(_child(item_meta, "embargoed")), field="embargoed")
    return after_embargo(published_at, embargoed)


def _provider(item: Element) -> str:
    provider = _child(_child(item, "itemMeta"), "provider")
    if provider is not None:
        name = _text(_child(provider, "name")) or provider.get("literal") or ""
        code = re.split(r"[:/]", provider.get("qcode") or "")[-1]
        if name or code:
            return normalize_space(name or code)
    return normalize_space(_text(_first(item, "rightsInfo/copyrightHolder/name")))


def _body_html(item: Element) -> str:
    content_set = _child(item, "contentSet")
    for inline in _children(content_set, "inlineXML"):
        xhtml_body = _first(inline, "html/body")
        if xhtml_body is not None:
            return _inner_html(xhtml_body).strip()
        nitf_content = _first(inline, "nitf/body/body.content")
        if nitf_content is not None:
            return _inner_html(nitf_content).strip()
    for inline in _children(content_set, "inlineData"):
        if "html" in (inline.get("contenttype") or ""):
            return (inline.text or "").strip()
        if (inline.text or "").strip():
            return text_to_html(inline.text)
    return ""


def _inner_html(element: Element) -> str:
    """The children of `element` as HTML: namespaces dropped, NITF names mapped to HTML."""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        name = HTML_NAMES.get(local_name(child.tag), local_name(child.tag))
        attributes = "".join(
            f' {local_name(key)}="{html.escape(value)}"'
            for key, value in child.attrib.items()
            if not key.startswith("{")
        )
        if name in VOID_ELEMENTS:
            parts.append(f"<{name}{attributes}>")
        else:
            parts.append(f"<{name}{attributes}>{_inner_html(child)}</{name}>")
        parts.append(html.escape(child.tail or "", quote=False))
    return re.sub(r"\s+", " ", "".join(parts))


def _language(item: Element, meta: Element | None) -> str:
    """The item's language: contentMeta's <language tag="…">, else the item's xml:lang."""
    language = _child(meta, "language")
    return (language.get("tag", "") if language is not None else "") or item.get(XML_LANG, "")


def _child(parent: Element | None, name: str) -> Element | None:
    return None if parent is None else parent.find(f"{{*}}{name}")


def _children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else parent.findall(f"{{*}}{name}")


def _first(parent: Element | None, path: str) -> Element | None:
    """The first element at a slash-separated `path` of local names, in any namespace."""
    if parent is None:
        return None
    return parent.find("/".join(f"{{*}}{step}" for step in path.split("/")))


def _name(concept: Element | None) -> str:
    """A concept's name: the English one, else one without a language, else the first."""
    names = _children(concept, "name")
    for name in names:
        if (name.get(XML_LANG) or "en").lower().startswith("en"):
            return _text(name)
    return _text(names[0]) if names else ""


def _text(element: Element | None) -> str:
    return "" if element is None else normalize_space("".join(element.itertext()))
