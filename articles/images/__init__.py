"""The photo desk's image handling: validation, metadata, clean storage and renditions."""

from .renditions import SLOTS, ensure_renditions, renditions_ready
from .storing import attach_image
from .validation import validate_image_file

__all__ = ["SLOTS", "attach_image", "ensure_renditions", "renditions_ready", "validate_image_file"]
