"""What the background workers did and are doing: one row per task run, and desk imports.

`BackgroundJob` rows are written from the Tasks API's own signals (enqueued, started, finished),
so the desk lists the same history whichever backend runs the queue (the database or RQ).
"""

from django.conf import settings
from django.db import models


class BackgroundJobQuerySet(models.QuerySet):
    def stalled(self, *, before):
        """Runs that started before `before` and never finished: their worker died under them."""
        return self.filter(state=BackgroundJob.State.RUNNING, started_at__lt=before)


class BackgroundJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        ABANDONED = "abandoned", "Worker stopped; run again"

    task_id = models.CharField(max_length=64, unique=True, help_text="The queue's own id.")
    name = models.CharField(max_length=200, help_text="The task, as a Python path.")
    arguments = models.JSONField(default=dict, blank=True)
    backend = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempt = models.PositiveSmallIntegerField(default=1)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    run_after = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the run failed: the error and traceback.")

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        ordering = ["-enqueued_at", "-pk"]
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self):
        return f"{self.short_name} ({self.get_state_display().lower()})"

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1].replace("_", " ")

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class ImportRunQuerySet(models.QuerySet):
    def abandoned_previews(self, *, before):
        """Previews never confirmed nor cancelled, ready (or, stuck, started) before `before`."""
        return self.filter(confirmed_at=None).filter(
            models.Q(finished_at__lt=before) | models.Q(finished_at=None, created_at__lt=before)
        )


class ImportRun(models.Model):
    """A desk import: previewed by a worker (a dry run), then, once the editor confirms, waiting
    for or running in a worker.

    The uploaded files wait in the media storage under `folder` (never on one app server's disk)
    and the preview's report in `preview`, so any server can show the preview and the progress
    and take the confirmation, and any worker can run it.
    """

    class State(models.TextChoices):
        PREVIEWING = "previewing", "Previewing"
        PREVIEWED = "previewed", "Preview ready"
        WAITING = "waiting", "Waiting for a worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    folder = models.CharField(max_length=200, help_text="Where the files wait in the storage.")
    options = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREVIEWING)
    files_total = models.PositiveIntegerField(default=0)
    files_read = models.PositiveIntegerField(default=0)
    items_done = models.PositiveIntegerField(default=0)
    batches_total = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="How many batches of stories the files were split into, each a task of its "
        "own; empty while the files are being read.",
    )  # fmt: skip
    reports = models.JSONField(
        default=dict, blank=True,
        help_text="What reading the files (\"read\") and each batch (by number) did, merged "
        "into the report once all are in.",
    )  # fmt: skip
    photo_ids = models.JSONField(
        default=list, blank=True, help_text="The photos whose images are fetched after the import."
    )
    report_html = models.TextField(
        blank=True, help_text="The import's report, as the desk shows it."
    )
    preview = models.JSONField(
        default=dict, blank=True,
        help_text="What the import would do (the dry run's report), until it is confirmed.",
    )  # fmt: skip
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty while the run is a preview."
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text="When the preview was ready, then when the import ended."
    )

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.pk} ({self.get_state_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def is_preview(self) -> bool:
        return self.confirmed_at is None


class SweepMark(models.Model):
    """How far the periodic sweep has looked: the stories whose visibility changed up to
    `swept_until` have had their go-live or take-down work done. One row."""

    swept_until = models.DateTimeField()

    def __str__(self):
        return f"Swept until {self.swept_until:%Y-%m-%d %H:%M:%S}"
