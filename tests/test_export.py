"""Stories out as ninjs: the document, the JSON endpoint, the command, and reading it back."""

import json
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from articles.exporters.ninjs import article_to_ninjs
from articles.importers.pipeline import import_file
from articles.models import Article
from tests import factories

BASE_URL = "https://news.example.test"


@pytest.fixture
def story(db):
    """A published story with everything the export carries."""
    section = factories.SectionFactory(name="Police & Fire")
    writer = factories.AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    second = factories.AuthorFactory(name="Lee Park", slug="lee-park", job_title="")
    photo = factories.PhotoFactory(
        caption="Officers outside the Post Road firehouse on Monday.",
        credit="Maria Santos",
        agency="Westport Wire",
        alt_text="Two officers stand beside a red fire engine.",
    )
    article = factories.ArticleFactory(
        headline="Firehouse reopens after a year of repairs",
        slug="firehouse-reopens",
        dek="The Post Road station answers calls again from Tuesday.",
        summary="Crews return to the station on Tuesday.",
        dateline="WESTPORT",
        body="<p>The station reopened Monday.</p><p>“It is good to be home,” a captain said.</p>",
        section=section,
        lead_photo=photo,
        published_at=timezone.now() - timedelta(hours=2),
        authors=[writer, second],
    )
    article.topics.add("Fire departments", "Town budget")
    article.places.add("Westport", "Post Road")
    return article


def fetched(article: Article) -> Article:
    return Article.objects.with_related().get(pk=article.pk)


def validator(corpus, version: str) -> Draft202012Validator:
    folder = corpus / "ninjs" / "schema"
    schema = json.loads((folder / f"ninjs-schema_{version}.json").read_text(encoding="utf-8"))
    geojson = json.loads((folder / "GeoJSON-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson)
    )
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("version", ["2.1", "2.2"])
def test_export_is_valid_ninjs(corpus, story, version):
    document = article_to_ninjs(fetched(story), base_url=BASE_URL)

    errors = validator(corpus, version).iter_errors(document)
    assert [f"{list(error.absolute_path)}: {error.message}" for error in errors] == []


def test_the_validator_does_catch_invalid_ninjs(corpus):
    errors = list(validator(corpus, "2.2").iter_errors({"uri": "x", "headlines": "Not a list"}))
    assert errors


def test_export_fields(story):
    document = article_to_ninjs(fetched(story), base_url=BASE_URL)

    assert document["uri"] == f"urn:newsroom:the-westport-ledger:article:{story.pk}"
    assert document["type"] == "text"
    assert document["pubstatus"] == "usable"
    assert document["headlines"] == [
        {"role": "main", "value": "Firehouse reopens after a year of repairs"},
        {"role": "sub", "value": "The Post Road station answers calls again from Tuesday."},
    ]
    assert document["by"] == "Dana Whitfield, Staff writer; Lee Park"
    assert [(p["name"], p["rel"], p["uri"]) for p in document["people"]] == [
        ("Dana Whitfield", "author", f"{BASE_URL}/authors/dana-whitfield/"),
        ("Lee Park", "author", f"{BASE_URL}/authors/lee-park/"),
    ]
    assert document["bodies"] == [
        {"role": "main", "contenttype": "text/html", "value": fetched(story).body}
    ]
    assert document["descriptions"][0]["value"] == "Crews return to the station on Tuesday."
    assert document["located"] == "WESTPORT"
    assert [(s["name"], s.get("rel")) for s in document["subjects"]] == [
        ("Police & Fire", "section"),
        ("Fire departments", None),
        ("Town budget", None),
    ]
    assert sorted(p["name"] for p in document["places"]) == ["Post Road", "Westport"]
    assert document["firstcreated"] == story.published_at.isoformat().replace("+00:00", "Z")
    versioncreated = datetime.fromisoformat(document["versioncreated"])
    assert versioncreated.tzinfo is not None and versioncreated >= story.published_at
    assert document["altids"] == [
        {"role": "canonical-url", "value": BASE_URL + story.get_absolute_url()}
    ]
    assert "embargoed" not in document

    [picture] = document["associations"]
    assert picture["name"] == "featureimage"
    assert picture["type"] == "picture"
    assert picture["by"] == "Maria Santos"
    assert picture["copyrightholder"] == "Westport Wire"
    assert {d["role"]: d["value"] for d in picture["descriptions"]} == {
        "caption": "Officers outside the Post Road firehouse on Monday.",
        "creditline": "Maria Santos / Westport Wire",
        "alttext": "Two officers stand beside a red fire engine.",
    }
    [rendition] = picture["renditions"]
    assert rendition["href"] == BASE_URL + story.lead_photo.image.url
    assert (rendition["width"], rendition["height"]) == (64, 48)
    assert rendition["contenttype"] == "image/jpeg"


def test_export_costs_no_queries_beyond_fetching(story, django_assert_num_queries):
    article = fetched(story)
    with django_assert_num_queries(0):
        article_to_ninjs(article, base_url=BASE_URL)


def test_wire_copy_keeps_its_own_uri_and_drafts_are_withheld(db):
    article = factories.ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, dek="", lead_photo=None
    )
    Article.objects.filter(pk=article.pk).update(source="ninjs", external_id="urn:newsml:x:1")
    document = article_to_ninjs(fetched(article))

    assert document["uri"] == "urn:newsml:x:1"
    assert document["pubstatus"] == "withheld"
    assert document["headlines"] == [{"role": "main", "value": article.headline}]
    # Without a site address nothing relative is given as a link.
    assert "altids" not in document
    assert all("uri" not in subject for subject in document.get("subjects", []))


