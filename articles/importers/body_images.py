"""Re-hosting the images in an imported story's body, so the story stops hot-linking the old site.

Each image becomes a library photo, whose file a worker fetches (`articles.tasks.fetch_photo`,
with the importer's safe fetcher: http(s) only, size and time limits, never the newsroom's own
network) and stores with its renditions (`attach_image`, as an upload is); its place in the body
becomes a body photo (`articles.images.body`), which the page shows as it shows the lead photo,
and as the old site's copy until the file has arrived. Caption and credit come
from the image's figure (`<figure>`/`<figcaption>`, WordPress's `wp-caption` and `wp-block-image`
shapes), alt text from the image. A photo is keyed on (source, image address), so importing again,
or the same image in two stories, makes no second photo; an image that is one of the story's own
photos (a WordPress attachment, also at a resized address such as `name-300x200.jpg`) becomes that
photo, which keeps the media library's caption, credit and alt text.

An image found at once (the immediate backend) not to be fetchable, or not an image we accept,
keeps its link (made absolute) and is reported; one that fails later in a worker keeps showing the
old site's copy, and its photo says why (`Photo.fetch_problem`). Images written into the page
itself (`data:` addresses) are not decoded: they are reported, and the sanitiser drops their
address as it always has.
"""

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html

from articles.images.body import body_photo_html
from articles.models import Photo
from articles.tasks import request_photo
from articles.text import normalize_space

from .fetch import ALLOWED_SCHEMES
from .wpmarkup import split_caption_credit

# Elements that may hold only phrasing content: an image in one moves out to stand as a figure.
_PHRASING = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "em", "strong", "b", "i", "u", "s",
    "small", "mark", "sub", "sup", "abbr", "cite", "q", "code", "time", "font", "label",
}  # fmt: skip
# Where lazy-loading scripts keep the real address while `src` holds a placeholder.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original")
_WORDPRESS_SIZE = re.compile(r"-\d+x\d+(?=\.\w+$)")
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif)$", re.I)
_ATTACHMENT_PAGE = re.compile(r"[?&]attachment_id=\d|/attachment/", re.I)


@dataclass
class RehostedBody:
    html: str
    problems: list[str] = field(default_factory=list)  # one line per image left on the old site
    fetching: list[int] = field(default_factory=list)  # photos whose files a worker fetches


@dataclass
class _Image:
    element: lxml.html.HtmlElement
    url: str  # absolute http(s) address
    larger: str = ""  # the address of a larger copy the image links to
    caption: str = ""
    credit: str = ""
    agency: str = ""
    alt: str = ""
    container: lxml.html.HtmlElement | None = None  # its figure or caption box


def rehost_body_images(
    *, html: str, source: str, base_url: str = "", photos: Iterable[Photo] = ()
) -> RehostedBody:
    """`html` with each image fetched, stored as a photo and placed as a body photo.

    `source` is the import format (the photos' key is (source, address)); relative addresses
    resolve against `base_url` (the story's address on the old site). `photos` are the story's
    own saved photos, used when an image is one of them. Photos are written as the images are
    fetched, so call this inside the story's transaction. The HTML comes back unchanged when it
    has no image; otherwise it still needs the sanitiser, as every body does on save.
    """
    if "<img" not in html.lower():
        return RehostedBody(html)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    problems: list[str] = []
    images = []
    for element in root.iter("img"):
        image = _read_image(element, base_url=base_url, problems=problems)
        if image is not None:
            images.append(image)
    fetching: list[int] = []
    stored = _store_photos(
        images, source=source, photos=photos, problems=problems, fetching=fetching
    )
    # Last first: an image that shares a paragraph with later ones then lands before them.
    for image in reversed(images):
        photo = stored.get(image.url)
        if photo is None:
            image.element.set("src", image.url)
            continue
        figure = lxml.html.fragment_fromstring(
            body_photo_html(photo, caption=image.caption, alt=image.alt, src=image.url)
        )
        _put_in_place(image, figure)
    return RehostedBody(_serialise(root), problems, fetching)


def _read_image(element, *, base_url: str, problems: list[str]) -> _Image | None:
    """What the body says about one image; None (with a problem if worth one) when it has no
    address that can be fetched."""
    address = (element.get("src") or "").strip()
    if not address or address.startswith("data:"):
        address = next(
            (element.get(name).strip() for name in _LAZY_SOURCES if element.get(name)), address
        )
    if address.startswith("data:"):
        problems.append("an image written into the page itself (a data: address) was not kept")
        return None
    if not address:
        return None
    url = urljoin(base_url, address)
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        reason = (
            "its address is relative and the story has no address of its own to resolve it"
            if not urlsplit(url).scheme
            else "only http and https addresses are fetched"
        )
        problems.append(f"image {address} was not re-hosted: {reason}")
        return None
    image = _Image(element=element, url=url, alt=normalize_space(element.get("alt", "")))
    link = element.getparent()
    if link is not None and link.tag == "a" and link.get("href"):
        larger = urljoin(base_url, link.get("href").strip())
        if _same_picture(larger) == _same_picture(url):
            image.larger = larger
    image.container = _caption_container(element)
    if image.container is not None:
        found = image.container.xpath(
            ".//figcaption | .//*[contains(concat(' ', normalize-space(@class), ' '), "
            "' wp-caption-text ')]"
        )
        if found:
            image.caption, image.credit, image.agency = split_caption_credit(
                found[0].text_content()
            )
    return image


