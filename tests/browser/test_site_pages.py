"""The public pages in a real browser under the Content-Security-Policy: nothing is refused, the
stylesheet applies, and the 404 page fits a phone."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages():
    article = ArticleFactory(headline="Dam repairs begin", lead_photo=PhotoFactory())
    article.topics.add("Flooding")
    ArticleFactory(headline="Flood gates tested", lead_photo=PhotoFactory()).topics.add("Flooding")
    return {"home": "/", "article": article.get_absolute_url(), "not found": "/no-such-page/"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_break_no_rule_of_their_policy(live_server, open_page, pages, viewport):
    page = open_page(viewport=viewport)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, url in pages.items():
        response = page.goto(live_server.url + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.locator("h1").first.is_visible(), name
        assert "Georgia" in page.locator("h1").first.evaluate("h => getComputedStyle(h).fontFamily")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
    assert refused == []


def test_not_found_page_searches_from_its_box(live_server, open_page, pages):
    page = open_page(viewport=PHONE)
    page.goto(live_server.url + "/no-such-page/")
    main = page.get_by_role("main")
    main.get_by_role("searchbox", name="Search the stories").fill("dam repairs")
    with page.expect_navigation():
        main.get_by_role("button", name="Search").click()
    assert page.url == f"{live_server.url}/search/?q=dam+repairs"
    page.goto(live_server.url + "/no-such-page/")
    assert page.get_by_role("link", name="Dam repairs begin").is_visible()


def test_a_card_parts_the_time_from_the_byline_and_starts_with_it_without_one(
    live_server, open_page
):
    ArticleFactory(headline="Harbor dredging approved", authors=[AuthorFactory(name="Mara Quinn")])
    ArticleFactory(headline="Library hours extended")
    page = open_page(viewport=PHONE)
    page.goto(live_server.url + "/")

    def meta(headline: str) -> str:
        card = page.locator(".article-card, .lead-story").filter(has_text=headline)
        time = card.locator(".article-card__time")
        before = time.evaluate("t => getComputedStyle(t, '::before').content")
        return (before.strip('"') if before != "none" else "") + time.inner_text()

    assert meta("Harbor dredging approved").startswith("· ")
    assert not meta("Library hours extended").startswith("·")
