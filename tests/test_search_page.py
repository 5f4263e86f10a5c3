"""The search page and the header's search box: results, filters, pages, hostile queries, cost."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Place
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.test_queries import BUDGETS

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def story(headline, **kw):
    return ArticleFactory(headline=headline, dek="", summary="", **kw)


def page(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response


def test_every_public_page_has_the_search_box(client):
    article = story("Police raid warehouse")
    article.places.add("Westport")
    for url in (
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        Place.objects.get().get_absolute_url(),
        SEARCH,
    ):
        html = client.get(url).content.decode()
        assert '<form class="search-form" role="search" action="/search/" method="get">' in html
        assert '<label class="visually-hidden" for="site-search-q">' in html
        assert 'id="site-search-q" type="search" name="q"' in html


def test_an_empty_search_shows_the_form_and_help(client):
    story("Police raid warehouse")

    response = page(client)

    assert response.context["paginator"].count == 0
    assert "stories found" not in response.content.decode()
    assert "Search the headlines, text, bylines" in response.content.decode()


def test_results_are_marked_and_kept_out_of_search_engines(client):
    story("Police raid warehouse", body="<p>The raid began at dawn.</p>")
    story("Library book sale")

    html = page(client, q="raid").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert "1 story found" in html
    assert "Police <mark>raid</mark> warehouse" in html
    assert "<mark>raid</mark> began at dawn" in html
    assert "<title>Search: raid | " in html


def test_no_results_suggest_what_to_try(client):
    section = SectionFactory(name="Schools")
    story("Police raid warehouse")

    html = page(client, q="raid", section=section.slug).content.decode()

    assert "0 stories found" in html
    assert "No published story matches “raid” with the filters above." in html
    assert 'href="?q=raid">Search every story for “raid”</a>' in html


def test_the_query_is_escaped_on_the_page(client):
    story("Police raid warehouse")

    html = page(client, q='raid "><script>alert(1)</script>').content.decode()

    assert "<script>alert(1)" not in html
    assert 'value="raid &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_drafts_and_scheduled_stories_never_appear(client):
    story("Police raid draft", status="draft", published_at=None)
    story("Police raid in review", status="review")
    story("Police raid scheduled", published_at=timezone.now() + timedelta(hours=1))

    html = page(client, q="raid").content.decode()

    assert "0 stories found" in html
    assert "Police raid" not in html.split('<main id="main"')[1]


def test_filters_narrow_the_results_and_can_be_removed(client):
    police = SectionFactory(name="Police & Fire")
    author = AuthorFactory(name="Dana Okafor", slug="dana-okafor")
    match = story("Police raid warehouse", section=police, authors=[author])
    match.places.add("Westport")
    match.topics.add("Public safety")
    other = story("Police raid shop")
    other.places.add("Norwalk")
    filters = {
        "section": police.slug,
        "place": "westport",
        "topic": "public-safety",
        "author": author.slug,
        "from": timezone.localdate().isoformat(),
        "to": timezone.localdate().isoformat(),
    }

    response = page(client, q="raid", **filters)
    html = response.content.decode()

    assert list(response.context["object_list"]) == [match]
    assert "Place: <strong>Westport</strong>" in html
    assert "Author: <strong>Dana Okafor</strong>" in html
    # Removing one filter keeps the query and the others; the page form carries them too.
    assert 'href="?q=raid&amp;section=police-fire&amp;topic=public-safety' in html
    assert '<input type="hidden" name="place" value="westport"' in html


def test_a_cached_results_page_follows_edits(client, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    cache = caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
    cache.clear()
    article = story("Police raid warehouse")

    first = page(client, q="raid")
    assert (first["X-Cache"], first["Surrogate-Key"]) == ("miss", "lists")
    assert page(client, q="raid")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Police search warehouse"
        article.save()
    again = client.get(SEARCH, {"q": "raid"})

    assert again["X-Cache"] == "miss"
    assert "0 stories found" in again.content.decode()
    cache.clear()


def test_facets_link_to_narrower_results(client):
    for n in range(3):
        story(f"Police raid number {n}").places.add("Westport")
    story("Police raid in Norwalk").places.add("Norwalk")

    response = page(client, q="raid")
    html = response.content.decode()

    places = dict((label, tags) for label, tags in response.context["facets"])["Place"]
    assert [(tag.name, tag.hits) for tag, _ in places] == [("Westport", 3), ("Norwalk", 1)]
    assert '<a class="search-facets__link" href="?q=raid&amp;place=westport">Westport</a>' in html
    narrowed = page(client, q="raid", place="westport")
    assert narrowed.context["paginator"].count == 3


@pytest.mark.parametrize(
    "params",
    [
        {"section": "no-such-section"},
        {"place": "<script>"},
        {"author": "' OR 1=1 --"},
        {"from": "2025-13-45"},
        {"to": "yesterday"},
        {"from": "2025-03-05", "to": "2025-03-04"},
        {"sort": "DROP TABLE"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
    ],
    ids=lambda params: "-".join(params),
)
def test_bad_filters_and_pages_are_reported_not_fatal(client, params):
    story("Police raid warehouse")

    response = page(client, q="raid", **params)

    assert response.context["paginator"].count == 1
    assert len(response.context["object_list"]) == 1


def test_a_bad_filter_is_named(client):
    html = page(client, q="raid", section="nowhere", to="yesterday").content.decode()

    assert "There is no such section." in html
    assert "Enter a valid date." in html


HOSTILE_QUERIES = [
    '"',
    '""',
    '"unclosed phrase',
    "*",
    "raid*",
    "NEAR(raid warehouse, 2)",
    "raid AND",
    "AND OR NOT",
    "( ) ( (",
    "headline:raid",
    "{headline body}: raid",
    "^raid",
    "raid -",
    "- -- ---",
    "!raid & | <-> :*",
    "raid <-> warehouse",
    "'; DROP TABLE articles_article; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)",
    "raid\x00warehouse",
    "\x00",
    "\\",
    "%_%",
    "🔥🚒",
    "火事 警察",
    "Ça brûle à Zürich",
    "\u202eraid\u200b\ufeff",
    "raid\ue000mark\ue001",
    "x" * 5000,
    "raid " * 500,
    " or ".join(["raid"] * 100),
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_answer(client, query):
    story("Police raid warehouse")

    response = page(client, q=query)

    assert len(response.context["query"]) <= 200


def test_an_invalid_utf8_query_answers(client):
    story("Police raid warehouse")

    assert client.get(SEARCH + "?q=%ED%A0%80raid%FF").status_code == 200


def test_a_long_query_is_cut_and_says_so(client):
    story("Police raid warehouse")

    html = page(client, q="raid " + "x" * 300).content.decode()

    assert "Only the first 200 characters of your search were used." in html


def test_pages_keep_the_query_and_filters(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    section = SectionFactory(name="Police & Fire")
    for n in range(5):
        story(f"Police raid number {n}", section=section)

    first = page(client, q="raid", section=section.slug, sort="newest")
    third = page(client, q="raid", section=section.slug, sort="newest", page=3)

    assert 'href="?q=raid&amp;section=police-fire&amp;sort=newest&amp;page=2">More results' in (
        first.content.decode()
    )
    assert [a.headline for a in third.context["object_list"]] == ["Police raid number 0"]
    assert '<ol class="search-results__list" start="5">' in third.content.decode()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_filters_cost_no_more(client):
    police = SectionFactory(name="Police & Fire")
    author = AuthorFactory(slug="dana-okafor")
    article = story("Police raid warehouse", section=police, authors=[author])
    article.places.add("Westport")
    article.topics.add("Public safety")
    url = (
        f"{SEARCH}?q=raid&section=police-fire&place=westport&topic=public-safety"
        "&author=dana-okafor&from=2000-01-01&to=2100-01-01"
    )

    # Each filter is looked up instead of counting stories for a facet of its own.
    assert count_queries(client, url) == BUDGETS["search"]
