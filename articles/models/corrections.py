from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.text import sanitize_note


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes readers may see: those on stories that are `published()`, newest first.

        A story taken off the site takes its corrections with it.
        """
        from .articles import Article

        return self.filter(article__in=Article.objects.published()).order_by("-published_at", "-pk")


class Correction(models.Model):
    """A dated correction, clarification or update note appended to a published story.

    Shown at the foot of the story, in its structured data and feed entries, and on the site's
    corrections page. `version` is the story version the note describes, by id, so the
    corrections page can link to that version's diff once versions are kept; empty until then.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        help_text="What was wrong and what is right, in a sentence or two. Links, bold and "
        "italics are kept; any other markup is removed."
    )
    published_at = models.DateTimeField(
        "date shown",
        default=timezone.now,
        help_text="When the note was made; readers see this date and the story shows it as "
        "“Updated”.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The story version (ArticleVersion id) this note describes; links its diff.",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        # Oldest first at the foot of a story, as they were made.
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["-published_at"], name="correction_newest_idx")]

    def __str__(self):
        return self.label()

    def save(self, *args, **kwargs):
        # Sanitised here so the desk, the shell and any later door store the same safe HTML.
        self.text = sanitize_note(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def clean(self):
        from .articles import Article

        if self.published_at and self.published_at > timezone.now():
            raise ValidationError({"published_at": "A note cannot be dated in the future."})
        # A note already made stays editable after its story is taken down; new ones need a story
        # that has run.
        article = getattr(self, "article", None)
        adding = self._state.adding
        if adding and article is not None and article.status != Article.Status.PUBLISHED:
            raise ValidationError(
                "Corrections and updates are for published stories; change the draft instead."
            )

    def label(self) -> str:
        """“Correction, Dec. 3, 2026”: the kind and the date readers see."""
        day = date_format(timezone.localtime(self.published_at), "N j, Y")
        return f"{self.get_kind_display()}, {day}"

    @property
    def is_correction(self) -> bool:
        """Whether the note says the story was wrong or unclear (an update adds news)."""
        return self.kind in (self.Kind.CORRECTION, self.Kind.CLARIFICATION)

    @property
    def diff_url(self) -> str:
        """The public page of what changed in the version this note describes, or ""."""
        return reverse("articles:correction-changes", args=[self.pk]) if self.version else ""
