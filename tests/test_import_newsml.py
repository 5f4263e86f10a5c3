"""Reading IPTC NewsML-G2: the IPTC's own examples and our own edge cases."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.importers import newsml
from articles.importers.base import ImportFormatError, ItemError, ParsedArticle, Skipped
from articles.importers.pipeline import import_file
from articles.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "newsml"
CENTRAL = timezone(timedelta(hours=-5))


def parsed(path: Path) -> list:
    return list(newsml.parse(path))


def test_news_item_listing_1(corpus):
    [article] = parsed(corpus / "newsml/LISTING_1_A_NewsML-G2_News_Item.xml")

    assert article.external_id == "urn:newsml:acmenews.com:20161018:US-FINANCE-FED"
    assert article.headline == 'Fed to halt QE to avert "bubble"'
    assert [(a.name, a.external_id) for a in article.authors] == [
        ("Meredith Jameson", "http://www.example.com/staff/mjameson")
    ]
    assert article.topics == ["economy, business and finance", "labour market"]
    # The located place is the dateline; it and its broader places are place tags.
    assert article.dateline == "Berlin"
    assert article.places == ["Berlin", "Germany"]
    assert article.status == "published"
    # Embargoed until 23 October: not public before then, although created in 2016.
    assert article.published_at == datetime(2018, 10, 23, 12, tzinfo=UTC)
    assert article.body_html == ""


def test_text_document_listing_2_with_nitf_body(corpus):
    [article] = parsed(corpus / "newsml/LISTING_2_NewsML-G2_Text_Document.xml")

    assert article.external_id == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"
    assert article.headline == 'Fed to halt QE to avert "bubble"'
    # The creator's name, with the job title of the NITF byline.
    assert [(a.name, a.job_title) for a in article.authors] == [
        ("Meredith Jameson", "Staff Reporter")
    ]
    assert article.topics == [
        "economy, business and finance",
        "central bank",
        "money and monetary policy",
    ]
    assert article.dateline == "New York, NY"
    assert article.places == ["New York, NY"]
    assert article.published_at == datetime(2018, 11, 21, 16, 25, 32, tzinfo=CENTRAL)
    assert article.body_html.startswith("<p>(New York, NY - October 21) Et, sent luptat")
    assert article.body_html.count("<p>") == 2
    assert "nitf" not in article.body_html and "hl1" not in article.body_html


def test_corpus_files_are_recognised(corpus):
    for path in sorted((corpus / "newsml").glob("*.xml")):
        assert newsml.sniff(path.read_bytes()[:4096], path.name), path.name
    for path in sorted((corpus / "wxr").glob("*.xml")) + sorted((corpus / "feeds").glob("*")):
        assert not newsml.sniff(path.read_bytes()[:4096], path.name), path.name


def test_news_message_with_several_item_sets():
    items = parsed(FIXTURES / "message.xml")

    kinds = [item.reason if isinstance(item, Skipped) else type(item).__name__ for item in items]
    assert kinds == [
        "ParsedArticle",
        "older version",
        "picture",
        "package",
        "knowledge item",
        "ItemError",
        "ParsedArticle",
    ]
    marina = items[0]
    assert marina.headline == "Marina fees rise for the first time in a decade"
    assert marina.dek == "Slips at Longshore go up 8 percent next season."
    assert marina.summary == "The harbor commission approved the increase 4-1."
    assert marina.dateline == "WESTPORT, Conn."
    assert [(a.name, a.job_title) for a in marina.authors] == [
        ("Rosa Delgado", "Waterfront reporter"),
        ("Sam Okafor", ""),
    ]
    # English names are preferred; organisations are topics; geographic subjects are places;
    # people are neither.
    assert marina.topics == ["Ports and harbors", "Shellfish Commission"]
    assert marina.places == ["Westport", "Connecticut", "Compo Beach"]
    assert marina.published_at == datetime(2026, 11, 9, 8, tzinfo=CENTRAL)
    # The XHTML body without its namespace; the save step sanitises what is left.
    assert marina.body_html.startswith(
        '<p>The harbor commission voted Tuesday to raise <a href="https://westport-wire.test/fees"'
    )
    assert "html:" not in marina.body_html and "<title>" not in marina.body_html

    untitled = items[5]
    assert "untitled" in untitled.label
    assert untitled.message == "headline: missing; the item has no headline"

    killed = items[6]
    assert killed.status == "draft"
    assert killed.body_html == "<p>This story has been withdrawn.</p>\n<p>Do not use.</p>"


def test_nitf_head_in_a_declared_latin1_file():
    [article] = parsed(FIXTURES / "nitf.xml")

    assert article.headline == "Ferry to Sheffield Island resumes in May"
    assert [(a.name, a.job_title) for a in article.authors] == [
        ("Lee Park", "Harbor correspondent")
    ]
    assert article.dateline == "NORWALK, Conn."
    assert article.summary == "The seasonal ferry returns after a year of dock repairs."
    assert "the café owner said" in article.body_html
    assert "<h3>Schedule</h3>" in article.body_html
    assert "every 90 minutes.<br>Tickets are sold" in article.body_html
    assert article.status == "draft"
    assert article.published_at == datetime(2026, 11, 10, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("billion_laughs.xml", "refused: the XML declares entities"),
        ("xxe.xml", "refused: the XML declares entities"),
        ("empty.xml", "the file is empty"),
        ("latin1.xml", "not UTF-8 text (byte 0xe9 at offset 226)"),
        ("truncated.xml", "not well-formed XML at line 4, column 32"),
        ("not_newsml.xml", "no NewsML-G2 item found (the root element is <catalog>)"),
    ],
)
def test_unreadable_or_unsafe_files(name, message):
    with pytest.raises(ImportFormatError) as raised:
        parsed(FIXTURES / name)
    assert str(raised.value).startswith(message)


def test_xxe_never_reads_the_local_file():
    with pytest.raises(ImportFormatError) as raised:
        parsed(FIXTURES / "xxe.xml")
    assert "root:" not in str(raised.value)


def test_item_errors_name_the_field(tmp_path):
    path = tmp_path / "dated.xml"
    path.write_text(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">'
        '<itemMeta><itemClass qcode="ninat:text"/><versionCreated>soon</versionCreated>'
        "</itemMeta><contentMeta><headline>Dated in words</headline></contentMeta></newsItem>",
        encoding="utf-8",
    )
    [error] = parsed(path)
    assert isinstance(error, ItemError)
    assert error.label == "item 1 (guid urn:x:1, “Dated in words”)"
    assert error.message == "versionCreated: not a date-time: 'soon'"


def test_item_without_guid(tmp_path):
    path = tmp_path / "no-guid.xml"
    path.write_text(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><itemMeta>'
        '<itemClass qcode="ninat:text"/></itemMeta>'
        "<contentMeta><headline>Nobody's item</headline></contentMeta></newsItem>",
        encoding="utf-8",
    )
    [error] = parsed(path)
    assert error.message.startswith("guid: missing")
    assert not isinstance(error, ParsedArticle)


# Through the save step.


def test_import_of_a_news_message(db):
    report = import_file(FIXTURES / "message.xml", status="keep")

    assert (report.created, report.failed) == (2, 1)
    assert dict(report.skipped) == {
        "older version": 1,
        "picture": 1,
        "package": 1,
        "knowledge item": 1,
    }
    marina = Article.objects.get(external_id="urn:newsml:westport-wire.test:20261109:marina")
    assert marina.source == "newsml"
    assert marina.status == Article.Status.PUBLISHED
    assert marina.headline == "Marina fees rise for the first time in a decade"
    # The body is sanitised on the way in.
    assert "<script" not in marina.body and "onclick" not in marina.body
    assert 'href="https://westport-wire.test/fees"' in marina.body
    killed = Article.objects.get(external_id="urn:newsml:westport-wire.test:20261109:killed")
    assert killed.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=killed.pk).exists()


def test_import_refuses_entity_bombs_and_writes_nothing(db):
    report = import_file(FIXTURES / "billion_laughs.xml")

    [failure] = report.failures
    assert failure.file.endswith("billion_laughs.xml")
    assert failure.message.startswith("refused: the XML declares entities")
    assert not Article.objects.exists()


def news_item(folder: Path, version: int, created: str, headline: str) -> Path:
    """One version of the same wire story in a file of its own, as each update arrives."""
    path = folder / f"marina-v{version}.xml"
    path.write_text(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
        f'guid="urn:newsml:westport-wire.test:20261109:marina" version="{version}">'
        '<itemMeta><itemClass qcode="ninat:text"/>'
        f"<versionCreated>{created}</versionCreated></itemMeta>"
        f"<contentMeta><headline>{headline}</headline></contentMeta>"
        '<contentSet><inlineData contenttype="text/plain">The harbor commission met.'
        "</inlineData></contentSet></newsItem>",
        encoding="utf-8",
    )
    return path


def test_an_older_version_never_replaces_a_newer_one(db, tmp_path):
    first = news_item(tmp_path, 11, "2026-11-09T09:45:00-05:00", "Marina fees rise")
    second = news_item(tmp_path, 12, "2026-11-09T11:00:00-05:00", "Marina fees rise 8 percent")
    [parsed_item] = parsed(first)
    assert parsed_item.version == 11
    assert parsed_item.version_created_at == datetime(2026, 11, 9, 9, 45, tzinfo=CENTRAL)

    assert import_file(first).created == 1
    assert import_file(second).updated == 1
    late = import_file(first)

    assert (late.updated, late.unchanged) == (0, 1)
    assert late.items[0].warnings[0].startswith("an older version (version 11, 2026-11-09 14:45")
    article = Article.objects.get()
    assert (article.headline, article.source_version) == ("Marina fees rise 8 percent", 12)
