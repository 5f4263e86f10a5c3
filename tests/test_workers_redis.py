"""A real RQ worker on Redis runs the same tasks: renditions, and a story's go-live at its
scheduled time (RQ's scheduler, in the worker). One worker for the module."""

from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from articles.models import Article, BackgroundJob
from tests.conftest import REDIS_URL
from tests.factories import ArticleFactory
from tests.test_workers import big_photo, ready
from tests.workers import environment, require_postgresql, start_worker, stop, wait_for

pytestmark = [
    pytest.mark.workers,
    pytest.mark.usefixtures("worker_media_root"),  # the worker reads and writes it too
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}


@pytest.fixture(scope="module")
def rq_worker(django_db_setup, django_db_blocker, shared_media):
    with django_db_blocker.unblock():
        require_postgresql()
        redis.Redis.from_url(REDIS_URL).flushdb()
        process = start_worker(environment(shared_media, TASKS_BACKEND="rq", REDIS_URL=REDIS_URL))
    yield process
    stop(process)


def test_an_uploaded_photo_gets_its_renditions_from_an_rq_worker(rq_worker, worker_media_root):
    photo = big_photo("rq.jpg")

    wait_for(lambda: ready(photo), what="the renditions")
    # The worker records the run as done just after its last write.
    wait_for(
        lambda: BackgroundJob.objects.filter(
            name="articles.tasks.make_renditions", state=BackgroundJob.State.DONE
        ).exists(),
        what="the record of the run",
    )


def test_a_scheduled_story_goes_live_on_time_through_rq(rq_worker):
    moment = timezone.now() + timedelta(seconds=2)
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=moment)

    # RQ's scheduler counts whole seconds, so a run may start up to a second early; such a
    # run puts the task back for the moment itself and does nothing.
    runs = BackgroundJob.objects.filter(name="articles.tasks.change_visibility")
    wait_for(
        lambda: runs.filter(state=BackgroundJob.State.DONE, started_at__gte=moment).exists(),
        what="the go-live task at its time",
    )
    early = runs.filter(started_at__lt=moment)
    assert early.count() <= 1
    assert all(run.started_at >= moment - timedelta(seconds=1) for run in early)
