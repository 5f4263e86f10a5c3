from django.db import models
from django.db.models import Q


class PreparedStoryQuerySet(models.QuerySet):
    def showing(self, keys):
        """Prepared stories whose page or card shows one of the surrogate `keys`."""
        condition = Q()
        for key in keys:
            condition |= Q(shows__contains=f" {key} ")
        return self.filter(condition) if condition else self.none()


class PreparedStory(models.Model):
    """A published story's page and card as readers get them, rendered once when anything they
    show changes (`articles.prepared`), so a page view prints them instead of rendering them.

    `shows` lists the surrogate keys of everything rendered into them, space-separated with a
    space at each end; a purge of any of those keys marks the row `stale` at once, and the purge's
    background task renders it again. A stale or missing row is never served: the page is
    rendered from the models instead.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="prepared"
    )
    path = models.CharField(max_length=300, blank=True, help_text="The story's address.")
    page_html = models.TextField(blank=True, help_text="The story's <article> element.")
    meta_html = models.TextField(
        blank=True, help_text="Description, Open Graph and Twitter tags (with NEWSROOM_URL only)."
    )
    json_ld_html = models.TextField(blank=True, help_text="Structured data (with NEWSROOM_URL).")
    card_html = models.TextField(blank=True, help_text="The story's card in lists.")
    lead_html = models.TextField(
        blank=True, help_text="The story as the front page's top story (stories with a photo)."
    )
    shows = models.TextField(blank=True, help_text="Surrogate keys of what they show.")
    stale = models.BooleanField(default=True)
    version = models.PositiveIntegerField(
        default=0,
        help_text="Moved by every change and every write: a render is kept only if "
        "the row's version is the one read before the story was.",
    )
    prepared_at = models.DateTimeField(null=True, blank=True)

    objects = PreparedStoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "prepared stories"

    def __str__(self):
        return self.path
