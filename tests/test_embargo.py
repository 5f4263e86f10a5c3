"""Embargoes and expiring rights: one second either side, on every public door, and in the cache.

A published story under embargo is on no page, list, feed, sitemap, search result or API answer
until the embargo lifts; one whose rights expire comes off all of them at that moment.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory, AuthorFactory, SectionFactory
from .test_caching import page_cache  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
HEADLINE = "Marsh restoration grant awarded to Sherwood Island"
SEARCH_WORD = "Sherwood"


def doors(article: Article) -> dict[str, str]:
    """Every public address that could show `article`."""
    return {
        "page": article.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "author": article.byline_authors()[0].get_absolute_url(),
        "rss": "/feed/rss/",
        "atom": "/feed/atom/",
        "sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "search": f"/search/?q={SEARCH_WORD}",
        "api list": "/api/articles/",
        "api story": f"/api/articles/{article.slug}.ninjs.json",
    }


def shown_on(client, article: Article) -> dict[str, bool]:
    found = {}
    for door, address in doors(article).items():
        response = client.get(address)
        found[door] = response.status_code == 200 and (
            article.slug in response.content.decode() or HEADLINE in response.content.decode()
        )
    return found


@pytest.fixture
def moment():
    return timezone.now().replace(microsecond=0) + timedelta(hours=3)


def story(**fields) -> Article:
    return ArticleFactory(
        headline=HEADLINE,
        slug="marsh-restoration-grant",
        section=SectionFactory(name="Environment"),
        authors=[AuthorFactory(name="Noor Haddad")],
        **fields,
    )


def test_an_embargoed_story_shows_nowhere_until_the_second_it_lifts(client, moment):
    article = story(published_at=moment - timedelta(hours=5), embargoed_until=moment)

    with time_machine.travel(moment - SECOND, tick=False):
        assert not any(shown_on(client, article).values())
        assert not Article.objects.get(pk=article.pk).is_public
        assert Article.objects.get(pk=article.pk).state == "scheduled"
    with time_machine.travel(moment + SECOND, tick=False):
        assert all(shown_on(client, article).values())
        assert Article.objects.get(pk=article.pk).is_public


def test_a_story_comes_down_everywhere_when_its_rights_expire(client, moment):
    article = story(published_at=moment - timedelta(hours=5), rights_expire_at=moment)

    with time_machine.travel(moment - SECOND, tick=False):
        assert all(shown_on(client, article).values())
    with time_machine.travel(moment + SECOND, tick=False):
        assert not any(shown_on(client, article).values())
        assert Article.objects.get(pk=article.pk).state == "expired"


def test_staff_still_preview_an_embargoed_story(client, moment):
    from .factories import editor

    article = story(published_at=moment - timedelta(hours=5), embargoed_until=moment)
    client.force_login(editor())
    with time_machine.travel(moment - SECOND, tick=False):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and 'content="noindex"' in response.text


def test_the_cached_front_page_expires_when_an_embargo_lifts_or_rights_expire(
    client,
    page_cache,  # noqa: F811 (the fixture)
    django_capture_on_commit_callbacks,
):
    now = timezone.now().replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(headline="Held by the wire", published_at=now - timedelta(hours=1),
                       embargoed_until=now + timedelta(minutes=2))  # fmt: skip
        ArticleFactory(headline="Rights run out", published_at=now - timedelta(hours=1),
                       rights_expire_at=now + timedelta(minutes=4))  # fmt: skip

    with time_machine.travel(now, tick=False):
        home = client.get("/")
        assert "Held by the wire" not in home.text and "Rights run out" in home.text
        assert "s-maxage=120" in home["Cache-Control"]
    with time_machine.travel(now + timedelta(minutes=2) - SECOND, tick=False):
        assert client.get("/")["X-Cache"] == "hit"
    with time_machine.travel(now + timedelta(minutes=2) + SECOND, tick=False):
        home = client.get("/")
        assert home["X-Cache"] == "miss" and "Held by the wire" in home.text
        assert "s-maxage=119" in home["Cache-Control"]  # until the rights expire
    with time_machine.travel(now + timedelta(minutes=4) + SECOND, tick=False):
        home = client.get("/")
        assert home["X-Cache"] == "miss" and "Rights run out" not in home.text


def test_visibility_changes_are_found_for_the_task_queue(moment):
    live_soon = ArticleFactory(published_at=moment)
    lifting = ArticleFactory(published_at=moment - timedelta(days=1), embargoed_until=moment)
    expiring = ArticleFactory(rights_expire_at=moment)
    ArticleFactory(status=Article.Status.DRAFT, published_at=moment)  # not going anywhere

    found = Article.objects.changing_visibility(after=moment - SECOND, until=moment)
    assert set(found) == {live_soon, lifting, expiring}
    assert not Article.objects.changing_visibility(after=moment, until=moment + SECOND).exists()
    assert Article.objects.next_visibility_change() == moment
