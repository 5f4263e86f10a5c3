"""A WordPress export that breaks off part-way: the items before the break are read and imported,
and the break is reported once, for the file, saying where it is and how many items came first."""

import re
from pathlib import Path

import pytest

from articles.importers import wxr
from articles.importers.base import ImportFormatError
from articles.importers.pipeline import import_file
from articles.models import Article

EXPORT = Path(__file__).parent / "fixtures" / "wxr" / "wordpress-com.xml"
DATA = EXPORT.read_bytes()


def after(marker: bytes, offset: int = 0, *, start: bytes = b"") -> int:
    return DATA.index(marker, DATA.index(start) if start else 0) + offset


# (where the file breaks off, items read before the break)
CUTS = {
    "in the channel header": (after(b"<wp:author_login>", 10), 0),
    "inside the first post, which names images further on": (after(b"<wp:postmeta>"), 0),
    "inside an item's tag": (after(b"<wp:post_name><![CDATA[lifeguards", 5), 1),
    "inside CDATA": (after(b"Twelve new lifeguards", 20), 1),
    "inside a character": (after("bridge’s".encode(), -2), 0),
    "between items": (after(b"</item>", 8, start=b"?p=44"), 2),
    "among the skipped items": (after(b"<wp:post_type><![CDATA[nav_menu_item", 3), 10),
    "after the channel": (after(b"</rss>"), 17),
}


def cut(tmp_path: Path, at: int) -> Path:
    path = tmp_path / "export.xml"
    path.write_bytes(DATA[:at])
    return path


def end_of(data: bytes) -> tuple[int, int]:
    """Where `data` ends as an editor shows it: line from 1, characters before the end."""
    lines = data.split(b"\n")
    return len(lines), len(lines[-1].decode("utf-8", errors="ignore"))


@pytest.mark.parametrize("place", CUTS)
def test_reading_stops_at_the_break_and_says_where(place, tmp_path):
    at, read_before = CUTS[place]
    path = cut(tmp_path, at)
    line, column = end_of(DATA[:at])
    read = []

    with pytest.raises(ImportFormatError) as raised:
        for item in wxr.parse(path):
            read.append(item)

    assert len(read) == read_before
    after_items = {0: "before any item was read", 1: "after 1 item was read"}.get(
        read_before, f"after {read_before} items were read"
    )
    assert str(raised.value) == (
        f"the file breaks off at line {line}, column {column} {after_items}; "
        "export it again, or copy the whole file"
    )


def test_posts_before_the_break_keep_their_images_listed_after_it_when_read(tmp_path):
    # The break comes after the first post's images: the look-ahead for them still finds them.
    path = cut(tmp_path, after(b"<title><![CDATA[Home]]>"))

    read = []
    with pytest.raises(ImportFormatError, match="after 10 items were read"):
        for item in wxr.parse(path):
            read.append(item)

    assert read[0].lead_photo.alt_text == "People walking across a wooden footbridge over a river"


@pytest.mark.django_db
@pytest.mark.parametrize("place", ["inside CDATA", "between items"])
def test_import_keeps_every_whole_item_and_fails_the_file(place, tmp_path):
    at, read_before = CUTS[place]
    path = cut(tmp_path, at)

    report = import_file(path)

    assert report.created == read_before and report.failed == 1
    (failure,) = report.failures
    assert (failure.file, failure.item) == (str(path), "(file)")
    assert re.fullmatch(
        rf"the file breaks off at line \d+, column \d+ after {read_before} items? w\w+ read; .*",
        failure.message,
    )
    assert report.kinds["post"].imported == read_before
    ids = set(Article.objects.values_list("external_id", flat=True))
    assert ids == {f"http://westportwren.wordpress.com/?p={n}" for n in (41, 44)[:read_before]}
    # The item cut in two left nothing behind; with the whole file it is created, and the posts
    # read before the break gain the photos listed after it.
    whole = import_file(EXPORT)
    assert (whole.created, whole.updated, whole.failed) == (3 - read_before, read_before, 0)
    assert Article.objects.get(external_id="http://westportwren.wordpress.com/?p=41").lead_photo
