"""Versions of a story: one for each door that saves it, diffs, restores, the working copy of a
live story, stale saves refused, autosave and who has a story open."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from articles.diffs import diff_snapshots, paragraph_diff, word_diff
from articles.importers.base import ParsedArticle, ParsedAuthor
from articles.importers.pipeline import save_items
from articles.models import Article, ArticleVersion
from articles.versions import How, mark_present, others_present, record_version, snapshot_of

from .conftest import REDIS_URL
from .factories import ArticleFactory, AuthorFactory, PhotoFactory, UserFactory, editor, reporter
from .test_admin import change_url, form_data, page_messages, run_action

pytestmark = pytest.mark.django_db

Status = Article.Status
LIVE_DEK = "The board meets again Tuesday."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit(client, article, **changes):
    """Open the story's change form and post it back with `changes`, as the desk does."""
    opened = client.get(change_url(article))
    revision = opened.context["adminform"].form["revision"].value()
    return client.post(change_url(article), form_data(article, revision=revision, **changes))


def url(name, article, *args):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])


# A version from every door ---------------------------------------------------------------------


def test_desk_save_keeps_a_version_with_who_how_and_what_changed():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    user = reporter()
    response = edit(signed_in(user), article, headline="Budget vote delayed")
    assert response.status_code == 302
    version = article.versions.get()
    assert (version.number, version.how, version.created_by, version.is_working) == (
        1, How.DESK, user, False,
    )  # fmt: skip
    assert version.snapshot["headline"] == "Budget vote delayed"
    article.refresh_from_db()
    edit(signed_in(user), article, dek="Now in March.")
    assert article.versions.order_by("-number").first().changed == ["dek"]


def test_import_keeps_a_version_of_each_story_in_its_batch(django_assert_max_num_queries):
    items = [
        ParsedArticle(
            external_id=f"wire-{n}",
            headline=f"Ferry fares rise, part {n}",
            body_html="<p>The ferry will cost more.</p>",
            authors=[ParsedAuthor(name="Gwen Halloran")],
        )
        for n in range(3)
    ]
    save_items(items, source="ninjs")
    versions = ArticleVersion.objects.filter(how=How.IMPORT)
    assert versions.count() == 3
    assert {v.snapshot["bylines"][0]["name"] for v in versions} == {"Gwen Halloran"}
    items[0].headline = "Ferry fares rise again"
    save_items(items[:1], source="ninjs")
    latest = Article.objects.get(external_id="wire-0").versions.order_by("-number").first()
    assert (latest.number, latest.changed) == (2, ["headline"])


def test_bulk_action_keeps_a_version():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    user = editor()
    run_action(signed_in(user), "publish_selected", [article])
    version = article.versions.get()
    assert (version.how, version.created_by, version.snapshot["status"]) == (
        How.BULK, user, Status.PUBLISHED,
    )  # fmt: skip


# Diffs -----------------------------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_and_escapes():
    assert str(word_diff("Selectmen <b> vote", "Selectmen vote today")) == (
        "Selectmen <del>&lt;b&gt;</del> vote <ins>today</ins>"
    )


def test_body_diff_goes_paragraph_by_paragraph():
    old = "<p>One.</p><p>The board met Monday.</p><p>Three.</p>"
    new = "<p>One.</p><p>The board met Tuesday.</p><p>Three.</p><p>Four.</p>"
    rows = [str(row) for row in paragraph_diff(old, new)]
    assert rows == [
        "<p>The board met <del>Monday.</del> <ins>Tuesday.</ins></p>",
        '<p class="version-diff__same">…</p>',
        '<p class="version-diff__added"><ins>Four.</ins></p>',
    ]


def test_snapshot_diff_names_byline_tags_and_photo():
    first, second = AuthorFactory(name="Dana Whitfield"), AuthorFactory(name="Owen Fitch")
    article = ArticleFactory(authors=[first])
    article.topics.add("Budget")
    old = snapshot_of(article)
    article.bylines.all().delete()
    article.bylines.create(author=second)
    article.topics.set(["Schools"])
    article.lead_photo = PhotoFactory(caption="Harbor at dawn")
    article.save()
    new = snapshot_of(article)
    diffs = {d.name: [str(row) for row in d.rows] for d in diff_snapshots(old, new)}
    assert diffs["bylines"] == [
        "Removed: <del>Dana Whitfield</del>",
        "Added: <ins>Owen Fitch</ins>",
    ]
    assert diffs["topics"] == ["Removed: <del>Budget</del>", "Added: <ins>Schools</ins>"]
    assert diffs["lead_photo"][0].startswith("<del>none</del> → <ins>")
    assert "headline" not in diffs


def test_history_and_comparison_pages(client):
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    user = editor()
    edit(signed_in(user), article, headline="First headline")
    edit(signed_in(user), article, headline="Second headline")
    client.force_login(user)
    history = client.get(url("history", article)).content.decode()
    assert "Restore" in history and url("compare", article) in history
    diff = client.get(url("compare", article) + "?a=1&b=2").content.decode()
    assert "<del>First</del> <ins>Second</ins> headline" in diff


