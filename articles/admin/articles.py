"""The desk for stories and the people, sections and tags around them.

Publishing rules live in `articles.services`; this module only applies them. A reporter's form or
bulk action that would publish or unpublish a story is refused on the server with a message, not
merely hidden. Reporters may still correct the text of a published story, but its status and
publish time stay as an editor set them.
"""

import operator
import re
from functools import partial, reduce

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from articles.admin.versions import VersionedAdminMixin, VersionedFormMixin, WorkingBylinesMixin
from articles.background import enqueue
from articles.editor import body_form_field
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
    add_note,
    can_publish,
    check_move,
    merge_tags,
    move_article,
    publish_article,
    publish_problems,
    submit_for_review,
    unpublish_article,
)
from articles.suggestions import remember_removed, suggestions_of
from articles.tasks import suggest_from_story
from articles.text import NEEDS_HEADLINE, WORDS_PER_MINUTE, reading_minutes, word_count
from articles.versions import How, record_version

from .photo_picker import photo_search
from .workflow import notes_thread, provenance, publishing_log, sentence, when

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


class ArticleForm(VersionedFormMixin, forms.ModelForm):
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
    desk_note = forms.CharField(
        label="Note for the desk",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Internal, never on the site. Say why when you send a story back.",
    )

    body = body_form_field(
        required=False,
        help_text="Subheadings, lists, quotes, links and photos from the library. Whatever is "
        "pasted keeps its structure and loses its styling; scripts are removed on save.",
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
            "share_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status = self.instance.status
        status = self.fields.get("status")
        if status is not None:
            # The menu offers only what the user may choose; _post_clean still checks the post.
            status.widget.choices = [c for c in status.choices if c[0] in self._offered(status)]

    def _offered(self, status) -> list[str]:
        stored = self.stored_status
        if not can_publish(self.user):
            if stored == Status.PUBLISHED:
                status.help_text = "Only editors may unpublish a story or change its publish time."
                return [Status.PUBLISHED]
            status.help_text = "Only editors may publish. Choose “In review” when it is ready."
            return [stored, Status.DRAFT, Status.REVIEW]
        if stored in (Status.PUBLISHED, Status.UNPUBLISHED):
            return Status.values
        return [value for value in Status.values if value != Status.UNPUBLISHED]

    def clean(self):
        cleaned_data = super().clean()
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
        wanted = self.instance.status
        try:
            check_move(
                self.instance, to=wanted, by=self.user, stored=self.stored_status,
                note=self.cleaned_data.get("desk_note", ""),
            )  # fmt: skip
        except PermissionDenied as error:
            self.add_error("status", f"{error} Nothing was saved.")
            if wanted not in self._offered(self.fields["status"]):
                # The menu cannot show a state it does not offer: show the stored one, so saving
                # again does not quietly move the story to the menu's first state.
                self.data = self.data.copy()
                self.data[self.add_prefix("status")] = self.stored_status
        except ValidationError as error:
            if wanted == Status.PUBLISHED:
                self.add_error(None, ["This story cannot be published yet.", *error.messages])
            else:
                self.add_error("desk_note", error)
        else:
            # A live story keeps to the rules when its lead photo changes.
            if wanted == self.stored_status == Status.PUBLISHED and (
                "lead_photo" in self.changed_data
            ):
                problems = publish_problems(self.instance)
                if problems:
                    self.add_error(None, ["This story cannot be published yet.", *problems])


class BylineForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A byline posted without a role (an older form, a script) is a plain "By".
        self.fields["role"].required = False

    def clean_role(self):
        return self.cleaned_data.get("role") or Byline.Role.BY

    def has_changed(self):
        # The desk user's own byline, offered on a new story, is saved as offered unless they
        # remove the row or clear the author: an untouched extra form would otherwise be skipped.
        if not self.instance.pk and self.initial.get("author"):
            return bool(self["author"].value())
        return super().has_changed()


class BylineInline(WorkingBylinesMixin, admin.TabularInline):
    model = Byline
    form = BylineForm
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]
    extra = 0
    verbose_name = "byline"
    verbose_name_plural = "Byline (in order: lowest position first)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None and own_author(request.user):
            return 1
        return super().get_extra(request, obj, **kwargs)


def own_author(user) -> Author | None:
    """The author linked to a desk user's account, if any (memoised on the user)."""
    if not hasattr(user, "_newsroom_author"):
        user._newsroom_author = Author.objects.filter(user_id=user.pk).first() if user.pk else None
    return user._newsroom_author


