"""Renditions: sizes, focal-point crops, one file per name, and the {% picture %} markup."""

import re
import subprocess
import sys
import threading
import time
from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from PIL import Image, ImageChops

from articles.images import attach_image, ensure_renditions, renditions_ready
from articles.images.renditions import crop_box, rendition_specs, rendition_url
from articles.models import Photo, Rendition
from tests.factories import PhotoFactory
from tests.photo_files import image_bytes, upload

pytestmark = pytest.mark.django_db

GREEN = (0, 200, 0)


def attached(size=(2000, 1500), name="square.jpg", **fields):
    fmt = "PNG" if name.endswith(".png") else "JPEG"
    data = image_bytes(fmt, size=size, color="gray")
    return attach_image(Photo(alt_text="Harbor.", **fields), upload(name, data), name=name)


def stored_names(media_root):
    files = (media_root / "renditions").rglob("*")
    return sorted(str(p.relative_to(media_root)) for p in files if p.is_file())


def open_rendition(photo, rendition):
    with photo.image.storage.open(rendition.name, "rb") as stored:
        image = Image.open(BytesIO(stored.read()))
        image.load()
    return image


@pytest.mark.parametrize("ratio", ["16:9", "1:1"])
@pytest.mark.parametrize("focal", [(0, 0), (1, 1), (0.5, 0.5), (0.97, 0.03), (0.12, 0.88)])
@pytest.mark.parametrize("size", [(1600, 400), (300, 900), (1000, 1000)])
def test_crop_box_has_the_ratio_and_keeps_the_focal_point_inside(ratio, focal, size):
    width, height = size
    left, top, right, bottom = crop_box(width, height, ratio, *focal)

    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert left <= focal[0] * width <= right
    assert top <= focal[1] * height <= bottom
    expected = 16 / 9 if ratio == "16:9" else 1
    assert abs((right - left) / (bottom - top) - expected) < 0.02
    assert right - left == width or bottom - top == height


def test_focal_point_drives_the_square_crop_of_a_real_image():
    wide = Image.new("RGB", (1600, 400), "gray")
    wide.paste(GREEN, (1450, 150, 1550, 250))  # a face near the right edge
    data = image_bytes("PNG", image=wide)
    photo = attach_image(
        Photo(focal_x=0.9375, focal_y=0.5), upload("council.png", data), name="council.png"
    )

    square = open_rendition(photo, photo.renditions.get(ratio="1:1", format="jpg", width=400))
    assert square.size == (400, 400)
    # The crop is the right-most 400 × 400: the face sits at x 250-350 of it.
    assert square.convert("RGB").getpixel((300, 200))[1] > 150

    photo.focal_x = 0.05
    photo.save()
    ensure_renditions(photo)
    square = open_rendition(photo, photo.renditions.get(ratio="1:1", format="jpg", width=400))
    red, green, _ = square.convert("RGB").split()
    face = ImageChops.multiply(
        green.point(lambda v: 255 if v > 150 else 0), red.point(lambda v: 255 if v < 80 else 0)
    )
    assert face.getbbox() is None


def test_widths_follow_the_steps_and_are_never_upscaled():
    big = attached(size=(2000, 1500))
    small = attached(size=(300, 200), name="small.jpg")

    def widths(photo, ratio):
        return sorted({r.width for r in photo.renditions.filter(ratio=ratio)})

    assert widths(big, "original") == [480, 800, 1200, 1600]
    assert widths(big, "16:9") == [480, 800, 1200, 1600]
    assert widths(big, "1:1") == [240, 480, 800]
    assert widths(small, "original") == [300]
    assert widths(small, "16:9") == [300]
    assert widths(small, "1:1") == [200]
    assert set(small.renditions.values_list("format", flat=True)) == {"webp", "jpg"}
    for rendition in big.renditions.all():
        image = open_rendition(big, rendition)
        assert image.size == (rendition.width, rendition.height)
        assert image.format == {"webp": "WEBP", "jpg": "JPEG"}[rendition.format]


def test_renditions_are_made_once_and_reused(media_root):
    photo = attached()
    before = {path: (media_root / path).stat().st_mtime_ns for path in stored_names(media_root)}

    assert ensure_renditions(photo) == 0
    assert ensure_renditions(Photo.objects.get(pk=photo.pk)) == 0

    after = {path: (media_root / path).stat().st_mtime_ns for path in stored_names(media_root)}
    assert after == before
    assert len(before) == Rendition.objects.count() == len(rendition_specs(photo))


def test_a_rendition_claimed_elsewhere_is_not_written_twice(media_root):
    photo = PhotoFactory(image__width=900, image__height=600)
    claimed = rendition_specs(photo)[0]
    Rendition.objects.create(
        photo=photo, name=claimed.name, ratio=claimed.ratio, format=claimed.extension,
        width=claimed.width, height=claimed.height,
    )  # fmt: skip

    written = ensure_renditions(photo)

    assert written == len(rendition_specs(photo)) - 1
    assert not (media_root / claimed.name).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database locks whole tables between threads",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_generations_write_each_file_once(media_root):
    photo = PhotoFactory(image__width=1700, image__height=1000)
    start = threading.Barrier(2)
    written, errors = [], []

    def generate():
        try:
            start.wait()
            written.append(ensure_renditions(Photo.objects.get(pk=photo.pk)))
        except Exception as error:  # reported below, a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=generate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    specs = rendition_specs(photo)
    assert sum(written) == len(specs)
    assert stored_names(media_root) == sorted(spec.name for spec in specs)
    assert Rendition.objects.count() == len(specs)


