"""Suggestions from a story's text on the desk: the importer's reading, never over an editor."""

import pytest

from articles.importers.base import ParsedArticle
from articles.importers.pipeline import save_item
from articles.models import Article, Person, Place, Quote, RejectedSuggestion, Topic
from articles.suggestions import remember_removed, suggest_from_text, suggestions_of

from .factories import ArticleFactory, PersonFactory, QuoteFactory, editor
from .test_admin import ADD, change_url, form_data, logged_in

pytestmark = pytest.mark.django_db

BODY = (
    "<p>The harbor board in Hartwell voted on Tuesday to rebuild the east pier.</p>"
    "<p>“We will have boats tied up there before the summer,” said Dana Roe, the harbormaster."
    "</p><p>“The pier is a working part of the town, not a postcard,” the harbor authority "
    "said in a statement.</p>"
)


@pytest.fixture
def vocabulary():
    return Place.objects.create(name="Hartwell"), Topic.objects.create(name="Harbor board")


def suggested(article):
    article.refresh_from_db()
    return (
        set(article.place_items.filter(is_suggested=True).values_list("tag__name", flat=True)),
        set(article.topic_items.filter(is_suggested=True).values_list("tag__name", flat=True)),
        {
            (q.text, q.person.name if q.person else "")
            for q in article.quotes.filter(is_suggested=True)
        },
    )


def test_a_story_written_on_the_desk_gets_the_importers_suggestions(
    client, vocabulary, django_capture_on_commit_callbacks
):
    logged_in(client, editor(username="writer"))
    data = form_data(headline="Pier to be rebuilt", slug="pier-to-be-rebuilt", body=BODY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, data)
    assert response.status_code == 302
    places, topics, quotes = suggested(Article.objects.get(slug="pier-to-be-rebuilt"))
    assert places == {"Hartwell"}
    assert topics == {"Harbor board"}
    assert ("We will have boats tied up there before the summer", "Dana Roe") in quotes


def test_a_suggestion_the_editor_removed_is_never_offered_again(
    client, vocabulary, django_capture_on_commit_callbacks
):
    # A draft: an edit of a live story waits as a working version until it is published.
    article = ArticleFactory(body=BODY, status=Article.Status.DRAFT, published_at=None)
    suggest_from_text(article.pk)
    roe = article.quotes.get(person__name="Dana Roe")
    logged_in(client, editor(username="desk"))
    data = form_data(article, places=[], body=BODY + "<p>Work starts in March.</p>")
    index = list(article.quotes.all()).index(roe)
    data[f"quotes-{index}-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    rejected = set(RejectedSuggestion.objects.values_list("kind", flat=True))
    assert rejected == {"place", "quote"}
    places, topics, quotes = suggested(article)
    assert places == set() and topics == {"Harbor board"}
    assert not article.quotes.filter(person__name="Dana Roe").exists()
    assert not article.places.exists()


def test_quotes_read_again_replace_suggested_ones_and_keep_the_editors(vocabulary):
    article = ArticleFactory(body=BODY)
    checked = QuoteFactory(article=article, text="An editor's own pick.", is_suggested=False)
    stale = QuoteFactory(article=article, text="Words no longer in the story.", is_suggested=True)
    suggest_from_text(article.pk)
    suggest_from_text(article.pk)  # reading twice changes nothing
    texts = list(article.quotes.values_list("text", flat=True))
    assert "An editor's own pick." in texts and "Words no longer in the story." not in texts
    assert texts.count("We will have boats tied up there before the summer") == 1
    assert Quote.objects.filter(pk=checked.pk, is_suggested=False).exists()
    assert not Quote.objects.filter(pk=stale.pk).exists()


def test_tags_an_editor_set_stay_the_editors(vocabulary):
    hartwell, _ = vocabulary
    article = ArticleFactory(body=BODY)
    article.places.add(hartwell)
    suggest_from_text(article.pk)
    assert not article.place_items.get(tag=hartwell).is_suggested


def test_remember_removed_counts_only_what_is_gone(vocabulary):
    article = ArticleFactory(body=BODY)
    suggest_from_text(article.pk)
    before = suggestions_of(article)
    assert remember_removed(article, before) == 0
    article.topics.clear()
    assert remember_removed(article, before) == 1
    assert RejectedSuggestion.objects.get().kind == RejectedSuggestion.Kind.TOPIC


def test_an_organisation_that_speaks_is_stored_and_listed_apart(client, vocabulary):
    article = ArticleFactory(body=BODY, status=Article.Status.PUBLISHED)
    suggest_from_text(article.pk)
    town = article.quotes.get(text__startswith="The pier is").person
    assert town.kind == Person.Kind.ORGANISATION
    QuoteFactory(article=article, person=PersonFactory(name="Lee Park"))
    page = client.get(article.get_absolute_url()).content.decode()
    people = page.split('id="article-people"')[1].split("</section>")[0]
    organisations = page.split('id="article-organisations"')[1].split("</section>")[0]
    assert "Lee Park" in people and "Dana Roe" in people and "town" not in people.lower()
    assert town.name in organisations


def test_a_story_deleted_before_its_reading_is_left_alone():
    suggest_from_text(987654)


def test_an_import_update_never_brings_back_a_rejected_suggestion(vocabulary):
    item = ParsedArticle(external_id="pier-1", headline="Pier to be rebuilt", body_html=BODY)
    article, _ = save_item(item, source="test")
    before = suggestions_of(article)
    article.places.clear()
    article.quotes.filter(person__name="Dana Roe").delete()
    assert remember_removed(article, before) == 2
    changed = ParsedArticle(
        external_id="pier-1", headline="Pier to be rebuilt by June", body_html=BODY
    )
    updated, outcome = save_item(changed, source="test")
    assert outcome == "updated"
    assert not updated.places.exists()
    assert not updated.quotes.filter(person__name="Dana Roe").exists()
    body = updated.quotes.get(text__startswith="The pier is").person
    assert (body.name, body.kind) == ("the harbor authority", Person.Kind.ORGANISATION)
