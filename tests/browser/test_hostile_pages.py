"""Hostile values shown on every page that shows them run no script in a real Chromium.

Every attack of the big list of naughty strings is stored somewhere a reader or an editor sees it:
headlines, deks, datelines, bodies, summaries, author and person names, titles, quote text, tag
names, captions and credits. The pages are then opened with the Content-Security-Policy bypassed,
so that only the escaping and the sanitiser stand between a value and the browser: any dialog
(alert, confirm, prompt) fails the test.
"""

import itertools

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PersonFactory,
    PhotoFactory,
    QuoteFactory,
    UserFactory,
)
from tests.hostile import attacks

pytestmark = [pytest.mark.browser, pytest.mark.npm, pytest.mark.django_db(transaction=True)]

SLOTS = 13


@pytest.fixture
def hostile_stories():
    """Stories whose every shown value is an attack, each attack used once."""
    strings = attacks()
    stories = []
    for number, start in enumerate(range(0, len(strings), SLOTS)):
        value = iter(itertools.islice(itertools.cycle(strings), start, start + SLOTS))
        author = AuthorFactory(name=next(value), job_title=next(value))
        photo = PhotoFactory(caption=next(value), credit=next(value))
        article = ArticleFactory(
            headline=next(value),
            slug=f"hostile-{number}",
            dek=next(value),
            dateline=next(value)[:100],
            body=f"<p>{next(value)}</p>{next(value)}",
            summary=next(value),
            authors=[author],
            lead_photo=photo,
        )
        person = PersonFactory(name=next(value)[:200], title=next(value)[:200])
        QuoteFactory(article=article, person=person, text=next(value), is_pull_quote=True)
        article.places.add(f"Place {number} {strings[start]}"[:100])
        article.topics.add(f"Topic {number} {strings[start + 1 - len(strings)]}"[:100])
        stories.append(article)
    return stories


def open_watched(open_page, signed_in=None, user=None):
    dialogs = []
    if user is None:
        page = open_page(bypass_csp=True)
    else:
        page = signed_in(user, bypass_csp=True)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def visit(page, url):
    response = page.goto(url, wait_until="load")
    assert response.status < 500, url
    page.wait_for_timeout(30)


def test_no_script_runs_on_any_public_page(live_server, open_page, hostile_stories):
    page, dialogs = open_watched(open_page)
    urls = ["/", "/?page=2", "/search/?q=alert", "/search/?q=script"]
    for article in hostile_stories:
        urls.append(article.get_absolute_url())
    for article in hostile_stories[:: len(hostile_stories) // 6 or 1]:
        urls += [
            article.places.first().get_absolute_url(),
            article.topics.first().get_absolute_url(),
            article.authors.first().get_absolute_url(),
            article.quotes.first().person.get_absolute_url(),
        ]
    for url in urls:
        visit(page, live_server.url + url)
    assert dialogs == []


def test_no_script_runs_on_the_desk(live_server, open_page, signed_in, hostile_stories):
    page, dialogs = open_watched(open_page, signed_in, UserFactory(is_superuser=True))
    urls = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_person_changelist"),
        reverse("admin:articles_author_changelist"),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:articles_place_changelist"),
        reverse("admin:articles_topic_changelist"),
    ]
    for article in hostile_stories[:: len(hostile_stories) // 4 or 1]:
        urls.append(reverse("admin:articles_article_change", args=[article.pk]))
        urls.append(reverse("admin:articles_photo_change", args=[article.lead_photo_id]))
    for url in urls:
        visit(page, live_server.url + url)
    assert dialogs == []
