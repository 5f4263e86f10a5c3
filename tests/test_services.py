from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, Photo, Place, Topic
from articles.services import (
    can_publish,
    merge_tags,
    publish_article,
    publish_problems,
    submit_for_review,
    unpublish_article,
)

from .factories import ArticleFactory, PhotoFactory, editor, reporter

pytestmark = pytest.mark.django_db

Status = Article.Status


def test_groups_decide_who_may_publish():
    assert can_publish(editor())
    assert not can_publish(reporter())
    assert not can_publish(None)


def test_editor_publishes_now_and_keeps_an_existing_time():
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    publish_article(draft, by=editor())
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert abs(draft.published_at - timezone.now()) < timedelta(minutes=1)

    earlier = timezone.now() - timedelta(days=3)
    old = ArticleFactory(status=Status.DRAFT, published_at=earlier)
    publish_article(old, by=editor())
    old.refresh_from_db()
    assert old.published_at == earlier


def test_publishing_at_a_future_time_schedules_the_story():
    later = timezone.now() + timedelta(days=1)
    article = publish_article(ArticleFactory(status=Status.DRAFT), by=editor(), at=later)
    assert article.published_at == later
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.scheduled().filter(pk=article.pk).exists()


def test_reporter_may_not_publish_or_unpublish():
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    live = ArticleFactory()
    with pytest.raises(PermissionDenied, match="Only editors may publish"):
        publish_article(draft, by=reporter())
    with pytest.raises(PermissionDenied, match="Only editors may unpublish"):
        unpublish_article(live, by=reporter())
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.published_at is None
    assert live.status == Status.PUBLISHED


def test_unpublish_takes_the_story_off_the_site():
    live = ArticleFactory()
    unpublish_article(live, by=editor())
    live.refresh_from_db()
    assert live.status == Status.UNPUBLISHED
    assert not Article.objects.published().exists()


def test_submit_for_review_moves_only_drafts():
    draft = ArticleFactory(status=Status.DRAFT)
    live = ArticleFactory()
    submit_for_review(draft, by=reporter())
    submit_for_review(live, by=reporter())
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert live.status == Status.PUBLISHED


def test_publish_problems_name_what_the_lead_photo_lacks():
    photo = Photo.objects.create(caption="Firefighters on Main Street")
    article = ArticleFactory(status=Status.DRAFT, lead_photo=photo)
    problems = publish_problems(article)
    assert len(problems) == 3
    assert "has no image file yet" in problems[0]
    assert "needs alt text" in problems[1]
    assert "needs a credit" in problems[2]
    with pytest.raises(ValidationError) as raised:
        publish_article(article, by=editor())
    assert raised.value.messages == problems
    article.refresh_from_db()
    assert article.status == Status.DRAFT

    assert publish_problems(ArticleFactory(lead_photo=PhotoFactory())) == []


def test_merging_places_moves_stories_and_photos_without_doubles():
    both = ArticleFactory()
    both.places.add("Westport", "Westport, Conn.")
    only_variant = ArticleFactory()
    only_variant.places.add("Westport, Conn.", through_defaults={"is_suggested": True})
    photo = PhotoFactory()
    photo.places.add("Westport CT")
    westport = Place.objects.get(name="Westport")
    variants = Place.objects.exclude(pk=westport.pk)

    names = merge_tags(variants, into=westport, by=editor())

    assert sorted(names) == ["Westport CT", "Westport, Conn."]
    assert list(Place.objects.values_list("name", flat=True)) == ["Westport"]
    assert list(both.places.names()) == ["Westport"]
    assert list(only_variant.places.names()) == ["Westport"]
    assert only_variant.place_items.get().is_suggested
    assert list(photo.places.names()) == ["Westport"]


def test_merging_topics_keeps_their_names_as_aliases():
    ice = Topic.objects.create(
        name="ICE", slug="ice", aliases="Immigration and Customs Enforcement"
    )
    long_name = Topic.objects.create(
        name="Immigration enforcement", slug="immigration-enforcement", aliases="ICE\nIce raids"
    )
    article = ArticleFactory()
    article.topics.add(long_name)
    merge_tags([long_name], into=ice, by=editor())
    ice.refresh_from_db()
    assert ice.alias_list() == [
        "Immigration and Customs Enforcement",
        "Immigration enforcement",
        "Ice raids",
    ]
    assert list(article.topics.names()) == ["ICE"]


def test_reporters_may_not_merge_tags():
    first = Topic.objects.create(name="Schools", slug="schools")
    second = Topic.objects.create(name="Education", slug="education")
    with pytest.raises(PermissionDenied):
        merge_tags([second], into=first, by=reporter())
    assert Topic.objects.count() == 2
