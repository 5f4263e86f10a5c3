"""Query budgets: each public page costs the same number of queries however much it shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import prepared
from articles.images.body import body_photo_html
from articles.models import Correction, Place, Section, Topic

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PersonFactory,
    PhotoFactory,
    QuoteFactory,
    SectionFactory,
    editor,
)

pytestmark = pytest.mark.django_db

# What each page may cost an anonymous reader, printed from the prepared stories
# (`articles.prepared`). Every page: the sections in the header. Article: the prepared story, and
# the related stories' cards. Lists: the owner (author, place…) and the page of prepared cards,
# read one card ahead rather than counted (`articles.paging`). Home: the prepared top story
# instead of the owner. Person: the person, a check that something published exists, the count
# and the quotes. Search: the count, the page of results, their marked headlines and
# passages, their bylines and four facets.
BUDGETS = {
    "home": 3,
    "article": 3,
    "author": 3,
    "place": 3,
    "topic": 3,
    "section": 3,
    "person": 5,
    "search": 9,
}
# Rendered from the models, before the stories are prepared: the article page looks for its
# prepared page, then reads the story, its bylines, places, topics, corrections and quotes with
# their people; cards not prepared cost the stories and their bylines, and so does the top story.
UNPREPARED_BUDGETS = {**BUDGETS, "home": 7, "article": 11, "author": 5, "place": 5, "topic": 5,
                      "section": 5}  # fmt: skip
# The 404 page: the sections in the header, the latest stories and their bylines.
NOT_FOUND_BUDGET = 3


def build_newsroom(*, prefix: str, stories: int, related: int, prepare: bool = True) -> dict:
    """`stories` published stories, each with `related` authors, places, topics, quotes,
    corrections and photos in its body.

    They share one author, place, topic, section and person (named with `prefix`), so each list
    page shows all of them. Returns the address of every public page for this newsroom. The
    stories are prepared as the purge task prepares them after a save, unless `prepare` is false.
    """
    section = SectionFactory(name=f"{prefix} News")
    author = AuthorFactory(headshot=PhotoFactory())
    person = PersonFactory()
    for index in range(related):
        Section.objects.create(name=f"{prefix} Section {index}", position=index)
    articles = []
    for n in range(stories):
        photos = [PhotoFactory(caption=f"{prefix} photo {i}") for i in range(related)]
        article = ArticleFactory(
            body="".join(
                f"<p>Paragraph {i}.</p>{body_photo_html(p)}" for i, p in enumerate(photos)
            ),
            section=section,
            lead_photo=PhotoFactory(),
            authors=[author, *(AuthorFactory() for _ in range(related - 1))],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        article.places.add(f"{prefix} Westport", *(f"{prefix} {n}-{i}" for i in range(related - 1)))
        article.topics.add(f"{prefix} Schools", *(f"{prefix} {n}-{i}" for i in range(related - 1)))
        QuoteFactory(article=article, person=person, is_pull_quote=True)
        for kind in [*Correction.Kind.values, *Correction.Kind.values][:related]:
            CorrectionFactory(article=article, kind=kind)
        for i in range(related - 1):
            QuoteFactory(article=article, person=PersonFactory(), is_pull_quote=i % 2 == 0)
        articles.append(article)
    if prepare:
        prepared.prepare(article.pk for article in articles)
    return {
        "home": "/",
        "article": articles[0].get_absolute_url(),
        "author": author.get_absolute_url(),
        "person": person.get_absolute_url(),
        "place": Place.objects.get(name=f"{prefix} Westport").get_absolute_url(),
        "topic": Topic.objects.get(name=f"{prefix} Schools").get_absolute_url(),
        "section": section.get_absolute_url(),
        "search": f"/search/?q={prefix}+schools",
    }


def count_queries(client, url: str, status: int = 200) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    return len(queries)


@pytest.mark.parametrize("prepare", [True, False], ids=["prepared", "unprepared"])
@pytest.mark.parametrize("page", BUDGETS)
def test_page_stays_within_budget(client, django_assert_max_num_queries, page, prepare):
    urls = build_newsroom(prefix="big", stories=6, related=5, prepare=prepare)
    with django_assert_max_num_queries((BUDGETS if prepare else UNPREPARED_BUDGETS)[page]):
        response = client.get(urls[page])
    assert response.status_code == 200


@pytest.mark.parametrize("prepare", [True, False], ids=["prepared", "unprepared"])
@pytest.mark.parametrize("page", BUDGETS)
def test_query_count_does_not_grow_with_related_rows(client, page, prepare):
    few = count_queries(
        client, build_newsroom(prefix="few", stories=2, related=1, prepare=prepare)[page]
    )
    many = count_queries(
        client, build_newsroom(prefix="many", stories=9, related=6, prepare=prepare)[page]
    )
    assert many == few


def test_staff_preview_has_a_fixed_cost(client, django_assert_max_num_queries):
    user = editor(username="previewer")
    client.force_login(user)
    draft = ArticleFactory(status="draft", authors=[AuthorFactory() for _ in range(4)])
    draft.places.add("Westport", "Darien", "Norwalk")
    for _ in range(4):
        QuoteFactory(article=draft, is_pull_quote=True)
    # Plus the session, the user and the user's permissions, and saving the session (each request
    # restarts its idle time: a savepoint, the update and its release).
    with django_assert_max_num_queries(UNPREPARED_BUDGETS["article"] + 7):
        response = client.get(draft.get_absolute_url())
    assert response.status_code == 200


def test_not_found_page_has_a_fixed_cost(client, django_assert_max_num_queries):
    build_newsroom(prefix="few", stories=2, related=1)
    few = count_queries(client, "/no-such-page/", status=404)
    build_newsroom(prefix="many", stories=9, related=6)
    with django_assert_max_num_queries(NOT_FOUND_BUDGET):
        many = count_queries(client, "/no-such-page/", status=404)
    assert many == few


def test_the_navigation_is_read_once_until_a_story_or_section_changes(client, settings):
    settings.NEWSROOM_NAVIGATION_CACHE_SECONDS = 300
    urls = build_newsroom(prefix="nav", stories=2, related=1)
    first = count_queries(client, urls["home"])
    assert count_queries(client, urls["home"]) == first - 1

    ArticleFactory(section=SectionFactory(name="Obituaries"))

    page = client.get(urls["home"]).content.decode()
    assert ">Obituaries</a>" in page
