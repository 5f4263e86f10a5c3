"""A real worker on the database queue: renditions, desk imports and a scheduled story go
through it, and a worker killed mid-task leaves nothing half-written. One worker for the module.
"""

import signal
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from articles.images import attach_image, renditions_ready
from articles.models import Article, BackgroundJob, ImportRun, Photo, Rendition
from tests.conftest import DATABASE_TASKS
from tests.factories import ArticleFactory, editor
from tests.photo_files import image_bytes, upload
from tests.workers import environment, require_postgresql, start_worker, stop, wait_for

pytestmark = [
    pytest.mark.workers,
    pytest.mark.usefixtures("worker_media_root"),  # the worker reads and writes it too
    pytest.mark.django_db(transaction=True),
]

STORY = "Harbor commission delays boat ramp vote\n\nWESTPORT — The vote moved to March.\n"


@pytest.fixture(autouse=True)
def queue_settles():
    """Let the worker finish what a test started before the test's rows are flushed: a
    worker whose task row is deleted under it cannot record the run, and stops."""
    yield
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    wait_for(
        lambda: not DBTaskResult.objects.ready().exists() and not running.exists(),
        what="the queue to settle",
    )


def purges_of(article):
    """The runs of the task that purges `article`'s pages."""
    return BackgroundJob.objects.filter(
        name="articles.tasks.purge_pages", arguments__args__0__contains=f"article-{article.pk}"
    )


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, shared_media):
    with django_db_blocker.unblock():
        require_postgresql()
        process = start_worker(environment(shared_media, TASKS_BACKEND="database"))
    yield process
    stop(process)


def big_photo(name="harbor.jpg", size=(1600, 1200)) -> Photo:
    noise = Image.effect_noise(size, 60).convert("RGB")
    data = image_bytes("JPEG", image=noise, quality=90)
    return attach_image(Photo(alt_text="Harbor.", credit="Staff"), upload(name, data), name=name)


def ready(photo: Photo) -> bool:
    photo.refresh_from_db()
    return renditions_ready(photo)


def test_a_worker_killed_mid_task_leaves_nothing_half_written(request, worker_media_root):
    """First in the module: its own worker must be the only one when the task is queued."""
    require_postgresql()
    alone = start_worker(environment(worker_media_root, TASKS_BACKEND="database"))
    try:
        photo = big_photo("killed.jpg", size=(4000, 3000))
        wait_for(lambda: photo.renditions.exists(), what="the first renditions")
        alone.send_signal(signal.SIGKILL)
        alone.wait()
    finally:
        stop(alone)

    photo.refresh_from_db()
    assert not renditions_ready(photo)
    for rendition in Rendition.objects.filter(photo=photo):
        with Image.open(worker_media_root / rendition.name) as stored:
            stored.load()  # every rendition with a row is whole

    request.getfixturevalue("worker")  # another worker, whose sweep runs the task again
    wait_for(lambda: ready(photo), what="the renditions after the retry")
    assert BackgroundJob.objects.filter(state=BackgroundJob.State.ABANDONED).exists()
    for rendition in photo.renditions.all():
        with Image.open(worker_media_root / rendition.name) as stored:
            stored.load()


def test_an_uploaded_photo_gets_its_renditions_from_the_worker(worker, worker_media_root):
    photo = big_photo()

    assert not photo.renditions.exists()  # the upload answered without them
    wait_for(lambda: ready(photo), what="the renditions")
    for rendition in photo.renditions.all():
        assert (worker_media_root / rendition.name).is_file()
    # The worker records the run as done just after its last write.
    job = wait_for(
        lambda: BackgroundJob.objects.filter(
            name="articles.tasks.make_renditions",
            arguments__args__0=photo.pk,
            state=BackgroundJob.State.DONE,
        ).first(),
        what="the record of the run",
    )
    assert job.duration is not None


def test_a_scheduled_story_goes_live_on_time_without_cron(worker):
    moment = timezone.now() + timedelta(seconds=2)
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=moment)

    job = wait_for(
        lambda: BackgroundJob.objects.filter(
            name="articles.tasks.change_visibility", state=BackgroundJob.State.DONE
        ).first(),
        what="the go-live task",
    )

    assert job.started_at >= moment
    assert Article.objects.published().filter(pk=article.pk).exists()
    wait_for(lambda: purges_of(article).filter(started_at__gte=moment).exists(),
             what="the purge at go-live")  # fmt: skip


def test_the_sweep_catches_a_moment_whose_task_was_lost(worker):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    moment = timezone.now() + timedelta(seconds=1)
    # Written past the models, as a restore would: no go-live task is queued.
    Article.objects.filter(pk=article.pk).update(published_at=moment)

    wait_for(lambda: purges_of(article).filter(enqueued_at__gte=moment).exists(),
             what="the sweep's purge")  # fmt: skip


def test_a_desk_import_runs_in_the_worker_and_shows_the_report(worker, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor())
    uploaded = client.post(
        reverse("admin:articles_import"),
        {
            "format": "auto",
            "status": "draft",
            "files": [SimpleUploadedFile("s.txt", STORY.encode())],
        },
    )
    wait_for(
        lambda: ImportRun.objects.filter(state=ImportRun.State.PREVIEWED).exists(),
        what="the preview",
    )
    preview = client.get(uploaded["Location"])
    assert "Harbor commission delays boat ramp vote" in preview.content.decode()
    assert not Article.objects.exists()
    confirmed = client.post(
        reverse("admin:articles_import_confirm"), {"token": preview.context["token"]}
    )
    progress_url = confirmed["Location"]

    run = wait_for(
        lambda: ImportRun.objects.filter(state=ImportRun.State.DONE).first(), what="the import"
    )

    assert Article.objects.get().headline == "Harbor commission delays boat ramp vote"
    page = client.get(progress_url).content.decode()
    assert "Harbor commission delays boat ramp vote" in page and "refresh" not in page
    assert run.items_done == 1
