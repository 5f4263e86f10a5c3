"""Words, names and roles in running news copy, for telling who said what.

Plain functions over one paragraph at a time, no database. `tokenize()` splits a paragraph into
words and punctuation, keeping abbreviations such as “Lt.” whole so that a full stop in a title
is not read as the end of a sentence. `read_noun_phrase()` reads the words naming someone
(“Westport Police Chief Jane Roe”, “the county council”, “she”) into a `Mention`.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from articles.analysis.calendar_words import MONTHS, WEEKDAYS
from articles.analysis.german import BODY_NOUNS as GERMAN_BODY_NOUNS
from articles.analysis.german import ROLE_ADJECTIVES as GERMAN_ROLE_ADJECTIVES
from articles.analysis.german import ROLE_ENDINGS as GERMAN_ROLE_ENDINGS

# Abbreviations that keep their full stop (the stop does not end a sentence after them).
ABBREVIATIONS = frozenset(
    "Lt. Lieut. Sgt. Capt. Cpl. Pvt. Col. Gen. Maj. Adm. Cmdr. Det. Ofc. Insp. Supt. Gov. Sen. "
    "Rep. Reps. Del. Atty. Hon. Dr. Prof. Rev. Mr. Mrs. Ms. Messrs. Jr. Sr. St. Mt. Ft. No. Nos. "
    "Inc. Co. Corp. Ltd. Bros. Dept. Univ. Ave. Blvd. Rd. Jan. Feb. Mar. Apr. Aug. Sept. Sep. "
    "Oct. Nov. Dec. vs.".split()
)

# Capitalised words that can make up a formal title in front of a name. The title is the run of
# these words that ends right before the name; words outside it (a town, a department) drop.
TITLE_WORDS = frozenset(
    "Lt. Lieut. Lieutenant Sgt. Sergeant Capt. Captain Cpl. Corporal Pvt. Private Col. Colonel "
    "Gen. General Maj. Major Adm. Admiral Cmdr. Commander Det. Detective Ofc. Officer Insp. "
    "Inspector Supt. Superintendent Chief Deputy Assistant Associate Acting Interim Vice Executive "
    "Gov. Governor Sen. Senator Rep. Representative Del. Delegate Atty. Attorney Hon. Judge "
    "Justice Magistrate Dr. Doctor Prof. Professor Rev. Reverend Father Pastor Rabbi Imam Bishop "
    "Mayor Selectman Selectwoman Selectperson First Second Third Council Councilman Councilwoman "
    "Councilor Councillor Alderman Alderwoman Commissioner Supervisor Trustee Chairman Chairwoman "
    "Chair Chairperson President Secretary Treasurer Comptroller Auditor Clerk Director Principal "
    "Dean Chancellor Provost Ambassador Minister Prime Premier Speaker Leader Majority Minority "
    "State U.S. County Town City District Police Fire Patrol Sheriff Marshal Trooper Agent Special "
    "Coach Head Senior Managing Board School CEO Sister Brother Patrolman Patrolwoman Lady Dr "
    "Prof Insp Supt Sgt Lt Capt Col Gen Cllr".split()
)

# Courtesy titles: dropped from the name and not kept as a title.
# British style writes them without a full stop (“Mr Obama”).
HONORIFICS = frozenset("Mr. Mrs. Ms. Miss Mx. Messrs. Sir Dame Mr Mrs Ms Mx".split())

# Lower-case words for a role in front of or after a name (“coach Pat Doe”, “Doe, a spokesman”).
ROLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson representative official officer chief director president
    chairman chairwoman chair secretary manager coach quarterback player forecaster analyst
    economist professor researcher scientist teacher principal superintendent mayor governor
    senator lawmaker legislator councilman councilwoman councilor selectman selectwoman commissioner
    lieutenant sergeant captain detective trooper deputy sheriff attorney lawyer prosecutor judge
    founder co-founder owner co-owner executive partner editor reporter columnist host co-host
    pastor minister rabbi doctor physician nurse surgeon student resident neighbor neighbour
    volunteer organizer organiser activist advocate expert engineer pilot driver farmer worker
    employee member leader candidate voter parent veteran historian librarian curator architect
    planner administrator coordinator supervisor inspector investigator agent ranger firefighter
    paramedic clerk treasurer auditor instructor trainer consultant strategist pollster aide
    adviser advisor assistant tackle guard forward pitcher catcher goalkeeper striker journalist
    astronaut ceo cfo coo passenger father mother boss author co-author writer baker butcher
    grocer shopkeeper landlord landlady tenant homeowner chef waiter waitress bartender nanny
    carer caregiver mechanic electrician plumber builder carpenter miner soldier sailor coroner
    councillor diplomat envoy negotiator lobbyist commuter motorist pedestrian patient survivor
    victim witness cashier staffer intern banker trader investor entrepreneur developer designer
    programmer producer actor actress singer dancer athlete swimmer referee umpire defender
    midfielder jockey vet veterinarian midwife medic priest vicar nun monk imam bishop ambassador
    headteacher headmaster headmistress lecturer scholar campaigner protester demonstrator
    shopper customer wife husband partner sister brother daughter son widow widower fiancé
    fiancée cousin uncle aunt niece nephew grandson granddaughter grandmother grandfather rival
    friend colleague""".split()
)
ROLE_SUFFIXES = ("ist", "man", "woman", "person", "grapher", "ologist", "ician")
# Words that may stand before a role word inside the same role (“head coach”, “police chief”).
ROLE_MODIFIERS = GERMAN_ROLE_ADJECTIVES | frozenset(
    """head assistant deputy senior chief executive police fire defensive offensive former acting
    interim vice general managing associate state county city town school board district news
    physical marine junior lead longtime political communications press study""".split()
)
# Lower-case nouns that name an organisation speaking as a body (“the state health department”).
ORGANISATION_NOUNS = GERMAN_BODY_NOUNS | frozenset(
    """government ministry department agency office council commission committee board company
    authority authorities administration police court army military navy embassy university
    school district party campaign union association league federation group firm bank airline
    carrier newspaper network broadcaster utility railway railroad club team charity organisation
    organization regulator watchdog hospital retailer manufacturer publisher studio airport
    council family""".split()
)
# Capitalised words that mark a run of capitals as something other than a person.
NON_PERSON_WORDS = frozenset(
    """Department Dept. University College School Academy Institute Times Post News Journal Press
    Tribune Herald Gazette Daily Network Radio Television TV Police Act Law Bill Foundation Fund
    Inc. Co. Corp. Ltd. Company Companies Airlines Airways Airport Agency Administration
    Association Center Centre Council Court Office Club Bank Group Party Committee Commission
    Government Ministry Service Services State States County City Town Village River Street Avenue
    Road Church Hospital Bowl Parade Day Sea Ocean Island Islands Lake Bay Mountain
    Mountains Team Project Program Programme Division Board Corporation Authority Union League
    Federation Museum Library Society Trust Alliance Coalition Guard Army Navy Force Forces
    Congress Senate House Assembly Legislature Republicans Democrats Federal National
    International Reuters Associated Updated Posted Published Courier Chronicle Telegraph Observer
    Examiner Ledger Courant Inquirer Bulletin Dispatch Sentinel Mirror Express Magazine""".split()
)
# Capitalised function words at the start of a sentence, never part of a name.
CAPITALISED_FUNCTION_WORDS = frozenset(
    """The A An But And Or Nor So Yet In On At As For From With By To Of If When While After Before
    During Since Though Although Still Even Just Also Now Then Here There This That These Those It
    Its He She They We I You His Her Their Our My Your What Why How Who Whom Whose Where Which Both
    Either Neither Some Many Most Much More Few Several All Any Each Every Last Next Asked Meanwhile
    However Instead Once Under Over About Around Against Among Between Through Without Within Like
    Unlike Despite Until Because Not No Yes Only Today Tonight Yesterday Tomorrow According Late
    Early Later Earlier Indeed Already Perhaps Maybe Please Thanks Dear""".split()
)
# April, May, June and August are left out: they are given names as often as months.
DAYS_AND_MONTHS = (
    WEEKDAYS
    | (MONTHS - {"April", "May", "June", "August"})
    | frozenset("Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec.".split())
)
NAME_PARTICLES = frozenset(
    "van von de der den da di del della dos du la le bin ibn al el st.".split()
)
# Phrasal verbs of speaking, by their first word: “pointed out”, “summed up”, “chimed in”.
PHRASAL_VERBS = {
    f"{head}{ending}": particle
    for head, particle in (("point", "out"), ("sum", "up"), ("chime", "in"), ("pipe", "up"),
                           ("fire", "back"), ("spoke", "up"), ("shot", "back"), ("speak", "up"))
    for ending in ("", "s", "ed", "ing", "med", "ming", "d")
} | {"went": "on", "goes": "on", "spoke": "out", "speaks": "out", "cried": "out",
     "put": "it", "puts": "it", "hit": "back", "hits": "back", "hitting": "back"}  # fmt: skip

