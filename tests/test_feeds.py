"""RSS and Atom feeds: they validate, carry exactly the published stories, and are discoverable."""

import html
import re
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.feeds import FEED_ITEMS
from articles.images import attach_image
from articles.importers.base import ParsedArticle
from articles.importers.feeds import parse
from articles.models import Article, Photo

from .factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory
from .photo_files import image_bytes, upload
from .test_queries import build_newsroom, count_queries
from .test_views import HIDDEN_STATES, make_hidden

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom")
OWNERS = ("site", "section", "author", "place", "topic")


@pytest.fixture
def newsroom():
    """Three published stories sharing a section, author, place and topic, and one hidden story
    of each kind with the same owners; one published story elsewhere."""
    section = SectionFactory(name="Police & Fire")
    author = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    second = AuthorFactory(name="Lee Park", slug="lee-park")
    now = timezone.now()
    stories = [
        ArticleFactory(
            headline=f"Harbor patrol adds a boat, part {n}",
            section=section,
            authors=[author, second],
            lead_photo=PhotoFactory(),
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(3)
    ]
    hidden = [make_hidden(state, section=section, authors=[author]) for state in HIDDEN_STATES]
    for article in [*stories, *hidden]:
        article.places.add("Saugatuck")
        article.topics.add("Public safety")
    elsewhere = ArticleFactory(
        headline="Library keeps Sunday hours",
        section=SectionFactory(name="Schools"),
        published_at=now - timedelta(minutes=30),
    )
    return {"stories": stories, "hidden": hidden, "elsewhere": elsewhere}


def feed_url(owner: str, fmt: str, slug: str = "") -> str:
    if owner == "site":
        return reverse(f"articles:feed-{fmt}")
    return reverse(f"articles:{owner}-feed-{fmt}", args=[slug])


OWNER_SLUGS = {
    "site": "",
    "section": "police-fire",
    "author": "dana-whitfield",
    "place": "saugatuck",
    "topic": "public-safety",
}


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("owner", OWNERS)
def test_feed_validates_and_lists_exactly_the_published_stories_newest_first(
    client, newsroom, owner, fmt
):
    response, feed = fetch(client, feed_url(owner, fmt, OWNER_SLUGS[owner]))

    expected = [story.headline for story in newsroom["stories"]]
    if owner == "site":
        expected.insert(0, newsroom["elsewhere"].headline)
    assert [entry.title for entry in feed.entries] == expected
    assert feed.version == ("rss20" if fmt == "rss" else "atom10")
    assert response["Content-Type"].startswith(f"application/{fmt}+xml")


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_place_and_topic_feeds_of_unpublished_stories_do_not_exist(client, state, fmt):
    hidden = make_hidden(state)
    hidden.places.add("Compo Beach")
    hidden.topics.add("Beach passes")

    assert client.get(feed_url("place", fmt, "compo-beach")).status_code == 404
    assert client.get(feed_url("topic", fmt, "beach-passes")).status_code == 404
    assert client.get(feed_url("section", fmt, "no-such-section")).status_code == 404


def test_rss_item_carries_authors_times_categories_and_photo(client, newsroom):
    story = newsroom["stories"][0]
    _, feed = fetch(client, feed_url("site", "rss"))
    entry = feed.entries[1]

    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert [author.name for author in entry.authors] == ["Dana Whitfield", "Lee Park"]
    assert entry.published_parsed[:6] == story.published_at.utctimetuple()[:6]
    assert entry.updated_parsed[:6] == story.updated_at.utctimetuple()[:6]
    assert [tag.term for tag in entry.tags] == ["Police & Fire", "Saugatuck", "Public safety"]
    (media,) = entry.media_content
    assert media["url"] == f"http://testserver{story.lead_photo.image.url}"
    assert (media["type"], media["medium"]) == ("image/jpeg", "image")
    assert (media["width"], media["height"]) == ("64", "48")
    assert entry.media_credit[0]["content"] == "Dana Whitfield / Newsroom staff"
    assert feed.feed.title == "The Westport Ledger"
    assert feed.feed.language == "en-us"


def test_atom_entry_names_each_author_with_their_page(client, newsroom):
    story = newsroom["stories"][0]
    _, feed = fetch(client, feed_url("author", "atom", "dana-whitfield"))
    entry = feed.entries[0]

    assert [(a.name, a.href) for a in entry.authors] == [
        ("Dana Whitfield", "http://testserver/authors/dana-whitfield/"),
        ("Lee Park", "http://testserver/authors/lee-park/"),
    ]
    assert entry.updated_parsed[:6] == story.updated_at.utctimetuple()[:6]
    assert entry.published_parsed[:6] == story.published_at.utctimetuple()[:6]
    assert entry.media_content[0]["url"].startswith("http://testserver/media/")
    assert feed.feed.title == "Dana Whitfield | The Westport Ledger"
    assert feed.feed.link == "http://testserver/authors/dana-whitfield/"


def test_atom_story_without_a_byline_is_by_the_newsroom(client):
    ArticleFactory(headline="Road closures for the parade")

    _, feed = fetch(client, feed_url("site", "atom"))

    # Atom: an entry without an author of its own has the feed's.
    assert "authors" not in feed.entries[0]
    assert feed.feed.author == "The Westport Ledger"


def test_a_correction_moves_the_updated_time_but_not_the_order(client, newsroom):
    Article.objects.update(updated_at=timezone.now() - timedelta(days=1))
    older = newsroom["stories"][2]
    older.body = "<p>Corrected: the boat is 28 feet long, not 38.</p>"
    older.save()

    for fmt in FORMATS:
        _, feed = fetch(client, feed_url("section", fmt, "police-fire"))
        assert feed.entries[-1].title == older.headline
        assert feed.entries[-1].updated_parsed[:6] == older.updated_at.utctimetuple()[:6]
        assert feed.entries[-1].updated_parsed > feed.entries[0].updated_parsed


def test_lead_photo_is_the_largest_jpeg_rendition_at_an_absolute_address(client):
    data = image_bytes("PNG", size=(2400, 1600), color="gray")
    photo = attach_image(Photo(alt_text="The ferry."), upload("ferry.png", data), name="ferry.png")
    ArticleFactory(lead_photo=photo)

    for fmt in FORMATS:
        _, feed = fetch(client, feed_url("site", fmt))
        (media,) = feed.entries[0].media_content
        assert re.fullmatch(
            r"http://testserver/media/renditions/\d+/ferry-full-1600-\w+\.jpg", media["url"]
        )
        assert (media["type"], media["width"], media["height"]) == ("image/jpeg", "1600", "1067")


def test_story_without_a_photo_file_has_no_media(client):
    ArticleFactory(lead_photo=PhotoFactory(image=""))

    _, feed = fetch(client, feed_url("site", "rss"))

    assert "media_content" not in feed.entries[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_headlines_and_summaries_arrive_as_written(client, fmt):
    headline = 'Q&A: "Why <not> a bigger boat?" </script><script>alert(1)</script>'
    summary = "Budget < last year's & the chief says so."
    ArticleFactory(headline=headline, summary=summary)

    _, feed = fetch(client, feed_url("site", fmt))

    assert feed.entries[0].title == headline
    assert html.unescape(feed.entries[0].summary) == summary


def test_summary_falls_back_to_the_dek_then_the_body(client):
    ArticleFactory(headline="A", summary="", dek="", body="<p>" + "word " * 100 + "</p>")
    ArticleFactory(headline="B", summary="", dek="The dek.", published_at=timezone.now())

    _, feed = fetch(client, feed_url("site", "rss"))

    assert feed.entries[0].summary == "The dek."
    assert feed.entries[1].summary == "word " * 59 + "word…"


def test_feed_holds_at_most_the_latest_stories(client):
    now = timezone.now()
    for n in range(FEED_ITEMS + 2):
        ArticleFactory(headline=f"Story {n}", published_at=now - timedelta(minutes=n + 1))

    _, feed = fetch(client, feed_url("site", "rss"))

    assert [entry.title for entry in feed.entries] == [f"Story {n}" for n in range(FEED_ITEMS)]


@pytest.mark.parametrize("owner", ["section", "author", "place", "topic"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_query_count_does_not_grow_with_stories_or_tags(client, owner, fmt):
    def url(newsroom):
        return newsroom[owner] + f"feed/{fmt}/"

    few = count_queries(client, url(build_newsroom(prefix="few", stories=2, related=1)))
    many = count_queries(client, url(build_newsroom(prefix="many", stories=9, related=6)))

    assert many == few <= 7


def test_site_feed_query_count_does_not_grow(client):
    build_newsroom(prefix="few", stories=2, related=1)
    few = count_queries(client, feed_url("site", "rss"))
    build_newsroom(prefix="many", stories=9, related=6)

    assert count_queries(client, feed_url("site", "rss")) == few == 5


def test_our_own_feed_imports_back(client, newsroom, tmp_path):
    for fmt in FORMATS:
        path = tmp_path / f"ledger.{fmt}.xml"
        path.write_bytes(client.get(feed_url("section", fmt, "police-fire")).content)

        items = list(parse(path))

        assert all(isinstance(item, ParsedArticle) for item in items)
        story = newsroom["stories"][0]
        assert items[0].headline == story.headline
        assert [author.name for author in items[0].authors] == ["Dana Whitfield", "Lee Park"]
        assert items[0].lead_photo.credit == "Dana Whitfield"
        assert items[0].lead_photo.caption == "Town hall at dusk."


# Autodiscovery ---------------------------------------------------------------


def feed_links(page_html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="([^"]*)" href="([^"]*)">',
        page_html,
    )


def test_every_page_links_the_site_feeds(client, newsroom):
    story = newsroom["stories"][0]
    for url in ["/", story.get_absolute_url(), "/no-such-page/"]:
        response = client.get(url)
        assert feed_links(response.text) == [
            ("rss", "The Westport Ledger (RSS)", "/feed/rss/"),
            ("atom", "The Westport Ledger (Atom)", "/feed/atom/"),
        ], url


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("/sections/police-fire/", "Police &amp; Fire"),
        ("/authors/dana-whitfield/", "Dana Whitfield"),
        ("/places/saugatuck/", "Saugatuck"),
        ("/topics/public-safety/", "Public safety"),
    ],
)
def test_list_pages_link_their_own_feeds_first(client, newsroom, page, title):
    links = feed_links(client.get(page).text)

    assert links[:2] == [
        ("rss", f"{title} | The Westport Ledger (RSS)", f"{page}feed/rss/"),
        ("atom", f"{title} | The Westport Ledger (Atom)", f"{page}feed/atom/"),
    ]
    assert links[2:] == feed_links(client.get("/").text)
    for _, _, href in links:
        fetch(client, href)
