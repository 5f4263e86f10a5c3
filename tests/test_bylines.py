"""Byline roles on the page, on cards and in the structured data; the desk user's own byline."""

import re

import pytest

from articles.models import Article, Author, Byline
from articles.structured_data import news_article
from articles.text import strip_tags

from .factories import ArticleFactory, AuthorFactory, reporter
from .test_admin import ADD, form_data, logged_in
from .test_structured_data import json_ld

pytestmark = pytest.mark.django_db
Role = Byline.Role


def people(names):
    return {name: AuthorFactory(name=name, slug=name.lower().replace(" ", "-")) for name in names}


@pytest.fixture
def story():
    by = people(["Ana Ruiz", "Ben Cole", "Cleo Park", "Dev Shah", "Eli Moss"])
    article = ArticleFactory(headline="Ferry fares rise")
    for position, (name, role) in enumerate(
        [
            ("Cleo Park", Role.ADDITIONAL_REPORTING),
            ("Ana Ruiz", Role.BY),
            ("Dev Shah", Role.PHOTOS),
            ("Ben Cole", Role.BY),
            ("Eli Moss", Role.REPORTED_AND_TRANSLATED),
        ]
    ):
        Byline.objects.create(article=article, author=by[name], role=role, position=position)
    return article


def bylines(html: str) -> list[str]:
    """The text of each byline on a page."""
    return [
        strip_tags(fragment) for fragment in re.findall(r'<span class="byline">(.*?)</span>', html)
    ]


def test_the_page_and_cards_group_authors_by_role(client, story):
    expected = (
        "By Ana Ruiz and Ben Cole. Reported and translated by Eli Moss. Photos by Dev Shah. "
        "Additional reporting by Cleo Park."
    )
    page = client.get(story.get_absolute_url()).text
    home = client.get("/").text

    assert bylines(page) == [expected]
    assert bylines(home) == [expected]


def test_one_role_reads_as_before(client):
    article = ArticleFactory(authors=list(people(["Ana Ruiz", "Ben Cole", "Cleo Park"]).values()))

    page = client.get(article.get_absolute_url()).text

    assert bylines(page) == ["By Ana Ruiz, Ben Cole and Cleo Park"]


def test_structured_data_names_authors_contributors_and_translators(client, story):
    document = json_ld(client, story.get_absolute_url())["NewsArticle"]

    def names(key):
        return [person["name"] for person in document.get(key, [])]

    assert names("author") == ["Ana Ruiz", "Ben Cole", "Eli Moss"]
    assert names("translator") == ["Eli Moss"]
    assert names("contributor") == ["Cleo Park", "Dev Shah"]


def test_structured_data_without_contributors_leaves_them_out(rf):
    article = ArticleFactory(authors=[AuthorFactory()])

    document = news_article(article, base_url="http://testserver/")

    assert len(document["author"]) == 1
    assert "contributor" not in document and "translator" not in document


def test_a_reporter_starting_a_story_is_offered_as_its_byline(client):
    user = reporter()
    author = Author.objects.create(name="Maya Brooks", slug="maya-brooks", user=user)
    logged_in(client, user)

    formset = client.get(ADD).context["inline_admin_formsets"][0].formset

    assert formset.prefix == "bylines"
    assert [form.initial for form in formset.forms] == [{"author": author.pk, "role": Role.BY}]


def with_own_byline(data, author, *, role=Role.BY):
    """The add form as posted with the offered byline row left in."""
    data.update(
        {
            "bylines-TOTAL_FORMS": 1,
            "bylines-INITIAL_FORMS": 0,
            "bylines-0-author": author.pk,
            "bylines-0-role": role,
            "bylines-0-position": 0,
        }
    )
    return data


def test_a_reporter_stays_on_the_byline_unless_they_remove_themselves(client):
    user = reporter()
    author = Author.objects.create(name="Maya Brooks", slug="maya-brooks", user=user)
    logged_in(client, user)

    client.post(ADD, with_own_byline(form_data(headline="Kept", slug="kept"), author))
    cleared = with_own_byline(form_data(headline="Cleared", slug="cleared"), author)
    cleared["bylines-0-author"] = ""
    client.post(ADD, cleared)
    client.post(ADD, form_data(headline="Removed", slug="removed"))  # the row taken out

    kept, cleared, removed = (Article.objects.get(slug=s) for s in ("kept", "cleared", "removed"))
    assert [(b.author, b.role) for b in kept.bylines.all()] == [(author, Role.BY)]
    assert not cleared.bylines.exists()
    assert not removed.bylines.exists()


def test_a_desk_user_without_an_author_is_offered_no_byline(client):
    logged_in(client, reporter())

    formset = client.get(ADD).context["inline_admin_formsets"][0].formset

    assert formset.forms == []


def test_a_byline_posted_without_a_role_is_a_plain_by(client):
    author = AuthorFactory()
    logged_in(client, reporter())
    data = with_own_byline(form_data(headline="No role", slug="no-role"), author)
    del data["bylines-0-role"]

    client.post(ADD, data)

    assert Byline.objects.get(article__slug="no-role").role == Role.BY
