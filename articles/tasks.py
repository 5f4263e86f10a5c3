"""The newsroom's background tasks. Each is safe to run twice and to run after a change it was
queued for has been superseded: it reads what the database holds now and does what is left.

Callers queue them with `articles.background.enqueue`, so a task never runs ahead of the
transaction that asked for it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.background import background_task, enqueue, enqueue_at, rerun_stalled
from articles.importers.fetch import FetchUnavailable
from articles.models import Article, ImportRun, Photo, SweepMark
from articles.models.articles import VISIBILITY_TIMES


@background_task(retry_on=(OSError,), attempts=4)
def make_renditions(photo_id: int, key: str) -> int:
    """Store the renditions of photo `photo_id` for the image and focal point fingerprinted by
    `key` (`renditions_key`); nothing when the photo has since changed or gone (a later task
    has that version). Returns how many files were written."""
    from articles.images.renditions import ensure_renditions, renditions_key

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or not photo.has_file or renditions_key(photo) != key:
        return 0
    return ensure_renditions(photo)


def request_renditions(photo: Photo) -> None:
    """Queue the renditions of `photo` as it now stands (see `make_renditions`)."""
    from articles.images.renditions import renditions_key, renditions_ready

    if photo.pk is not None and photo.has_file and not renditions_ready(photo):
        result = enqueue(make_renditions, photo.pk, renditions_key(photo))
        if result is not None and result.is_finished:  # run already, in this process
            photo.refresh_from_db(fields=["renditions_key", "first_renditions_key"])


@background_task(retry_on=(FetchUnavailable, OSError), attempts=4)
def fetch_photo(photo_id: int, addresses: list[str]) -> bool:
    """Fetch the image of imported photo `photo_id` from the first of `addresses` that answers
    (`fetch.fetch_photo_image`), retried while the server may answer later; nothing when the
    photo has its file already or is gone. Returns whether the photo is there."""
    from articles.importers.fetch import fetch_photo_image

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is not None:
        fetch_photo_image(photo, addresses)
    return photo is not None


def request_photo(photo: Photo, addresses: list[str]) -> str:
    """Queue the fetching of `photo`'s image from `addresses` (see `fetch_photo`). Returns why
    it failed when it was fetched at once and failed, else "": the photo then has its file, or
    is waiting for a worker to fetch it."""
    if photo.has_file:
        return ""
    Photo.objects.filter(pk=photo.pk).update(fetch_problem="")
    result = enqueue(fetch_photo, photo.pk, addresses)
    if result is None or not result.is_finished:
        return ""
    photo.refresh_from_db()  # run already, in this process
    return photo.fetch_problem


@background_task()
def suggest_from_story(article_id: int) -> None:
    """Read a story saved on the desk and offer the quotes, places and topics it holds as
    suggestions (`articles.suggestions`)."""
    from articles.suggestions import suggest_from_text

    suggest_from_text(article_id)


@background_task(retry_on=(OSError,), attempts=3)
def update_search_entries(article_ids: list[int]) -> None:
    from articles.search_index import update_search_index

    update_search_index(article_ids=article_ids)


@background_task()
def purge_pages(keys: list[str]) -> None:
    """Prepare again the stories showing `keys`, then make the cached pages naming `keys` out of
    date on every app server, then at the CDN."""
    from articles.caching import purge_cache
    from articles.prepared import prepare_stale_and

    prepare_stale_and(keys)
    purge_cache(keys=keys)
    if settings.NEWSROOM_CDN_PURGE_URL:
        enqueue(purge_cdn_pages, keys)


@background_task(retry_on=(OSError,), attempts=6)
def purge_cdn_pages(keys: list[str]) -> None:
    from articles.caching import purge_cdn

    if not purge_cdn(keys=keys):
        raise OSError(f"The CDN did not accept the purge of {' '.join(keys)}.")


@background_task()
def change_visibility(article_id: int, field: str, moment: str) -> bool:
    """The work of the moment a story appears or leaves (its `field` time, `moment`): purge its
    page and the lists, here and at the CDN. Nothing when the story has since been given
    another time. Returns whether there was work."""
    from articles.caching import LISTS, purge

    article = Article.objects.filter(pk=article_id).first()
    at = datetime.fromisoformat(moment)
    if article is None or getattr(article, field) != at:
        return False
    if at > timezone.now():  # RQ's scheduler counts whole seconds, so may start a little early
        enqueue_at(change_visibility, at, article_id, field, moment)
        return False
    purge([article, LISTS])
    return True


def schedule_visibility_changes(article: Article) -> None:
    """Queue `change_visibility` for each of `article`'s visibility times still to come."""
    now = timezone.now()
    for field in VISIBILITY_TIMES:
        moment = getattr(article, field)
        if moment is not None and moment > now:
            enqueue_at(change_visibility, moment, article.pk, field, moment.isoformat())


@background_task()
def sweep(until: str | None = None) -> dict:
    """Do the work of every visibility change since the last sweep up to `until` (now), in
    case its own task was lost (no worker then, a flushed queue), and run again the tasks
    whose worker died. Safe to run from several workers at once: they take turns on the mark.
    """
    from articles.caching import LISTS, purge

    until_at = datetime.fromisoformat(until) if until else timezone.now()
    with transaction.atomic():
        mark = SweepMark.objects.select_for_update().first()
        if mark is None:
            mark = SweepMark.objects.create(swept_until=until_at - timedelta(days=1))
        changed = []
        if mark.swept_until < until_at:
            changed = list(
                Article.objects.changing_visibility(
                    after=mark.swept_until, until=until_at
                ).values_list("pk", flat=True)
            )
            if changed:
                purge([LISTS, *(f"article-{pk}" for pk in changed)])
            mark.swept_until = until_at
            mark.save(update_fields=["swept_until"])
    return {"stories": len(changed), "rerun": rerun_stalled()}


@background_task()
def preview_import(run_id: int) -> str:
    """Preview desk import `run_id`: a dry run of its files, whose report the desk shows for
    confirmation (`articles.desk_imports.preview_run`). It writes nothing but the report, so
    running it again only makes the report again."""
    from articles.desk_imports import preview_run, record_failure

    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.state != ImportRun.State.PREVIEWING:
        return "nothing to do"
    try:
        preview_run(run)
    except Exception as error:
        record_failure(run_id, error)
        raise
    return "previewed"


@background_task()
def run_import(run_id: int) -> str:
    """Read the files of desk import `run_id` (`articles.desk_imports`) and queue a task for each
    batch of their stories; see `ImportRun`. Run again after a worker died, it reads them again
    and queues what is not done."""
    from articles.desk_imports import read_run, record_failure

    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.is_finished:
        return "nothing to do"
    try:
        read_run(run, queue=lambda number: enqueue(import_batch, run_id, number))
    except Exception as error:
        record_failure(run_id, error)
        raise
    return "read"


@background_task()
def import_batch(run_id: int, number: int) -> str:
    """Import batch `number` of desk import `run_id`: each story is keyed on its source id, so
    nothing doubles when a batch runs again."""
    from articles.desk_imports import import_batch as import_now
    from articles.desk_imports import record_failure

    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.is_finished:
        return "nothing to do"
    try:
        import_now(run, number)
    except Exception as error:
        record_failure(run_id, error)
        raise
    return "imported"
