"""A story in another language than the site's says so: the source's language comes in with it,
the desk can set it, and pages, structured data, ninjs and the news sitemap carry it, so screen
readers pronounce the story and search engines list it rightly."""

import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from articles.importers.pipeline import import_paths
from articles.languages import site_language, story_language, tag_of, validate_language
from articles.models import Article

from .factories import ArticleFactory, editor
from .test_structured_data import json_ld
from .test_versions import edit, signed_in

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de_DE", "de-DE"),
        (" en-gb ", "en-GB"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("es-419", "es-419"),
        ("German", ""),
        ("en US", ""),
        ("", ""),
    ],
)
def test_a_language_is_written_as_a_tag_or_not_at_all(given, tag):
    assert tag_of(given) == tag


def test_the_sites_own_language_is_not_stored_on_a_story(settings):
    settings.NEWSROOM_LOCALE = "en-US"
    assert site_language() == "en-US"
    assert story_language("en_us") == ""
    assert story_language("en-GB") == "en-GB"
    assert ArticleFactory(language="EN-us").language == ""
    with pytest.raises(ValidationError, match="such as “de”"):
        validate_language("Deutsch!")


def import_one(path: Path) -> Article:
    import_paths([path], status="draft")
    return Article.objects.order_by("pk").first()


def test_ninjs_newsml_wire_copy_brings_its_language(tmp_path):
    ninjs = tmp_path / "story.json"
    ninjs.write_text(
        json.dumps({"uri": "urn:test:fr-1", "type": "text", "language": "fr",
                    "headlines": [{"role": "main", "value": "Le port rouvre"}],
                    "bodies": [{"role": "main", "value": "<p>Les ferries reprennent.</p>"}]})
    )  # fmt: skip
    assert import_one(ninjs).language == "fr"

    Article.objects.all().delete()
    message = (FIXTURES / "newsml" / "message.xml").read_text()
    newsml = tmp_path / "message.xml"
    newsml.write_text(message.replace("<contentMeta>", '<contentMeta><language tag="de"/>', 1))
    assert import_one(newsml).language == "de"


def test_a_wordpress_export_brings_its_sites_language(tmp_path):
    export = (FIXTURES / "wxr" / "newsroom-export.xml").read_text()
    assert "<language>en-US</language>" in export
    import_one(FIXTURES / "wxr" / "newsroom-export.xml")
    assert set(Article.objects.values_list("language", flat=True)) == {""}  # the site's own

    Article.objects.all().delete()
    path = tmp_path / "export.xml"
    path.write_text(export.replace("<language>en-US</language>", "<language>es-MX</language>"))
    import_paths([path], status="draft")
    assert set(Article.objects.values_list("language", flat=True)) == {"es-MX"}


def test_feeds_bring_the_language_of_the_feed_or_of_the_entry(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor News</title>'
        "<language>en-gb</language><item><title>Ferry fares rise</title>"
        '<guid isPermaLink="false">f-1</guid><link>https://harbor.example.org/f-1</link>'
        "<description>Fares rise in March.</description></item></channel></rss>"
    )
    assert import_one(rss).language == "en-GB"

    Article.objects.all().delete()
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Hafen</title>'
        '<id>urn:hafen</id><updated>2026-11-01T10:00:00Z</updated><entry xml:lang="de">'
        "<title>Fähre fährt wieder</title><id>urn:hafen:1</id>"
        '<link href="https://hafen.example.org/1"/>'
        "<updated>2026-11-01T10:00:00Z</updated><summary>Die Fähre fährt.</summary></entry></feed>"
    )
    assert import_one(atom).language == "de"


def test_a_saved_page_brings_the_language_it_declares(tmp_path):
    page = (FIXTURES / "html" / "harbor-ferry-story.html").read_text()
    path = tmp_path / "page.html"
    path.write_text(page.replace('<html lang="en">', '<html lang="pt-br">', 1))
    assert import_one(path).language == "pt-BR"


def test_the_dpa_wire_story_comes_in_as_german(corpus):
    article = import_one(corpus / "ninjs" / "2.x" / "dpa_text.json")
    assert article.language == "de"


def test_a_german_storys_text_is_marked_german_wherever_it_is_shown(client):
    article = ArticleFactory(headline="Fähre fährt wieder", dek="Der Hafen ist offen.",
                             body="<p>Die Fähre fährt wieder.</p>", language="de")  # fmt: skip
    english = ArticleFactory(headline="Ferry runs again")

    page = client.get(article.get_absolute_url()).text
    assert re.search(r'<h1 class="article__headline" lang="de">Fähre fährt wieder</h1>', page)
    assert '<p class="article__dek" lang="de">' in page
    assert '<div class="article__body" lang="de">' in page
    assert '<html lang="en-US">' in page  # the page around it stays the site's
    assert json_ld(client, article.get_absolute_url())["NewsArticle"]["inLanguage"] == "de"

    home = client.get("/").text
    assert re.search(r'class="(article-card|lead-story)__headline" lang="de"', home)
    assert 'lang="de"><a class="article-card__link" href="' + english.get_absolute_url() not in home

    ninjs = client.get(f"/api/articles/{article.slug}.ninjs.json").json()
    assert ninjs["language"] == "de"
    assert client.get(f"/api/articles/{english.slug}.ninjs.json").json()["language"] == "en-US"

    sitemap = client.get("/sitemap-news.xml").text
    assert "<news:language>de</news:language>" in sitemap
    assert "<news:language>en</news:language>" in sitemap


def test_the_desk_sets_a_storys_language_and_refuses_what_is_not_one():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    client = signed_in(editor())

    refused = edit(client, article, language="German")
    assert refused.status_code == 200
    assert "Give the language as a tag such as “de”" in refused.content.decode()
    assert edit(client, article, language="de_AT").status_code == 302
    article.refresh_from_db()
    assert article.language == "de-AT"