class QuoteInline(admin.StackedInline):
    model = Quote
    autocomplete_fields = ["person"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    fields = [("person", "position"), "text", "is_pull_quote", "is_suggested"]
    extra = 0
    verbose_name_plural = "Quotes (untick “suggested” once the attribution is checked)"

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


def suggestions_to_review(*, tags: bool = True, quotes: bool = True):
    """Condition on articles: places, topics (`tags`) or `quotes` were suggested from their text
    and no editor has marked them reviewed yet."""
    found = []
    if tags:
        found += [
            Exists(through.objects.filter(content_object=OuterRef("pk"), is_suggested=True))
            for through in (TaggedArticlePlace, TaggedArticleTopic)
        ]
    if quotes:
        found.append(Exists(Quote.objects.filter(article=OuterRef("pk"), is_suggested=True)))
    return reduce(operator.or_, found)


class SuggestionReviewFilter(admin.SimpleListFilter):
    title = "suggestions"
    parameter_name = "suggested"
    CONDITIONS = {
        "any": ("Tags or quotes to review", {}),
        "tags": ("Places or topics to review", {"quotes": False}),
        "quotes": ("Quotes to review", {"tags": False}),
    }

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _) in self.CONDITIONS.items()]

    def queryset(self, request, queryset):
        if self.value() in self.CONDITIONS:
            return queryset.filter(suggestions_to_review(**self.CONDITIONS[self.value()][1]))
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish_selected", "unpublish_selected", "submit_selected", "mark_reviewed"]
    date_hierarchy = "published_at"
    fieldsets = [
        (
            "Story",
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    ("dateline", "language"),
                    "body",
                    "length",
                    "summary",
                ]
            },
        ),
        # The change form template puts the byline inline right after this fieldset.
        ("Byline & section", {"fields": ["section"], "classes": ["desk-byline"]}),
        (
            "Sharing",
            {
                "fields": ["share_headline", "share_description", "share_image"],
                "classes": ["collapse"],
                "description": "What social networks and search results show. Leave empty to "
                "use the story's own headline, summary and lead photo.",
            },
        ),
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
                    "suggested_tags",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "assignee",
                    "published_at",
                    ("embargoed_until", "rights_expire_at"),
                    ("created_at", "updated_at"),
                ]
            },
        ),
        ("Desk", {"fields": ["desk_notes", "desk_note", "desk_log"]}),
        (
            "Source",
            {
                "fields": ["provider", "source", "external_id", "source_url", "source_copy"],
                "classes": ["collapse"],
                "description": "Where an imported story came from. Re-importing updates it.",
            },
        ),
    ]
    inlines = [BylineInline, QuoteInline]
    list_display = [
        "headline",
        "status_badge",
        "assignee",
        "section",
        "byline",
        "published_at",
        "words",
        "lead_photo_thumbnail",
    ]
    list_filter = [
        "status",
        PublicationFilter,
        "section",
        PlaceFilter,
        TopicFilter,
        ("authors", admin.RelatedOnlyFieldListFilter),
        SuggestionReviewFilter,
        HeadlineFilter,
    ]
    list_select_related = ["section", "lead_photo", "assignee"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    raw_id_fields = ["lead_photo", "share_image"]
    readonly_fields = [
        "length",
        "lead_photo_preview",
        "suggested_tags",
        "created_at",
        "updated_at",
        "source",
        "external_id",
        "desk_notes",
        "desk_log",
        "source_copy",
    ]
    search_fields = ["headline", "dek", "body"]
    search_help_text = "Searches headlines, deks and story text."

    class Media:
        js = ["js/admin/word-count.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_urls(self):
        search = path(
            "photos/search/",
            self.admin_site.admin_view(photo_search),
            name="articles_article_photo_search",
        )
        return [search, *super().get_urls()]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        author = own_author(request.user)
        if isinstance(inline, BylineInline) and obj.pk is None and author is not None:
            # Whoever starts a story is on its byline unless they take themselves off.
            kwargs["initial"] = [{"author": author.pk, "role": Byline.Role.BY}]
        return kwargs

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            # A publish time, embargo or expiry in the future would take a live story off the site.
            fields += ["published_at", "embargoed_until", "rights_expire_at"]
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
        """Save the edit; a change of status goes through `move_article` in the same save."""
        wanted, stored = obj.status, form.stored_status
        note = form.cleaned_data.get("desk_note", "")
        if wanted == stored:
            super().save_model(request, obj, form, change)
            add_note(obj, by=request.user, text=note)
            return
        move_article(obj, to=wanted, by=request.user, stored=stored, note=note)
        if stored == Status.PUBLISHED:
            self.message_user(request, f"“{obj}” is off the site.", messages.WARNING)
        elif obj.status != Status.PUBLISHED:
            self.message_user(request, f"“{obj}” is {obj.get_status_display().lower()}.")
        elif obj.is_public:
            self.message_user(
                request, sentence(f"“{obj}” is live, published {when(obj.published_at)}")
            )
        else:
            live_at = max(filter(None, [obj.published_at, obj.embargoed_until]))
            self.message_user(request, sentence(f"“{obj}” is scheduled for {when(live_at)}"))

    def save_related(self, request, form, formsets, change):
        article = form.instance
        before = suggestions_of(article) if change else None
        super().save_related(request, form, formsets, change)
        if before is not None:
            remember_removed(article, before)
        if not change or {"headline", "dateline", "body"} & set(form.changed_data):
            # Queued after the commit, so the reading sees the saved text and a failure cannot
            # undo it.
            transaction.on_commit(partial(enqueue, suggest_from_story, article.pk))
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
                record_version(article, by=request.user, how=How.BULK, note=log)
                done += 1
        return done

    @admin.action(description="Mark suggested tags and quotes as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        tags = sum(
            through.objects.filter(content_object__in=queryset, is_suggested=True).update(
                is_suggested=False
            )
            for through in (TaggedArticlePlace, TaggedArticleTopic)
        )
        quotes = Quote.objects.filter(article__in=queryset, is_suggested=True).update(
            is_suggested=False
        )
        self.message_user(
            request, f"Marked {tags} tags and {quotes} quotes as reviewed.", messages.SUCCESS
        )

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        state = obj.state
        label = obj.get_status_display() if state == obj.status else state.capitalize()
        return format_html('<span class="status-badge status-badge--{}">{}</span>', state, label)

    @admin.display(description="notes")
    def desk_notes(self, obj):
        return notes_thread(obj)

    @admin.display(description="publishing log")
    def desk_log(self, obj):
        return publishing_log(obj)

    @admin.display(description="copy as received")
    def source_copy(self, obj):
        return provenance(obj)

    @admin.display(description="byline")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.byline_authors()) or "—"

    @admin.display(description="words")
    def words(self, obj):
        return word_count(obj.body)

    @admin.display(description="length")
    def length(self, obj):
        """Updated as the body is typed by static/js/admin/word-count.js."""
        words = word_count(obj.body) if obj else 0
        return format_html(
            '<output class="desk-length" for="id_body" data-words-per-minute="{}">{}</output>',
            WORDS_PER_MINUTE,
            length_text(words),
        )

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

    @admin.display(description="suggested tags")
    def suggested_tags(self, obj):
        """Tags found in the text, for an editor to check."""
        if obj.pk is None:
            return "—"
        found = [
            (kind, item.tag.name)
            for kind, items in (("place", obj.place_items), ("topic", obj.topic_items))
            for item in items.filter(is_suggested=True).select_related("tag")
        ]
        if not found:
            return "None to review."
        return format_html(
            '<ul class="desk-suggested-tags">{}</ul>',
            format_html_join("", "<li>{} <small>({})</small></li>", ((n, k) for k, n in found)),
        )


def length_text(words: int) -> str:
    """“412 words, about 2 minutes to read” (the word-count script writes the same)."""
    minutes = reading_minutes(words)
    return (
        f"{words} word{'' if words == 1 else 's'}, "
        f"about {minutes} minute{'' if minutes == 1 else 's'} to read"
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
            "with suggested tags or quotes to review",
            Article.objects.filter(suggestions_to_review()).count(),
            f"{stories}?suggested=any",
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
    fields = ["text", "story", "is_pull_quote", "is_suggested"]
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
    fields = ["text", "person", "article", "position", "is_pull_quote", "is_suggested"]
    list_display = ["__str__", "person", "article", "is_pull_quote", "is_suggested"]
    list_editable = ["is_pull_quote", "is_suggested"]
    list_filter = ["is_suggested", "is_pull_quote"]
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
