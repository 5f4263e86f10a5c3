"""The 404 and 500 pages in the site's design: a search box, and on the 404 the latest stories."""

import re
from datetime import timedelta

import pytest
from django.urls import get_resolver
from django.utils import timezone

from articles.models import Article
from newsroom import views

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def millbrook(settings):
    settings.NEWSROOM_NAME = "The Millbrook Courier"
    settings.NEWSROOM_TAGLINE = "News for Millbrook and the hill towns"
    settings.NEWSROOM_LOCALE = "en-GB"
    return settings


def test_not_found_page_offers_search_and_the_latest_published_stories(client):
    ArticleFactory(headline="Library extends Sunday hours")
    ArticleFactory(headline="Draft about the dam", status=Article.Status.DRAFT)
    ArticleFactory(
        headline="Scheduled budget story", published_at=timezone.now() + timedelta(days=1)
    )
    response = client.get("/news/2001/01/01/nothing-here/")
    assert response.status_code == 404
    html = response.text
    assert '<meta name="robots" content="noindex">' in html
    assert '<nav class="section-nav"' in html
    form = re.search(r'<form class="page-search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'action="/search/"' in form and 'method="get"' in form
    assert re.search(r'<input [^>]*name="q"', form)
    assert "Library extends Sunday hours" in html
    assert "Draft about the dam" not in html
    assert "Scheduled budget story" not in html


def test_not_found_page_lists_the_latest_stories_newest_first(client):
    stories = [ArticleFactory(headline=f"Story number {n}") for n in range(8)]
    html = client.get("/no-such-page/").text
    shown = re.findall(r'class="article-card__link" href="[^"]+">([^<]+)</a>', html)
    newest = sorted(stories, key=lambda a: a.published_at, reverse=True)[
        : views.LATEST_ON_NOT_FOUND
    ]
    assert shown == [story.headline for story in newest]


def test_server_error_is_handled_by_the_newsroom_page():
    assert get_resolver().resolve_error_handler(500) is views.server_error
    assert get_resolver().resolve_error_handler(404) is views.page_not_found


def test_server_error_page_needs_no_database_and_no_request_context(
    rf, millbrook, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert "Something went wrong on our side" in html
    assert "The Millbrook Courier" in html and "News for Millbrook and the hill towns" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert 'action="/search/"' in html
    assert '<meta name="robots" content="noindex">' in html
