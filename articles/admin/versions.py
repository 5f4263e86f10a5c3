"""The desk's side of versions: history, diffs and restores, the working copy of a live story,
autosave, stale saves and who else has a story open.

A published story's edits are saved as its working version and stay off the site until an
editor publishes them; the change form opens with the working version when there is one. Every
form carries the revision it was opened at, checked with the story's row locked in the save's
transaction: a save or autosave made after someone else's is refused and shows their changes.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.formsets import all_valid
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format

from articles.diffs import LABELS, diff_snapshots
from articles.models import Article, ArticleVersion
from articles.services import can_publish, publish_changes, publish_problems, restore_version
from articles.versions import (
    CONTENT_FIELDS,
    TEXT_FIELDS,
    How,
    fill_from_snapshot,
    latest_version,
    mark_present,
    others_present,
    record_version,
    replace_bylines,
    revision_of,
    snapshot_of,
    snapshot_of_form,
    working_version,
)

Status = Article.Status
AUTOSAVE_SECONDS = 30
PUBLISH = "_publish"  # the name of the "Save and publish" button
# Saved on a live story at once by a plain save: they are not what readers read, or they are
# the times that take it off the site (only editors may set those on a live story).
AT_ONCE_FIELDS = {"assignee", "embargoed_until", "rights_expire_at", "provider", "source",
                  "external_id", "source_url"}  # fmt: skip


def when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class Conflict:
    """Someone saved the story after the form was opened at `revision`: what they changed."""

    def __init__(self, article: Article, revision: int, latest: ArticleVersion):
        # An autosave run renumbers its version, so the form's own may now be numbered higher.
        base = article.versions.filter(number__lte=revision).order_by("-number").first()
        self.version = latest
        self.diffs = diff_snapshots(base.snapshot if base else None, latest.snapshot)
        # Their text, for the "take theirs" buttons of the text fields.
        self.theirs = {
            d.name: latest.snapshot.get(d.name, "") for d in self.diffs if d.name in TEXT_FIELDS
        }
        self.message = (
            f"{_who(latest)} saved this story at {when(latest.created_at)} (version "
            f"{latest.number}) after you opened it, so your save was refused and nothing was "
            "overwritten. Your text is still in the form. Their changes are below: keep yours "
            "or take theirs for each, then save again."
        )


def _who(version: ArticleVersion) -> str:
    user = version.created_by
    if user is None:
        return "The importer" if version.how == How.IMPORT else "Someone"
    return user.get_full_name() or user.get_username()


class VersionedFormMixin(forms.ModelForm):
    """The story form's revision check and its "Save and publish" button, for ArticleForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.fields["revision"] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput
        )
        article = self.instance
        if article.pk is not None:
            self.fields["revision"].initial = revision_of(article)
        working = getattr(article, "working_version", None)
        if working is not None and not self.is_bound:
            for name in ("places", "topics"):
                if name in self.fields:
                    refs = working.snapshot.get(name, [])
                    self.initial[name] = [ref["id"] for ref in refs if ref["id"]]
                    typed = ", ".join(ref["name"] for ref in refs if not ref["id"])
                    if typed and f"new_{name}" in self.fields:
                        self.initial[f"new_{name}"] = typed

    def clean(self):
        cleaned_data = super().clean()
        if PUBLISH in self.data:
            if not can_publish(self.user):
                self.add_error(None, "Only editors may publish. Nothing was saved.")
            cleaned_data["status"] = Status.PUBLISHED
        revision = cleaned_data.get("revision")
        if self.instance.pk is not None and revision is not None:
            self.check_revision(revision)
        return cleaned_data

    def check_revision(self, revision: int) -> None:
        """Refuse a save made after someone else's. Locks the story's row until the save's
        transaction ends, so no one saves between this check and the save."""
        article = self.instance
        Article.objects.select_for_update().filter(pk=article.pk).exists()
        latest = latest_version(article)
        if latest is None or latest.number == revision:
            return
        self.conflict = Conflict(article, revision, latest)
        self.add_error(None, self.conflict.message)
        # Saving again after reading their changes is a deliberate choice, made at their revision.
        self.data = self.data.copy()
        self.data[self.add_prefix("revision")] = latest.number

    def _post_clean(self):
        super()._post_clean()
        if (
            PUBLISH in self.data
            and self.stored_status == Status.PUBLISHED
            and "lead_photo" not in self.changed_data
        ):
            problems = publish_problems(self.instance)
            if problems:
                self.add_error(None, ["This story cannot be published yet.", *problems])


