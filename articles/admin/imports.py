"""The "Import articles" page: upload files, preview what would change (a dry run), confirm; a
worker then imports while the desk shows its progress, and then the report.

Uploaded files wait in the media storage (`imports/…`, through the storage API, so any app server
can confirm what another previewed and any worker can read them) between the preview and the
import. The form names their folder only through a signed token tied to the user, so the browser
can neither point the import at another folder nor change the options it previewed. Folders are
deleted after the import, on cancel, and when abandoned for longer than the token lives.

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
from articles.desk_imports import STORAGE_ROOT, delete_folder, local_copy, stored_files
from articles.importers import FORMAT_NAMES
from articles.importers.pipeline import KEEP, ImportReport, import_paths
from articles.models import Article, ImportRun, Photo, Section
from articles.services import can_publish
from articles.tasks import run_import

ADD_PERMISSION = "articles.add_article"
TOKEN_SALT = "articles.admin.imports"
TOKEN_MAX_AGE = 60 * 60  # seconds between preview and confirmation
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
FOLDER_PREFIX = "import-"
_FOLDER_NAME = re.compile(rf"^{FOLDER_PREFIX}[A-Za-z0-9_-]+$")
REFRESH_SECONDS = 2  # how often the progress page reloads itself
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
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        help_text="One or more files: plain text, ninjs, NewsML-G2, WordPress export, RSS/Atom, "
        "saved web pages."
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

    `categories` comes from the signed token, so the fields are the ones that were previewed.
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
    ]


def _view(site, view):
    def wrapped(request, **kwargs):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied("You may not add stories.")
        return view(request, site, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def upload(request, site):
    """The form; on a valid upload, the preview of what the import would do."""
    _remove_abandoned_folders()
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
    with local_copy(folder) as local:
        return _preview(request, site, local, folder, options)


@require_POST
def confirm(request, site):
    """Queue the previewed files for a worker to import (or forget them on cancel), then show
    the import's progress."""
    try:
        data = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, "That preview has expired or is not valid; upload the files again.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    folder = str(data.get("folder", ""))
    if (
        data.get("user") != request.user.pk
        or not _FOLDER_NAME.match(folder)
        or not stored_files(folder)
    ):
        messages.error(request, "Those uploaded files are gone; upload them again.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    if "cancel" in request.POST:
        delete_folder(folder)
        messages.info(request, "Import cancelled; nothing was imported.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    options = {
        key: data.get(key)
        for key in ("format", "status", "section", "fetch_images", "rehost_images")
    }
    sections = SectionMapForm(request.POST, categories=data.get("categories", []))
    if not sections.is_valid():  # a section was deleted since the preview
        with local_copy(folder) as local:
            return _preview(request, site, local, folder, options, sections=sections)
    run = ImportRun.objects.create(
        user=request.user,
        folder=folder,
        options={
            **options,
            "status": _allowed_status(options["status"], user=request.user),
            "section_map": sections.section_map(),
        },
        files_total=len(stored_files(folder)),
    )
    enqueue(run_import, run.pk)
    return HttpResponseRedirect(reverse("admin:articles_import_run", args=[run.pk]))


def progress(request, site, *, run_id: int):
    """A queued or running import's progress (the page reloads itself), then its report."""
    run = get_object_or_404(ImportRun, pk=run_id)
    if run.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404("No such import.")
    title = "Import articles: done" if run.is_finished else "Import articles: importing"
    photos = Photo.objects.filter(pk__in=run.photo_ids)
    waiting = photos.being_fetched().count() if run.photo_ids else 0
    failed = list(photos.not_fetched()[:LISTED_IMAGES]) if run.photo_ids else []
    return _render(
        request, site, "admin/import_articles_done.html", title,
        run=run, refresh_seconds=None if run.is_finished and not waiting else REFRESH_SECONDS,
        # Rendered by the worker from our own report template, which escaped every value.
        report_html=mark_safe(run.report_html),  # noqa: S308
        images_waiting=waiting, images_failed=failed, images_listed=LISTED_IMAGES,
    )  # fmt: skip


def _preview(
    request, site, local: Path, folder: str, options: dict, *, sections=None
) -> TemplateResponse:
    """The dry run's report on the files copied to `local`, the categories it found, and the
    signed token to confirm with, naming the stored `folder`."""
    report = _import(local, options, section_map={}, user=request.user, dry_run=True)
    categories = sorted(report.categories)
    token = signing.dumps(
        {"folder": folder, "user": request.user.pk, "categories": categories, **options},
        salt=TOKEN_SALT,
    )
    status = _allowed_status(options["status"], user=request.user)
    return _render(
        request, site, "admin/import_articles_preview.html", "Import articles: preview",
        report=report, token=token, options=options, status_label=STATUS_LABELS[status],
        sections=sections or SectionMapForm(categories=categories, counts=report.categories),
    )  # fmt: skip


def _allowed_status(status: str | None, *, user) -> str:
    """`status` if `user` may import with it; otherwise draft (review stays review)."""
    if status not in STATUS_LABELS:
        return Article.Status.DRAFT
    if status in PUBLISHING_STATUSES and not can_publish(user):
        return Article.Status.DRAFT
    return status


def _import(
    folder: Path, options: dict, *, section_map: dict, user, dry_run: bool, progress=None
) -> ImportReport:
    """Run the import on the uploaded files; a user who may not publish imports drafts or
    stories in review only."""
    try:
        report = import_paths(
            sorted(path for path in folder.iterdir() if path.is_file()),
            format=options["format"] if options["format"] in FORMAT_NAMES else "auto",
            status=_allowed_status(options["status"], user=user),
            section=options["section"],
            section_map=section_map,
            dry_run=dry_run,
            fetch_images=bool(options.get("fetch_images")),
            rehost_images=bool(options["rehost_images"]),
            by=user,
            progress=progress,
        )
    except ValueError as error:  # the section was deleted between preview and confirmation
        report = ImportReport(dry_run=dry_run)
        report.add_failure("(options)", "section", str(error))
    prefix = f"{folder}/"
    for entry in [*report.items, *report.failures, *report.empty]:
        entry.file = entry.file.removeprefix(prefix)
    return report


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


def _remove_abandoned_folders() -> None:
    """Delete uploads previewed but never confirmed nor cancelled, once their token has expired
    (folders of confirmed imports belong to their run, which deletes them)."""
    try:
        folders = default_storage.listdir(STORAGE_ROOT)[0]
    except (FileNotFoundError, NotADirectoryError):
        return
    too_old = timezone.now() - timedelta(seconds=TOKEN_MAX_AGE)
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
