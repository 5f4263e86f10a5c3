"""WordPress exports (WXR 1.0–1.2, the XML from Tools → Export, WordPress.com's included).

An export is recognised by its structure, not one namespace string: an RSS document whose items
carry WordPress's fields (`post_type`, `post_id`, `status`…) in the export namespace of any
version, over http or https, with or without `wp:wxr_version`. Prefixes an export uses without
declaring them (older and hand-made exports do) are declared for it, and fields with no namespace
at all are read by their WordPress names.

Posts become stories; pages, attachments, menu items, revisions and other post types are skipped,
each with its reason, and counted by type. The file is streamed: each `<item>` is read, turned into
a `ParsedArticle` and dropped before the next, so a 2 GB export needs no more memory than a small
one. A file that breaks off part-way yields every item before the break, then fails saying where.

Exports list a post's featured image (its `_thumbnail_id`) as an attachment item that usually
comes *after* the post. When a post names a media item the reader has not met yet, the whole file
is scanned once for attachments, and streaming then carries on where it was. The record of each
image (address, caption, credit, alt text) is kept in a temporary on-disk SQLite table rather than
in memory, so memory stays flat however many images the export lists.

Mapping: `guid` is the stable id (WordPress keeps it across re-exports and site moves); the author
login in `dc:creator` resolves to the export's display name; the first real category is the section
("Uncategorized" is none), tags and further categories are topics; `post_date_gmt` is the publish
time; WordPress statuses map to ours (publish and future → published, pending → review, draft and
private → draft).
"""

import html
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element, tostring

from django.utils import timezone

from articles.text import normalize_space, strip_tags

from .base import (
    ImportFormatError,
    ItemError,
    ParsedArticle,
    ParsedAuthor,
    ParsedItem,
    ParsedPhoto,
    Skipped,
)
from .ninjs import FieldError, split_dateline_html
from .wpmarkup import clean_content, split_caption_credit
from .xmlsafe import TruncatedXML, iter_events, local_name, root_name

FORMAT = "wxr"

STATUSES = {
    "publish": "published",
    "future": "published",  # with its future publish time: scheduled
    "pending": "review",
    "draft": "draft",
    "private": "draft",  # never public here: an editor decides
}
# Statuses that are not stories at all, whatever the post type, and why.
SKIPPED_STATUSES = {
    "trash": "in the trash",
    "auto-draft": "an auto-draft WordPress started, never saved",
    "inherit": "a copy that belongs to another post",
}
# Why each type of item that is not a post is not a story; other types get OTHER_TYPE.
SKIPPED_TYPES = {
    "page": "a site page, not a story",
    "nav_menu_item": "a menu item",
    "revision": "an earlier revision of a post",
    "wp_block": "a reusable block",
    "wp_navigation": "a navigation menu",
    "wp_template": "a theme template",
    "wp_template_part": "a theme template",
    "wp_global_styles": "theme styles",
    "custom_css": "theme styles",
    "customize_changeset": "unpublished Customizer changes",
    "oembed_cache": "a cached embed",
    "user_request": "a personal-data request",
    "wp_font_family": "a font",
    "wp_font_face": "a font",
    "feedback": "a message sent through a contact form",
}
OTHER_TYPE = "not a post: only posts become stories"
IMAGE_ATTACHMENT = "an image: kept as a photo for the posts that use it"
OTHER_ATTACHMENT = "a media file that is not an image: the posts keep their links to it"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".tif", ".tiff", ".heic")

