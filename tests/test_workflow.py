"""Review and publishing through one path: moves, permissions per role, notes, the audit log and
each role's "needs my attention" lists, through the services and through real HTTP posts."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.admin.workflow import attention
from articles.models import Article, ArticleEvent, ArticleNote
from articles.services import (
    check_move,
    move_article,
    publish_article,
    record_event,
    send_back,
    submit_for_review,
    unpublish_article,
)
from articles.versions import working_version

from .factories import ArticleFactory, AuthorFactory, editor, reporter
from .test_admin import change_url, form_data, logged_in, page_messages, run_action

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleEvent.Action
EVENTS = reverse("admin:articles_articleevent_changelist")


def actions(article) -> list[tuple[str, str]]:
    """The story's audit log, oldest first, as (action, username)."""
    return [
        (event.action, event.by.username if event.by else "")
        for event in article.events.order_by("at", "pk")
    ]


@pytest.fixture
def desk():
    return {"reporter": reporter(username="rosa"), "editor": editor(username="miguel")}


# The services -----------------------------------------------------------------------------------


def test_a_story_goes_from_draft_to_review_back_with_a_note_and_out(desk):
    rosa, miguel = desk["reporter"], desk["editor"]
    article = ArticleFactory(status=Status.DRAFT, published_at=None, assignee=rosa)

    submit_for_review(article, by=rosa)
    assert (article.status, article.assignee) == (Status.REVIEW, None)

    send_back(article, by=miguel, note="Needs a second source for the grant figure.")
    article.refresh_from_db()
    assert (article.status, article.assignee) == (Status.DRAFT, rosa)
    assert [note.text for note in article.notes.all()] == [
        "Needs a second source for the grant figure."
    ]

    submit_for_review(article, by=rosa)
    publish_article(article, by=miguel)
    unpublish_article(article, by=miguel, note="Legal asked to hold it.")
    assert article.status == Status.UNPUBLISHED and not Article.objects.published().exists()
    assert actions(article) == [
        ("submitted", "rosa"),
        ("sent_back", "miguel"),
        ("submitted", "rosa"),
        ("published", "miguel"),
        ("unpublished", "miguel"),
    ]
    assert article.events.get(action=Action.UNPUBLISHED).note == "Legal asked to hold it."


def test_sending_back_needs_an_editor_and_a_note(desk):
    article = ArticleFactory(status=Status.REVIEW)
    with pytest.raises(PermissionDenied, match="Only editors may send stories back"):
        send_back(article, by=desk["reporter"], note="Please fix")
    with pytest.raises(ValidationError, match="write a note"):
        send_back(article, by=desk["editor"], note="  ")
    with pytest.raises(ValidationError, match="write a note"):
        move_article(article, to=Status.DRAFT, by=desk["editor"])
    article.refresh_from_db()
    assert article.status == Status.REVIEW and not article.events.exists()


def test_a_reporter_may_withdraw_their_own_submission_without_a_note(desk):
    article = ArticleFactory(status=Status.REVIEW)
    move_article(article, to=Status.DRAFT, by=desk["reporter"])
    assert Article.objects.get().status == Status.DRAFT


@pytest.mark.parametrize(
    ("stored", "to"),
    [
        (Status.DRAFT, Status.PUBLISHED),
        (Status.REVIEW, Status.PUBLISHED),
        (Status.UNPUBLISHED, Status.PUBLISHED),
        (Status.PUBLISHED, Status.DRAFT),
        (Status.PUBLISHED, Status.UNPUBLISHED),
        (Status.PUBLISHED, Status.REVIEW),
    ],
)
def test_only_editors_move_a_story_onto_or_off_the_site(desk, stored, to):
    article = ArticleFactory(status=stored)
    with pytest.raises(PermissionDenied, match="Only editors may"):
        check_move(article, to=to, by=desk["reporter"])
    check_move(article, to=to, by=desk["editor"])


def test_scheduling_and_embargoes_are_logged_as_scheduled(desk):
    later = timezone.now() + timedelta(days=1)
    article = ArticleFactory(status=Status.REVIEW, published_at=None, embargoed_until=later)
    publish_article(article, by=desk["editor"])
    assert actions(article) == [("scheduled", "miguel")]
    assert Article.objects.scheduled().get() == article


