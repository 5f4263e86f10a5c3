"""The newsroom's founding story, built through the models, renders everything a reader needs.

The story's text is read from the shared corpus at test time; the project keeps no copy of it.
"""

import html
import re

import pytest

from articles.models import Person, Place, Quote, Topic
from articles.text import paragraphs_to_html

from .factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

RAID_CITIES = [
    "Atlanta",
    "Baltimore",
    "Chicago",
    "Denver",
    "Houston",
    "Los Angeles",
    "Miami",
    "New York",
    "New Orleans",
    "San Francisco",
]


def read_story(corpus) -> dict:
    """Headline, credit line and body paragraphs (dateline split off) of the saved page."""
    lines = [
        line.strip()
        for line in (corpus / "westport-ice-raids.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    headline, author_line, credit_line, *paragraphs = lines
    dateline, first = paragraphs[0].split(" — ", 1)
    return {
        "headline": headline,
        "author_line": author_line,
        "credit_line": credit_line,
        "dateline": dateline,
        "paragraphs": [first, *paragraphs[1:]],
    }


def prezioso_quotes(paragraphs: list[str]) -> list[str]:
    """The direct quotes in paragraphs that attribute their words to Prezioso."""
    return [
        quote
        for paragraph in paragraphs
        if "Prezioso" in paragraph
        for quote in re.findall(r"“([^”]+)”", paragraph)
    ]


@pytest.fixture
def story(corpus):
    facts = read_story(corpus)
    assert facts["author_line"] == "Photo of Tara O'Neill"
    credit, agency = facts["credit_line"].split(" / ")
    photo = PhotoFactory(
        credit=credit, agency=agency, caption="", alt_text="Westport police headquarters."
    )
    article = ArticleFactory(
        headline=facts["headline"],
        slug="westport-pd-reassures-public",
        dateline=facts["dateline"],
        dek="",
        summary="",
        body=paragraphs_to_html(facts["paragraphs"]),
        section=SectionFactory(name="Police & Fire"),
        lead_photo=photo,
        authors=[AuthorFactory(name="Tara O'Neill", slug="tara-oneill")],
    )
    text = " ".join(facts["paragraphs"])
    for city in ["Westport", *RAID_CITIES]:
        assert city in text, city
        article.places.add(city)
    Place.objects.update(kind=Place.Kind.CITY)
    assert "ICE" in text and "Immigration and Customs Enforcement" in text
    article.topics.add("ICE")
    Topic.objects.filter(name="ICE").update(aliases="Immigration and Customs Enforcement")
    lieutenant = Person.objects.create(
        name="Anthony Prezioso", title="Lt.", organisation="Westport Police Department"
    )
    quotes = prezioso_quotes(facts["paragraphs"])
    for position, quote in enumerate(quotes):
        Quote.objects.create(
            article=article,
            person=lieutenant,
            text=quote,
            position=position,
            is_pull_quote=position == 0,
        )
    return {"article": article, "facts": facts, "quotes": quotes}


def test_story_facts_were_read_from_the_corpus(story):
    facts = story["facts"]
    assert facts["headline"] == "Westport PD reassures public ahead of nationwide ICE raids"
    assert facts["dateline"] == "WESTPORT"
    assert facts["credit_line"] == "Charles Reed / Associated Press"
    assert len(story["quotes"]) == 4
    assert story["quotes"][0].startswith("The Westport Police Department is in no way affiliated")


def test_story_page_renders_every_fact(client, story):
    article, facts = story["article"], story["facts"]
    assert article.get_absolute_url().endswith("/westport-pd-reassures-public/")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = html.unescape(response.text)

    assert f'<h1 class="article__headline">{facts["headline"]}</h1>' in page
    assert f"<title>{facts['headline']} | " in page
    assert 'By <a class="byline__author" href="/authors/tara-oneill/">Tara O\'Neill</a>' in page
    figure = re.search(r'<figure class="photo photo--lead">.*?</figure>', page, re.S).group(0)
    assert "<img" in figure and "Charles Reed / Associated Press" in figure
    assert '<span class="article__dateline">WESTPORT —</span> As a first-generation' in page
    assert "<time" in page and 'datetime="' in page
    body = re.search(r'<div class="article__body">(.*)</div>\s*<footer', page, re.S).group(1)
    for paragraph in facts["paragraphs"]:
        assert paragraph in body
    for quote in story["quotes"]:
        assert quote in body
    pull = re.search(r'<figure class="pull-quote">.*?</figure>', page, re.S).group(0)
    assert story["quotes"][0] in pull
    assert '<cite><a href="/people/anthony-prezioso/">Lt. Anthony Prezioso</a></cite>' in pull

    places = re.search(r'aria-labelledby="article-places">.*?</section>', page, re.S).group(0)
    place_names = re.findall(r'href="/places/[^"]+/">([^<]+)</a>', places)
    assert sorted(place_names) == sorted(["Westport", *RAID_CITIES])
    topics = re.search(r'aria-labelledby="article-topics">.*?</section>', page, re.S).group(0)
    assert re.findall(r'href="/topics/[^"]+/">([^<]+)</a>', topics) == ["ICE"]
    people = re.search(r'aria-labelledby="article-people">.*?</section>', page, re.S).group(0)
    assert 'href="/people/anthony-prezioso/">Lt. Anthony Prezioso</a>' in people


def test_lieutenant_page_links_every_quote_to_the_story(client, story):
    response = client.get("/people/anthony-prezioso/")
    page = html.unescape(response.text)
    assert '<h1 class="page-header__title">Lt. Anthony Prezioso</h1>' in page
    assert "Westport Police Department" in page
    for quote in story["quotes"]:
        assert f"<p>{quote}</p>" in page
    link = f'<a href="{story["article"].get_absolute_url()}">{story["facts"]["headline"]}</a>'
    assert page.count(link) == 4


@pytest.mark.parametrize("city", RAID_CITIES)
def test_each_raid_city_page_lists_the_story(client, story, city):
    place = Place.objects.get(name=city)
    page = html.unescape(client.get(place.get_absolute_url()).text)
    assert f'<h1 class="page-header__title">{city}</h1>' in page
    assert story["facts"]["headline"] in page


def test_ice_topic_page_lists_the_story(client, story):
    page = html.unescape(client.get("/topics/ice/").text)
    assert "Also known as Immigration and Customs Enforcement." in page
    assert story["facts"]["headline"] in page
