"""The photo admin's focal point: a click on the preview sets it, and saving re-crops the photo."""

import re

import pytest

from articles.images import attach_image, renditions_ready
from articles.models import Photo
from tests.factories import UserFactory
from tests.photo_files import image_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clicking_the_preview_sets_the_focal_point_and_saving_recrops(live_server, signed_in):
    data = image_bytes("JPEG", size=(1200, 800), color="gray")
    photo = attach_image(
        Photo(alt_text="Pier.", credit="Lee Park"), upload("pier.jpg", data), name="pier.jpg"
    )
    old_crops = set(photo.renditions.exclude(ratio="original").values_list("name", flat=True))
    # A superuser: a transactional test's flush may have emptied the newsroom's groups.
    page = signed_in(UserFactory(is_superuser=True))
    page.goto(f"{live_server.url}/admin/articles/photo/{photo.pk}/change/")

    preview = page.locator(".focal-point__image")
    preview.wait_for()
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})

    assert abs(float(page.input_value("#id_focal_x")) - 0.8) < 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.25) < 0.01
    style = page.locator(".focal-point__marker").get_attribute("style")
    left, top = (float(n) for n in re.findall(r"([\d.]+)%", style))
    assert abs(left - 80) < 1 and abs(top - 25) < 1

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    photo.refresh_from_db()
    assert abs(photo.focal_x - 0.8) < 0.01 and abs(photo.focal_y - 0.25) < 0.01
    assert renditions_ready(photo)
    assert not old_crops & set(photo.renditions.values_list("name", flat=True))