_BODY_LINKS = frozenset("of on for and".split())
# Words before a role ahead of a name: “the spokesman, Jane Roe”, “her landlord, Tom Ode”.
_ROLE_OPENERS = frozenset("the a an his her their".split())
NAME_SUFFIXES = frozenset("Jr. Sr. Jr Sr II III IV".split())
PRONOUNS = frozenset({"he", "she", "they"})
ARTICLES = frozenset({"the", "a", "an"})

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., a.m.
    r"|\w[\w'’\-]*(?:\.[^\W\d_][\w\-]*)+(?=\.?(?:[\s,;:)]|$))"  # NJ.com, a web address
    r"|\w[\w'’\-]*\.?|--|[^\w\s]"
)
_POSSESSIVE = re.compile(r"['’]s?$")
# Words a story calls someone by instead of their name (“the 45-year-old”, “the Ohio Democrat”).
_YEAR_OLD = re.compile(r"\d+-year-old$|(?:grand)?(?:father|mother)-of-\w+$")
_PARTY_WORDS = frozenset("Democrat Republican Tory".split())


@dataclass(slots=True, init=False)
class Token:
    text: str
    quote: int  # index of the quotation this placeholder stands for, -1 for a word
    # Worked out once: attribution asks these of every word many times.
    lower: str
    is_quote: bool
    is_capitalised: bool
    speaks: bool  # the head of a phrasal verb of speaking (“pointed” in “pointed out”)
    is_possessive: bool
    is_name: bool  # see is_name_token
    particle: str  # “out” for “pointed”: the particle that makes it a verb of speaking

    def __init__(self, text: str, quote: int = -1):
        # Written out rather than generated: a paragraph makes hundreds of tokens.
        self.text = text
        self.quote = quote
        self.lower = text.lower()
        self.is_quote = quote >= 0
        self.is_capitalised = quote < 0 and text[:1].isupper()
        self.speaks = False
        self.particle = PHRASAL_VERBS.get(self.lower, "")
        self.is_possessive = quote < 0 and bool(_POSSESSIVE.search(text))
        self.is_name = self.is_capitalised and text not in DAYS_AND_MONTHS and text[0].isalpha()

    @property
    def is_sentence_end(self) -> bool:
        return self.text in {".", "?", "!"}


