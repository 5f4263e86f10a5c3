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
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .calendar_words import MONTHS, WEEKDAYS
from .gazetteer import (
    AP_STATE_ABBREVIATIONS,
    STANDALONE_CITIES,
    STANDALONE_STATE_ABBREVIATIONS,
    TOKEN_RE,
    Entry,
    Gazetteer,
    fold_key,
    gazetteer,
    longest_from,
    name_key,
    normalize_token,
)


@dataclass
class FoundPlace:
    name: str
    kind: str  # a Place.Kind value: "city", "state", "country" or "other"
    geonames_id: int | None


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
    "College", "Council", "County", "Democrats", "Department", "District", "Fire", "General",
    "Governor", "Harbor", "High", "Hospital", "Legislature", "Library", "Mayor", "Metro",
    "Museum", "Police", "Port", "Public", "Region", "Republicans", "River", "Road", "School",
    "Schools", "Senate", "State", "Street", "Town", "Township", "University", "Village",
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
    r"([A-Z][A-Z.'’]+(?:[ \t/-][A-Z][A-Z.'’]+)*(?:,[ \t]+[A-Z][A-Za-z.]+)?)"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]+(?:—|–|--|-)[ \t]+(?=[A-Z“\"‘'])"
)
TOWN_BEFORE_RE = re.compile(r"(?<![\w.])((?:[A-Z][a-z]+[ \t]){0,2}[A-Z][a-z]+)$")


SMALL_CITY_POPULATION = 100_000
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
    state_hint: str = ""  # from a following ", Connecticut", which may also be the next list item


def find_places(text: str, *, dateline: str = "", known: Iterable[str] = ()) -> list[FoundPlace]:
    """Return the places the dateline and the text name, dateline first, then in order of mention.

    `text` is the headline and body as plain text. `known` holds the names of the newsroom's
    place tags: they count wherever the text writes them as proper nouns, and keep their own
    spelling. Gazetteer places come back under their canonical names with their GeoNames id; each
    place appears once.
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
    context_states, context_countries = _context(mention for mention, _ in accepted)

    found: list[FoundPlace] = []
    dateline = dateline or _dateline_in(text)
    if dateline:
        found.extend(_dateline_places(dateline, gaz, known_index, context_states))
    for mention, located in accepted:
        if mention.key in surnames and not located:
            continue
        place = _resolve(text, mention, context_states, context_countries, located=located)
        if place:
            found.append(place)
        if place and mention.state_code:
            state = gaz.state(mention.state_code)
            found.append(FoundPlace(state.name, state.kind, state.geonames_id))

    unique: dict[str, FoundPlace] = {}
    for place in found:
        unique.setdefault(place.name.casefold(), place)
    return list(unique.values())


@dataclass(frozen=True)
class _Known:
    """The newsroom's place names by name key, in letter case as written and folded."""

    keys: dict[tuple[str, ...], str]
    folded: dict[tuple[str, ...], str]
    longest_from: dict[str, int]


@functools.lru_cache(maxsize=4)
def _known_index(known: tuple[str, ...]) -> _Known:
    """Built once for the list an import passes with every story."""
    keys = {key: name for name in known if (key := name_key(name))}
    return _Known(keys, {fold_key(key): name for key, name in keys.items()}, longest_from(keys))


class _Tokens:
    """The words of a text by index, each made a `_Token` only when first asked for.

    Most words are lower case and never looked at beyond their first letter, and building
    a token for every word was most of the time spent on a story.
    """

    def __init__(self, text: str):
        self.matches = list(TOKEN_RE.finditer(text))
        self.made: dict[int, _Token] = {}

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


def _in_title_line(text: str, position: int) -> bool:
    """Whether the line holding `position` is in title case ("Raids Hit Chicago And Denver"),
    where capitals say nothing about names."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    words = TITLE_WORD_RE.findall(text, start, end if end >= 0 else len(text))
    if any(word.islower() and word not in TITLE_CASE_LOWER for word in words):
        return False
    return sum(1 for word in words if word[0].isupper()) >= 3


def _mentions(text: str, tokens: _Tokens, gaz: Gazetteer, known: _Known) -> Iterator[_Mention]:
    # The longest name that may start with each word, so most words cost one dictionary lookup.
    taken: list[range] = []
    count = len(tokens)
    resume = 0  # the word after the last name found
    for i in tokens.capitalised():
        if i < resume:
            continue
        norm = tokens[i].norm
        most = max(gaz.longest_from.get(norm, 0), known.longest_from.get(norm, 0))
        if not most:
            continue
        reach = 1  # names never cross punctuation
        while reach < most and i + reach < count:
            if not _adjacent(text, tokens[i + reach - 1], tokens[i + reach]):
                break
            reach += 1
        for n in range(reach, 0, -1):
            span = [tokens[k] for k in range(i, i + n)]
            if span[-1].norm == "-":
                continue
            key = tuple(t.norm for t in span)
            entries = gaz.lookup(key)
            if len(key) == 1 and key[0].isupper() and key[0] not in CAPITALS_ONLY_NAMES:
                entries = ()  # other postal codes and capitals-only words are not names
            if entries or key in known.keys:
                mention = _Mention(key, i, i + n - 1, span[0].start, span[-1].end, entries,
                                   known.keys.get(key, ""))  # fmt: skip
                mention.state_code, mention.state_hint = _state_after(text, mention.end, gaz)
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


def _state_after(text: str, end: int, gaz: Gazetteer) -> tuple[str, str]:
    """The state code of a ", Conn." (first) or ", Connecticut" (second) right after a name."""
    match = re.match(r",[ \t]+([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)", text[end : end + 40])
    if not match:
        return "", ""
    words = match.group(1)
    for candidate in (words, words.split()[0]):
        if candidate in AP_STATE_ABBREVIATIONS:
            return AP_STATE_ABBREVIATIONS[candidate], ""
        if any(e.kind == "state" for e in gaz.lookup(name_key(candidate))):
            return "", gaz.state_codes[name_key(candidate)]
    return "", ""


def _context(mentions: Iterable[_Mention]) -> tuple[set[str], set[str]]:
    """US state codes and country codes the text names, to settle which Springfield is meant."""
    states, countries = set(), set()
    for mention in mentions:
        if mention.state_code:
            states.add(mention.state_code)
        for entry in mention.entries:
            if entry.kind == "state":
                states.add(entry.region)
            elif entry.kind == "country":
                countries.add(entry.country)
    return states, countries


def _judge(text: str, tokens: _Tokens, mention: _Mention) -> str:
    """'' to reject, 'surname' for part of a person's name, 'located' or 'named' to accept."""
    name = " ".join(mention.key)
    if (
        name in CALENDAR_WORDS
        or MEDIA_AFTER_RE.match(text, mention.end)
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
        or mention.state_hint
        or (after_word and after_word.norm in PLACE_FOLLOWERS)
    )
    followed_by_name = bool(
        after_word and _is_name_word(after_word) and after_word.norm not in PLACE_FOLLOWERS
    )
    # No one is named "N.J." or "U.S.": abbreviations skip the personal-name tests.
    if not name.isupper() and not _in_title_line(text, first.start):
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
    text: str, mention: _Mention, states: set[str], countries: set[str], *, located: bool
) -> FoundPlace | None:
    entry = _choose(text, mention, states, countries)
    if (
        entry
        and not mention.known
        and not located
        and entry.kind == "city"
        and entry.country == "US"
        and entry.population < SMALL_CITY_POPULATION
        and entry.region not in states
    ):
        # A small US town named without its state is more often a surname, a company, a
        # landmark or a town of the same name elsewhere ("Hays Code", "Golden Gate Bridge").
        return None
    if mention.known:
        if entry:
            return FoundPlace(mention.known, entry.kind, entry.geonames_id)
        return FoundPlace(mention.known, "other", None)
    if entry:
        return FoundPlace(entry.name, entry.kind, entry.geonames_id)
    if mention.state_code:
        return FoundPlace(text[mention.start : mention.end], "city", None)
    return None


