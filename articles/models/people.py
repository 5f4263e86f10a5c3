"""Authors write the news; people are quoted in it. They are different tables on purpose."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.text import slug_for


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="For example “Staff writer”."
    )
    bio = models.TextField("short bio", blank=True)
    headshot = models.ForeignKey(
        "articles.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headshot_for",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The staff account of this author, if they have one.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class Person(models.Model):
    """Someone or something quoted: a named person, an organisation that speaks as one (“the
    airline said in a statement”), or a source the story describes without naming (“a spokesman
    for the airline”)."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        DESCRIBED = "described", "Described source"

    name = models.CharField(max_length=200, help_text="Full name, without title: “Maria Delgado”.")
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(
        "title or role",
        max_length=200,
        blank=True,
        help_text="For example “Lt.” or “Police Chief”.",
    )
    organisation = models.CharField(max_length=200, blank=True)
    kind = models.CharField(
        max_length=12,
        choices=Kind.choices,
        default=Kind.PERSON,
        help_text="An organisation or a described source (“a spokesman for the airline”) is "
        "listed apart from the people quoted.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:person", args=[self.slug])

    @property
    def display_name(self) -> str:
        """Name with title, as a story would first name them: “Lt. Maria Delgado”.

        A lowercase role is a description rather than a title, so it follows the name:
        “Jonah Feld, artist”.
        """
        if not self.title or self.kind != self.Kind.PERSON:
            return self.name
        if self.title[0].islower():
            return f"{self.name}, {self.title}"
        return f"{self.title} {self.name}"
