import csv

import pytest

from articles.analysis import gazetteer as gazetteer_module
from articles.analysis.places import find_places

RAID_CITIES = {
    "Atlanta", "Baltimore", "Chicago", "Denver", "Houston", "Los Angeles", "Miami", "New York",
    "New Orleans", "San Francisco",
}  # fmt: skip
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
}  # fmt: skip


def names(text, **kwargs):
    return [place.name for place in find_places(text, **kwargs)]


# The seed article and other real copy


def split_seed(corpus):
    """Headline, and body with the dateline cut from the first paragraph as the importer does."""
    lines = (corpus / "westport-ice-raids.txt").read_text().splitlines()
    headline = lines[0]
    body = "\n\n".join(line for line in lines[1:] if line.strip())
    body = body.split("WESTPORT — ", 1)[1]
    return headline, body


def test_seed_article_names_westport_connecticut_and_the_ten_raid_cities(corpus):
    headline, body = split_seed(corpus)
    places = find_places(f"{headline}\n\n{body}", dateline="WESTPORT")
    by_name = {place.name: place for place in places}
    assert set(by_name) == {"Westport", "Connecticut"} | RAID_CITIES
    assert places[0].name == "Westport"  # the dateline comes first
    assert by_name["Westport"].kind == "city"
    assert by_name["Westport"].geonames_id == 4845585  # Westport, Connecticut
    assert by_name["Connecticut"].kind == "state"
    assert by_name["New York"].kind == "city"
    assert by_name["New York"].geonames_id == 5128581  # the city, not the state
    assert all(by_name[city].kind == "city" for city in RAID_CITIES)


def test_seed_article_without_the_newspaper_line_still_finds_new_york_only_in_the_list(corpus):
    headline, body = split_seed(corpus)
    list_sentence = next(p for p in body.split("\n\n") if "San Francisco" in p)
    assert "New York" in names(list_sentence)
    without_list = body.replace(list_sentence, "")
    assert "New York Times" in without_list
    assert "New York" not in names(f"{headline}\n\n{without_list}")


def test_seed_article_yields_no_month_and_no_photographer(corpus):
    text = (corpus / "westport-ice-raids.txt").read_text()
    found = set(names(text))
    assert "March" not in found
    assert "Reed" not in found
    assert not found & MONTHS


def quote_articles(corpus):
    folder = corpus / "quotes"
    with (folder / "HEADLINES.tsv").open() as handle:
        headlines = {row[0]: row[1] for row in csv.reader(handle, delimiter="\t")}
    for path in sorted(folder.glob("*.txt")):
        yield path.name, f"{headlines.get(path.name, '')}\n\n{path.read_text()}"


def test_real_articles_give_true_places_and_no_months_or_surnames(corpus):
    found = {name: set(names(text)) for name, text in quote_articles(corpus)}
    assert {"Indonesia", "Jakarta", "Surabaya", "Singapore"} <= found["reuters.com2.txt"]
    assert {"Sierra Leone", "Liberia", "London"} <= found["reuters.com4.txt"]
    assert {"New Jersey", "Camden"} <= found["nj.com1.txt"]
    assert {"Detroit", "Green Bay"} <= found["mlive.com2.txt"]
    assert {"Beaverton", "Oregon", "Portland"} <= found["oregonlive.com1.txt"]
    assert {"New Orleans", "Ohio"} <= found["al.com1.txt"]  # the dateline, then the text
    assert {"Pennsylvania", "Philadelphia", "Canada"} <= found["cnn.txt"]
    everything = set().union(*found.values())
    assert not everything & MONTHS
    # "John W. Houston" of the Portland story and the streets named for states are not places.
    assert "Houston" not in found["oregonlive.com1.txt"]
    assert "Mississippi" not in found["oregonlive.com1.txt"]
    # "Lincoln County" is a county, not Lincoln, Nebraska.
    assert "Lincoln" not in found["oregonlive.com1.txt"]


