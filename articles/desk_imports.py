"""Desk imports in the workers: the uploaded files wait in the media storage, and one task
previews them (a dry run, its report kept on the run for whichever app server shows it). Once
confirmed, one task reads them and splits their stories into batches, and each batch is a task of
its own, so several workers share a large import. The last batch in merges the reports into the
one the desk shows.

Each batch's stories wait in the storage beside the upload (`batches/<number>.json`) as the
parsers gave them, so no worker reads a file twice. Running any of these tasks again is safe:
stories are keyed on their source ids, and a batch whose report is in is not imported again.
"""

import contextlib
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from articles.importers import FORMAT_NAMES
from articles.importers.base import article_from_data, article_to_data
from articles.importers.pipeline import (
    MAX_LISTED_ITEMS,
    ImportReport,
    import_stories,
    read_stories,
)
from articles.models import ImportRun

STORAGE_ROOT = "imports"
BATCHES = "batches"
STORIES_PER_BATCH = 500  # small enough for two workers to share an export of a few thousand
PROGRESS_EVERY_SECONDS = 1.0  # how often a running batch writes its progress
READ = "read"  # the report of reading the files, among the run's reports


def preview_run(run: ImportRun) -> None:
    """Find out what importing `run`'s stored files would do, writing nothing, and keep the
    report on the run, which is then ready to confirm. Nothing when the run is no longer a
    preview waiting for its report (cancelled or cleaned up meanwhile).

    The stories are tried in the import's batches, each in a transaction rolled back, so the
    preview counts what the batches will do and the progress can be written between them.
    """
    ImportRun.objects.filter(pk=run.pk).update(files_read=0, items_done=0)
    report = ImportReport(dry_run=True)
    options = run.options
    with local_copy(run.folder) as local:
        stories = read_stories(
            sorted(path for path in local.iterdir() if path.is_file()),
            format=options["format"] if options["format"] in FORMAT_NAMES else "auto",
            report=report,
        )
        try:
            while batch := list(islice(stories, STORIES_PER_BATCH)):
                with transaction.atomic():
                    report.add_report(
                        import_stories(
                            batch, status=options["status"], section=options["section"],
                            by=run.user,
                        )
                    )  # fmt: skip
                    transaction.set_rollback(True)
                ImportRun.objects.filter(pk=run.pk).update(
                    files_read=report.files, items_done=report.processed
                )
        except ValueError as error:  # the section was deleted since the upload
            report = ImportReport(dry_run=True)
            report.add_failure("(options)", "section", str(error))
        _strip_folder(report, local)
    ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.PREVIEWING).update(
        state=ImportRun.State.PREVIEWED, preview=report.to_data(), files_read=report.files,
        items_done=report.processed, finished_at=timezone.now(),
    )  # fmt: skip


def read_run(run: ImportRun, *, queue) -> None:
    """Read `run`'s stored files, store their stories in batches and hand each batch's number to
    `queue` (which queues its task); the run is finished here when the batches are all in
    already (or there are none)."""
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING)
    report = ImportReport()
    options = run.options
    number = 0
    with local_copy(run.folder) as local:
        stories = read_stories(
            sorted(path for path in local.iterdir() if path.is_file()),
            format=options["format"] if options["format"] in FORMAT_NAMES else "auto",
            report=report,
        )
        while batch := list(islice(stories, STORIES_PER_BATCH)):
            number += 1
            data = [
                {"item": article_to_data(parsed), "number": item_number,
                 "file": str(path.relative_to(local)), "format": source}
                for parsed, item_number, path, source in batch
            ]  # fmt: skip
            name = _batch_name(run.folder, number)
            default_storage.delete(name)  # left by an earlier attempt at this run
            default_storage.save(name, ContentFile(json.dumps(data).encode("utf-8")))
            ImportRun.objects.filter(pk=run.pk).update(files_read=report.files)
            queue(number)
        _strip_folder(report, local)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        run.reports[READ] = report.to_data()
        run.batches_total, run.files_read = number, report.files
        run.save(update_fields=["reports", "batches_total", "files_read"])
        finished = _finish_when_complete(run)
    if finished:
        delete_folder(run.folder)


