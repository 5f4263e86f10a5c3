"""Running work in the background: the task decorator, enqueueing with the transaction, and the
record of every run that the desk lists.

Tasks are written once against Django's Tasks API (the `django_tasks` backport); which queue
runs them is the `TASKS_BACKEND` setting. Every task here is safe to run twice: a worker killed
mid-task leaves each write either done or not done, and the task is run again, by its retry or
by the sweep that finds runs whose worker died (`rerun_stalled`).
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks_db import DatabaseBackend

from articles.models import BackgroundJob

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10  # the first retry's wait; each further one waits twice as long
ERROR_LINES = 40  # of a traceback, kept on the job


def background_task(*, retry_on: tuple[type[BaseException], ...] = (), attempts: int = 1):
    """Make `func` a task; a run that raises one of `retry_on` is enqueued again after a wait
    that doubles each time (10 s, 20 s, 40 s…), up to `attempts` runs in all.

    The failed run is still recorded as failed, with its error. The task takes an extra keyword
    argument, `attempt`, that the retries count with.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except retry_on:
                if attempt < attempts:
                    delay = timedelta(seconds=RETRY_SECONDS * 2 ** (attempt - 1))
                    enqueue(the_task, *args, attempt=attempt + 1, run_after=delay, **kwargs)
                raise

        the_task = task(run)
        return the_task

    return decorate


def enqueue(the_task, *args, run_after: timedelta | None = None, **kwargs):
    """Queue `the_task(*args, **kwargs)` to run once the current transaction has committed,
    after `run_after` when given.

    On the database backend the queued row is written in the caller's transaction: a change that
    rolls back takes its task with it, and no worker sees the task before the change. Other
    queues are told on commit. The immediate backend (tests) runs the task at once, in the
    transaction, and cannot wait: `run_after` is then ignored. Returns the task's result when
    it was queued at once, None when it waits for the commit.
    """
    backend = the_task.get_backend()
    if run_after is not None and backend.supports_defer:
        the_task = the_task.using(run_after=timezone.now() + run_after)
    if isinstance(backend, DatabaseBackend | ImmediateBackend):
        return the_task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: the_task.enqueue(*args, **kwargs))
    return None


def enqueue_at(the_task, moment, *args, **kwargs) -> None:
    """Queue `the_task` to run at `moment` (a datetime), on backends that can wait; elsewhere
    the periodic sweep does the work when the moment has passed."""
    if not the_task.get_backend().supports_defer:
        return
    delay = max(moment - timezone.now(), timedelta(0))
    return enqueue(the_task, *args, run_after=delay, **kwargs)


def rerun_stalled(*, now=None) -> int:
    """Enqueue again each run still marked running long after it started (its worker was killed
    or lost its machine), marking the old run abandoned. Returns how many."""
    now = now or timezone.now()
    before = now - timedelta(seconds=settings.TASKS_STALLED_AFTER_SECONDS)
    count = 0
    for job in BackgroundJob.objects.stalled(before=before):
        with transaction.atomic():
            claimed = BackgroundJob.objects.filter(
                pk=job.pk, state=BackgroundJob.State.RUNNING
            ).update(state=BackgroundJob.State.ABANDONED, finished_at=now)
            if not claimed:
                continue  # another sweep took it
            _forget_running(job.task_id)
            the_task = _task_named(job.name)
            if the_task is None:
                continue
            enqueue(the_task, *job.arguments.get("args", []), **job.arguments.get("kwargs", {}))
            count += 1
    return count


def _forget_running(task_id: str) -> None:
    """Mark the database backend's own row of a dead run failed, so it is not left running."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now()
    )


def _task_named(path: str):
    from django.utils.module_loading import import_string

    try:
        found = import_string(path)
    except ImportError:
        logger.warning("Stalled task %s no longer exists; not run again.", path)
        return None
    return found if hasattr(found, "enqueue") else None


def _record_enqueued(sender, task_result, **kwargs) -> None:
    the_task = task_result.task
    BackgroundJob.objects.update_or_create(
        task_id=str(task_result.id),
        create_defaults={
            "name": the_task.module_path,
            "arguments": {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)},
            "backend": task_result.backend,
            "attempt": task_result.kwargs.get("attempt", 1),
            "enqueued_at": task_result.enqueued_at or timezone.now(),
            "run_after": the_task.run_after,
        },
        defaults={},
    )


def _record_started(sender, task_result, **kwargs) -> None:
    _record(task_result, state=BackgroundJob.State.RUNNING, started_at=timezone.now())


def _record_finished(sender, task_result, **kwargs) -> None:
    failed = task_result.status == "FAILED"
    error = ""
    if failed and task_result.errors:
        last = task_result.errors[-1]
        lines = (last.traceback or "").strip().splitlines()[-ERROR_LINES:]
        error = "\n".join([last.exception_class_path, *lines])
    _record(
        task_result,
        state=BackgroundJob.State.FAILED if failed else BackgroundJob.State.DONE,
        finished_at=timezone.now(),
        error=error,
    )


def _record(task_result, **fields) -> None:
    updated = BackgroundJob.objects.filter(task_id=str(task_result.id)).update(**fields)
    if not updated:  # enqueued before the record existed, or by another backend
        _record_enqueued(None, task_result)
        BackgroundJob.objects.filter(task_id=str(task_result.id)).update(**fields)


def connect_signals() -> None:
    task_enqueued.connect(_record_enqueued, dispatch_uid="newsroom_job_enqueued")
    task_started.connect(_record_started, dispatch_uid="newsroom_job_started")
    task_finished.connect(_record_finished, dispatch_uid="newsroom_job_finished")


def backend_name() -> str:
    """The configured queue, in words for the desk."""
    backend = task_backends["default"]
    return type(backend).__name__.removesuffix("Backend").lower()
