"""Places a story names, for tagging: from the dateline, the gazetteer and the newsroom's own tags.

Capitalisation is the first filter: a name counts only when written as a proper noun, so "mission
statement" never names Mission, Texas. Beyond that, a name that is also a common word or a common
personal name ("Mobile", "Independence", "Marshall") needs positive evidence: a locative word
before it ("in Mobile") or a state after it ("Mobile, Ala."). Any name is rejected where it is
evidently part of a person's name ("Charles Reed", "Sen. Warren", "Virginia Woolf") or of a
newspaper's ("The New York Times"); other organisations keep their place ("Westport Police
Department" names Westport).
"""

import bisect
import dataclasses
import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .calendar_words import MONTHS, WEEKDAYS
from .gazetteer import (
    AP_DATELINE_CITIES,
    AP_STATE_ABBREVIATIONS,
    STANDALONE_CITIES,
    STANDALONE_STATE_ABBREVIATIONS,
    TOKEN_RE,
    Entry,
    Gazetteer,
    distance_km,
    fold_key,
    gazetteer,
    longest_from,
    name_key,
    nearest_km,
    normalize_token,
)


@dataclass
class FoundPlace:
    """A place the text names. `name` is as copy writes it ("Portland"); `qualified` tells it from
    every other place of that name ("Portland, Maine"); `where` is its region and country."""

    name: str
    kind: str  # a Place.Kind value: "city", "state", "country" or "other"
    geonames_id: int | None
    qualified: str = ""
    where: str = ""

    def __post_init__(self):
        self.qualified = self.qualified or self.name


def _found(entry: Entry, name: str = "") -> FoundPlace:
    gaz = gazetteer()
    return FoundPlace(
        name or entry.name,
        entry.kind,
        entry.geonames_id,
        gaz.qualified_name(entry) if not name or name == entry.name else name,
        entry.description(),
    )


CALENDAR_WORDS = MONTHS | WEEKDAYS

# Gazetteer names that are also everyday words or common personal names: they count only with a
# locative word before them or a state after them.
WEAK_NAMES = {
    # everyday words
    "Airport", "Alliance", "Aloha", "Anthem", "Apex", "Aurora", "Badger", "Bath", "Bear", "Bell",
    "Bend", "Brick", "Buckeye", "Central", "Central City", "Chinatown", "Clay", "Cocoa", "Columbia",
    "Concord", "Converse", "Crystal", "Cypress", "Defiance", "Derby", "Eagle", "Eden", "Enterprise",
    "Eureka", "Fountain", "Golden", "Green", "Highland", "Hillside", "Holiday", "Humble",
    "Hurricane", "Imperial", "Independence", "Jupiter", "Lakeside", "Laurel", "Liberal", "Liberty",
    "Marina", "Mentor", "Mercedes", "Midway", "Mission", "Mobile", "Mustang", "Normal", "Ontario",
    "Opportunity", "Orange", "Orchards", "Oxford", "Pace", "Paradise", "Paramount", "Parkside",
    "Parole", "Pearl", "Plantation", "Plum", "Prosper", "Pueblo", "Reading", "Republic",
    "Riverside", "Sandy", "Savage", "Seaside", "Spring", "Sparks", "Sterling", "Sulphur", "Summit",
    "Sunrise", "Sunset", "Superior", "Surprise", "Sycamore", "Temple", "Union", "University",
    "Uptown", "Vineyard", "Vista", "Walnut", "Wildwood", "Woodland", "Guinea", "Jersey", "Turkey",
    "Reunion", "Male", "Van", "Pest", "Buda", "Kennedy", "Golfe", "Serra", "Natal", "Salvador",
    "Kota", "Stanley", "Wellington", "Georgetown", "Jamestown",
    # personal names
    "Ada", "Addison", "Adrian", "Alice", "Allen", "Alvin", "Anderson", "Arnold", "Baldwin",
    "Bartlett", "Beverly", "Bradley", "Brandon", "Brent", "Bryan", "Bryant", "Burke", "Burton",
    "Calhoun", "Campbell", "Carson", "Cary", "Chandler", "Chester", "Clayton", "Clifton", "Clinton",
    "Clive", "Conway", "Cornelius", "Davis", "Dixon", "Donna", "Douglas", "Duncan", "Durant",
    "Elizabeth", "Eloise", "Estelle", "Evans", "Everett", "Ewing", "Franklin", "Frederick",
    "Garfield", "Garland", "Garner", "Gary", "Gilbert", "Gillette", "Graham", "Griffin", "Hamilton",
    "Harrison", "Harvey", "Hastings", "Henderson", "Henrietta", "Hopkins", "Howard", "Hudson",
    "Jasper", "Johnston", "Kendall", "Kent", "Kyle", "Lawrence", "Leland", "Linda", "Logan",
    "Lowell", "Marion", "Marshall", "Martinez", "Mason", "Matthews", "Mitchell", "Monroe", "Moore",
    "Morton", "Murphy", "Murray", "Norman", "Norton", "Palmer", "Parker", "Patterson", "Perry",
    "Quincy", "Ramsey", "Randolph", "Richardson", "Rogers", "Roosevelt", "Roy", "Sanford",
    "Sebastian", "Seymour", "Shelby", "Sherman", "Shirley", "Sidney", "Stuart", "Taylor", "Tracy",
    "Tucker", "Vincent", "Walker", "Warren", "Wayne", "Wharton", "Whitney", "Wilson", "Wright",
    "Zachary", "Troy", "Chelsea", "Victoria",
}  # fmt: skip