class BylineFormSet(BaseInlineFormSet):
    """A story's byline rows. Opened on a working version, the rows come from it as new forms
    (the stored bylines are the live story's); those must be filled, so none is dropped as
    unchanged."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        # Only rows from a working version: a new story's offered byline may still be cleared.
        from_working = getattr(self.instance, "working_version", None) is not None
        if from_working and index is not None and index < len(self.initial_extra or []):
            kwargs["empty_permitted"] = False
        return kwargs


class WorkingBylinesMixin:
    """For the byline inline: as many forms as the working version has bylines."""

    formset = BylineFormSet

    def get_extra(self, request, obj=None, **kwargs):
        working = getattr(obj, "working_version", None)
        if working is not None:
            return len(working.snapshot.get("bylines", []))
        return super().get_extra(request, obj, **kwargs)


class VersionedAdminMixin:
    """For ArticleAdmin: history, diff, restore, working copies, autosave and presence."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/versions/compare/", view(self.compare_view),
                 name="articles_article_compare"),
            path("<path:object_id>/versions/<int:number>/restore/", view(self.restore_view),
                 name="articles_article_restore"),
            path("<path:object_id>/publish-changes/", view(self.publish_changes_view),
                 name="articles_article_publish_changes"),
            path("<path:object_id>/autosave/", view(self.autosave_view),
                 name="articles_article_autosave"),
            *super().get_urls(),
        ]  # fmt: skip

    # The change form on the working version --------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        """The story, showing its working version's content when it has one (in memory only)."""
        article = super().get_object(request, object_id, from_field)
        if article is None:
            return None
        working = working_version(article)
        article.working_version = working
        if working is not None:
            fill_from_snapshot(article, working.snapshot, [*CONTENT_FIELDS, "published_at"])
        return article

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        working = getattr(obj, "working_version", None)
        if prefix == "bylines" and working is not None:
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = [
                {key.removesuffix("_id"): value for key, value in row.items() if key != "name"}
                for row in working.snapshot.get("bylines", [])
            ]
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            mark_present(article.pk, request.user)
            extra_context = {**(extra_context or {}), **self.version_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def version_context(self, request, article) -> dict:
        working = article.working_version
        is_live = article.status == Status.PUBLISHED
        return {
            "working_version": working,
            "editing_live_story": is_live and working is not None,
            "live_published_at": article.published_at if not working else _live_time(article),
            "others_present": others_present(article.pk, request.user),
            "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
            "autosave_seconds": AUTOSAVE_SECONDS,
            "show_save_and_publish": can_publish(request.user)
            and self.has_change_permission(request, article),
            "publish_changes_url": reverse(
                "admin:articles_article_publish_changes", args=[article.pk]
            ),
            "may_publish": can_publish(request.user),
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add and can_publish(request.user):
            context["show_save_and_publish"] = True
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Saving ------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        form.keeps_working = (
            change
            and form.stored_status == Status.PUBLISHED
            and obj.status == Status.PUBLISHED
            and PUBLISH not in request.POST
        )
        if form.keeps_working:
            # The live story keeps its content (save_related keeps the working version); what
            # only the desk reads, and the times that take it off the site, apply at once.
            at_once = [name for name in form.changed_data if name in AT_ONCE_FIELDS]
            if at_once:
                obj.save(update_fields=at_once)
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        bylines = next((fs for fs in formsets if fs.prefix == "bylines"), None)
        others = [fs for fs in formsets if fs is not bylines]
        article = form.instance
        if bylines is not None:
            # Django's change message reads these; the byline rows are written here, not by it.
            bylines.new_objects, bylines.changed_objects, bylines.deleted_objects = [], [], []
        if getattr(form, "keeps_working", False):
            snapshot = snapshot_of_form(form, bylines)
            snapshot["status"] = form.stored_status
            for formset in others:  # quotes are not versioned: they are saved as they are
                self.save_formset(request, form, formset, change)
            record_version(
                article, by=request.user, how=How.DESK, snapshot=snapshot, is_working=True
            )
            return
        if getattr(article, "working_version", None) is not None:
            rows = snapshot_of_form(form, bylines)["bylines"]
            super().save_related(request, form, others, change)
            replace_bylines(article, rows)
        else:
            super().save_related(request, form, formsets, change)
        record_version(article, by=request.user, how=How.DESK)

    def response_change(self, request, obj):
        if request.method == "POST" and self._kept_working(obj):
            self.message_user(
                request,
                f"Saved your changes to “{obj}” without publishing them: readers still see the "
                f"version published at {when(_live_time(obj))} until an editor publishes the "
                "changes.",
                messages.WARNING,
            )
            if "_continue" in request.POST:
                return HttpResponseRedirect(request.path)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def _kept_working(self, obj) -> bool:
        latest = latest_version(obj)
        return latest is not None and latest.is_working and obj.status == Status.PUBLISHED

    # History, diff, restore, publish changes ---------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id, view=True)
        versions = list(article.versions.select_related("created_by"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"History of “{article.headline}”",
            "versions": versions,
            "labels": LABELS,
            "may_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id, view=True)
        versions = {v.number: v for v in article.versions.select_related("created_by")}
        if not versions:
            raise Http404("The story has no versions yet.")
        try:
            new = versions[int(request.GET.get("b") or max(versions))]
            old_number = request.GET.get("a")
            old = versions[int(old_number)] if old_number else versions.get(new.number - 1)
        except (KeyError, ValueError):
            raise Http404("No such version.") from None
        if old is not None and old.number > new.number:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Changes to “{article.headline}”",
            "old": old,
            "new": new,
            "diffs": diff_snapshots(old.snapshot if old else None, new.snapshot),
            "may_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/version_diff.html", context)

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article.versions, number=number)
        made = restore_version(article, version, by=request.user)
        if made.is_working:
            text = (
                f"Restored version {number} as unpublished changes: readers see the live story "
                "until an editor publishes the changes."
            )
        else:
            text = f"Restored version {number}."
        self.log_change(request, article, text)
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def publish_changes_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        try:
            publish_changes(article, by=request.user)
        except ValidationError as error:
            self.message_user(
                request, "The changes were not published: " + " ".join(error.messages),
                messages.ERROR,
            )  # fmt: skip
        except ValueError as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.log_change(request, article, "Published the working changes.")
            self.message_user(request, f"Published the changes to “{article}”.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _article_or_404(self, request, object_id, *, view: bool = False) -> Article:
        article = Article.objects.filter(pk=unquote(object_id)).first()
        if article is None:
            raise Http404("No such story.")
        allowed = (
            self.has_view_or_change_permission(request, article)
            if view
            else self.has_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    # Autosave and presence ---------------------------------------------------------------------

    def autosave_view(self, request, object_id):
        """Keep the posted form as the story's working version; never writes the live story.

        Answers JSON: `saved` (and `saved_at`, `revision`) or why not (`errors`, or `conflict`
        with status 409 when someone saved after the form's revision), and `present`: the
        others who have the story open.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        mark_present(article.pk, request.user)
        answer = {"present": others_present(article.pk, request.user)}
        form_class = self.get_form(request, article, change=True)
        form = form_class(request.POST, request.FILES, instance=article)
        with transaction.atomic():
            formsets, _ = self._create_formsets(request, article, change=True)
            valid = form.is_valid() and all_valid(formsets)
            if form.conflict is not None:
                return JsonResponse({**answer, "conflict": form.conflict.message}, status=409)
            if not valid:
                errors = [*form.non_field_errors()] + [
                    f"{form.fields[name].label or name}: {' '.join(errs)}"
                    for name, errs in form.errors.items()
                    if name != "__all__"
                ]
                return JsonResponse({**answer, "saved": False, "errors": errors}, status=400)
            bylines = next((fs for fs in formsets if fs.prefix == "bylines"), None)
            snapshot = snapshot_of_form(form, bylines)
            snapshot["status"] = form.stored_status
            working = article.working_version
            current = working.snapshot if working else snapshot_of(article)
            if all(snapshot.get(name) == current.get(name) for name in CONTENT_FIELDS):
                return JsonResponse({**answer, "saved": False, "revision": revision_of(article)})
            version = record_version(
                article, by=request.user, how=How.AUTOSAVE, snapshot=snapshot, is_working=True
            )
        saved_at = time_format(timezone.localtime(version.created_at), "TIME_FORMAT")
        return JsonResponse(
            {**answer, "saved": True, "saved_at": saved_at, "revision": version.number}
        )


def _live_time(article: Article):
    """The live story's publish time, as stored (the form may show the working one)."""
    return Article.objects.values_list("published_at", flat=True).get(pk=article.pk)
