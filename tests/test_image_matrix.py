"""Every kind of image a newsroom receives, through every door a file comes in by.

Doors: the photo add form, the change form replacing a picture, the several-at-once upload, and
an import fetching the picture from a real HTTP server on 127.0.0.1. Each file is either
accepted, with a clean original and every rendition stored and looking as the sender meant, or
refused with a message naming the file and the reason, leaving nothing stored.
"""

import http.server
import re
import threading
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from urllib.parse import quote

import pytest
from django.urls import reverse
from PIL import Image

from articles.images import attach_image, renditions_ready
from articles.images.renditions import RATIOS, rendition_specs
from articles.images.storing import WEB_FORMATS
from articles.importers.base import ParsedArticle, ParsedPhoto
from articles.importers.pipeline import save_item
from articles.models import Photo
from tests.factories import reporter
from tests.photo_files import (
    BLUE,
    GREEN,
    IMAGE_KINDS,
    RED,
    SAMPLE_POINTS,
    UPRIGHT_SIZE,
    ImageKind,
    camera_jpeg,
    has_location,
    image_bytes,
    minimal_pdf,
    phone_photo,
    png_bomb,
    upload,
)
from tests.test_photo_admin import photo_form

pytestmark = pytest.mark.django_db

DOORS = ["add form", "change form", "several at once", "import fetch"]
UPLOAD_DOORS = DOORS[:3]


@dataclass(frozen=True)
class RefusedKind:
    """A file that must be refused: `reason` is what the message says at the upload doors,
    `fetched_reason` what the import report says (None: a fetched copy is accepted)."""

    name: str
    filename: str
    make: object
    reason: str
    fetched_reason: str | None = "same"

    def expected(self, door: str) -> str | None:
        if door != "import fetch" or self.fetched_reason == "same":
            return self.reason
        return self.fetched_reason


@cache
def bomb() -> bytes:
    return png_bomb()


REFUSED_KINDS = [
    RefusedKind(
        "JPEG cut short", "harbor.jpg", lambda: camera_jpeg()[:1800],
        "“harbor.jpg” is truncated or damaged",
    ),
    RefusedKind(
        "PNG cut short", "harbor.png",
        lambda: image_bytes("PNG", image=Image.effect_noise(UPRIGHT_SIZE, 40))[:3000],
        "“harbor.png” is truncated or damaged",
    ),
    RefusedKind(
        "HEIC cut short", "IMG_0043.HEIC", lambda: phone_photo("HEIF")[:1200],
        "“IMG_0043.HEIC” starts as a HEIC/HEIF file but is damaged or cut short",
    ),
    RefusedKind(
        "PDF named .png", "minutes.png", minimal_pdf, "“minutes.png” is not an image we can read"
    ),
    RefusedKind(
        "text named .jpg", "notes.jpg", lambda: b"Harbor commission, Tuesday 7 p.m.\n" * 30,
        "“notes.jpg” is not an image we can read",
    ),
    RefusedKind("empty file", "blank.jpg", lambda: b"", "“blank.jpg” is empty"),
    RefusedKind(
        "decompression bomb (144 megapixels in 17 kB)", "crowd.png", bomb,
        r"“crowd.png” is too large an image \(12000 × 12000 pixels\); "
        r"the limit is 100,000,000 pixels",
    ),
    RefusedKind(
        "BMP", "scan.bmp", lambda: image_bytes("BMP"),
        "“scan.bmp” is not a photo file we accept: the name must end in",
        fetched_reason="“scan.bmp” is not an image we can read",
    ),
    RefusedKind(
        "JPEG named .png", "parade.png", camera_jpeg,
        "“parade.png” is named as a PNG file but contains a JPEG image",
        # An address's ending is not the sender's claim: the content decides.
        fetched_reason=None,
    ),
]  # fmt: skip


class FileHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server(settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FileHandler)
    server.files = {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@dataclass
class Outcome:
    photo: Photo | None
    refusal: str
    before: set[str]


def stored_files(media_root) -> set[str]:
    if not media_root.exists():
        return set()
    return {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}


def form_refusal(response) -> str:
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"], errors
    return " ".join(errors["image"])


@pytest.fixture
def door(client, media_root, file_server, django_capture_on_commit_callbacks):
    """Sends (filename, data) through the named door and reports what it did."""
    client.force_login(reporter())

    def through(name: str, filename: str, data: bytes) -> Outcome:
        if name == "add form":
            form = photo_form(image=upload(filename, data), alt_text="A picture.")
            response = client.post(reverse("admin:articles_photo_add"), form)
            if response.status_code == 302:
                return Outcome(Photo.objects.get(), "", set())
            return Outcome(None, form_refusal(response), set())
        if name == "change form":
            old = image_bytes("JPEG", size=(200, 100))
            photo = attach_image(Photo(alt_text="Old."), upload("old.jpg", old), name="old.jpg")
            before = stored_files(media_root)
            form = photo_form(image=upload(filename, data), alt_text="Old.")
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    reverse("admin:articles_photo_change", args=[photo.pk]), form
                )
            if response.status_code == 302:
                return Outcome(Photo.objects.get(), "", before)
            return Outcome(None, form_refusal(response), before)
        if name == "several at once":
            response = client.post(
                reverse("admin:articles_photo_upload"), {"files": [upload(filename, data)]}
            )
            if response.status_code == 302:
                return Outcome(Photo.objects.get(), "", set())
            refused = response.context["refused"]
            assert [name for name, _ in refused] == [filename]
            assert f"<strong>{filename}</strong>: " in response.content.decode()
            return Outcome(None, refused[0][1], set())
        path = f"/media/{quote(filename)}"
        file_server.files[path] = data
        lead = ParsedPhoto(source_url=f"http://127.0.0.1:{file_server.server_port}{path}")
        story = ParsedArticle(
            external_id="ferry", headline="Ferry fares rise", body_html="<p>Up.</p>",
            lead_photo=lead,
        )  # fmt: skip
        warnings = []
        article, _ = save_item(story, source="test", fetch_images=True, warnings=warnings)
        photo = article.lead_photo
        if not warnings:
            return Outcome(photo, "", set())
        assert not photo.has_file
        return Outcome(None, " ".join(warnings), set())

    return through