# Well-known places that are also given names: followed by another capitalised word they are
# taken for a person ("Austin Rivers", "Virginia Woolf"), unless that word belongs to a place.
GIVEN_NAMES = {
    "Austin", "Charlotte", "Madison", "Tyler", "Jordan", "Chad", "Georgia", "Virginia",
    "Florence", "Eugene", "Sydney", "Adelaide", "Regina", "Orlando", "Savannah", "Lincoln",
    "Jackson", "Irving", "Israel", "India", "Kenya", "Paris",
}  # fmt: skip
PLACE_FOLLOWERS = {
    "Airport", "Area", "Assembly", "Avenue", "Bay", "Board", "Borough", "Chamber", "City",
    "Council", "County", "Democrats", "Department", "District", "Fire", "General",
    "Governor", "Harbor", "High", "Hospital", "Legislature", "Library", "Mayor", "Metro",
    "Museum", "Police", "Port", "Public", "Region", "Republicans", "River", "Road", "School",
    "Schools", "Senate", "State", "Street", "Town", "Township", "Village",
}  # fmt: skip

# Capitalised words that can stand before a place without making it a surname.
NOT_GIVEN_NAMES = {
    "a", "about", "across", "after", "against", "all", "along", "also", "although", "amid",
    "among", "an", "and", "another", "any", "are", "around", "as", "at", "because", "before",
    "beyond", "both", "but", "by", "central", "coastal", "despite", "did", "does", "down",
    "downstate", "downtown", "during", "each", "east", "eastern", "even", "every", "for", "from",
    "greater", "has", "have", "he", "her", "here", "his", "historic", "how", "i", "if", "in",
    "including", "inside", "into", "is", "it", "its", "last", "like", "lower", "many", "meanwhile",
    "metro", "metropolitan", "midtown", "more", "most", "my", "near", "nearby", "neighboring",
    "next", "no", "north", "northeast", "northeastern", "northern", "northwest", "northwestern",
    "not", "now", "of", "off", "old", "on", "only", "or", "other", "our", "out", "outside", "over",
    "per", "rural", "said", "several", "she", "since", "so", "some", "south", "southeast",
    "southeastern", "southern", "southwest", "southwestern", "such", "suburban", "than", "that",
    "the", "their", "then", "there", "these", "they", "this", "those", "through", "throughout",
    "to", "today", "toward", "towards", "under", "unlike", "until", "up", "upper", "upstate",
    "urban", "via", "visit", "was", "we", "west", "western", "what", "when", "where", "whether",
    "which", "while", "who", "why", "with", "within", "without", "yesterday", "yet", "you",
}  # fmt: skip
# Capitalised words that are never a place alone, however many hamlets bear them.
NOT_PLACE_WORDS = NOT_GIVEN_NAMES | {
    "again", "already", "always", "among", "asked", "back", "because", "being", "best", "better",
    "can", "center", "centre", "college", "could", "council", "department", "do", "either", "else",
    "english", "ever", "first", "go", "good", "great", "had", "hall", "heaven", "hell", "hope",
    "instead", "just", "later", "let", "made", "man", "may", "maybe", "much", "must", "never",
    "new", "nothing", "once", "one", "project", "really", "right", "second", "should", "still",
    "thanks", "three", "two", "very", "well", "will", "would", "yes",
}  # fmt: skip
# Abbreviations that end in a period without ending the sentence.
ABBREVIATIONS = {
    "Adm", "Atty", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Ft", "Gen", "Gov", "Hon", "Insp",
    "Jr", "Lt", "Maj", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt",
    "Sr", "St", "Supt",
}  # fmt: skip
TITLE_WORD_RE = re.compile(r"[^\W\d_]{4,}")
TITLE_CASE_LOWER = {"from", "into", "onto", "over", "than", "that", "upon", "with"}
LOCATIVES = {
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "through",
    "throughout", "to", "toward", "towards", "via", "visit", "visited", "visiting",
}  # fmt: skip

