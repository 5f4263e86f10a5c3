"""Two editors in two browsers on one story: the second save is refused and shows the conflict."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, editor, reporter

from .test_admin_desk import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_save_is_refused_and_shows_the_other_persons_changes(live_server, open_page):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    address = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    first = signed_in(live_server, open_page, editor(first_name="Dana"))
    second = signed_in(live_server, open_page, reporter())
    first.goto(address)
    second.goto(address)

    first.fill("#id_headline", "Budget passes on a second vote")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist")
    second.fill("#id_headline", "Budget fails again")
    second.click("input[name=_continue]")

    conflict = second.wait_for_selector(".desk-conflict")
    assert "Budget passes on a second vote" in conflict.inner_text()
    assert "nothing was overwritten" in second.inner_text(".errorlist.nonfield")
    assert second.input_value("#id_headline") == "Budget fails again"
    article.refresh_from_db()
    assert article.headline == "Budget passes on a second vote"

    second.click(".desk-conflict__take[data-field=headline]")
    second.click("input[name=_continue]")
    second.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.versions.count() == 2
