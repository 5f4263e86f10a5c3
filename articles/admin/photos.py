"""The photo desk: every upload is checked and stored by `articles.images`; several at once too."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.images import (
    PreparedImage,
    attach_image,
    detach_image,
    prepare_image,
    store_image,
)
from articles.images.renditions import discard_renditions, rendition_url
from articles.images.validation import accept_attribute, accepted_format_names
from articles.models import Article, Author, Photo
from articles.tasks import request_renditions


def accepted_files_help() -> str:
    return (
        f"{accepted_format_names()}, up to {filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES)}. "
        "HEIC and TIFF files are stored as JPEG (PNG when transparent). An animated GIF is "
        "kept, but pages show it still, from its first frame."
    )


class PhotoAdminForm(forms.ModelForm):
    """The admin builds the fields (see PhotoAdmin); this checks and converts a new image file,
    keeping the result for `PhotoAdmin.save_model`, so a refused file is a form error."""

    prepared_image: PreparedImage | None = None

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            self.prepared_image = prepare_image(image, name=image.name)
            # The model field reads its width and height from the clean copy, not the upload.
            return ContentFile(self.prepared_image.data, name=self.prepared_image.name)
        return image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": accept_attribute(), **(attrs or {})})


class MultipleImageField(forms.FileField):
    """A file field taking several files. Each is checked later, one by one (by
    `attach_image`), so one bad or empty file does not hold back the others."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class UploadSeveralForm(forms.Form):
    files = MultipleImageField(
        label="Photos",
    )
    credit = forms.CharField(
        required=False,
        max_length=200,
        help_text="Photographer, for every photo. Left empty, each file's own metadata is used.",
    )
    agency = forms.CharField(required=False, max_length=200, label="Agency or source")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = f"Choose several at once. {accepted_files_help()}"


class HasFileFilter(admin.SimpleListFilter):
    title = "image file"
    parameter_name = "file"

    def lookups(self, request, model_admin):
        return [("yes", "Has a file"), ("waiting", "Waiting for a file")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(image="")
        if self.value() == "waiting":
            return queryset.missing_file()
        return queryset


class UsageFilter(admin.SimpleListFilter):
    title = "usage"
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("yes", "Used in a story or as a headshot"), ("no", "Not used")]

    def queryset(self, request, queryset):
        used = Exists(Article.objects.filter(lead_photo=OuterRef("pk"))) | Exists(
            Author.objects.filter(headshot=OuterRef("pk"))
        )
        if self.value() == "yes":
            return queryset.filter(used)
        if self.value() == "no":
            return queryset.exclude(used)
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["thumbnail", "__str__", "credit", "agency", "dimensions", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = [HasFileFilter, UsageFilter, "agency", "places", "topics", "created_at"]
    search_fields = ["caption", "credit", "agency", "alt_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "dimensions", "used_in"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "alt_text", "caption"]}),
        ("Credit", {"fields": ["credit", "agency", "taken_at"]}),
        (
            "Focal point",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Crops for wide and square spaces keep this point in the picture. "
                "Click the preview above to set it, or move it with the arrow keys once the "
                "preview has the focus, or type the numbers.",
            },
        ),
        ("Tags", {"fields": ["places", "topics"]}),
        ("Source", {"fields": ["dimensions", "source", "source_url"], "classes": ["collapse"]}),
        ("Used in", {"fields": ["used_in"]}),
    ]

    class Media:
        css = {"all": ["css/admin-photos.css"]}
        js = ["js/admin/focal-point.js"]

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_several_view),
            name="articles_photo_upload",
        )
        return [upload, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "waiting_count": Photo.objects.missing_file().count(),
            "can_upload": self.has_add_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "image":
            # A plain file field: `PhotoAdminForm.clean_image` is the one check, with reasons.
            kwargs.update(
                form_class=forms.FileField,
                allow_empty_file=True,
                widget=AdminFileWidget(attrs={"accept": accept_attribute()}),
                help_text=accepted_files_help(),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if form.prepared_image is not None and "image" in form.changed_data:
            store_image(obj, form.prepared_image)
        elif "image" in form.changed_data and not obj.has_file:
            detach_image(obj)
        else:
            super().save_model(request, obj, form, change)
            request_renditions(obj)

    def delete_model(self, request, obj):
        discard_renditions(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            discard_renditions(photo)
        super().delete_queryset(request, queryset)

    @admin.display(description="")
    def thumbnail(self, obj):
        url = rendition_url(obj, slot="thumb", width=240)
        if not url:
            return mark_safe('<span class="photo-thumb photo-thumb--missing">No file</span>')
        # The first column links to the photo's page: the image's text names that link.
        return format_html(
            '<img class="photo-thumb" src="{}" alt="Edit “{}”" width="60" height="60">', url, obj
        )

    @admin.display(description="size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.has_file and obj.width else "—"

    @admin.display(description="preview")
    def preview(self, obj):
        if not obj.has_file:
            return "No image file yet: choose one above. Imported photos often arrive this way."
        return format_html(
            '<div class="focal-point" data-focal-point>'
            '<img class="focal-point__image" src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-point__marker" style="left: {}%; top: {}%"></span></div>',
            rendition_url(obj, width=800),
            obj.width,
            obj.height,
            round(obj.focal_x * 100, 2),
            round(obj.focal_y * 100, 2),
        )

    @admin.display(description="used in")
    def used_in(self, obj):
        if obj.pk is None:
            return "—"
        stories = [
            (reverse("admin:articles_article_change", args=[a.pk]), "Lead photo of", a.headline)
            for a in Article.objects.filter(lead_photo=obj).only("pk", "headline")
        ]
        people = [
            (reverse("admin:articles_author_change", args=[a.pk]), "Headshot of", a.name)
            for a in Author.objects.filter(headshot=obj).only("pk", "name")
        ]
        if not stories and not people:
            return "Not used yet."
        return format_html(
            '<ul class="photo-usage">{}</ul>',
            format_html_join("", '<li>{} <a href="{}">{}</a></li>', (
                (label, url, title) for url, label, title in stories + people
            )),
        )  # fmt: skip

    def upload_several_view(self, request):
        """Store each valid file as a new photo; list every refused file with its reason."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadSeveralForm(request.POST or None, request.FILES or None)
        stored, refused = [], []
        if request.method == "POST" and form.is_valid():
            for upload in form.cleaned_data["files"]:
                photo = Photo(
                    credit=form.cleaned_data["credit"], agency=form.cleaned_data["agency"]
                )
                try:
                    with transaction.atomic():
                        attach_image(photo, upload, name=upload.name)
                except ValidationError as error:
                    refused.append((upload.name, " ".join(error.messages)))
                    continue
                self.log_addition(request, photo, [{"added": {}}])
                stored.append(photo)
            if stored and not refused:
                self.message_user(
                    request, f"Stored {len(stored)} photo(s). Add alt text to each before use."
                )
                changelist = reverse("admin:articles_photo_changelist")
                ids = ",".join(str(photo.pk) for photo in stored)
                return HttpResponseRedirect(f"{changelist}?id__in={ids}")
            if stored:
                self.message_user(request, f"Stored {len(stored)} photo(s).", messages.SUCCESS)
            if refused:
                self.message_user(
                    request, f"{len(refused)} file(s) were refused; see below.", messages.ERROR
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upload several photos",
            "form": form,
            "stored": stored,
            "refused": refused,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/photo/upload_several.html", context)
