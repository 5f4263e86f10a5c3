"""Resized and cropped copies of photos for readers' screens, and the slots that use them.

Every rendition's storage name follows from the photo alone (id, image name, focal point, ratio,
width), so templates build `srcset` without a database query. The files are made once, by
`ensure_renditions`, in a background task queued when an image is attached or its focal point
moves (`articles.tasks.make_renditions`), and by the `make_renditions` command; each is claimed
by inserting its unique `Rendition` row before it is written, so two processes never write the
same file. Templates list only renditions that exist: the first size of each shape as soon as
the worker has stored it, the full set once complete, and before that the stored original,
which is itself free of location data.
"""

import hashlib
import math
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import ExifTags, Image

from articles.models import Photo, Rendition

from .metadata import readable_exif, upright
from .pixels import to_rgb

WIDE_WIDTHS = (480, 800, 1200, 1600)
SQUARE_WIDTHS = (240, 480, 800)
RATIOS = {"16:9": (16, 9), "1:1": (1, 1), "original": None}
# Extension -> (Pillow format, MIME type, save options). WebP first: browsers pick the first match.
FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
}
# Each shape's first rendition is the first this wide (or its largest): what pages show until
# the worker has made the rest.
FIRST_WIDTH = 800
# Bump when rendition sizes or encoding change, so every photo is rendered again.
RENDITION_VERSION = "1"


@dataclass(frozen=True)
class Slot:
    ratio: str
    sizes: str
    eager: bool = False


SLOTS = {
    "lead": Slot("16:9", "(min-width: 62rem) 60rem, 100vw", eager=True),
    "card": Slot("16:9", "(min-width: 62rem) 20rem, (min-width: 40rem) 50vw, 100vw"),
    "thumb": Slot("1:1", "6rem"),
    "headshot": Slot("1:1", "(min-width: 40rem) 10rem, 6rem"),
    "inline": Slot("original", "(min-width: 62rem) 45rem, 100vw"),
}


@dataclass(frozen=True)
class RenditionSpec:
    name: str
    ratio: str
    extension: str
    width: int
    height: int
    # The crop as fractions of the source: left, top, right, bottom.
    box: tuple[float, float, float, float]

    @property
    def mime_type(self) -> str:
        return FORMATS[self.extension][1]


