"""Attaching an uploaded or fetched image file to a Photo: the one way image files get stored.

Two steps, so that a form can refuse a file before anything is saved: `prepare_image` checks and
converts the file without touching the database or the storage, and `store_image` saves what it
made. `attach_image` does both, for callers with no form.
"""

import contextlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from PIL import Image, JpegImagePlugin

from articles.models import Photo
from articles.tasks import request_renditions

from .metadata import PhotoMetadata, public_exif, read_metadata, upright
from .pixels import has_alpha, to_rgb
from .renditions import discard_renditions, prepare_source, rendition_specs
from .validation import DECODE_ERRORS, SAME_FORMAT, open_verified

# Formats stored as they came, because browsers show them; anything else (TIFF, HEIC) is stored
# as JPEG, or PNG when it has transparency.
WEB_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "AVIF": ".avif"}


@dataclass
class PreparedImage:
    """A checked image, ready to store: its clean file and the pixels renditions start from."""

    name: str
    data: bytes
    source: Image.Image
    metadata: PhotoMetadata

    @property
    def size(self) -> tuple[int, int]:
        return self.source.size


def prepare_image(file, *, name: str, name_claims_format: bool = True) -> PreparedImage:
    """Check `file` and make the clean copy to store, touching neither database nor storage.

    The copy is upright (EXIF orientation applied), in 8-bit colour where browsers need it,
    and keeps only descriptive EXIF tags: no GPS, IPTC, XMP or maker notes, so nothing a reader
    can download says where it was taken. `name_claims_format` is passed to `open_verified`.
    Raises ValidationError naming the file: see `open_verified`, or a picture whose pixels
    cannot be converted.
    """
    image = open_verified(file, name=name, name_claims_format=name_claims_format)
    label = PurePath(name).name
    try:
        metadata = read_metadata(image)
        turned, data, fmt = _clean_copy(image)
        source = prepare_source(turned)
    except DECODE_ERRORS as error:
        raise ValidationError(
            f"“{label}” has pixels we cannot convert ({image.mode}, {error}); "
            "export it again as an RGB JPEG or PNG.",
            code="unconvertible",
        ) from error
    stem = get_valid_filename(PurePath(label).stem)[:60] or "photo"
    return PreparedImage(
        name=f"{stem}{WEB_FORMATS[fmt]}", data=data, source=source, metadata=metadata
    )


def store_image(photo: Photo, prepared: PreparedImage, *, save: bool = True) -> Photo:
    """Store `prepared` as `photo`'s image.

    Empty caption, credit, agency and taken_at are filled from the file's EXIF/IPTC/XMP. With
    `save`, the photo is saved and its renditions queued for a worker; otherwise the caller
    saves it and calls `request_renditions` (or runs `make_renditions`). When storing fails,
    the files this call wrote are deleted again before the error is raised. A replaced file is
    deleted once the transaction commits, so its address stops working.
    """
    _fill_from_metadata(photo, prepared.metadata)
    storage = photo.image.storage
    replaced = _stored_name(photo)
    try:
        with transaction.atomic():
            photo.image.save(prepared.name, ContentFile(prepared.data), save=False)
            photo.width, photo.height = prepared.size
            if save:
                photo.save()
                request_renditions(photo)
    except BaseException:
        if photo.image.name and photo.image.name != replaced:
            written = [photo.image.name, *(spec.name for spec in rendition_specs(photo))]
            for name in written:
                # The storage may be what failed: clean up what can be, and raise the first error.
                with contextlib.suppress(OSError):
                    storage.delete(name)
        photo.image.name = replaced or None
        raise
    if replaced and replaced != photo.image.name:
        transaction.on_commit(lambda: storage.delete(replaced))
    return photo


def detach_image(photo: Photo) -> Photo:
    """Save `photo` without an image: its renditions go now, its file once the transaction
    commits, so the file's address stops working."""
    removed = _stored_name(photo)
    photo.image = None
    photo.width = photo.height = None
    photo.save()
    discard_renditions(photo)
    if removed:
        storage = photo.image.storage
        transaction.on_commit(lambda: storage.delete(removed))
    return photo


def attach_image(
    photo: Photo, file, *, name: str, save: bool = True, name_claims_format: bool = True
) -> Photo:
    """Validate `file`, then store a clean copy of it as `photo`'s image.

    See `prepare_image` and `store_image`. Raises ValidationError, naming the file, before
    anything is stored.
    """
    prepared = prepare_image(file, name=name, name_claims_format=name_claims_format)
    return store_image(photo, prepared, save=save)


def _stored_name(photo: Photo) -> str:
    """The name of the file the database holds for `photo`, whatever the instance now says."""
    if photo.pk is None:
        return ""
    return Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first() or ""


def _fill_from_metadata(photo: Photo, metadata: PhotoMetadata) -> None:
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


def _clean_copy(image: Image.Image) -> tuple[Image.Image, bytes, str]:
    """The upright image, its bytes without location metadata, and their format: the
    original's own where browsers show it, else JPEG (PNG when transparent)."""
    source_format = SAME_FORMAT.get(image.format, image.format)
    if source_format == "GIF" and getattr(image, "n_frames", 1) > 1:
        # An animation is kept moving. GIF has no EXIF; its free-text comment may say anything.
        buffer = BytesIO()
        image.save(buffer, "GIF", save_all=True, optimize=False, comment=b"")
        image.seek(0)  # saving went through every frame; renditions are of the first
        return image, buffer.getvalue(), "GIF"
    exif = public_exif(image)
    turned = upright(image)
    options = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if source_format == "JPEG" and turned.mode == "CMYK":
        # Printers' colours: browsers show them poorly, so the copy is sRGB.
        turned = to_rgb(turned)
        options = {"quality": 92, "exif": exif}
    elif source_format == "JPEG":
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
    else:
        source_format = "PNG" if has_alpha(turned) else "JPEG"
        profile = options.get("icc_profile")
        turned = to_rgb(turned)
        options = {"exif": exif, **({"quality": 92} if source_format == "JPEG" else {})}
        # A profile describes the pixels it came with: only an RGB one still fits.
        if profile and image.mode in ("RGB", "RGBA"):
            options["icc_profile"] = profile
    buffer = BytesIO()
    turned.save(buffer, source_format, **options)
    return turned, buffer.getvalue(), source_format
