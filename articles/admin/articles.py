"""The desk for stories and the people, sections and tags around them.

Publishing rules live in `articles.services`; this module only applies them. A reporter's form or
bulk action that would publish or unpublish a story is refused on the server with a message, not
merely hidden. Reporters may still correct the text of a published story, but its status and
publish time stay as an editor set them.
"""

import operator
import re
from functools import reduce

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from articles.images.renditions import RATIOS, SLOTS, rendition_url
from articles.models import (
    Article,
    Author,
    Byline,
    Person,
    Photo,
    Place,
    Quote,
    Section,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from articles.services import (
    can_publish,
    merge_tags,
    publish_article,
    publish_problems,
    submit_for_review,
    unpublish_article,
)
from articles.text import NEEDS_HEADLINE

Status = Article.Status
THUMBNAIL_WIDTH = 64


def photo_thumbnail(
    photo: Photo | None, *, slot: str = "card", width: int = THUMBNAIL_WIDTH
) -> str:
    """A small <img> of `photo` cropped as `slot` crops it for readers, or a note when there is
    none. Uses a rendition twice `width` wide, so it stays sharp on dense screens."""
    if photo is None:
        return "—"
    url = rendition_url(photo, slot=slot, width=width * 2)
    if not url:
        return format_html(
            '<span class="desk-note desk-note--warning">{}</span>', "No image file yet"
        )
    ratio_w, ratio_h = RATIOS[SLOTS[slot].ratio] or (photo.width or 1, photo.height or 1)
    return format_html(
        '<img class="desk-thumbnail" src="{}" width="{}" height="{}" alt="{}">',
        url,
        width,
        round(width * ratio_h / ratio_w),
        photo.alt_text,
    )


def split_names(value: str) -> list[str]:
    """Names typed by an editor, separated by commas or new lines, without repeats."""
    names: dict[str, str] = {}
    for name in re.split(r"[,\n]", value or ""):
        name = " ".join(name.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


# Articles --------------------------------------------------------------------------------------


class ArticleForm(forms.ModelForm):
    """The story form: status changes are checked against the user's publish permission and the
    publish rules, and tags can be picked from the vocabulary or typed in by name.
    """

    new_places = forms.CharField(
        label="Add places by name",
        required=False,
        help_text="Separate names with commas. Existing places are reused; others are created.",
    )
    new_topics = forms.CharField(
        label="Add topics by name",
        required=False,
        help_text="Separate names with commas. Existing topics are reused; others are created.",
    )

    # Set by ArticleAdmin.get_form for the user making the request.
    user = None

    # Form field holding the typed names for each tag field, with the tag model it creates.
    TAG_FIELDS = {"places": ("new_places", Place), "topics": ("new_topics", Topic)}

    class Meta:
        model = Article
        # The fields these rules read; ArticleAdmin adds the rest from its fieldsets.
        fields = ["status", "lead_photo", "places", "topics"]
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vTextField desk-headline"}),
            "dek": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField desk-body"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status = self.instance.status
        status = self.fields.get("status")
        if status is not None and not can_publish(self.user):
            # The menu offers only what a reporter may choose; clean() still checks what is posted.
            if self.stored_status == Status.PUBLISHED:
                offered = [Status.PUBLISHED]
                status.help_text = "Only editors may unpublish a story or change its publish time."
            else:
                offered = [Status.DRAFT, Status.REVIEW]
                status.help_text = "Only editors may publish. Choose “In review” when it is ready."
            status.widget.choices = [c for c in status.choices if c[0] in offered]

    def clean(self):
        cleaned_data = super().clean()
        wanted = cleaned_data.get("status")
        crosses_publication = wanted and (wanted == Status.PUBLISHED) != (
            self.stored_status == Status.PUBLISHED
        )
        if crosses_publication and not can_publish(self.user):
            verb = "publish" if wanted == Status.PUBLISHED else "unpublish"
            self.add_error("status", f"Only editors may {verb} stories. Nothing was saved.")
        for field_name, (names_field, tag_model) in self.TAG_FIELDS.items():
            self._merge_typed_tags(cleaned_data, field_name, names_field, tag_model)
        return cleaned_data

    def _merge_typed_tags(self, cleaned_data, field_name, names_field, tag_model):
        """Add the tags typed by name to those picked, creating new ones only with permission."""
        names = split_names(cleaned_data.get(names_field, ""))
        if not names or field_name not in cleaned_data:
            return
        picked = list(cleaned_data[field_name])
        known = {tag.name.casefold() for tag in picked}
        unknown = []
        for name in names:
            if tag_model is Place:  # "Portland" finds "Portland, Maine" when it is the only one
                existing = Place.objects.named(name)
            else:
                existing = tag_model.objects.filter(name__iexact=name).first()
            if existing is None:
                unknown.append(name)
            elif existing.name.casefold() not in known:
                picked.append(existing)
        opts = tag_model._meta
        may_create = self.user is not None and self.user.has_perm(
            f"{opts.app_label}.add_{opts.model_name}"
        )
        if unknown and not may_create:
            self.add_error(
                names_field,
                f"You may not create new {opts.verbose_name_plural}: {', '.join(unknown)}.",
            )
            return
        # Taggit's manager creates tags from the plain names when the form saves.
        cleaned_data[field_name] = picked + unknown

    def _post_clean(self):
        super()._post_clean()
        # Checked on the instance as it would be saved, so the publish rules see the new lead photo.
        if self.instance.status != Status.PUBLISHED:
            return
        if self.stored_status != Status.PUBLISHED or "lead_photo" in self.changed_data:
            problems = publish_problems(self.instance)
            if problems:
                self.add_error(None, ["This story cannot be published yet."] + problems)


class BylineInline(admin.TabularInline):
    model = Byline
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 0
    verbose_name = "byline"
    verbose_name_plural = "Byline (in order: lowest position first)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class QuoteInline(admin.StackedInline):
    model = Quote
    autocomplete_fields = ["person"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    fields = [("person", "position"), "text", "is_pull_quote", "is_machine_added"]
    extra = 0
    verbose_name_plural = "Quotes (untick “added by the importer” once the attribution is checked)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live on the site"),
            ("scheduled", "Scheduled"),
            ("unpublished", "Not published"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "unpublished":
            return queryset.exclude(status=Status.PUBLISHED)
        return queryset


class HeadlineFilter(admin.SimpleListFilter):
    """Stories imported without a headline carry a stand-in one until an editor writes it."""

    title = "headline"
    parameter_name = "headline"

    def lookups(self, request, model_admin):
        return [("needed", "Needs a headline")]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.filter(headline__startswith=NEEDS_HEADLINE)
        return queryset


class TagFilter(admin.SimpleListFilter):
    """The most used tags of one vocabulary, plus the one chosen. A newsroom's places and topics
    run into thousands; any other is a click away from the count on its vocabulary's list."""

    LIMIT = 15
    field_name = ""  # "places" or "topics"

    def lookups(self, request, model_admin):
        tag_model = Article._meta.get_field(self.field_name).remote_field.model
        tags = list(
            tag_model.objects.annotate(used=Count("article_items"))
            .filter(used__gt=0)
            .order_by("-used", "name")[: self.LIMIT]
        )
        chosen = self.chosen_id()
        if chosen and chosen not in {tag.pk for tag in tags}:
            tags += list(tag_model.objects.filter(pk=chosen))
        return [(str(tag.pk), tag.name) for tag in tags]

    def queryset(self, request, queryset):
        chosen = self.chosen_id()
        return queryset.filter(**{f"{self.field_name}__id": chosen}) if chosen else queryset

    def chosen_id(self) -> int | None:
        value = self.value()
        return int(value) if value and value.isdigit() else None


class PlaceFilter(TagFilter):
    title = "place (most used)"
    parameter_name = "places__id__exact"
    field_name = "places"


class TopicFilter(TagFilter):
    title = "topic (most used)"
    parameter_name = "topics__id__exact"
    field_name = "topics"


def importer_additions(*, tags: bool = True, quotes: bool = True):
    """Condition on articles: the importer added places, topics (`tags`) or `quotes` to them
    that no editor has marked reviewed yet."""
    found = []
    if tags:
        found += [
            Exists(through.objects.filter(content_object=OuterRef("pk"), is_machine_added=True))
            for through in (TaggedArticlePlace, TaggedArticleTopic)
        ]
    if quotes:
        found.append(Exists(Quote.objects.filter(article=OuterRef("pk"), is_machine_added=True)))
    return reduce(operator.or_, found)


class ImporterReviewFilter(admin.SimpleListFilter):
    title = "importer’s additions"
    parameter_name = "importer"
    CONDITIONS = {
        "any": ("Tags or quotes to review", {}),
        "tags": ("Places or topics to review", {"quotes": False}),
        "quotes": ("Quotes to review", {"tags": False}),
    }

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _) in self.CONDITIONS.items()]

    def queryset(self, request, queryset):
        if self.value() in self.CONDITIONS:
            return queryset.filter(importer_additions(**self.CONDITIONS[self.value()][1]))
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish_selected", "unpublish_selected", "submit_selected", "mark_reviewed"]
    date_hierarchy = "published_at"
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "dek", "dateline", "body", "summary"]}),
        # The change form template puts the byline inline right after this fieldset.
        ("Byline & section", {"fields": ["section"], "classes": ["desk-byline"]}),
        (
            "Photo & tags",
            {
                "fields": [
                    "lead_photo",
                    "lead_photo_preview",
                    "places",
                    "new_places",
                    "topics",
                    "new_topics",
                    "machine_tags",
                ]
            },
        ),
        ("Publishing", {"fields": ["status", "published_at", ("created_at", "updated_at")]}),
        (
            "Source",
            {
                "fields": ["source", "external_id", "source_url"],
                "classes": ["collapse"],
                "description": "Where an imported story came from. Re-importing updates it.",
            },
        ),
    ]
    inlines = [BylineInline, QuoteInline]
    list_display = [
        "headline",
        "status_badge",
        "section",
        "byline",
        "published_at",
        "lead_photo_thumbnail",
    ]
    list_filter = [
        "status",
        PublicationFilter,
        "section",
        PlaceFilter,
        TopicFilter,
        ("authors", admin.RelatedOnlyFieldListFilter),
        ImporterReviewFilter,
        HeadlineFilter,
    ]
    list_select_related = ["section", "lead_photo"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    raw_id_fields = ["lead_photo"]
    readonly_fields = [
        "lead_photo_preview",
        "machine_tags",
        "created_at",
        "updated_at",
        "source",
        "external_id",
    ]
    search_fields = ["headline", "dek", "body"]
    search_help_text = "Searches headlines, deks and story text."

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            # A publish time in the future would take a live story off the site.
            fields.append("published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ArticleForm.TAG_FIELDS:
            tag_model = db_field.remote_field.model
            return forms.ModelMultipleChoiceField(
                queryset=tag_model.objects.all(),
                required=False,
                label=capfirst(tag_model._meta.verbose_name_plural),
                help_text=f"Start typing to find {tag_model._meta.verbose_name_plural}.",
                widget=AutocompleteSelectMultiple(db_field, self.admin_site),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Save the edit, then cross into or out of “published” through the services."""
        wanted, stored = obj.status, form.stored_status
        if (wanted == Status.PUBLISHED) == (stored == Status.PUBLISHED):
            super().save_model(request, obj, form, change)
            return
        obj.status = stored
        super().save_model(request, obj, form, change)
        if wanted == Status.PUBLISHED:
            publish_article(obj, by=request.user)
            when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            if obj.is_public:
                self.message_user(request, f"“{obj}” is live, published {when}.")
            else:
                self.message_user(request, f"“{obj}” is scheduled for {when}.")
        else:
            unpublish_article(obj, by=request.user)
            if wanted == Status.REVIEW:
                submit_for_review(obj, by=request.user)
            self.message_user(request, f"“{obj}” is off the site.", messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Renumbered 0, 1, 2… in the order chosen (ties keep the order added): easy to edit later.
        bylines = list(form.instance.bylines.order_by("position", "pk"))
        for position, byline in enumerate(bylines):
            byline.position = position
        Byline.objects.bulk_update(bylines, ["position"])

    def response_action(self, request, queryset):
        # Hidden actions are refused by Django already; this says why instead of “No action”.
        if request.POST.get("action") in {"publish_selected", "unpublish_selected"} and not (
            self.has_publish_permission(request)
        ):
            self.message_user(
                request, "Only editors may publish or unpublish stories.", messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.action(description="Publish selected stories", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = self._apply(
            request, queryset.select_related("lead_photo"), publish_article,
            failed="was not published", log="Published from the story list.",
        )  # fmt: skip
        if done:
            self.message_user(request, f"Published {stories(done)}.", messages.SUCCESS)

    @admin.action(description="Unpublish selected stories (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        done = self._apply(
            request, queryset.filter(status=Status.PUBLISHED), unpublish_article,
            failed="was not unpublished", log="Unpublished from the story list.",
        )  # fmt: skip
        if done is not None:
            self.message_user(request, f"Unpublished {stories(done)}.", messages.SUCCESS)

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        done = self._apply(
            request, queryset.filter(status=Status.DRAFT), submit_for_review,
            failed="was not submitted", log="Submitted for review from the story list.",
        )  # fmt: skip
        if done is not None:
            self.message_user(request, f"Submitted {stories(done)} for review.", messages.SUCCESS)

    def _apply(self, request, articles, service, *, failed: str, log: str) -> int | None:
        """Run `service` on each story, logging each success; returns how many succeeded.

        A story the rules refuse is reported by name and the rest go on; a permission refusal
        stops the action and returns None.
        """
        done = 0
        for article in articles:
            try:
                service(article, by=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            except ValidationError as error:
                message = f"“{article}” {failed}: {' '.join(error.messages)}"
                self.message_user(request, message, messages.ERROR)
            else:
                self.log_change(request, article, log)
                done += 1
        return done

    @admin.action(description="Mark importer’s tags and quotes as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        tags = sum(
            through.objects.filter(content_object__in=queryset, is_machine_added=True).update(
                is_machine_added=False
            )
            for through in (TaggedArticlePlace, TaggedArticleTopic)
        )
        quotes = Quote.objects.filter(article__in=queryset, is_machine_added=True).update(
            is_machine_added=False
        )
        self.message_user(
            request, f"Marked {tags} tags and {quotes} quotes as reviewed.", messages.SUCCESS
        )

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        label, modifier = obj.get_status_display(), obj.status
        if obj.status == Status.PUBLISHED and not obj.is_public:
            label, modifier = "Scheduled", "scheduled"
        return format_html('<span class="status-badge status-badge--{}">{}</span>', modifier, label)

    @admin.display(description="byline")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.byline_authors()) or "—"

    @admin.display(description="photo")
    def lead_photo_thumbnail(self, obj):
        return photo_thumbnail(obj.lead_photo)

    @admin.display(description="current lead photo")
    def lead_photo_preview(self, obj):
        photo = obj.lead_photo
        if photo is None:
            return "None. Pick one with the magnifying glass, or leave the story without a photo."
        return format_html(
            '{}<div class="desk-photo-credit">{}</div>',
            photo_thumbnail(photo, slot="inline", width=240),
            photo.credit_line or "No credit yet",
        )

    @admin.display(description="tags added by the importer")
    def machine_tags(self, obj):
        """Tags the importer found in the text, for an editor to check."""
        if obj.pk is None:
            return "—"
        found = [
            (kind, item.tag.name)
            for kind, items in (("place", obj.place_items), ("topic", obj.topic_items))
            for item in items.filter(is_machine_added=True).select_related("tag")
        ]
        if not found:
            return "None to review."
        return format_html(
            '<ul class="desk-machine-tags">{}</ul>',
            format_html_join("", "<li>{} <small>({})</small></li>", ((n, k) for k, n in found)),
        )


def stories(count: int) -> str:
    return f"{count} story" if count == 1 else f"{count} stories"


def desk_queues(request) -> list[tuple[str, int, str]]:
    """What waits on the desk, for the admin's front page: (label, count, changelist address)."""
    user = request.user
    if not user.has_perm("articles.view_article"):
        return []
    stories = reverse("admin:articles_article_changelist")
    queues = [
        (
            "in review",
            Article.objects.filter(status=Status.REVIEW).count(),
            f"{stories}?status__exact={Status.REVIEW}",
        ),
        (
            "drafts",
            Article.objects.filter(status=Status.DRAFT).count(),
            f"{stories}?status__exact={Status.DRAFT}",
        ),
        ("scheduled", Article.objects.scheduled().count(), f"{stories}?publication=scheduled"),
        (
            "with importer’s tags or quotes to review",
            Article.objects.filter(importer_additions()).count(),
            f"{stories}?importer=any",
        ),
    ]
    author = Author.objects.filter(user=user).first()
    if author is not None:
        queues.insert(
            0, ("by you", author.bylines.count(), f"{stories}?authors__id__exact={author.pk}")
        )
    if user.has_perm("articles.view_photo"):
        queues.append(
            (
                "photos waiting for their file",
                Photo.objects.missing_file().count(),
                reverse("admin:articles_photo_changelist") + "?file=waiting",
            )
        )
    return queues


# People ----------------------------------------------------------------------------------------


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    fields = ["name", "slug", "job_title", "bio", "headshot", "headshot_preview", "user"]
    list_display = ["name", "job_title", "headshot_thumbnail", "user", "article_count"]
    list_select_related = ["headshot", "user"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["headshot"]
    readonly_fields = ["headshot_preview"]
    search_fields = ["name", "job_title"]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("bylines"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A menu of staff accounts: editors need not be allowed to browse the user admin.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="stories", ordering="article_total")
    def article_count(self, obj):
        url = reverse("admin:articles_article_changelist") + f"?authors__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article_total)

    @admin.display(description="headshot")
    def headshot_thumbnail(self, obj):
        return photo_thumbnail(obj.headshot, slot="headshot", width=40)

    @admin.display(description="current headshot")
    def headshot_preview(self, obj):
        return photo_thumbnail(obj.headshot, slot="headshot", width=120)


class AttributedQuoteInline(admin.TabularInline):
    """The quotes attributed to a person, read-only: they are edited on their story."""

    model = Quote
    fields = ["text", "story", "is_pull_quote", "is_machine_added"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Quotes attributed to this person"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="story")
    def story(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    fields = ["name", "slug", "title", "organisation"]
    inlines = [AttributedQuoteInline]
    list_display = ["name", "title", "organisation", "quote_count"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "title", "organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes"))

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, obj):
        return obj.quote_total


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    autocomplete_fields = ["person", "article"]
    fields = ["text", "person", "article", "position", "is_pull_quote", "is_machine_added"]
    list_display = ["__str__", "person", "article", "is_pull_quote", "is_machine_added"]
    list_editable = ["is_pull_quote", "is_machine_added"]
    list_filter = ["is_machine_added", "is_pull_quote"]
    list_select_related = ["person", "article"]
    search_fields = ["text", "person__name", "article__headline"]


# Sections and tags -----------------------------------------------------------------------------


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    fields = ["name", "slug", "description", "position"]
    list_display = ["name", "position", "article_count"]
    list_editable = ["position"]
    ordering = ["position", "name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="stories", ordering="article_total")
    def article_count(self, obj):
        url = reverse("admin:articles_article_changelist") + f"?section__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article_total)


class TagAdmin(admin.ModelAdmin):
    """Shared by the place and topic vocabularies: usage counts link to the tagged stories."""

    actions = ["merge_selected"]
    article_field = ""  # the Article field holding this vocabulary: "places" or "topics"
    list_display = ["name", "slug", "article_count", "photo_count"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("article_items", distinct=True),
                photo_total=Count("photo_items", distinct=True),
            )
        )

    @admin.display(description="stories", ordering="article_total")
    def article_count(self, obj):
        url = reverse("admin:articles_article_changelist")
        url += f"?{self.article_field}__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article_total)

    @admin.display(description="photos", ordering="photo_total")
    def photo_count(self, obj):
        return obj.photo_total

    @admin.action(description="Merge selected into the most used of them", permissions=["delete"])
    def merge_selected(self, request, queryset):
        tags = list(queryset.order_by("-article_total", "-photo_total", "name"))
        if len(tags) < 2:
            self.message_user(request, "Choose two or more to merge.", messages.WARNING)
            return
        into = tags[0]
        try:
            names = ", ".join(merge_tags(tags[1:], into=into, by=request.user))
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.log_change(request, into, f"Merged {names} into this.")
        self.message_user(request, f"Merged {names} into “{into}”.", messages.SUCCESS)


@admin.register(Place)
class PlaceAdmin(TagAdmin):
    article_field = "places"
    fields = ["name", "short_name", "where", "slug", "kind", "geonames_id"]
    list_display = [*TagAdmin.list_display[:1], "where", "slug", "kind", *TagAdmin.list_display[2:]]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "where"]


@admin.register(Topic)
class TopicAdmin(TagAdmin):
    article_field = "topics"
    fields = ["name", "slug", "aliases"]
    list_display = [*TagAdmin.list_display[:2], "alias_summary", *TagAdmin.list_display[2:]]
    search_fields = ["name", "aliases"]

    @admin.display(description="aliases")
    def alias_summary(self, obj):
        return "; ".join(obj.alias_list()) or "—"
