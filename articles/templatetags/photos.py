"""`{% picture photo "card" %}`: a responsive, layout-stable image for one of the photo slots;
`body_photos`: the photos placed in a story's body, shown the same way."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.images.body import BODY_PHOTO, body_photo_ids, stored_caption
from articles.images.renditions import picture_context
from articles.models import Photo

register = template.Library()


@register.inclusion_tag("articles/includes/picture.html")
def picture(photo, slot: str = "inline", css_class: str = ""):
    """Render `photo` for `slot` (lead, card, thumb, headshot, inline); nothing without a file."""
    return {"picture": picture_context(photo, slot), "css_class": css_class, "slot": slot}


def body_photos(html: str) -> SafeString:
    """A sanitised body with each photo placed in it (`articles.images.body`) shown as the photo
    figure the lead photo uses: `<picture>`, the body's caption (else the photo's) and the
    credit. All of them cost one query; a photo that is gone or has no file keeps the stored
    figure.
    """
    ids = body_photo_ids(html)
    photos = Photo.objects.in_bulk(ids) if ids else {}

    def show(match) -> str:
        photo = photos.get(int(match["id"]))
        if photo is None or not photo.has_file:
            return match[0]
        caption = mark_safe(stored_caption(match["inner"]))  # noqa: S308 - from the sanitised body
        return render_to_string(
            "articles/includes/photo_figure.html",
            {"photo": photo, "slot": "inline", "body_caption": caption},
        ).strip()

    return mark_safe(BODY_PHOTO.sub(show, html) if photos else html)  # noqa: S308 - sanitised
