from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Person, Place, Topic

from .factories import ArticleFactory, AuthorFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_review_and_scheduled():
    live = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.REVIEW)
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(published_at=None)
    assert list(Article.objects.published()) == [live]


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="x()">Hi<script>alert(1)</script> '
        '<a href="javascript:evil()">there</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert "Hi" in article.body


def test_places_and_topics_are_separate_vocabularies():
    article = ArticleFactory()
    article.places.add("Westport")
    article.topics.add("Westport")
    assert Place.objects.get().name == "Westport"
    assert Topic.objects.get().name == "Westport"
    assert list(article.places.names()) == ["Westport"]


def test_byline_order_and_photo_credit_line():
    first, second = AuthorFactory(name="Ana Ruiz"), AuthorFactory(name="Bo Chen")
    article = ArticleFactory(authors=[second, first])
    assert [a.name for a in article.byline_authors()] == ["Bo Chen", "Ana Ruiz"]
    photo = PhotoFactory(credit="Charles Reed", agency="Associated Press")
    assert photo.credit_line == "Charles Reed / Associated Press"
    assert photo.width == 64 and photo.height == 48


def test_person_display_name_puts_titles_before_and_roles_after_the_name():
    assert Person(name="Maria Delgado", title="Lt.").display_name == "Lt. Maria Delgado"
    assert Person(name="Jonah Feld", title="artist").display_name == "Jonah Feld, artist"
    assert Person(name="Ana Ruiz").display_name == "Ana Ruiz"
