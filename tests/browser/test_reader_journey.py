"""A reader's visit, end to end in Chromium on a phone and on a desktop, over the demo newsroom:
the home page, a search, a story with its byline, dateline, photo credit and quotes, then a place
and an author that lead back to it. Screenshots of each step go to artifacts/screenshots/."""

import io

import pytest
from django.core.management import call_command

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_newsroom(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_reader_finds_and_follows_a_story(
    live_server, open_page, serve_media, screenshot, demo_newsroom, viewport
):
    page = serve_media(open_page(viewport=viewport))
    page.goto(live_server.url + "/")
    assert page.locator(".lead-story__headline").is_visible()
    screenshot(page, "home")

    box = page.get_by_role("searchbox", name="Search the stories")
    box.fill("library")
    box.press("Enter")
    page.wait_for_url("**/search/?q=library")
    first = page.locator(".search-result__headline a").first
    headline = first.inner_text()
    screenshot(page, "search")
    first.click()

    page.wait_for_url("**/news/**")
    assert page.get_by_role("heading", level=1).inner_text() == headline
    assert page.locator(".article__meta .byline").inner_text().startswith("By ")
    assert page.locator(".article__dateline").first.is_visible()
    credit = page.locator(".photo--lead .photo__credit")
    assert credit.is_visible() and credit.inner_text().strip()
    assert page.locator(".photo--lead img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".pull-quote__text").first.is_visible()
    assert page.locator("[aria-labelledby=article-people] a").count() >= 1
    screenshot(page, "story")
    story_url = page.url

    place = page.locator("[aria-labelledby=article-places] a").first
    place_name = place.inner_text()
    place.click()
    page.wait_for_url("**/places/**")
    assert page.get_by_role("heading", level=1).inner_text() == place_name
    assert page.get_by_role("link", name=headline).first.is_visible()
    screenshot(page, "place")

    page.goto(story_url)
    author = page.locator(".article__meta .byline__author").first
    author_name = author.inner_text()
    author.click()
    page.wait_for_url("**/authors/**")
    assert page.get_by_role("heading", level=1).inner_text() == author_name
    assert page.get_by_role("link", name=headline).first.is_visible()
    screenshot(page, "author")