def test_record_event_is_what_a_restore_calls(desk):
    article = ArticleFactory()
    event = record_event(article, by=desk["editor"], action="restored", note="version 3")
    assert str(event) == f"miguel restored “{article.headline}”"
    with pytest.raises(ValueError, match="unknown publishing action"):
        record_event(article, by=desk["editor"], action="deleted")


def test_the_log_outlives_the_story(desk):
    article = ArticleFactory(headline="Pulled story")
    unpublish_article(article, by=desk["editor"])
    article.delete()
    event = ArticleEvent.objects.get()
    assert (event.article, event.headline) == (None, "Pulled story")


# Through the desk: form saves and direct posts ------------------------------------------------


def test_a_reporters_post_that_would_publish_saves_nothing(client, desk):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    logged_in(client, desk["reporter"])
    data = form_data(draft, status=Status.PUBLISHED, headline="Changed", desk_note="Go")
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Only editors may publish stories. Nothing was saved." in response.text
    assert Article.objects.get() == draft
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.headline != "Changed"
    assert not ArticleEvent.objects.exists() and not ArticleNote.objects.exists()


def test_a_reporter_submits_through_the_form_with_a_note(client, desk):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    logged_in(client, desk["reporter"])
    data = form_data(draft, status=Status.REVIEW, desk_note="Ready; photo to come.")
    response = client.post(change_url(draft), data, follow=True)
    assert f"“{draft.headline}” is in review." in page_messages(response)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert actions(draft) == [("submitted", "rosa")]
    assert draft.notes.get().text == "Ready; photo to come."


def test_an_editor_sends_back_through_the_form_only_with_a_note(client, desk):
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    submit_event = record_event(article, by=desk["reporter"], action=Action.SUBMITTED)
    logged_in(client, desk["editor"])

    response = client.post(change_url(article), form_data(article, status=Status.DRAFT))
    assert response.status_code == 200 and "write a note for the desk" in response.text
    assert Article.objects.get().status == Status.REVIEW

    data = form_data(article, status=Status.DRAFT, desk_note="Cut to 600 words.")
    client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert (article.status, article.assignee) == (Status.DRAFT, submit_event.by)
    assert actions(article)[-1] == ("sent_back", "miguel")
    page = client.get(change_url(article)).text
    assert "Cut to 600 words." in page and "sent back" in page


def test_a_reporter_cannot_set_an_embargo_or_expiry_on_a_live_story(client, desk):
    live = ArticleFactory()
    logged_in(client, desk["reporter"])
    later = timezone.localtime(timezone.now() + timedelta(days=3))
    data = form_data(live, dek="A corrected dek.")
    day = later.strftime("%Y-%m-%d")
    data |= {"embargoed_until_0": day, "embargoed_until_1": "09:00:00",
             "rights_expire_at_0": day, "rights_expire_at_1": "09:00:00"}  # fmt: skip
    client.post(change_url(live), data, follow=True)
    live.refresh_from_db()
    # The correction waits as the live story's working version, for an editor to publish.
    assert working_version(live).snapshot["dek"] == "A corrected dek."
    assert (live.embargoed_until, live.rights_expire_at) == (None, None)
    assert live.is_public


def test_an_editor_embargoes_a_story_through_the_form(client, desk):
    draft = ArticleFactory(status=Status.REVIEW, published_at=None)
    logged_in(client, desk["editor"])
    later = timezone.localtime(timezone.now() + timedelta(days=3))
    data = form_data(draft, status=Status.PUBLISHED)
    data |= {"embargoed_until_0": later.strftime("%Y-%m-%d"), "embargoed_until_1": "09:00:00"}
    response = client.post(change_url(draft), data, follow=True)
    assert f"“{draft.headline}” is scheduled for" in " ".join(page_messages(response))
    draft.refresh_from_db()
    assert draft.state == "scheduled" and not Article.objects.published().exists()
    assert actions(draft) == [("scheduled", "miguel")]


