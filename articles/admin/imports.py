"""The "Import articles" page: upload files, preview what would change (a dry run), confirm.

Uploaded files wait in a private temporary folder between the preview and the confirmation. The
form names that folder only through a signed token tied to the user, so the browser can neither
point the import at another folder nor change the options it previewed. Folders are deleted
after the import, on cancel, and when abandoned for longer than the token lives.

The preview lists the categories the files give their stories (WordPress categories, wire
sections): each becomes a topic unless the editor puts it in one of the newsroom's sections.
"""

import re
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from articles.importers import FORMAT_NAMES
from articles.importers.pipeline import KEEP, ImportReport, import_paths
from articles.models import Article, Section
from articles.services import can_publish

ADD_PERMISSION = "articles.add_article"
TOKEN_SALT = "articles.admin.imports"
TOKEN_MAX_AGE = 60 * 60  # seconds between preview and confirmation
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
FOLDER_PREFIX = "import-"
_FOLDER_NAME = re.compile(rf"^{FOLDER_PREFIX}[A-Za-z0-9_]+$")
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


def upload_root() -> Path:
    return Path(tempfile.gettempdir()) / "newsroom-imports"


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
    ]


def _view(site, view):
    def wrapped(request):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied("You may not add stories.")
        return view(request, site)

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
        "rehost_images": form.cleaned_data["rehost_images"],
    }
    return _preview(request, site, folder, options)


@require_POST
def confirm(request, site):
    """Import the previewed files for real (or forget them on cancel), then show the result."""
    try:
        data = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, "That preview has expired or is not valid; upload the files again.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    folder = upload_root() / str(data.get("folder", ""))
    if (
        data.get("user") != request.user.pk
        or not _FOLDER_NAME.match(folder.name)
        or not folder.is_dir()
    ):
        messages.error(request, "Those uploaded files are gone; upload them again.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    if "cancel" in request.POST:
        shutil.rmtree(folder, ignore_errors=True)
        messages.info(request, "Import cancelled; nothing was imported.")
        return HttpResponseRedirect(reverse("admin:articles_import"))
    options = {key: data.get(key) for key in ("format", "status", "section", "rehost_images")}
    sections = SectionMapForm(request.POST, categories=data.get("categories", []))
    if not sections.is_valid():  # a section was deleted since the preview
        return _preview(request, site, folder, options, sections=sections)
    try:
        report = _import(
            folder, options, section_map=sections.section_map(), user=request.user, dry_run=False
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return _render(
        request, site, "admin/import_articles_done.html", "Import articles: done", report=report
    )


def _preview(request, site, folder: Path, options: dict, *, sections=None) -> TemplateResponse:
    """The dry run's report, the categories it found, and the signed token to confirm with."""
    report = _import(folder, options, section_map={}, user=request.user, dry_run=True)
    categories = sorted(report.categories)
    token = signing.dumps(
        {"folder": folder.name, "user": request.user.pk, "categories": categories, **options},
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


def _import(folder: Path, options: dict, *, section_map: dict, user, dry_run: bool) -> ImportReport:
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
            rehost_images=bool(options["rehost_images"]),
            by=user,
        )
    except ValueError as error:  # the section was deleted between preview and confirmation
        report = ImportReport(dry_run=dry_run)
        report.add_failure("(options)", "section", str(error))
    prefix = f"{folder}/"
    for entry in [*report.items, *report.failures, *report.empty]:
        entry.file = entry.file.removeprefix(prefix)
    return report


def _store_uploads(files) -> Path:
    root = upload_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=root))
    for number, upload in enumerate(files, start=1):
        name = get_valid_filename(Path(upload.name).name.lstrip(".")) or "upload"
        if (folder / name).exists():
            name = f"{number}-{name}"
        with open(folder / name, "wb") as destination:
            for chunk in upload.chunks():
                destination.write(chunk)
    return folder


def _remove_abandoned_folders() -> None:
    root = upload_root()
    if not root.is_dir():
        return
    too_old = time.time() - TOKEN_MAX_AGE
    for folder in root.iterdir():
        if _FOLDER_NAME.match(folder.name) and folder.stat().st_mtime < too_old:
            shutil.rmtree(folder, ignore_errors=True)


def _render(request, site, template: str, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {**site.each_context(request), "title": title, "opts": Article._meta, **context},
    )
