"""Reading what a camera or an agency wrote into a photo, and the metadata we keep when storing it.

Caption, photographer, credit, copyright and date taken come from EXIF, IPTC (the Photoshop
APP13 block) and XMP. Location never survives: `public_exif` keeps a short list of descriptive
tags and drops GPS, maker notes and everything else, and IPTC/XMP are not written back at all.
"""

import re
import struct
from dataclasses import dataclass
from datetime import datetime

from defusedxml import ElementTree
from django.utils import timezone
from PIL import ExifTags, Image, ImageOps, IptcImagePlugin

from articles.text import normalize_space

BASE = ExifTags.Base
EXIF_IFD = ExifTags.IFD.Exif

# Tags that describe the picture and its author, never where it was taken.
KEPT_BASE_TAGS = (
    BASE.ImageDescription,
    BASE.Make,
    BASE.Model,
    BASE.Artist,
    BASE.Copyright,
    BASE.DateTime,
)
KEPT_EXIF_TAGS = (
    BASE.DateTimeOriginal,
    BASE.OffsetTimeOriginal,
    BASE.ExposureTime,
    BASE.FNumber,
    BASE.ISOSpeedRatings,
    BASE.FocalLength,
    BASE.LensModel,
)

# EXIF orientation -> the turn that makes the picture upright (as ImageOps.exif_transpose does).
TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# What reading or writing a damaged EXIF block raises.
EXIF_ERRORS = (SyntaxError, ValueError, TypeError, KeyError, IndexError, OSError, struct.error)

# IPTC IIM datasets (record 2).
IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_SOURCE = (2, 115)
IPTC_COPYRIGHT = (2, 116)
IPTC_CAPTION = (2, 120)
IPTC_DATE = (2, 55)
IPTC_TIME = (2, 60)

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


@dataclass
class PhotoMetadata:
    caption: str = ""
    creator: str = ""
    credit: str = ""
    copyright: str = ""
    taken_at: datetime | None = None

    @property
    def agency(self) -> str:
        """The credit line an agency asks for, else the rights holder named in the copyright."""
        if self.credit:
            return self.credit
        holder = _copyright_holder(self.copyright)
        return "" if holder.casefold() == self.creator.casefold() else holder


def read_metadata(image: Image.Image) -> PhotoMetadata:
    """Everything useful for the photo desk found in `image`; IPTC and XMP win over plain EXIF."""
    exif, iptc, xmp = _exif_fields(image), _iptc_fields(image), _xmp_fields(image)
    found = PhotoMetadata()
    for field in ("caption", "creator", "credit", "copyright"):
        for source in (iptc, xmp, exif):
            if source.get(field):
                setattr(found, field, source[field])
                break
    found.taken_at = exif.get("taken_at") or xmp.get("taken_at") or iptc.get("taken_at")
    return found


def public_exif(image: Image.Image) -> Image.Exif:
    """A fresh EXIF block with only `KEPT_*` tags and orientation reset: no GPS, no maker notes.

    A tag whose value cannot be written back (a damaged block gives a date as numbers) is left
    out."""
    source = readable_exif(image)
    kept = Image.Exif()
    for tag in KEPT_BASE_TAGS:
        if tag in source and _writable(tag, source[tag]):
            kept[tag] = source[tag]
    source_ifd = source.get_ifd(EXIF_IFD)
    kept_ifd = {
        tag: source_ifd[tag]
        for tag in KEPT_EXIF_TAGS
        if tag in source_ifd and _writable(tag, source_ifd[tag], ifd=EXIF_IFD)
    }
    if kept_ifd:
        kept.get_ifd(EXIF_IFD).update(kept_ifd)
    return kept


def _writable(tag: int, value, *, ifd: int | None = None) -> bool:
    probe = Image.Exif()
    (probe.get_ifd(ifd) if ifd else probe)[tag] = value
    try:
        probe.tobytes()
    except EXIF_ERRORS:
        return False
    return True


def upright(image: Image.Image) -> Image.Image:
    """`image` turned as its EXIF orientation says; the same object when it is already upright,
    so a 24-megapixel photo is not copied for nothing."""
    turn = TURNS.get(readable_exif(image).get(BASE.Orientation, 1))
    if turn is None:
        return image
    try:
        return ImageOps.exif_transpose(image)
    except EXIF_ERRORS:
        # The rest of the block is too damaged to write back: turn the pixels, drop the block.
        turned = image.transpose(turn)
        turned.info.pop("exif", None)
        return turned


