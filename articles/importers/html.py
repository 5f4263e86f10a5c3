"""Saved web pages of single stories (File → Save Page As…, or a page fetched by a script).

trafilatura finds the story's text among the navigation, related links and footer, and the
page's own metadata fills in the rest: the JSON-LD `NewsArticle` (headline, authors, publish
time, image with caption and credit) first, then Open Graph (`og:title`, `og:image`, `og:url`),
then what trafilatura reads from the page. The stable id is the canonical address (or `og:url`,
or the address a browser noted when saving the page); a page without any is identified by a hash
of its text.
"""

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import trafilatura
from django.utils import timezone
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import build_html_output
from trafilatura.utils import load_html

from articles.text import normalize_space, strip_tags

from .base import (
    ImportFormatError,
    NothingToImport,
    ParsedArticle,
    ParsedAuthor,
    ParsedItem,
    ParsedPhoto,
)
from .ninjs import split_dateline_html
from .text import parse_byline, parse_credit
from .wpmarkup import split_caption_credit
from .xmlsafe import root_name

FORMAT = "html"
# Fewer words than this is a menu or an error page, not a story (even a brief has a sentence).
MIN_STORY_WORDS = 10

_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report)$")
# Browsers mark a saved page with where it came from: <!-- saved from url=(0042)https://… -->
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)
_BODY = re.compile(r"^\s*<html>\s*<body>|</body>\s*</html>\s*$")


