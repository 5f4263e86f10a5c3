"""Photos from the newsroom's library placed in a story's body, as the body stores them.

A body photo is stored as `<figure data-photo="ID"><img src alt width height><figcaption>…`,
markup that means something on its own: feeds, exports and the admin show the image (from the
newsroom's own copy) without knowing about photos. The served body replaces each such figure with
the photo's `<picture>` and credit (`articles.rendering`). The sanitiser in
`articles.text` keeps `data-photo` on a figure only when it is a whole number.
"""

import re

from django.utils.html import format_html

from articles.models import Photo
from articles.text import sanitize_html

# As the sanitiser writes it. A figure holding another figure is left alone: the match would end
# at the inner one's end.
BODY_PHOTO = re.compile(
    r'<figure data-photo="(?P<id>\d+)">(?P<inner>(?:(?!<figure\b).)*?)</figure>', re.S
)
_PHOTO_ID = re.compile(r'<figure data-photo="\d+">')
_FIGCAPTION = re.compile(r"<figcaption>(?P<caption>.*?)</figcaption>", re.S)


def body_photo_html(photo: Photo, *, caption: str = "", alt: str = "", src: str = "") -> str:
    """The stored markup for `photo` in a body; `caption` and `alt` are plain text (the photo's
    alt text when `alt` is empty). A photo whose file has not arrived yet (a worker is fetching
    it) shows the image at `src` until then."""
    figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    alt = alt or photo.alt_text
    if not photo.has_file:
        return format_html(
            '<figure data-photo="{}"><img src="{}" alt="{}">{}</figure>',
            photo.pk, src, alt, figcaption,
        )  # fmt: skip
    return format_html(
        '<figure data-photo="{}"><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
        photo.pk, photo.image.url, alt, photo.width, photo.height, figcaption,
    )  # fmt: skip


def body_photo_ids(html: str) -> list[int]:
    """The ids of the photos placed in a sanitised body, in order, each once."""
    return list(dict.fromkeys(int(match["id"]) for match in BODY_PHOTO.finditer(html or "")))


def without_photo_ids(html: str) -> str:
    """Imported HTML, sanitised, with no body photo ids left: an id in a story from elsewhere
    names a photo in another newsroom's library, or none, never the one in ours. HTML that
    mentions no photo id comes back as it was."""
    if "data-photo" not in html.lower():
        return html
    return _PHOTO_ID.sub("<figure>", sanitize_html(html))


def stored_caption(inner: str) -> str:
    """The caption HTML inside a stored body photo's figure (`BODY_PHOTO`'s "inner"), or ""."""
    match = _FIGCAPTION.search(inner)
    return match["caption"].strip() if match else ""