def readable_exif(image: Image.Image) -> Image.Exif:
    """`image`'s EXIF, or an empty block when it is too damaged to read: a broken block costs
    the metadata, never the photo."""
    try:
        exif = image.getexif()
        exif.get_ifd(EXIF_IFD)
    except EXIF_ERRORS:
        return Image.Exif()
    return exif


def _text(value, limit: int = 2000) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    return normalize_space(str(value).replace("\x00", " "))[:limit]


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _parse_exif_date(value: str, offset: str = "") -> datetime | None:
    try:
        moment = datetime.strptime(value.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if re.fullmatch(r"[+-]\d\d:\d\d", offset.strip()):
        return datetime.fromisoformat(moment.isoformat() + offset.strip())
    return _aware(moment)


def _parse_iso_date(value: str) -> datetime | None:
    value = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return _aware(moment)


def _exif_fields(image: Image.Image) -> dict:
    exif = readable_exif(image)
    ifd = exif.get_ifd(EXIF_IFD)
    fields = {
        "caption": _text(exif.get(BASE.ImageDescription, "")),
        "creator": _text(exif.get(BASE.Artist, "")),
        "copyright": _text(exif.get(BASE.Copyright, "")),
    }
    taken = ifd.get(BASE.DateTimeOriginal) or exif.get(BASE.DateTime)
    if taken:
        fields["taken_at"] = _parse_exif_date(
            _text(taken), _text(ifd.get(BASE.OffsetTimeOriginal, ""))
        )
    return fields


def _iptc_fields(image: Image.Image) -> dict:
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except (SyntaxError, ValueError, IndexError, OSError):
        return {}
    fields = {
        "caption": _text(iptc.get(IPTC_CAPTION, "")),
        "creator": _text(iptc.get(IPTC_BYLINE, "")),
        "credit": _text(iptc.get(IPTC_CREDIT, "") or iptc.get(IPTC_SOURCE, "")),
        "copyright": _text(iptc.get(IPTC_COPYRIGHT, "")),
    }
    day, time = _text(iptc.get(IPTC_DATE, "")), _text(iptc.get(IPTC_TIME, ""))
    if re.fullmatch(r"\d{8}", day):
        clock = time[:6] if re.fullmatch(r"\d{6}.*", time) else "000000"
        fields["taken_at"] = _parse_exif_date(
            f"{day[:4]}:{day[4:6]}:{day[6:]} {clock[:2]}:{clock[2:4]}:{clock[4:6]}",
            f"{time[6:9]}:{time[9:11]}" if re.fullmatch(r"\d{6}[+-]\d{4}", time) else "",
        )
    return fields


def _xmp_fields(image: Image.Image) -> dict:
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if not packet:
        return {}
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    try:
        root = ElementTree.fromstring(packet.strip(b"\x00 \r\n\t"))
    except (ElementTree.ParseError, ValueError):
        return {}

    def first(path: str) -> str:
        for description in root.iter(f"{{{XMP_NS['rdf']}}}Description"):
            # A property is either an attribute of rdf:Description or a child element.
            prefix, local = path.split(":")
            attribute = description.get(f"{{{XMP_NS[prefix]}}}{local}")
            if attribute:
                return _text(attribute)
            element = description.find(path, XMP_NS)
            if element is not None:
                item = element.find(".//rdf:li", XMP_NS)
                return _text((item if item is not None else element).text or "")
        return ""

    taken = first("photoshop:DateCreated") or first("exif:DateTimeOriginal")
    return {
        "caption": first("dc:description"),
        "creator": first("dc:creator"),
        "credit": first("photoshop:Credit") or first("photoshop:Source"),
        "copyright": first("dc:rights"),
        "taken_at": _parse_iso_date(taken) if taken else None,
    }


def _copyright_holder(notice: str) -> str:
    """“© 2024 Harbor Photo Co. All rights reserved.” -> “Harbor Photo Co.”"""
    holder = re.sub(r"(?i)(copyright|\(c\)|©)", " ", notice)
    holder = re.sub(r"(?i)all rights reserved\.?", " ", holder)
    holder = re.sub(r"\b(1[89]|20)\d\d\b(\s*[-–]\s*\d{2,4})?", " ", holder)
    holder = normalize_space(holder).strip(" ,;-")
    if holder.endswith(".") and not re.search(r"\b(Co|Corp|Inc|Ltd)\.$", holder):
        holder = holder[:-1]
    return holder