def _store_photos(
    images: list[_Image],
    *,
    source: str,
    photos: Iterable[Photo],
    problems: list[str],
    fetching: list[int],
) -> dict[str, Photo]:
    """{address: photo} for every image that is re-hosted, or will be once a worker has fetched
    its file (the photo's id then goes to `fetching`)."""
    own = {}
    for photo in photos:
        for address in (photo.source_url, photo.external_id):
            if address.startswith(("http://", "https://")):
                own.setdefault(_same_picture(address), photo)
    first_use = {}
    for image in images:
        first_use.setdefault(image.url, image)
    keys = {url: _photo_key(url) for url in first_use if _same_picture(url) not in own}
    known = {}
    if keys:
        # The unique index's own condition (external id not empty) lets SQLite use it.
        found = Photo.objects.filter(source=source, external_id__in=keys.values())
        known = {photo.external_id: photo for photo in found.exclude(external_id="")}
    stored = {}
    for url, image in first_use.items():
        photo = own.get(_same_picture(url)) or known.get(keys.get(url))
        if photo is None:
            photo = Photo(source=source, external_id=keys[url])
            original = image.larger or url
            if len(original) <= Photo._meta.get_field("source_url").max_length:
                photo.source_url = original
        changed, new = _fill_empty(photo, image), photo.pk is None
        if new:
            photo.save()
        elif changed:
            photo.save(update_fields=["caption", "credit", "agency", "alt_text", "updated_at"])
        problem = request_photo(photo, [photo.source_url, image.larger, url])
        if problem:
            problems.append(f"image {url} was not re-hosted: {problem}")
            if new:  # fetched at once and failed: the image stays a link, and no photo is made
                photo.delete()
            continue
        if not photo.has_file:
            fetching.append(photo.pk)
        stored[url] = photo
    return stored


def _fill_empty(photo: Photo, image: _Image) -> bool:
    """Fill the photo's empty caption, credit, agency and alt text from the body; True if any."""
    changed = False
    for name, value in (
        ("caption", image.caption),
        ("credit", image.credit),
        ("agency", image.agency),
        ("alt_text", image.alt),
    ):
        if value and not getattr(photo, name):
            limit = Photo._meta.get_field(name).max_length
            setattr(photo, name, value[:limit] if limit else value)
            changed = True
    return changed


def _photo_key(url: str) -> str:
    """The photo's external id: its address, or a digest of an address too long to store."""
    if len(url) > Photo._meta.get_field("external_id").max_length:
        return "sha256:" + hashlib.sha256(url.encode("utf-8")).hexdigest()
    return url


def _same_picture(url: str) -> str:
    """The address without scheme, query or WordPress's size suffix: one picture's every copy."""
    parts = urlsplit(url)
    return parts.netloc.lower() + _WORDPRESS_SIZE.sub("", parts.path)


def _caption_container(element):
    """The nearest figure or WordPress caption box around the image, if it holds no other."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "figure" or "wp-caption" in (ancestor.get("class") or "").split():
            return ancestor if len(ancestor.xpath(".//img")) == 1 else None
    return None


def _put_in_place(image: _Image, figure) -> None:
    """Replace the image (with its figure or caption box, and a link to a larger copy of it)
    by `figure`, moved out of a paragraph or other text-only element if it was in one."""
    target = image.container
    if target is None:
        target = image.element
        link = target.getparent()
        if link is not None and link.tag == "a" and _is_blank(link, besides=target):
            href = link.get("href", "")
            if _IMAGE_FILE.search(urlsplit(href).path) or _ATTACHMENT_PAGE.search(href):
                target = link
            else:  # a link somewhere else stays around the picture
                _replace(target, figure)
                target = figure = link
    holder = target
    while holder.getparent() is not None and holder.getparent().tag in _PHRASING:
        holder = holder.getparent()
    if holder is target:
        if figure is not target:
            _replace(target, figure)
        return
    target.drop_tree()
    if _is_blank(holder):
        _replace(holder, figure)
    else:
        figure.tail, holder.tail = holder.tail, None
        holder.addnext(figure)


def _is_blank(element, *, besides=None) -> bool:
    """True if `element` holds no text and nothing but text-level elements (and `besides`)."""
    return not normalize_space(element.text_content()) and all(
        node is besides or node.tag in _PHRASING or node.tag == "br"
        for node in element.iterdescendants()
    )


def _replace(old, new) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def _serialise(root) -> str:
    text = html.escape(root.text or "", quote=False)
    return text + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