@dataclass
class Mention:
    """Words in the text that name a speaker.

    kind is "name" (a person or a named body: name holds it without title), "pronoun" (name holds
    “he”), "role" (an unnamed role such as “the spokesman”: title holds it), "organisation"
    (“Scottish government”), "described" (“one resident”: name holds it) or "epithet" (“the
    45-year-old”, who is the person the story was speaking of).
    """

    kind: str
    name: str = ""
    title: str = ""


def tokenize(text: str) -> list[Token]:
    """Words and punctuation of `text`; abbreviations and initials keep their full stop.

    Word tokens are shared between calls (a story repeats its words, and a newsroom its
    vocabulary): callers must not change them.
    """
    tokens: list[Token] = []
    known = _KNOWN_WORDS
    for word in _TOKEN.findall(text):
        made = known.get(word)
        if made is None:
            made = _word_tokens(word)
            if len(known) >= _KNOWN_WORDS_LIMIT:
                known.clear()
            known[word] = made
        tokens += made
    return tokens


def _word_tokens(word: str) -> tuple[Token, ...]:
    if (
        word[-1] == "."  # first: few words end in one
        and len(word) > 1
        and word.count(".") == 1
        and word not in ABBREVIATIONS
        and not (len(word) == 2 and word[0].isupper())
    ):
        return (Token(word[:-1]), Token("."))
    return (Token(word),)


_KNOWN_WORDS: dict[str, tuple[Token, ...]] = {}
_KNOWN_WORDS_LIMIT = 100_000  # words kept between calls, so memory stays bounded