def test_feed_entries_give_sensible_places(corpus):
    feedparser = pytest.importorskip("feedparser")
    from articles.text import strip_tags

    found = set()
    for name in ("guardian.rss", "heise-developer.atom"):
        for entry in feedparser.parse(corpus / "feeds" / name).entries:
            text = f"{entry.get('title', '')}\n\n{strip_tags(entry.get('summary', ''))}"
            found.update(names(text))
    assert {"United States", "Russia", "Florida", "Utah", "Las Vegas", "New Zealand"} <= found
    assert not found & MONTHS
    # "pre-Hays Code" and "Meridian Township police" name neither Hays nor Meridian.
    assert "Hays" not in found
    assert "Meridian" not in found


# Words that look like places


def test_lowercase_words_never_count():
    assert names("Our mission statement says we serve everyone.") == []


def test_months_are_not_places():
    assert names("The raids were expected in March and again in May.") == []


def test_a_surname_is_not_a_place_anywhere_in_the_story():
    text = "Charles Reed took the photo. Later Reed said it had been cold in Houston."
    assert names(text) == ["Houston"]
    assert names("Whitney Houston sang. Houston was at her best that night.") == []


def test_a_surname_still_counts_where_a_locative_word_places_it():
    assert names("Whitney Houston sang. She grew up near Houston.") == ["Houston"]


def test_a_name_after_a_title_or_middle_initial_is_a_person():
    assert names("Sen. Houston voted no.") == []
    assert names("John W. Houston runs the fund.") == []


def test_a_surname_ending_a_sentence_does_not_make_the_next_word_a_person():
    assert names("The award went to Charles Reed. Houston is next.") == ["Houston"]


def test_a_place_that_is_also_a_given_name_is_a_person_before_a_surname():
    assert names("Virginia Woolf wrote it. Lawmakers in Virginia agreed.") == ["Virginia"]
    assert names("Austin Rivers scored.") == []
    assert names("Austin Police said.") == ["Austin"]


def test_newspaper_names_do_not_name_their_city():
    text = "The New York Times, the Washington Post and the Houston Chronicle reported it."
    assert names(text) == []
    assert names("The Atlanta Journal-Constitution and the Chicago Sun-Times agreed.") == []


def test_an_organisation_named_for_a_place_names_the_place():
    assert names("The Westport Police Department released a statement.") == ["Westport"]


def test_counties_and_streets_named_for_places_are_not_those_places():
    assert names("Food Share of Lincoln County opened at 4214 N. Mississippi Ave.") == []


def test_common_words_that_are_towns_need_a_locative_word_or_a_state():
    assert names("Mobile phones are banned. Reading the report, she frowned.") == []
    assert names("Independence Day drew crowds. Enterprise rented the vans.") == []
    assert names("She grew up in Mobile, where her father worked.") == ["Mobile"]
    assert names("Officials in Reading, Pa., were alarmed.") == ["Reading", "Pennsylvania"]


def test_sentence_initial_common_words_are_not_places():
    assert names("Bath time is over. Mobile apps help.") == []


def test_multi_word_names_match_whole_and_longest_first():
    found = names("Flights from Los Angeles, New Orleans and San Francisco to Kansas City.")
    assert found == ["Los Angeles", "New Orleans", "San Francisco", "Kansas City"]
    assert "Angeles" not in found


def test_abbreviated_first_words_meet_the_full_name():
    found = names("Stops in St. Louis, Saint Paul and Ft. Worth.")
    assert found == ["St. Louis", "Saint Paul", "Fort Worth"]


def test_new_york_means_the_city_unless_the_state_is_meant():
    assert find_places("She works in New York.")[0].kind == "city"
    assert names("Snow fell across upstate New York.") == ["New York State"]
    assert names("Lawmakers in New York state agreed.") == ["New York State"]


def test_states_countries_and_their_common_names():
    found = names(
        "The U.S. and Britain met with Connecticut's governor and officials from Georgia."
    )
    assert found == ["United States", "United Kingdom", "Connecticut", "Georgia"]
    kinds = {place.name: place.kind for place in find_places("Georgia lawmakers voted.")}
    assert kinds == {"Georgia": "state"}  # a US newsroom means the state


