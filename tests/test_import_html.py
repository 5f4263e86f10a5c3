"""Saved web pages: story text, headline, byline, date and lead picture from our own pages."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.importers import detect_format, html
from articles.importers.base import ImportFormatError
from articles.importers.pipeline import import_file
from articles.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def read_one(path: Path):
    (item,) = html.parse(path)
    return item


def test_page_with_json_ld_and_open_graph():
    story = read_one(FIXTURES / "harbor-ferry-story.html")

    assert story.external_id == "https://ledger.example.org/2025/03/14/ferry-service-resumes/"
    assert story.source_url == story.external_id
    assert story.headline == "Ferry service to Pine Island resumes after storm repairs"
    assert [a.name for a in story.authors] == ["Rosa Delgado", "Owen Fitch"]
    assert story.published_at == datetime(2025, 3, 14, 8, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert story.summary == "The Harriet Lane carried its first passengers since the January storm."
    paragraphs = story.body_html.count("<p>")
    assert paragraphs == 6
    assert story.dateline == "MILLBROOK"  # moved out of the first paragraph
    assert story.body_html.startswith("<p>The ferry Harriet Lane carried")
    assert "“I missed my sister’s birthday,” Whitcomb said." in story.body_html
    # Navigation, related links, the footer and scripts are not the story; nor is the headline.
    for chrome in ("Related stories", "Subscribe", "Opinion", "trackPageView", "<h1"):
        assert chrome not in story.body_html
    photo = story.lead_photo
    assert photo.source_url == "https://ledger.example.org/media/2025/03/ferry-dock.jpg"
    assert photo.caption == "The Harriet Lane at the rebuilt dock on Friday morning."
    assert (photo.credit, photo.agency) == ("Mara Quinn", "Millbrook Ledger")
    assert photo.alt_text == "The ferry Harriet Lane tied up at the rebuilt Millbrook dock"
    assert "ferry-dock.jpg" not in story.body_html  # shown as the lead, not twice


def test_older_page_with_meta_tags_and_a_declared_windows_encoding():
    story = read_one(FIXTURES / "school-board-vote.html")

    assert story.headline == "School board backs budget with new bus route"
    assert story.external_id == "https://valleycourier.example.net/news/school-board-budget"
    assert [a.name for a in story.authors] == ["Dana Whitfield"]
    assert story.published_at == datetime(2025, 5, 6, 21, 15, tzinfo=UTC)
    assert story.topics == ["Schools", "Budget", "Transportation"]
    assert story.lead_photo.source_url == "https://valleycourier.example.net/img/bus-route.png"
    assert "repairs to the café at Ashford Middle School" in story.body_html
    assert "“No child in this district" in story.body_html
    assert "Advertise" not in story.body_html and "By Dana Whitfield" not in story.body_html


def test_page_without_an_address_is_identified_by_its_text(tmp_path):
    page = (FIXTURES / "school-board-vote.html").read_text()
    page = page.split("\n", 1)[1]  # without the "saved from" note
    first, second = tmp_path / "a.html", tmp_path / "b.htm"
    first.write_text(page)
    second.write_text(page.replace("<title>", "<title>\n"))

    assert read_one(first).external_id.startswith("sha256:")
    assert read_one(first).external_id == read_one(second).external_id
    assert read_one(first).source_url == ""


def test_empty_page_and_page_without_a_story(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("   \n")
    bare = tmp_path / "bare.html"
    bare.write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")

    with pytest.raises(ImportFormatError, match="the file is empty"):
        list(html.parse(empty))
    with pytest.raises(ImportFormatError, match="no story text"):
        list(html.parse(bare))


@pytest.mark.parametrize(
    "source, misleading_name, expected",
    [
        ("wxr/wpimporter-small-export.xml", "export.rss", "wxr"),
        ("wxr/64-block-test-data.xml", "blocks.txt", "wxr"),
        ("feeds/guardian.rss", "guardian.xml.txt", "feed"),
        ("feeds/heise-developer.atom", "heise.html", "feed"),
    ],
)
def test_formats_are_recognised_by_content_not_name(
    corpus, tmp_path, source, misleading_name, expected
):
    copy = tmp_path / misleading_name
    copy.write_bytes((corpus / source).read_bytes())

    assert detect_format(copy).FORMAT == expected


@pytest.mark.parametrize(
    "source, misleading_name, expected",
    [
        ("wxr/newsroom-export.xml", "export.rss", "wxr"),
        ("feeds/ledger-media.rss", "ledger.xml.txt", "feed"),
        ("newsml/message.xml", "wire.html", "newsml"),
        ("newsml/nitf.xml", "nitf.txt", "newsml"),
        ("ninjs/list.json", "list.txt", "ninjs"),
        ("ninjs/lines.jsonl", "lines", "ninjs"),
        ("text/scooter-fire.txt", "scooter-fire.html", "text"),
    ],
)
def test_own_files_are_recognised_by_content_not_name(tmp_path, source, misleading_name, expected):
    copy = tmp_path / misleading_name
    copy.write_bytes((FIXTURES.parent / source).read_bytes())

    assert detect_format(copy).FORMAT == expected


@pytest.mark.parametrize("name", ["harbor-ferry-story.html", "school-board-vote.html"])
def test_saved_pages_are_recognised_by_content(tmp_path, name):
    copy = tmp_path / "story.xml"
    copy.write_bytes((FIXTURES / name).read_bytes())

    assert detect_format(copy).FORMAT == "html"


@pytest.mark.django_db
def test_import_saves_the_page_once():
    path = FIXTURES / "harbor-ferry-story.html"

    report = import_file(path, status="draft")

    assert report.created == 1 and report.failed == 0
    article = Article.objects.get(source="html")
    assert article.headline == "Ferry service to Pine Island resumes after storm repairs"
    assert article.status == Article.Status.DRAFT
    assert article.lead_photo.credit_line == "Mara Quinn / Millbrook Ledger"
    assert [a.name for a in article.byline_authors()] == ["Rosa Delgado", "Owen Fitch"]
    assert import_file(path, status="draft").unchanged == 1


def test_json_ld_graph_as_wordpress_seo_plugins_write_it(tmp_path):
    path = tmp_path / "page.html"
    paragraphs = "".join(
        f"<p>Paragraph {n} of the council story, with enough words to count as text.</p>"
        for n in range(1, 5)
    )
    path.write_text(
        "<!DOCTYPE html><html><head><title>Council | Ledger</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "@id": "https://ledger.example.org/council/"},'
        '{"@type": ["Article", "NewsArticle"], "headline": "Council delays vote on the marina",'
        ' "datePublished": "2025-06-02T18:00:00+00:00", "author": {"name": "Owen Fitch"},'
        ' "image": ["https://ledger.example.org/img/marina.jpg"],'
        ' "keywords": ["Marina", "Council"]}'
        "]}</script></head><body><article><h1>Council delays vote on the marina</h1>"
        f"{paragraphs}</article></body></html>",
        encoding="utf-8",
    )

    story = read_one(path)

    assert story.headline == "Council delays vote on the marina"
    assert [a.name for a in story.authors] == ["Owen Fitch"]
    assert story.published_at == datetime(2025, 6, 2, 18, 0, tzinfo=UTC)
    assert story.lead_photo.source_url == "https://ledger.example.org/img/marina.jpg"
    assert story.topics == ["Marina", "Council"]
    assert story.body_html.count("<p>") == 4
