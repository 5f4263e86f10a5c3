"""The story desk in Chromium: tag autocomplete, publishing, and what a reporter is offered."""

import pytest
from django.urls import reverse

from articles.models import Article, Place
from tests.factories import ArticleFactory, editor, reporter

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(live_server, open_page, user):
    page = open_page(viewport=DESKTOP)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_selector("#desk-queues-title")
    return page


def test_editor_picks_places_types_a_new_one_and_publishes(live_server, open_page):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    Place.objects.create(name="Westport", slug="westport")
    Place.objects.create(name="Weston", slug="weston")
    page = signed_in(live_server, open_page, editor())
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))

    page.click("#id_places + .select2 .select2-selection")
    page.keyboard.type("westp")
    page.click(".select2-results__option:has-text('Westport')")
    # The test server shares one in-memory SQLite connection between its threads: let the
    # autocomplete's requests finish before the save runs beside them.
    page.wait_for_load_state("networkidle")
    page.fill("#id_new_places", "New Haven")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")

    page.wait_for_selector(".messagelist")
    assert f"“{article.headline}” is live" in page.inner_text(".messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert sorted(article.places.names()) == ["New Haven", "Westport"]


def test_reporter_is_not_offered_publishing(live_server, open_page):
    article = ArticleFactory(status=Article.Status.DRAFT)
    page = signed_in(live_server, open_page, reporter())
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert "Submit selected drafts for review" in actions
    assert not any("Publish" in action for action in actions)

    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    statuses = page.locator("#id_status option").all_inner_texts()
    assert statuses == ["Draft", "In review"]
