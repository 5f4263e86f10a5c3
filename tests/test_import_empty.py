"""Files with nothing to import: each is named, with the reason, and never counted as a story."""

from pathlib import Path

import pytest

from articles.importers.pipeline import import_paths

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("feeds/empty-channel.rss", "the feed has no entries"),
        ("wxr/pages-only.xml", "no stories, only attachment 1, page 1"),
        ("ninjs/empty-list.json", "no ninjs items in it"),
        ("text/blank.txt", "the file is empty"),
        ("html/contact-page.html", "no story text found on the page"),
    ],
)
def test_a_file_with_nothing_to_import_says_so(name, reason):
    path = FIXTURES / name

    report = import_paths([path])

    assert [str(empty) for empty in report.empty] == [f"{path}: nothing to import ({reason})"]
    assert (report.stories, report.failed) == (0, 0)


def test_an_empty_folder_and_an_empty_file_among_stories(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "blank.txt").write_text(" \n\n", encoding="utf-8")
    story = (FIXTURES / "text" / "plain-story.txt").read_text(encoding="utf-8")
    (tmp_path / "stories" / "story.txt").write_text(story, encoding="utf-8")

    report = import_paths([tmp_path / "empty", tmp_path / "stories"])

    assert [(Path(empty.file).name, empty.reason) for empty in report.empty] == [
        ("empty", "no files in the folder"),
        ("blank.txt", "the file is empty"),
    ]
    assert (report.created, report.failed) == (1, 0)