def test_scheduled_story_carries_its_embargo(db):
    later = timezone.now() + timedelta(days=1)
    article = factories.ArticleFactory(published_at=later)
    document = article_to_ninjs(fetched(article))
    assert document["pubstatus"] == "usable"
    assert document["embargoed"] == later.isoformat().replace("+00:00", "Z")


# The JSON endpoint.


def test_endpoint_serves_a_published_story(client, story, django_assert_max_num_queries):
    url = reverse("api:article-ninjs", args=[story.slug])
    assert url == "/api/articles/firehouse-reopens.ninjs.json"
    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["headlines"][0]["value"] == "Firehouse reopens after a year of repairs"
    assert document["people"][0]["uri"] == "http://testserver/authors/dana-whitfield/"
    assert document == json.loads(
        json.dumps(article_to_ninjs(fetched(story), base_url="http://testserver/"))
    )


@pytest.mark.parametrize(
    ("status", "published_in"),
    [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, timedelta(hours=-1)),
        (Article.Status.PUBLISHED, timedelta(hours=1)),  # scheduled
    ],
)
def test_endpoint_hides_what_is_not_public(client, db, status, published_in):
    published_at = timezone.now() + published_in if published_in else None
    article = factories.ArticleFactory(status=status, published_at=published_at)
    url = reverse("api:article-ninjs", args=[article.slug])

    assert client.get(url).status_code == 404
    # Staff too: drafts are previewed on the site, never sent out through the API.
    client.force_login(factories.editor())
    assert client.get(url).status_code == 404


def test_endpoint_is_read_only(client, story):
    url = reverse("api:article-ninjs", args=[story.slug])
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


# The command.


def test_command_writes_json_lines_of_public_stories(story, tmp_path):
    factories.ArticleFactory(status=Article.Status.DRAFT, headline="Unfinished draft")
    factories.ArticleFactory(published_at=timezone.now() + timedelta(days=1), headline="Later")
    output = tmp_path / "stories.jsonl"

    call_command("export_articles", "--output", str(output), "--base-url", BASE_URL)

    lines = output.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["headlines"][0]["value"] for line in lines] == [story.headline]
    assert json.loads(lines[0]) == article_to_ninjs(fetched(story), base_url=BASE_URL)


def test_command_statuses_and_list(story, tmp_path, capsys):
    factories.ArticleFactory(status=Article.Status.DRAFT, headline="Unfinished draft")
    output = tmp_path / "all.json"

    call_command("export_articles", "--status", "all", "--list", "--output", str(output))
    headlines = {document["headlines"][0]["value"] for document in json.loads(output.read_text())}
    assert headlines == {story.headline, "Unfinished draft"}
    assert capsys.readouterr().out == f"Wrote 2 stories to {output}.\n"

    call_command("export_articles", "--status", "draft")
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert json.loads(line)["pubstatus"] == "withheld"
    assert "Wrote 1 story." in captured.err


def test_command_with_nothing_to_export_writes_an_empty_list(db, tmp_path):
    output = tmp_path / "none.json"
    call_command("export_articles", "--list", "--output", str(output))
    assert json.loads(output.read_text()) == []


# Reading the export back.


def snapshot(article: Article) -> dict:
    """What a reader and an editor see of a story, independent of its row."""
    article = fetched(article)
    photo = article.lead_photo
    return {
        "headline": article.headline,
        "dek": article.dek,
        "body": article.body,
        "summary": article.summary,
        "dateline": article.dateline,
        "status": article.status,
        "published_at": article.published_at,
        "section": article.section_id,
        "authors": [(a.pk, a.name, a.job_title) for a in article.byline_authors()],
        "places": sorted(place.name for place in article.places.all()),
        "topics": sorted(topic.name for topic in article.topics.all()),
        "lead_photo": photo and (photo.caption, photo.credit, photo.agency, photo.alt_text),
    }


# The photo comes back without its file (nothing is fetched), so the rule for imported copy
# brings the story in for review rather than live.
HELD_FOR_REVIEW = "review"


def round_trip_options(story) -> dict:
    """Import options that restore what the export says: its status, and its section."""
    return {"status": "keep", "section_map": {story.section.name: story.section.slug}}


def test_round_trip_through_the_command(story, tmp_path):
    before, uri = snapshot(story), f"urn:newsroom:the-westport-ledger:article:{story.pk}"
    output = tmp_path / "stories.jsonl"
    call_command("export_articles", "--output", str(output), "--base-url", BASE_URL)
    options = round_trip_options(story)
    story.delete()

    report = import_file(output, **options)

    assert (report.created, report.failed) == (1, 0), report.failures
    imported = Article.objects.get(source="ninjs")
    assert snapshot(imported) == {**before, "status": HELD_FOR_REVIEW}
    assert imported.external_id == uri
    assert imported.lead_photo.source_url.startswith(f"{BASE_URL}/media/photos/")

    # The same export again changes nothing; the imported story exports under the same uri once
    # the desk has published it (after giving its photo a file).
    assert import_file(output, **options).unchanged == 1
    Article.objects.filter(pk=imported.pk).update(status=Article.Status.PUBLISHED)
    again = tmp_path / "again.jsonl"
    call_command("export_articles", "--output", str(again))
    assert json.loads(again.read_text())["uri"] == imported.external_id
    assert import_file(again, **options).failed == 0
    assert Article.objects.count() == 1


def test_round_trip_through_the_endpoint(client, story, tmp_path):
    before = snapshot(story)
    response = client.get(reverse("api:article-ninjs", args=[story.slug]))
    path = tmp_path / "story.json"
    path.write_bytes(response.content)
    options = round_trip_options(story)
    story.delete()

    report = import_file(path, **options)

    assert (report.created, report.failed) == (1, 0), report.failures
    assert snapshot(Article.objects.get(source="ninjs")) == {**before, "status": HELD_FOR_REVIEW}
