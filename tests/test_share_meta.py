"""Open Graph and Twitter card tags: every page has them, with absolute addresses and an image."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.images import attach_image
from articles.models import Photo

from .factories import PUBLIC_PAGES, ArticleFactory, AuthorFactory, public_pages
from .page_html import meta_tags
from .test_structured_data import json_ld

pytestmark = pytest.mark.django_db


def big_photo() -> Photo:
    buffer = BytesIO()
    Image.new("RGB", (1280, 720), "darkseagreen").save(buffer, "JPEG")
    upload = SimpleUploadedFile("harbor.jpg", buffer.getvalue())
    return attach_image(Photo(alt_text="Boats in the harbor at dawn."), upload, name="harbor.jpg")


@pytest.fixture
def story():
    article = ArticleFactory(
        headline="Harbor dredging starts in May",
        summary="The <em>Army Corps</em> will dredge the channel & the mooring field.",
        lead_photo=big_photo(),
    )
    article.topics.add("Harbor")
    article.places.add("Saugatuck")
    return article


def test_article_page_shares_its_lead_photo_rendition(client, story):
    tags = meta_tags(client.get(story.get_absolute_url()).text)

    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == tags["twitter:title"] == ["Harbor dredging starts in May"]
    description = "The Army Corps will dredge the channel & the mooring field."
    assert tags["og:description"] == tags["twitter:description"] == tags["description"]
    assert tags["description"] == [description]
    assert tags["og:url"] == [f"http://testserver{story.get_absolute_url()}"]
    image = tags["og:image"][0]
    assert re.fullmatch(r"http://testserver/media/renditions/\d+/harbor-16x9-1200-\w+\.jpg", image)
    assert tags["twitter:image"] == [image]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["675"])
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == ["Boats in the harbor at dawn."]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["article:section"] == [story.section.name]
    assert tags["article:tag"] == ["Harbor", "Saugatuck"]
    assert tags["article:published_time"] == [timezone.localtime(story.published_at).isoformat()]
    assert tags["article:modified_time"] == [timezone.localtime(story.updated_at).isoformat()]


def test_image_addresses_on_another_host_are_kept(client, story, settings):
    settings.MEDIA_URL = "https://media.example.net/newsroom/"
    tags = meta_tags(client.get(story.get_absolute_url()).text)
    assert tags["og:image"][0].startswith("https://media.example.net/newsroom/renditions/")


def test_public_origin_is_used_when_set(client, story, settings):
    settings.NEWSROOM_URL = "https://news.example.org"
    html = client.get(story.get_absolute_url()).text
    tags = meta_tags(html)
    assert tags["og:url"] == [f"https://news.example.org{story.get_absolute_url()}"]
    assert tags["og:image"][0].startswith("https://news.example.org/media/renditions/")
    assert (
        f'<link rel="canonical" href="https://news.example.org{story.get_absolute_url()}">' in html
    )


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_page_has_share_tags_with_an_absolute_image(client, page):
    url = public_pages(with_photos=False)[page]

    tags = meta_tags(client.get(url).text)

    for key in ("og:title", "og:description", "og:url", "og:image", "og:site_name", "og:locale"):
        assert len(tags[key]) == 1 and tags[key][0], key
    for key in ("twitter:card", "twitter:title", "twitter:description", "twitter:image"):
        assert len(tags[key]) == 1 and tags[key][0], key
    assert tags["og:image"] == tags["twitter:image"] == ["http://testserver/static/img/share.png"]
    assert tags["og:url"][0].startswith("http://testserver/")
    assert len(tags["description"]) == 1


def test_list_pages_describe_themselves(client):
    author = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz", bio="")
    article = ArticleFactory(authors=[author])
    article.places.add("Greens Farms")
    html = client.get(article.places.first().get_absolute_url()).text
    tags = meta_tags(html)
    assert tags["og:title"] == ["Greens Farms"]
    assert tags["description"] == ["Stories from The Westport Ledger about Greens Farms."]
    tags = meta_tags(client.get(author.get_absolute_url()).text)
    assert tags["description"] == ["Stories by Ana Ruiz for The Westport Ledger."]


def test_section_name_with_an_ampersand_is_escaped_once(client):
    article = ArticleFactory()
    article.section.name = "Police & Fire"
    article.section.description = ""
    article.section.save()
    html = client.get(article.section.get_absolute_url()).text
    assert '<meta name="description" content="Police &amp; Fire news from' in html


def test_site_name_and_locale_come_from_the_settings(client, settings):
    settings.NEWSROOM_NAME = "The Millbrook Courier"
    settings.NEWSROOM_LOCALE = "en-GB"
    tags = meta_tags(client.get("/").text)
    assert tags["og:site_name"] == ["The Millbrook Courier"]
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:title"] == ["The Millbrook Courier"]


def test_share_fields_replace_the_story_own_in_social_tags_and_structured_data(client, story):
    share = attach_image(
        Photo(alt_text="The dredge barge."),
        SimpleUploadedFile("barge.jpg", big_photo().image.open("rb").read()),
        name="barge.jpg",
    )
    story.share_headline = "The harbor gets deeper"
    story.share_description = "What the dredging means for boat owners."
    story.share_image = share
    story.save()

    html = client.get(story.get_absolute_url()).text
    tags = meta_tags(html)

    assert tags["og:title"] == tags["twitter:title"] == ["The harbor gets deeper"]
    assert (
        tags["og:description"]
        == tags["twitter:description"]
        == ["What the dredging means for boat owners."]
    )
    assert "/barge-16x9-1200-" in tags["og:image"][0]
    assert tags["og:image:alt"] == ["The dredge barge."]
    assert "<title>Harbor dredging starts in May |" in html  # the page keeps its headline
    document = json_ld(client, story.get_absolute_url())["NewsArticle"]
    assert document["headline"] == "Harbor dredging starts in May"
    assert document["description"] == "What the dredging means for boat owners."
    assert all("/barge-" in image for image in document["image"])


def test_empty_share_fields_fall_back_to_the_story_own(client, story):
    story.summary = ""
    story.dek = "Boat owners must move their moorings."
    story.save()

    tags = meta_tags(client.get(story.get_absolute_url()).text)

    assert tags["og:title"] == ["Harbor dredging starts in May"]
    assert tags["og:description"] == ["Boat owners must move their moorings."]
    assert "/harbor-16x9-1200-" in tags["og:image"][0]
