"""Small real image files made with Pillow for the photo tests, with the metadata cameras write."""

import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

GPS_IFD = ExifTags.IFD.GPSInfo
EXIF_IFD = ExifTags.IFD.Exif


def image_bytes(fmt="JPEG", size=(64, 48), color="steelblue", *, image=None, **options) -> bytes:
    image = image or Image.new("RGB", size, color)
    buffer = BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def camera_exif(*, orientation=1, gps=True, **tags) -> Image.Exif:
    """EXIF as a phone writes it: description, artist, copyright, date taken and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    for name, value in tags.items():
        if name == "DateTimeOriginal":
            exif.get_ifd(EXIF_IFD)[ExifTags.Base.DateTimeOriginal] = value
        else:
            exif[getattr(ExifTags.Base, name)] = value
    if gps:
        position = exif.get_ifd(GPS_IFD)
        position[ExifTags.GPS.GPSLatitudeRef] = "N"
        position[ExifTags.GPS.GPSLatitude] = (41.0, 8.0, 30.0)
        position[ExifTags.GPS.GPSLongitudeRef] = "W"
        position[ExifTags.GPS.GPSLongitude] = (73.0, 21.0, 45.0)
    return exif


def mistyped_exif(orientation: int) -> bytes:
    """EXIF as a damaged memory card leaves it: a number tag (RowsPerStrip) holding text."""
    text = b"Lee Park\0"
    entries = struct.pack(">HHIHH", ExifTags.Base.Orientation, 3, 1, orientation, 0)
    entries += struct.pack(">HHII", ExifTags.Base.RowsPerStrip, 2, len(text), 38)
    return b"Exif\0\0MM\0*" + struct.pack(">IH", 8, 2) + entries + struct.pack(">I", 0) + text


def iptc_segment(fields: dict[tuple[int, int], str]) -> bytes:
    """A JPEG APP13 segment holding IPTC IIM datasets, as photo desks' software writes it."""
    data = b"".join(
        b"\x1c" + bytes(key) + struct.pack(">H", len(value.encode())) + value.encode()
        for key, value in fields.items()
    )
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(data))
    resource += data + (b"\x00" if len(data) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def insert_segment(jpeg: bytes, segment: bytes) -> bytes:
    """`jpeg` with `segment` placed right after the start-of-image marker."""
    return jpeg[:2] + segment + jpeg[2:]


def xmp_packet(*, description="", creator="", credit="", rights="", created="") -> bytes:
    return f"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  xmlns:exif="http://ns.adobe.com/exif/1.0/"
  photoshop:Credit="{credit}" photoshop:DateCreated="{created}"
  exif:GPSLatitude="41,8.5N" exif:GPSLongitude="73,21.75W">
 <dc:description><rdf:Alt>
  <rdf:li xml:lang="x-default">{description}</rdf:li>
 </rdf:Alt></dc:description>
 <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


def has_location(data: bytes) -> bool:
    """True if an image file carries GPS EXIF, XMP (which may hold a position) or IPTC."""
    image = Image.open(BytesIO(data))
    exif = image.getexif()
    return bool(
        GPS_IFD in exif
        or exif.get_ifd(GPS_IFD)
        or image.info.get("xmp")
        or "photoshop" in image.info
        or b"GPS" in data
        or b"Photoshop 3.0" in data
    )


# The picture every kind in `IMAGE_KINDS` shows when upright: red top left, green top right, blue
# below; portrait, so a turn or a mirror shows in the corners.
UPRIGHT_SIZE = (300, 450)
RED, GREEN, BLUE = (220, 30, 30), (30, 170, 40), (30, 40, 210)
# Where the three colours are checked, as fractions of width and height.
SAMPLE_POINTS = ((0.25, 0.2), (0.75, 0.2), (0.5, 0.78))

# EXIF orientation -> what turns the upright picture into the pixels a camera stores with it.
STORED_FOR_ORIENTATION = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def upright_picture(*, transparent_bottom: bool = False) -> Image.Image:
    """`UPRIGHT_SIZE` in RGB, or RGBA with the blue half fully transparent."""
    width, height = UPRIGHT_SIZE
    picture = Image.new("RGBA" if transparent_bottom else "RGB", UPRIGHT_SIZE, BLUE)
    picture.paste(RED, (0, 0, width // 2, height // 2))
    picture.paste(GREEN, (width // 2, 0, width, height // 2))
    if transparent_bottom:
        picture.paste((0, 0, 0, 0), (0, height // 2, width, height))
    return picture


def grey_ramp_16bit() -> Image.Image:
    """A 16-bit grey ramp, black at the top to white at the bottom (PNG's I;16)."""
    ramp = Image.linear_gradient("L").resize(UPRIGHT_SIZE).convert("I")
    return ramp.point(lambda value: value * 257).convert("I;16")


def _heif_bytes(image: Image.Image, fmt: str, **options) -> bytes:
    """HEIC as an iPhone writes it: a grid of tiles; AVIF as Pillow writes it."""
    import pillow_heif

    if fmt != "HEIF":
        return image_bytes(fmt, image=image, **options)
    tile_size, pillow_heif.options.GRID_TILE_SIZE = pillow_heif.options.GRID_TILE_SIZE, 256
    try:
        return image_bytes(fmt, image=image, **options)
    finally:
        pillow_heif.options.GRID_TILE_SIZE = tile_size


def phone_photo(fmt: str, *, orientation: int = 6, **options) -> bytes:
    """The upright picture as a phone stores it: turned, with EXIF saying how to turn it back
    and where it was taken, and an sRGB profile."""
    from PIL import ImageCms

    stored = upright_picture()
    if STORED_FOR_ORIENTATION[orientation] is not None:
        stored = stored.transpose(STORED_FOR_ORIENTATION[orientation])
    exif = camera_exif(orientation=orientation, Make="Apple", Model="iPhone 15", Artist="Lee Park")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # As bytes: pillow-heif then also writes the turn as HEIF's own rotation (irot), as phones do.
    return _heif_bytes(stored, fmt, exif=exif.tobytes(), icc_profile=srgb, **options)


def palette_with_transparency() -> Image.Image:
    width, height = UPRIGHT_SIZE
    picture = Image.new("P", UPRIGHT_SIZE, 3)
    picture.putpalette([*RED, *GREEN, *BLUE, 255, 255, 255])
    picture.paste(0, (0, 0, width // 2, height // 2))
    picture.paste(1, (width // 2, 0, width, height // 2))
    picture.info["transparency"] = 3
    return picture


def animated(fmt: str) -> bytes:
    """Three frames, the upright picture first."""
    first = upright_picture()
    others = [Image.new("RGB", UPRIGHT_SIZE, color) for color in ("orange", "purple")]
    return image_bytes(fmt, image=first, save_all=True, append_images=others, duration=200)


def camera_jpeg(**options) -> bytes:
    return image_bytes("JPEG", image=upright_picture(), exif=camera_exif(), **options)


@dataclass(frozen=True)
class ImageKind:
    """One kind of file a newsroom receives, and what readers should then see.

    `looks` is the upright picture renditions must match at `SAMPLE_POINTS` ("picture",
    "picture-transparent", "grey-picture" or "ramp"); `stored_as` is the format of the
    stored original and `frames` how many it keeps (an animated WebP is kept still).
    """

    name: str
    filename: str
    make: Callable[[], bytes]
    stored_as: str
    looks: str = "picture"
    frames: int = 1


IMAGE_KINDS = [
    ImageKind("PNG RGB", "harbor.png", lambda: image_bytes("PNG", image=upright_picture()), "PNG"),
    ImageKind(
        "PNG RGBA",
        "buoy.png",
        lambda: image_bytes("PNG", image=upright_picture(transparent_bottom=True)),
        "PNG",
        looks="picture-transparent",
    ),
    ImageKind(
        "PNG greyscale",
        "pier.png",
        lambda: image_bytes("PNG", image=upright_picture().convert("L")),
        "PNG",
        looks="grey-picture",
    ),
    ImageKind(
        "PNG palette, transparent",
        "logo.png",
        lambda: image_bytes("PNG", image=palette_with_transparency()),
        "PNG",
        looks="picture-transparent",
    ),
    ImageKind(
        "PNG 16-bit greyscale",
        "scan.png",
        lambda: image_bytes("PNG", image=grey_ramp_16bit()),
        "PNG",
        looks="ramp",
    ),
    ImageKind("GIF", "map.gif", lambda: image_bytes("GIF", image=upright_picture()), "GIF"),
    ImageKind("GIF animated", "radar.gif", lambda: animated("GIF"), "GIF", frames=3),
    ImageKind(
        "WebP lossy",
        "dock.webp",
        lambda: image_bytes("WEBP", image=upright_picture(), quality=80, exif=camera_exif()),
        "WEBP",
    ),
    ImageKind("WebP animated", "tide.webp", lambda: animated("WEBP"), "WEBP"),
    ImageKind(
        "WebP lossless, transparent",
        "flag.webp",
        lambda: image_bytes("WEBP", image=upright_picture(transparent_bottom=True), lossless=True),
        "WEBP",
        looks="picture-transparent",
    ),
    ImageKind("JPEG baseline", "marsh.jpg", camera_jpeg, "JPEG"),
    ImageKind("JPEG progressive", "dunes.jpeg", lambda: camera_jpeg(progressive=True), "JPEG"),
    ImageKind(
        "JPEG CMYK",
        "press.jpg",
        lambda: image_bytes("JPEG", image=upright_picture().convert("CMYK"), quality=90),
        "JPEG",
    ),
    *[
        ImageKind(
            f"JPEG orientation {turn}",
            f"phone-{turn}.jpg",
            partial(phone_photo, "JPEG", orientation=turn),
            "JPEG",
        )  # fmt: skip
        for turn in STORED_FOR_ORIENTATION
    ],
    ImageKind(
        "JPEG with camera preview (MPO)",
        "camera.jpg",
        lambda: image_bytes(
            "MPO",
            image=upright_picture(),
            save_all=True,
            append_images=[Image.new("RGB", (60, 90), "yellow")],
            exif=camera_exif(),
        ),  # fmt: skip
        "JPEG",
    ),
    ImageKind(
        "TIFF (LZW)",
        "archive.tif",
        lambda: image_bytes("TIFF", image=upright_picture(), compression="tiff_lzw"),
        "JPEG",
    ),
    ImageKind("HEIC from a phone", "IMG_0042.HEIC", partial(phone_photo, "HEIF"), "JPEG"),
    ImageKind("AVIF from a phone", "PXL_0042.avif", partial(phone_photo, "AVIF"), "AVIF"),
]


def minimal_pdf() -> bytes:
    """A one-page PDF with no picture in it, as a scanner or a council's website sends one."""
    stream = b"BT /F1 12 Tf 72 712 Td (Minutes of the harbor commission) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    xref += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return body + xref + trailer % (len(objects) + 1, len(body))


def png_bomb(width: int = 12_000, height: int = 12_000) -> bytes:
    """A PNG of a few kilobytes that decodes to width × height pixels."""
    return image_bytes("PNG", image=Image.new("1", (width, height)), optimize=False)