def is_role_word(word: str) -> bool:
    """True for a lower-case word that names a job or role (“spokesman”, “meteorologist”)."""
    word = word.lower()
    if word in ROLE_WORDS or (len(word) > 5 and word.endswith(ROLE_SUFFIXES)):
        return True
    if word.endswith(GERMAN_ROLE_ENDINGS):
        return True
    # Several of them: “the researchers wrote”, “officials said”, “spokesmen”.
    return (
        word[-1:] == "s"
        and (word[:-1] in ROLE_WORDS or (len(word) > 6 and word[:-1].endswith(ROLE_SUFFIXES)))
        or (len(word) > 5 and word.endswith(("smen", "swomen")))
    )


def is_epithet(token: Token) -> bool:
    """A word a story calls someone by in place of their name: an age, a party."""
    return token.text in _PARTY_WORDS or bool(_YEAR_OLD.match(token.lower))


def epithet_end(tokens: list[Token], index: int) -> int | None:
    """The end of “the 45-year-old” or “the Ohio Democrat” starting at `index`, else None."""
    if index >= len(tokens) or tokens[index].lower != "the":
        return None
    for word in range(index + 1, min(index + 4, len(tokens))):
        if is_epithet(tokens[word]):
            return word + 1
        if not tokens[word].is_capitalised:
            return None
    return None


def is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a name (not a quotation, month or sentence opener)."""
    return token.is_name


@lru_cache(maxsize=4096)
def is_all_capitals(word: str) -> bool:
    """True for an acronym or a word in capitals (“NASA”, “WESTPORT”), not initials (“J.C.”)."""
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) > 1
        and all(c.isupper() for c in letters)
        and word not in NAME_SUFFIXES
        and not word.endswith(".")
    )


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _is_title_word(word: str, *, leading: bool = False) -> bool:
    """A word of a formal title; a role word (“Parent”, “Coach”) counts only at a run's start,
    and so does a German one (Bürgermeisterin Anna Roth) or a compound ending in a role
    (Sky-Experte, Schiri-Boss)."""
    if word in TITLE_WORDS or word in HONORIFICS:
        return True
    if not leading:
        return False
    lower = word.lower()
    return (
        lower in ROLE_WORDS
        or lower.endswith(GERMAN_ROLE_ENDINGS)
        or ("-" in lower and lower.rsplit("-", 1)[1] in ROLE_WORDS)
    )


def split_title(words: list[str]) -> tuple[str, list[str]]:
    """Split a run of capitalised words into (title, name words).

    The title is the unbroken stretch of title words ending right before the name, so a place in
    front drops out: “Westport Police Chief Jane Roe” gives ("Police Chief", ["Jane", "Roe"]).
    """
    last = -1
    for index, word in enumerate(words[:-1]):
        if _is_title_word(word, leading=index == last + 1):
            last = index
    if last < 0:
        return "", words
    first = last
    while first > 0 and _is_title_word(words[first - 1]):
        first -= 1
    title_words = [w for w in words[first : last + 1] if w not in HONORIFICS]
    return " ".join(title_words), words[last + 1 :]


def looks_like_person(words: list[str]) -> bool:
    """True if name words (title already split off) could be a person's name."""
    if not words or any(w in NON_PERSON_WORDS or is_all_capitals(w) for w in words):
        return False
    return words[0] not in CAPITALISED_FUNCTION_WORDS


def name_runs(tokens: list[Token], begin: int, end: int) -> list[tuple[int, int]]:
    """(first, last+1) token ranges of runs of capitalised words between `begin` and `end`.

    Particles (“van”), initials and suffixes stay inside a run; a possessive ends it, since the
    words after it belong to someone or something else (“the agency's Jane Roe”).
    """
    runs, index = [], begin
    while index < end:
        if not tokens[index].is_name:
            index += 1
            continue
        first = index
        while index < end:
            token = tokens[index]
            if token.is_name:
                index += 1
                if token.is_possessive:
                    break
            elif token.lower in NAME_PARTICLES and index > first:
                # “van Gogh”, “von der Leyen”: particles between the parts of one name.
                following = index + 1
                while following < end and tokens[following].lower in NAME_PARTICLES:
                    following += 1
                if following < end and is_name_token(tokens[following]):
                    index = following
                else:
                    break
            else:
                break
        while first < index and tokens[first].text in CAPITALISED_FUNCTION_WORDS:
            first += 1
        if first < index:
            runs.append((first, index))
    return runs


