"""The search index follows every change to a story, its byline and its tags, however made."""

import json

import pytest
from django.core.management import call_command

from articles.importers.pipeline import import_paths
from articles.models import Article, Author, Byline, Place, SearchEntry, Topic
from articles.search import search_articles
from articles.search_index import body_text, rebuild_search_index, update_search_index
from articles.services import merge_tags, publish_article, unpublish_article
from tests.factories import ArticleFactory, AuthorFactory, editor

pytestmark = pytest.mark.django_db


def found(query) -> list:
    return [article.pk for article in search_articles(query)]


@pytest.fixture
def article():
    return ArticleFactory(headline="Harbor commission meets", dek="", summary="", body="<p>x</p>")


def test_edits_are_followed(article):
    article.headline = "Harbor commission delays boat ramp vote"
    article.body = "<p>Kayakers asked for more parking.</p>"
    article.save()

    assert found("ramp") == [article.pk]
    assert found("kayakers") == [article.pk]
    assert found("meets") == []


def test_tag_changes_are_followed(article):
    article.places.add("Compo Beach")
    article.topics.set(["Parking"])
    assert found("compo") == found("parking") == [article.pk]

    article.places.remove("Compo Beach")
    article.topics.clear()
    assert found("compo") == found("parking") == []


def test_renamed_and_deleted_tags_are_followed(article):
    article.places.add("Saugatuck Shores")
    article.topics.add("Boating")
    place, topic = Place.objects.get(), Topic.objects.get()

    place.name = "Saugatuck Harbor"
    place.save()
    topic.delete()

    assert found("harbor saugatuck") == [article.pk]
    assert found("shores") == found("boating") == []


def test_merged_tags_are_followed(article):
    article.places.add("Westport Ct")
    into = Place.objects.create(name="Westport")

    merge_tags(Place.objects.filter(name="Westport Ct"), into=into, by=editor())

    assert found("westport") == [article.pk]
    assert found("ct") == []


def test_byline_changes_are_followed(article):
    author = AuthorFactory(name="Marisol Vantreight")
    byline = Byline.objects.create(article=article, author=author)
    assert found("vantreight") == [article.pk]

    author.name = "Marisol Okafor"
    author.save()
    assert found("okafor") == [article.pk]
    assert found("vantreight") == []

    byline.delete()
    assert found("okafor") == []


def test_deleted_author_leaves_the_index(article):
    Byline.objects.create(article=article, author=AuthorFactory(name="Marisol Vantreight"))

    Author.objects.filter(name="Marisol Vantreight").delete()

    assert found("vantreight") == []
    assert SearchEntry.objects.get(pk=article.pk).byline_tags == ""


def test_unpublished_stories_drop_out_and_come_back(article):
    user = editor()
    unpublish_article(article, by=user)
    assert found("harbor") == []

    publish_article(article, by=user)
    assert found("harbor") == [article.pk]


def test_deleted_stories_leave_the_index(article):
    Byline.objects.create(article=article, author=AuthorFactory())
    article.places.add("Westport")
    other = ArticleFactory(headline="Harbor dredging begins")

    article.delete()
    Article.objects.filter(pk=other.pk).delete()

    assert found("harbor") == []
    assert not SearchEntry.objects.exists()


def wire_story(path, *, version, headline, body, author):
    path.write_text(
        json.dumps(
            {
                "uri": "urn:newsml:westport-wire.test:20261106:harbor",
                "version": str(version),
                "versioncreated": f"2026-11-06T0{version}:00:00Z",
                "pubstatus": "usable",
                "headlines": [{"role": "main", "value": headline}],
                "bodies": [{"value": body}],
                "authors": [{"name": author}],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_imports_are_followed(tmp_path):
    first = wire_story(
        tmp_path / "first.json",
        version=1,
        headline="Harbor commission delays vote",
        body="Kayakers asked for parking at Compo Beach.",
        author="Rosa Delgado",
    )
    report = import_paths([first], status="published")
    [article_id] = Article.objects.values_list("pk", flat=True)
    assert report.created == 1
    assert found("kayakers") == found("delgado") == found("compo") == [article_id]

    second = wire_story(
        tmp_path / "second.json",
        version=2,
        headline="Harbor commission approves boat ramp",
        body="Rowers asked for a dock.",
        author="Sam Okafor",
    )
    report = import_paths([second], status="published")

    assert report.updated == 1
    assert found("rowers") == found("okafor") == found("ramp") == [article_id]
    assert found("kayakers") == found("delgado") == found("compo") == []


def test_a_dry_run_import_leaves_the_index_alone(tmp_path):
    path = wire_story(
        tmp_path / "story.json", version=1, headline="Harbor", body="Kayakers.", author="Rosa"
    )

    import_paths([path], status="published", dry_run=True)

    assert not SearchEntry.objects.exists()


def test_rebuild_writes_every_entry_afresh(article):
    SearchEntry.objects.all().delete()
    update_search_index(article_ids=[article.pk + 1000])  # a story that does not exist
    assert found("harbor") == []

    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert found("harbor") == [article.pk]
    assert rebuild_search_index() == 1


def test_entries_hold_the_text_as_words(article):
    article.dek = "The dek."
    article.summary = "A summary."
    article.body = "<h2>Parking</h2><p>Kayakers &amp; rowers\u00a0asked.</p><p>\ue000Marked</p>"
    article.save()
    Byline.objects.create(article=article, author=AuthorFactory(name="Rosa Delgado"))
    article.places.add("Compo Beach")

    entry = SearchEntry.objects.get(pk=article.pk)

    assert entry.headline == "Harbor commission meets"
    assert entry.dek == "The dek. A summary."
    assert sorted(entry.byline_tags.split()) == ["Beach", "Compo", "Delgado", "Rosa"]
    assert entry.body == "Parking Kayakers & rowers asked. Marked"


def test_body_text_keeps_inline_markup_inside_words():
    assert body_text("<p>The <em>sea</em>wall</p><ul><li>one</li><li>two</li></ul>") == (
        "The seawall one two"
    )
