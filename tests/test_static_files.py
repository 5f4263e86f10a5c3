"""Static files in production: collected under hashed names, compressed, served by the app itself,
and a name missing from the collection never turns a page into a 500."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "newsroom.storage.StaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """STATIC_ROOT after `collectstatic` with the production storage (once for this module)."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production(collected, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.STORAGES = PRODUCTION_STORAGES
    return collected


def test_collectstatic_writes_hashed_and_compressed_copies(production):
    css = sorted(path.name for path in (production / "css").glob("site.*"))
    hashed = [name for name in css if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name)]
    assert len(hashed) == 1
    assert f"{hashed[0]}.gz" in css and f"{hashed[0]}.br" in css
    assert (production / "staticfiles.json").is_file()


def test_pages_link_hashed_files_that_the_app_serves_compressed(client, production):
    ArticleFactory()
    html = client.get("/").text
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/css/site\.\w+\.css)">', html)
    assert stylesheet
    assert re.search(r'href="/static/favicon\.\w+\.ico"', html)

    response = client.get(stylesheet.group(1), headers={"accept-encoding": "gzip, br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    plain = client.get(stylesheet.group(1))
    assert "Content-Encoding" not in plain
    assert b"--color-accent" in b"".join(plain.streaming_content)


def test_a_file_missing_from_the_collection_gets_its_plain_address(production, caplog):
    html = Template("{% load static %}{% static 'css/never-collected.css' %}").render(Context())
    assert html == "/static/css/never-collected.css"
    assert "never-collected.css" in caplog.text


def test_a_page_naming_a_missing_file_still_renders(client, production, settings):
    settings.NEWSROOM_LOGO = "img/renamed-logo.png"
    ArticleFactory()
    response = client.get("/")
    assert response.status_code == 200
    assert 'src="/static/img/renamed-logo.png"' in response.text
    assert re.search(r'href="/static/css/site\.\w{12}\.css"', response.text)