def clean_name(words: list[str]) -> str:
    """Join name words, dropping a trailing possessive and a leading “The”."""
    if words and words[0] in {"The", "the"}:
        words = words[1:]
    if not words:
        return ""
    words = [*words[:-1], strip_possessive(words[-1])]
    return " ".join(words)


def read_noun_phrase(tokens: list[Token], begin: int, end: int) -> Mention | None:
    """The speaker named by tokens[begin:end], a noun phrase without its appositive.

    The last run of capitals is the name; the role words right before it, or a title inside the
    run, make the title. A phrase that ends in a role or organisation word names no person:
    it is an unnamed role (“the spokesman”) or an organisation (“the Scottish government”).
    """
    while begin < end and (
        tokens[begin].text in CAPITALISED_FUNCTION_WORDS or tokens[begin].text in {",", "—", "--"}
    ):
        if tokens[begin].lower in PRONOUNS or tokens[begin].lower in ARTICLES:
            break  # “The company”, “A senior official”: the article tells what follows
        begin += 1
    if begin >= end:
        return None
    if end - begin == 1 and tokens[begin].lower in PRONOUNS:
        return Mention("pronoun", tokens[begin].lower)
    if end - begin > 1 and tokens[begin].lower == "the" and is_epithet(tokens[end - 1]):
        return Mention("epithet")
    has_article = tokens[begin].lower in ARTICLES
    runs = name_runs(tokens, begin, end)
    tail_start = runs[-1][1] if runs else begin
    trailing = [t for t in tokens[tail_start:end] if t.lower not in ARTICLES]
    owners = [i for i, t in enumerate(trailing) if t.is_possessive]
    if owners:  # “the family's lawyer”: the role is the lawyer's, whoever the owner is
        trailing = trailing[owners[-1] + 1 :]
        if not trailing:
            return None
    if trailing:
        head = trailing[-1].lower
        if not all(
            t.lower in ROLE_MODIFIERS
            or is_role_word(t.lower)
            or t.lower in ORGANISATION_NOUNS
            # “the harbor authority”: a plain word before a body's noun
            or (head in ORGANISATION_NOUNS and t.text.isalpha() and not t.is_capitalised)
            for t in trailing
        ):
            return None
        role = " ".join(t.lower for t in trailing)
        if head in ORGANISATION_NOUNS and runs and not tokens[runs[-1][1] - 1].is_possessive:
            first, last = runs[-1]
            return Mention(
                "organisation", clean_name([t.text for t in tokens[first:last]]) + " " + role
            )
        # “the spokesman” is someone the story may have named; “a spokesman” is not.
        if is_role_word(head) and tokens[begin].lower not in {"a", "an"}:
            # A German role keeps its own words (der Sprecher), which no English rule reads.
            glossed = tokens[begin].text.lower() != tokens[begin].lower
            words = " ".join(t.text for t in tokens[begin:end]) if glossed else ""
            return Mention("role", words, title=role)
        if head in ORGANISATION_NOUNS and not runs and tokens[begin].lower in {"the", "police"}:
            # “the airline said”: the body the story named, or as the story words it.
            words = [t.text for t in tokens[begin:end]]
            return Mention("organisation", " ".join([words[0].lower(), *words[1:]]))
        return None
    if not runs:
        return None
    first, last = runs[-1]
    if tokens[last - 1].is_possessive:
        return None  # “a Roe Inc.'s report”: the owner of what follows, which does not speak
    linked = _linked_from(tokens, runs)
    body = _body_name(tokens, runs, linked)
    if body:
        return Mention("organisation", body)
    if linked < len(runs) - 1 and tokens[runs[linked][1]].lower == "of":
        # “Jane Roe of Hartwell”: a person and where they are from; the person speaks.
        first, last = runs[linked]
    words = [t.text for t in tokens[first:last]]
    if (
        has_article
        and all(word in TITLE_WORDS for word in words)
        and words[-1] not in NON_PERSON_WORDS
    ):
        # “the Prime Minister”, “the Chancellor”: a role, whoever the story names in it.
        return Mention("role", title=" ".join(words).lower())
    title, name_words = split_title(words)
    if not name_words:
        return Mention("role", title=title)
    if title and name_words[-1] in NON_PERSON_WORDS:
        # “the State Department”: the words of a title name a body here.
        return Mention("organisation", clean_name(words))
    if not title:
        title = role_before(tokens, first, begin)
    if has_article and len(name_words) > 1 and not looks_like_person(name_words):
        return Mention("organisation", clean_name(name_words), title)
    return Mention("name", clean_name(name_words), title)


