"""What status imported stories get, and how the report says how many went live."""

from pathlib import Path

import pytest

from articles.importers.base import ParsedArticle
from articles.importers.pipeline import import_paths, import_status, save_item
from articles.models import Article
from articles.services import publish_problems

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
WXR_EXPORT = FIXTURES / "wxr" / "newsroom-export.xml"


def story(external_id="story-1", **fields) -> ParsedArticle:
    values = {
        "headline": "Harbor commission opens the boat ramp early",
        "body_html": "<p>The ramp at Compo Beach opens two weeks early this spring.</p>",
    }
    return ParsedArticle(external_id=external_id, **{**values, **fields})


@pytest.mark.parametrize(
    ("choice", "source", "current", "expected"),
    [
        # New stories.
        ("draft", "published", None, "draft"),
        ("review", "", None, "review"),
        ("published", "", None, "published"),
        ("published", "draft", None, "draft"),  # the source holds it back
        ("published", "review", None, "review"),
        ("keep", "published", None, "published"),
        ("keep", "review", None, "review"),
        ("keep", "", None, "draft"),
        # Stories imported before.
        ("draft", "published", "published", "published"),  # the desk published it: it stays
        ("draft", "", "review", "review"),
        ("review", "published", "draft", "draft"),
        ("draft", "draft", "published", "draft"),  # withdrawn or killed at the source
        ("published", "", "draft", "published"),
        ("keep", "", "published", "published"),
        ("keep", "draft", "published", "draft"),
    ],
)
def test_import_status(choice, source, current, expected):
    assert import_status(choice, source=source, current=current) == expected


def test_new_stories_are_drafts_by_default_whatever_the_source_says():
    report = import_paths([WXR_EXPORT])

    assert report.created == 5 and report.live == 0
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert report.summary().endswith("; live on the site 0")


def test_keep_publishes_what_the_source_published_with_its_dates():
    report = import_paths([WXR_EXPORT], status="keep")

    ferry = Article.objects.get(external_id="https://ledger.example.org/?p=101")
    assert ferry.is_public and ferry.published_at.year == 2025
    statuses = dict(Article.objects.values_list("headline", "status"))
    assert statuses["Draft: school budget explainer"] == "draft"
    assert statuses["Letters: keep the dock public"] == "review"
    live = set(Article.objects.published().values_list("pk", flat=True))
    assert report.live == len(live) == 2  # the "future" post is scheduled, not live
    assert {item.article_id for item in report.items if item.live} == live
    assert "; live on the site 2" in report.summary()


def test_published_holds_back_what_the_source_holds_back_and_says_so():
    report = import_paths([WXR_EXPORT], status="published")

    statuses = dict(Article.objects.values_list("headline", "status"))
    assert statuses["Draft: school budget explainer"] == "draft"
    assert statuses["Letters: keep the dock public"] == "review"
    held = {item.headline: item.warnings for item in report.items}
    assert "not published: the source has it as draft" in held["Draft: school budget explainer"]


def test_the_default_never_takes_a_published_story_off_the_site_but_a_kill_does():
    article, _ = save_item(story(status="published"), source="wire", status="keep")
    assert article.is_public

    save_item(story(status="published", dek="Updated copy"), source="wire")
    assert Article.objects.get().status == "published"

    killed, _ = save_item(story(status="draft", dek="Killed"), source="wire")
    assert killed.status == "draft" and not Article.objects.published().exists()


def test_a_dry_run_says_how_many_would_go_live():
    report = import_paths([WXR_EXPORT], status="keep", dry_run=True)

    assert report.live == 2
    assert "would be live on the site 2" in report.summary()
    assert not Article.objects.exists()


def test_an_update_to_live_copy_counts_as_live_an_unchanged_story_does_not():
    import_paths([WXR_EXPORT], status="keep")

    again = import_paths([WXR_EXPORT], status="keep")

    assert (again.unchanged, again.live) == (5, 0)


def test_a_story_that_needs_a_headline_is_never_published():
    path = FIXTURES / "text" / "body-only.txt"

    report = import_paths([path], status="published")

    article = Article.objects.get()
    assert (article.headline, article.status, article.slug) == (
        "Needs a headline: body-only.txt",
        "draft",
        "body-only",
    )
    assert report.live == 0
    [warning] = [w for w in report.items[0].warnings if w.startswith("needs a headline")]
    assert "named after its file" in warning
    assert publish_problems(article) == [
        "The story needs a headline: write one in place of “Needs a headline: body-only.txt”."
    ]


def test_a_story_published_by_the_import_lists_what_the_desk_would_have_asked_for():
    report = import_paths([FIXTURES / "text" / "two-authors-caption.txt"], status="published")

    article = Article.objects.get()
    assert article.is_public and report.live == 1
    assert not article.lead_photo.has_file  # readers see the story without the photo
    assert report.items[0].warnings == publish_problems(article)
    assert any("has no image file yet" in warning for warning in report.items[0].warnings)
    assert any("needs alt text" in warning for warning in report.items[0].warnings)
