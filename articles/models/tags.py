"""Two separate tag vocabularies: places and topics.

Each has its own tag table and its own through tables, so "Westport" the place and a topic of the
same name never share a row or a page. The through tables record whether the tag was suggested
from the text (on import or when the story was saved), so editors can review suggestions.
"""

from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase

from articles.text import slug_for

SLUG_LENGTH = 100


class PlaceQuerySet(models.QuerySet):
    def named(self, name: str) -> "Place | None":
        """The place an editor or a source means by `name`: the one of that full name
        ("Portland, Maine"), else the only one of that short name ("Portland"); else None."""
        name = " ".join(name.split())
        exact = self.filter(name__iexact=name).first()
        if exact is not None:
            return exact
        same = list(self.filter(short_name__iexact=name)[:2])
        return same[0] if len(same) == 1 else None


class AddressableTag(TagBase):
    """A tag with a page of its own, so its slug is made as every other slug of the site is:
    ASCII and never empty. taggit's own keeps letters of any script ("québec", "远征手记"), which
    no address of the site matches, so the tag's page, the pages naming it and their purges
    all failed."""

    slug = models.SlugField("slug", unique=True, max_length=SLUG_LENGTH)

    class Meta:
        abstract = True

    def slugify(self, tag, i=None):
        suffix = "" if i is None else f"_{i}"
        return slug_for(tag, max_length=SLUG_LENGTH - len(suffix)) + suffix


class Place(AddressableTag):
    """A place stories are about. Places that share a name are separate tags: `name` is unique and
    says which is meant where the name alone would not ("Portland, Maine", "Portland, Ore."),
    `short_name` is the name as stories write it ("Portland")."""

    class Kind(models.TextChoices):
        CITY = "city", "City or town"
        STATE = "state", "State or region"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    short_name = models.CharField(
        "display name",
        max_length=100,
        blank=True,
        help_text="The name as stories write it (“Portland”); the full name above tells it from "
        "other places of that name (“Portland, Maine”). Left empty, the full name is used.",
    )
    where = models.CharField(
        max_length=200,
        blank=True,
        help_text="Region and country, shown on the place's page (“Maine, United States”).",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    geonames_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="GeoNames id, when the place came from the gazetteer."
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["geonames_id"], name="unique_place_geonames_id")
        ]

    def save(self, *args, **kwargs):
        if not self.short_name:
            self.short_name = self.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:place", args=[self.slug])

    @property
    def geonames_uri(self) -> str:
        """The place's GeoNames address, a global id for it; "" for places editors made."""
        return f"https://sws.geonames.org/{self.geonames_id}/" if self.geonames_id else ""


class Topic(AddressableTag):
    aliases = models.TextField(
        blank=True,
        help_text=(
            "Other names for this topic, one per line (for example “Immigration and Customs "
            "Enforcement” for ICE). The importer tags stories that use any of them."
        ),
    )

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:topic", args=[self.slug])

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class MachineTagged(TaggedItemBase):
    is_suggested = models.BooleanField(
        "suggested",
        default=False,
        help_text="Set when this tag was found in the text; an editor may review it.",
    )

    class Meta:
        abstract = True


class StoryTagged(MachineTagged):
    """A story's place or topic, carrying the story's publish time, so that a tag's latest
    stories are read newest first from an index (related stories) instead of by sorting all of
    the tag's stories. `Article.save()` keeps the time in step; whether a story may be shown is
    still decided on the story itself."""

    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def of(cls, article, tag, **fields):
        """A new row tagging `article` with `tag`, for `bulk_create()` (which skips `save()`)."""
        return cls(content_object=article, tag=tag, published_at=article.published_at, **fields)

    def save(self, *args, **kwargs):
        # Rows added by django-taggit's manager arrive here with their story in hand.
        if self._state.adding and self.published_at is None:
            self.published_at = self.content_object.published_at
        super().save(*args, **kwargs)


def story_tagging_meta(name: str):
    """The Meta of a story tagging table called `name` ("article_place")."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name=f"unique_{name}")
        ]
        indexes = [
            # A tag's stories read from the index alone (lists).
            models.Index(fields=["tag", "content_object"], name=f"{name}_by_tag"),
            # A tag's latest stories, newest first (related stories).
            models.Index(fields=["tag", "-published_at"], name=f"{name}_latest"),
        ]

    return Meta


class TaggedArticlePlace(StoryTagged):
    tag = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="place_items"
    )

    Meta = story_tagging_meta("article_place")


class TaggedArticleTopic(StoryTagged):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="topic_items"
    )

    Meta = story_tagging_meta("article_topic")


class TaggedPhotoPlace(MachineTagged):
    tag = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="photo_items")
    content_object = models.ForeignKey(
        "articles.Photo", on_delete=models.CASCADE, related_name="place_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_photo_place")
        ]


class TaggedPhotoTopic(MachineTagged):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="photo_items")
    content_object = models.ForeignKey(
        "articles.Photo", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_photo_topic")
        ]