# The last words of newspaper and magazine names: "Chicago Tribune" names the paper, not the city.
MEDIA_AFTER_RE = re.compile(
    r"[ \t]+(?:Times|Post|Journal|Tribune|Herald|Gazette|Daily|Chronicle|Globe|Sun|Star|Courant|"
    r"Register|Inquirer|Sentinel|Courier|Examiner|Free Press|Dispatch|Record|Bee|Observer|Ledger|"
    r"News|Magazine|Review|Press|Standard|Telegraph|Guardian|Independent|Mirror|Advocate)\b"
    r"|-(?:Times|Journal|Constitution|Herald|Tribune|News|Star)\b"
)
# "Church of England", "Bank of America": a name before "of" and a proper noun is an institution's.
INSTITUTION_OF_RE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
STATE_WORD_AFTER_RE = re.compile(r"[ \t]+state\b")
STATE_BEFORE_RE = re.compile(
    r"\b(?:[Uu]pstate|[Dd]ownstate|state of|[Ee]astern|[Ww]estern|[Nn]orthern|[Ss]outhern|[Rr]ural)"
    r"[ \t]+$"
)
# Compass words before "Washington" name a quarter of the capital when the text also names D.C.
COMPASS_BEFORE_RE = re.compile(r"\b(?:North|South)(?:east|west)[ \t]+$|\b[NS][EW][ \t]+$")
CITY_SPELLED_OUT_RE = {
    "New York": re.compile(r"\bNew York City\b|\bNYC\b|\bManhattan\b"),
    "Washington": re.compile(r"\bD\.C\.|\bDistrict of Columbia\b"),
}
# A county, a street or an avenue named for a place is not the place.
NOT_THE_PLACE_AFTER_RE = re.compile(
    r"[ \t]+(?:County|Parish|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|"
    r"Township|Lane|Ln\.|Parkway|Pkwy\.|Highway|Hwy\.|Turnpike|Expressway|Place|Court|Terrace)(?!\w)"
)
STATE_ABBREVIATION_AFTER_COMMA_RE = re.compile(
    r",[ \t]+(" + "|".join(re.escape(a) for a in AP_STATE_ABBREVIATIONS) + r")(?!\w)"
)
# A dateline left at the head of a paragraph: "GREEN BAY, Wis. --", "LONDON (Reuters) -".
DATELINE_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=[ \t]{2})|(?<=\.[ \t]))"
    r"([A-Z][A-Z.'’]+(?:[ \t/-][A-Z][A-Z.'’]+)*"
    r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t][A-Z][a-z]+){0,2})?)"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]+(?:—|–|--|-)[ \t]+(?=[A-Z“\"‘'])"
)
TOWN_BEFORE_RE = re.compile(r"(?<![\w.])((?:[A-Z][a-z]+[ \t]){0,2}[A-Z][a-z]+)$")


SMALL_CITY_POPULATION = 100_000
TOWN_POPULATION = 15_000
ROUNDS = 1
FALLBACKS = 3
WORLD_CITY_POPULATION = 1_000_000
# A tenfold larger place outweighs one nearby, not one in a named region or country.
POPULATION_WEIGHT = 1.5
LARGE_CITY_POPULATION = 500_000
AT_BEFORE_RE = re.compile(r"\bat[ \t]+$")
NAME_AFTER_RE = re.compile(r"[ \t]+([A-Z][a-z]+)\b")
NEAR_KM = 100
FAR_DEGREES = 4 * NEAR_KM / 111  # degrees of latitude in the farthest distance that counts
# A qualifier after a name: ", Ore.", ", England", ", British Columbia", ", Co. Kerry".
QUALIFIER_RE = re.compile(
    r",[ \t]+((?:Co\.|County)[ \t]+[A-Z][\w'’-]*"
    r"|[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|and|upon)){0,3})"
)
# Names written in capitals alone that still name a place ("U.S." reaches the index as "US").
CAPITALS_ONLY_NAMES = {"US", "UK", "USA", "UAE"} | {
    name_key(abbreviation)[0] for abbreviation in STANDALONE_STATE_ABBREVIATIONS
}


@dataclass(slots=True)
class _Token:
    raw: str
    norm: str
    start: int
    end: int


@dataclass
class _Mention:
    key: tuple[str, ...]
    first: int  # index of the first token
    last: int  # index of the last token
    start: int
    end: int
    entries: tuple[Entry, ...]
    known: str = ""
    state_code: str = ""  # from a following ", Conn.": the town is in that state
    # From a following ", Connecticut", ", England", ", Ontario" or ", County Cork", which may also
    # be the next item of a list: it chooses among places of the name only when one fits.
    within: "_Within | None" = None