def expected_colours(kind: ImageKind) -> list[tuple[int, int, int] | None]:
    """What readers should see at `SAMPLE_POINTS`; None where the picture is transparent."""
    if kind.looks == "picture-transparent":
        return [RED, GREEN, None]
    if kind.looks == "grey-picture":
        greys = [
            Image.new("RGB", (1, 1), c).convert("L").getpixel((0, 0)) for c in (RED, GREEN, BLUE)
        ]
        return [(grey,) * 3 for grey in greys]
    return [RED, GREEN, BLUE]


def assert_looks_right(image: Image.Image, kind: ImageKind, *, keeps_alpha: bool) -> None:
    width, height = image.size
    if kind.looks == "ramp":
        # A ramp from black to white, not clipped to white as a plain 16-to-8-bit cut would be.
        if image.mode.startswith("I"):
            image = image.convert("I").point(lambda value: value / 257)
        grey = image.convert("L")
        assert grey.getpixel((width // 2, height // 20)) < 40
        assert 90 < grey.getpixel((width // 2, height // 2)) < 165
        assert grey.getpixel((width // 2, height * 19 // 20)) > 215
        return
    for (x, y), expected in zip(SAMPLE_POINTS, expected_colours(kind), strict=True):
        point = (int(x * width), int(y * height))
        if expected is None and keeps_alpha:
            assert image.convert("RGBA").getpixel(point)[3] < 10, point
            continue
        # JPEG has no transparency: the transparent part is on white paper, not black.
        wanted = expected or (255, 255, 255)
        found = image.convert("RGB").getpixel(point)
        assert all(abs(a - b) <= 45 for a, b in zip(found, wanted, strict=True)), (point, found)


def assert_accepted(outcome: Outcome, kind: ImageKind, media_root) -> None:
    assert outcome.refusal == ""
    photo = outcome.photo
    photo.refresh_from_db()
    storage = photo.image.storage
    with storage.open(photo.image.name, "rb") as stored:
        data = stored.read()
    original = Image.open(BytesIO(data))
    assert original.format == kind.stored_as
    assert photo.image.name.endswith(WEB_FORMATS[kind.stored_as])
    assert getattr(original, "n_frames", 1) == kind.frames
    original.load()
    assert original.mode != "CMYK"
    assert original.size == (photo.width, photo.height) == UPRIGHT_SIZE
    assert not has_location(data)
    assert_looks_right(original, kind, keeps_alpha=original.format != "JPEG")

    assert renditions_ready(photo)
    specs = {spec.name: spec for spec in rendition_specs(photo)}
    assert set(photo.renditions.values_list("name", flat=True)) == set(specs)
    for spec in specs.values():
        with storage.open(spec.name, "rb") as stored:
            rendition = Image.open(BytesIO(stored.read()))
            rendition.load()
        assert rendition.format == {"jpg": "JPEG", "webp": "WEBP"}[spec.extension]
        assert rendition.size == (spec.width, spec.height)
        if spec.extension == "jpg":
            assert rendition.mode in ("RGB", "L")
        if RATIOS[spec.ratio] is None:
            assert_looks_right(rendition, kind, keeps_alpha=spec.extension == "webp")
    # The new original and its renditions, and nothing else: a replaced picture is gone.
    assert stored_files(media_root) == {photo.image.name, *specs}


@pytest.mark.parametrize("door_name", DOORS)
@pytest.mark.parametrize("kind", IMAGE_KINDS, ids=lambda kind: kind.name)
def test_each_kind_of_image_is_accepted_through_each_door(door, door_name, kind, media_root):
    outcome = door(door_name, kind.filename, kind.make())

    assert_accepted(outcome, kind, media_root)


@pytest.mark.parametrize("door_name", DOORS)
@pytest.mark.parametrize("kind", REFUSED_KINDS, ids=lambda kind: kind.name)
def test_each_bad_file_is_refused_with_its_reason_through_each_door(
    door, door_name, kind, media_root
):
    outcome = door(door_name, kind.filename, kind.make())

    reason = kind.expected(door_name)
    if reason is None:
        assert outcome.refusal == ""
        assert outcome.photo.has_file
        return
    assert re.search(reason, outcome.refusal), outcome.refusal
    assert outcome.photo is None
    assert stored_files(media_root) == outcome.before
    if door_name == "change form":
        photo = Photo.objects.get()
        assert photo.image.name.endswith("old.jpg") and renditions_ready(photo)
    elif door_name != "import fetch":
        assert Photo.objects.count() == 0
