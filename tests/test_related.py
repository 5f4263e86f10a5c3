"""Related stories under an article: published stories sharing a place or topic, newest first."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Place, TaggedArticlePlace

from .factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


def story(headline: str, *, hours_ago: float, places=(), topics=(), **fields) -> Article:
    article = ArticleFactory(
        headline=headline, published_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )
    article.places.add(*places)
    article.topics.add(*topics)
    return article


def related_headlines(html: str) -> list[str]:
    aside = re.search(r'<aside class="related".*?</aside>', html, re.S)
    if aside is None:
        return []
    return re.findall(r'class="article-card__link" href="[^"]+">([^<]+)</a>', aside.group(0))


def test_related_stories_share_a_place_or_topic_newest_first(client):
    article = story("Dam repairs begin", hours_ago=1, places=["Saugatuck"], topics=["Flooding"])
    story("Old flood story", hours_ago=50, topics=["Flooding"])
    story("Saugatuck bakery opens", hours_ago=5, places=["Saugatuck"])
    story("Both tags, older", hours_ago=20, places=["Saugatuck"], topics=["Flooding"])
    story("Nothing in common", hours_ago=2, places=["Norwalk"], topics=["Schools"])

    html = client.get(article.get_absolute_url()).text

    assert related_headlines(html) == [
        "Saugatuck bakery opens",
        "Both tags, older",
        "Old flood story",
    ]
    assert '<h2 class="section-heading" id="related-heading">Related stories</h2>' in html


def test_related_stories_are_only_published_and_never_the_story_itself(client):
    article = story("Dam repairs begin", hours_ago=1, places=["Saugatuck"])
    story("Published neighbour", hours_ago=3, places=["Saugatuck"])
    story("Draft neighbour", hours_ago=2, places=["Saugatuck"], status=Article.Status.DRAFT)
    story("In review neighbour", hours_ago=2, places=["Saugatuck"], status=Article.Status.REVIEW)
    story("Scheduled neighbour", hours_ago=-5, places=["Saugatuck"])

    assert related_headlines(client.get(article.get_absolute_url()).text) == ["Published neighbour"]


def test_an_editors_preview_shows_only_published_related_stories(client):
    client.force_login(editor(username="preview-editor"))
    draft = story("Draft on the dam", hours_ago=0, places=["Saugatuck"], status="draft")
    story("Another draft", hours_ago=1, places=["Saugatuck"], status="draft")
    story("Published neighbour", hours_ago=3, places=["Saugatuck"])

    html = client.get(draft.get_absolute_url()).text

    assert related_headlines(html) == ["Published neighbour"]


def test_at_most_the_configured_number_of_related_stories(client, settings):
    settings.RELATED_STORIES = 4
    article = story("Dam repairs begin", hours_ago=0, topics=["Flooding"])
    for n in range(1, 8):
        story(f"Flood story {n}", hours_ago=n, topics=["Flooding"])

    shown = related_headlines(client.get(article.get_absolute_url()).text)

    assert shown == ["Flood story 1", "Flood story 2", "Flood story 3", "Flood story 4"]


def test_a_story_sharing_several_tags_is_listed_once(client):
    article = story("Dam", hours_ago=0, places=["Saugatuck", "Westport"], topics=["Flooding"])
    story("Same tags", hours_ago=1, places=["Saugatuck", "Westport"], topics=["Flooding"])

    assert related_headlines(client.get(article.get_absolute_url()).text) == ["Same tags"]


def test_untagged_story_has_no_related_section(client):
    article = story("Untagged", hours_ago=0)
    story("Tagged elsewhere", hours_ago=1, places=["Saugatuck"])

    html = client.get(article.get_absolute_url()).text

    assert '<aside class="related"' not in html


def test_newer_stories_not_yet_public_do_not_crowd_out_published_ones(client, settings):
    settings.RELATED_STORIES = 2
    article = story("Dam repairs begin", hours_ago=10, places=["Saugatuck"])
    for n in range(3):
        story(f"Draft {n}", hours_ago=n, places=["Saugatuck"], status=Article.Status.DRAFT)
        story(f"Scheduled {n}", hours_ago=-1 - n, places=["Saugatuck"])
    for n in range(3):
        story(f"Published {n}", hours_ago=20 + n, places=["Saugatuck"])

    shown = related_headlines(client.get(article.get_absolute_url()).text)

    assert shown == ["Published 0", "Published 1"]


def test_the_newest_story_of_a_quiet_tag_comes_before_a_busy_tags_older_ones(client, settings):
    settings.RELATED_STORIES = 3
    article = story("Dam", hours_ago=0, places=["Saugatuck"], topics=["Flooding"])
    for n in range(5):
        story(f"Saugatuck {n}", hours_ago=10 + n, places=["Saugatuck"])
    story("The only flood story", hours_ago=2, topics=["Flooding"])

    shown = related_headlines(client.get(article.get_absolute_url()).text)

    assert shown == ["The only flood story", "Saugatuck 0", "Saugatuck 1"]


def test_a_story_whose_publish_time_changes_moves_among_related_stories(client):
    article = story("Dam", hours_ago=0, places=["Saugatuck"])
    story("Recent", hours_ago=2, places=["Saugatuck"])
    redated = story("Redated", hours_ago=30, places=["Saugatuck"])

    redated.published_at = timezone.now() - timedelta(hours=1)
    redated.save()

    assert related_headlines(client.get(article.get_absolute_url()).text) == ["Redated", "Recent"]


def tagging_times(article) -> set:
    return {
        *article.place_items.values_list("published_at", flat=True),
        *article.topic_items.values_list("published_at", flat=True),
    }


def test_a_storys_places_and_topics_carry_its_publish_time_through_every_door():
    article = story("Dam", hours_ago=3, places=["Saugatuck"], topics=["Flooding"])
    article.places.add("Westport")  # the desk's tag field adds through django-taggit
    assert tagging_times(article) == {article.published_at}

    article = Article.objects.get(pk=article.pk)
    moved = timezone.now() - timedelta(minutes=5)
    article.published_at = moved
    article.save(update_fields=["published_at"])
    assert tagging_times(article) == {moved}

    # A save that leaves the publish time out changes nothing it did not store.
    article.published_at = moved - timedelta(days=1)
    article.save(update_fields=["headline"])
    assert tagging_times(article) == {moved}

    # Rows made in bulk (imports) take the time from their story, and follow it.
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    TaggedArticlePlace.objects.bulk_create([TaggedArticlePlace.of(draft, Place.objects.first())])
    assert tagging_times(draft) == {None}
    draft.published_at = moved
    draft.save()
    assert tagging_times(draft) == {moved}
