"""Places in copy from many countries, in the newsroom's own short example stories: which of
several places of one name is meant, and the words that must never become places."""

import pytest
from django.urls import reverse

from articles.analysis.places import find_places
from articles.importers.pipeline import ImportCache
from articles.models import Place
from tests.factories import ArticleFactory

HOME = "Westport, Connecticut"


def qualified(text, **kwargs):
    kwargs.setdefault("home", HOME)
    return [place.qualified for place in find_places(text, **kwargs)]


# The dateline's own qualifier is the strongest clue


def test_dateline_country_beats_the_larger_us_town():
    story = "PORTLAND, England — Ferries to the island were cancelled as the storm came ashore."
    assert qualified(story)[:2] == ["Portland, England", "England"]


def test_ap_state_abbreviation_in_the_dateline():
    assert qualified("PORTLAND, Ore. — The bridge closed at dawn.") == ["Portland, Ore.", "Oregon"]
    assert qualified("PORTLAND, Maine — The ferry ran late.") == ["Portland, Maine", "Maine"]


def test_dateline_nation_and_a_nearby_town_choose_richmond_in_yorkshire():
    story = "RICHMOND, England — The Swale rose overnight and families in Catterick were moved."
    assert qualified(story)[0] == "Richmond, North Yorkshire, England"


def test_stand_alone_dateline_cities_mean_the_famous_one():
    assert qualified("TOKYO (AP) — Markets fell in early trading.") == ["Tokyo"]
    assert qualified("ROME — The pope spoke from the window.") == ["Rome"]
    assert qualified("PARIS — Rail workers walked out.") == ["Paris"]


# A region or country named in the same story


def test_province_in_the_story_chooses_the_canadian_town():
    story = "Heavy rain closed schools in London and Kitchener, Ontario, on Monday."
    assert qualified(story)[:2] == ["London, Ontario", "Kitchener"]


def test_irish_towns_near_each_other():
    story = "The minister visited Killarney on Tuesday before flights from Dublin resumed."
    assert qualified(story) == ["Killarney, Ireland", "Dublin"]


def test_australian_state_named_in_the_story():
    story = (
        "Bushfires threatened homes near Ballarat and Bendigo, in Victoria, as crews left "
        "Melbourne."
    )
    assert qualified(story) == ["Ballarat", "Bendigo", "Victoria", "Melbourne, Victoria"]


def test_indian_state_is_the_one_holding_the_story_towns():
    story = (
        "Farmers in Ludhiana and Amritsar in Punjab protested; police in Chandigarh held dozens."
    )
    found = find_places(story, home=HOME)
    assert [p.qualified for p in found][:3] == ["Ludhiana", "Amritsar", "Punjab, India"]
    assert found[3].name == "Chandigarh" and found[3].kind == "city"


def test_caucasus_capitals_and_the_country_named_in_a_qualifier():
    story = (
        "Protesters gathered in Tbilisi and Batumi, while in Yerevan, Armenia, ministers met. "
        "Officials in Baku said nothing."
    )
    assert qualified(story) == ["Tbilisi", "Batumi", "Yerevan, Armenia", "Armenia", "Baku"]


def test_georgia_is_the_state_for_a_us_newsroom_and_the_country_beside_tbilisi():
    assert find_places("Georgia lawmakers voted.", home=HOME)[0].kind == "state"
    found = find_places("Tbilisi is the capital of Georgia.", home=HOME)
    assert [(p.name, p.kind) for p in found] == [("Tbilisi", "city"), ("Georgia", "country")]


def test_uk_towns_named_alone_are_the_english_ones():
    story = "The train from Manchester to Leeds stopped at Huddersfield for an hour."
    assert qualified(story) == ["Manchester, England", "Leeds, England", "Huddersfield"]


# Other places in the story, then home


def test_towns_near_each_other_choose_maine():
    story = "She grew up in Portland and later moved to Bangor and Augusta."
    assert qualified(story) == ["Portland, Maine", "Bangor, Maine", "Augusta, Maine"]


def test_home_prior_chooses_the_nearer_springfield_and_small_towns_near_home():
    assert qualified("He flew to Springfield.") == ["Springfield, Mass."]
    assert qualified("He flew to Springfield.", home="Decatur, Illinois") == ["Springfield, Ill."]
    assert qualified("Officials in Darien and Norwalk agreed.") == [
        "Darien, Conn.",
        "Norwalk, Conn.",
    ]


def test_without_a_home_the_larger_place_wins():
    assert qualified("She grew up in Portland.", home="") == ["Portland, Ore."]


# Common words and people's names are still not places


@pytest.mark.parametrize(
    "text",
    [
        "Sheriff Dallas Moore said the deputies had left.",
        "Chelsea Ortiz won the race.",
        "The dinner is in the Austin Room.",
        "It happened on a Sunday in May.",
        "Police said the crash happened Friday. Church leaders met in the Hall.",
        "Mayor Hope Davies and Judge Victoria Lane spoke. Deal or no deal, she said.",
        "As the rain fell, Reading and Bath stayed closed to visitors.",
        "Some residents wanted more. Most left early. Even so, Union members voted.",
    ],
)
def test_people_and_common_words_tag_nothing(text):
    assert qualified(text) == []


# Two towns of one name side by side


@pytest.mark.django_db
def test_two_portlands_are_two_tags_with_two_pages(client):
    cache = ImportCache()
    maine = find_places("", dateline="PORTLAND, Maine")[0]
    oregon = find_places("", dateline="PORTLAND, Ore.")[0]
    east = cache.found_place(maine)
    west = cache.found_place(oregon)
    assert east != west
    assert (east.name, east.short_name, east.slug) == (
        "Portland, Maine",
        "Portland",
        "portland-maine",
    )
    assert (west.name, west.slug) == ("Portland, Ore.", "portland-ore")
    assert (east.geonames_id, west.geonames_id) == (4975802, 5746545)
    assert cache.found_place(maine) == east  # found again by its GeoNames id
    assert Place.objects.named("Portland") is None  # two of them: the name alone is not enough
    assert Place.objects.named("portland, maine") == east

    story = ArticleFactory(headline="Ferries and trains")
    story.places.add(east, west)
    page = client.get(story.get_absolute_url()).content.decode()
    assert ">Portland, Maine</a>" in page and ">Portland, Ore.</a>" in page
    for place, where in ((east, "Maine, United States"), (west, "Oregon, United States")):
        page = client.get(reverse("articles:place", args=[place.slug])).content.decode()
        assert f'<h1 class="page-header__title">{place.name}</h1>' in page
        assert where in page


@pytest.mark.django_db
def test_ninjs_gives_a_gazetteer_place_its_geonames_address():
    from articles.exporters.ninjs import article_to_ninjs

    cache = ImportCache()
    portland = cache.found_place(find_places("", dateline="PORTLAND, Maine")[0])
    by_hand = Place.objects.create(name="Greens Farms")
    story = ArticleFactory()
    story.places.add(portland, by_hand)
    places = {place["name"]: place for place in article_to_ninjs(story)["places"]}
    assert places["Portland, Maine"]["uri"] == "https://sws.geonames.org/4975802/"
    assert "sws.geonames.org" not in places["Greens Farms"].get("uri", "")
    assert by_hand.short_name == "Greens Farms"  # a place made by hand shows its name
