"""Attaching an uploaded or fetched image file to a Photo: the one way image files get stored."""

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from PIL import Image, JpegImagePlugin

from articles.models import Photo

from .metadata import public_exif, read_metadata, upright
from .renditions import ensure_renditions
from .validation import ACCEPTED_FORMATS, open_verified

EXTENSION = {fmt: suffixes[0] for fmt, suffixes in ACCEPTED_FORMATS.items()}


def attach_image(photo: Photo, file, *, name: str, save: bool = True) -> Photo:
    """Validate `file`, then store a clean copy of it as `photo`'s image.

    The stored original is upright (EXIF orientation applied) and re-encoded with only
    descriptive EXIF tags: no GPS, IPTC, XMP or maker notes, so nothing a reader can download
    says where it was taken. Empty caption, credit, agency and taken_at are filled from the
    file's EXIF/IPTC/XMP. With `save`, the photo is saved and its renditions stored; otherwise
    the caller saves it and calls `ensure_renditions` (or runs `make_renditions`).
    Raises ValidationError, naming the file, before anything is stored.
    """
    image = open_verified(file, name=name)
    metadata = read_metadata(image)
    for field, value in (
        ("caption", metadata.caption),
        ("credit", metadata.creator),
        ("agency", metadata.agency),
    ):
        if value and not getattr(photo, field).strip():
            limit = Photo._meta.get_field(field).max_length
            setattr(photo, field, value[:limit] if limit else value)
    if metadata.taken_at and photo.taken_at is None:
        photo.taken_at = metadata.taken_at

    turned, data = _clean_copy(image)
    stem = get_valid_filename(PurePath(name).stem)[:60] or "photo"
    with transaction.atomic():
        photo.image.save(f"{stem}{EXTENSION[image.format]}", ContentFile(data), save=False)
        photo.width, photo.height = turned.size
        if save:
            photo.save()
            ensure_renditions(photo, source=turned)
    return photo


def _clean_copy(image: Image.Image) -> tuple[Image.Image, bytes]:
    """The upright image and its bytes in the original's format, without location metadata."""
    source_format = image.format
    if source_format == "GIF" and getattr(image, "n_frames", 1) > 1:
        # An animation is kept moving. GIF has no EXIF; its free-text comment may say anything.
        buffer = BytesIO()
        image.save(buffer, "GIF", save_all=True, optimize=False, comment=b"")
        return image, buffer.getvalue()
    exif = public_exif(image)
    turned = upright(image)
    options = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if source_format == "JPEG":
        # The original's own quantisation tables and subsampling: re-encoding loses next to nothing.
        options.update(
            qtables=image.quantization, subsampling=JpegImagePlugin.get_sampling(image), exif=exif
        )
        if options["subsampling"] == -1:
            del options["subsampling"]
    elif source_format == "WEBP":
        options.update(quality=90, method=4, exif=exif)
    elif source_format == "PNG":
        options.update(optimize=False, exif=exif)
    elif source_format == "AVIF":
        options.update(quality=85, exif=exif)
    elif source_format == "GIF":
        options = {"comment": b""}
    buffer = BytesIO()
    turned.save(buffer, source_format, **options)
    return turned, buffer.getvalue()
