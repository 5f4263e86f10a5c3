"""The photo desk in the admin: uploads one or several at a time, focal point, lists and filters."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.images import renditions_ready
from articles.models import Photo
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, UserFactory, reporter
from tests.photo_files import camera_exif, has_location, image_bytes, upload

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_photo_changelist"
UPLOAD = "admin:articles_photo_upload"


@pytest.fixture
def desk(client):
    client.force_login(reporter())
    return client


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def photo_form(**fields):
    return {
        "alt_text": "",
        "caption": "",
        "credit": "",
        "agency": "",
        "taken_at_0": "",
        "taken_at_1": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "places": "",
        "topics": "",
        "source": "",
        "source_url": "",
        **fields,
    }


def test_adding_a_photo_stores_a_clean_copy_and_prefills_the_credit(desk):
    data = image_bytes("JPEG", size=(900, 600), exif=camera_exif(Artist="Dana Whitfield"))

    response = desk.post(
        reverse("admin:articles_photo_add"),
        photo_form(image=upload("marsh.jpg", data), alt_text="Egrets in the marsh."),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.credit == "Dana Whitfield"
    with photo.image.storage.open(photo.image.name, "rb") as stored:
        assert not has_location(stored.read())
    assert renditions_ready(photo)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L"])
def test_a_png_is_added_through_the_form(desk, mode):
    # Checking a PNG used to close the upload, and storing it then failed with a server error.
    data = image_bytes("PNG", image=Image.new(mode, (300, 200)))

    response = desk.post(
        reverse("admin:articles_photo_add"),
        photo_form(image=upload("buoy.png", data), alt_text="A buoy."),
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.image.name.endswith("/buoy.png") and renditions_ready(photo)


def test_a_damaged_upload_is_a_form_error_and_nothing_is_stored(desk, media_root):
    data = image_bytes("JPEG", size=(300, 200))

    response = desk.post(
        reverse("admin:articles_photo_add"),
        photo_form(image=upload("marsh.jpg", data[:-400]), alt_text="Egrets."),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert "“marsh.jpg” is truncated or damaged" in errors[0]
    assert Photo.objects.count() == 0
    assert stored_files(media_root) == []


def test_moving_the_focal_point_in_the_form_recrops(desk):
    photo = PhotoFactory(image__width=1200, image__height=800)

    response = desk.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        photo_form(alt_text=photo.alt_text, credit=photo.credit, focal_x="0.8", focal_y="0.25"),
    )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.8, 0.25)
    assert renditions_ready(photo)
    assert photo.renditions.filter(ratio="16:9").exists()


def test_change_form_has_the_clickable_preview_and_lists_where_it_is_used(desk):
    photo = PhotoFactory(focal_x=0.25, focal_y=0.75)
    ArticleFactory(headline="Harbor dredging starts Monday", lead_photo=photo)
    AuthorFactory(name="Dana Whitfield", headshot=photo)

    page = desk.get(reverse("admin:articles_photo_change", args=[photo.pk])).content.decode()

    assert "data-focal-point" in page
    assert 'style="left: 25.0%; top: 75.0%"' in page
    assert "js/admin/focal-point.js" in page
    assert 'name="focal_x"' in page and 'name="focal_y"' in page
    assert re.search(r"Lead photo of <a [^>]+>Harbor dredging starts Monday</a>", page)
    assert re.search(r"Headshot of <a [^>]+>Dana Whitfield</a>", page)


def test_list_shows_thumbnails_and_the_photos_waiting_for_a_file(desk):
    PhotoFactory.create_batch(3)
    Photo.objects.create(caption="Fire on Elm Street", credit="AP")

    page = desk.get(reverse(CHANGELIST)).content.decode()

    assert page.count('class="photo-thumb"') == 3
    assert "No file" in page
    assert "1 photo is waiting for an image file" in page
    assert "Upload several photos" in page
    waiting = desk.get(reverse(CHANGELIST), {"file": "waiting"}).content.decode()
    assert "Fire on Elm Street" in waiting
    assert waiting.count('class="photo-thumb"') == 0


def test_list_costs_the_same_queries_for_more_photos(desk):
    PhotoFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        desk.get(reverse(CHANGELIST))
    PhotoFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        page = desk.get(reverse(CHANGELIST)).content.decode()

    assert page.count('class="photo-thumb"') == 10
    assert len(many) == len(few)


def test_list_filters_and_search(desk):
    used = PhotoFactory(caption="Used on a story", agency="Associated Press")
    PhotoFactory(caption="Sitting in the archive", credit="Lee Park")
    ArticleFactory(lead_photo=used)

    def captions(**params):
        response = desk.get(reverse(CHANGELIST), params)
        return sorted(str(photo) for photo in response.context["cl"].result_list)

    assert captions(used="yes") == ["Used on a story"]
    assert captions(used="no") == ["Sitting in the archive"]
    assert captions(agency="Associated Press") == ["Used on a story"]
    assert captions(q="Lee Park") == ["Sitting in the archive"]
    assert captions(q="archive") == ["Sitting in the archive"]


def test_list_filters_by_place_tag(desk):
    tagged = PhotoFactory(caption="Main Street parade")
    tagged.places.add("Westport")
    PhotoFactory(caption="Somewhere else")
    place = tagged.places.get()

    response = desk.get(reverse(CHANGELIST), {"places__id__exact": place.pk})

    assert [str(p) for p in response.context["cl"].result_list] == ["Main Street parade"]


def test_uploading_several_stores_the_good_files_and_lists_the_refused(desk, media_root):
    files = [
        upload("one.jpg", image_bytes("JPEG", size=(500, 300))),
        upload("two.png", image_bytes("PNG", size=(300, 500))),
        upload("notes.jpg", b"not a photo at all" * 10),
        upload("cut.webp", image_bytes("WEBP", size=(400, 300))[:120]),
        upload("empty.gif", b""),
    ]

    response = desk.post(reverse(UPLOAD), {"files": files, "agency": "Ledger staff"})

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"<strong>notes.jpg</strong>: “notes.jpg” is not an image", page)
    assert "<strong>cut.webp</strong>" in page
    assert "<strong>empty.gif</strong>" in page
    assert "3 file(s) were refused" in page
    photos = Photo.objects.order_by("pk")
    assert [p.image.name.rsplit("/", 1)[-1] for p in photos] == ["one.jpg", "two.png"]
    assert {p.agency for p in photos} == {"Ledger staff"}
    assert all(renditions_ready(p) for p in photos)
    stored_originals = [p for p in stored_files(media_root) if "photos" in p.parts]
    assert len(stored_originals) == 2


def test_uploading_several_good_files_goes_to_the_new_photos(desk):
    files = [upload(f"p{n}.jpg", image_bytes("JPEG")) for n in range(3)]

    response = desk.post(reverse(UPLOAD), {"files": files})

    assert response.status_code == 302
    assert "id__in=" in response["Location"]
    assert Photo.objects.count() == 3


def test_upload_page_needs_permission_to_add_photos(client):
    client.force_login(UserFactory())  # staff, but in no newsroom group

    assert client.get(reverse(UPLOAD)).status_code == 403
    files = [upload("p.jpg", image_bytes("JPEG"))]
    assert client.post(reverse(UPLOAD), {"files": files}).status_code == 403
    assert Photo.objects.count() == 0


def test_upload_page_shows_the_form(desk):
    page = desk.get(reverse(UPLOAD)).content.decode()

    assert 'type="file" name="files"' in page and "multiple" in page
    assert 'enctype="multipart/form-data"' in page


def test_forms_tell_the_browser_and_the_editor_which_files_are_accepted(desk):
    for url in (reverse("admin:articles_photo_add"), reverse(UPLOAD)):
        page = desk.get(url).content.decode()

        accept = re.search(
            r'type="file"[^>]* accept="([^"]+)"|accept="([^"]+)"[^>]*type="file"', page
        )
        accepted = set((accept.group(1) or accept.group(2)).split(","))
        assert {".jpg", ".png", ".webp", ".gif", ".tif", ".heic", ".avif"} <= accepted
        assert {"image/jpeg", "image/heic", "image/avif"} <= accepted
        assert re.search(r"JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF or AVIF, up to 40.0\sMB", page)
        assert "animated GIF" in page and "first frame" in page


def test_clearing_the_image_deletes_its_file_and_renditions(
    desk, media_root, django_capture_on_commit_callbacks
):
    response = desk.post(
        reverse("admin:articles_photo_add"),
        photo_form(
            image=upload("dock.png", image_bytes("PNG", size=(600, 400))), alt_text="A dock."
        ),
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("admin:articles_photo_change", args=[photo.pk]),
            photo_form(**{"image-clear": "on"}, alt_text="A dock."),
        )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert not photo.has_file and photo.width is None
    assert not photo.renditions.exists()
    assert stored_files(media_root) == []
