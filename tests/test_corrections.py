"""Corrections, clarifications and update notes: at the foot of the story, as its "Updated"
time, in its structured data and feed entries, on the corrections page and its feeds; never for
a story readers cannot see; cached pages purged the moment one is added."""

import json
import re
from datetime import datetime, timedelta

import feedparser
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import unpublish_article
from articles.versions import How, record_version

from .factories import ArticleFactory, AuthorFactory, CorrectionFactory, editor, reporter
from .test_caching import page_cache  # noqa: F401  (the page cache, on memory and on Redis)
from .test_views import HIDDEN_STATES, make_hidden

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# Times in the newsroom's zone, before the suite's own "now" (in December 2026 or later).
PUBLISHED = timezone.make_aware(datetime(2026, 11, 30, 9, 0))
CORRECTED = timezone.make_aware(datetime(2026, 12, 2, 10, 15))
UPDATED = timezone.make_aware(datetime(2026, 12, 2, 14, 40))


@pytest.fixture
def story():
    with time_machine.travel(PUBLISHED, tick=False):
        article = ArticleFactory(
            headline="Harbor dredging starts Monday",
            summary="Crews begin work on the channel.",
            published_at=PUBLISHED,
            authors=[AuthorFactory(name="Rosa Delgado")],
        )
    CorrectionFactory(
        article=article,
        kind=Correction.Kind.CORRECTION,
        published_at=CORRECTED,
        text="An earlier version gave the wrong start date. Work begins <em>Monday</em>.",
    )
    CorrectionFactory(
        article=article,
        kind=Correction.Kind.UPDATE,
        published_at=UPDATED,
        text="This story was updated with the contractor's name.",
    )
    return article


def fetch_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


def test_notes_appear_at_the_foot_of_the_story_with_their_dates(client, story):
    page = client.get(story.get_absolute_url()).text

    foot = page[page.index('id="corrections"') :]
    assert "Correction, Dec. 2, 2026</time>:</strong> An earlier version" in foot
    assert "Update, Dec. 2, 2026</time>:</strong> This story was updated" in foot
    assert "<em>Monday</em>" in foot
    assert foot.index("Correction, Dec. 2") < foot.index("Update, Dec. 2")
    assert page.index('id="corrections"') > page.index('class="article__body"')


def test_the_story_shows_updated_at_its_latest_note_not_its_last_save(client, story):
    story.dek = "A late edit to the dek."
    story.save()  # moves updated_at to now; the Updated time stays the note's

    page = client.get(story.get_absolute_url()).text

    start = page.index('class="article__meta"')
    meta = page[start : page.index("</p>", start)]
    assert "Updated <time" in meta
    assert "December 2, 2026 at 2:40 PM" in meta
    assert timezone.localtime(UPDATED).isoformat() in meta


def test_a_story_without_notes_says_nothing_of_them(client):
    page = client.get(ArticleFactory().get_absolute_url()).text
    assert "Updated <time" not in page and 'id="corrections"' not in page


def test_notes_are_sanitised_to_a_small_allowlist():
    note = CorrectionFactory(
        text='<p onclick="x()">The vote is <strong>Tuesday</strong>.</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a> <a href="https://example.org/m">minutes</a>'
        '<img src="x" onerror="y()">'
    )
    assert "<script" not in note.text and "onclick" not in note.text and "<p" not in note.text
    assert "javascript:" not in note.text and "<img" not in note.text
    assert "<strong>Tuesday</strong>" in note.text
    assert '<a href="https://example.org/m" rel="noopener noreferrer">minutes</a>' in note.text


def test_corrections_go_into_the_structured_data(client, story):
    response = client.get(story.get_absolute_url())
    documents = {d["@type"]: d for d in map(json.loads, JSON_LD.findall(response.text))}
    article = documents["NewsArticle"]

    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version gave the wrong start date. Work begins Monday.",
            "datePublished": timezone.localtime(CORRECTED).isoformat(),
            "url": response.wsgi_request.build_absolute_uri(
                story.get_absolute_url() + f"#correction-{story.corrections.first().pk}"
            ),
        }
    ]
    # An update adds news rather than fixing it: it only moves the modified time.
    assert article["dateModified"] == timezone.localtime(UPDATED).isoformat()


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_storys_feed_entry_carries_its_notes_and_their_time(client, story, fmt):
    feed = fetch_feed(client, reverse(f"articles:feed-{fmt}"))

    entry = feed.entries[0]
    assert entry.title == story.headline
    assert "Crews begin work on the channel." in entry.summary
    assert "Correction, Dec. 2, 2026:</strong> An earlier version" in entry.summary
    assert "Update, Dec. 2, 2026:</strong> This story was updated" in entry.summary
    assert entry.updated_parsed[:6] == UPDATED.utctimetuple()[:6]


