"""`{% picture photo "card" %}`: a responsive, layout-stable image for one of the photo slots."""

from django import template

from articles.images.renditions import picture_context, rendition_url

register = template.Library()


@register.inclusion_tag("articles/includes/picture.html")
def picture(photo, slot: str = "inline", css_class: str = ""):
    """Render `photo` for `slot` (lead, card, thumb, headshot, inline); nothing without a file."""
    return {"picture": picture_context(photo, slot), "css_class": css_class, "slot": slot}


@register.simple_tag
def photo_url(photo, slot: str = "inline", width: int = 1200) -> str:
    """The address of a single JPEG rendition about `width` pixels wide, for feeds and metadata."""
    return rendition_url(photo, slot=slot, width=width)
