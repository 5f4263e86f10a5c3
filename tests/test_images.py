"""Uploads: which files are accepted, what is refused, and what the stored original keeps."""

from datetime import datetime
from io import BytesIO
from pathlib import PurePath

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, PngImagePlugin

from articles.images import attach_image, prepare_image, renditions_ready
from articles.images.storing import WEB_FORMATS
from articles.images.validation import ACCEPTED_FORMATS
from articles.models import BackgroundJob, Photo
from tests.photo_files import (
    camera_exif,
    has_location,
    image_bytes,
    insert_segment,
    iptc_segment,
    mistyped_exif,
    upload,
    xmp_packet,
)

pytestmark = pytest.mark.django_db

# Formats browsers show, stored as they came; the others are in tests/test_image_matrix.py.
FORMATS = [(fmt, suffix) for fmt, suffix in WEB_FORMATS.items() if fmt in ACCEPTED_FORMATS]


def stored_files(media_root):
    return sorted(p.relative_to(media_root) for p in media_root.rglob("*") if p.is_file())


def read_stored(photo) -> bytes:
    with photo.image.storage.open(photo.image.name, "rb") as stored:
        return stored.read()


@pytest.mark.parametrize(("fmt", "suffix"), FORMATS)
def test_each_web_format_is_stored_in_its_own_format(fmt, suffix):
    photo = attach_image(
        Photo(alt_text="A dock."), upload(f"dock{suffix}", image_bytes(fmt)), name=f"dock{suffix}"
    )

    assert photo.pk is not None
    assert photo.image.name.endswith(suffix)
    assert (photo.width, photo.height) == (64, 48)
    assert Image.open(BytesIO(read_stored(photo))).format == fmt


def test_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "green", "blue")]
    data = image_bytes("GIF", image=frames[0], save_all=True, append_images=frames[1:])
    photo = attach_image(Photo(), upload("flag.gif", data), name="flag.gif")

    assert Image.open(BytesIO(read_stored(photo))).n_frames == 3


