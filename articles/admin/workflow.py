"""The desk's side of the publishing workflow: who has a story, its notes and its log, where
imported copy came from, each role's "needs my attention" lists and the site-wide log.

None of it reaches readers. The moves themselves are `articles.services.move_article` and the
services it calls; this module only shows what they recorded.
"""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles.models import Article, ArticleEvent
from articles.services import can_publish

Status = Article.Status
# How far ahead the editors' lists look for stories going live or out of embargo.
SOON = timedelta(hours=24)
ATTENTION_LIMIT = 10


def when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


def sentence(text: str) -> str:
    """`text` ended with a full stop, unless it ends with one already (a time such as "3 p.m.")."""
    return text if text.endswith(".") else f"{text}."


def _name(user, *, nobody: str = "—") -> str:
    return user.get_username() if user is not None else nobody


def notes_thread(article: Article) -> str:
    """The story's internal notes, oldest first, as HTML for the change form."""
    if article.pk is None:
        return "—"
    notes = list(article.notes.select_related("author"))
    if not notes:
        return "No notes yet. Write one below: only the desk sees it."
    return format_html(
        '<ol class="desk-thread">{}</ol>',
        format_html_join(
            "",
            '<li class="desk-thread__note"><strong>{}</strong> <small>{}</small><br>{}</li>',
            ((_name(note.author), when(note.created_at), note.text) for note in notes),
        ),
    )


def publishing_log(article: Article) -> str:
    """Who submitted, sent back, scheduled, published, unpublished or restored the story."""
    if article.pk is None:
        return "—"
    events = list(article.events.select_related("by"))
    if not events:
        return "Nothing yet."
    return format_html(
        '<ul class="desk-log">{}</ul>',
        format_html_join(
            "",
            "<li>{}: {} {}{}</li>",
            (
                (
                    when(event.at),
                    _name(event.by, nobody="the system"),
                    event.get_action_display(),
                    f" — {event.note}" if event.note else "",
                )
                for event in events
            ),
        ),
    )


def provenance(article: Article) -> str:
    """Where imported copy came from, with the item as received and its hash."""
    parts = []
    if article.provider:
        parts.append(format_html("<p>From {}</p>", article.provider))
    payload = getattr(article, "payload", None) if article.pk else None
    if payload is not None:
        parts.append(
            format_html(
                "<p>{} item as received {} · sha256 <code>{}</code></p>"
                '<details><summary>Show the item</summary><pre class="desk-payload">{}</pre>'
                "</details>",
                payload.format,
                when(payload.received_at),
                payload.sha256,
                payload.content,
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts)) if parts else "—"


def attention(user) -> list[tuple[str, list[Article]]]:
    """The "needs my attention" lists for `user`'s role, each (title, up to ten stories).

    Reporters: stories sent back to them, then their other drafts. Editors: stories in review,
    stories going live within a day, embargoes lifting within a day. Everyone: what is with them.
    """
    if not user.has_perm("articles.change_article"):
        return []
    now = timezone.now()
    stories = Article.objects.only("headline", "status", "published_at", "embargoed_until")
    lists = []
    if can_publish(user):
        lists += [
            ("In review", stories.filter(status=Status.REVIEW).order_by("updated_at")),
            (
                "Going live within a day",
                stories.scheduled().filter(published_at__lte=now + SOON).order_by("published_at"),
            ),
            (
                "Embargo lifting within a day",
                stories.filter(embargoed_until__gt=now, embargoed_until__lte=now + SOON)
                .exclude(status=Status.UNPUBLISHED)
                .order_by("embargoed_until"),
            ),
        ]
    else:
        sent_back = Q(status=Status.DRAFT, assignee=user)
        lists += [
            ("Sent back to you", stories.filter(sent_back).order_by("-updated_at")),
            (
                "Your drafts",
                stories.filter(status=Status.DRAFT, bylines__author__user=user)
                .exclude(sent_back)
                .distinct()
                .order_by("-updated_at"),
            ),
        ]
    with_you = stories.filter(assignee=user).order_by("-updated_at")
    if not can_publish(user):
        with_you = with_you.exclude(status=Status.DRAFT)  # listed as sent back already
    lists.append(("With you", with_you))
    return [(title, list(found[:ATTENTION_LIMIT])) for title, found in lists]


@admin.register(ArticleEvent)
class ArticleEventAdmin(admin.ModelAdmin):
    """The site-wide publishing log: read only, kept when a story is deleted."""

    date_hierarchy = "at"
    list_display = ["at", "by", "action", "story", "note"]
    list_filter = ["action", ("by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["by", "article"]
    search_fields = ["headline", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="story", ordering="headline")
    def story(self, obj):
        if obj.article_id is None:
            return obj.headline
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.headline)