def _linked_from(tokens: list[Token], runs: list[tuple[int, int]]) -> int:
    """Index of the first of the runs of capitals joined to the last by one small word each
    (“Bank of England”, “Jane Roe of Hartwell”); the last run's own index if none is."""
    index = len(runs) - 1
    while (
        index > 0
        and runs[index][0] - runs[index - 1][1] == 1
        and tokens[runs[index - 1][1]].lower in _BODY_LINKS
    ):
        index -= 1
    return index


def _body_name(tokens: list[Token], runs: list[tuple[int, int]], index: int) -> str:
    """The whole name of a body written over several runs of capitals from `runs[index]` on,
    or "": “Committee on Intelligence and Security”, “Bank of England”."""
    if index == len(runs) - 1:
        return ""
    first = runs[index][0]
    words = [t.text for t in tokens[first : runs[-1][1]]]
    if not any(word in NON_PERSON_WORDS for word in words):
        return ""
    start = next((i for i, w in enumerate(words) if w in NON_PERSON_WORDS), 0)
    # “Parliament's Joint Committee”: the body's own name starts after its owner.
    owner = max((i + 1 for i, w in enumerate(words[:start]) if _POSSESSIVE.search(w)), default=0)
    return " ".join(words[owner:])


def role_before(tokens: list[Token], index: int, begin: int = 0) -> str:
    """The role words right before tokens[index] (“head coach”, “Board member”), or ""."""
    words = []
    index -= 1
    while index >= begin:
        token = tokens[index]
        if not (is_role_word(token.lower) or token.lower in ROLE_MODIFIERS):
            break
        if token.is_capitalised and token.text not in TITLE_WORDS:
            break
        words.insert(0, token.text if token.is_capitalised else token.lower)
        index -= 1
    return " ".join(words)


def role_ahead(tokens: list[Token], comma: int) -> str:
    """The role in a phrase that ends at a comma before a name (“A spokesman for the mayor, Jane
    Roe,” gives “spokesman”), or ""."""
    start = comma
    while start > 0 and comma - start < 10 and tokens[start - 1].text[:1].isalnum():
        start -= 1
    start = next((i for i in range(start, comma) if tokens[i].lower in _ROLE_OPENERS), -1)
    if start < 0:
        return ""
    words = []
    for token in tokens[start + 1 : comma]:
        if token.is_possessive and not words:
            continue
        # “The Prime Minister, Sir Keir Starmer,”: a title written in capitals is a role too.
        if not (
            is_role_word(token.lower) or token.lower in ROLE_MODIFIERS or token.text in TITLE_WORDS
        ):
            break
        words.append(token.lower)
    return " ".join(words) if words and is_role_word(words[-1]) else ""


def appositive_role(tokens: list[Token], index: int) -> str:
    """The role in an appositive starting at tokens[index], or "".

    “, a spokesman for …”, “, president of …”, “, the agency's executive director”.
    """
    if index + 2 >= len(tokens) or tokens[index].text != ",":
        return ""
    index += 1
    if tokens[index].lower in ARTICLES:
        index += 1
        # An organisation before the role: “the Harbor Trust's director”, “a Harbor College
        # economist”.
        while index < len(tokens) and (tokens[index].is_capitalised or tokens[index].text == "&"):
            index += 1
        if index >= len(tokens):
            return ""
    elif not is_role_word(tokens[index].lower) and tokens[index].lower not in ROLE_MODIFIERS:
        return ""
    words = []
    for token in tokens[index : index + 5]:
        if token.is_quote or not token.text[:1].isalpha() or token.is_capitalised:
            break
        if token.lower in {"for", "at", "of", "with", "in", "from", "on", "who", "and"}:
            break
        if not token.is_possessive:
            words.append(token.lower)
    if words and is_role_word(words[-1]) and len(words) <= 4:
        return " ".join(words)
    return ""