def test_truncated_jpeg_is_refused_and_nothing_is_stored(media_root):
    data = image_bytes("JPEG", size=(400, 300), color="orange")
    truncated = upload("harbor.jpg", data[: len(data) // 2])

    with pytest.raises(ValidationError, match="“harbor.jpg” is truncated or damaged"):
        attach_image(Photo(), truncated, name="harbor.jpg")
    assert Photo.objects.count() == 0
    assert stored_files(media_root) == []


def test_renamed_non_image_is_refused():
    text = upload("minutes.jpg", b"Minutes of the board of selectmen, Monday.\n" * 20)

    with pytest.raises(ValidationError, match="“minutes.jpg” is not an image we can read"):
        prepare_image(text, name="minutes.jpg")


def test_content_must_match_the_claimed_type():
    png_named_jpeg = upload("parade.jpg", image_bytes("PNG"))

    with pytest.raises(ValidationError) as refused:
        prepare_image(png_named_jpeg, name="parade.jpg")
    assert refused.value.code == "wrong_type"
    assert (
        "“parade.jpg” is named as a JPEG file but contains a PNG image" in refused.value.messages[0]
    )


def test_a_name_without_an_ending_is_judged_by_its_content():
    photo = attach_image(Photo(), upload("photo", image_bytes("WEBP")), name="photo")

    assert photo.image.name.endswith("/photo.webp")


def test_unknown_file_ending_is_refused():
    with pytest.raises(ValidationError, match="must end in"):
        prepare_image(upload("scan.bmp", image_bytes("BMP")), name="scan.bmp")


def test_too_many_pixels_is_refused_before_decoding(settings, media_root):
    settings.PHOTO_MAX_PIXELS = 100 * 100
    big = upload("crowd.png", image_bytes("PNG", size=(101, 100)))

    with pytest.raises(ValidationError) as refused:
        attach_image(Photo(), big, name="crowd.png")
    assert refused.value.code == "too_many_pixels"
    assert "101 × 100 pixels" in refused.value.messages[0]
    assert stored_files(media_root) == []


def test_pillow_decompression_bomb_guard_becomes_a_form_error(monkeypatch):
    # Pillow's own guard, for images past its limit even when ours is set higher.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50 * 50)
    bomb = upload("bomb.png", image_bytes("PNG", size=(120, 120)))

    with pytest.raises(ValidationError) as refused:
        prepare_image(bomb, name="bomb.png")
    assert refused.value.code == "too_many_pixels"


def test_too_many_bytes_is_refused(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1000
    data = image_bytes("PNG", size=(200, 200), image=Image.effect_noise((200, 200), 60))

    with pytest.raises(ValidationError, match="photos may be at most 1000"):
        prepare_image(upload("noise.png", data), name="noise.png")


def test_gps_never_reaches_the_stored_original_or_any_rendition():
    exif = camera_exif(Artist="Dana Whitfield", Copyright="© 2026 Westport Ledger")
    data = insert_segment(
        image_bytes("JPEG", size=(900, 600), exif=exif, xmp=xmp_packet(creator="Dana Whitfield")),
        iptc_segment({(2, 90): "Westport", (2, 80): "Dana Whitfield"}),
    )
    assert has_location(data)

    photo = attach_image(Photo(), upload("beach.jpg", data), name="beach.jpg")

    original = read_stored(photo)
    assert not has_location(original)
    kept = Image.open(BytesIO(original)).getexif()
    assert kept[ExifTags.Base.Artist] == "Dana Whitfield"
    assert ExifTags.Base.Orientation not in kept
    renditions = list(photo.renditions.all())
    assert len(renditions) > 6
    for rendition in renditions:
        with photo.image.storage.open(rendition.name, "rb") as stored:
            assert not has_location(stored.read()), rendition.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_gps_is_dropped_from_other_formats_too(fmt):
    data = image_bytes(fmt, exif=camera_exif(Artist="Lee Park"))
    suffix = ACCEPTED_FORMATS[fmt][0]
    photo = attach_image(Photo(), upload(f"pier{suffix}", data), name=f"pier{suffix}")

    assert not has_location(read_stored(photo))
    assert photo.credit == "Lee Park"


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("WEBP", ".webp"), ("AVIF", ".avif")])
def test_xmp_is_not_kept_in_the_stored_original(fmt, suffix):
    if fmt not in ACCEPTED_FORMATS:
        pytest.skip(f"This Pillow cannot read {fmt}")
    packet = xmp_packet(creator="Lee Park")
    options = {"xmp": packet}
    if fmt == "PNG":
        options = {"pnginfo": PngImagePlugin.PngInfo()}
        options["pnginfo"].add_itxt("XML:com.adobe.xmp", packet.decode())
    data = image_bytes(fmt, **options)
    assert has_location(data)

    photo = attach_image(Photo(), upload(f"dune{suffix}", data), name=f"dune{suffix}")

    assert photo.credit == "Lee Park"
    assert not has_location(read_stored(photo))


def test_gif_comments_are_not_kept():
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "green")]
    for count in (1, 2):
        data = image_bytes(
            "GIF", image=frames[0], save_all=True, append_images=frames[1:count],
            comment=b"Taken from my porch at 12 Elm Street",
        )  # fmt: skip
        photo = attach_image(Photo(), upload("porch.gif", data), name="porch.gif")

        stored = read_stored(photo)
        assert b"Elm Street" not in stored
        assert Image.open(BytesIO(stored)).n_frames == count


def upright_test_image() -> Image.Image:
    """20 × 40 as a reader should see it: red on top, blue below."""
    image = Image.new("RGB", (200, 400), "red")
    image.paste((0, 0, 255), (0, 200, 200, 400))
    return image


def test_exif_orientation_is_applied_to_the_original_and_renditions():
    # A phone held upright stores the pixels turned and says so in EXIF orientation 6.
    stored_turned = upright_test_image().transpose(Image.Transpose.ROTATE_90)
    data = image_bytes("JPEG", image=stored_turned, exif=camera_exif(orientation=6, gps=False))

    photo = attach_image(Photo(), upload("phone.jpg", data), name="phone.jpg")

    assert (photo.width, photo.height) == (200, 400)
    rendition = photo.renditions.get(ratio="original", format="jpg")
    with photo.image.storage.open(rendition.name, "rb") as stored:
        image = Image.open(stored).convert("RGB")
        assert image.size == (200, 400)
        top, bottom = image.getpixel((100, 50)), image.getpixel((100, 350))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_a_damaged_exif_block_costs_the_metadata_not_the_photo():
    stored_turned = upright_test_image().transpose(Image.Transpose.ROTATE_90)
    data = image_bytes("JPEG", image=stored_turned, exif=mistyped_exif(6))

    photo = attach_image(Photo(), upload("card.jpg", data), name="card.jpg")

    assert (photo.width, photo.height) == (200, 400)
    stored = Image.open(BytesIO(read_stored(photo))).convert("RGB")
    assert stored.size == (200, 400) and stored.getpixel((100, 50))[0] > 200
    assert renditions_ready(photo)


