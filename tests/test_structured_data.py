"""schema.org JSON-LD on article pages: NewsArticle and BreadcrumbList, parsed as a search
engine would, with absolute addresses, and no way for a headline to leave its script."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.images import attach_image
from articles.languages import site_language
from articles.models import Photo
from articles.structured_data import publisher

from .factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory, editor
from .photo_files import image_bytes, upload
from .test_views import HIDDEN_STATES, make_hidden

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url: str) -> dict:
    """The page's JSON-LD objects by @type."""
    response = client.get(url)
    assert response.status_code == 200
    documents = [json.loads(text) for text in JSON_LD.findall(response.text)]
    return {document["@type"]: document for document in documents}


@pytest.fixture
def story():
    data = image_bytes("JPEG", size=(2000, 1500), color="gray")
    photo = attach_image(
        Photo(alt_text="Crews at the barn.", credit="Ben Okafor"),
        upload("barn.jpg", data),
        name="barn.jpg",
    )
    article = ArticleFactory(
        headline="Fire crews save historic barn on Cross Highway",
        summary="Volunteers from three towns kept the flames from the 1820 frame.",
        dateline="WESTPORT",
        section=SectionFactory(name="Police & Fire"),
        lead_photo=photo,
        authors=[
            AuthorFactory(name="Nadia Ferreira", slug="nadia-ferreira", job_title="Staff writer"),
            AuthorFactory(name="Tom Aldridge", slug="tom-aldridge", job_title=""),
        ],
        published_at=timezone.now() - timedelta(hours=3),
    )
    article.places.add("Westport", "Cross Highway")
    article.topics.add("Fires")
    return article


def test_news_article_has_the_fields_search_engines_read(client, story):
    document = json_ld(client, story.get_absolute_url())["NewsArticle"]
    url = f"http://testserver{story.get_absolute_url()}"

    assert document["@context"] == "https://schema.org"
    assert document["headline"] == story.headline
    assert document["description"] == story.summary
    assert document["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert document["url"] == url
    assert datetime.fromisoformat(document["datePublished"]) == story.published_at.replace(
        microsecond=0
    )
    assert datetime.fromisoformat(document["dateModified"]) == story.updated_at.replace(
        microsecond=0
    )
    assert document["author"] == [
        {
            "@type": "Person",
            "name": "Nadia Ferreira",
            "url": "http://testserver/authors/nadia-ferreira/",
            "jobTitle": "Staff writer",
        },
        {
            "@type": "Person",
            "name": "Tom Aldridge",
            "url": "http://testserver/authors/tom-aldridge/",
        },
    ]
    assert document["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "The Westport Ledger",
        "url": "http://testserver/",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/img/logo.png"},
    }
    assert document["dateline"] == "WESTPORT"
    assert document["articleSection"] == "Police & Fire"
    assert sorted(document["keywords"]) == ["Cross Highway", "Fires", "Westport"]
    assert document["inLanguage"] == "en-US"
    assert document["isAccessibleForFree"] is True


def test_images_are_the_largest_crops_at_absolute_addresses(client, story):
    images = json_ld(client, story.get_absolute_url())["NewsArticle"]["image"]

    assert len(images) == 3
    for image, crop in zip(images, ["16x9-1600", "1x1-800", "full-1600"], strict=True):
        assert re.fullmatch(rf"http://testserver/media/renditions/\d+/barn-{crop}-\w+\.jpg", image)


def test_photo_without_renditions_gives_its_original_once(client):
    article = ArticleFactory(lead_photo=PhotoFactory())

    images = json_ld(client, article.get_absolute_url())["NewsArticle"]["image"]

    assert images == [f"http://testserver{article.lead_photo.image.url}"]


def test_fields_without_a_value_are_left_out(client):
    article = ArticleFactory(summary="", dek="", dateline="", section=None, lead_photo=None)

    document = json_ld(client, article.get_absolute_url())["NewsArticle"]

    for field in ("description", "image", "author", "dateline", "articleSection", "keywords"):
        assert field not in document


def test_publisher_follows_the_newsroom_settings(client, settings, story):
    settings.NEWSROOM_NAME = "The Saugatuck Sentinel"
    settings.NEWSROOM_LOGO = "img/sentinel-logo.png"
    settings.NEWSROOM_LOCALE = "en_GB"

    document = json_ld(client, story.get_absolute_url())["NewsArticle"]

    assert document["publisher"]["name"] == "The Saugatuck Sentinel"
    assert document["publisher"]["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/img/sentinel-logo.png",
    }
    assert document["inLanguage"] == site_language() == "en-GB"


def test_logo_missing_from_the_static_manifest_is_left_out(settings, tmp_path):
    settings.NEWSROOM_LOGO = "img/not-collected.png"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    organization = publisher(base_url="https://news.example.org/")

    assert organization == {
        "@type": "NewsMediaOrganization",
        "name": "The Westport Ledger",
        "url": "https://news.example.org/",
    }


def test_breadcrumbs_lead_home_then_section_then_story(client, story):
    crumbs = json_ld(client, story.get_absolute_url())["BreadcrumbList"]["itemListElement"]

    assert crumbs == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": "The Westport Ledger",
            "item": "http://testserver/",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Police & Fire",
            "item": "http://testserver/sections/police-fire/",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": story.headline,
            "item": f"http://testserver{story.get_absolute_url()}",
        },
    ]


def test_story_without_a_section_skips_that_step(client):
    article = ArticleFactory(section=None)

    crumbs = json_ld(client, article.get_absolute_url())["BreadcrumbList"]["itemListElement"]

    assert [crumb["position"] for crumb in crumbs] == [1, 2]
    assert crumbs[1]["name"] == article.headline


def test_hostile_headline_stays_inside_its_script(client):
    headline = '</script><script>alert("x")</script><!-- & “quotes” -->'
    article = ArticleFactory(headline=headline, summary="A <b>bold</b> & brave summary.")

    page = client.get(article.get_absolute_url()).text

    assert "<script>alert" not in page
    assert "<!--" not in page
    document = json_ld(client, article.get_absolute_url())
    assert document["NewsArticle"]["headline"] == headline
    assert document["NewsArticle"]["description"] == "A <b>bold</b> & brave summary."
    assert document["BreadcrumbList"]["itemListElement"][-1]["name"] == headline


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_preview_of_an_unpublished_story_has_no_structured_data(client, state):
    article = make_hidden(state)
    client.force_login(editor(username="previewer"))

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "application/ld+json" not in response.text