def test_state_after_a_city_chooses_among_cities_of_one_name():
    places = find_places("She moved from Portland, Maine, to Springfield, Ill., last year.")
    by_name = {place.name: place for place in places}
    assert by_name["Portland"].geonames_id == 4975802  # Portland, Maine
    assert set(by_name) == {"Portland", "Maine", "Springfield", "Illinois"}


def test_town_below_the_threshold_counts_when_written_with_its_state():
    found = find_places("The crash closed roads in Easton, Conn., for hours.")
    assert [(p.name, p.kind, p.geonames_id) for p in found][0] == ("Easton", "city", 4833661)
    found = find_places("The crash closed roads in Falls Village, Conn., for hours.")
    assert [(p.name, p.kind, p.geonames_id) for p in found][0] == ("Falls Village", "city", None)


def test_title_case_headline_keeps_strong_names_and_drops_weak_ones():
    assert names("Raids Hit Chicago And Denver As Mobile Agents Arrive") == ["Chicago", "Denver"]


# Dateline and known places


def test_dateline_is_always_a_place_in_title_case():
    assert names("Nothing here.", dateline="WESTPORT") == ["Westport"]
    assert names("Nothing here.", dateline="OLD SAYBROOK, Conn.") == ["Old Saybrook", "Connecticut"]
    assert names("", dateline="WASHINGTON (AP)") == ["Washington"]
    assert find_places("", dateline="WASHINGTON (AP)")[0].geonames_id == 4140963


def test_dateline_left_in_the_copy_is_read_when_none_is_given():
    assert names("GREEN BAY, Wis. -- Here we go again.") == ["Green Bay", "Wisconsin"]
    assert names("Photo caption.  LONDON (Reuters) - Britain said.")[0] == "London"
    assert names("The ICE raids -- expected soon -- worried WESTPORT officials.") == []


def test_two_initial_state_abbreviations_name_their_state():
    assert names("Drivers headed to Pittsburgh from NC!") == ["Pittsburgh", "North Carolina"]
    assert names("A Republican N.J. senator spoke.") == ["New Jersey"]


def test_dateline_state_chooses_the_town():
    place = find_places("", dateline="PORTLAND, Maine")[0]
    assert (place.name, place.geonames_id) == ("Portland", 4975802)


def test_known_places_count_when_capitalised_and_keep_their_spelling():
    known = ["Saugatuck", "Greens Farms"]
    text = "Residents of Saugatuck and Greens Farms met; the saugatuck river rose."
    found = find_places(text, known=known)
    assert [(p.name, p.kind, p.geonames_id) for p in found] == [
        ("Saugatuck", "other", None),
        ("Greens Farms", "other", None),
    ]
    assert names("the saugatuck river rose", known=known) == []


def test_known_place_that_is_a_common_word_needs_no_extra_evidence():
    assert names("Reading Borough Council met.", known=["Reading"]) == ["Reading"]


def test_known_places_obey_the_person_and_newspaper_rules():
    known = ["Reed", "New York"]
    assert names("Charles Reed wrote for The New York Times.", known=known) == []


def test_dateline_uses_the_known_spelling():
    assert names("", dateline="SAUGATUCK", known=["Saugatuck"]) == ["Saugatuck"]


def test_small_towns_need_their_state_or_a_locative_word():
    assert names("The Hays Code and Meridian Township officials.") == []
    assert names("Golden Gate Bridge") == []  # not Golden Gate, Florida
    assert names("Officials in Meridian said so.") == ["Meridian"]
    assert names("Beaverton and other Oregon towns.") == ["Beaverton", "Oregon"]


def test_empty_and_odd_input():
    assert find_places("") == []
    assert find_places("— … “” () - -- ,,, 1234") == []
    assert find_places("", dateline="  ") == []
    assert names("ÉCOLE in Bogota and Bogotá") == ["Bogotá"]


def test_each_place_appears_once():
    assert names("Chicago, Chicago, Chicago. Then Chicago again.") == ["Chicago"]


def test_gazetteer_is_built_once_per_process():
    first = gazetteer_module.gazetteer()
    find_places("Denver and Miami.")
    assert gazetteer_module.gazetteer() is first
    assert gazetteer_module.gazetteer.cache_info().misses <= 1
