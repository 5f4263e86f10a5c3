"""What status imported stories get, and how the report says how many went live."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.importers.base import ParsedArticle
from articles.importers.pipeline import import_paths, import_status, save_item
from articles.models import Article, ArticleEvent
from articles.services import publish_problems
from tests.factories import editor, reporter

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

    sale = Article.objects.get(external_id="https://ledger.example.org/?p=102")
    assert sale.is_public and sale.published_at.year == 2025
    statuses = dict(Article.objects.values_list("headline", "status"))
    assert statuses["Draft: school budget explainer"] == "draft"
    assert statuses["Letters: keep the dock public"] == "review"
    live = set(Article.objects.published().values_list("pk", flat=True))
    # The "future" post is scheduled, not live; the ferry story's photo has no file (below).
    assert report.live == len(live) == 1
    assert {item.article_id for item in report.items if item.live} == live
    assert "; live on the site 1" in report.summary()


def test_published_copy_with_publish_problems_comes_in_for_review_and_says_why():
    report = import_paths([WXR_EXPORT], status="keep")

    ferry = Article.objects.get(external_id="https://ledger.example.org/?p=101")
    assert ferry.status == "review" and ferry.published_at.year == 2025
    [item] = [item for item in report.items if item.article_id == ferry.pk]
    assert not item.live
    assert item.warnings[0] == "in review, not published: " + " ".join(publish_problems(ferry))
    assert "has no image file yet" in item.warnings[0]


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

    assert report.live == 1
    assert "would be live on the site 1" in report.summary()
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


def test_a_story_the_desk_could_not_publish_comes_in_for_review_with_the_reasons():
    report = import_paths([FIXTURES / "text" / "two-authors-caption.txt"], status="published")

    article = Article.objects.get()
    assert article.status == "review" and report.live == 0
    assert not article.lead_photo.has_file
    [reasons] = [w for w in report.items[0].warnings if w.startswith("in review, not published")]
    assert "has no image file yet" in reasons and "needs alt text" in reasons
    assert not ArticleEvent.objects.exists()


def test_an_importer_who_may_not_publish_brings_copy_in_for_review():
    report = import_paths([WXR_EXPORT], status="keep", by=reporter(username="dana"))

    assert report.live == 0 and not Article.objects.published().exists()
    sale = Article.objects.get(external_id="https://ledger.example.org/?p=102")
    assert sale.status == "review"
    [item] = [item for item in report.items if item.article_id == sale.pk]
    assert item.warnings == ["in review, not published: dana may not publish stories"]


def test_an_editor_s_import_goes_live_and_is_in_the_audit_log():
    user = editor()
    import_paths([WXR_EXPORT], status="keep", by=user)

    sale = Article.objects.get(external_id="https://ledger.example.org/?p=102")
    assert sale.is_public
    event = ArticleEvent.objects.get(article=sale)
    assert (event.action, event.by, event.note) == ("published", user, "Imported (wxr).")
    future = Article.objects.get(headline="Harbor festival lineup announced")
    assert ArticleEvent.objects.get(article=future).action == "scheduled"


def test_the_command_imports_as_the_named_account():
    reporter(username="dana")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        call_command(
            "import_articles", str(WXR_EXPORT), "--status", "keep", "--user", "dana",
            stdout=out, stderr=err,
        )  # fmt: skip
    assert "live on the site 0" in out.getvalue()
    assert not Article.objects.published().exists()
    with pytest.raises(CommandError, match="--user: no account named 'nobody'"):
        call_command("import_articles", str(WXR_EXPORT), "--user", "nobody", stdout=out)