def crop_box(
    width: int, height: int, ratio: str, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest `ratio` box inside width × height, centred on the focal point as far as the
    edges allow, so the point always lies inside it. Returns pixel (left, top, right, bottom)."""
    if RATIOS[ratio] is None:
        return (0, 0, width, height)
    ratio_w, ratio_h = RATIOS[ratio]
    crop_w, crop_h = width, round(width * ratio_h / ratio_w)
    if crop_h > height:
        crop_w, crop_h = round(height * ratio_w / ratio_h), height
    crop_w, crop_h = max(1, min(crop_w, width)), max(1, min(crop_h, height))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _widths(ratio: str, available: int) -> list[int]:
    """Steps below the available width, then the available width capped at the largest step."""
    steps = SQUARE_WIDTHS if ratio == "1:1" else WIDE_WIDTHS
    return [step for step in steps[:-1] if step < available] + [min(available, steps[-1])]


def _digest(*parts) -> str:
    return hashlib.sha1("|".join(str(part) for part in parts).encode()).hexdigest()[:10]


def specs_for(photo: Photo, ratio: str) -> list[RenditionSpec]:
    """The renditions of `photo` for one ratio, smallest first; empty without a file or size."""
    if not photo.has_file or not photo.width or not photo.height or photo.pk is None:
        return []
    left, top, right, bottom = crop_box(
        photo.width, photo.height, ratio, photo.focal_x, photo.focal_y
    )
    crop_w, crop_h = right - left, bottom - top
    focus = "" if RATIOS[ratio] is None else f"{photo.focal_x:.4f},{photo.focal_y:.4f}"
    digest = _digest(RENDITION_VERSION, photo.image.name, ratio, focus)
    stem = PurePath(photo.image.name).stem[:40]
    tag = "full" if RATIOS[ratio] is None else ratio.replace(":", "x")
    box = (left / photo.width, top / photo.height, right / photo.width, bottom / photo.height)
    return [
        RenditionSpec(
            name=f"renditions/{photo.pk}/{stem}-{tag}-{width}-{digest}.{extension}",
            ratio=ratio,
            extension=extension,
            width=width,
            height=max(1, round(width * crop_h / crop_w)),
            box=box,
        )
        for width in _widths(ratio, crop_w)
        for extension in FORMATS
    ]


def rendition_specs(photo: Photo) -> list[RenditionSpec]:
    return [spec for ratio in RATIOS for spec in specs_for(photo, ratio)]


def renditions_key(photo: Photo) -> str:
    """Fingerprint of what the renditions depend on; stored on the photo once all exist."""
    return _digest(
        RENDITION_VERSION, photo.image.name, photo.width, photo.height, photo.focal_x, photo.focal_y
    )


def renditions_ready(photo: Photo) -> bool:
    return bool(photo.has_file and photo.width and photo.renditions_key == renditions_key(photo))


def stored_specs(photo: Photo, ratio: str) -> list[RenditionSpec]:
    """The renditions of `photo` in `ratio` known to be stored, smallest first, read from the
    photo alone: all of them once ready, the first size while the worker makes the rest (see
    `ensure_renditions`), else none."""
    if not photo.has_file or not photo.width:
        return []
    if renditions_ready(photo):
        return specs_for(photo, ratio)
    if photo.first_renditions_key and photo.first_renditions_key == renditions_key(photo):
        return first_specs(specs_for(photo, ratio))
    return []


def prepare_source(image: Image.Image) -> Image.Image:
    """`image` upright and in 8-bit RGB or RGBA (see `to_rgb`), ready to resize.

    Returns `image` itself when nothing needs changing."""
    return to_rgb(upright(image))


def render(source: Image.Image, spec: RenditionSpec) -> bytes:
    """Encode one rendition of a prepared source image (see `prepare_source`); no metadata."""
    return _encode(_resize(source, spec, True), spec, source.info.get("icc_profile"))


def _resize(image: Image.Image, spec: RenditionSpec, crop: bool) -> Image.Image:
    """`image` resized to `spec`'s size, cropped to its box first when `crop` (else `image` is
    already the crop, a larger rendition)."""
    width, height = image.size
    if crop:
        left, top, right, bottom = spec.box
        region = (left * width, top * height, right * width, bottom * height)
    else:
        region = (0, 0, width, height)
    return image.resize(
        (spec.width, spec.height), Image.Resampling.LANCZOS, box=region, reducing_gap=3.0
    )


def _encode(resized: Image.Image, spec: RenditionSpec, icc_profile: bytes | None) -> bytes:
    pillow_format, _, options = FORMATS[spec.extension]
    if pillow_format == "JPEG" and resized.mode == "RGBA":
        flat = Image.new("RGB", resized.size, "white")
        flat.paste(resized, mask=resized.getchannel("A"))
        resized = flat
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}
    buffer = BytesIO()
    resized.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def _open_stored(photo: Photo, specs: list[RenditionSpec]) -> Image.Image:
    """Decode the stored original, letting JPEG decode at a reduced scale the largest rendition
    still fits in: a 24-megapixel original then needs a quarter of the memory."""
    with photo.image.storage.open(photo.image.name, "rb") as stored:
        image = Image.open(stored)
        # The box is in upright terms; a file still to be turned has its width as its height.
        turned = readable_exif(image).get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
        upright_width = image.height if turned else image.width
        scale = max(spec.width / ((spec.box[2] - spec.box[0]) * upright_width) for spec in specs)
        if image.format == "JPEG" and scale < 1:
            image.draft(
                image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale))
            )
        image.load()
    return prepare_source(image)


def first_specs(specs: list[RenditionSpec]) -> list[RenditionSpec]:
    """The renditions made first, so pages have a good picture soon: of each ratio, the first
    width of at least `FIRST_WIDTH` (else the largest), in every format."""
    chosen = {}
    for spec in specs:
        if spec.ratio not in chosen or chosen[spec.ratio] < FIRST_WIDTH:
            chosen[spec.ratio] = max(chosen.get(spec.ratio, 0), spec.width)
    return [spec for spec in specs if spec.width == chosen[spec.ratio]]


def ensure_renditions(
    photo: Photo, *, source: Image.Image | None = None, check_files: bool = False
) -> int:
    """Store every rendition `photo` needs that is not stored yet and drop ones no longer needed.

    The first size of each shape (`first_specs`) is stored first and the photo marked as having
    them (`first_renditions_key`), so pages show it while the rest are made; each ratio's other
    sizes are then resized from the next larger one, largest first. `source` is the already
    decoded, upright original, when the caller has it; otherwise the stored file is read. With
    `check_files`, a rendition whose file has gone from the storage (a database restored without
    its media) is made again. Marks the photo ready (its `renditions_key`) when done and returns
    how many files this call wrote. A rendition another process has claimed is left to it.
    Killed part-way, it leaves each rendition stored with its row or not at all; run again, it
    makes the rest.
    """
    if photo.pk is None:
        return 0
    specs = rendition_specs(photo)
    storage = photo.image.storage
    if check_files:
        lost = [r.pk for r in photo.renditions.all() if not storage.exists(r.name)]
        Rendition.objects.filter(pk__in=lost).delete()
    stored = set(photo.renditions.values_list("name", flat=True))
    key = renditions_key(photo)
    first = first_specs(specs)
    image = prepare_source(source) if source is not None else None
    written = 0
    for batch in (first, [spec for spec in specs if spec not in first]):
        missing = [spec for spec in batch if spec.name not in stored]
        if missing and image is None:
            image = _open_stored(photo, specs)
        for spec, data in _render_down(image, missing):
            written += _claim_and_write(photo, spec, data)
        if batch is first and photo.first_renditions_key != key:
            photo.first_renditions_key = key
            Photo.objects.filter(pk=photo.pk).update(first_renditions_key=key)
    discard_renditions(photo, keep=[spec.name for spec in specs])
    if photo.renditions_key != key:
        photo.renditions_key = key
        # This column alone, so an edit saved meanwhile is kept; the save's signal purges the pages
        # showing the photo and renders again the stories placing it in their body.
        photo.save(update_fields=["renditions_key"])
    return written


def _render_down(source: Image.Image | None, specs: list[RenditionSpec]):
    """(spec, encoded bytes) for each of `specs`: of each ratio, the largest cropped and resized
    from `source`, each smaller one resized from the one before, which is several times faster
    than going back to the full original every time and looks the same at these steps."""
    by_ratio: dict[str, list[RenditionSpec]] = {}
    for spec in specs:
        by_ratio.setdefault(spec.ratio, []).append(spec)
    for group in by_ratio.values():
        previous = None
        for width in sorted({spec.width for spec in group}, reverse=True):
            sized = [spec for spec in group if spec.width == width]
            resized = _resize(source if previous is None else previous, sized[0], previous is None)
            for spec in sized:
                yield spec, _encode(resized, spec, source.info.get("icc_profile"))
            previous = resized


def _claim_and_write(photo: Photo, spec: RenditionSpec, data: bytes) -> int:
    try:
        with transaction.atomic():
            Rendition.objects.create(
                photo=photo,
                name=spec.name,
                ratio=spec.ratio,
                format=spec.extension,
                width=spec.width,
                height=spec.height,
            )
            _write(photo.image.storage, spec.name, data)
    except IntegrityError:
        return 0
    return 1


def discard_renditions(photo: Photo, *, keep: list[str] = ()) -> None:
    """Delete the files and rows of `photo`'s renditions, except the names in `keep`."""
    stale = photo.renditions.exclude(name__in=keep)
    for name in stale.values_list("name", flat=True):
        photo.image.storage.delete(name)
    stale.delete()


