"""Factories for the newsroom's models. Photos get real image files made with Pillow."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staffer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.test")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


def reporter(**kwargs):
    return UserFactory(groups=["Reporters"], **kwargs)


def editor(**kwargs):
    return UserFactory(groups=["Editors"], **kwargs)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Section
        django_get_or_create = ("name",)

    name = factory.Iterator(["News", "Police & Fire", "Politics", "Schools"])


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    job_title = "Staff writer"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Quoted Person{n}")
    slug = factory.Sequence(lambda n: f"quoted-person-{n}")
    title = "Selectwoman"


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Photo

    image = factory.django.ImageField(width=64, height=48, color="steelblue", format="JPEG")
    caption = "Town hall at dusk."
    credit = "Dana Whitfield"
    agency = "Newsroom staff"
    alt_text = "The front steps of town hall lit by street lamps."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Selectmen weigh budget, round {n}")
    slug = factory.Sequence(lambda n: f"selectmen-weigh-budget-{n}")
    dek = "The board meets again Tuesday."
    dateline = "WESTPORT"
    body = "<p>The board of selectmen met Monday.</p>"
    section = factory.SubFactory(SectionFactory, name="News")
    status = models.Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted or []):
            models.Byline.objects.create(article=self, author=author, position=position)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version of this story misstated the date of the vote. It is Tuesday."
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=5))


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Quote

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    text = "We will keep the library open on Sundays."
    position = factory.Sequence(lambda n: n)


PUBLIC_PAGES = ["home", "article", "author", "person", "place", "topic", "section", "not found"]


def public_pages(*, with_photos: bool = True) -> dict[str, str]:
    """A published story with a byline, a place, a topic, a pull quote and a related story (each
    with photos when `with_photos`). Returns the address of each of PUBLIC_PAGES showing it."""
    photo = PhotoFactory if with_photos else lambda: None
    author = AuthorFactory(headshot=photo())
    article = ArticleFactory(
        lead_photo=photo(), authors=[author], body="<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p>"
    )
    article.places.add("Greens Farms")
    article.topics.add("Harbor")
    ArticleFactory(lead_photo=photo()).topics.add("Harbor")
    quote = QuoteFactory(article=article, is_pull_quote=True)
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "author": author.get_absolute_url(),
        "person": quote.person.get_absolute_url(),
        "place": article.places.first().get_absolute_url(),
        "topic": article.topics.first().get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "not found": "/no-such-page/",
    }
