"""The JSON API's list of stories: filters, pages, errors, cost, and never an unpublished story."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.api import MAX_PAGE_SIZE, PAGE_SIZE

from .factories import ArticleFactory, AuthorFactory, SectionFactory, editor
from .test_export import validator
from .test_queries import build_newsroom, count_queries
from .test_views import HIDDEN_STATES, make_hidden

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"


def headlines(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["headlines"][0]["value"] for item in response.json()["items"]]


@pytest.fixture
def newsroom():
    """Four published stories a day apart (newest first) across two sections, authors, places
    and topics; and one hidden story of each kind matching every filter."""
    now = timezone.now()
    schools = SectionFactory(name="Schools")
    politics = SectionFactory(name="Politics")
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    lee = AuthorFactory(name="Lee Park", slug="lee-park")
    specs = [
        ("Bus routes change", schools, [dana], "Westport", "Buses"),
        ("Budget vote set", politics, [lee], "Weston", "Town budget"),
        ("New principal named", schools, [dana, lee], "Westport", "Staffing"),
        ("Seawall repair approved", politics, [lee], "Westport", "Town budget"),
    ]
    stories = []
    for days, (headline, section, authors, place, topic) in enumerate(specs):
        story = ArticleFactory(
            headline=headline,
            section=section,
            authors=authors,
            published_at=now - timedelta(days=days, hours=1),
        )
        story.places.add(place)
        story.topics.add(topic)
        stories.append(story)
    for state in HIDDEN_STATES:
        hidden = make_hidden(state, headline=f"Hidden {state}", section=schools, authors=[dana])
        hidden.places.add("Westport")
        hidden.topics.add("Buses")
    return stories


def test_list_gives_the_published_stories_newest_first(client, newsroom):
    response = client.get(LIST)

    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert headlines(response) == [story.headline for story in newsroom]
    assert (body["count"], body["pages"], body["page"], body["page_size"]) == (4, 1, 1, PAGE_SIZE)
    assert body["next"] is None and body["previous"] is None
    first = body["items"][0]
    assert first["altids"] == [
        {"role": "canonical-url", "value": f"http://testserver{newsroom[0].get_absolute_url()}"}
    ]
    assert first == client.get(reverse("api:article-ninjs", args=[newsroom[0].slug])).json()


def test_list_items_are_valid_ninjs(client, corpus, newsroom):
    check = validator(corpus, "2.2")

    for item in client.get(LIST).json()["items"]:
        assert [error.message for error in check.iter_errors(item)] == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section=schools", ["Bus routes change", "New principal named"]),
        ("author=lee-park", ["Budget vote set", "New principal named", "Seawall repair approved"]),
        ("place=westport", ["Bus routes change", "New principal named", "Seawall repair approved"]),
        ("topic=town-budget", ["Budget vote set", "Seawall repair approved"]),
        ("section=politics&place=westport&topic=town-budget", ["Seawall repair approved"]),
        ("section=no-such-section", []),
        ("topic=buses&author=lee-park", []),
    ],
)
def test_list_filters_by_section_author_place_and_topic(client, newsroom, query, expected):
    assert headlines(client.get(f"{LIST}?{query}")) == expected


def test_list_filters_by_publish_date(client, newsroom):
    days = [timezone.localdate(story.published_at) for story in newsroom]

    assert headlines(client.get(f"{LIST}?since={days[1]}")) == [
        "Bus routes change",
        "Budget vote set",
    ]
    assert headlines(client.get(f"{LIST}?until={days[2]}")) == [
        "New principal named",
        "Seawall repair approved",
    ]
    assert headlines(client.get(f"{LIST}?since={days[2]}&until={days[1]}")) == [
        "Budget vote set",
        "New principal named",
    ]


def test_list_filters_by_publish_time_with_an_offset(client, newsroom):
    moment = newsroom[1].published_at.astimezone(UTC)
    exact = moment.isoformat().replace("+00:00", "Z")
    offset = (
        (moment - timedelta(seconds=1)).astimezone(timezone.get_fixed_timezone(-300)).isoformat()
    )

    assert headlines(client.get(LIST, {"since": exact})) == ["Bus routes change", "Budget vote set"]
    assert headlines(client.get(LIST, {"until": exact}))[0] == "Budget vote set"
    assert headlines(client.get(LIST, {"since": offset}))[-1] == "Budget vote set"


def test_list_is_paginated_with_absolute_links(client):
    now = timezone.now()
    for n in range(5):
        ArticleFactory(headline=f"Story {n}", published_at=now - timedelta(minutes=n + 1))

    first = client.get(LIST, {"page_size": 2, "section": "news"}).json()
    second = client.get(first["next"]).json()
    last = client.get(second["next"]).json()

    assert (first["count"], first["pages"]) == (5, 3)
    assert [item["headlines"][0]["value"] for item in first["items"]] == ["Story 0", "Story 1"]
    assert [item["headlines"][0]["value"] for item in last["items"]] == ["Story 4"]
    assert first["next"] == "http://testserver/api/articles/?page_size=2&section=news&page=2"
    assert first["previous"] is None and last["next"] is None
    assert client.get(last["previous"]).json() == second


def test_same_publish_time_pages_without_repeats(client):
    moment = timezone.now() - timedelta(hours=1)
    stories = [ArticleFactory(published_at=moment) for _ in range(5)]

    pages = [client.get(LIST, {"page_size": 2, "page": n}).json() for n in (1, 2, 3)]

    slugs = [item["slugline"] for page in pages for item in page["items"]]
    assert sorted(slugs) == sorted(story.slug for story in stories)


def test_page_past_the_last_is_a_json_404(client, newsroom):
    response = client.get(LIST, {"page": 3, "page_size": 2})

    assert response.status_code == 404
    assert response.json() == {
        "error": {"message": "There is no page 3; the last is 2.", "parameter": "page"}
    }


def test_empty_list_is_one_empty_page(client):
    body = client.get(LIST).json()

    assert (body["count"], body["pages"], body["items"]) == (0, 1, [])


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("sectoin=schools", "sectoin", "Unknown parameter 'sectoin'"),
        ("section=schools&section=politics", "section", "Give section once."),
        ("place=", "place", "place is empty."),
        ("page=0", "page", "page must be a whole number 1 or more, not '0'."),
        ("page=two", "page", "page must be a whole number 1 or more"),
        ("page_size=0", "page_size", "page_size must be a whole number from 1 to 100"),
        (f"page_size={MAX_PAGE_SIZE + 1}", "page_size", "from 1 to 100, not '101'"),
        ("since=yesterday", "since", "since must be a date (2025-03-04) or an ISO 8601"),
        ("since=2025-02-30", "since", "not '2025-02-30'"),
        ("until=2025-13-01T10:00:00", "until", "until must be a date"),
        ("until=2025-03-04T09:30:00 05:00", "until", "write + in an offset as %2B"),
        ("since=2025-03-05&until=2025-03-04", "until", "until is before since."),
    ],
)
def test_bad_parameters_are_a_json_400_naming_the_parameter(client, query, parameter, says):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert says in error["message"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_unpublished_stories_never_appear(client, state, who):
    if who == "editor":
        client.force_login(editor(username="editor"))
    hidden = make_hidden(
        state,
        headline="Not yet",
        section=SectionFactory(name="Schools"),
        authors=[AuthorFactory(slug="dana-whitfield")],
    )
    hidden.places.add("Westport")
    hidden.topics.add("Buses")
    day = timezone.localdate(hidden.published_at or timezone.now())
    queries = [
        {},
        {"section": "schools"},
        {"place": "westport"},
        {"topic": "buses"},
        {"author": "dana-whitfield"},
        {"since": str(day - timedelta(days=7)), "until": str(day + timedelta(days=7))},
        {"page_size": MAX_PAGE_SIZE},
    ]

    for query in queries:
        response = client.get(LIST, query)
        assert response.json()["count"] == 0, query
        assert b"Not yet" not in response.content
    detail = client.get(reverse("api:article-ninjs", args=[hidden.slug]))
    assert detail.status_code == 404
    assert detail.json() == {"error": {"message": f"There is no published story '{hidden.slug}'."}}


def test_list_is_read_only(client):
    assert client.post(LIST).status_code == 405
    assert client.head(LIST).status_code == 200


@pytest.mark.parametrize("page_size", [2, MAX_PAGE_SIZE])
def test_list_query_count_is_fixed_whatever_the_page_size(client, page_size):
    build_newsroom(prefix="few", stories=2, related=1)
    few = count_queries(client, f"{LIST}?page_size={page_size}")
    newsroom = build_newsroom(prefix="many", stories=9, related=6)
    many = count_queries(client, f"{LIST}?page_size={page_size}")
    place = newsroom["place"].rstrip("/").rsplit("/", 1)[-1]
    filtered = count_queries(client, f"{LIST}?page_size={page_size}&place={place}")

    assert few == many == filtered == 5
