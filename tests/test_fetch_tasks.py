"""Fetching an imported image is a task of its own: the story is imported at once, the photo gets
its file when the fetch is done, a server that cannot answer now is asked again later, and why a
fetch failed is kept on the photo and in the record of the run.

The images come from a real HTTP server on 127.0.0.1; no test reaches any other machine.
"""

import http.server
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.importers.base import ParsedArticle, ParsedPhoto
from articles.importers.pipeline import save_item
from articles.models import Article, BackgroundJob, ImportRun, Photo
from articles.tasks import import_batch, preview_import, run_import
from tests.conftest import DATABASE_TASKS
from tests.factories import editor
from tests.photo_files import image_bytes

pytestmark = pytest.mark.django_db

JPEG = image_bytes(size=(80, 60), color="seagreen")
FETCH = "articles.tasks.fetch_photo"


class FlakyHandler(http.server.BaseHTTPRequestHandler):
    """/lead.jpg answers 503 `busy` times, then the JPEG; /gone.jpg answers 404."""

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path == "/lead.jpg" and self.server.busy > 0:
            self.server.busy -= 1
            self.send_error(503)
        elif self.path == "/lead.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(JPEG)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True  # the server is on this machine
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyHandler)
    server.requests, server.busy = [], 0
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def story(server, name="lead.jpg", external_id="ferry") -> ParsedArticle:
    return ParsedArticle(
        external_id=external_id,
        headline="Ferry fares rise in March",
        body_html="<p>Fares rise by a dollar.</p>",
        lead_photo=ParsedPhoto(source_url=f"{server.url}/{name}", alt_text="The ferry"),
    )


def fetches(state: str) -> list[BackgroundJob]:
    return list(BackgroundJob.objects.filter(name=FETCH, state=state).order_by("attempt"))


def test_a_busy_server_is_asked_again_until_it_answers(server):
    server.busy = 2
    warnings = []

    article, _ = save_item(story(server), source="test", fetch_images=True, warnings=warnings)

    photo = article.lead_photo
    photo.refresh_from_db()
    assert photo.has_file and photo.fetch_problem == "" and warnings == []
    assert server.requests == ["/lead.jpg"] * 3
    failed, done = fetches(BackgroundJob.State.FAILED), fetches(BackgroundJob.State.DONE)
    assert [job.attempt for job in failed] == [1, 2] and [job.attempt for job in done] == [3]
    assert "the server answered 503" in failed[0].error


def test_a_server_that_stays_busy_is_given_up_on_with_the_reason(server):
    server.busy = 100

    article, _ = save_item(story(server), source="test", fetch_images=True, warnings=[])

    photo = article.lead_photo
    photo.refresh_from_db()
    assert not photo.has_file and "the server answered 503" in photo.fetch_problem
    assert len(server.requests) == 4  # the task's attempts
    assert Photo.objects.not_fetched().get() == photo


def test_an_image_that_is_not_there_is_not_asked_for_again(server):
    warnings = []

    article, _ = save_item(
        story(server, "gone.jpg"), source="test", fetch_images=True, warnings=warnings
    )

    assert server.requests == ["/gone.jpg"]
    assert "the server answered 404" in article.lead_photo.fetch_problem
    assert warnings == [f"photo “{article.lead_photo}” has no image file: "
                        f"the server answered 404 for {server.url}/gone.jpg"]  # fmt: skip
    [job] = fetches(BackgroundJob.State.FAILED)
    assert "FetchError" in job.error


@pytest.mark.django_db(transaction=True)  # the worker closes a connection left in a transaction
def test_on_a_queue_the_story_is_imported_at_once_and_the_photo_follows(server, settings):
    settings.TASKS = DATABASE_TASKS
    warnings = []

    article, _ = save_item(story(server), source="test", fetch_images=True, warnings=warnings)

    assert server.requests == [] and warnings == []
    assert Article.objects.filter(pk=article.pk).exists()
    assert Photo.objects.being_fetched().get() == article.lead_photo

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    article.lead_photo.refresh_from_db()
    assert article.lead_photo.has_file and not Photo.objects.being_fetched().exists()


@pytest.mark.django_db(transaction=True)  # the worker closes a connection left in a transaction
def test_the_desk_import_says_which_images_are_being_fetched_and_which_failed(
    client, server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    body = (
        f'<p>Fares rise.</p><figure><img src="{server.url}/lead.jpg" alt="The ferry">'
        "<figcaption>The ferry at the dock.</figcaption></figure>"
        f'<p><img src="{server.url}/gone.jpg" alt="The dock"></p>'
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
        "<item><title>Ferry fares rise in March</title><guid>ferry-1</guid>"
        f"<link>{server.url}/ferry</link><description><![CDATA[{body}]]></description>"
        "</item></channel></rss>"
    )
    client.force_login(editor())
    uploaded = client.post(
        reverse("admin:articles_import"),
        {"format": "auto", "status": "draft", "rehost_images": "on",
         "files": [SimpleUploadedFile("feed.xml", feed.encode())]},
    )  # fmt: skip
    run = ImportRun.objects.get()
    preview_import.call(run.pk)  # a worker's work, one task at a time
    preview = client.get(uploaded["Location"])
    assert server.requests == []  # the preview fetches nothing
    confirmed = client.post(
        reverse("admin:articles_import_confirm"), {"token": preview.context["token"]}
    )

    run_import.call(run.pk)
    import_batch.call(run.pk, 1)

    run.refresh_from_db()
    article = Article.objects.get()
    assert run.state == ImportRun.State.DONE and len(run.photo_ids) == 2
    # Placed in the body at once, showing the old site's image until the newsroom has its own.
    assert article.body.count("<figure data-photo=") == 2
    page = client.get(confirmed["Location"]).content.decode()
    assert "2 images went to be fetched in the background" in page
    assert "Still being fetched: 2 images" in page

    with django_capture_on_commit_callbacks(execute=True):  # the stories are rendered again
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    article.refresh_from_db()
    page = client.get(confirmed["Location"]).content.decode()
    assert "Still being fetched" not in page and 'http-equiv="refresh"' not in page
    assert "Could not be fetched (1)" in page and "the server answered 404" in page
    assert Photo.objects.with_file().get().renditions.exists()
    assert "<picture" in article.body_html and f"{server.url}/gone.jpg" in article.body_html
