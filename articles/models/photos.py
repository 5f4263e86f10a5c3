from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from taggit.managers import TaggableManager


class PhotoQuerySet(models.QuerySet):
    def missing_file(self):
        """Photos named by a story (credit, caption) whose image has not arrived yet."""
        return self.filter(image="")

    def with_file(self):
        """Photos whose image is stored: those a story can show."""
        return self.exclude(image="")

    def being_fetched(self):
        """Imported photos whose image a worker is still to fetch."""
        return self.missing_file().filter(fetch_problem="")

    def not_fetched(self):
        """Imported photos whose image could not be fetched (`fetch_problem` says why)."""
        return self.missing_file().exclude(fetch_problem="")


class Photo(models.Model):
    image = models.ImageField(
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        blank=True,
        help_text=(
            "JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF or AVIF. May be attached later to a photo "
            "imported without a file."
        ),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="The photographer: “Dana Whitfield”."
    )
    agency = models.CharField(
        "agency or source", max_length=200, blank=True, help_text="For example “Associated Press”."
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it. Required to publish.",
    )
    focal_x = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=(
            "Horizontal focal point, 0 (left edge) to 1 (right edge); crops keep it in frame."
        ),
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Vertical focal point, 0 (top) to 1 (bottom).",
    )
    taken_at = models.DateTimeField("date taken", null=True, blank=True)
    source = models.CharField(
        max_length=50, blank=True, help_text="Where an imported photo came from (format)."
    )
    external_id = models.CharField(max_length=500, blank=True, editable=False)
    source_url = models.URLField(
        max_length=1000, blank=True, help_text="Address of the original image, for imported photos."
    )
    fetch_problem = models.TextField(
        blank=True,
        editable=False,
        help_text="Why the image at the source address could not be fetched, if it could not.",
    )
    renditions_key = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text="Fingerprint of the image and focal point whose renditions are all stored.",
    )
    first_renditions_key = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        help_text="Fingerprint of the image and focal point whose first renditions (one size of "
        "each shape) are stored, while the worker makes the rest.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    places = TaggableManager(
        "places", through="articles.TaggedPhotoPlace", blank=True, related_name="photos"
    )
    topics = TaggableManager(
        "topics", through="articles.TaggedPhotoTopic", blank=True, related_name="photos"
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_photo_source_id",
            )
        ]

    def __str__(self):
        if self.caption:
            return self.caption if len(self.caption) <= 60 else self.caption[:57] + "…"
        return self.image.name.rsplit("/", 1)[-1] if self.image else f"Photo {self.pk}"

    @property
    def has_file(self) -> bool:
        return bool(self.image)

    @property
    def credit_line(self) -> str:
        """“Photographer / Agency”, or whichever of the two is known."""
        return " / ".join(part for part in (self.credit, self.agency) if part)


class Rendition(models.Model):
    """One stored resized (and maybe cropped) copy of a photo; the row is also the lock on its name.

    The unique name means two processes can never both claim, and so both write, the same file.
    """

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    name = models.CharField(max_length=300, unique=True, help_text="Name in the media storage.")
    ratio = models.CharField(max_length=10)
    format = models.CharField(max_length=10)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["photo", "ratio", "width", "format"]

    def __str__(self):
        return self.name
