"""Reading IPTC ninjs 1.x and 2.x: the real examples in the corpus and our own edge cases."""

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.importers import ninjs
from articles.importers.base import ImportFormatError, ItemError, ParsedArticle, Skipped
from articles.importers.pipeline import import_file
from articles.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"


def parsed(path: Path) -> list:
    return list(ninjs.parse(path))


def articles(path: Path) -> list[ParsedArticle]:
    return [item for item in parsed(path) if isinstance(item, ParsedArticle)]


# The real examples of the IPTC ninjs repository.


def test_ninjs_2_simple_text(corpus):
    [article] = parsed(corpus / "ninjs/2.x/ninjsExSimpleText_2.json")

    assert article.external_id == "http://ninjs.example.com/newsitems/20130709simp123"
    assert article.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert [a.name for a in article.authors] == ["Paulo Santalucia", "Frances d'Emilio"]
    assert article.published_at == datetime(2013, 7, 9, 10, 37, tzinfo=UTC)
    assert article.status == "published"
    # The HTML body wins over the plain one; the wire dateline moves out of the first paragraph.
    assert article.dateline == "GROSSETO, Italy"
    assert article.body_html.startswith("<body><p>The trial of the captain")
    assert "His lawyer, Domenico Pepe" in article.body_html
    assert article.body_html.count("<p>") == 4


def test_ninjs_1_simple_text_reads_the_same_story(corpus):
    [old] = parsed(corpus / "ninjs/1.x/ninjsExSimpleText1.json")
    [new] = parsed(corpus / "ninjs/2.x/ninjsExSimpleText_2.json")

    for field in ("external_id", "headline", "dateline", "authors", "published_at"):
        assert getattr(old, field) == getattr(new, field), field
    assert old.body_html.startswith("<p>The trial of the captain")
    assert old.body_html.count("<p>") == 4


def test_dpa_text_with_html_body(corpus):
    [article] = parsed(corpus / "ninjs/2.x/dpa_text.json")

    assert article.external_id == "urn:newsml:dpa.com:20090101:190510-99-167362"
    assert article.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    assert [(a.name, a.job_title) for a in article.authors] == [("Christian Hollmann", "dpa")]
    assert article.published_at == datetime(
        2019, 5, 10, 16, 2, 28, tzinfo=timezone(timedelta(hours=2))
    )
    assert article.body_html.startswith('<section class="main"><p>Für Lucien Favre')
    assert article.body_html.count("<p>") == 9
    assert article.status == "published"


def test_ap_picture_item_alone_is_not_a_story(corpus):
    [item] = parsed(corpus / "ninjs/2.x/ap_image.json")

    assert isinstance(item, Skipped)
    assert item.reason == "picture"
    assert "Turkey Islamic State" in item.label


def test_every_corpus_file_is_recognised(corpus):
    for path in sorted((corpus / "ninjs").glob("[12].x/*.json")):
        assert ninjs.sniff(path.read_bytes()[:4096], path.name), path.name


def test_sniff_refuses_other_formats(corpus):
    assert not ninjs.sniff((corpus / "westport-ice-raids.txt").read_bytes()[:4096], "a.txt")
    assert not ninjs.sniff(b'<?xml version="1.0"?><rss/>', "feed.json")
    assert not ninjs.sniff(b'{"name": "package", "version": "1.0"}', "package.json")


# Our own files.


def test_list_with_pictures_subjects_places_and_photos():
    first, second, picture = parsed(FIXTURES / "list.json")

    assert first.headline == "Library adds Sunday hours after petition drive"
    assert first.dek.startswith("The branch on Main Street will open")
    assert first.summary == "More than 900 residents signed a petition for weekend hours."
    assert first.dateline == "WESTPORT"
    assert [(a.name, a.job_title) for a in first.authors] == [
        ("Dana Whitfield", "Staff writer"),
        ("Lee Park", ""),
    ]
    assert first.body_html.startswith("<p>The library board voted 5-0")
    assert first.topics == ["Libraries", "Town government"]
    assert first.places == ["Westport", "Fairfield County"]
    assert first.published_at == datetime(2026, 11, 3, 14, 15, tzinfo=UTC)

    lead = first.lead_photo
    assert lead.external_id == "urn:newsml:westport-wire.test:20261103:library-photo"
    assert lead.caption == "Volunteers shelve returns in the reading room on Monday."
    assert (lead.credit, lead.agency) == ("Maria Santos", "Westport Wire")
    assert lead.alt_text == "Two volunteers push a cart of books between tall shelves."
    # The widest image rendition; the NITF caption file is not an image.
    assert lead.source_url == "https://images.westport-wire.test/library/large.jpg"
    [other] = first.photos
    assert (other.credit, other.agency) == ("Lee Park", "Westport Wire")
    assert other.source_url == "https://images.westport-wire.test/library/petition.jpg"

    # A plain-text body becomes paragraphs; its opening dateline moves to the dateline.
    assert second.dateline == "SAUGATUCK"
    assert second.body_html == (
        "<p>The Army Corps of Engineers pushed back the dredging.</p>\n"
        "<p>Boaters will have to wait.</p>"
    )
    assert second.published_at == datetime(2026, 11, 3, 14, 5, tzinfo=UTC)

    assert isinstance(picture, Skipped) and picture.reason == "picture"


