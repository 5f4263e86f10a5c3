"""A local story of the newsroom's own, from plain text to the reader's page, on any machine.

`fixtures/text/scooter-fire.txt` has the shape of the founding story (headline, an odd author
line, a credit line, a dateline, quotes with a title, an acronym, a list of towns), written for
the project, so the whole path is proved without the shared corpus.
"""

import html
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.images import attach_image
from articles.importers.pipeline import import_file
from articles.models import Article, Author, Person, Photo, Place, Quote, Topic
from articles.services import publish_article

from .factories import editor
from .photo_files import image_bytes, upload

pytestmark = pytest.mark.django_db

STORY = Path(__file__).parent / "fixtures" / "text" / "scooter-fire.txt"
TOWNS = {"Westport", "Norwalk", "Fairfield", "Bridgeport", "New Haven", "Stamford", "Hartford"}
QUOTE_STARTS = ("Lithium-ion batteries", "Charge them where", "We would much rather")


@pytest.fixture
def article():
    report = import_file(STORY, status="published")
    assert (report.created, report.failed) == (1, 0), report.failures
    return Article.objects.get()


def test_every_field_is_read_from_the_text(article):
    assert article.headline == (
        "Westport fire marshal warns of battery fires after Saugatuck garage blaze"
    )
    assert [author.name for author in article.authors.all()] == ["Nadia Kowalczyk"]
    assert article.dateline == "WESTPORT"
    assert (article.lead_photo.credit, article.lead_photo.agency) == (
        "Marcus Bell",
        "Westport Ledger",
    )
    assert not article.lead_photo.has_file
    assert "WESTPORT —" not in article.body
    assert article.body.startswith("<p>Two families were out of their homes")


def test_quotes_go_to_the_fire_marshal_with_her_title(article):
    quotes = list(article.quotes.select_related("person").order_by("position"))
    assert len(quotes) == len(QUOTE_STARTS)
    for quote, start in zip(quotes, QUOTE_STARTS, strict=True):
        assert quote.text.startswith(start)
    assert {(quote.person.name, quote.person.title) for quote in quotes} == {
        ("Jill Carbone", "Fire Marshal")
    }
    assert quotes[2].text.endswith(
        "Every one of these fires we have seen this year was preventable."
    )
    assert all(quote.is_suggested for quote in quotes)


def test_places_and_the_defined_acronym(article):
    places = set(article.places.values_list("short_name", flat=True))
    assert places == TOWNS | {"Connecticut", "United States"}
    assert "Bridge Street" not in places and "Saugatuck" not in places
    assert Place.objects.get(name="Connecticut").kind == Place.Kind.STATE

    assert list(article.topics.values_list("name", flat=True)) == ["CPSC"]
    assert Topic.objects.get(name="CPSC").alias_list() == ["Consumer Product Safety Commission"]


def test_the_reader_sees_byline_credit_dateline_quotes_and_tags(client, article):
    # The photo came without its file, so the import held the story for review; the desk adds
    # the file and alt text and publishes it.
    assert article.status == Article.Status.REVIEW
    photo = article.lead_photo
    photo.alt_text = "A charred scooter in a garage."
    attach_image(photo, upload("scooter.jpg", image_bytes()), name="scooter.jpg")
    publish_article(article, by=editor())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = html.unescape(response.text)

    assert f'<h1 class="article__headline">{article.headline}</h1>' in page
    assert '<a class="byline__author" href="/authors/nadia-kowalczyk/">Nadia Kowalczyk</a>' in page
    assert '<span class="article__dateline">WESTPORT —</span> Two families' in page
    for start in QUOTE_STARTS:
        assert start in page
    people = re.search(r'aria-labelledby="article-people">.*?</section>', page, re.S).group(0)
    assert "Fire Marshal Jill Carbone" in people
    places = re.search(r'aria-labelledby="article-places">.*?</section>', page, re.S).group(0)
    linked = set(re.findall(r'href="/places/[^"]+/">([^<,]+)(?:, Conn\.)?</a>', places))
    assert linked >= TOWNS

    person = Person.objects.get(name="Jill Carbone")
    page = html.unescape(client.get(person.get_absolute_url()).text)
    assert page.count(f'<a href="{article.get_absolute_url()}">{article.headline}</a>') == 3
    page = html.unescape(client.get("/topics/cpsc/").text)
    assert "Also known as Consumer Product Safety Commission." in page
    assert article.headline in page


def test_importing_it_again_changes_nothing(article):
    counts = [model.objects.count() for model in (Article, Author, Photo, Person, Quote, Place)]

    report = import_file(STORY, status="published")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert [model.objects.count() for model in (Article, Author, Photo, Person, Quote, Place)] == (
        counts
    )


def test_the_command_reports_and_a_dry_run_writes_nothing():
    out = io.StringIO()
    call_command("import_articles", str(STORY), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "Dry run, nothing written. Would have: created 1" in out.getvalue()
    for model in (Article, Author, Photo, Quote, Person, Place):
        assert not model.objects.exists(), model

    out = io.StringIO()
    call_command("import_articles", str(STORY), stdout=out, stderr=io.StringIO())
    assert "created 1, updated 0, unchanged 0" in out.getvalue()
    assert Article.objects.count() == 1