def _write(storage, name: str, data: bytes) -> None:
    # Only the holder of the row writes this name; a file already there is a leftover of a run
    # that failed after writing, and is replaced rather than saved beside under another name.
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"The media storage renamed rendition {name} to {saved}.")


def picture_context(photo: Photo | None, slot: str) -> dict:
    """What `<picture>` needs for `photo` in `slot`, built without database queries.

    With renditions stored: WebP and JPEG `srcset`s and the size of the largest rendition (its
    ratio is what the browser reserves). Otherwise the original alone. Empty without a file.
    Raises KeyError for an unknown slot.
    """
    layout = SLOTS[slot]
    if photo is None or not photo.has_file:
        return {}
    context = {
        "alt": photo.alt_text,
        "sizes": layout.sizes,
        "loading": "eager" if layout.eager else "lazy",
        "eager": layout.eager,
    }
    specs = stored_specs(photo, layout.ratio)
    if not specs:
        return {**context, "src": photo.image.url, "width": photo.width, "height": photo.height}
    storage = photo.image.storage
    by_format = {
        extension: [spec for spec in specs if spec.extension == extension] for extension in FORMATS
    }
    jpegs = by_format["jpg"]
    fallback = next((spec for spec in jpegs if spec.width >= 800), jpegs[-1])
    return {
        **context,
        "sources": [
            {
                "type": group[0].mime_type,
                "srcset": _srcset(storage, group),
            }
            for extension, group in by_format.items()
            if extension != "jpg"
        ],
        "srcset": _srcset(storage, jpegs),
        "src": storage.url(fallback.name),
        "width": jpegs[-1].width,
        "height": jpegs[-1].height,
    }