def test_ninjs_1_fields():
    [article] = parsed(FIXTURES / "ninjs_1x.json")

    assert article.headline == "Voters approve new firehouse on Post Road"
    assert article.dek == "The $14 million station replaces one built in 1962."
    assert article.summary == "The referendum passed by 612 votes."
    assert article.body_html.startswith("<p>Voters approved the station on Tuesday.</p>")
    assert [(a.name, a.job_title) for a in article.authors] == [
        ("Rosa Delgado", "Town Hall reporter"),
        ("Sam Okafor", ""),
    ]
    assert article.topics == ["Fire departments", "Elections"]
    assert article.places == ["Post Road"]
    # A time without an offset is read as UTC, so it is never naive.
    assert article.published_at == datetime(2026, 11, 5, 7, 30, tzinfo=UTC)
    photo = article.lead_photo
    assert photo.credit == "Maria Santos"
    assert photo.caption == "The old station's bay doors on Post Road."
    assert photo.source_url == "http://images.westport-wire.test/firehouse/base.jpg"


def test_json_lines_with_one_bad_line():
    items = parsed(FIXTURES / "lines.jsonl")

    assert [type(item) for item in items] == [ParsedArticle, ItemError, ParsedArticle, ItemError]
    good = [item.headline for item in items if isinstance(item, ParsedArticle)]
    assert good == ["School board trims budget request", "Beach pass prices hold steady"]
    broken, no_text = (item for item in items if isinstance(item, ItemError))
    assert broken.label == "item 2 (line 2)"
    assert broken.message.startswith("malformed JSON at column 120:")
    # Neither headline nor body: the message names the item and the field.
    assert "line 5" in no_text.label and "no-text" in no_text.label
    assert no_text.message.startswith("headlines:")


def test_bad_fields_fail_alone_naming_the_field():
    items = parsed(FIXTURES / "bad_fields.json")

    errors = [(item.label.split(" (")[0], item.message) for item in items[:-1]]
    assert errors == [
        ("item 1", "headlines: missing; the item has no headline"),
        ("item 2", "uri: missing; every ninjs item needs its own uri"),
        ("item 3", "versioncreated: not a date-time: 'last Tuesday'"),
        ("item 4", "pubstatus: unknown value 'maybe' (usable, withheld, canceled)"),
        ("item 5", "subjects: expected a list, found a string"),
        ("item 6", "item: expected a JSON object, found a string"),
    ]
    assert items[-1].headline == "The one good item"


def test_versions_status_and_embargo():
    newest, older, canceled, withheld = parsed(FIXTURES / "versions.json")

    # The newest version of a uri wins wherever it stands in the file.
    assert newest.headline == "Riverside Avenue reopens early"
    assert isinstance(older, Skipped) and older.reason == "older version"
    # A killed story is kept as a draft, so an earlier published version comes off the site.
    assert canceled.status == "draft"
    assert withheld.status == "draft"
    # An embargo later than the item's time holds publication until it lifts.
    assert withheld.published_at == datetime(2030, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.json", "the file is empty"),
        ("latin1.json", "not UTF-8 text (byte 0xe9 at offset 99)"),
        ("malformed.json", "malformed JSON at line 6, column 1: Expecting ',' delimiter"),
        ("scalar.json", "expected a ninjs object or a list of them, found a number"),
    ],
)
def test_unreadable_files(name, message):
    with pytest.raises(
        ImportFormatError, match="^" + message.replace("(", r"\(").replace(")", r"\)")
    ):
        parsed(FIXTURES / name)


def test_utf8_with_byte_order_mark():
    [article] = parsed(FIXTURES / "bom.json")
    assert article.headline == "Café Norte opens on Main Street"


def test_utf16_with_byte_order_mark(tmp_path):
    path = tmp_path / "story.json"
    path.write_bytes('{"uri": "urn:x:1", "headlines": [{"value": "Café Norte"}]}'.encode("utf-16"))
    assert ninjs.sniff(path.read_bytes(), path.name)
    [article] = parsed(path)
    assert article.headline == "Café Norte"


