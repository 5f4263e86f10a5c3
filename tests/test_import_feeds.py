"""RSS and Atom feeds: the real Guardian and heise feeds, our own feed, and unsafe XML."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.importers import feeds
from articles.importers.base import ImportFormatError, ItemError, ParsedArticle
from articles.importers.pipeline import import_file
from articles.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def read(path: Path) -> list:
    return list(feeds.parse(path))


def test_guardian_rss_entries_with_media_credits(corpus):
    items = read(corpus / "feeds" / "guardian.rss")

    assert len(items) == 55
    assert all(isinstance(item, ParsedArticle) for item in items)
    first = items[0]
    assert first.headline == (
        "Trump State of the Union address promised unity but emphasized discord"
    )
    assert first.external_id == (
        "https://www.theguardian.com/us-news/2018/jan/31/"
        "donald-trump-state-of-the-union-address-unity-discord"
    )
    assert [a.name for a in first.authors] == ["David Smith"]  # "… in Washington" is a place
    assert first.published_at == datetime(2018, 1, 31, 7, 26, 5, tzinfo=UTC)
    assert first.status == ""  # the import's --status decides
    assert first.topics[:3] == ["Donald Trump", "State of the Union address", "US news"]
    assert first.body_html.startswith("<p>The president’s ‘new American moment’ speech")
    # Two sizes of one picture are one photo, at the larger size.
    assert first.photos == []
    assert (first.lead_photo.credit, first.lead_photo.agency) == (
        "Networ",
        "Sipa USA/REX/Shutterstock",
    )
    assert "w=460" in first.lead_photo.source_url
    credited = [item for item in items if item.lead_photo and item.lead_photo.credit]
    assert len(credited) == 55
    assert sum("Getty Images" in item.lead_photo.agency for item in items) >= 10
    by_headline = {item.headline: item for item in items}
    wintour = by_headline["Russia-backed Syrian peace talks agree deal on new constitution"]
    assert [(a.name, a.job_title) for a in wintour.authors] == [
        ("Patrick Wintour", "Diplomatic editor")
    ]


def test_heise_atom_keeps_german_text(corpus):
    items = read(corpus / "feeds" / "heise-developer.atom")

    assert len(items) == 15
    first = items[0]
    assert first.headline == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei"
    assert first.external_id == "http://heise.de/-3088438"
    assert "Die nun verfügbare Version 10 des Enterprise-Java-Servers" in first.body_html
    assert "dritte größere Release" in first.summary
    assert first.published_at == datetime(2016, 2, 1, 16, 22, tzinfo=UTC)
    assert any("Microsoft veröffentlicht" in item.headline for item in items)
    # Atom entries without their own author have the feed's.
    assert {a.name for item in items for a in item.authors} == {"heise online"}


def test_own_feed_photos_captions_enclosures_and_a_bad_date():
    first, second, third = read(FIXTURES / "ledger-media.rss")

    assert first.external_id == "ledger-2025-0314-ferry"
    assert [a.name for a in first.authors] == ["Rosa Delgado", "Owen Fitch"]
    assert first.topics == ["Harbor", "Ferries"]
    assert first.summary == "The Harriet Lane carried its first passengers since the January storm."
    assert "It felt like the first day of summer" in first.body_html
    assert first.dateline == "MILLBROOK" and first.body_html.startswith("<p>The ferry")
    lead = first.lead_photo
    assert lead.caption == "The Harriet Lane at the rebuilt dock on Friday morning."
    assert (lead.credit, lead.agency) == ("Mara Quinn", "Millbrook Ledger")
    assert lead.source_url.endswith("ferry-dock.jpg?w=1200")
    (ramp,) = first.photos  # the audio file is not a photo
    assert (ramp.caption, ramp.credit) == ("The new loading ramp", "Ines Marlow")

    assert second.external_id == "https://ledger.example.org/2025/03/20/book-sale/"
    assert second.lead_photo.source_url == "https://ledger.example.org/media/books.jpg"

    assert isinstance(third, ItemError)
    assert third.label.startswith("item 3 (https://ledger.example.org/?p=103")
    assert third.message == "pubDate: not a date: 'sometime next week'"


@pytest.mark.parametrize(
    "name", ["billion-laughs.rss", "xxe.atom", "malformed-xxe.rss"]
)  # fmt: skip
def test_entity_declarations_are_refused_before_feedparser_reads_them(name):
    with pytest.raises(ImportFormatError, match="refused: the XML declares entities"):
        read(FIXTURES / name)


def test_empty_and_non_feed_files_fail_clearly(tmp_path):
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b"")
    not_a_feed = tmp_path / "notes.xml"
    not_a_feed.write_text("<notes><note>Call the harbor master</note></notes>")

    with pytest.raises(ImportFormatError, match="the file is empty"):
        read(empty)
    with pytest.raises(ImportFormatError, match="not an RSS or Atom feed"):
        read(not_a_feed)


@pytest.mark.django_db
def test_import_saves_entries_sanitised_and_once():
    path = FIXTURES / "ledger-media.rss"

    report = import_file(path, status="published")

    assert (report.created, report.failed) == (2, 1)
    (failure,) = report.failures
    assert failure.file == str(path) and failure.message.startswith("pubDate: not a date")
    ferry = Article.objects.get(source="feed", external_id="ledger-2025-0314-ferry")
    # Its lead photo has no file yet, so the rule for imported copy holds it for review.
    assert ferry.status == Article.Status.REVIEW
    assert "<script" not in ferry.body and "alert(1)" not in ferry.body
    assert ferry.lead_photo.credit_line == "Mara Quinn / Millbrook Ledger"
    assert [a.name for a in ferry.byline_authors()] == ["Rosa Delgado", "Owen Fitch"]

    again = import_file(path, status="published")

    assert (again.created, again.unchanged) == (0, 2)


@pytest.mark.django_db
def test_xxe_feed_reads_no_local_file():
    report = import_file(FIXTURES / "xxe.atom")

    assert report.failed == 1 and not Article.objects.exists()
    assert not re.search(r"root:.*:0:0:", str(report.failures[0]))


def test_plain_text_content_is_escaped_into_paragraphs(tmp_path):
    path = tmp_path / "ledger.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Ledger</title><id>urn:ledger</id><updated>2025-03-14T12:30:00Z</updated>"
        "<entry><title>Tide tables</title><id>urn:ledger:7</id>"
        "<updated>2025-03-14T12:30:00Z</updated><author><name>Elena Voss</name></author>"
        '<content type="text">High tide at 6 a.m. &lt;b&gt;not bold&lt;/b&gt;\n\n'
        "Low tide at noon.</content></entry></feed>",
        encoding="utf-8",
    )

    (entry,) = read(path)

    assert entry.body_html == (
        "<p>High tide at 6 a.m. &lt;b&gt;not bold&lt;/b&gt;</p>\n<p>Low tide at noon.</p>"
    )
    assert [a.name for a in entry.authors] == ["Elena Voss"]