def _choose(text: str, mention: _Mention, states: set[str], countries: set[str]) -> Entry | None:
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
            if entry.kind == kind and (kind == "state" or entry.region == code):
                return entry
    for kind in ("state", "country"):
        for entry in entries:
            if entry.kind == kind:
                return entry
    cities = [e for e in entries if e.kind == "city"]
    if mention.state_code:
        cities = [e for e in cities if e.region == mention.state_code]
    if not cities:
        return None

    def weight(entry: Entry) -> float:
        named = entry.region in states if entry.country == "US" else entry.country in countries
        here = entry.country == "US" and entry.region == mention.state_hint
        bias = 1_000_000 if here else 1000 if named else 1
        return entry.population * (5 if entry.country == "US" else 1) * bias

    return max(cities, key=weight)


def _dateline_in(text: str) -> str:
    """The dateline at the head of the story's first paragraphs, if the copy still has it."""
    match = DATELINE_RE.search(text, 0, 2000)
    return match.group(1) if match else ""


def _dateline_places(
    dateline: str, gaz: Gazetteer, known: _Known, states: set[str]
) -> list[FoundPlace]:
    """The dateline's town (always a place, title-cased when not in the gazetteer) and its state."""
    town, _, rest = re.sub(r"\(.*?\)", "", dateline).strip(" \t—–-:").partition(",")
    key = name_key(town)
    if not key:
        return []
    state_code = gaz.state_code(name_key(rest))
    entries = gaz.lookup(key) or gaz.lookup_folded(key)
    # A dateline names a town: prefer a city of that name, in the dateline's state if it has one.
    cities = tuple(
        e for e in entries if e.kind == "city" and (not state_code or e.region == state_code)
    )
    others = tuple(e for e in entries if e.kind != "city")
    preferred = states | {state_code} if state_code else states
    entry = _choose("", _Mention(key, 0, 0, 0, 0, cities or others), preferred, set())
    name = known.folded.get(fold_key(key))
    if name:
        place = FoundPlace(
            name, entry.kind if entry else "city", entry.geonames_id if entry else None
        )
    elif entry:
        place = FoundPlace(entry.name, entry.kind, entry.geonames_id)
    else:
        place = FoundPlace(_title_case(town), "city", None)
    places = [place]
    if state_code:
        state = gaz.state(state_code)
        places.append(FoundPlace(state.name, state.kind, state.geonames_id))
    return places


def _title_case(words: str) -> str:
    return " ".join(
        part if part.isupper() and "." in part else part.capitalize() for part in words.split()
    )