@pytest.mark.parametrize(
    ("line", "credit", "agency"),
    [
        ("Charles Reed / Associated Press", "Charles Reed", "Associated Press"),
        ("Charles Reed/AP", "Charles Reed", "AP"),
        ("ASSOCIATED PRESS", "", "ASSOCIATED PRESS"),
        ("Getty Images", "", "Getty Images"),
        ("Dana Whitfield", "Dana Whitfield", ""),
        ("Dana Whitfield for The Westport Ledger", "Dana Whitfield", "The Westport Ledger"),
        ("", "", ""),
    ],
)
def test_split_credit(line, credit, agency):
    assert ninjs.split_credit(line) == (credit, agency)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Dana Whitfield", [("Dana Whitfield", "")]),
        ("Von Christian Hollmann, dpa", [("Christian Hollmann", "dpa")]),
        ("Ann Lee, Bo Diaz and Cy Ono", [("Ann Lee", ""), ("Bo Diaz", ""), ("Cy Ono", "")]),
        (
            "Dana Whitfield, Staff writer; Lee Park, Photo editor",
            [("Dana Whitfield", "Staff writer"), ("Lee Park", "Photo editor")],
        ),
        ("BY ROSA DELGADO & SAM OKAFOR", [("ROSA DELGADO", ""), ("SAM OKAFOR", "")]),
    ],
)
def test_parse_byline(byline, expected):
    assert [(a.name, a.job_title) for a in ninjs.parse_byline(byline)] == expected


