"""`manage.py run_worker`: work the background queue named by TASKS_BACKEND, and sweep.

Beside the queue's own worker (django-tasks-db's `db_worker`, or RQ's `rqworker` with its
scheduler for tasks queued for later), a small loop runs `articles.tasks.sweep` every
TASKS_SWEEP_SECONDS: a story whose publish time passed while no worker ran still gets its
go-live work, and a task whose worker was killed runs again. So nothing waits on a cron job.
"""

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_rq import RQBackend

from articles.tasks import sweep

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run a background worker for the queue TASKS_BACKEND names, with the periodic sweep."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-sweep", action="store_true", help="Leave the sweep to other workers."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help="Seconds between looks at an empty database queue (default 0.5).",
        )

    def handle(self, *args, **options):
        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend | RQBackend):
            raise CommandError(
                f"TASKS_BACKEND={settings.TASKS_BACKEND} runs each task where it is asked for; "
                "there is no queue to work. Use database or rq."
            )
        if not options["no_sweep"]:
            stop = threading.Event()
            threading.Thread(target=_sweep_every, args=(stop,), daemon=True).start()
        if isinstance(backend, DatabaseBackend):
            call_command(
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                str(options["interval"]),
                "--queue-name",
                "*",
                verbosity=options["verbosity"],
            )
        else:
            call_command(
                "rqworker",
                *sorted(backend.queues),
                "--with-scheduler",
                "--job-class",
                "django_tasks_rq.backend.Job",
            )


def _sweep_every(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            sweep.call()
        except Exception:
            logger.exception(
                "The sweep failed; trying again in %s s.", settings.TASKS_SWEEP_SECONDS
            )
        finally:
            close_old_connections()
        stop.wait(settings.TASKS_SWEEP_SECONDS)
