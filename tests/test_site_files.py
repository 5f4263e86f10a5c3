"""The files every site answers for: robots.txt, the favicon and the icons pages link."""

from io import BytesIO

import pytest
from django.conf import settings
from PIL import Image

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_the_desk_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_names_the_sitemap_on_the_public_origin(client, settings):
    settings.NEWSROOM_URL = "https://news.example.org"
    assert "Sitemap: https://news.example.org/sitemap.xml" in client.get("/robots.txt").text


def test_favicon_ico_answers_with_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    icon = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_pages_link_their_icons(client):
    html = client.get("/").text
    assert '<link rel="icon" href="/static/favicon.ico" sizes="48x48">' in html
    assert '<link rel="icon" href="/static/img/icon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html


def test_icons_and_share_image_are_real_images_of_their_size():
    static = settings.BASE_DIR / "static"
    for name, size in [
        ("img/apple-touch-icon.png", (180, 180)),
        ("img/logo.png", (512, 512)),
        ("img/share.png", (1200, 630)),
    ]:
        with Image.open(static / name) as image:
            assert (image.format, image.size) == ("PNG", size), name
    svg = (static / "img/icon.svg").read_text()
    assert svg.startswith("<svg") and 'viewBox="0 0 64 64"' in svg