# The export namespace of every WXR version (1.0, 1.1, 1.2), http or https; …/excerpt/ is its own.
_WP_NAMESPACE = re.compile(r"^https?://(?:www\.)?wordpress\.org/export/", re.I)
_OTHER_NAMESPACES = (
    (re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$", re.I), "content"),
    (re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$", re.I), "dc"),
)
# Declared for exports that use the prefixes without declaring them; the version does not matter.
_DECLARATIONS = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
}
# WordPress's own field names, read as `wp:` fields when an export gives them no namespace. RSS's
# names (title, link, guid, category, pubDate…) are not among them: `wp:category` is then RSS's.
_WP_FIELDS = frozenset(
    """wxr_version base_site_url base_blog_url author author_id author_login author_email
    author_display_name author_first_name author_last_name author_description
    category_nicename category_parent cat_name category_description tag tag_slug tag_name
    tag_description term term_id term_taxonomy term_slug term_parent term_name termmeta post_id
    post_date post_date_gmt post_modified post_modified_gmt comment_status ping_status post_name
    status post_parent menu_order post_type post_password is_sticky attachment_url postmeta
    meta_key meta_value comment""".split()
)
# What an item of an export carries and an item of a feed does not.
_ITEM_FIELDS = ("wp:post_type", "wp:post_id", "wp:status", "wp:post_date", "wp:post_name")
# In the first bytes of an export: its namespace, or WordPress's fields under any prefix or none.
_SNIFF_EXPORT = re.compile(
    rb"wordpress\.org/export/|WordPress eXtended RSS|<(?:[\w.-]+:)?(?:wxr_version|base_site_url|"
    rb"base_blog_url|author_login|category_nicename|tag_slug|term_taxonomy|post_type|post_id)[\s>]",
    re.I,
)
_EMPTY_DATE = "0000-00-00 00:00:00"
# From PHP-serialised `_wp_attachment_metadata`: the camera's own credit and capture time.
_IMAGE_META = re.compile(r's:\d+:"(credit|created_timestamp|caption)";s:\d+:"(.*?)";')


@dataclass
class _Item:
    """One `<item>` read into plain values: the fields, its categories and its postmeta."""

    fields: dict[str, str]
    categories: list[tuple[str, str, str]]  # (domain, nicename, name)
    meta: dict[str, str]

    def get(self, key: str) -> str:
        return self.fields.get(key, "")


def sniff(head: bytes, filename: str) -> bool:
    """True for an RSS document that carries WordPress's export namespace or fields."""
    return root_name(head).lower() == b"rss" and _SNIFF_EXPORT.search(head) is not None


def parse(path: Path) -> Iterator[ParsedItem]:
    """Yield one item per `<item>` of the WordPress export at `path`, lazily.

    Raises ImportFormatError if the file is empty, not well-formed, not a WordPress export, or
    declares XML entities (which could expand without bound or read local files). A file that
    breaks off part-way yields the items before the break, then raises ImportFormatError
    saying where it breaks off and how many items were read.
    """
    yield from _Export(Path(path)).items()


class _Export:
    def __init__(self, path: Path):
        self.path = path
        self.authors: dict[str, ParsedAuthor] = {}
        self.attachments = _AttachmentIndex()
        self.attachments_scanned = False
        self.language = ""  # the site's <language>, which comes before its items

    def items(self) -> Iterator[ParsedItem]:
        number = 0
        try:
            for element in _channel_children(self.path):
                key = _key(element.tag)
                if key == "item":
                    number += 1
                    item = self._item(_read_item(element), number)
                    if isinstance(item, ParsedArticle):
                        item.payload = tostring(element, encoding="unicode")  # as received
                    yield item
                elif key == "wp:author":
                    self._add_author(element)
                elif key == "language":
                    self.language = (element.text or "").strip()
        except TruncatedXML as error:
            read = {0: "before any item was read", 1: "after 1 item was read"}.get(
                number, f"after {number} items were read"
            )
            raise ImportFormatError(
                f"the file breaks off at line {error.line}, column {error.column} {read}; "
                "export it again, or copy the whole file"
            ) from error
        finally:
            self.attachments.close()

    def _item(self, item: _Item, number: int) -> ParsedItem:
        # WordPress stores titles and term names HTML-escaped ("Arts &amp; Culture").
        title = html.unescape(normalize_space(item.get("title")))
        guid = item.get("guid").strip()
        post_id = item.get("wp:post_id").strip()
        ident = guid or (f"post {post_id}" if post_id else item.get("link").strip())
        label = f"item {number} ({f'{ident}, ' if ident else ''}“{title[:60]}”)"
        if number == 1 and not any(item.get(field) for field in _ITEM_FIELDS):
            raise ImportFormatError(
                "not a WordPress export: item 1 carries none of WordPress's fields "
                "(wp:post_type, wp:post_id, wp:status)"
            )
        post_type = item.get("wp:post_type").strip().lower() or "post"
        if post_type == "attachment":
            is_image = self._add_attachment(item)
            reason = IMAGE_ATTACHMENT if is_image else OTHER_ATTACHMENT
            return Skipped(label=label, reason=reason, kind=post_type)
        if post_type != "post":
            reason = SKIPPED_TYPES.get(post_type, OTHER_TYPE)
            return Skipped(label=label, reason=reason, kind=post_type)
        wp_status = item.get("wp:status").strip().lower() or "publish"
        if wp_status not in STATUSES:
            reason = SKIPPED_STATUSES.get(wp_status, f"status “{wp_status}”, not one imported")
            return Skipped(label=label, reason=reason, kind=post_type)
        try:
            return self._article(item, label=label, title=title, guid=guid, status=wp_status)
        except FieldError as error:
            return ItemError(label=label, message=str(error), kind=post_type)

    def _article(self, item: _Item, *, label: str, title: str, guid: str, status: str):
        if not title:
            raise FieldError("title", "the post has no title")
        if not guid:
            post_id, link = item.get("wp:post_id").strip(), item.get("link").strip()
            if not (post_id or link):
                raise FieldError("guid", "neither a guid, a wp:post_id nor a link identifies it")
            guid = f"{link.split('?')[0]}?p={post_id}" if post_id else link
        content = clean_content(item.get("content:encoded"))
        lead_photo = None
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        wanted = [int(thumbnail)] if thumbnail.isdigit() else []
        wanted += [n for n in content.attachment_ids if n not in wanted]
        photos = self._photos(wanted)
        if thumbnail.isdigit() and photos and photos[0][0] == int(thumbnail):
            lead_photo = photos.pop(0)[1]
        section, topics = _terms(item.categories)
        dateline, body_html = split_dateline_html(content.html)
        return ParsedArticle(
            external_id=guid,
            headline=title,
            body_html=body_html,
            dateline=dateline,
            language=self.language,
            summary=strip_tags(item.get("excerpt:encoded")),
            authors=self._byline(item.get("dc:creator"), item.categories),
            section=section,
            topics=topics,
            status=STATUSES[status],
            published_at=_publish_time(item, status),
            lead_photo=lead_photo,
            photos=[photo for _, photo in photos],
            source_url=item.get("link").strip(),
            slug=unquote(item.get("wp:post_name").strip()),
            label=label,
            kind="post",
        )

    def _photos(self, ids: list[int]) -> list[tuple[int, ParsedPhoto]]:
        found = [(n, self.attachments.get(n)) for n in ids]
        if any(photo is None for _, photo in found) and not self.attachments_scanned:
            self._scan_attachments()
            found = [(n, self.attachments.get(n)) for n in ids]
        return [(n, photo) for n, photo in found if photo is not None]

    def _scan_attachments(self) -> None:
        """Read every attachment in the file once, for posts that come before their images.

        The scan stops quietly where the file breaks: the items before that point are still
        read, and the reading itself reports the break when it gets there.
        """
        self.attachments_scanned = True
        try:
            for element in _channel_children(self.path):
                if _key(element.tag) == "item" and _post_type(element) == "attachment":
                    self._add_attachment(_read_item(element))
        except ImportFormatError:
            pass

    def _add_attachment(self, item: _Item) -> bool:
        """Keep the record of an image attachment; False if the attachment is no image."""
        post_id = item.get("wp:post_id").strip()
        url = item.get("wp:attachment_url").strip() or item.get("guid").strip()
        if not url.lower().split("?")[0].endswith(IMAGE_SUFFIXES):
            return False
        if not post_id.isdigit():
            return True  # no post can name it
        caption = strip_tags(item.get("excerpt:encoded"))
        description = strip_tags(item.get("content:encoded"))
        caption, credit, agency = split_caption_credit(caption or description)
        if not (credit or agency) and description:
            _, credit, agency = split_caption_credit(description)
        image_meta = dict(_IMAGE_META.findall(item.meta.get("_wp_attachment_metadata", "")))
        if not (credit or agency) and image_meta.get("credit"):
            credit = image_meta["credit"].strip()
        taken = image_meta.get("created_timestamp", "")
        self.attachments.add(
            int(post_id),
            ParsedPhoto(
                external_id=item.get("guid").strip() or url,
                caption=caption or normalize_space(image_meta.get("caption", "")),
                credit=credit,
                agency=agency,
                alt_text=normalize_space(item.meta.get("_wp_attachment_image_alt", "")),
                source_url=url,
                taken_at=datetime.fromtimestamp(int(taken), UTC)
                if taken.isdigit() and int(taken)
                else None,
            ),
        )
        return True

    def _add_author(self, element: Element) -> None:
        values = {_key(child.tag): normalize_space(child.text or "") for child in element}
        login = values.get("wp:author_login", "")
        full_name = normalize_space(
            f"{values.get('wp:author_first_name', '')} {values.get('wp:author_last_name', '')}"
        )
        display = values.get("wp:author_display_name", "")
        # WordPress defaults the display name to the login; a real name reads better in a byline.
        name = display if display and display != login else (full_name or display or login)
        self.authors[login] = ParsedAuthor(
            name=name,
            bio=values.get("wp:author_description", ""),
            email=values.get("wp:author_email", ""),
        )

    def _byline(self, login: str, categories: list[tuple[str, str, str]]) -> list[ParsedAuthor]:
        """The post's author; several when a co-authors plugin lists them as "author" terms."""
        co_authors = [name for domain, _, name in categories if domain == "author" and name]
        if co_authors:  # the term is a login, or a guest author's name
            by_name = {author.name: author for author in self.authors.values()}
            return [self._author(name, by_name.get(name)) for name in dict.fromkeys(co_authors)]
        login = normalize_space(login)
        return [self._author(login)] if login else []

    def _author(self, name: str, fallback: ParsedAuthor | None = None) -> ParsedAuthor:
        """A copy of the export's author with this login (else `fallback`), or just the name."""
        known = self.authors.get(name) or fallback
        return replace(known) if known else ParsedAuthor(name=name)


class _AttachmentIndex:
    """Image records by WordPress post id, in a private temporary SQLite database on disk.

    SQLite's page cache is bounded, so a million images cost no more memory than ten.
    """

    def __init__(self):
        self.connection = sqlite3.connect("")  # "": a temporary file, deleted on close
        self.connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, record TEXT)")

    def add(self, post_id: int, photo: ParsedPhoto) -> None:
        record = json.dumps(asdict(photo), default=str)
        self.connection.execute("INSERT OR REPLACE INTO photo VALUES (?, ?)", (post_id, record))

    def get(self, post_id: int) -> ParsedPhoto | None:
        row = self.connection.execute(
            "SELECT record FROM photo WHERE id = ?", (post_id,)
        ).fetchone()
        if row is None:
            return None
        values = json.loads(row[0])
        if values["taken_at"]:
            values["taken_at"] = datetime.fromisoformat(values["taken_at"])
        return ParsedPhoto(**values)

    def close(self) -> None:
        self.connection.close()