def test_exif_metadata_prefills_empty_fields_only():
    exif = camera_exif(
        gps=False,
        ImageDescription="Fog lifts over Compo Beach.",
        Artist="Dana Whitfield",
        Copyright="Copyright 2026 Harbor Photo Co. All rights reserved.",
        DateTimeOriginal="2026:05:01 07:15:00",
    )
    data = image_bytes("JPEG", exif=exif)

    photo = attach_image(Photo(caption="Our own caption."), upload("fog.jpg", data), name="fog.jpg")

    assert photo.caption == "Our own caption."
    assert photo.credit == "Dana Whitfield"
    assert photo.agency == "Harbor Photo Co."
    assert photo.taken_at.replace(tzinfo=None) == datetime(2026, 5, 1, 7, 15)


def test_iptc_metadata_prefills_and_wins_over_exif():
    exif = camera_exif(gps=False, Artist="camera owner", ImageDescription="DCIM_0042")
    iptc = iptc_segment({
        (2, 120): "Firefighters train at the old mill.",
        (2, 80): "Ruth Okafor",
        (2, 110): "Valley News Service",
        (2, 55): "20260314",
        (2, 60): "093000-0500",
    })  # fmt: skip
    data = insert_segment(image_bytes("JPEG", exif=exif), iptc)

    photo = attach_image(Photo(), upload("mill.jpg", data), name="mill.jpg")

    assert photo.caption == "Firefighters train at the old mill."
    assert photo.credit == "Ruth Okafor"
    assert photo.agency == "Valley News Service"
    assert photo.taken_at.isoformat() == "2026-03-14T09:30:00-05:00"


def test_xmp_metadata_prefills():
    packet = xmp_packet(
        description="Crews repave Main Street.",
        creator="Sam Ortiz",
        credit="Ledger staff",
        rights="© 2026 Westport Ledger",
        created="2026-06-02T14:05:00-04:00",
    )
    data = image_bytes("WEBP", xmp=packet)

    photo = attach_image(Photo(), upload("paving.webp", data), name="paving.webp")

    assert photo.caption == "Crews repave Main Street."
    assert photo.credit == "Sam Ortiz"
    assert photo.agency == "Ledger staff"
    assert photo.taken_at.isoformat() == "2026-06-02T14:05:00-04:00"


def test_attach_without_save_leaves_saving_to_the_caller():
    photo = Photo(alt_text="Boats.")
    attach_image(photo, upload("boats.png", image_bytes("PNG")), name="boats.png", save=False)

    assert photo.pk is None
    assert photo.image.name.endswith(".png")
    photo.save()
    assert Photo.objects.get().width == 64


@pytest.mark.parametrize("fmt", ["PNG", "GIF", "WEBP"])
def test_checking_a_file_leaves_it_open_at_its_start(fmt):
    # Pillow keeps a multi-frame format's file to read further frames and closes it with the
    # image: checking once closed the editor's upload before it could be stored.
    data = image_bytes(fmt)
    uploaded = upload("buoy.img", data)

    prepare_image(uploaded, name="buoy")

    assert not uploaded.closed
    assert uploaded.read() == data


def test_a_failure_while_storing_leaves_no_photo_and_no_file(media_root):
    media_root.mkdir(parents=True)
    (media_root / "photos").write_text("a file where the photos folder should be")

    with pytest.raises(OSError):
        attach_image(
            Photo(), upload("mill.png", image_bytes("PNG", size=(600, 400))), name="mill.png"
        )

    assert Photo.objects.count() == 0
    assert stored_files(media_root) == [PurePath("photos")]


def test_a_failure_while_making_renditions_keeps_the_photo_and_records_why(media_root):
    media_root.mkdir(parents=True)
    (media_root / "renditions").write_text("a file where the renditions folder should be")

    photo = attach_image(
        Photo(), upload("mill.png", image_bytes("PNG", size=(600, 400))), name="mill.png"
    )

    assert Photo.objects.get() == photo and not photo.renditions.exists()
    runs = BackgroundJob.objects.filter(name="articles.tasks.make_renditions")
    # Retried with backoff (the queue in tests runs each retry at once), each failure recorded.
    assert sorted(runs.values_list("attempt", flat=True)) == [1, 2, 3, 4]
    assert {run.state for run in runs} == {BackgroundJob.State.FAILED}
    assert all("NotADirectoryError" in run.error for run in runs)
