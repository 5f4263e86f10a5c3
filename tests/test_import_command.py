"""`manage.py import_articles`: arguments, summary, failures, exit status, dry run."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Photo, Quote
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = "Library adds Sunday hours\n\nBy Owen Fairley\n\nWESTPORT — The library opens Sundays.\n"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_a_file_and_reports_a_summary(corpus):
    out, err = run(corpus / "westport-ice-raids.txt")

    assert "created 1, updated 0, unchanged 0, skipped 0, failed 0; live on the site 0." in out
    assert err == ""
    assert Article.objects.get().headline.startswith("Westport PD reassures")

    out, _ = run(corpus / "westport-ice-raids.txt")
    assert "created 0, updated 0, unchanged 1" in out
    assert Article.objects.count() == 1


def test_folder_with_a_failure_exits_non_zero_and_names_file_item_and_reason(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Café opens\n\nWESTPORT -- Café.".encode("latin-1"))

    with pytest.raises(CommandError, match="1 failed"):
        run(tmp_path / "good.txt", tmp_path / "latin.txt")

    assert Article.objects.count() == 1


def test_failure_lines_on_stderr(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Café opens\n\nWESTPORT -- Café.".encode("latin-1"))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_articles", str(bad), stdout=out, stderr=err)

    assert f"Failed: {bad}: (file): not UTF-8 text: byte 0xe9 on line 1" in err.getvalue()
    assert "created 0, updated 0, unchanged 0, skipped 0, failed 1;" in out.getvalue()


def test_dry_run_writes_nothing(corpus):
    out, _ = run(corpus / "westport-ice-raids.txt", "--dry-run")

    assert "Dry run, nothing written. Would have: created 1" in out
    for model in (Article, Author, Photo, Quote):
        assert not model.objects.exists()


def test_status_and_section_options(tmp_path):
    section = SectionFactory(name="Arts", slug="arts")
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")

    run(tmp_path, "--status", "published", "--section", "arts", "--format", "text")

    article = Article.objects.get()
    assert (article.status, article.section) == ("published", section)
    assert article.published_at is not None


def test_bad_options_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="no section with the slug 'nowhere'"):
        run(tmp_path, "--section", "nowhere")
    with pytest.raises(CommandError, match="invalid choice: 'docx'"):
        run(tmp_path, "--format", "docx")


def test_progress_bar_goes_to_stderr_when_asked(tmp_path, capsys):
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")

    call_command("import_articles", str(tmp_path), "--progress", stdout=io.StringIO())

    progress = capsys.readouterr().err
    assert "file 1/1" in progress and "1 items" in progress


def test_warnings_are_counted_and_listed_when_verbose(corpus):
    out, _ = run(corpus / "westport-ice-raids.txt")
    assert "1 warning for editors" in out

    out, _ = run(corpus / "westport-ice-raids.txt", "-v", "2")
    assert "Unchanged: " in out and "item 1 (“Westport PD reassures" in out
    assert "  Warning: the lead photo has no image file yet" in out


def test_a_broken_export_fails_with_the_file_named_once(tmp_path):
    bad = tmp_path / "export.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><wp:wxr_version>1.2</wp:wxr_version><item><title>Half a post",
        encoding="utf-8",
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 failed"):
        call_command("import_articles", str(bad), stdout=io.StringIO(), stderr=err)

    [line] = err.getvalue().splitlines()
    assert line.startswith(f"Failed: {bad}: (file): ") and line.count("export.xml") == 1
    assert not Article.objects.exists()


def test_stories_come_in_as_drafts_unless_told():
    export = FIXTURES / "wxr" / "newsroom-export.xml"  # one of its posts is broken
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        call_command("import_articles", str(export), stdout=out, stderr=io.StringIO())
    assert "created 5, updated 0, unchanged 0" in out.getvalue()
    assert "failed 1; live on the site 0." in out.getvalue()
    assert not Article.objects.published().exists()

    with pytest.raises(CommandError, match="1 failed"):
        run(export, "--status", "keep")

    assert Article.objects.published().count() == 1  # the other's photo has no file: in review
    assert set(Article.objects.exclude(status="published").values_list("status", flat=True)) == {
        "draft",
        "review",
    }


def test_categories_are_listed_and_mapped_to_sections():
    news = SectionFactory(name="News", slug="news")
    export = FIXTURES / "wxr" / "newsroom-export.xml"
    out = io.StringIO()

    mapping = ["--map-section", "Local News=news", "--map-section", "Arts & Culture="]
    with pytest.raises(CommandError, match="1 failed"):
        call_command("import_articles", str(export), *mapping, stdout=out, stderr=io.StringIO())

    assert (
        "Categories in the source (stories): Arts & Culture 1 → topic, Local News 1 → section news"
        in out.getvalue()
    )
    ferry = Article.objects.get(external_id="https://ledger.example.org/?p=101")
    assert ferry.section == news
    assert "Local News" not in ferry.topics.names()


def test_a_map_section_without_an_equals_sign_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--map-section 'Police': expected CATEGORY=SLUG"):
        run(tmp_path, "--map-section", "Police")
    with pytest.raises(CommandError, match=r"no section with the slug 'cops' \(for the category"):
        run(tmp_path, "--map-section", "Police=cops")


def test_nothing_to_import_is_said_and_exits_non_zero():
    path = FIXTURES / "feeds" / "empty-channel.rss"
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="Nothing to import: no stories in the files given"):
        call_command("import_articles", str(path), stdout=out, stderr=err)

    assert err.getvalue() == f"{path}: nothing to import (the feed has no entries)\n"
    assert "created 0, updated 0, unchanged 0" in out.getvalue()


def test_an_empty_file_beside_a_story_is_named_and_the_import_succeeds(tmp_path):
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "blank.txt").write_text("\n \n", encoding="utf-8")

    out, err = run(tmp_path)

    assert err == f"{tmp_path / 'blank.txt'}: nothing to import (the file is empty)\n"
    assert "created 1" in out