# Restore ---------------------------------------------------------------------------------------


def test_restore_brings_a_draft_back_and_is_itself_a_version():
    author = AuthorFactory()
    article = ArticleFactory(status=Status.DRAFT, published_at=None, authors=[author])
    user = reporter()
    edit(signed_in(user), article, headline="Old headline")
    article.bylines.all().delete()
    edit(signed_in(user), article, headline="New headline")
    response = signed_in(user).post(url("restore", article, 1))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Old headline"
    assert article.byline_authors() == [author]
    latest = article.versions.order_by("-number").first()
    assert (latest.number, latest.how, latest.note) == (3, How.RESTORE, "Restored version 1.")


def test_restoring_a_live_story_makes_working_changes_and_needs_post_and_permission():
    article = ArticleFactory()
    user = editor()
    record_version(article, by=user, how=How.DESK)
    article.headline = "Live headline"
    article.save()
    record_version(article, by=user, how=How.DESK)
    assert signed_in(user).get(url("restore", article, 1)).status_code == 405
    assert signed_in(UserFactory()).post(url("restore", article, 1)).status_code == 403
    signed_in(reporter()).post(url("restore", article, 1))
    article.refresh_from_db()
    assert article.headline == "Live headline"
    assert article.versions.order_by("-number").first().is_working


# The working version of a live story -----------------------------------------------------------


def public_texts(client, article) -> dict[str, str]:
    """What readers get on the story's page, the home page, the feed and the API."""
    return {
        "page": client.get(article.get_absolute_url()).content.decode(),
        "list": client.get("/").content.decode(),
        "feed": client.get("/feed/rss/").content.decode(),
        "api": client.get(f"/api/articles/{article.slug}.ninjs.json").content.decode(),
    }


def test_working_changes_stay_off_the_site_until_an_editor_publishes_them(client):
    article = ArticleFactory(headline="Selectmen adopt budget")
    response = edit(signed_in(reporter()), article, headline="Selectmen reject budget")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Selectmen adopt budget"
    for where, text in public_texts(client, article).items():
        assert "Selectmen adopt budget" in text, where
        assert "reject" not in text, where

    user = editor()
    page = signed_in(user).get(change_url(article)).content.decode()
    assert "You are editing unpublished changes to a live story" in page
    assert 'value="Selectmen reject budget"' in page
    response = signed_in(user).post(url("publish_changes", article), follow=True)
    assert "Published the changes" in " ".join(page_messages(response))
    for where, text in public_texts(client, article).items():
        assert "Selectmen reject budget" in text, where
    assert not article.versions.order_by("-number").first().is_working


def test_working_byline_and_tags_open_in_the_form_and_publish():
    live_author, new_author = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[live_author])
    client = signed_in(editor())
    data = form_data(article, new_topics="Harbor")
    data.update({"bylines-0-author": new_author.pk})
    opened = client.get(change_url(article))
    data["revision"] = opened.context["adminform"].form["revision"].value()
    client.post(change_url(article), data)
    assert article.byline_authors() == [live_author]
    assert list(article.topics.names()) == []
    page = client.get(change_url(article))
    [bylines] = [
        f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "bylines"
    ]
    assert [form.initial["author"] for form in bylines.forms] == [new_author.pk]
    assert page.context["adminform"].form.initial["new_topics"] == "Harbor"
    client.post(url("publish_changes", article))
    assert article.byline_authors() == [new_author]
    assert list(article.topics.names()) == ["Harbor"]


def test_reporter_cannot_publish_changes():
    article = ArticleFactory()
    client = signed_in(reporter())
    edit(client, article, dek="A reporter's dek")
    assert client.post(url("publish_changes", article)).status_code == 403
    response = edit(client, article, dek="Another dek", _publish="Save and publish")
    assert response.status_code == 200
    assert "Only editors may publish" in response.content.decode()
    article.refresh_from_db()
    assert article.dek == LIVE_DEK


def test_editor_saves_and_publishes_in_one_step():
    article = ArticleFactory()
    response = edit(signed_in(editor()), article, dek="Corrected at once", _publish="Save")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == "Corrected at once"
    assert not article.versions.get().is_working


# Stale saves -----------------------------------------------------------------------------------


def test_second_of_two_editors_is_refused_and_nothing_is_overwritten():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    first, second = signed_in(editor(first_name="Dana")), signed_in(reporter())
    revision = second.get(change_url(article)).context["adminform"].form["revision"].value()
    assert edit(first, article, headline="Dana's headline").status_code == 302

    data = form_data(article, headline="Sam's headline", dek="Sam's dek", revision=revision)
    response = second.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "saved this story at" in page and "nothing was overwritten" in page
    assert 'value="Sam&#x27;s headline"' in page  # their text stays in the form
    assert "<ins>Dana&#x27;s headline</ins>" in page  # the other person's change is shown
    article.refresh_from_db()
    assert article.headline == "Dana's headline"
    assert article.versions.count() == 1

    # Re-saved at the revision the refusal put in the form, Sam's choice goes through.
    data["revision"] = response.context["adminform"].form["revision"].value()
    assert second.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Sam's headline", "Sam's dek")


