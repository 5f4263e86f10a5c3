"""The plain-text article format: parsing only, no database."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from articles.importers import FORMAT_MODULES, detect_format, get_format, text
from articles.importers.base import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def parse_one(path):
    items = list(text.parse(path))
    assert len(items) == 1
    return items[0]


def test_seed_article_fields(corpus):
    item = parse_one(corpus / "westport-ice-raids.txt")

    assert item.headline == "Westport PD reassures public ahead of nationwide ICE raids"
    assert [author.name for author in item.authors] == ["Tara O'Neill"]
    assert item.lead_photo.credit == "Charles Reed"
    assert item.lead_photo.agency == "Associated Press"
    assert item.lead_photo.caption == ""
    assert item.dateline == "WESTPORT"
    assert item.body_html.startswith("<p>As a first-generation immigrant, Westport Police Chief")
    assert "WESTPORT —" not in item.body_html
    assert item.body_html.count("<p>") == 9
    assert "Charles Reed" not in item.body_html and "Tara" not in item.body_html


def test_external_id_is_a_hash_of_the_normalised_text(tmp_path):
    original = (FIXTURES / "scooter-fire.txt").read_text(encoding="utf-8")
    respaced = tmp_path / "copy.txt"
    respaced.write_bytes(("\ufeff" + original.replace("\n", "  \r\n")).encode("utf-8"))
    changed = tmp_path / "changed.txt"
    changed.write_text(original.replace("Tuesday", "Monday"), encoding="utf-8")

    first = parse_one(FIXTURES / "scooter-fire.txt").external_id
    assert first.startswith("sha256:")
    assert parse_one(respaced).external_id == first
    assert parse_one(changed).external_id != first


def test_two_authors_caption_date_and_state_dateline():
    item = parse_one(FIXTURES / "two-authors-caption.txt")

    assert [author.name for author in item.authors] == ["Maribel Ortega", "Dev Patel"]
    assert item.authors[1].job_title == "Staff Writers"
    assert item.published_at == datetime(2025, 3, 4, 19, 15, tzinfo=ZoneInfo("America/New_York"))
    photo = item.lead_photo
    assert photo.caption == "Kayakers launch from the old ramp at Compo Beach on Saturday morning."
    assert (photo.credit, photo.agency) == ("Lena Marsh", "Westport Ledger")
    assert item.dateline == "NORWALK, Conn."
    assert item.body_html.startswith("<p>The harbor commission postponed")
    assert "Kayakers" not in item.body_html


def test_a_first_paragraph_starting_with_by_is_not_a_byline():
    item = text.parse_text("Headline\n\nBy the time the vote came, the hall was empty.\n\nMore.")
    assert item.authors == []
    assert item.body_html.startswith("<p>By the time the vote came")


def test_story_without_byline_photo_or_dateline():
    item = parse_one(FIXTURES / "plain-story.txt")

    assert item.headline == "Library extends Sunday hours through the summer"
    assert item.authors == [] and item.lead_photo is None and item.dateline == ""
    assert item.body_html.count("<p>") == 2


@pytest.mark.parametrize(
    ("line", "dateline", "rest"),
    [
        ("WESTPORT — The board met.", "WESTPORT", "The board met."),
        ("NEW HAVEN – The board met.", "NEW HAVEN", "The board met."),
        ("ST. LOUIS (AP) -- The board met.", "ST. LOUIS", "The board met."),
        ("FAIRFIELD, CONN. - The board met.", "FAIRFIELD, CONN.", "The board met."),
        ("The board met - again - on Monday.", "", "The board met - again - on Monday."),
    ],
)
def test_datelines(line, dateline, rest):
    item = text.parse_text(f"Headline\n\n{line}\n\nSecond paragraph of the story here.")
    assert item.dateline == dateline
    assert item.body_html.startswith(f"<p>{rest}</p>")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By JANE DOE and JOHN O'HARA", ["Jane Doe", "John O'Hara"]),
        (
            "By Ana María de la Cruz, Lee Chen & Sam Ito",
            ["Ana María de la Cruz", "Lee Chen", "Sam Ito"],
        ),
        ("Photo of Tara O'Neill", ["Tara O'Neill"]),
        ("Photo of the fire scene", []),
    ],
)
def test_author_lines(line, names):
    item = text.parse_text(f"Headline\n\n{line}\n\nWESTPORT — The story starts here.")
    assert [author.name for author in item.authors] == names


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Charles Reed / Associated Press", ("Charles Reed", "Associated Press")),
        ("Photo: Dana Whitfield/Westport Ledger", ("Dana Whitfield", "Westport Ledger")),
        ("Photo by Sam Ito", ("Sam Ito", "")),
        ("Credit: Westport Ledger staff", ("", "Westport Ledger staff")),
        ("Open 24/7", None),
        ("Residents / visitors may park here.", None),
    ],
)
def test_credit_lines(line, credit):
    assert text.parse_credit(line) == credit


def test_sniff_and_detection(tmp_path):
    assert text.sniff(b"Headline\n\nWESTPORT \xe2\x80\x94 A story.", "story.txt")
    assert text.sniff("Caf\u00e9".encode()[:4], "cut-in-a-character")
    assert not text.sniff(b"<?xml version='1.0'?><rss/>", "feed.txt")
    assert not text.sniff(b'{"uri": "x"}', "story.txt")
    assert not text.sniff(b"<!doctype html><html>", "page.txt")
    assert not text.sniff(b"\x89PNG\r\n\x1a\n\x00\x00", "photo.txt")
    assert not text.sniff(b"file\tquote\tspeaker\na.txt\tWe won\tLee\n", "key.txt")
    assert not text.sniff(b"Headline\n\nA story.", "notes.csv")
    assert not text.sniff(b"caf\xe9 au lait is not utf-8 at all", "latin.csv")
    assert text.sniff(b"caf\xe9 au lait is not utf-8 at all", "latin.TXT")
    unnamed = tmp_path / "no-extension"
    unnamed.write_bytes((FIXTURES / "scooter-fire.txt").read_bytes())
    assert detect_format(unnamed) is text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Headline\n\nCafé in Westport".encode("latin-1"), "not UTF-8 text: byte 0xe9 on line 3"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=message):
        list(text.parse(path))


def test_a_missing_format_module_does_not_stop_the_others(monkeypatch):
    monkeypatch.setitem(FORMAT_MODULES, "wxr", "articles.importers.not_installed")

    assert detect_format(FIXTURES / "scooter-fire.txt") is text
    with pytest.raises(ImportFormatError, match="the wxr format is not available"):
        get_format("wxr")
    with pytest.raises(ImportFormatError, match="unknown format 'docx'"):
        get_format("docx")


# The headline: the first line only when it reads like one.


def test_body_only_text_gets_a_stand_in_headline_named_after_the_file():
    item = parse_one(FIXTURES / "body-only.txt")

    assert item.headline == "Needs a headline: body-only.txt"
    assert item.slug == "body-only"
    assert item.dateline == "WESTPORT"
    assert item.body_html.startswith("<p>The Representative Town Meeting voted 28-6")
    assert item.body_html.count("<p>") == 3


def test_a_label_in_capitals_is_neither_headline_nor_photo_credit():
    item = parse_one(FIXTURES / "label-first.txt")

    assert item.headline == "Needs a headline: label-first.txt"
    assert item.lead_photo is None  # "HARBOR NOTES" is no "photographer / agency" line
    assert item.body_html.startswith("<p>The harbor commission will open")


def test_a_hard_wrapped_first_paragraph_is_not_a_headline():
    item = parse_one(FIXTURES / "wrapped-paragraph.txt")

    assert item.headline == "Needs a headline: wrapped-paragraph.txt"
    assert item.body_html.startswith(
        "<p>The Westport Library will extend its evening hours through the summer, the library "
        "board decided Monday night.</p>"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Harbor commission delays boat ramp vote", True),
        ("Headline", True),
        ("Where do the ferries go after Labor Day?", True),
        ("Lupita Nyong'o's Oscar Dress -- STOLEN!!!", True),
        ("Storm leaves 4,000 without power across the U.S.", True),
        ("The board met on Monday and voted to close the beach.", False),
        ("“We are ready,” the chief said.", False),
        ("Recipients include:", False),
        ("GRANTS/DONATIONS", False),
        ("EXCLUSIVE", False),
        ("WESTPORT — The board met", False),
        ("By Jane Doe", False),
        ("July 11, 2019", False),
        ("Charles Reed / Associated Press", False),
        ("Sidewalk " * 20, False),  # 180 characters: a paragraph
    ],
)
def test_reads_like_headline(line, expected):
    assert text.reads_like_headline(line) is expected


def test_a_headline_needs_a_story_after_it_and_no_run_on():
    assert not text.reads_like_headline("Council approves sidewalks", has_body=False)
    assert not text.reads_like_headline("The council approved", next_line="new sidewalks on")
    assert text.reads_like_headline("Council approves sidewalks", next_line="By Jane Doe")


def test_real_files_keep_their_headline_and_body_only_ones_get_a_stand_in(corpus):
    """The corpus's article pages start with their headline; the quote articles are body only
    (their real headlines are in HEADLINES.tsv, not in the files)."""
    articles = sorted((corpus / "articles").glob("*.txt"))
    with_headline = [*articles, corpus / "westport-ice-raids.txt"]
    body_only = sorted((corpus / "quotes").glob("*.txt"))

    for path in with_headline:
        first_line = path.read_text(encoding="utf-8").strip().splitlines()[0]
        assert parse_one(path).headline == " ".join(first_line.split()), path.name
    for path in body_only:
        assert parse_one(path).headline == f"Needs a headline: {path.name}", path.name
    assert (len(with_headline), len(body_only)) == (24, 8)
