"""The save step shared by every format: upserts, understanding the text, atomic items."""

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.importers.base import ParsedArticle, ParsedAuthor, ParsedPhoto, ParsedQuote
from articles.importers.pipeline import import_paths, save_item
from articles.models import (
    Article,
    Author,
    Person,
    Photo,
    Place,
    Quote,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

RAID_CITIES = {
    "Atlanta", "Baltimore", "Chicago", "Denver", "Houston",
    "Los Angeles", "Miami", "New York", "New Orleans", "San Francisco",
}  # fmt: skip
PREZIOSO_QUOTES = (
    "The Westport Police Department is in no way",
    "This department strictly adheres",
    "The Westport Police Department recognizes",
    "As has been set forth",
)


def story(external_id="story-1", **fields) -> ParsedArticle:
    values = {
        "headline": "Board of education adopts later start for Staples High",
        "body_html": (
            "<p>The board of education voted 6-1 Monday to start classes at Staples High School "
            "at 8:30 a.m. next fall.</p>"
            "<p>“Our students will be better rested and better able to learn,” said "
            "Superintendent Renata Alvarez.</p>"
        ),
        "dateline": "WESTPORT",
        "authors": [ParsedAuthor(name="Gwen Halloran", job_title="Education reporter")],
    }
    values.update(fields)
    return ParsedArticle(external_id=external_id, **values)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_article_through_the_whole_pipeline(corpus):
    report = import_paths([corpus / "westport-ice-raids.txt"])

    assert (report.created, report.failed) == (1, 0), report.failures
    article = Article.objects.get()
    assert article.source == "text"
    assert article.headline == "Westport PD reassures public ahead of nationwide ICE raids"
    assert article.status == Article.Status.DRAFT
    assert [author.name for author in article.byline_authors()] == ["Tara O'Neill"]
    assert article.lead_photo.credit_line == "Charles Reed / Associated Press"
    assert not article.lead_photo.has_file
    assert article.dateline == "WESTPORT"
    assert article.body.startswith("<p>As a first-generation immigrant")

    places = set(article.places.values_list("short_name", flat=True))
    assert places >= RAID_CITIES | {"Westport"}
    assert article.places.get(short_name="Westport").name == "Westport, Conn."
    assert article.places.get(short_name="Atlanta").name == "Atlanta"  # AP's stand-alone city
    assert not places & {"March", "Reed", "The New York Times"}
    assert set(TaggedArticlePlace.objects.values_list("is_suggested", flat=True)) == {True}

    ice = article.topics.get(name="ICE")
    assert "Immigration and Customs Enforcement" in ice.alias_list()
    assert TaggedArticleTopic.objects.get(tag=ice).is_suggested

    quotes = list(article.quotes.select_related("person"))
    assert all(quote.is_suggested for quote in quotes)
    for start in PREZIOSO_QUOTES:
        [quote] = [quote for quote in quotes if start in quote.text]
        assert quote.person is not None, start
        assert (quote.person.name, quote.person.title) == ("Anthony Prezioso", "Lt.")
    assert Person.objects.filter(name="Anthony Prezioso").count() == 1
    assert not Quote.objects.filter(person__name__contains="Koskinas").exists()
    # The scare quote (“collateral”) is never given a speaker.
    assert not [quote for quote in quotes if quote.person and quote.text.startswith("collateral")]


def test_importing_the_same_file_twice_changes_nothing(corpus):
    first = import_paths([corpus / "westport-ice-raids.txt"])
    counts = [
        model.objects.count() for model in (Article, Author, Person, Photo, Place, Topic, Quote)
    ]

    second = import_paths([corpus / "westport-ice-raids.txt"])

    assert (first.created, second.created, second.unchanged) == (1, 0, 1)
    assert second.items[0].outcome == "unchanged"
    assert counts == [
        model.objects.count() for model in (Article, Author, Person, Photo, Place, Topic, Quote)
    ]


def test_changed_copy_updates_and_keeps_editor_additions():
    article, outcome = save_item(story(), source="test")
    assert outcome == "created"
    editor_topic = Topic.objects.create(name="Later school start")
    TaggedArticleTopic.objects.create(content_object=article, tag=editor_topic)
    editor_quote = Quote.objects.create(article=article, text="An editor's pick.", position=9)
    machine_quotes = set(article.quotes.filter(is_suggested=True).values_list("pk", flat=True))
    assert machine_quotes

    changed = story(body_html=story().body_html.replace("6-1", "5-2"), headline="Board votes 5-2")
    updated, outcome = save_item(changed, source="test")

    assert outcome == "updated" and updated.pk == article.pk
    updated.refresh_from_db()
    assert updated.headline == "Board votes 5-2" and "5-2" in updated.body
    assert updated.slug == article.slug  # the address stays
    assert Article.objects.count() == 1
    assert editor_topic in updated.topics.all()
    assert not TaggedArticleTopic.objects.get(tag=editor_topic).is_suggested
    assert Quote.objects.filter(pk=editor_quote.pk).exists()
    new_machine = set(updated.quotes.filter(is_suggested=True).values_list("pk", flat=True))
    assert new_machine.isdisjoint(machine_quotes)
    assert updated.quotes.filter(text__startswith="Our students").count() == 1
    assert save_item(changed, source="test")[1] == "unchanged"


def test_authors_people_and_categories_are_matched_not_duplicated():
    Author.objects.create(name="Gwen Halloran", slug="gwen-halloran")
    superintendent = Person.objects.create(name="Renata Alvarez", slug="renata-alvarez")
    first, _ = save_item(story("a", section="Schools"), source="test")
    second, _ = save_item(
        story("b", headline="A second story", authors=[ParsedAuthor(name="GWEN HALLORAN")],
              section="schools"),
        source="test",
    )  # fmt: skip

    assert Author.objects.count() == 1
    assert Author.objects.get().job_title == "Education reporter"  # an empty job title is filled
    assert Person.objects.filter(name__iexact="Renata Alvarez").count() == 1
    assert first.quotes.get().person == superintendent
    assert second.quotes.get().person == superintendent
    [schools] = Topic.objects.filter(name__iexact="schools")
    assert set(Article.objects.filter(topics=schools)) == {first, second}


def test_slugs_are_unique_across_different_stories():
    first, _ = save_item(story("a"), source="test")
    second, _ = save_item(story("b"), source="other")

    assert first.slug == "board-of-education-adopts-later-start-for-staples-high"
    assert second.slug == first.slug + "-2"


def test_status_section_and_dates():
    news = SectionFactory(name="News")
    when = datetime(2024, 5, 1, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    draft, _ = save_item(story("a", status="published", published_at=when), source="test")
    kept, _ = save_item(
        story("b", status="published", published_at=when), source="test", status="keep"
    )
    forced, _ = save_item(story("c"), source="test", status="published", section="news")

    # A draft keeps the source's date, so publishing it later dates it as the source did.
    assert (draft.status, draft.published_at) == ("draft", when)
    assert (kept.status, kept.published_at) == ("published", when)
    assert forced.status == "published" and forced.section == news
    assert timezone.now() - forced.published_at < timedelta(minutes=1)
    assert set(Article.objects.published()) == {kept, forced}


def test_a_status_the_source_does_not_give_is_left_as_the_editor_set_it():
    article, _ = save_item(story(), source="test")
    Article.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now())

    save_item(story(headline="A corrected headline"), source="test")

    assert Article.objects.get().status == "published"


def test_photos_without_fetching_are_rows_without_files():
    lead = ParsedPhoto(
        caption="Students arrive at Staples High.", credit="Ines Varga",
        agency="Westport Ledger", alt_text="Students walk toward the school entrance.",
        source_url="https://photos.example.org/staples.jpg",
    )  # fmt: skip
    extra = ParsedPhoto(external_id="extra-1", caption="The board at work.")
    article, _ = save_item(story(lead_photo=lead, photos=[extra]), source="test")
    save_item(story(lead_photo=lead, photos=[extra], dek="Changed"), source="test")

    photo = article.lead_photo
    assert (photo.caption, photo.credit, photo.agency) == (
        "Students arrive at Staples High.", "Ines Varga", "Westport Ledger"
    )  # fmt: skip
    assert photo.external_id == "https://photos.example.org/staples.jpg"
    assert not photo.has_file
    assert Photo.objects.count() == 2
    assert Photo.objects.missing_file().count() == 2


def test_source_quotes_take_precedence_over_found_ones():
    given = ParsedQuote(
        text="Our students will be better rested and better able to learn,",
        speaker="Renata Alvarez", speaker_title="Superintendent",
    )  # fmt: skip
    article, _ = save_item(story(quotes=[given]), source="test")

    [quote] = article.quotes.all()
    assert quote.person.name == "Renata Alvarez" and quote.person.title == "Superintendent"
    assert quote.is_suggested


def test_a_bad_item_fails_alone_and_leaves_nothing_behind(tmp_path):
    good = "Library adds Sunday hours\n\nBy Owen Fairley\n\nWESTPORT — The library opens Sundays."
    write(tmp_path, "a-good.txt", good)
    bad = "Bad dateline\n\nBy Zed Quill\n\nIna Holt / Ledger\n\n" + "W" * 101 + " — Text here."
    write(tmp_path, "b-bad.txt", bad)
    write(tmp_path, "c-good.txt", good.replace("Sundays", "Saturdays"))

    report = import_paths([tmp_path])

    assert (report.created, report.failed) == (2, 1)
    [failure] = report.failures
    assert failure.file.endswith("b-bad.txt")
    assert failure.item.startswith("item 1 (“Bad dateline")
    assert "dateline" in failure.message and "100 characters" in failure.message
    assert not Author.objects.filter(name="Zed Quill").exists()
    assert not Photo.objects.filter(credit="Ina Holt").exists()
    assert Article.objects.count() == 2


def test_errors_name_the_row_and_field_at_fault():
    given = ParsedQuote(text="We are ready.", speaker="Ann " + "Longname" * 30)
    with pytest.raises(ValidationError) as error:
        save_item(story(quotes=[given]), source="test")

    assert list(error.value.message_dict) == ["person name"]
    assert not Article.objects.exists()


def test_a_failed_update_keeps_the_old_story():
    article, _ = save_item(story(), source="test")
    quotes = list(article.quotes.values_list("pk", "text"))

    with pytest.raises(ValidationError) as error:
        save_item(
            story(headline="y" * 301, authors=[ParsedAuthor(name="New Writer")]), source="test"
        )

    assert "headline" in error.value.message_dict
    kept = Article.objects.get()
    assert kept.headline == article.headline and kept.import_hash == article.import_hash
    assert list(kept.quotes.values_list("pk", "text")) == quotes
    assert [author.name for author in kept.byline_authors()] == ["Gwen Halloran"]
    assert not Author.objects.filter(name="New Writer").exists()


def test_missing_paths_unknown_files_and_hidden_folders(tmp_path):
    write(tmp_path, "story.txt", "Headline here\n\nWESTPORT — A story of one paragraph.")
    (tmp_path / ".drafts").mkdir()
    write(tmp_path / ".drafts", "secret.txt", "Hidden\n\nWESTPORT — Not for import.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")

    report = import_paths([tmp_path, tmp_path / "missing.txt"])

    assert report.created == 1
    assert report.skipped == {"not an article file": 1}
    assert [(f.file, f.message) for f in report.failures] == [
        (str(tmp_path / "missing.txt"), "no such file or folder")
    ]
    assert not Article.objects.filter(headline="Hidden").exists()


def test_dry_run_reports_and_writes_nothing(corpus):
    report = import_paths([corpus / "westport-ice-raids.txt"], dry_run=True)

    assert report.dry_run and report.created == 1
    assert report.items[0].headline.startswith("Westport PD")
    for model in (Article, Author, Person, Photo, Place, Topic, Quote):
        assert not model.objects.exists(), model


def test_unknown_options_are_refused():
    with pytest.raises(ValueError, match="no section with the slug 'nowhere'"):
        import_paths([], section="nowhere")
    with pytest.raises(ValueError, match="unknown status"):
        import_paths([], status="archived")
    with pytest.raises(ValueError, match="unknown format"):
        import_paths([], format="docx")


def ninjs_lines(folder: Path, stories: list[dict]) -> Path:
    """A JSON Lines file of ninjs stories: a file of many items, saved in batches."""
    path = folder / "wire.jsonl"
    path.write_text("\n".join(json.dumps(story) for story in stories), encoding="utf-8")
    return path


def wire_story(number: int, **fields) -> dict:
    return {
        "uri": f"urn:newsroom:test:{number}",
        "headline": "Harbor commission weighs ferry fares",
        "body_html": f"<p>WESTPORT — The harbor commission met for the {number}th time.</p>"
        "<p>“We will decide in May,” said Police Chief Elena Voss.</p>",
        "bylines": [{"byline": "Ann Lee"}],
        **fields,
    }


def test_a_file_of_stories_is_saved_in_batches_and_a_bad_one_fails_alone(tmp_path):
    stories = [wire_story(n) for n in range(1, 41)]
    stories[16]["headline"] = "y" * 301
    path = ninjs_lines(tmp_path, stories)

    report = import_paths([path])

    assert (report.created, report.failed) == (39, 1)
    [failure] = report.failures
    assert failure.item.startswith("item 17 ") and "urn:newsroom:test:17" in failure.item
    assert failure.message.startswith("headline: ")
    assert Article.objects.count() == 39
    slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == 39 and "harbor-commission-weighs-ferry-fares-2" in slugs
    assert Author.objects.count() == 1 and Person.objects.count() == 1
    voss = Person.objects.get()
    assert (voss.name, voss.title, voss.quotes.count()) == ("Elena Voss", "Police Chief", 39)
    assert Place.objects.filter(short_name="Westport").count() == 1
    assert TaggedArticlePlace.objects.count() == 39


def test_a_batch_costs_a_few_queries_not_a_dozen_per_story(tmp_path, django_assert_max_num_queries):
    import_paths([ninjs_lines(tmp_path, [wire_story(0)])])  # authors, people, places exist now
    path = ninjs_lines(tmp_path, [wire_story(n) for n in range(1, 81)])

    # A fixed number for the whole batch, whatever its size: among them one keeps the copy as
    # received and six keep the batch's versions (previous versions, the stories, bylines, two
    # kinds of tags, and one insert), and one marks the batch's prepared pages out of date.
    with django_assert_max_num_queries(29):
        report = import_paths([path])

    assert report.created == 80


def test_batches_update_changed_stories_and_keep_editor_additions(tmp_path):
    stories = [wire_story(n) for n in range(1, 4)]
    import_paths([ninjs_lines(tmp_path, stories)])
    first = Article.objects.get(external_id="urn:newsroom:test:1")
    editor_topic = Topic.objects.create(name="Ferries")
    TaggedArticleTopic.objects.create(content_object=first, tag=editor_topic)
    Quote.objects.create(article=first, text="An editor's pick.", position=5)

    stories[0]["headline"] = "Harbor commission delays ferry fares"
    report = import_paths([ninjs_lines(tmp_path, stories)])

    assert (report.created, report.updated, report.unchanged, report.failed) == (0, 1, 2, 0)
    first.refresh_from_db()
    assert first.headline == "Harbor commission delays ferry fares"
    assert editor_topic in first.topics.all()
    assert first.quotes.filter(text="An editor's pick.", is_suggested=False).exists()
    assert first.quotes.filter(is_suggested=True).count() == 1
    assert Article.objects.count() == 3


def test_versions_decide_by_number_then_by_time():
    noon = datetime(2026, 11, 6, 12, tzinfo=ZoneInfo("UTC"))
    save_item(story(headline="Version 2", version=2, version_created_at=noon), source="test")

    # A lower number is older whatever its time says.
    warnings = []
    article, outcome = save_item(
        story(headline="Version 1", version=1, version_created_at=noon + timedelta(hours=1)),
        source="test", warnings=warnings,
    )  # fmt: skip
    assert (outcome, article.headline) == ("unchanged", "Version 2")
    assert warnings == [
        "an older version (version 1, 2026-11-06 13:00 UTC) than the one imported before "
        "(version 2, 2026-11-06 12:00 UTC); kept the newer"
    ]
    # The same number: the earlier time is older, the same time is compared by content.
    earlier = story(headline="Earlier", version=2, version_created_at=noon - timedelta(hours=1))
    assert save_item(earlier, source="test")[1] == "unchanged"
    fixed = story(headline="Version 2, typo fixed", version=2, version_created_at=noon)
    assert save_item(fixed, source="test")[1] == "updated"
    # Without numbers, the time alone decides.
    save_item(story("timed", headline="At noon", version_created_at=noon), source="test")
    morning = story("timed", headline="Morning", version_created_at=noon - timedelta(hours=4))
    assert save_item(morning, source="test")[1] == "unchanged"
    assert Article.objects.get(external_id="timed").headline == "At noon"
    # A source without versions updates as before.
    plain = story("timed", headline="Unversioned")
    assert save_item(plain, source="test")[1] == "updated"


def test_batches_keep_the_newer_version_of_each_story(tmp_path):
    stories = [wire_story(n, version="2", headline=f"Second take {n}") for n in range(1, 4)]
    import_paths([ninjs_lines(tmp_path, stories)])

    late = [wire_story(1, version="1"), wire_story(2, version="3", headline="Third take 2")]
    report = import_paths([ninjs_lines(tmp_path, late)])

    assert (report.updated, report.unchanged) == (1, 1)
    assert [item.warnings for item in report.items] == [
        ["an older version (version 1) than the one imported before (version 2); kept the newer"],
        [],
    ]
    headlines = dict(Article.objects.values_list("external_id", "headline"))
    assert headlines["urn:newsroom:test:1"] == "Second take 1"
    assert headlines["urn:newsroom:test:2"] == "Third take 2"
