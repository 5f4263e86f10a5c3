"""The admin's "Import articles" page: permission, preview (a dry run in a worker), confirm,
cancel."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles import desk_imports
from articles.admin import imports
from articles.models import Article, Author, BackgroundJob, ImportRun, Section
from articles.tasks import preview_import
from tests.conftest import DATABASE_TASKS
from tests.factories import SectionFactory, UserFactory, editor, reporter

pytestmark = pytest.mark.django_db

STORY = (
    "Harbor commission delays boat ramp vote\n\nBy Maribel Ortega\n\n"
    "Ruth Albers at the harbor commission meeting.\nLena Marsh / Westport Ledger\n\n"
    "WESTPORT — The harbor commission postponed its vote on a new boat ramp Tuesday.\n"
)
EXPORT = Path(__file__).parent / "fixtures" / "wxr" / "newsroom-export.xml"
UPLOAD_URL = reverse("admin:articles_import")
CONFIRM_URL = reverse("admin:articles_import_confirm")


@pytest.fixture
def private_upload_root(media_root):
    """Uploads wait in the media storage, in this test's own media folder."""
    return media_root / imports.STORAGE_ROOT


def stored_uploads(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def upload(client, *files, **fields):
    data = {"format": "auto", "status": "draft", "section": "", **fields}
    data["files"] = [
        SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
        for name, content in files
    ]
    return client.post(UPLOAD_URL, data, follow=True)


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert client.post(CONFIRM_URL, {"token": "x"}).status_code == 302


def test_staff_without_the_add_permission_are_refused(client):
    client.force_login(UserFactory())
    assert client.get(UPLOAD_URL).status_code == 403
    assert upload(client, ("story.txt", STORY)).status_code == 403
    assert not Article.objects.exists()


def test_preview_then_confirm_creates_the_story(client, private_upload_root):
    client.force_login(editor())

    preview = upload(client, ("story.txt", STORY), ("notes.txt", b"\x00\x01binary"))

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Nothing has been saved yet" in page
    assert "Harbor commission delays boat ramp vote" in page
    assert "notes.txt" in page and "not a format the newsroom can import" in page
    assert "the lead photo has no image file yet" in page
    assert not Article.objects.exists() and not Author.objects.exists()
    token = preview.context["token"]

    done = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert done.status_code == 200
    article = Article.objects.get()
    assert article.headline == "Harbor commission delays boat ramp vote"
    assert article.lead_photo.caption == "Ruth Albers at the harbor commission meeting."
    assert reverse("admin:articles_article_change", args=[article.pk]) in done.content.decode()
    assert stored_uploads(private_upload_root) == []  # the uploads are gone
    again = client.post(CONFIRM_URL, {"token": token})
    assert again.status_code == 302 and Article.objects.count() == 1


def test_cancel_forgets_the_upload(client, private_upload_root):
    client.force_login(editor())
    token = upload(client, ("story.txt", STORY)).context["token"]

    response = client.post(CONFIRM_URL, {"token": token, "cancel": "Cancel"})

    assert response.status_code == 302
    assert not Article.objects.exists()
    assert stored_uploads(private_upload_root) == []


def test_tampered_or_foreign_tokens_are_refused(client):
    client.force_login(editor())
    token = upload(client, ("story.txt", STORY)).context["token"]
    data = signing.loads(token, salt=imports.TOKEN_SALT)
    forged = signing.dumps({**data, "folder": "../../etc"}, salt="another salt")

    assert client.post(CONFIRM_URL, {"token": forged}).status_code == 302
    assert client.post(CONFIRM_URL, {"token": token + "x"}).status_code == 302
    client.force_login(editor())  # another editor cannot confirm this upload
    assert client.post(CONFIRM_URL, {"token": token}).status_code == 302
    assert not Article.objects.exists()


def test_a_reporter_imports_drafts_only(client):
    user = reporter()
    client.force_login(user)
    assert user.has_perm("articles.add_article")

    refused = upload(client, ("story.txt", STORY), status="published")
    assert refused.status_code == 200 and "status" in refused.context["form"].errors

    token = upload(client, ("story.txt", STORY), status="draft").context["token"]
    client.post(CONFIRM_URL, {"token": token})
    assert Article.objects.get().status == "draft"


def test_options_previewed_are_the_options_imported(client):
    arts = SectionFactory(name="Arts", slug="arts")
    client.force_login(editor())
    story = STORY.replace(
        "Ruth Albers at the harbor commission meeting.\nLena Marsh / Westport Ledger\n\n", ""
    )
    preview = upload(client, ("story.txt", story), status="published", section="arts")

    client.post(CONFIRM_URL, {"token": preview.context["token"], "status": "draft"})

    article = Article.objects.get()
    assert (article.status, article.section) == ("published", arts)


def test_the_article_list_links_to_the_import_page(client):
    user = UserFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article"]))
    client.force_login(user)
    assert (
        UPLOAD_URL not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )
    client.force_login(editor())
    assert UPLOAD_URL in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_new_stories_are_drafts_unless_the_editor_chooses(client):
    client.force_login(editor())
    form = client.get(UPLOAD_URL).context["form"]
    assert form["status"].initial == "draft"
    assert [value for value, _ in form.fields["status"].choices] == [
        "draft",
        "review",
        "published",
        "keep",
    ]

    preview = upload(client, ("export.xml", EXPORT.read_bytes()))
    client.post(CONFIRM_URL, {"token": preview.context["token"]})

    assert "would be live on the site:</strong> 0" in preview.content.decode()
    assert not Article.objects.published().exists()


def test_keep_publishes_what_the_source_published_and_says_how_many_went_live(client):
    client.force_login(editor())
    preview = upload(client, ("export.xml", EXPORT.read_bytes()), status="keep")
    # One of the source's two live posts has a lead photo without its file: it comes in for review.
    assert "would be live on the site:</strong> 1" in preview.content.decode()

    done = client.post(CONFIRM_URL, {"token": preview.context["token"]}, follow=True)

    assert "live on the site:</strong> 1" in done.content.decode()
    assert Article.objects.published().count() == 1
    assert "in review, not published" in done.content.decode()


def test_a_reporter_is_offered_no_publishing_status_and_the_server_holds_to_it(client):
    user = reporter()
    client.force_login(user)
    choices = client.get(UPLOAD_URL).context["form"].fields["status"].choices
    assert [value for value, _ in choices] == ["draft", "review"]
    assert "status" in upload(client, ("story.txt", STORY), status="keep").context["form"].errors

    # An editor previews as "keep", then loses the right to publish before confirming.
    user = editor()
    client.force_login(user)
    token = upload(client, ("export.xml", EXPORT.read_bytes()), status="keep").context["token"]
    user.groups.clear()
    user.user_permissions.add(*Permission.objects.filter(codename="add_article"))
    client.force_login(user)
    client.post(CONFIRM_URL, {"token": token})

    assert Article.objects.count() == 5 and not Article.objects.published().exists()


def test_the_preview_lists_the_categories_to_put_in_sections(client):
    news = Section.objects.create(name="News", slug="news")
    client.force_login(editor())
    preview = upload(client, ("export.xml", EXPORT.read_bytes()))
    page = preview.content.decode()
    assert "Categories in the files" in page
    sections = preview.context["sections"]
    labels = [field.label for field in sections]
    assert labels == ["Arts & Culture (1 story)", "Local News (1 story)"]

    client.post(CONFIRM_URL, {"token": preview.context["token"], "category_1": "news"})

    ferry = Article.objects.get(external_id="https://ledger.example.org/?p=101")
    assert ferry.section == news and "Local News" not in ferry.topics.names()
    book_sale = Article.objects.get(external_id="https://ledger.example.org/?p=102")
    assert book_sale.section is None and "Arts & Culture" in book_sale.topics.names()


def test_a_section_deleted_before_confirming_shows_the_preview_again(client):
    news = Section.objects.create(name="News", slug="news")
    client.force_login(editor())
    token = upload(client, ("export.xml", EXPORT.read_bytes())).context["token"]
    news.delete()

    again = client.post(CONFIRM_URL, {"token": token, "category_1": "news"})

    assert again.status_code == 200 and again.context["sections"].errors
    assert "Nothing has been saved yet" in again.content.decode()
    assert not Article.objects.exists()


def test_files_with_nothing_to_import_are_named(client):
    client.force_login(editor())
    preview = upload(client, ("blank.txt", "  \n\n"), ("story.txt", STORY))

    page = preview.content.decode()
    assert "<strong>blank.txt</strong>: nothing to import (the file is empty)" in page
    assert preview.context["report"].created == 1


def test_a_story_without_a_headline_is_listed_for_the_desk_and_cannot_go_live(client):
    client.force_login(editor())
    body_only = (Path(__file__).parent / "fixtures" / "text" / "body-only.txt").read_bytes()
    preview = upload(client, ("sidewalks.txt", body_only), ("story.txt", STORY), status="published")
    assert "needs a headline: the text has none" in preview.content.decode()
    client.post(CONFIRM_URL, {"token": preview.context["token"]})

    article = Article.objects.get(headline="Needs a headline: sidewalks.txt")
    assert article.status == "draft" and article.slug == "sidewalks"
    changelist = reverse("admin:articles_article_changelist")
    listed = client.get(changelist, {"headline": "needed"}).context["cl"].result_list
    assert list(listed) == [article]

    response = client.post(
        changelist,
        {"action": "publish_selected", "index": "0", "_selected_action": [article.pk]},
        follow=True,
    )
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "The story needs a headline" in messages
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_large_import_is_shared_out_in_batches_and_reported_as_one(
    client, monkeypatch, private_upload_root
):
    monkeypatch.setattr(desk_imports, "STORIES_PER_BATCH", 1)
    client.force_login(editor())
    whole = upload(client, ("export.xml", EXPORT.read_bytes()), status="keep")
    stories = Article.objects.count()  # nothing: the preview wrote nothing
    summary = re.search(r'<p class="article-import__summary">.*?</p>', whole.content.decode(), re.S)

    done = client.post(CONFIRM_URL, {"token": whole.context["token"]}, follow=True)

    run = ImportRun.objects.get()
    batches = BackgroundJob.objects.filter(name="articles.tasks.import_batch")
    assert stories == 0 and run.batches_total == Article.objects.count() == batches.count() > 1
    assert run.state == ImportRun.State.DONE and run.reports == {}
    # The same counts as the preview's dry run of the whole file, in the report of the batches.
    expected = summary[0].replace("Would be created", "Created").replace("would be ", "")
    assert expected in done.content.decode()
    assert stored_uploads(private_upload_root) == []  # the uploads and the batches are gone


def test_the_upload_answers_at_once_and_the_page_shows_the_preview_when_a_worker_made_it(
    client, settings, private_upload_root, django_assert_max_num_queries
):
    settings.TASKS = DATABASE_TASKS  # queued, not run: no worker here
    client.force_login(editor())

    answered = upload(client, ("story.txt", STORY), ("notes.txt", b"\x00\x01binary"))

    run = ImportRun.objects.get()
    preview_url = reverse("admin:articles_import_preview", args=[run.pk])
    assert answered.redirect_chain == [(preview_url, 302)]
    page = answered.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "Previewing: 0 of 2 files" in page
    assert "token" not in answered.context and len(stored_uploads(private_upload_root)) == 2
    assert BackgroundJob.objects.get().name == "articles.tasks.preview_import"
    assert not Article.objects.exists()

    assert preview_import.call(run.pk) == "previewed"  # a worker's work

    with django_assert_max_num_queries(12):  # from the stored report: no dry run in the request
        ready = client.get(preview_url)
    page = ready.content.decode()
    assert "refresh" not in page and "Nothing has been saved yet" in page
    assert "Harbor commission delays boat ramp vote" in page
    assert "notes.txt" in page and "not a format the newsroom can import" in page
    assert not Article.objects.exists() and not Author.objects.exists()
    # The import's page is the preview's until it is confirmed.
    assert client.get(reverse("admin:articles_import_run", args=[run.pk]))["Location"] == (
        preview_url
    )


def test_a_preview_run_again_changes_nothing(client, settings):
    settings.TASKS = DATABASE_TASKS
    client.force_login(editor())
    upload(client, ("export.xml", EXPORT.read_bytes()))
    run = ImportRun.objects.get()

    desk_imports.preview_run(run)  # a worker that died before recording its end, then the rerun
    preview_import.call(run.pk)
    first = ImportRun.objects.get().preview
    assert preview_import.call(run.pk) == "nothing to do"

    run.refresh_from_db()
    assert run.state == ImportRun.State.PREVIEWED and run.preview == first
    assert first["created"] == 5 and not Article.objects.exists()


def test_a_preview_that_breaks_says_so_and_leaves_nothing(
    client, settings, monkeypatch, private_upload_root
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(editor())
    answered = upload(client, ("export.xml", EXPORT.read_bytes()))
    run = ImportRun.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(desk_imports, "import_stories", broken)
    with pytest.raises(RuntimeError):
        preview_import.call(run.pk)

    page = client.get(answered.redirect_chain[0][0]).content.decode()
    assert "The preview stopped with an error: RuntimeError: the database went away" in page
    assert "refresh" not in page
    assert stored_uploads(private_upload_root) == [] and not Article.objects.exists()


def test_another_editor_sees_no_preview(client):
    client.force_login(editor())
    preview_url = upload(client, ("story.txt", STORY)).redirect_chain[0][0]
    client.force_login(editor())
    assert client.get(preview_url).status_code == 404


def test_previews_abandoned_are_cleaned_up(client, settings, private_upload_root):
    settings.TASKS = DATABASE_TASKS
    client.force_login(editor())
    for name in ("stuck.txt", "ready.txt", "fresh.txt"):
        upload(client, (name, STORY))
    stuck, ready, fresh = ImportRun.objects.order_by("pk")
    preview_import.call(ready.pk)
    long_ago = timezone.now() - timedelta(seconds=imports.TOKEN_MAX_AGE + 1)
    ImportRun.objects.filter(pk=stuck.pk).update(created_at=long_ago)  # its worker never came
    ImportRun.objects.filter(pk=ready.pk).update(finished_at=long_ago)  # never confirmed

    expired = client.get(reverse("admin:articles_import_preview", args=[ready.pk]))
    assert expired.status_code == 302 and expired["Location"] == UPLOAD_URL
    token = signing.dumps({"run": ready.pk, "user": ready.user_id}, salt=imports.TOKEN_SALT)
    assert client.post(CONFIRM_URL, {"token": token})["Location"] == UPLOAD_URL
    client.get(UPLOAD_URL)

    assert list(ImportRun.objects.all()) == [fresh]
    assert [path.name for path in stored_uploads(private_upload_root)] == ["fresh.txt"]


def test_an_upload_without_files_is_refused(client):
    client.force_login(editor())
    response = client.post(UPLOAD_URL, {"format": "auto", "status": "draft", "section": ""})

    assert response.status_code == 200 and response.context["form"].errors["files"]
    assert not ImportRun.objects.exists()


def test_an_empty_file_among_others_is_named_by_the_preview(client):
    client.force_login(editor())
    preview = upload(client, ("empty.xml", b""), ("story.txt", STORY))

    page = preview.content.decode()
    assert "<strong>empty.xml</strong>: nothing to import (the file is empty)" in page
    assert preview.context["report"].created == 1


def test_a_photo_with_no_address_is_not_waited_for(client):
    client.force_login(editor())
    token = upload(client, ("story.txt", STORY), fetch_images="on").context["token"]

    done = client.post(CONFIRM_URL, {"token": token}, follow=True)

    page = done.content.decode()
    assert Article.objects.get().lead_photo.caption.startswith("Ruth Albers")
    assert "the lead photo has no image file yet" in page
    assert "being fetched" not in page and 'http-equiv="refresh"' not in page