# Autosave and presence -------------------------------------------------------------------------


def autosave(client, article, revision, **changes):
    return client.post(url("autosave", article), form_data(article, revision=revision, **changes))


def test_autosave_keeps_a_working_version_and_never_touches_the_live_story():
    article = ArticleFactory()
    user = reporter()
    client = signed_in(user)
    answer = autosave(client, article, 0, headline="Autosaved headline").json()
    assert answer["saved"] and answer["revision"] == 1 and answer["saved_at"]
    again = autosave(client, article, 1, headline="Autosaved headline, longer").json()
    assert again["revision"] == 2
    article.refresh_from_db()
    assert article.headline.startswith("Selectmen weigh budget")
    [version] = article.versions.all()  # one person's run of autosaves is one version
    assert (version.how, version.is_working, version.number) == (How.AUTOSAVE, True, 2)
    unchanged = autosave(client, article, 2, headline="Autosaved headline, longer").json()
    assert unchanged["saved"] is False
    page = client.get(change_url(article)).content.decode()
    assert "Saved at" in page and "Autosaved headline, longer" in page


def test_autosave_refuses_others_and_stale_forms():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    assert autosave(signed_in(UserFactory()), article, 0).status_code == 403
    assert autosave(Client(), article, 0).status_code == 302  # to the sign-in page
    assert signed_in(editor()).get(url("autosave", article)).status_code == 405
    edit(signed_in(editor()), article, headline="Saved first")
    response = autosave(signed_in(reporter()), article, 0, headline="Stale")
    assert response.status_code == 409
    article.refresh_from_db()
    assert article.headline == "Saved first"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def desk_cache(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cache.RedisCache",
                "LOCATION": REDIS_URL,
            }
        }
    caches["default"].clear()
    yield
    caches["default"].clear()


def test_edit_page_says_who_else_has_the_story_open(desk_cache):
    article = ArticleFactory()
    dana, sam = editor(first_name="Dana", last_name="Whitfield"), reporter()
    signed_in(dana).get(change_url(article))
    page = signed_in(sam).get(change_url(article)).content.decode()
    assert "Also open by Dana Whitfield." in page
    assert others_present(article.pk, dana) == [sam.username]
    answer = autosave(signed_in(dana), article, 0).json()
    assert answer["present"] == [sam.username]
    mark_present(article.pk, dana)
    assert others_present(article.pk, sam) == ["Dana Whitfield"]


def test_a_plain_save_of_a_live_story_loses_no_field():
    article = ArticleFactory(headline="Selectmen adopt budget", provider="")
    live_slug = article.slug
    user = editor()
    share_photo = PhotoFactory()
    client = signed_in(user)
    response = edit(
        client, article,
        share_headline="Budget adopted", share_description="What it pays for.",
        share_image=share_photo.pk, slug="selectmen-adopt-the-budget",
        assignee=user.pk, provider="Harbor Wire",
    )  # fmt: skip
    assert response.status_code == 302

    # What readers and links see waits for the changes to be published ...
    article.refresh_from_db()
    assert (article.share_headline, article.share_image, article.slug) == ("", None, live_slug)
    # ... what only the desk reads is saved at once.
    assert (article.assignee, article.provider) == (user, "Harbor Wire")
    form = client.get(change_url(article)).context["adminform"].form
    assert form["share_headline"].value() == "Budget adopted"
    assert form["share_image"].value() == share_photo.pk
    assert form["slug"].value() == "selectmen-adopt-the-budget"

    client.post(url("publish_changes", article))
    article.refresh_from_db()
    assert (article.share_headline, article.share_description) == (
        "Budget adopted",
        "What it pays for.",
    )
    assert (article.share_image, article.slug) == (share_photo, "selectmen-adopt-the-budget")
    assert "Budget adopted" in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
def test_restoring_a_version_older_than_the_sharing_fields_keeps_them(status):
    article = ArticleFactory(status=status, share_headline="Kept")
    old = record_version(article, by=editor(), how=How.DESK)
    for name in ("slug", "share_headline", "share_description", "share_image"):
        old.snapshot.pop(name)
    old.save()
    article.headline = "Changed since"
    article.save()

    client = signed_in(editor())
    client.post(url("restore", article, old.number))
    if status == Status.PUBLISHED:
        client.post(url("publish_changes", article))

    article.refresh_from_db()
    assert (article.headline, article.share_headline) == (old.snapshot["headline"], "Kept")
