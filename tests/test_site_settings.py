"""The newsroom's name, tagline, logo and locale come from the settings; no template names it."""

import re

import pytest
from django.conf import settings

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEMPLATES = settings.BASE_DIR / "templates"


@pytest.fixture
def millbrook(settings):
    settings.NEWSROOM_NAME = "The Millbrook Courier"
    settings.NEWSROOM_TAGLINE = "News for Millbrook and the hill towns"
    settings.NEWSROOM_LOGO = "img/icon.svg"
    settings.NEWSROOM_LOCALE = "en-GB"
    return settings


def test_no_template_names_the_newsroom():
    demo = settings.NEWSROOM_NAME
    for template in TEMPLATES.rglob("*"):
        if template.is_file():
            text = template.read_text()
            for word in (demo, "Westport", "Ledger"):
                assert word not in text, f"{template} names {word!r}"


@pytest.mark.parametrize("page", ["home", "article", "not found"])
def test_pages_take_name_tagline_logo_and_locale_from_the_settings(client, millbrook, page):
    article = ArticleFactory(dateline="MILLBROOK")
    url = {"home": "/", "article": article.get_absolute_url(), "not found": "/no-such-page/"}
    html = client.get(url[page]).text
    assert '<html lang="en-GB">' in html
    assert '<p class="site-header__tagline">News for Millbrook and the hill towns</p>' in html
    assert '<img class="site-header__logo" src="/static/img/icon.svg"' in html
    assert re.search(r'<a class="site-header__name" href="/">.*The Millbrook Courier</a>', html)
    assert re.search(r"<title>.*The Millbrook Courier</title>", html)
    assert "Westport" not in html and "Ledger" not in html


def test_home_description_is_the_tagline(client, millbrook):
    html = client.get("/").text
    assert '<meta name="description" content="News for Millbrook and the hill towns">' in html
