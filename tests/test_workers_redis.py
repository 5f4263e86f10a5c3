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

pytestmark = [pytest.mark.workers, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory):
    return tmp_path_factory.mktemp("shared-media")


@pytest.fixture
def media_root(settings, shared_media):
    settings.MEDIA_ROOT = shared_media
    return shared_media


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


def test_an_uploaded_photo_gets_its_renditions_from_an_rq_worker(rq_worker, media_root):
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

    job = wait_for(
        lambda: BackgroundJob.objects.filter(
            name="articles.tasks.change_visibility", state=BackgroundJob.State.DONE
        ).first(),
        what="the go-live task",
    )
    assert job.started_at >= moment