def _channel_children(path: Path) -> Iterator[Element]:
    """Each complete child of `<channel>`, detached from the tree once the caller moves on."""
    depth = 0
    channel = None
    for event, element in iter_events(path, declare=_DECLARATIONS):
        if event == "start":
            depth += 1
            if depth == 1 and local_name(element.tag).lower() != "rss":
                root = local_name(element.tag)
                raise ImportFormatError(f"not a WordPress export: the document is <{root}>")
            if depth == 2:
                channel = element
            continue
        depth -= 1
        if depth == 2 and channel is not None:
            yield element
            channel.remove(element)


def _post_type(element: Element) -> str:
    """An item's post type, read without collecting the rest of the item."""
    for child in element:
        if _key(child.tag) == "wp:post_type":
            return (child.text or "").strip().lower()
    return ""


def _read_item(element: Element) -> _Item:
    fields: dict[str, str] = {}
    categories: list[tuple[str, str, str]] = []
    meta: dict[str, str] = {}
    for child in element:
        key = _key(child.tag)
        if key == "category":
            domain = child.get("domain", "")
            categories.append(
                (
                    "post_tag" if domain == "tag" else domain,  # WXR 1.0 calls tags "tag"
                    child.get("nicename", ""),
                    html.unescape(normalize_space(child.text or "")),
                )
            )
        elif key == "wp:postmeta":
            values = {_key(part.tag): part.text or "" for part in child}
            meta[values.get("wp:meta_key", "").strip()] = values.get("wp:meta_value", "")
        elif key != "wp:comment":
            fields[key] = child.text or ""
    return _Item(fields=fields, categories=categories, meta=meta)


