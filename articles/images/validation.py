"""Deciding whether an upload is a real image we accept, before anything is stored.

A file passes only if Pillow fully decodes it, its content is the format its name claims, and it
stays under the newsroom's size and pixel limits (settings.PHOTO_MAX_UPLOAD_BYTES and
settings.PHOTO_MAX_PIXELS), which also stops decompression bombs before the pixels are decoded.
HEIC/HEIF, as iPhones send them, is read through pillow-heif; AVIF by Pillow itself.
"""

import struct
import warnings
from io import BytesIO
from pathlib import PurePath

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, features

# Depth maps, thumbnails and auxiliary images in a HEIC are never used: skip decoding them.
pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

# Pillow format name -> the file name endings that may carry it.
ACCEPTED_FORMATS = {
    "JPEG": (".jpg", ".jpeg", ".jpe"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "TIFF": (".tif", ".tiff"),
    "HEIF": (".heic", ".heif", ".hif"),
}
if features.check("avif"):
    ACCEPTED_FORMATS["AVIF"] = (".avif",)
MIME_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
    "HEIF": "image/heic,image/heif",
    "AVIF": "image/avif",
}
DISPLAY_NAMES = {"WEBP": "WebP", "HEIF": "HEIC/HEIF"}
# Cameras write a JPEG with a second, preview picture in it (MPF); Pillow calls that MPO.
SAME_FORMAT = {"MPO": "JPEG"}

FORMAT_BY_SUFFIX = {
    suffix: fmt for fmt, suffixes in ACCEPTED_FORMATS.items() for suffix in suffixes
}

# What Pillow and its plugins raise for a damaged, truncated or hostile file while reading or
# decoding it (libavif and libheif failures come as RuntimeError).
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, RuntimeError)


def accepted_suffixes() -> str:
    return ", ".join(sorted(FORMAT_BY_SUFFIX))


def accepted_format_names() -> str:
    """“JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF or AVIF”, as this installation's Pillow allows."""
    names = [DISPLAY_NAMES.get(fmt, fmt) for fmt in ACCEPTED_FORMATS]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def accept_attribute() -> str:
    """The file input's `accept`: every ending and media type we take, for the browser's picker."""
    types = [MIME_TYPES[fmt] for fmt in ACCEPTED_FORMATS]
    return ",".join([*sorted(FORMAT_BY_SUFFIX), *types])


def _read_bytes(file, label: str) -> bytes:
    """All of `file`, refused when over the byte limit; the file is left open, at its start."""
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    data = b""
    if size is None or size <= limit:
        if hasattr(file, "seek"):
            file.seek(0)
        # Reading up to a limit reserves that much memory first: only when the size is unknown.
        data = file.read() if size is not None else file.read(limit + 1)
        if hasattr(file, "seek"):
            file.seek(0)
        size = len(data)
    if size > limit:
        raise ValidationError(
            f"“{label}” is {filesizeformat(size)}; photos may be at most {filesizeformat(limit)}.",
            code="too_large",
        )
    return data


def open_verified(file, *, name: str = "", name_claims_format: bool = True) -> Image.Image:
    """Decode every frame of `file`; return the image, its main frame selected.

    With `name_claims_format`, a name ending in an image suffix must match the content and any
    other ending is refused; a name with no suffix, or any name when `name_claims_format` is
    False (an address on someone else's server), is judged by the content alone. Raises
    ValidationError naming the file and the problem: unknown ending, empty, too many bytes or
    pixels, not an image, damaged or truncated, or content that is not the claimed format.

    Pillow reads a copy of the bytes, never `file` itself: the caller's file stays open, at its
    start, whatever happens to the returned image.
    """
    label = PurePath(name or getattr(file, "name", "") or "upload").name
    suffix = PurePath(label).suffix.lower() if name_claims_format else ""
    claimed = FORMAT_BY_SUFFIX.get(suffix)
    # A name without an ending (an image address such as /photo?id=3) claims no format.
    if claimed is None and suffix:
        raise ValidationError(
            f"“{label}” is not a photo file we accept: the name must end in {accepted_suffixes()}.",
            code="invalid_extension",
        )
    data = _read_bytes(file, label)
    if not data:
        raise ValidationError(f"“{label}” is empty (0 bytes).", code="empty")
    with warnings.catch_warnings():
        # Our own pixel limit is checked before decoding; Pillow's lower warning level would
        # refuse pictures under it with a message naming the wrong limit.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=list(ACCEPTED_FORMATS))
        except Image.DecompressionBombError as error:
            raise _too_many_pixels(label) from error
        except Image.UnidentifiedImageError as error:
            started_as = _format_by_signature(data)
            if started_as:
                raise ValidationError(
                    f"“{label}” starts as a {DISPLAY_NAMES.get(started_as, started_as)} file "
                    "but is damaged or cut short and cannot be read.",
                    code="damaged",
                ) from error
            raise ValidationError(
                f"“{label}” is not an image we can read ({accepted_format_names()}).",
                code="not_an_image",
            ) from error
        except DECODE_ERRORS as error:
            raise ValidationError(
                f"“{label}” is damaged and cannot be read ({error}).", code="damaged"
            ) from error
        found = SAME_FORMAT.get(image.format, image.format)
        if claimed and found != claimed:
            raise ValidationError(
                f"“{label}” is named as a {DISPLAY_NAMES.get(claimed, claimed)} file but contains "
                f"a {DISPLAY_NAMES.get(found, found)} image; rename it or export it again.",
                code="wrong_type",
            )
        frames = getattr(image, "n_frames", 1)
        if image.width * image.height * frames > settings.PHOTO_MAX_PIXELS:
            raise _too_many_pixels(label, image)
        # The frame a file opens at is its main picture (HEIF marks one as primary).
        main_frame = image.tell()
        try:
            for frame in range(frames):
                image.seek(frame)
                image.load()
            image.seek(main_frame)
        except Image.DecompressionBombError as error:
            raise _too_many_pixels(label, image) from error
        except DECODE_ERRORS as error:
            raise ValidationError(
                f"“{label}” is truncated or damaged and cannot be decoded ({error}).",
                code="damaged",
            ) from error
    return image


def _format_by_signature(data: bytes) -> str | None:
    """The accepted format whose signature `data` starts with, as Pillow's plugins tell it."""
    Image.init()
    for fmt in ACCEPTED_FORMATS:
        _, accept = Image.OPEN[fmt]
        if accept is not None and accept(data[:16]):
            return fmt
    return None


def _too_many_pixels(label: str, image: Image.Image | None = None) -> ValidationError:
    size = ""
    if image is not None:
        frames = getattr(image, "n_frames", 1)
        size = f" ({image.width} × {image.height} pixels"
        size += f" × {frames} frames)" if frames > 1 else ")"
    return ValidationError(
        f"“{label}” is too large an image{size}; the limit is "
        f"{settings.PHOTO_MAX_PIXELS:,} pixels.",
        code="too_many_pixels",
    )
