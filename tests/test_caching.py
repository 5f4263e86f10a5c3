"""The readers' page cache: conditional requests, surrogate keys, purges, scheduled stories, CDN.

Run against the per-process memory cache and against a real Redis server, the cache several app
servers share in production.
"""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from articles.caching import LISTS, purge
from articles.importers.base import ParsedArticle
from articles.importers.pipeline import save_item
from articles.models import Article
from articles.services import unpublish_article
from newsroom.cache import RedisCache

from .conftest import REDIS_URL
from .factories import (
    ArticleFactory,
    AuthorFactory,
    PersonFactory,
    PhotoFactory,
    QuoteFactory,
    editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def page_cache(request, settings):
    """The page cache turned on, on the per-process memory cache or on Redis; emptied first."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_BROWSER_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "pages": (
            {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": REDIS_URL}
            if request.param == "redis"
            else {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "page-cache-tests",
            }
        ),  # fmt: skip
    }
    settings.NEWSROOM_PAGE_CACHE_ALIAS = "pages"
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(
            headline="Harbor dredging starts Monday",
            lead_photo=PhotoFactory(),
            authors=[AuthorFactory(name="Rosa Delgado")],
        )
        article.places.add("Westport")
        article.topics.add("Harbor")
        QuoteFactory(article=article, person=PersonFactory(name="Elena Voss"))
    return article


def test_a_readers_second_visit_is_answered_from_the_cache(
    client, page_cache, story, django_assert_num_queries
):
    first = client.get(story.get_absolute_url())
    assert first["X-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())

    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Harbor dredging starts Monday" in second.text


def test_the_page_names_everything_it_shows(client, page_cache, story):
    response = client.get(story.get_absolute_url())

    keys = set(response["Surrogate-Key"].split())
    author = story.authors.get()
    person = story.quotes.get().person
    assert {f"article-{story.pk}", f"section-{story.section_id}", f"author-{author.pk}",
            f"person-{person.pk}", f"photo-{story.lead_photo_id}"} <= keys  # fmt: skip
    assert {f"place-{story.places.get().pk}", f"topic-{story.topics.get().pk}"} <= keys
    assert set(client.get("/")["Surrogate-Key"].split()) == {LISTS}
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=" in control


def test_conditional_requests_answer_304(client, page_cache, story):
    first = client.get(story.get_absolute_url())

    by_etag = client.get(story.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    by_date = client.get(
        story.get_absolute_url(), headers={"if-modified-since": first["Last-Modified"]}
    )
    changed = client.get(story.get_absolute_url(), headers={"if-none-match": '"other"'})

    assert (by_etag.status_code, by_date.status_code, changed.status_code) == (304, 304, 200)
    assert by_etag.content == b""


def test_an_edit_is_on_the_page_at_once(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    client.get(story.get_absolute_url())
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbor dredging delayed a week"
        story.save()

    page = client.get(story.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "Harbor dredging delayed a week" in page.text
    assert "Harbor dredging delayed a week" in client.get("/").text


def test_renaming_an_author_or_a_quoted_person_purges_their_pages(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    person = story.quotes.get().person
    client.get(story.get_absolute_url())
    client.get(person.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        author = story.authors.get()
        author.name = "Rosa Delgado-Marsh"
        author.save()
        quote = story.quotes.get()
        quote.text = "We start at dawn."
        quote.save()

    assert "Rosa Delgado-Marsh" in client.get(story.get_absolute_url()).text
    assert "We start at dawn." in client.get(person.get_absolute_url()).text


def test_an_unpublished_story_is_gone_at_once(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    assert client.get(story.get_absolute_url()).status_code == 200
    assert story.headline in client.get("/").text

    with django_capture_on_commit_callbacks(execute=True):
        unpublish_article(story, by=editor())

    assert client.get(story.get_absolute_url()).status_code == 404
    assert story.headline not in client.get("/").text


def test_a_purge_waits_for_the_commit(client, page_cache, story):
    client.get(story.get_absolute_url())

    with transaction.atomic():
        Article.objects.filter(pk=story.pk).update(headline="Never saved")
        purge([story])
        transaction.set_rollback(True)

    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"


def test_a_scheduled_story_appears_on_time(client, page_cache, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(headline="Already out", published_at=now - timedelta(hours=1))
        ArticleFactory(headline="Goes out at ten", published_at=now + timedelta(minutes=2))

    with time_machine.travel(now, tick=False):
        home = client.get("/")
        assert "Already out" in home.text and "Goes out at ten" not in home.text
        assert "s-maxage=120" in home["Cache-Control"]
    with time_machine.travel(now + timedelta(minutes=1, seconds=59), tick=False):
        assert client.get("/")["X-Cache"] == "hit"
    with time_machine.travel(now + timedelta(minutes=2, seconds=1), tick=False):
        home = client.get("/")
        assert home["X-Cache"] == "miss"
        assert "Goes out at ten" in home.text


def test_staff_are_never_served_nor_stored(client, page_cache, story):
    client.force_login(editor())

    response = client.get(story.get_absolute_url())

    assert "X-Cache" not in response
    client.logout()
    client.cookies.clear()
    assert client.get(story.get_absolute_url())["X-Cache"] == "miss"


def test_a_preview_is_never_cached(client, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    staff = client
    staff.force_login(editor())

    preview = staff.get(draft.get_absolute_url())

    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"] and "X-Cache" not in preview
    staff.logout()
    staff.cookies.clear()
    assert staff.get(draft.get_absolute_url()).status_code == 404


def test_the_cdn_is_told_which_keys_to_purge(
    settings, page_cache, story, django_capture_on_commit_callbacks
):
    received = []

    class PurgeAPI(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the http.server hook's name)
            received.append((self.path, self.headers["Surrogate-Key"], self.headers["Fastly-Key"]))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"status": "ok"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), PurgeAPI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSROOM_CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/service/ledger/purge"
    settings.NEWSROOM_CDN_PURGE_TOKEN = "token-123"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            story.headline = "Harbor dredging delayed"
            story.save()
    finally:
        server.shutdown()
        server.server_close()

    assert received == [("/service/ledger/purge", f"article-{story.pk} {LISTS}", "token-123")]


def test_a_cdn_that_does_not_answer_never_breaks_a_save(
    settings, page_cache, story, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_CDN_PURGE_URL = "http://127.0.0.1:9/purge"  # the discard port: refused

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Saved all the same"
        story.save()

    assert Article.objects.get(pk=story.pk).headline == "Saved all the same"


def test_turned_off_nothing_is_stored(client, settings, page_cache, story):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0

    response = client.get(story.get_absolute_url())

    assert "X-Cache" not in response and "ETag" not in response


def test_an_imported_story_is_on_the_cached_front_page_at_once(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        save_item(
            ParsedArticle(external_id="wire-1", headline="Ferry fares rise in June",
                          body_html="<p>Fares rise.</p>", published_at=timezone.now()),
            source="ninjs", status="published",
        )  # fmt: skip

    home = client.get("/")
    assert home["X-Cache"] == "miss"
    assert "Ferry fares rise in June" in home.text


@pytest.mark.redis
def test_the_redis_cache_makes_its_client_once_and_keeps_every_kind_of_call(page_cache):
    if not isinstance(page_cache, RedisCache):
        pytest.skip("the memory cache has no client")
    client = page_cache._cache.get_client()
    page_cache.set("a", {"sections": [("News", "/news/")]})
    page_cache.set_many({"b": 2, "c": 3})
    assert page_cache.get("a") == {"sections": [("News", "/news/")]}
    assert page_cache.get_many(["a", "b", "c", "d"]) == {
        "a": {"sections": [("News", "/news/")]}, "b": 2, "c": 3,
    }  # fmt: skip
    assert page_cache.incr("b") == 3
    page_cache.delete("a")
    assert page_cache.get("a") is None
    assert page_cache._cache.get_client(write=True) is client