def import_batch(run: ImportRun, number: int) -> None:
    """Import batch `number` of `run` and record its report; the last batch in finishes the run.
    Nothing when that batch's report is in already."""
    if run.is_finished or str(number) in run.reports:
        return
    name = _batch_name(run.folder, number)
    with default_storage.open(name, "rb") as stored:
        entries = [
            (article_from_data(entry["item"]), entry["number"], Path(entry["file"]),
             entry["format"])
            for entry in json.load(stored)
        ]  # fmt: skip
    written = [0, time.monotonic()]  # items counted on the run, when

    def note_progress(report: ImportReport, path) -> None:
        if time.monotonic() - written[1] >= PROGRESS_EVERY_SECONDS:
            _count_done(run, report.processed - written[0])
            written[:] = [report.processed, time.monotonic()]

    options = run.options
    try:
        report = import_stories(
            entries, status=options["status"], section=options["section"],
            section_map=options.get("section_map"),
            fetch_images=bool(options.get("fetch_images")),
            rehost_images=bool(options["rehost_images"]), by=run.user, progress=note_progress,
        )  # fmt: skip
    except ValueError as error:  # the section was deleted between preview and confirmation
        report = ImportReport()
        report.add_failure("(options)", "section", str(error))
    _count_done(run, report.processed - written[0])
    if (number - 1) * STORIES_PER_BATCH >= MAX_LISTED_ITEMS:
        report.items = []  # the report lists the first stories only, which earlier batches hold
    finished = False
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if str(number) not in run.reports:
            run.reports[str(number)] = report.to_data()
            run.save(update_fields=["reports"])
            finished = _finish_when_complete(run)
    default_storage.delete(name)
    if finished:
        delete_folder(run.folder)


def record_failure(run_id: int, error: Exception) -> None:
    """Mark run `run_id` failed with `error`; a preview's files go (nothing is left of it but
    the error the desk shows), an import's stay for the cleanup of abandoned uploads."""
    ImportRun.objects.filter(pk=run_id).update(
        state=ImportRun.State.FAILED,
        error=f"{type(error).__name__}: {error}",
        finished_at=timezone.now(),
    )
    run = ImportRun.objects.filter(pk=run_id, confirmed_at=None).first()
    if run is not None:
        delete_folder(run.folder)


def _finish_when_complete(run: ImportRun) -> bool:
    """Merge the reports and finish `run` (locked by the caller) once every batch is in; True
    then, and the caller deletes the run's files once its transaction has committed."""
    expected = [READ, *(str(number) for number in range(1, (run.batches_total or 0) + 1))]
    if run.batches_total is None or run.is_finished or any(k not in run.reports for k in expected):
        return False
    report = ImportReport.from_data(run.reports[READ])
    for key in expected[1:]:
        report.add_report(ImportReport.from_data(run.reports[key]))
    run.report_html = render_to_string("admin/import_articles_report.html", {"report": report})
    run.files_read, run.items_done = report.files, report.processed
    run.photo_ids = report.fetching
    run.state, run.finished_at, run.reports = ImportRun.State.DONE, timezone.now(), {}
    run.save()
    return True


def _count_done(run: ImportRun, items: int) -> None:
    if items:
        ImportRun.objects.filter(pk=run.pk).update(items_done=F("items_done") + items)


def _strip_folder(report: ImportReport, local: Path) -> None:
    prefix = f"{local}/"
    for entry in [*report.items, *report.failures, *report.empty]:
        entry.file = entry.file.removeprefix(prefix)


def _batch_name(folder: str, number: int) -> str:
    return f"{STORAGE_ROOT}/{folder}/{BATCHES}/{number}.json"


def stored_files(folder: str) -> list[str]:
    """The names of the uploaded files waiting in `folder`."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        return sorted(default_storage.listdir(f"{STORAGE_ROOT}/{folder}")[1])
    return []


@contextlib.contextmanager
def local_copy(folder: str):
    """The stored files of `folder` copied into a temporary folder of this process, for the
    importers, which read files; deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="import-") as local:
        for name in stored_files(folder):
            with (
                default_storage.open(f"{STORAGE_ROOT}/{folder}/{name}", "rb") as stored,
                open(Path(local) / name, "wb") as copy,
            ):
                for chunk in stored.chunks():
                    copy.write(chunk)
        yield Path(local)


def delete_folder(folder: str) -> None:
    """Delete the uploads of `folder` and the batches read from them."""
    batches = f"{STORAGE_ROOT}/{folder}/{BATCHES}"
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for name in default_storage.listdir(batches)[1]:
            default_storage.delete(f"{batches}/{name}")
    for name in stored_files(folder):
        default_storage.delete(f"{STORAGE_ROOT}/{folder}/{name}")
    for empty in (batches, f"{STORAGE_ROOT}/{folder}"):
        with contextlib.suppress(OSError, NotImplementedError):
            default_storage.delete(empty)  # an empty folder on local disk