def sniff(head: bytes, filename: str) -> bool:
    """True when the document element is `<html>` (or a page that starts at `<head>`)."""
    return root_name(head).lower() in (b"html", b"head")


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield the one story on the saved page at `path`.

    Raises ImportFormatError when the file is empty, NothingToImport when it holds no story text.
    """
    data = Path(path).read_bytes()
    if not data.strip():
        raise ImportFormatError("the file is empty")
    tree = load_html(data)
    if tree is None:
        raise ImportFormatError("not an HTML page")
    page = _PageMeta(tree)
    if not page.url and (saved_from := _SAVED_FROM.search(data[:2048])):
        page.url = saved_from.group(1).decode("ascii", "replace")
    document = trafilatura.bare_extraction(
        tree,
        url=page.url or None,
        with_metadata=True,
        include_images=True,
        include_formatting=True,
        include_tables=True,
        include_links=True,
    )
    if document is None or len((document.text or "").split()) < MIN_STORY_WORDS:
        raise NothingToImport("no story text found on the page")
    headline = normalize_space(page.headline or document.title or "")
    if not headline:
        raise ImportFormatError("title: the page has no headline (no <title>, og:title or h1)")
    text = normalize_space(document.text)
    lead_photo = page.lead_photo(document.image)
    body = _body_html(document, headline=headline, lead_photo=lead_photo, base=page.url)
    dateline, body = split_dateline_html(body)
    external_id = page.url or "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    yield ParsedArticle(
        external_id=external_id,
        headline=headline,
        body_html=body,
        dateline=dateline,
        language=page.language,
        summary=page.description or normalize_space(document.description or ""),
        authors=page.authors or _authors(document.author or ""),
        published_at=page.published_at or _date(document.date or ""),
        lead_photo=lead_photo,
        topics=page.keywords,
        source_url=page.url,
        label=f"“{headline[:60]}”",
        payload=data.decode("utf-8", "replace"),  # the saved page as received
    )


class _PageMeta:
    """What the page says about itself: canonical address, Open Graph and JSON-LD."""

    def __init__(self, tree: HtmlElement):
        self.tree = tree
        self.meta: dict[str, str] = {}
        for element in tree.iter("meta"):
            key = (element.get("property") or element.get("name") or "").strip().lower()
            if key and key not in self.meta and element.get("content"):
                self.meta[key] = normalize_space(element.get("content"))
        canonical = tree.xpath("//link[@rel='canonical']/@href")
        self.url = (canonical[0].strip() if canonical else "") or self.meta.get("og:url", "")
        self.ld = _json_ld_article(tree)
        self.language = _text(self.ld.get("inLanguage")) or tree.get("lang", "")  # <html lang>
        self.headline = normalize_space(
            _text(self.ld.get("headline")) or self.meta.get("og:title", "")
        )
        self.description = _text(self.ld.get("description")) or self.meta.get(
            "og:description", self.meta.get("description", "")
        )
        self.authors = [ParsedAuthor(name=name) for name in _names(self.ld.get("author"))]
        self.published_at = _date(
            _text(self.ld.get("datePublished")) or self.meta.get("article:published_time", "")
        )
        keywords = self.ld.get("keywords") or self.meta.get("keywords", "")
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        self.keywords = list(dict.fromkeys(k for k in map(normalize_space, keywords) if k))

    def lead_photo(self, fallback: str | None) -> ParsedPhoto | None:
        image = self.ld.get("image")
        if isinstance(image, list):
            image = image[0] if image else None
        details = image if isinstance(image, dict) else {}
        url = _text(details.get("url") or details.get("contentUrl")) or _text(image)
        url = urljoin(self.url, url or self.meta.get("og:image", "") or fallback or "")
        if not url.startswith(("http://", "https://")):
            return None
        caption = _text(details.get("caption"))
        credit_text = _text(details.get("creditText") or details.get("copyrightHolder"))
        figure_caption = self._figure_caption(url)
        caption, credit, agency = split_caption_credit(caption or figure_caption)
        if credit_text:
            credit, agency = parse_credit(credit_text) or (credit_text, "")
        return ParsedPhoto(
            external_id=url,
            source_url=url,
            caption=caption,
            credit=credit,
            agency=agency,
            alt_text=self.meta.get("og:image:alt", "") or self._image_alt(url),
        )

    def _figure_caption(self, url: str) -> str:
        for figure in self.tree.iter("figure"):
            sources = [urljoin(self.url, src) for src in figure.xpath(".//img/@src")]
            captions = figure.xpath(".//figcaption")
            if url in sources and captions:
                return normalize_space(captions[0].text_content())
        return ""

    def _image_alt(self, url: str) -> str:
        for image in self.tree.iter("img"):
            if urljoin(self.url, image.get("src", "")) == url:
                return normalize_space(image.get("alt", ""))
        return ""


def _body_html(document, *, headline: str, lead_photo: ParsedPhoto | None, base: str) -> str:
    """The story's HTML without its headline and lead picture (stored apart), links absolute."""
    body = document.body
    for heading in body.xpath(".//head"):
        if normalize_space("".join(heading.itertext())) == headline:
            _drop(heading)
            break
    for graphic in body.xpath(".//graphic"):
        source = urljoin(base, graphic.get("src", ""))
        if lead_photo and source == lead_photo.source_url:
            _drop(graphic)
        else:
            graphic.set("src", source)
    html = _BODY.sub("", build_html_output(document))
    return html.strip()


def _drop(element) -> None:
    """Remove `element` from its tree, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _json_ld_article(tree: HtmlElement) -> dict:
    """The first JSON-LD object typed as an article (NewsArticle, Article, BlogPosting…)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            node = stack.pop(0)
            if not isinstance(node, dict):
                continue
            types = node.get("@type", [])
            types = [types] if isinstance(types, str) else types
            if any(_ARTICLE_TYPES.search(t) for t in types if isinstance(t, str)):
                return node
            stack.extend(node.get("@graph", []))
    return {}


def _names(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for person in values:
        name = normalize_space(_text(person.get("name") if isinstance(person, dict) else person))
        if name and name not in names:
            names.append(name)
    return names


def _authors(value: str) -> list[ParsedAuthor]:
    """trafilatura joins several authors with "; "."""
    authors = []
    for piece in value.split(";"):
        authors.extend(
            parse_byline(piece) or ([ParsedAuthor(name=piece.strip())] if piece.strip() else [])
        )
    return authors


def _date(value: str) -> datetime | None:
    """An aware datetime from an ISO date or date-time; a bare date is midnight, local time."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def _text(value) -> str:
    """Plain text of a JSON-LD string value; anything else (an object, a list) is ""."""
    return strip_tags(value) if isinstance(value, str) else ""