def test_bulk_actions_write_the_log_with_who_did_it(client, desk):
    drafts = ArticleFactory.create_batch(2, status=Status.DRAFT, published_at=None)
    logged_in(client, desk["editor"])
    run_action(client, "publish_selected", drafts)
    run_action(client, "unpublish_selected", drafts)
    for draft in drafts:
        assert actions(draft) == [("published", "miguel"), ("unpublished", "miguel")]


def test_a_reporters_bulk_publish_writes_nothing(client, desk):
    drafts = ArticleFactory.create_batch(2, status=Status.DRAFT, published_at=None)
    logged_in(client, desk["reporter"])
    run_action(client, "publish_selected", drafts)
    assert not ArticleEvent.objects.exists() and not Article.objects.published().exists()


def test_notes_stay_on_the_desk(client, desk):
    article = ArticleFactory()
    logged_in(client, desk["reporter"])
    client.post(change_url(article), form_data(article, desk_note="Source asked for anonymity."))
    assert article.notes.get().text == "Source asked for anonymity."
    client.logout()
    assert "Source asked for anonymity." not in client.get(article.get_absolute_url()).text


# The site-wide log and the attention lists ----------------------------------------------------


def test_the_site_wide_log_lists_every_move_and_cannot_be_edited(client, desk):
    article = ArticleFactory(headline="Ferry fares rise in March")
    unpublish_article(article, by=desk["editor"], note="Fare table wrong")
    for user in desk.values():
        logged_in(client, user)
        page = client.get(EVENTS)
        assert page.status_code == 200
        assert "Ferry fares rise in March" in page.text and "Fare table wrong" in page.text
    add = client.post(reverse("admin:articles_articleevent_add"), {"action": "published"})
    assert add.status_code == 403
    event = ArticleEvent.objects.get()
    delete = client.post(reverse("admin:articles_articleevent_delete", args=[event.pk]))
    assert delete.status_code == 403 and ArticleEvent.objects.count() == 1


def titles(lists) -> dict[str, list[str]]:
    return {title: [story.headline for story in stories] for title, stories in lists}


def test_a_reporters_attention_list_has_what_was_sent_back_and_their_drafts(desk):
    rosa = desk["reporter"]
    author = AuthorFactory(name="Rosa Delgado", user=rosa)
    mine = ArticleFactory(headline="My draft", status=Status.DRAFT, authors=[author])
    returned = ArticleFactory(headline="Returned", status=Status.REVIEW, authors=[author])
    record_event(returned, by=rosa, action=Action.SUBMITTED)
    send_back(returned, by=desk["editor"], note="Check the spelling of the mayor's name.")
    ArticleFactory(headline="Someone else's draft", status=Status.DRAFT)

    lists = titles(attention(rosa))
    assert lists["Sent back to you"] == ["Returned"]
    assert lists["Your drafts"] == [mine.headline]
    assert "In review" not in lists


def test_an_editors_attention_list_has_review_going_live_and_embargoes(desk):
    now = timezone.now()
    ArticleFactory(headline="Waiting for review", status=Status.REVIEW)
    ArticleFactory(headline="Out tonight", published_at=now + timedelta(hours=5))
    ArticleFactory(headline="Out next week", published_at=now + timedelta(days=7))
    ArticleFactory(headline="Wire embargo", status=Status.REVIEW,
                   embargoed_until=now + timedelta(hours=2))  # fmt: skip

    lists = titles(attention(desk["editor"]))
    assert lists["In review"] == ["Waiting for review", "Wire embargo"]
    assert lists["Going live within a day"] == ["Out tonight"]
    assert lists["Embargo lifting within a day"] == ["Wire embargo"]
    assert "Your drafts" not in lists


def test_the_admin_index_shows_the_attention_lists(client, desk):
    ArticleFactory(headline="Waiting for review", status=Status.REVIEW)
    logged_in(client, desk["editor"])
    page = client.get(reverse("admin:index")).text
    assert "Needs your attention" in page and "Waiting for review" in page


def test_a_move_saves_the_rest_of_the_edit_with_it(client, desk):
    article = ArticleFactory(status=Status.REVIEW, published_at=None)
    logged_in(client, desk["reporter"])
    data = form_data(article, status=Status.DRAFT, headline="Withdrawn to fix the figures")
    client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.DRAFT, "Withdrawn to fix the figures")