def test_the_corrections_page_lists_every_note_newest_first_linked_to_its_story(client, story):
    other = CorrectionFactory(
        article=ArticleFactory(headline="Library keeps Sunday hours"),
        kind=Correction.Kind.CLARIFICATION,
        published_at=UPDATED + timedelta(hours=1),
        text="The library is closed on holidays.",
    )

    page = client.get(reverse("articles:corrections")).text

    positions = [
        page.index(text)
        for text in ("closed on holidays", "updated with the contractor", "wrong start date")
    ]
    assert positions == sorted(positions)
    assert f'href="{other.get_absolute_url()}"' in page
    assert "Clarification, Dec. 2, 2026" in page
    assert 'href="/corrections/feed/rss/"' in page
    assert 'href="/corrections/"' in client.get("/").text  # the site's footer links it


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_the_corrections_feed_lists_every_note_newest_first(client, story, fmt):
    feed = fetch_feed(client, reverse(f"articles:corrections-feed-{fmt}"))

    assert [entry.title for entry in feed.entries] == [
        f"Update: {story.headline}",
        f"Correction: {story.headline}",
    ]
    first = feed.entries[1]
    note = story.corrections.get(kind=Correction.Kind.CORRECTION)
    assert first.link.endswith(f"{story.get_absolute_url()}#correction-{note.pk}")
    assert "wrong start date" in first.summary
    assert first.published_parsed[:6] == CORRECTED.utctimetuple()[:6]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_notes_on_stories_readers_cannot_see_show_nowhere(client, state):
    hidden = make_hidden(state)
    Correction.objects.create(article=hidden, text="Hidden note about an unseen story.")

    for url in (
        reverse("articles:corrections"),
        reverse("articles:corrections-feed-rss"),
        reverse("articles:corrections-feed-atom"),
        reverse("articles:feed-rss"),
        hidden.get_absolute_url(),
    ):
        assert "Hidden note" not in client.get(url).text, url


def test_a_story_taken_down_takes_its_notes_with_it(client, story):
    unpublish_article(story, by=editor())
    assert "wrong start date" not in client.get(reverse("articles:corrections")).text
    assert not fetch_feed(client, reverse("articles:corrections-feed-atom")).entries


@pytest.mark.usefixtures("page_cache")
def test_adding_a_note_purges_the_cached_story_and_lists(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(headline="Harbor dredging starts Monday")
    pages = [article.get_absolute_url(), reverse("articles:corrections"), "/feed/rss/"]
    for url in pages:
        client.get(url)
    assert all(client.get(url)["X-Cache"] == "hit" for url in pages)

    with django_capture_on_commit_callbacks(execute=True):
        CorrectionFactory(article=article, text="The work starts Tuesday, not Monday.")

    for url in pages:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "starts Tuesday, not Monday" in response.text, url


# The desk -------------------------------------------------------------------------------------


def add_url(article) -> str:
    return reverse("admin:articles_correction_add") + f"?article={article.pk}"


def note_form(article, **changes) -> dict:
    local = timezone.localtime()
    return {
        "article": article.pk,
        "kind": Correction.Kind.CORRECTION,
        "text": "The meeting is at 7 p.m.",
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
        **changes,
    }


def test_an_editor_adds_a_note_from_the_story_and_returns_to_it(client):
    article = ArticleFactory()
    desk = editor(username="dana")
    client.force_login(desk)
    story_page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert f'href="{add_url(article)}"' in story_page.replace("&amp;", "&")

    response = client.post(add_url(article), note_form(article))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    note = article.corrections.get()
    assert note.created_by == desk
    assert "The meeting is at 7 p.m." in client.get(article.get_absolute_url()).text


def test_reporters_may_read_notes_but_not_add_them(client):
    article = ArticleFactory()
    client.force_login(reporter())
    assert client.post(add_url(article), note_form(article)).status_code == 403
    assert not Correction.objects.exists()


def test_a_note_needs_a_published_story_and_no_future_date(client):
    client.force_login(editor())
    draft = ArticleFactory(status=Article.Status.DRAFT)
    response = client.post(add_url(draft), note_form(draft))
    assert response.status_code == 200
    assert "for published stories" in response.text

    live = ArticleFactory()
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = client.post(
        add_url(live), note_form(live, published_at_0=tomorrow.strftime("%Y-%m-%d"))
    )
    assert response.status_code == 200 and "cannot be dated in the future" in response.text
    assert not Correction.objects.exists()


def test_a_correction_links_to_what_changed_in_the_story(client):
    article = ArticleFactory(body="<p>The meeting is at 6 p.m. in the library.</p>")
    desk = editor(username="lee")
    client.force_login(desk)
    record_version(article, by=desk, how=How.DESK)
    article.body = "<p>The meeting is at 7 p.m. in the library.</p>"
    article.save()
    record_version(article, by=desk, how=How.DESK)

    client.post(add_url(article), note_form(article))
    note = article.corrections.get()
    assert note.version == article.versions.order_by("-number").first().pk

    listing = client.get(reverse("articles:corrections")).text
    assert f'href="{note.diff_url}"' in listing
    client.logout()
    changes = client.get(note.diff_url)
    assert changes.status_code == 200
    assert "<del>6</del>" in changes.text and "<ins>7</ins>" in changes.text
    assert 'name="robots" content="noindex"' in changes.text


def test_what_changed_is_not_shown_for_a_story_readers_cannot_see(client):
    article = ArticleFactory()
    record_version(article, by=None, how=How.DESK)
    note = CorrectionFactory(article=article, version=article.versions.get().pk)
    unpublish_article(article, by=editor(username="kim"))
    assert client.get(note.diff_url).status_code == 404


def test_a_note_without_a_version_offers_no_changes(client, story):
    note = story.corrections.first()
    assert note.version is None and note.diff_url == ""