@dataclass(frozen=True)
class _Within:
    """Where a qualifier or the story's context puts a place: US states, countries, first-level
    regions (country, code) and counties (country, name)."""

    states: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()
    counties: frozenset[tuple[str, str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.states or self.countries or self.regions or self.counties)

    def holds_region(self, entry: Entry) -> bool:
        """Whether the place's state, region or county is named."""
        return (
            (entry.country == "US" and entry.region in self.states)
            or (entry.country, entry.region) in self.regions
            or bool(entry.county and (entry.country, entry.county) in self.counties)
        )

    def holds(self, entry: Entry) -> bool:
        return self.holds_region(entry) or entry.country in self.countries

    def __or__(self, other: "_Within") -> "_Within":
        return _Within(
            self.states | other.states,
            self.countries | other.countries,
            self.regions | other.regions,
            self.counties | other.counties,
        )


def find_places(
    text: str, *, dateline: str = "", known: Iterable[str] = (), home: str = ""
) -> list[FoundPlace]:
    """Return the places the dateline and the text name, dateline first, then in order of mention.

    `text` is the headline and body as plain text. `known` holds the names of the newsroom's
    place tags: they count wherever the text writes them as proper nouns, and keep their own
    spelling. `home` names the newsroom's home town ("Westport, Connecticut"): of places that
    share a name, one near home is preferred when nothing in the story says otherwise.

    Of places that share a name, the one chosen is, in this order of strength: the one the
    dateline's or the name's own qualifier names ("Portland, Ore.", "Richmond, England"); one in a
    region or country the story names; one near the story's other places; one near home; the
    largest. Gazetteer places come back with their GeoNames id; each place appears once.
    """
    gaz = gazetteer()
    known_index = _known_index(tuple(known))
    tokens = _Tokens(text)
    mentions = list(_mentions(text, tokens, gaz, known_index))

    surnames: set[tuple[str, ...]] = set()
    accepted: list[tuple[_Mention, bool]] = []
    for mention in mentions:
        verdict = _judge(text, tokens, mention)
        if verdict == "surname":
            surnames.add(mention.key)
        elif verdict:
            accepted.append((mention, verdict == "located"))
    accepted = [(m, located) for m, located in accepted if located or m.key not in surnames]
    context = _context(mention for mention, _ in accepted)
    home_entry = home_place(home)

    # Places settle one another: each name's choice is made near the others' choices, starting
    # from each alone and done again (one round settles what the story's examples need). The
    # dateline's town, once chosen near them, anchors them too.
    choose = _Chooser(text, context, home_entry)
    choices = {i: choose(m, ()) for i, (m, _) in enumerate(accepted)}
    # A name that only may be a hamlet somewhere ("Rain", "Mayo") places nothing near it.
    settled = {i for i, (m, located) in enumerate(accepted) if located or len(m.entries) == 1}
    dateline = dateline or _dateline_in(text)
    dateline_entry = None
    for _ in range(ROUNDS):
        if dateline:
            _, dateline_entry = _dateline_places(
                dateline,
                gaz,
                known_index,
                context,
                home_entry,
                list(_pool(choices, settled).values()),
            )
        pool = _pool(choices, settled, dateline_entry)
        choices = {i: choose(m, _near(pool, m.entries)) for i, (m, _) in enumerate(accepted)}
    found: list[FoundPlace] = []
    if dateline:
        places, _ = _dateline_places(
            dateline, gaz, known_index, context, home_entry, list(_pool(choices, settled).values())
        )
        found.extend(places)
    pool = _pool(choices, settled, dateline_entry)
    for mention, located in accepted:
        nearby = _near(pool, mention.entries)
        place, _ = _resolve(text, mention, choose, nearby, located=located)
        if place:
            found.append(place)
        if place and mention.state_code:
            found.append(_found(gaz.state(mention.state_code)))

    unique: dict[str, FoundPlace] = {}
    for place in found:
        unique.setdefault(place.qualified.casefold(), place)
    return list(unique.values())


def _pool(
    choices: dict[int, Entry | None], settled: set[int], dateline: Entry | None = None
) -> dict[int, Entry]:
    """The towns chosen for the story's names (and the dateline's), each once: those placed by a
    locative word or a qualifier, alone of their name, or of some size."""
    pool = {
        entry.index: entry
        for i, entry in choices.items()
        if entry and entry.kind == "city" and (i in settled or entry.population >= TOWN_POPULATION)
    }
    if dateline:
        pool[dateline.index] = dateline
    return pool


def _near(pool: dict[int, Entry], own: Iterable[Entry]) -> list[Entry]:
    """The pool's towns other than those a name itself may mean."""
    skip = {entry.index for entry in own}
    return [entry for index, entry in pool.items() if index not in skip]


@functools.lru_cache(maxsize=8)
def home_place(name: str) -> Entry | None:
    """The gazetteer place a home setting such as "Westport, Connecticut" names, if any."""
    town, _, rest = name.partition(",")
    key = name_key(town)
    if not key:
        return None
    entries = [e for e in gazetteer().lookup_folded(key) if e.kind == "city"]
    within = _within_named(rest.strip(), gazetteer()) if rest.strip() else None
    if within:
        entries = [e for e in entries if within.holds(e)] or entries
    return max(entries, key=lambda e: e.population, default=None)


@dataclass(frozen=True)
class _Known:
    """The newsroom's place names by name key, in letter case as written and folded."""

    keys: dict[tuple[str, ...], str]
    folded: dict[tuple[str, ...], str]
    longest_from: dict[str, int]
    prefixes: frozenset[str]

    def begins_name(self, words: str) -> bool:
        """Whether these folded words, space-separated, begin some name of several words."""
        return words in self.prefixes


@functools.lru_cache(maxsize=4)
def _known_index(known: tuple[str, ...]) -> _Known:
    """Built once for the list an import passes with every story."""
    keys = {key: name for name in known if (key := name_key(name))}
    prefixes = frozenset(
        " ".join(fold_key(key[:n])) for key in keys for n in range(2, len(key) + 1)
    )
    folded = {fold_key(key): name for key, name in keys.items()}
    return _Known(keys, folded, longest_from(keys), prefixes)


class _Tokens:
    """The words of a text by index, each made a `_Token` only when first asked for.

    Most words are lower case and never looked at beyond their first letter, and building
    a token for every word was most of the time spent on a story.
    """

    def __init__(self, text: str):
        self.matches = list(TOKEN_RE.finditer(text))
        self.made: dict[int, _Token] = {}
        self.title_lines: dict[int, bool] = {}  # line start → whether it is in title case

    def __len__(self) -> int:
        return len(self.matches)

    def __getitem__(self, index: int) -> _Token:
        token = self.made.get(index)
        if token is None:
            match = self.matches[index]
            raw = match.group()
            norm = normalize_token(raw) if "." in raw or "'" in raw or "’" in raw else raw
            start = match.start()
            token = self.made[index] = _Token(raw, norm, start, start + len(raw.rstrip(".")))
        return token

    def first_from(self, position: int) -> int:
        """The index of the first word starting at or after `position`."""
        return bisect.bisect_left(self.matches, position, key=lambda match: match.start())

    def first_ending_at(self, position: int) -> int:
        """The index of the first word whose end (less a trailing period) is at or after
        `position`; word ends rise with their index, so only a few words are made."""
        return bisect.bisect_left(range(len(self)), position, key=lambda index: self[index].end)

    def capitalised(self) -> list[int]:
        """The indices of the capitalised words, the only ones a name starts with (normalising
        a word never changes its first letter)."""
        return [index for index, match in enumerate(self.matches) if match.group()[0].isupper()]


def _in_title_line(text: str, position: int, lines: dict[int, bool]) -> bool:
    """Whether the line holding `position` is in title case ("Raids Hit Chicago And Denver"),
    where capitals say nothing about names; `lines` keeps the answer for each line's start."""
    start = text.rfind("\n", 0, position) + 1
    answer = lines.get(start)
    if answer is None:
        end = text.find("\n", position)
        answer = lines[start] = _title_case_words(
            TITLE_WORD_RE.finditer(text, start, end if end >= 0 else len(text))
        )
    return answer


def _title_case_words(matches: Iterator[re.Match]) -> bool:
    """Whether words are in title case: no plain lower-case word, three capitalised at least.
    Prose fails at its first plain word, so the words are read only that far."""
    capitals = 0
    for match in matches:
        word = match.group()
        if word[0].isupper():
            capitals += 1
        elif word.islower() and word not in TITLE_CASE_LOWER:
            return False
    return capitals >= 3


def _mentions(text: str, tokens: _Tokens, gaz: Gazetteer, known: _Known) -> Iterator[_Mention]:
    # The longest name that may start with each word, so most words cost one dictionary lookup.
    taken: list[range] = []
    count = len(tokens)
    resume = 0  # the word after the last name found
    longest, known_longest = gaz.longest_from, known.longest_from
    for i in tokens.capitalised():
        if i < resume:
            continue
        # The word as written, before any token is made for it: most capitals begin no name.
        raw = tokens.matches[i].group()
        norm = normalize_token(raw) if "." in raw or "'" in raw or "’" in raw else raw
        most = max(longest.get(norm, 0), known_longest.get(norm, 0))
        if not most:
            continue
        reach = 1  # names never cross punctuation
        prefix = norm.lower()
        while reach < most and i + reach < count:
            # Go on only while the words begin some name ("San Luis", not "John Smith"): a set
            # lookup on the next word as written, before any token is made for it.
            raw = tokens.matches[i + reach].group()
            word = normalize_token(raw) if "." in raw or "'" in raw or "’" in raw else raw
            longer = f"{prefix} {word.lower()}"
            if not gaz.begins_name(longer) and not known.begins_name(longer):
                break
            if not _adjacent(text, tokens[i + reach - 1], tokens[i + reach]):
                break
            prefix = longer
            reach += 1
        for n in range(reach, 0, -1):
            span = [tokens[k] for k in range(i, i + n)]
            if span[-1].norm == "-":
                continue
            key = tuple(t.norm for t in span)
            if n == 1 and (
                key[0].lower() in NOT_PLACE_WORDS
                or (key[0].isupper() and key[0] not in CAPITALS_ONLY_NAMES)
            ):
                # Words that start sentences ("We", "As", "Many") name hamlets somewhere, never
                # here; other postal codes and capitals-only words are not names.
                entries = ()
            else:
                entries = _as_written(gaz.lookup(key), text[span[0].start : span[-1].end])
            if entries or key in known.keys:
                mention = _Mention(key, i, i + n - 1, span[0].start, span[-1].end, entries,
                                   known.keys.get(key, ""))  # fmt: skip
                mention.state_code, mention.within = _qualifier_after(text, mention.end, gaz)
                taken.append(range(mention.start, mention.end))
                yield mention
                resume = i + n
                break
    # Towns below the gazetteer's threshold still count when written AP style: "Easton, Conn."
    for match in STATE_ABBREVIATION_AFTER_COMMA_RE.finditer(text):
        town = TOWN_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if not town:
            continue
        start, end = town.span(1)
        while (
            word := re.match(r"\w+[ \t]+", text[start:end])
        ) and word.group().strip().lower() in NOT_GIVEN_NAMES:
            start += len(word.group())
        if any(start in r or end - 1 in r for r in taken):
            continue
        first = tokens.first_from(start)
        last = tokens.first_ending_at(end)
        code = AP_STATE_ABBREVIATIONS[match.group(1)]
        yield _Mention(name_key(text[start:end]), first, last, start, end, (), "", code)


def _as_written(entries: tuple[Entry, ...], written: str) -> tuple[Entry, ...]:
    """The places a name written without accents may mean: accents may be left out of the names
    of large cities ("Bogota"), not of towns ("Sale" is not Salé)."""
    if not written.isascii():
        return entries
    return tuple(e for e in entries if e.name.isascii() or e.population >= LARGE_CITY_POPULATION)


def _qualifier_after(text: str, end: int, gaz: Gazetteer) -> tuple[str, "_Within | None"]:
    """The state code of a ", Conn." right after a name; else where a ", Connecticut",
    ", England", ", Ontario" or ", Co. Kerry" there puts it."""
    match = QUALIFIER_RE.match(text, end, end + 60)
    if not match:
        return "", None
    words = match.group(1).split()
    if words[0] in AP_STATE_ABBREVIATIONS:
        return AP_STATE_ABBREVIATIONS[words[0]], None
    for n in range(len(words), 0, -1):
        within = _within_named(" ".join(words[:n]), gaz)
        if within:
            return "", within
    return "", None


def _within_named(words: str, gaz: Gazetteer) -> "_Within | None":
    """Where a qualifier puts a place: a US state by name or AP abbreviation, a country, a
    first-level region or a county."""
    key = name_key(words)
    if not key:
        return None
    code = gaz.state_code(key)
    if code:
        return _Within(states=frozenset({code}))
    country = gaz.country_named(key)
    if country:
        return _Within(countries=frozenset({country}))
    regions, counties = gaz.regions_named(key), gaz.counties_named(key)
    if regions or counties:
        return _Within(regions=frozenset(regions), counties=frozenset(counties))
    return None


def _context(mentions: Iterable[_Mention]) -> _Within:
    """The states, regions and countries the text names, to settle which Springfield is meant."""
    states, countries, regions = set(), set(), set()
    within = _Within()
    for mention in mentions:
        if mention.state_code:
            states.add(mention.state_code)
        if mention.within:
            within = within | mention.within
        for entry in mention.entries:
            if entry.kind == "state":
                regions.add((entry.country, entry.region))
                if entry.country == "US":
                    states.add(entry.region)
            elif entry.kind == "country":
                countries.add(entry.country)
    return within | _Within(frozenset(states), frozenset(countries), frozenset(regions))


def _judge(text: str, tokens: _Tokens, mention: _Mention) -> str:
    """'' to reject, 'surname' for part of a person's name, 'located' or 'named' to accept."""
    name = " ".join(mention.key)
    if (
        name in CALENDAR_WORDS
        or MEDIA_AFTER_RE.match(text, mention.end)
        or (not mention.known and INSTITUTION_OF_RE.match(text, mention.end))
        or NOT_THE_PLACE_AFTER_RE.match(text, mention.end)
    ):
        return ""
    first = tokens[mention.first]
    before = tokens[mention.first - 1] if mention.first > 0 else None
    after = tokens[mention.last + 1] if mention.last + 1 < len(tokens) else None
    if before and (before.norm == "-" or not _adjacent(text, before, first)):
        before_word = None
    else:
        before_word = before
    if after and (after.norm == "-" or not _adjacent(text, tokens[mention.last], after)):
        after_word = None
    else:
        after_word = after
    # A locative word, a state, or a town's own institution ("Westport Police") places a name.
    located = bool(
        (before and before.norm.lower() in LOCATIVES and before.raw[-1] not in ".")
        or mention.state_code
        or mention.within
        or (after_word and after_word.norm in PLACE_FOLLOWERS)
    )
    followed_by_name = bool(
        after_word and _is_name_word(after_word) and after_word.norm not in PLACE_FOLLOWERS
    )
    # No one is named "N.J." or "U.S.": abbreviations skip the personal-name tests.
    if not name.isupper() and not _in_title_line(text, first.start, tokens.title_lines):
        if before_word and _is_name_word(before_word):
            return "surname"
        if name in GIVEN_NAMES and followed_by_name:
            return ""
    if name in WEAK_NAMES and not mention.known and (not located or followed_by_name):
        return ""
    return "located" if located else "named"


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Whether two words stand side by side in one sentence: only spaces between them, and any
    period after the left one marks an abbreviation ("St. Louis", "Sen. Warren", "John W.")."""
    if left.raw.endswith(".") and not (
        len(left.norm) == 1 or left.norm in ABBREVIATIONS or "." in left.raw[:-1]
    ):
        return False
    return not text[left.start + len(left.raw) : right.start].strip(" \t")


def _is_name_word(token: _Token) -> bool:
    """Whether a capitalised neighbour can be part of a personal name ("Charles", "Sen.")."""
    word = token.norm
    if len(word) == 1:
        return word.isupper() and token.raw.endswith(".")  # a middle initial
    return (
        len(word) > 1
        and word[0].isupper()
        and not word.isupper()
        and word.lower() not in NOT_GIVEN_NAMES
        and word not in CALENDAR_WORDS
    )


def _resolve(
    text: str, mention: _Mention, choose: "_Chooser", anchors: list[Entry], *, located: bool
) -> tuple[FoundPlace | None, Entry | None]:
    context, home = choose.context, choose.home
    entry = choose(mention, anchors)
    for _ in range(FALLBACKS):
        if not entry or mention.known:
            break
        if _evident(text, mention, entry, context, anchors, home, located=located):
            break
        # A world city of that name, then ("in Paris" in a story that names Illinois is
        # Paris, France, when Paris, Ill. is not evident).
        rest = tuple(
            e
            for e in mention.entries
            if e.index != entry.index and e.population >= WORLD_CITY_POPULATION
        )
        mention = dataclasses.replace(mention, entries=rest)
        entry = choose(mention, anchors)
    else:
        entry = None
    if entry is None and mention.entries and not mention.known and not mention.state_code:
        return None, None
    if mention.known:
        if entry:
            place = _found(entry, mention.known)
            return place, entry
        return FoundPlace(mention.known, "other", None), None
    if entry:
        return _found(entry), entry
    if mention.state_code:
        return FoundPlace(text[mention.start : mention.end], "city", None), None
    return None, None


def _evident(
    text: str,
    mention: _Mention,
    entry: Entry,
    context: _Within,
    anchors: list[Entry],
    home: Entry | None,
    *,
    located: bool,
) -> bool:
    """Whether the name evidently names this place.

    Thousands of small towns share their names with surnames, companies and ordinary words
    ("Police", Poland; "Hays Code"; "Epsom salts"; "at Yale"). Before another name ("Barry
    Saltzman") a name is a person's. A hamlet under `TOWN_POPULATION` counts only with its
    qualifier or its state, region or county named elsewhere in the story; after a locative
    other than "at", also near the story's places or home (abroad: or its country named). A town
    under `SMALL_CITY_POPULATION` named with no locative word needs its region, its country
    (outside the US) or nearness, and never starts a sentence.
    """
    if mention.state_code or mention.within or entry.kind == "country":
        return True
    if entry.kind == "state":
        # Small regions abroad bear given names and words too ("Michael", Isle of Man).
        if entry.country == "US" or entry.population >= SMALL_CITY_POPULATION:
            return True
        named = located or entry.country in context.countries
        return named and not _starts_sentence(text, mention.start)
    own = {(e.country, e.region) for e in mention.entries if e.kind == "state"}
    in_named_region = context.holds_region(entry) and (
        (entry.country, entry.region) not in own
        or bool(entry.county and (entry.country, entry.county) in context.counties)
    )
    near = [*anchors, home] if home else anchors
    nearby = nearest_km(entry, near, 2 * NEAR_KM) < 2 * NEAR_KM
    if not located and _before_a_name(text, mention, entry):
        return False
    if entry.population < TOWN_POPULATION:
        # "at" places people in institutions as often as in towns ("at Yale").
        if not located or AT_BEFORE_RE.search(text, max(0, mention.start - 4), mention.start):
            if _starts_sentence(text, mention.start):
                return False
            # Abroad, where fewer hamlets bear surnames, nearness to the story's towns will do.
            close = entry.country != "US" and nearest_km(entry, anchors, NEAR_KM) < NEAR_KM
            return in_named_region or close
        return (
            in_named_region
            or nearby
            or (
                entry.country != "US"
                and (
                    entry.country in context.countries
                    or nearest_km(entry, near, 4 * NEAR_KM) < 4 * NEAR_KM
                )
            )
        )
    if entry.population >= SMALL_CITY_POPULATION or in_named_region:
        return True
    if located:
        # A town abroad needs a little more than "in": its country, or the story's towns near.
        home_country = home.country if home else "US"
        return (
            entry.country == home_country
            or entry.country in context.countries
            or nearest_km(entry, anchors, 4 * NEAR_KM) < 4 * NEAR_KM
        )
    if len(mention.key) == 1 and _starts_sentence(text, mention.start):
        return False
    return (entry.country != "US" and entry.country in context.countries) or nearby


def _before_a_name(text: str, mention: _Mention, entry: Entry) -> bool:
    """Whether a one-word name below a large city's size stands before a capitalised word that
    may be a surname ("Mary Shelley", "Raymond James")."""
    if len(mention.key) > 1 or entry.population >= LARGE_CITY_POPULATION:
        return False
    match = NAME_AFTER_RE.match(text, mention.end)
    return (
        bool(match)
        and match.group(1).lower() not in NOT_GIVEN_NAMES
        and (match.group(1) not in PLACE_FOLLOWERS and match.group(1) not in CALENDAR_WORDS)
    )


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 4) : position].rstrip(" \t“\"‘'(")
    return not before or before[-1] in ".!?:\n"


def _candidates(mention: _Mention) -> list[Entry]:
    """The cities a mention may mean once its own qualifier has spoken."""
    cities = [e for e in mention.entries if e.kind == "city"]
    if mention.state_code:
        return [e for e in cities if e.country == "US" and e.region == mention.state_code]
    if mention.within:
        return [e for e in cities if mention.within.holds(e)] or cities
    return cities


class _Chooser:
    """`_choose` for one story, each answer kept: a story names its towns again and again, and
    each naming is chosen anew in every round."""

    def __init__(self, text: str, context: _Within, home: Entry | None):
        self.text, self.context, self.home = text, context, home
        self.answers: dict[tuple, Entry | None] = {}

    def __call__(self, mention: _Mention, anchors: list[Entry]) -> Entry | None:
        if len(mention.entries) < 2:
            return _choose(self.text, mention, self.context, anchors, self.home)
        # Only the AP's stand-alone cities read the words around the name.
        where = mention.start if " ".join(mention.key) in STANDALONE_CITIES else -1
        key = (
            where,
            mention.state_code,
            mention.within,
            tuple(entry.index for entry in mention.entries),
            tuple(anchor.index for anchor in anchors),
        )
        answer = self.answers.get(key, self)
        if answer is self:
            answer = self.answers[key] = _choose(
                self.text, mention, self.context, anchors, self.home
            )
        return answer


def _choose(
    text: str,
    mention: _Mention,
    context: _Within,
    anchors: list[Entry] = (),
    home: Entry | None = None,
) -> Entry | None:
    entries = mention.entries
    if not entries:
        return None
    name = " ".join(mention.key)
    if name in STANDALONE_CITIES:
        before = text[max(0, mention.start - 30) : mention.start]
        wants_state = (
            STATE_WORD_AFTER_RE.match(text, mention.end)
            or STATE_BEFORE_RE.search(before)
            or (COMPASS_BEFORE_RE.search(before) and not CITY_SPELLED_OUT_RE[name].search(text))
        )
        kind = "state" if wants_state else "city"
        code = STANDALONE_CITIES[name][0]
        for entry in entries:
            in_place = kind == "state" or entry.region == code
            if entry.kind == kind and entry.country == "US" and in_place:
                return entry
    cities = _candidates(mention)
    qualified = mention.state_code or (
        mention.within and any(mention.within.holds(e) for e in cities)
    )
    regions = [] if qualified else [e for e in entries if e.kind in ("state", "country")]
    if regions:
        region = max(regions, key=lambda e: _region_weight(e, context, anchors, home))
        # A region outweighs towns named for it ("Georgia", "Ontario", "Victoria") unless a
        # town is the larger, or is the region's own seat ("Tokyo", "Chandigarh").
        seat = any(c.country == region.country and c.region == region.region for c in cities)
        largest = max((c.population for c in cities), default=0)
        if not seat and region.population >= largest:
            return region
    if not cities:
        return regions[0] if regions else None
    if len(cities) == 1:
        return cities[0]
    return max(cities, key=lambda entry: _weight(entry, context, anchors, home))


def _region_weight(
    entry: Entry, context: _Within, anchors: Iterable[Entry], home: Entry | None
) -> tuple:
    """Of regions and countries of one name: the one holding the story's other places, the one
    its context names, a US state for a US newsroom, the one in the home country, the largest."""
    return (
        any(
            a.country == entry.country and (entry.kind == "country" or a.region == entry.region)
            for a in anchors
        ),
        context.holds_region(entry) or entry.country in context.countries,
        entry.kind == "state" and entry.country == "US" and (home is None or home.country == "US"),
        bool(home and entry.country == home.country),
        entry.population,
    )


def _weight(entry: Entry, context: _Within, anchors: Iterable[Entry], home: Entry | None) -> float:
    """A score whose steps follow the order of strength: a named region or county (4), a named
    country (3), near the story's other places (2 or 1 each, 3.5 at most), near home (1 or
    less); population (its logarithm, `POPULATION_WEIGHT` a tenfold) settles the rest."""
    score = POPULATION_WEIGHT * math.log10(entry.population + 10)
    if context.holds_region(entry):
        score += 4
    elif entry.country in context.countries:
        score += 3
    near = 0.0
    latitude = entry.latitude
    for anchor in anchors:
        if abs(latitude - anchor.latitude) > FAR_DEGREES:
            continue  # too far in latitude alone: no trigonometry needed
        distance = distance_km(entry, anchor)
        near += 2 if distance < NEAR_KM else 1 if distance < 4 * NEAR_KM else 0
    score += min(near, 3.5)
    if home:
        if distance_km(entry, home) < 2 * NEAR_KM:
            score += 1
        elif entry.country == home.country:
            score += 0.7
    return score


def _dateline_in(text: str) -> str:
    """The dateline at the head of the story's first paragraphs, if the copy still has it."""
    match = DATELINE_RE.search(text, 0, 2000)
    return match.group(1) if match else ""


def _dateline_places(
    dateline: str,
    gaz: Gazetteer,
    known: _Known,
    context: _Within,
    home: Entry | None,
    anchors: list[Entry],
) -> tuple[list[FoundPlace], Entry | None]:
    """The dateline's town (always a place, title-cased when not in the gazetteer), and its state
    when the dateline names one; with the town's gazetteer entry."""
    town, _, rest = re.sub(r"\(.*?\)", "", dateline).strip(" \t—–-:").partition(",")
    key = name_key(town)
    if not key:
        return [], None
    rest = rest.strip(" \t.,") and rest.strip(" \t,")
    state_code = gaz.state_code(name_key(rest)) if rest else ""
    within = None if state_code or not rest else _within_named(rest, gaz)
    entries = gaz.lookup(key) or gaz.lookup_folded(key)
    # A dateline names a town: prefer a city of that name, in the dateline's state or country if
    # it names one; AP's stand-alone dateline cities stand for the famous one.
    cities = tuple(e for e in entries if e.kind == "city")
    others = tuple(e for e in entries if e.kind != "city")
    title = _title_case(town)
    ap_country = AP_DATELINE_CITIES.get(title) or AP_DATELINE_CITIES.get(
        next((name for name in AP_DATELINE_CITIES if fold_key(name_key(name)) == fold_key(key)), "")
    )
    if not rest and ap_country and cities:
        cities = tuple(e for e in cities if e.country == ap_country) or cities
        entry = max(cities, key=lambda e: (e.kind == "city", e.population))
    else:
        mention = _Mention(key, 0, 0, 0, 0, cities or others, "", state_code, within)
        entry = _choose("", mention, context, anchors, home)
        if state_code and entry and entry.kind == "city" and entry.region != state_code:
            entry = None
    name = known.folded.get(fold_key(key))
    if name:
        place = _found(entry, name) if entry else FoundPlace(name, "city", None)
    elif entry:
        place = _found(entry)
    else:
        place = FoundPlace(title, "city", None)
    places = [place]
    if state_code:
        places.append(_found(gaz.state(state_code)))
    return places, entry


def _title_case(words: str) -> str:
    return " ".join(
        part if part.isupper() and "." in part else part.capitalize() for part in words.split()
    )