def test_two_processes_on_one_sqlite_file_write_each_file_once(tmp_path):
    def run(*args, **kwargs):
        return subprocess.Popen(
            [sys.executable, "-m", "tests.photo_race", str(tmp_path), *args],
            cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    setup = run("setup")
    assert setup.wait(timeout=120) == 0, setup.stderr.read()
    racers = [run("render"), run("render")]
    time.sleep(2)  # both processes have loaded Django and wait for the signal
    (tmp_path / "go").touch()
    outputs = [racer.communicate(timeout=120) for racer in racers]

    assert [racer.returncode for racer in racers] == [0, 0], [err for _, err in outputs]
    written = [int(out.strip()) for out, _ in outputs]
    files = sorted(p.name for p in (tmp_path / "media" / "renditions").rglob("*") if p.is_file())
    assert sum(written) == len(files) == 22
    assert not any(re.search(r"_[A-Za-z0-9]{7}\.", name) for name in files)


def test_moving_the_focal_point_replaces_only_the_crops(media_root):
    photo = attached()
    originals = set(photo.renditions.filter(ratio="original").values_list("name", flat=True))
    old_crops = set(photo.renditions.exclude(ratio="original").values_list("name", flat=True))

    photo.focal_x, photo.focal_y = 0.2, 0.3
    photo.save()
    assert not renditions_ready(photo)
    ensure_renditions(photo)

    names = set(photo.renditions.values_list("name", flat=True))
    assert originals <= names
    assert not old_crops & names
    assert set(stored_names(media_root)) == names
    assert renditions_ready(photo)


def render(template: str, **context) -> str:
    return Template("{% load photos %}" + template).render(Context(context))


def test_picture_tag_gives_webp_and_jpeg_srcsets_with_size_and_alt():
    photo = attached()

    html = render('{% picture photo "card" %}', photo=photo)

    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', html)
    assert source
    assert [w for w in re.findall(r" (\d+)w", source.group(1))] == ["480", "800", "1200", "1600"]
    assert ".webp 480w" in source.group(1)
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'width="1600" height="900"' in img
    assert 'alt="Harbor."' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert re.search(r'srcset="[^"]+\.jpg 480w, ', img)
    assert 'loading="eager"' in render('{% picture photo "lead" %}', photo=photo)
    assert 'width="800" height="800"' in render('{% picture photo "headshot" %}', photo=photo)


def test_picture_tag_falls_back_to_the_original_until_renditions_exist():
    photo = PhotoFactory()

    html = render('{% picture photo "card" %}', photo=photo)

    assert f'src="{photo.image.url}"' in html
    assert 'width="64" height="48"' in html
    assert "<source" not in html
    assert render('{% picture photo "card" %}', photo=Photo(caption="No file")).strip() == ""


def test_picture_tags_on_a_list_make_no_queries(django_assert_num_queries):
    for number in range(5):
        attached(size=(900, 600), name=f"photo{number}.jpg")
    photos = list(Photo.objects.all())

    with django_assert_num_queries(0):
        html = render(
            "{% for p in photos %}{% picture p 'card' %}{% picture p 'thumb' %}{% endfor %}",
            photos=photos,
        )
    assert html.count("<picture") == 10


def test_photo_figure_shows_caption_and_credit_line():
    photo = attached(caption="Ferry at dawn.", credit="Dana Whitfield", agency="Newsroom staff")

    html = Template(
        '{% include "articles/includes/photo_figure.html" with photo=photo slot="lead" %}'
    ).render(Context({"photo": photo}))

    assert "<figure" in html and "<picture" in html
    caption = re.search(r"<figcaption.*?</figcaption>", html, re.S).group(0)
    assert "Ferry at dawn." in caption
    assert "Dana Whitfield / Newsroom staff" in caption


def test_rendition_url_picks_a_jpeg_near_the_asked_width():
    photo = attached()

    assert re.search(r"-full-800-\w+\.jpg$", rendition_url(photo, width=700))
    assert re.search(r"-1x1-240-\w+\.jpg$", rendition_url(photo, slot="thumb", width=100))
    assert rendition_url(PhotoFactory()).endswith(".jpg")
    assert rendition_url(None) == ""


def test_make_renditions_backfills_photos_and_is_safe_to_repeat():
    photos = PhotoFactory.create_batch(3, image__width=1000, image__height=700)
    assert not any(renditions_ready(photo) for photo in photos)
    first, again = StringIO(), StringIO()

    call_command("make_renditions", stdout=first)
    assert "Checked 3 photo(s)" in first.getvalue()
    assert all(renditions_ready(photo) for photo in Photo.objects.all())

    call_command("make_renditions", stdout=again)
    assert "Checked 0 photo(s): 0 rendition file(s) written" in again.getvalue()


def test_make_renditions_all_replaces_lost_files(media_root):
    photo = attached(size=(900, 600))
    lost = photo.renditions.first()
    (media_root / lost.name).unlink()
    out = StringIO()

    call_command("make_renditions", "--all", stdout=out)

    assert "Checked 1 photo(s): 1 rendition file(s) written" in out.getvalue()
    assert (media_root / lost.name).is_file()
