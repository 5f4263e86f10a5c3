"""Turning any picture we accept into 8-bit RGB, or RGBA where it is transparent.

Renditions, and the stored copy of a file browsers cannot show (HEIC, TIFF, CMYK JPEG), start from
these pixels. Pillow's plain `convert` clips 16-bit greys to white and ignores a CMYK file's
colour profile; both are handled here.
"""

from io import BytesIO

from PIL import Image, ImageCms

SIXTEEN_BIT_MODES = {"I", "I;16", "I;16B", "I;16L", "I;16N"}
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
SRGB = ImageCms.createProfile("sRGB")


def has_alpha(image: Image.Image) -> bool:
    if image.mode in ALPHA_MODES or "transparency" in image.info:
        return True
    return image.mode == "P" and image.palette is not None and image.palette.mode == "RGBA"


def to_rgb(image: Image.Image) -> Image.Image:
    """`image` as 8-bit RGB, or RGBA when it has transparency, keeping its colour profile only
    where it still describes the pixels (RGB, palette). Returns `image` itself when it is
    already RGB or RGBA. Raises what Pillow raises for a mode it cannot convert."""
    if image.mode in ("RGB", "RGBA"):
        return image
    profile = image.info.get("icc_profile") if image.mode == "P" else None
    if image.mode in SIXTEEN_BIT_MODES:
        # 0-65535 onto 0-255; Pillow's `convert("L")` would clip all but the darkest to white.
        converted = image.convert("I").point(lambda value: value / 257).convert("RGB")
    elif image.mode == "CMYK":
        converted = _cmyk_to_rgb(image)
    else:
        converted = image.convert("RGBA" if has_alpha(image) else "RGB")
    converted.info = {"icc_profile": profile} if profile else {}
    return converted


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    """Through the file's own CMYK profile to sRGB when it has a usable one (agencies' and
    print desks' files do); otherwise Pillow's plain conversion."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(profile))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert("RGB")
