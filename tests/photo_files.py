"""Small real image files made with Pillow for the photo tests, with the metadata cameras write."""

import struct
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
