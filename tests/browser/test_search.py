"""Searching in a real browser: the header's box on a phone and a desktop, with and without
JavaScript, and a results page that fits the screen."""

import pytest

from tests.factories import ArticleFactory

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_header_box_searches(live_server, open_page, viewport, javascript):
    article = ArticleFactory(headline="Police raid warehouse on Main Street")
    ArticleFactory(headline="Library book sale")
    page = open_page(viewport=viewport, javascript=javascript)
    page.goto(live_server.url + "/")

    box = page.get_by_role("searchbox", name="Search the stories")
    assert box.is_visible()
    box.fill("raids")
    box.press("Enter")
    page.wait_for_url("**/search/?q=raids")

    results = page.locator(".search-result")
    assert results.count() == 1
    assert results.locator("mark").first.inner_text() == "raid"
    assert page.get_by_role("link", name=article.headline).is_visible()
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_box_does_not_cover_the_masthead(live_server, open_page, viewport):
    page = open_page(viewport=viewport)
    page.goto(live_server.url + "/")

    box = page.locator(".site-header .search-form").bounding_box()
    name = page.locator(".site-header__name").bounding_box()

    assert box["y"] + box["height"] <= name["y"] or box["y"] >= name["y"] + name["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