def test_structured_authors_win_over_the_byline(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(
        '{"uri": "urn:x:2", "headlines": [{"value": "Harbor report"}],'
        ' "by": "Rosa Delgado, Waterfront reporter and others",'
        ' "people": [{"name": "Ana Ruiz", "rel": "subject"},'
        '            {"name": "Rosa Delgado", "rel": "author"},'
        '            {"name": "Sam Okafor", "rel": "http://cv.example.test/role/author"}],'
        ' "authors": [{"name": "Lee Park", "jobtitle": {"name": "Photo editor"}}]}',
        encoding="utf-8",
    )
    [article] = parsed(path)
    assert [(a.name, a.job_title) for a in article.authors] == [
        ("Lee Park", "Photo editor"),
        ("Rosa Delgado", "Waterfront reporter"),
        ("Sam Okafor", ""),
    ]


def test_lead_photo_is_the_featured_picture(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(
        '{"uri": "urn:x:3", "headlines": [{"value": "Harbor report"}], "associations": ['
        ' {"name": "related", "uri": "urn:x:4", "type": "text"},'
        ' {"name": "picture1", "uri": "urn:x:5", "type": "picture", "by": "Lee Park"},'
        ' {"name": "featureimage", "uri": "urn:x:6", "type": "picture", "by": "Maria Santos"}]}',
        encoding="utf-8",
    )
    [article] = parsed(path)
    assert article.lead_photo.external_id == "urn:x:6"
    assert [photo.external_id for photo in article.photos] == ["urn:x:5"]


def test_ninjs_3_camel_case_names(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(
        '{"uri": "urn:x:7", "type": "text", "firstCreated": "2026-11-12T08:00:00Z",'
        ' "embargoedUntil": "2026-11-12T12:00:00Z", "pubStatus": "withheld",'
        ' "headlines": [{"role": "main", "contentType": "text/plain", "value": "Tide chart"}],'
        ' "bodies": [{"contentType": "text/html", "value": "<p>High tide at noon.</p>"}],'
        ' "associations": [{"name": "featureimage", "uri": "urn:x:8", "type": "picture",'
        '   "copyrightHolder": "Westport Wire"}]}',
        encoding="utf-8",
    )
    [article] = parsed(path)
    assert article.status == "draft"
    assert article.published_at == datetime(2026, 11, 12, 12, tzinfo=UTC)
    assert article.body_html == "<p>High tide at noon.</p>"
    assert article.lead_photo.agency == "Westport Wire"


# Through the save step.


def test_import_saves_stories_photos_and_tags(db):
    report = import_file(FIXTURES / "list.json", status="keep")

    assert (report.created, report.failed, dict(report.skipped)) == (2, 0, {"picture": 1})
    article = Article.objects.get(
        external_id="urn:newsml:westport-wire.test:20261103:library-hours"
    )
    assert article.source == "ninjs"
    # Its lead photo has no file yet, so the rule for imported copy holds it for review.
    assert article.status == Article.Status.REVIEW
    assert [(a.name, a.job_title) for a in article.byline_authors()] == [
        ("Dana Whitfield", "Staff writer"),
        ("Lee Park", ""),
    ]
    assert {"Libraries", "Town government"} <= set(article.topics.names())
    assert {"Westport", "Fairfield County"} <= set(
        article.places.values_list("short_name", flat=True)
    )
    photo = article.lead_photo
    assert (photo.credit, photo.agency) == ("Maria Santos", "Westport Wire")
    assert photo.alt_text == "Two volunteers push a cart of books between tall shelves."
    assert not photo.has_file  # remote images are fetched only when asked

    again = import_file(FIXTURES / "list.json", status="keep")
    assert (again.created, again.unchanged) == (0, 2)
    assert Article.objects.count() == 2


def test_import_of_json_lines_keeps_the_good_lines(db):
    report = import_file(FIXTURES / "lines.jsonl")

    assert (report.created, report.failed) == (2, 2)
    assert [(failure.item, failure.message.split(":")[0]) for failure in report.failures] == [
        ("item 2 (line 2)", "malformed JSON at column 120"),
        ("item 4 (line 5, uri urn:newsml:westport-wire.test:20261104:no-text)", "headlines"),
    ]
    assert all(failure.file.endswith("lines.jsonl") for failure in report.failures)


def test_import_of_an_unreadable_file_names_it(db):
    report = import_file(FIXTURES / "latin1.json")

    [failure] = report.failures
    assert failure.file.endswith("latin1.json")
    assert failure.message.startswith("not UTF-8 text")
    assert not Article.objects.exists()


def wire_version(folder: Path, version: int, created: str, headline: str) -> Path:
    """A file holding one version of the same wire story, as a wire service sends each update."""
    path = folder / f"road-closure-v{version}.json"
    document = {
        "uri": "urn:newsml:westport-wire.test:20261106:road-closure",
        "version": str(version),
        "versioncreated": created,
        "headlines": [{"role": "main", "value": headline}],
        "by": "Dana Whitfield",
        "bodies": [{"contenttype": "text/plain", "value": f"{headline}. Detours are posted."}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_version_number_and_time_are_read(tmp_path):
    [item] = articles(wire_version(tmp_path, 3, "2026-11-06T12:00:00Z", "Riverside reopens"))
    assert (item.version, item.version_created_at) == (3, datetime(2026, 11, 6, 12, tzinfo=UTC))

    (tmp_path / "bad.json").write_text('{"uri": "urn:x:1", "version": "2b", "headline": "Odd"}')
    [error] = parsed(tmp_path / "bad.json")
    assert error.message == "version: not a whole number: '2b'"


def test_an_older_version_from_a_later_file_keeps_the_newer_story(db, tmp_path):
    newer = wire_version(tmp_path, 2, "2026-11-06T12:00:00Z", "Riverside Avenue reopens early")
    older = wire_version(tmp_path, 1, "2026-11-06T08:00:00Z", "Riverside Avenue closed")
    assert import_file(newer).created == 1

    report = import_file(older)

    assert (report.updated, report.unchanged, report.warnings) == (0, 1, 1)
    assert report.items[0].warnings == [
        "an older version (version 1, 2026-11-06 08:00 UTC) than the one imported before "
        "(version 2, 2026-11-06 12:00 UTC); kept the newer"
    ]
    article = Article.objects.get()
    assert article.headline == "Riverside Avenue reopens early"
    assert (article.source_version, article.source_version_at) == (
        2,
        datetime(2026, 11, 6, 12, tzinfo=UTC),
    )


def test_a_newer_version_from_a_later_file_updates_the_story(db, tmp_path):
    older = wire_version(tmp_path, 1, "2026-11-06T08:00:00Z", "Riverside Avenue closed")
    newer = wire_version(tmp_path, 2, "2026-11-06T12:00:00Z", "Riverside Avenue reopens early")
    import_file(older)

    report = import_file(newer)

    assert (report.updated, report.unchanged, report.warnings) == (1, 0, 0)
    article = Article.objects.get()
    assert article.headline == "Riverside Avenue reopens early"
    assert article.source_version == 2
    # The same version again is the same copy: nothing to do, nothing to warn about.
    again = import_file(newer)
    assert (again.unchanged, again.warnings) == (1, 0)


def test_within_a_file_version_times_are_compared_as_times(tmp_path):
    uri = "urn:newsml:westport-wire.test:20261106:road-closure"
    path = tmp_path / "two-takes.json"
    path.write_text(
        json.dumps(
            [
                {"uri": uri, "versioncreated": "2026-11-06T12:00:00Z", "headline": "At noon"},
                # 13:00 UTC, although its digits read earlier.
                {"uri": uri, "versioncreated": "2026-11-06T08:00:00-05:00", "headline": "At one"},
            ]
        ),
        encoding="utf-8",
    )
    first, second = parsed(path)
    assert isinstance(first, Skipped) and first.reason == "older version"
    assert second.headline == "At one"
