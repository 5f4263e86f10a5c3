from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from articles.languages import site_language, story_language, validate_language
from articles.text import clean_body, slug_for

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


def live_at(moment) -> Q:
    """The condition for a story readers may see at `moment`: published, its publish time come,
    no embargo still holding it, and its rights not yet expired (at the expiry itself it is gone).

    The one statement of the time rules: `published()`, the page cache's expiry and the task
    queue's go-live and take-down times all read it; `Article.is_public` says the same in Python.
    """
    return (
        Q(status=Article.Status.PUBLISHED, published_at__lte=moment)
        & (Q(embargoed_until__isnull=True) | Q(embargoed_until__lte=moment))
        & (Q(rights_expire_at__isnull=True) | Q(rights_expire_at__gt=moment))
    )


# Stands for the publish time an article was loaded with when it was loaded without one: it
# equals no value, so the first save writes the time to the story's tags.
_UNKNOWN = object()

# The times at which a published story goes live or comes down by itself.
VISIBILITY_TIMES = ("published_at", "embargoed_until", "rights_expire_at")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """What a reader may see now, or at the moment `at` (`live_at`).

        The one place that decides public visibility; every public view and feed starts here.
        """
        return self.filter(live_at(at or timezone.now()))

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
        return self.for_cards().select_related("share_image").prefetch_related("places", "topics")

    def with_corrections(self):
        """Prefetch the stories' corrections and update notes (one query)."""
        return self.prefetch_related("corrections")

    def sharing_tags_with(self, article_id: int, *, places=(), topics=(), latest: int):
        """Among these stories, other than the story `article_id`, those that may be among the
        `latest` newest sharing one of its `places` or `topics` (ids): each tag's own `latest`
        newest of these stories, read newest first from the tag's index (`StoryTagged`), so the
        cost does not grow with the archive. Ordered and cut to `latest`, they are the answer."""
        others = self.exclude(pk=article_id)
        shared = Q()
        for tagging, tag_ids in ((TaggedArticlePlace, places), (TaggedArticleTopic, topics)):
            for tag_id in tag_ids:
                tagged = tagging.objects.filter(
                    tag_id=tag_id, content_object__in=others.values("pk")
                )
                newest = tagged.order_by("-published_at").values("content_object")[:latest]
                shared |= Q(pk__in=newest)
        return others.filter(shared) if shared else self.none()

    def scheduled(self):
        """Published stories waiting for their publish time or an embargo, rights not expired."""
        now = timezone.now()
        waiting = Q(published_at__gt=now) | Q(embargoed_until__gt=now)
        return self.filter(waiting, status=Article.Status.PUBLISHED).exclude(
            rights_expire_at__lte=now
        )

    def next_visibility_change(self):
        """The next moment after now at which a published story goes live or comes down, or
        None: a page stored now is out of date from then on."""
        now = timezone.now()
        moments = self.filter(status=Article.Status.PUBLISHED).aggregate(
            **{
                name: models.Min(name, filter=Q(**{f"{name}__gt": now}))
                for name in VISIBILITY_TIMES
            }
        )
        return min(filter(None, moments.values()), default=None)

    def changing_visibility(self, *, after, until):
        """Published stories that go live or come down by themselves at a moment in (`after`,
        `until`]: one of their `VISIBILITY_TIMES` falls there."""
        moments = Q()
        for field in VISIBILITY_TIMES:
            moments |= Q(**{f"{field}__gt": after, f"{field}__lte": until})
        return self.filter(moments, status=Article.Status.PUBLISHED)

    def of(self, owner):
        """The stories of a section, author, place or topic."""
        return self.filter(**{story_lookup(type(owner)): owner})


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        # Taken off the site after it was live; "scheduled" is a published story whose time
        # has not come (`scheduled()`), so the time rules stay in `live_at` alone.
        UNPUBLISHED = "unpublished", "Unpublished"

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
    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language],
        help_text="Only for a story not in the site's language: its tag, such as “de” or “es”, "
        "so that screen readers pronounce it and search engines list it rightly.",
    )
    body = models.TextField(
        blank=True, help_text="HTML. Scripts, styles and unknown tags are removed on save."
    )
    body_html = models.TextField(
        blank=True,
        editable=False,
        help_text="The body as readers get it, made from the body on save (articles.rendering).",
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
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="with",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_articles",
        help_text="Who has the story now. Sending it back gives it to whoever submitted it.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers may see it. A time in the future schedules the story.",
    )
    embargoed_until = models.DateTimeField(
        "embargo",
        null=True,
        blank=True,
        help_text="Nothing shows the story before this time, whatever its publish time.",
    )
    rights_expire_at = models.DateTimeField(
        "rights expire",
        null=True,
        blank=True,
        help_text="The story comes off the site at this time (wire copy the newsroom may no "
        "longer show).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    source = models.CharField(
        max_length=50, blank=True, editable=False, help_text="Format the story was imported from."
    )
    external_id = models.CharField(max_length=500, blank=True, editable=False)
    source_url = models.URLField(max_length=1000, blank=True)
    provider = models.CharField(
        max_length=200,
        blank=True,
        help_text="The agency or publication the copy came from; the page says “From …”.",
    )
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
    # What social networks and search engines show when the story is shared; each falls back to
    # the story's own (`share_title`, `share_text`, `share_photo`).
    share_headline = models.CharField(
        max_length=300, blank=True, help_text="When shared. Empty: the headline."
    )
    share_description = models.TextField(
        blank=True, help_text="When shared. Empty: the summary, else the dek."
    )
    share_image = models.ForeignKey(
        "articles.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="share_image_for",
        help_text="When shared. Empty: the lead photo.",
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
        # Cleaned and rendered here so admin, shell and importers all store the same safe HTML.
        from articles.rendering import render_body  # it reads photos: imported late, no cycle

        fields = kwargs.get("update_fields")
        if fields is None or {"body", "dateline"} & set(fields):
            self.body = clean_body(self.body)
            self.body_html = render_body(self)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "body_html"}
        if not self.slug:
            self.slug = slug_for(self.headline)
        self.language = story_language(self.language)
        adding = self._state.adding
        super().save(*args, **kwargs)
        if fields is not None and "published_at" not in fields:
            return
        if not adding and self.published_at != getattr(self, "_stored_published_at", _UNKNOWN):
            # The story's places and topics carry its publish time (`StoryTagged`).
            for tagging in (TaggedArticlePlace, TaggedArticleTopic):
                tagging.objects.filter(content_object=self).update(published_at=self.published_at)
        self._stored_published_at = self.published_at

    def get_absolute_url(self):
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}",
                    "slug": self.slug},
        )  # fmt: skip

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if "published_at" in field_names:
            article._stored_published_at = article.published_at
        return article

    @property
    def language_tag(self) -> str:
        """The language the story is written in: its own (`language`), else the site's."""
        return self.language or site_language()

    @property
    def is_public(self) -> bool:
        """`live_at(now)` for this one story, without a query."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.embargoed_until is None or self.embargoed_until <= now)
            and (self.rights_expire_at is None or self.rights_expire_at > now)
        )

    @property
    def last_correction_at(self):
        """When the latest correction, clarification or update note was made, or None: the
        story's "Updated" time. Reads the `with_corrections()` prefetch when present."""
        return max((note.published_at for note in self.corrections.all()), default=None)

    @property
    def state(self) -> str:
        """The desk's name for where the story stands: a status, or "scheduled" for a published
        story not yet live, or "expired" for one whose rights ran out."""
        if self.status != self.Status.PUBLISHED or self.is_public:
            return self.status
        if self.rights_expire_at is not None and self.rights_expire_at <= timezone.now():
            return "expired"
        return "scheduled"

    def byline_authors(self) -> list:
        """Authors in byline order; uses the `with_related()` prefetch when present."""
        return [byline.author for byline in self.bylines.all()]

    def byline_groups(self) -> list[tuple[str, list]]:
        """[(role label, authors)] in the order of `Byline.Role`, each role's authors in byline
        order: [("By", [a, b]), ("Additional reporting by", [c])]. Uses the prefetch."""
        groups: dict[str, list] = {role: [] for role in Byline.Role.values}
        for byline in self.bylines.all():
            groups.setdefault(byline.role, []).append(byline.author)
        labels = dict(Byline.Role.choices)
        return [(labels.get(role, role), authors) for role, authors in groups.items() if authors]

    @property
    def share_title(self) -> str:
        return self.share_headline or self.headline

    @property
    def share_text(self) -> str:
        return self.share_description or self.summary or self.dek

    @property
    def share_photo(self):
        return self.share_image or self.lead_photo


class Byline(models.Model):
    class Role(models.TextChoices):
        # In the order a byline names them: "By A and B. Photos by C."
        BY = "by", "By"
        REPORTED_AND_TRANSLATED = "reported_translated", "Reported and translated by"
        PHOTOS = "photos", "Photos by"
        ADDITIONAL_REPORTING = "additional_reporting", "Additional reporting by"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("articles.Author", on_delete=models.CASCADE, related_name="bylines")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.BY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_byline_author")
        ]

    def __str__(self):
        return str(self.author)
