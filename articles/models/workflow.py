"""The desk's record of a story's way to the site: internal notes and the audit log.

Neither is ever shown to readers. Events are written by `articles.services.record_event` only,
so every door (the form, bulk actions, imports, a restore) leaves the same trace.
"""

from django.conf import settings
from django.db import models


class ArticleNote(models.Model):
    """A note on a story for the people working on it (a send-back's reason, a question)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class ArticleEvent(models.Model):
    """Who moved which story where, and when. Kept when the story is deleted, with its headline."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "submitted for review"
        SENT_BACK = "sent_back", "sent back"
        SCHEDULED = "scheduled", "scheduled"
        PUBLISHED = "published", "published"
        UNPUBLISHED = "unpublished", "unpublished"
        RESTORED = "restored", "restored"

    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.SET_NULL, related_name="events"
    )
    headline = models.CharField(max_length=300, help_text="The headline when it happened.")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "publishing event"

    def __str__(self):
        who = self.by.get_username() if self.by_id else "the system"
        return f"{who} {self.get_action_display()} “{self.headline}”"


class SourcePayload(models.Model):
    """Imported copy as the source sent it (one item's JSON, XML or text), kept apart so the
    story's own row stays small; the hash tells whether the source has changed it since."""

    article = models.OneToOneField(
        "articles.Article", primary_key=True, on_delete=models.CASCADE, related_name="payload"
    )
    format = models.CharField(max_length=20)
    content = models.TextField()
    sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "source payload"

    def __str__(self):
        return f"{self.format} payload of story {self.article_id}"
