"""Feeds, sitemaps and the API go through the readers' page cache like the pages that list
stories: a repeat request is answered from the cache, and a change is in the next answer."""

import pytest

from articles.caching import LISTS

from .factories import ArticleFactory, AuthorFactory
from .test_caching import page_cache  # noqa: F401 - the page cache on, memory and Redis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

ADDRESSES = [
    "/feed/rss/",
    "/feed/atom/",
    "/authors/dana-whitfield/feed/rss/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/api/articles/",
]


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(
            headline="Harbor dredging starts Monday",
            slug="harbor-dredging",
            authors=[AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")],
        )


@pytest.mark.parametrize("url", ADDRESSES)
def test_repeat_is_a_hit_and_an_edit_is_in_the_next_answer(
    client,
    story,
    url,
    django_capture_on_commit_callbacks,
):
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert first["Surrogate-Key"] == LISTS
    assert client.get(url)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbor dredging delayed a week"
        story.save()
        author = story.authors.get()
        author.name = "Dana Whitfield-Marsh"
        author.save()

    again = client.get(url)
    assert again["X-Cache"] == "miss"
    if "sitemap" not in url or "news" in url:
        assert "Harbor dredging delayed a week" in again.text
    if "feed" in url or "api" in url:
        assert "Dana Whitfield-Marsh" in again.text


def test_a_cached_sitemap_keeps_its_robots_header(client, story):
    client.get("/sitemap.xml")

    hit = client.get("/sitemap.xml")

    assert hit["X-Cache"] == "hit"
    assert hit["X-Robots-Tag"] == "noindex, noodp, noarchive"


def test_api_story_is_cached_and_purged(client, story, django_capture_on_commit_callbacks):
    url = "/api/articles/harbor-dredging.ninjs.json"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        story.topics.add("Harbor")

    assert "Harbor" in [s["name"] for s in client.get(url).json()["subjects"]]