def _srcset(storage, specs: list[RenditionSpec]) -> str:
    return ", ".join(f"{storage.url(spec.name)} {spec.width}w" for spec in specs)


def rendition_url(photo: Photo | None, *, slot: str = "inline", width: int = 1200) -> str:
    """Address of the JPEG rendition closest to `width` (at least it, if one is that wide) for
    feeds and exports; the original while renditions are missing; "" without a file."""
    return rendition_image(photo, slot=slot, width=width)[0]


def rendition_image(
    photo: Photo | None, *, slot: str = "inline", width: int = 1200
) -> tuple[str, int | None, int | None]:
    """Address, width and height of the image `rendition_url` picks; ("", None, None) without a
    file (sizes are None for an original whose size is unknown)."""
    if photo is None or not photo.has_file:
        return "", None, None
    jpegs = [s for s in stored_specs(photo, SLOTS[slot].ratio) if s.extension == "jpg"]
    if not jpegs:
        return photo.image.url, photo.width, photo.height
    chosen = next((spec for spec in jpegs if spec.width >= width), jpegs[-1])
    return photo.image.storage.url(chosen.name), chosen.width, chosen.height


@dataclass(frozen=True)
class ImageFile:
    """One stored image file of a photo, as feeds and structured data describe it."""

    url: str
    width: int | None
    height: int | None
    mime_type: str


ORIGINAL_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                  "webp": "image/webp", "gif": "image/gif"}  # fmt: skip


def largest_jpeg(photo: Photo | None, *, ratio: str = "original") -> ImageFile | None:
    """The largest JPEG rendition of `photo` in `ratio`, for feeds and structured data.

    While the renditions are missing, the stored original (whatever its ratio). None without a
    file. Builds nothing and costs no queries; the address may be relative to the site.
    """
    if photo is None or not photo.has_file:
        return None
    jpegs = [s for s in stored_specs(photo, ratio) if s.extension == "jpg"]
    if not jpegs:
        extension = PurePath(photo.image.name).suffix.lstrip(".").lower()
        mime_type = ORIGINAL_TYPES.get(extension, "application/octet-stream")
        return ImageFile(photo.image.url, photo.width, photo.height, mime_type)
    largest = jpegs[-1]
    return ImageFile(
        photo.image.storage.url(largest.name), largest.width, largest.height, largest.mime_type
    )
