"""Sitemaps: the index, each sitemap listing exactly what is public, and the Google News sitemap."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles import sitemaps
from articles.models import Article

from .factories import ArticleFactory, AuthorFactory, SectionFactory
from .test_queries import build_newsroom, count_queries
from .test_views import HIDDEN_STATES, make_hidden

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
HOST = "http://testserver"


def xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def locations(client, url: str) -> list[str]:
    return [loc.text for loc in xml(client, url).iterfind("sm:url/sm:loc", NS)]


@pytest.fixture
def newsroom():
    """Two published stories and one of each hidden kind, each hidden one with its own section,
    author, place and topic that nothing published shares."""
    section = SectionFactory(name="Schools")
    author = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    now = timezone.now()
    stories = [
        ArticleFactory(
            section=section,
            authors=[author],
            published_at=now - timedelta(hours=1 + n),
        )
        for n in range(2)
    ]
    stories[0].places.add("Westport")
    stories[0].topics.add("School budget")
    hidden = []
    for n, state in enumerate(HIDDEN_STATES):
        article = make_hidden(
            state,
            section=SectionFactory(name=f"Hidden section {n}"),
            authors=[AuthorFactory(name=f"Hidden Author{n}", slug=f"hidden-author-{n}")],
        )
        article.places.add(f"Hidden place {n}")
        article.topics.add(f"Hidden topic {n}")
        hidden.append(article)
    return {"stories": stories, "hidden": hidden}


def test_index_names_every_sitemap_with_its_last_change(client, newsroom):
    index = xml(client, "/sitemap.xml")

    entries = {
        entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS)
        for entry in index.iterfind("sm:sitemap", NS)
    }
    assert list(entries) == [
        f"{HOST}/sitemap-{name}.xml"
        for name in ("articles", "sections", "authors", "places", "topics", "news")
    ]
    latest = max(story.updated_at for story in newsroom["stories"])
    assert datetime.fromisoformat(entries[f"{HOST}/sitemap-articles.xml"]) == latest
    for url in entries:
        assert client.get(url).status_code == 200


def test_articles_sitemap_lists_exactly_the_published_stories(client, newsroom):
    root = xml(client, "/sitemap-articles.xml")

    oldest_first = newsroom["stories"][::-1]
    assert [u.findtext("sm:loc", namespaces=NS) for u in root.iterfind("sm:url", NS)] == [
        f"{HOST}{story.get_absolute_url()}" for story in oldest_first
    ]
    assert [u.findtext("sm:lastmod", namespaces=NS) for u in root.iterfind("sm:url", NS)] == [
        timezone.localtime(story.updated_at).date().isoformat() for story in oldest_first
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sections", ["/sections/schools/"]),
        ("authors", ["/authors/dana-whitfield/"]),
        ("places", ["/places/westport/"]),
        ("topics", ["/topics/school-budget/"]),
    ],
)
def test_owner_sitemaps_list_only_pages_with_a_published_story(client, newsroom, name, expected):
    assert locations(client, f"/sitemap-{name}.xml") == [f"{HOST}{path}" for path in expected]


def test_a_section_without_stories_is_not_listed(client, newsroom):
    SectionFactory(name="Obituaries")

    assert "Obituaries" not in client.get("/sitemap-sections.xml").text


def test_articles_sitemap_is_paginated(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    now = timezone.now()
    stories = [ArticleFactory(published_at=now - timedelta(hours=n + 1)) for n in range(5)]

    index = [loc.text for loc in xml(client, "/sitemap.xml").iterfind("sm:sitemap/sm:loc", NS)]

    pages = [url for url in index if "sitemap-articles" in url]
    assert pages == [
        f"{HOST}/sitemap-articles.xml",
        f"{HOST}/sitemap-articles.xml?p=2",
        f"{HOST}/sitemap-articles.xml?p=3",
    ]
    listed = [loc for page in pages for loc in locations(client, page.removeprefix(HOST))]
    assert listed == [f"{HOST}{story.get_absolute_url()}" for story in reversed(stories)]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


# Google News ------------------------------------------------------------------


def test_news_sitemap_lists_the_last_two_days_newest_first(client, newsroom):
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=2, minutes=1))

    root = xml(client, "/sitemap-news.xml")

    urls = root.findall("sm:url", NS)
    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [
        f"{HOST}{story.get_absolute_url()}" for story in newsroom["stories"]
    ]
    assert old.headline not in client.get("/sitemap-news.xml").text
    story = newsroom["stories"][0]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Westport Ledger"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == story.headline
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == story.published_at.replace(microsecond=0)


def test_news_sitemap_follows_the_newsroom_settings(client, settings):
    settings.NEWSROOM_NAME = "Le Courrier de Westport"
    settings.NEWSROOM_LOCALE = "fr-CA"
    ArticleFactory(headline="Le traversier reprend du service & l'été arrive")

    news = xml(client, "/sitemap-news.xml").find("sm:url/news:news", NS)

    assert news.findtext("news:publication/news:name", namespaces=NS) == "Le Courrier de Westport"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "fr"
    assert news.findtext("news:title", namespaces=NS) == (
        "Le traversier reprend du service & l'été arrive"
    )


def test_news_sitemap_holds_at_most_its_limit_of_stories(monkeypatch, client):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 3)
    now = timezone.now()
    stories = [ArticleFactory(published_at=now - timedelta(minutes=n + 1)) for n in range(4)]

    assert locations(client, "/sitemap-news.xml") == [
        f"{HOST}{story.get_absolute_url()}" for story in stories[:3]
    ]


def test_empty_newsroom_has_empty_sitemaps(client):
    for name in ("articles", "sections", "news"):
        assert locations(client, f"/sitemap-{name}.xml") == []
    assert Article.objects.count() == 0


# Query budgets ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-authors.xml",
        "/sitemap-places.xml",
        "/sitemap-topics.xml",
        "/sitemap-news.xml",
    ],
)
def test_sitemap_query_count_does_not_grow(client, url):
    build_newsroom(prefix="few", stories=2, related=1)
    few = count_queries(client, url)
    build_newsroom(prefix="many", stories=9, related=6)

    assert count_queries(client, url) == few <= 12
