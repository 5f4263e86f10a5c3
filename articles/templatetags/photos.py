"""`{% picture photo "card" %}`: a responsive, layout-stable image for one of the photo slots
(the photos placed in a story's body are shown the same way by `articles.rendering`)."""

from django import template

from articles.images.renditions import picture_context

register = template.Library()


@register.inclusion_tag("articles/includes/picture.html")
def picture(photo, slot: str = "inline", css_class: str = ""):
    """Render `photo` for `slot` (lead, card, thumb, headshot, inline); nothing without a file."""
    return {"picture": picture_context(photo, slot), "css_class": css_class, "slot": slot}
