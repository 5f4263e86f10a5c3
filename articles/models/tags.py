"""Two separate tag vocabularies: places and topics.

Each has its own tag table and its own through tables, so "Westport" the place and a topic of the
same name never share a row or a page. The through tables record whether the tag was suggested
from the text (on import or when the story was saved), so editors can review suggestions.
"""

from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase


class Place(TagBase):
    class Kind(models.TextChoices):
        CITY = "city", "City or town"
        STATE = "state", "State or region"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    geonames_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="GeoNames id, when the place came from the gazetteer."
    )

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:place", args=[self.slug])


class Topic(TagBase):
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


class TaggedArticlePlace(MachineTagged):
    tag = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="place_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_place")
        ]


class TaggedArticleTopic(MachineTagged):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_items")
    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_topic")
        ]


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
