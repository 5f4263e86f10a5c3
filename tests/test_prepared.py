"""Prepared stories: a published story's page and card are rendered once when something they
show changes, served as rendered from the models would be, and never out of date."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import prepared, views
from articles.models import Article, Correction, PreparedStory
from articles.services import unpublish_article
from articles.tasks import change_visibility

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


@pytest.fixture
def saves(django_capture_on_commit_callbacks):
    """Run what a save queues for after its commit (the purge task that prepares stories)."""

    def save(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return save


def make_story(**extra):
    story = ArticleFactory(
        headline="Harbor dredging approved",
        dek="The board voted 5-2.",
        section=SectionFactory(name="Town"),
        lead_photo=PhotoFactory(caption="Boats at dawn", credit="Dana Whitfield"),
        authors=[AuthorFactory(name="Maya Brooks")],
        published_at=timezone.now() - timedelta(hours=1),
        **extra,
    )
    story.places.add("Westport")
    story.topics.add("Harbor")
    QuoteFactory(article=story, person=PersonFactory(name="Ana Ruiz"), is_pull_quote=True)
    CorrectionFactory(article=story, kind=Correction.Kind.CORRECTION)
    return story


@pytest.fixture
def story(saves):
    return saves(make_story)


def served(client, story) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def is_prepared(story) -> bool:
    return PreparedStory.objects.filter(pk=story.pk, stale=False).exists()


@pytest.mark.parametrize("newsroom_url", ["", "https://news.example.org"])
def test_a_prepared_page_is_the_page_rendered_from_the_models(client, settings, newsroom_url):
    settings.NEWSROOM_URL = newsroom_url
    story = make_story()
    ArticleFactory(published_at=timezone.now() - timedelta(hours=2)).places.add("Westport")
    rendered = served(client, story)
    lists = {url: client.get(url).content for url in ("/", story.section.get_absolute_url())}
    assert not is_prepared(story)

    prepared.prepare(Article.objects.values_list("pk", flat=True))

    assert is_prepared(story)
    assert served(client, story) == rendered
    assert {url: client.get(url).content for url in lists} == lists
    assert b"Top story" in lists["/"] and b"article-card" in lists["/"]
    origin = newsroom_url or "http://testserver"
    assert f'<link rel="canonical" href="{origin}{story.get_absolute_url()}">' in rendered
    assert f'"url": "{origin}{story.get_absolute_url()}"' in rendered
    assert prepared.STAND_IN_ORIGIN not in rendered


def test_a_prepared_page_without_related_stories_keeps_its_headline_escaped(client):
    # The page around a prepared story is rendered once and filled in (`articles.shells`).
    story = make_story()
    Article.objects.filter(pk=story.pk).update(headline='Q&A: the <harbor> "dredge" vote')
    rendered = served(client, story)
    prepared.prepare([story.pk])
    assert is_prepared(story)
    assert served(client, story) == rendered
    assert "<title>Q&amp;A: the &lt;harbor&gt; &quot;dredge&quot; vote |" in rendered
    assert "Related stories" not in rendered


def test_the_page_and_cards_follow_every_change_they_show(client, saves, story):
    assert is_prepared(story)
    author = story.bylines.get().author
    changes = [
        (
            lambda: Article.objects.filter(pk=story.pk).update(headline="x") or story.save(),
            "Harbor",
        ),
        (lambda: setattr(author, "name", "Maya R. Brooks") or author.save(), "Maya R. Brooks"),
        (
            lambda: setattr(story.lead_photo, "credit", "D. Whitfield") or story.lead_photo.save(),
            "D. Whitfield",
        ),
        (lambda: setattr(story.section, "name", "Town Hall") or story.section.save(), "Town Hall"),
        (lambda: CorrectionFactory(article=story, text="The vote was 5-2, not 6-1."), "not 6-1"),
        (
            lambda: QuoteFactory(article=story, text="We waited ten years.", is_pull_quote=True),
            "We waited ten years.",
        ),  # fmt: skip
    ]
    for change, shown in changes:
        saves(change)
        assert is_prepared(story)
        assert shown in served(client, story)
    card_page = client.get(story.section.get_absolute_url()).content.decode()
    assert "Maya R. Brooks" in card_page and "D. Whitfield" in card_page


def test_a_change_is_shown_at_once_before_its_task_runs(client, story):
    author = story.bylines.get().author
    author.name = "Maya Brooks-Ortiz"
    author.save()  # its purge task waits for a commit that this test never makes

    assert not is_prepared(story)
    assert "Maya Brooks-Ortiz" in served(client, story)
    assert "Maya Brooks-Ortiz" in client.get("/").content.decode()


def test_a_story_taken_down_is_gone_though_it_was_prepared(client, saves, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    assert client.get(story.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED)
    saves(lambda: unpublish_article(Article.objects.get(pk=story.pk), by=editor()))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert not PreparedStory.objects.filter(pk=story.pk).exists()


def test_a_scheduled_story_is_served_at_its_time_with_its_structured_data(client, saves):
    moment = timezone.now() + timedelta(hours=1)
    story = saves(lambda: make_story(status=Article.Status.PUBLISHED))
    story.published_at = moment
    saves(story.save)
    assert is_prepared(story)  # before its time, without structured data
    assert client.get(story.get_absolute_url()).status_code == 404

    with time_machine.travel(moment + timedelta(minutes=1)):
        page = served(client, story)
        saves(lambda: change_visibility.call(story.pk, "published_at", moment.isoformat()))
        assert PreparedStory.objects.get(pk=story.pk).json_ld_html
        assert served(client, story) == page
    assert '"@type": "NewsArticle"' in page


def test_a_story_changed_while_it_is_rendered_is_rendered_again(monkeypatch, story):
    render_card = prepared.render_card
    changed = []

    def change_meanwhile(article):
        if not changed:  # another editor saves while the first render is under way
            changed.append(True)
            saved = Article.objects.get(pk=article.pk)
            saved.headline = "Dredging approved after ten years"
            saved.save()
        return render_card(article)

    monkeypatch.setattr(prepared, "render_card", change_meanwhile)
    assert prepared.prepare([story.pk]) == 1

    row = PreparedStory.objects.get(pk=story.pk)
    assert not row.stale
    assert "Dredging approved after ten years" in row.card_html
    assert "Dredging approved after ten years" in row.page_html


def test_list_pages_in_their_shells_are_the_pages_rendered_whole(client, settings, monkeypatch):
    # Lists are filled into a shell rendered once (`articles.shells`); rendered whole, they must
    # come out the same, whatever the page, and follow a renamed owner at once.
    settings.ARTICLES_PER_PAGE = 2
    story = make_story()
    for hours in (2, 3, 4):
        other = ArticleFactory(
            section=story.section, published_at=timezone.now() - timedelta(hours=hours)
        )
        other.places.add("Westport")
        other.topics.add("Harbor")
    prepared.prepare(Article.objects.values_list("pk", flat=True))
    place, topic = story.places.get(), story.topics.get()
    addresses = ["/", "/?page=2", story.section.get_absolute_url(), place.get_absolute_url(),
                 f"{topic.get_absolute_url()}?page=2&utm_source=feed"]  # fmt: skip
    shelled = [client.get(url).content for url in addresses for _ in range(2)]
    monkeypatch.setattr(views.StoryListView, "shell_key", lambda view: None)
    whole = [client.get(url).content for url in addresses for _ in range(2)]
    assert shelled == whole
    assert b"Top story" in shelled[0] and b"Top story" not in shelled[2]

    monkeypatch.undo()
    story.section.name = "Harbor Town"
    story.section.save()
    assert b"Latest in Harbor Town" in client.get(story.section.get_absolute_url()).content
