"""The "Import articles" page: upload files; a worker previews what would change (a dry run)
while the desk shows its progress; confirm; a worker then imports while the desk shows its
progress, and then the report.

Uploaded files wait in the media storage (`imports/…`, through the storage API, so any app server
can confirm what another previewed and any worker can read them) between the upload and the
import, and the preview's report waits on its `ImportRun`. The confirmation names the run only
through a signed token tied to the user, which expires, and the options previewed are the run's,
so the browser can neither point the import at another upload nor change what it previewed.
Uploads and previews are deleted after the import, on cancel, and when abandoned for longer than
the token lives.

The preview lists the categories the files give their stories (WordPress categories, wire
sections): each becomes a topic unless the editor puts it in one of the newsroom's sections.
"""

import re
import secrets
from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from articles.background import enqueue
from articles.desk_imports import STORAGE_ROOT, delete_folder, stored_files
from articles.importers.pipeline import KEEP, ImportReport
from articles.models import Article, ImportRun, Photo, Section
from articles.services import can_publish
from articles.tasks import preview_import, run_import

ADD_PERMISSION = "articles.add_article"
TOKEN_SALT = "articles.admin.imports"
TOKEN_MAX_AGE = 60 * 60  # seconds between the preview being ready and its confirmation
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
FOLDER_PREFIX = "import-"
_FOLDER_NAME = re.compile(rf"^{FOLDER_PREFIX}[A-Za-z0-9_-]+$")
REFRESH_SECONDS = 2  # how often the progress pages reload themselves
LISTED_IMAGES = 100  # images that could not be fetched, listed on the import's page
STATUS_LABELS = {
    Article.Status.DRAFT: "Drafts",
    Article.Status.REVIEW: "In review",
    Article.Status.PUBLISHED: "Published: every story goes live, except those the source holds "
    "back (drafts, withheld or killed copy)",
    KEEP: "As the source says: what it published goes live with its dates",
}
PUBLISHING_STATUSES = (Article.Status.PUBLISHED, KEEP)
FORMAT_LABELS = {
    "text": "Plain text",
    "ninjs": "IPTC ninjs (JSON)",
    "newsml": "IPTC NewsML-G2",
    "wxr": "WordPress export (WXR)",
    "feed": "RSS or Atom feed",
    "html": "Saved web page (HTML)",
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # No file chosen arrives as an empty list, which "required" must still refuse.
        files = (data if isinstance(data, list | tuple) else [data]) or [None]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        # An empty file among several is named by the preview as having nothing to import,
        # rather than refusing the whole upload without saying which file it was.
        allow_empty_file=True,
        help_text="One or more files: plain text, ninjs, NewsML-G2, WordPress export, RSS/Atom, "
        "saved web pages.",
    )
    format = forms.ChoiceField(
        choices=[("auto", "Recognise from the content"), *FORMAT_LABELS.items()], initial="auto"
    )
    status = forms.ChoiceField(
        label="Imported stories",
        choices=STATUS_LABELS.items(),
        initial=Article.Status.DRAFT,
        widget=forms.RadioSelect,
        help_text="What new stories become. A story imported before keeps its status, unless "
        "you publish or the source has since held it back.",
    )
    section = forms.ModelChoiceField(
        Section.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="None",
        help_text="Put every imported story in this section. The source's categories become "
        "topics; the preview lets you put each of them in a section instead.",
    )
    fetch_images = forms.BooleanField(
        label="Fetch the stories' photos",
        required=False,
        initial=True,
        help_text="Copy each story's own photos (a feed's media, an export's featured images) "
        "into the photo library. A story whose lead photo cannot be fetched comes in for review "
        "and is listed.",
    )
    rehost_images = forms.BooleanField(
        label="Re-host images from the story bodies",
        required=False,
        initial=True,
        help_text="Copy each image in a story's text into the photo library and show it from "
        "there, so the story no longer loads it from the old site. Images that cannot be "
        "fetched keep their link and are listed.",
    )

    def __init__(self, *args, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_publish = may_publish
        if not may_publish:
            self.fields["status"].choices = [
                choice for choice in STATUS_LABELS.items() if choice[0] not in PUBLISHING_STATUSES
            ]
            self.fields["status"].help_text = "Only editors may import stories as published."

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(file.size for file in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The files add up to more than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB; "
                "import large exports with the import_articles command."
            )
        return files


class SectionMapForm(forms.Form):
    """One choice per category the preview found: a section of the newsroom, or none (a topic).

    `categories` comes from the run's stored preview, so the fields are the ones that were
    previewed.
    """

    def __init__(self, *args, categories: list[str], counts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for number, category in enumerate(categories):
            count = (counts or {}).get(category)
            label = f"{category} ({count} stor{pluralize(count, 'y,ies')})" if count else category
            self.fields[f"category_{number}"] = forms.ModelChoiceField(
                Section.objects.all(),
                required=False,
                to_field_name="slug",
                empty_label="None: a topic",
                label=label,
            )

    def section_map(self) -> dict[str, str]:
        """{category: section slug} for the categories put in a section."""
        return {
            category: section.slug
            for category, section in zip(self.categories, self.cleaned_data.values(), strict=True)
            if section is not None
        }


def import_urls(site) -> list:
    """The import pages, for the admin site to put before its own URLs."""
    return [
        path("articles/import/", site.admin_view(_view(site, upload)), name="articles_import"),
        path(
            "articles/import/confirm/",
            site.admin_view(_view(site, confirm)),
            name="articles_import_confirm",
        ),
        path(
            "articles/import/<int:run_id>/",
            site.admin_view(_view(site, progress)),
            name="articles_import_run",
        ),
        path(
            "articles/import/<int:run_id>/preview/",
            site.admin_view(_view(site, preview)),
            name="articles_import_preview",
        ),
    ]


def _view(site, view):
    def wrapped(request, **kwargs):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied("You may not add stories.")
        return view(request, site, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def upload(request, site):
    """The form; a valid upload is stored and its preview queued, and the desk is sent to the
    preview's page."""
    _remove_abandoned_uploads()
    may_publish = can_publish(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, may_publish=may_publish)
    if request.method != "POST" or not form.is_valid():
        return _render(request, site, "admin/import_articles.html", "Import articles", form=form)
    folder = _store_uploads(form.cleaned_data["files"])
    section = form.cleaned_data["section"]
    options = {
        "format": form.cleaned_data["format"],
        "status": form.cleaned_data["status"],
        "section": section.slug if section else None,
        "fetch_images": form.cleaned_data["fetch_images"],
        "rehost_images": form.cleaned_data["rehost_images"],
    }
    run = ImportRun.objects.create(
        user=request.user, folder=folder, options=options,
        files_total=len(form.cleaned_data["files"]),
    )  # fmt: skip
    enqueue(preview_import, run.pk)
    return HttpResponseRedirect(reverse("admin:articles_import_preview", args=[run.pk]))


def preview(request, site, *, run_id: int):
    """The preview's progress (the page reloads itself), then what the import would do with
    the form to confirm it; the import's page once confirmed."""
    run = _own_run(request, run_id)
    if not run.is_preview:
        return HttpResponseRedirect(reverse("admin:articles_import_run", args=[run.pk]))
    if run.state == ImportRun.State.PREVIEWED:
        if run.finished_at < _expired_before():
            return _gone(request, "That preview has expired; upload the files again.")
        return _preview(request, site, run)
    return _render(
        request, site, "admin/import_articles_done.html", "Import articles: previewing",
        run=run, step="Preview", refresh_seconds=None if run.is_finished else REFRESH_SECONDS,
    )  # fmt: skip


@require_POST
def confirm(request, site):
    """Queue the previewed files for a worker to import (or forget them on cancel), then show
    the import's progress."""
    try:
        data = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return _gone(request, "That preview has expired or is not valid; upload the files again.")
    run = ImportRun.objects.filter(
        pk=data.get("run"), user=request.user, state=ImportRun.State.PREVIEWED,
        finished_at__gte=_expired_before(),
    ).first()  # fmt: skip
    if data.get("user") != request.user.pk or run is None or not stored_files(run.folder):
        return _gone(request, "Those uploaded files are gone; upload them again.")
    if "cancel" in request.POST:
        delete_folder(run.folder)
        run.delete()
        messages.info(request, "Import cancelled; nothing was imported.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    sections = SectionMapForm(request.POST, categories=_categories(run))
    if not sections.is_valid():  # a section was deleted since the preview
        return _preview(request, site, run, sections=sections)
    options = {
        **run.options,
        "status": _allowed_status(run.options["status"], user=request.user),
        "section_map": sections.section_map(),
    }
    with transaction.atomic():
        confirmed = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.PREVIEWED).update(
            state=ImportRun.State.WAITING, confirmed_at=timezone.now(), finished_at=None,
            options=options, preview={}, files_read=0, items_done=0,
        )  # fmt: skip
        if confirmed:  # not when the same preview was confirmed twice at once
            enqueue(run_import, run.pk)
    return HttpResponseRedirect(reverse("admin:articles_import_run", args=[run.pk]))


def progress(request, site, *, run_id: int):
    """A queued or running import's progress (the page reloads itself), then its report."""
    run = _own_run(request, run_id)
    if run.is_preview:
        return HttpResponseRedirect(reverse("admin:articles_import_preview", args=[run.pk]))
    title = "Import articles: done" if run.is_finished else "Import articles: importing"
    photos = Photo.objects.filter(pk__in=run.photo_ids)
    waiting = photos.being_fetched().count() if run.photo_ids else 0
    failed = list(photos.not_fetched()[:LISTED_IMAGES]) if run.photo_ids else []
    return _render(
        request, site, "admin/import_articles_done.html", title,
        run=run, step="Done" if run.is_finished else "Importing",
        refresh_seconds=None if run.is_finished and not waiting else REFRESH_SECONDS,
        # Rendered by the worker from our own report template, which escaped every value.
        report_html=mark_safe(run.report_html),  # noqa: S308
        images_waiting=waiting, images_failed=failed, images_listed=LISTED_IMAGES,
    )  # fmt: skip


def _own_run(request, run_id: int) -> ImportRun:
    run = get_object_or_404(ImportRun, pk=run_id)
    if run.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404("No such import.")
    return run


def _expired_before():
    """Previews ready before this moment have expired."""
    return timezone.now() - timedelta(seconds=TOKEN_MAX_AGE)


def _gone(request, message: str) -> HttpResponseRedirect:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("admin:articles_import"))


def _categories(run: ImportRun) -> list[str]:
    return sorted(run.preview.get("categories", {}))


def _preview(request, site, run: ImportRun, *, sections=None) -> TemplateResponse:
    """The dry run's report on `run`'s files, the categories it found, and the signed token to
    confirm with, naming the run."""
    report = ImportReport.from_data(run.preview)
    options = run.options
    token = signing.dumps({"run": run.pk, "user": request.user.pk}, salt=TOKEN_SALT)
    status = _allowed_status(options["status"], user=request.user)
    return _render(
        request, site, "admin/import_articles_preview.html", "Import articles: preview",
        report=report, token=token, options=options, status_label=STATUS_LABELS[status],
        sections=sections or SectionMapForm(categories=_categories(run), counts=report.categories),
    )  # fmt: skip


def _allowed_status(status: str | None, *, user) -> str:
    """`status` if `user` may import with it; otherwise draft (review stays review)."""
    if status not in STATUS_LABELS:
        return Article.Status.DRAFT
    if status in PUBLISHING_STATUSES and not can_publish(user):
        return Article.Status.DRAFT
    return status


def _store_uploads(files) -> str:
    """Save `files` in a new folder of the media storage; returns the folder's name."""
    folder = f"{FOLDER_PREFIX}{secrets.token_urlsafe(16)}"
    names = set()
    for number, upload in enumerate(files, start=1):
        name = get_valid_filename(Path(upload.name).name.lstrip(".")) or "upload"
        if name in names:
            name = f"{number}-{name}"
        names.add(name)
        saved = default_storage.save(f"{STORAGE_ROOT}/{folder}/{name}", upload)
        if saved.rsplit("/", 1)[-1] != name:  # the storage would not keep the name
            default_storage.delete(saved)
            raise OSError(f"The media storage renamed the upload {name} to {saved}.")
    return folder


def _remove_abandoned_uploads() -> None:
    """Delete previews never confirmed nor cancelled, with their uploads, once their token has
    expired, and uploads no run holds any more (folders of confirmed imports belong to their
    run, which deletes them)."""
    too_old = _expired_before()
    for run in ImportRun.objects.abandoned_previews(before=too_old):
        delete_folder(run.folder)
        run.delete()
    try:
        folders = default_storage.listdir(STORAGE_ROOT)[0]
    except (FileNotFoundError, NotADirectoryError):
        return
    waiting = set(
        ImportRun.objects.exclude(state__in=[ImportRun.State.DONE, ImportRun.State.FAILED])
        .filter(folder__in=folders)
        .values_list("folder", flat=True)
    )
    for folder in folders:
        if not _FOLDER_NAME.match(folder) or folder in waiting:
            continue
        files = stored_files(folder)
        stamps = [default_storage.get_modified_time(f"{STORAGE_ROOT}/{folder}/{n}") for n in files]
        if all(stamp < too_old for stamp in stamps):
            delete_folder(folder)


def _render(request, site, template: str, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {**site.each_context(request), "title": title, "opts": Article._meta, **context},
    )
