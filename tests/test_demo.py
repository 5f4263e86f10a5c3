"""`manage.py load_demo`: the demo newsroom, built through the import pipeline, loaded twice."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Author, Person, Photo, Place, Quote, Section, Topic

pytestmark = pytest.mark.django_db

MODELS = (Article, Author, Person, Photo, Place, Quote, Section, Topic)


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return [model.objects.count() for model in MODELS]


def test_demo_newsroom_loads_once_and_again_changes_nothing(client, settings):
    settings.DEBUG = False
    first = load_demo()
    before = counts()
    photo_files = sorted(Photo.objects.values_list("image", flat=True))

    second = load_demo()

    assert "Demo stories: created 6, updated 0, unchanged 0" in first
    assert "Demo stories: created 0, updated 0, unchanged 6" in second
    assert second.count("  unchanged: ") == 6
    assert counts() == before
    assert sorted(Photo.objects.values_list("image", flat=True)) == photo_files
    assert "no demo logins" in second and not get_user_model().objects.exists()

    stories = Article.objects.all()
    assert stories.count() == 6
    assert Section.objects.filter(articles__isnull=False).distinct().count() >= 4
    assert not Topic.objects.filter(name__in=["Police & Fire", "Politics"]).exists()
    for article in stories:
        assert article.source == "demo"
        assert article.byline_authors(), article
        assert article.dateline == "WESTPORT"
        photo = article.lead_photo
        assert photo.has_file and (photo.width, photo.height) == (1200, 675)
        assert photo.caption and photo.credit and photo.alt_text
        assert photo.agency == "Westport Ledger"
        assert article.places.filter(short_name="Westport").exists()
        assert article.quotes.filter(person__isnull=False).exists(), article
    chief = Person.objects.get(name="Marcus Delaney")
    assert chief.title == "Police Chief"
    assert chief.quotes.get().text.startswith("We would much rather take a call")
    assert Person.objects.get(name="Rosa Whitcomb").title == "Lt."
    assert Topic.objects.get(name="RTM").alias_list() == ["Representative Town Meeting"]
    assert Article.objects.get(topics__name="Zoning").headline.startswith("Neighbors push back")

    draft = Article.objects.get(status="draft")
    [scheduled] = Article.objects.scheduled()
    public = set(Article.objects.published())
    assert len(public) == 4
    assert draft not in public and scheduled not in public
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    story = Article.objects.published().first()
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200 and story.headline in page.content.decode()


def test_demo_logins_with_debug(settings):
    settings.DEBUG = True
    out = load_demo()

    assert "Admin: http://127.0.0.1:8000/admin/ user admin password newsroom-demo" in out
    users = get_user_model().objects
    admin, editor, reporter = (users.get(username=name) for name in ("admin", "editor", "reporter"))
    assert admin.is_superuser and admin.check_password("newsroom-demo")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.publish_article")
    assert reporter.is_staff and not reporter.has_perm("articles.publish_article")
    assert reporter.has_perm("articles.add_article")
    load_demo()
    assert users.count() == 3
