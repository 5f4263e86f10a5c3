from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from articles.text import sanitize_html, slug_for

from .tags import TaggedArticlePlace, TaggedArticleTopic


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site navigation; lower comes first."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])


# How a section's, author's, place's or topic's stories are found, by the owner's model name:
# pages, feeds and sitemaps of owners all ask here.
STORY_LOOKUPS = {
    "section": "section",
    "author": "bylines__author",
    "place": "places",
    "topic": "topics",
}


def story_lookup(model) -> str:
    """The Article lookup from stories to an owner of `model`'s kind ("bylines__author")."""
    return STORY_LOOKUPS[model._meta.model_name]


# The times at which a story appears to readers or leaves them without anyone saving it: a
# worker does that moment's work (purges, the CDN) then, and the periodic sweep catches any
# moment missed.
VISIBILITY_TIMES = ["published_at"]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, with a publish time that has come.

        The one place that decides public visibility; every public view and feed starts here.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Everything for staff who may edit articles (to preview), else only `published()`."""
        if user.is_authenticated and user.is_staff and user.has_perm("articles.change_article"):
            return self.all()
        return self.published()

    def for_cards(self):
        """Fetch what a story card shows (section, lead photo, bylines) in two queries."""
        return self.select_related("section", "lead_photo").prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("author").order_by("position"),
            )
        )

    def with_related(self):
        """Prefetch what a card or an article page shows: a fixed number of queries per page."""
        return self.for_cards().prefetch_related("places", "topics")

    def sharing_tags_with(self, article):
        """Stories other than `article` with one of its places or topics.

        Reads the article's tags from the `with_related()` prefetch when present, so the filter
        itself costs no query.
        """
        place_ids = [tag.pk for tag in article.places.all()]
        topic_ids = [tag.pk for tag in article.topics.all()]
        tagged = models.Q(
            pk__in=TaggedArticlePlace.objects.filter(tag_id__in=place_ids).values("content_object")
        ) | models.Q(
            pk__in=TaggedArticleTopic.objects.filter(tag_id__in=topic_ids).values("content_object")
        )
        return self.filter(tagged).exclude(pk=article.pk)

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def changing_visibility(self, *, after, until):
        """Stories whose visibility to readers changes by itself at a moment in (`after`,
        `until`]: one of their `VISIBILITY_TIMES` falls there."""
        moments = models.Q()
        for field in VISIBILITY_TIMES:
            moments |= models.Q(**{f"{field}__gt": after, f"{field}__lte": until})
        return self.filter(moments)

    def of(self, owner):
        """The stories of a section, author, place or topic."""
        return self.filter(**{story_lookup(type(owner)): owner})


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the story's address."
    )
    dek = models.TextField(
        blank=True, help_text="The line under the headline that says why the story matters."
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story was reported, e.g. “WESTPORT”."
    )
    body = models.TextField(
        blank=True, help_text="HTML. Scripts, styles and unknown tags are removed on save."
    )
    summary = models.TextField(
        blank=True, help_text="One or two sentences for lists, feeds and search results."
    )
    authors = models.ManyToManyField(
        "articles.Author", through="articles.Byline", related_name="articles", blank=True
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    lead_photo = models.ForeignKey(
        "articles.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_for",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers may see it. A time in the future schedules the story.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    source = models.CharField(
        max_length=50, blank=True, editable=False, help_text="Format the story was imported from."
    )
    external_id = models.CharField(max_length=500, blank=True, editable=False)
    source_url = models.URLField(max_length=1000, blank=True)
    import_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the imported copy; re-importing identical copy changes nothing.",
    )
    source_version = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The source's version number of the imported copy; older versions are not "
        "imported over it.",
    )
    source_version_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the source made that version."
    )

    places = TaggableManager(
        "places", through="articles.TaggedArticlePlace", blank=True, related_name="articles"
    )
    topics = TaggableManager(
        "topics", through="articles.TaggedArticleTopic", blank=True, related_name="articles"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        get_latest_by = "published_at"
        permissions = [("publish_article", "Can publish and unpublish articles")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_article_source_id",
            )
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_public_idx")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Sanitised here so admin, shell and importers all store the same safe HTML.
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = slug_for(self.headline)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}",
                    "slug": self.slug},
        )  # fmt: skip

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def byline_authors(self) -> list:
        """Authors in byline order; uses the `with_related()` prefetch when present."""
        return [byline.author for byline in self.bylines.all()]


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("articles.Author", on_delete=models.CASCADE, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_byline_author")
        ]

    def __str__(self):
        return str(self.author)
