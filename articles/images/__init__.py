"""The photo desk's image handling: validation, metadata, clean storage and renditions."""

from .renditions import SLOTS, ensure_renditions, renditions_ready
from .storing import PreparedImage, attach_image, detach_image, prepare_image, store_image

__all__ = [
    "SLOTS",
    "PreparedImage",
    "attach_image",
    "detach_image",
    "ensure_renditions",
    "prepare_image",
    "renditions_ready",
    "store_image",
]
