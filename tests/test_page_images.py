"""How pages load their images: the lead photo at once and first, everything else lazily, and every
image with its size so nothing moves while the page loads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .factories import ArticleFactory, AuthorFactory, PhotoFactory
from .page_html import Elements

pytestmark = pytest.mark.django_db


def images(html: str) -> list[dict[str, str]]:
    return [
        attrs
        for attrs in Elements(html).all("img")
        if "site-header__logo" not in attrs.get("class", "")
    ]


def assert_lazy_with_size(image: dict[str, str]) -> None:
    assert image["loading"] == "lazy", image
    assert image["decoding"] == "async", image
    assert "fetchpriority" not in image, image
    assert int(image["width"]) > 0 and int(image["height"]) > 0, image


@pytest.fixture
def article():
    story = ArticleFactory(
        lead_photo=PhotoFactory(alt_text="The lead photo."),
        body='<p>First.</p><p><img src="https://example.org/map.png" alt="Map." width="600" '
        'height="400"></p><p>Last.</p>',
        authors=[AuthorFactory(headshot=PhotoFactory())],
    )
    story.topics.add("Harbor")
    for hours in (2, 3):
        other = ArticleFactory(
            lead_photo=PhotoFactory(alt_text="A related photo."),
            published_at=timezone.now() - timedelta(hours=hours),
        )
        other.topics.add("Harbor")
    return story


def test_article_lead_photo_loads_first_and_the_rest_lazily(client, article):
    found = images(client.get(article.get_absolute_url()).text)

    lead, *rest = found
    assert lead["alt"] == "The lead photo."
    assert lead["loading"] == "eager" and lead["fetchpriority"] == "high"
    assert "decoding" not in lead
    assert (lead["width"], lead["height"]) == ("64", "48")
    assert len(rest) == 3
    for image in rest:
        assert_lazy_with_size(image)
    assert [image["alt"] for image in rest] == ["Map.", "A related photo.", "A related photo."]


def test_home_page_lead_story_loads_first_and_cards_lazily(client, article):
    lead, *cards = images(client.get("/").text)
    assert lead["fetchpriority"] == "high" and lead["loading"] == "eager"
    assert cards
    for image in cards:
        assert_lazy_with_size(image)


def test_author_headshot_and_cards_load_lazily_with_size(client, article):
    author = article.byline_authors()[0]
    found = images(client.get(author.get_absolute_url()).text)
    assert len(found) == 2
    for image in found:
        assert_lazy_with_size(image)


def test_masthead_logo_has_its_size(client):
    logo = next(
        attrs
        for attrs in Elements(client.get("/").text).all("img")
        if "site-header__logo" in attrs.get("class", "")
    )
    assert (logo["width"], logo["height"]) == ("48", "48")