_KEYS: dict[str, str] = {}


def _key(tag: str) -> str:
    """An element's name as this module reads it, whatever the dialect of the export.

    `{http://wordpress.org/export/1.2/}post_id`, `{https://wordpress.org/export/1.0/}Post_ID`
    and a bare `post_id` are all `wp:post_id`; `pubDate` is `pubdate`. Elements of other
    namespaces keep their `{namespace}name`, so they never stand in for a field.
    """
    key = _KEYS.get(tag)
    if key is None:
        namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        name = name.lower()
        if _WP_NAMESPACE.match(namespace):
            excerpt = namespace.rstrip("/").lower().endswith("excerpt")
            key = f"{'excerpt' if excerpt else 'wp'}:{name}"
        elif not namespace:
            key = f"wp:{name}" if name in _WP_FIELDS else name
        else:
            prefix = next((p for uri, p in _OTHER_NAMESPACES if uri.match(namespace)), "")
            key = f"{prefix}:{name}" if prefix else tag
        _KEYS[tag] = key
    return key


def _terms(categories: list[tuple[str, str, str]]) -> tuple[str, list[str]]:
    """(section, topics): the first real category, then tags and the other categories."""
    section = ""
    topics: list[str] = []
    for domain, nicename, name in categories:
        if not name or domain not in ("category", "post_tag"):
            continue
        if domain == "category" and _is_uncategorized(nicename, name):
            continue
        if domain == "category" and not section:
            section = name
        elif name not in topics and name != section:
            topics.append(name)
    return section, topics


