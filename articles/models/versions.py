from django.conf import settings
from django.db import models
from django.utils import timezone


class ArticleVersionQuerySet(models.QuerySet):
    def latest_of(self, article_ids):
        """The newest version of each of `article_ids` (those that have one), in one query."""
        newest = ArticleVersion.objects.filter(article_id=models.OuterRef("article_id")).order_by(
            "-number"
        )
        return self.filter(article_id__in=article_ids, pk=models.Subquery(newest.values("pk")[:1]))


class ArticleVersion(models.Model):
    """A story as one save left it: a snapshot of its text, byline, photo, tags and status.

    The newest version's number is the story's revision: a form opened at revision 4 may save
    only while no one has saved version 5. A working version holds edits to a published story
    that readers do not see yet; it stays the story's working copy until a version that is not a
    working one (a published change, an import, a save of a draft) follows it.
    """

    class How(models.TextChoices):
        DESK = "desk", "Desk"
        IMPORT = "import", "Import"
        BULK = "bulk", "Bulk action"
        RESTORE = "restore", "Restore"
        AUTOSAVE = "autosave", "Autosave"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_versions",
    )
    how = models.CharField(max_length=10, choices=How.choices)
    is_working = models.BooleanField(
        default=False, help_text="Edits to a published story that readers do not see yet."
    )
    snapshot = models.JSONField()
    changed = models.JSONField(
        default=list, help_text="The fields that differ from the version before."
    )
    note = models.CharField(max_length=200, blank=True)

    objects = ArticleVersionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_article_version")
        ]

    def __str__(self):
        return f"version {self.number}"