def _is_uncategorized(nicename: str, name: str) -> bool:
    # Format characters (bidi marks, zero-width joiners) are invisible: ignore them in the slug.
    visible = "".join(c for c in nicename if unicodedata.category(c) != "Cf")
    return visible.lower() == "uncategorized" or name.lower() == "uncategorized"


def _publish_time(item: _Item, status: str) -> datetime | None:
    """`post_date_gmt` as an aware UTC time; drafts may have none.

    WordPress writes "0000-00-00 00:00:00" for a draft that was never scheduled. A published post
    without a GMT date falls back to the RSS `pubDate`, then to `post_date` in the site's zone.
    """
    gmt = item.get("wp:post_date_gmt").strip()
    if gmt and gmt != _EMPTY_DATE:
        return _wp_date("wp:post_date_gmt", gmt).replace(tzinfo=UTC)
    if status not in ("publish", "future"):
        return None
    published = item.get("pubdate").strip()
    if published and not published.startswith(("Wed, 30 Nov -0001", "Thu, 01 Jan 1970")):
        try:
            return parsedate_to_datetime(published)
        except (TypeError, ValueError):
            pass
    local = item.get("wp:post_date").strip()
    if local and local != _EMPTY_DATE:
        return timezone.make_aware(_wp_date("wp:post_date", local))
    raise FieldError("wp:post_date_gmt", "a published post without a publish date")


def _wp_date(field: str, value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise FieldError(field, f"not a date: {value!r}") from None
