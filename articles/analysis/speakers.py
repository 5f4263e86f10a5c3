"""Who a paragraph says is speaking: quotation marks, sentences and attribution clauses.

Plain functions over one paragraph, no database. `parse_paragraph()` turns a paragraph into
tokens in which each quotation stands as one placeholder, and marks where sentences start;
`attribution_after()`, `attribution_closing()` and `subject_of()` find the reporting verb
(“said”, “told”, “according to” …) that goes with a quotation and the words naming its speaker,
as a `Mention` for the story-level reader in `articles.analysis.quotes` to resolve.
"""

import re
from dataclasses import dataclass, field

from articles.analysis import german
from articles.analysis.names import (
    ARTICLES,
    DAYS_AND_MONTHS,
    NAME_PARTICLES,
    NON_PERSON_WORDS,
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_MODIFIERS,
    Mention,
    Token,
    appositive_role,
    epithet_end,
    is_all_capitals,
    is_epithet,
    is_role_word,
    read_noun_phrase,
    strip_possessive,
    tokenize,
)

# Verbs of speaking and writing, by their plain form; every inflection counts (“plead”, “pleads”,
# “pleaded”, “pleading”). Irregular forms are listed with them.
_SPEECH_VERBS = """say tell add ask write explain declare continue respond insist argue warn
    acknowledge admit agree announce observe predict concede conclude emphasize emphasise
    suggest testify yell exclaim recount complain contend reiterate confirm deny speculate
    wonder disagree retort snap interject think plead mutter beg brag assert affirm allege
    clarify opine propose recommend remind reassure concur theorize theorise summarize
    summarise confide gush rave scoff chuckle marvel shrug grumble instruct reflect reckon
    inform promise fume bellow holler sneer stammer stutter murmur mumble speak remember
    reveal disclose sob groan roar bark enthuse hint interrupt repeat seethe huff tease sniff
    gasp rage""".split()
# Forms that are also common nouns (“a post”, “the reports”): only their past and -ing forms.
_NOUN_LIKE_VERBS = """report call claim charge counter post tweet text email e-mail note answer
    reply estimate describe pledge demand maintain message quote defend state comment object
    joke cry laugh sigh protest counsel reason rail rant stress caution vow urge muse whisper
    scream shout lament quip recall remark boast blog address
    """.split()
_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought",
    "read": "read", "speak": "spoke spoken", "swear": "swore sworn", "plead": "pled",
    "cry": "cried",
}  # fmt: skip
_DOUBLED = frozenset("admit quip snap beg brag regret blog shrug marvel sob".split())


def _inflections(verb: str, *, plain: bool = True) -> set[str]:
    """The forms of `verb`: plain and -s forms (unless `plain` is false), -ed and -ing forms."""
    forms = set(_IRREGULAR.get(verb, "").split())
    stem = verb + verb[-1] if verb in _DOUBLED else verb
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if verb not in _IRREGULAR or verb in {"plead", "cry"}:
        forms.add(past)
    forms.add(ing)
    if plain:
        third = (
            verb[:-1] + "ies"
            if past.endswith("ied")
            else verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")
        )
        forms |= {verb, third}
    return forms


REPORTING_VERBS = frozenset(
    {form for verb in _SPEECH_VERBS for form in _inflections(verb)}
    | {form for verb in _NOUN_LIKE_VERBS for form in _inflections(verb, plain=False)}
    | german.SPEECH_VERBS
    # Forms the rules above leave out on purpose, but news copy uses as verbs next to a quote.
    | set(
        """states note notes report reports replies calls claims according read acknowledges
    emails tweets recalls laughs marveled describes""".split()
    )
)
# Words that report speech only as the tag right after a quotation (“…,” Roe smiled), never
# elsewhere in a sentence (Roe smiled at the crowd; the city offered a deal).
_TAG_VERBS = frozenset(
    """smiled smiles smiling grinned grins nodded nods offered offers ventured ventures beamed
    beams winked""".split()
)
# Words that may stand between a speaker and the verb (“Roe was first to report”, “Roe also said”).
_AUXILIARIES = frozenset(
    """was were is are has have had also then later first to would will could can did does do
    not never once again previously recently been be further often always just still only""".split()
)
_LATER = frozenset("later afterwards since already".split())
# Words of time between a speaker and the verb (“Roe on Monday said”, “Roe last week said”).
_TIME_WORDS = frozenset(
    "on last this next week month year night morning afternoon evening today yesterday".split()
)
# Words after a reporting verb that introduce the real source (“said a statement from …”).
_DOCUMENT_WORDS = frozenset(
    "statement release email e-mail letter post message note tweet memo report".split()
)
# Lower-case words after a verb that are never a role before a name (“said outside City Hall”).
_NOT_ROLES = frozenset(
    """that this then than when with from into onto after before about during while there their
    also later last early earlier today tonight yesterday tomorrow morning afternoon evening
    night week month year recently previously again once here repeatedly publicly privately
    through under over without within toward towards against among between since until outside
    inside near across behind along beside around following amid despite except
    upon""".split()
)
PREPOSITIONS = frozenset("with at of for from in on who which among whose".split())
_BODY_LINKS = frozenset("of for on".split())
_CONTRACTION = re.compile(r"['’](?:d|s|ll|ve)$")
_QUOTING = frozenset("quoted quotes quoting".split())
_BE = frozenset("is are was were be been being get gets got".split())
_SOURCE_LINKS = frozenset("for of at from".split())
_SPEAKING_PASSIVES = frozenset("reported asked questioned interviewed".split())
# Words that open a description of an unnamed source (“one resident”, “a spokesman for …”).
_DESCRIBING = frozenset("a an one two three several another some many".split())
# Nouns for people that are no role, for a source described after its verb (“said a woman”).
_PEOPLE_NOUNS = frozenset(
    """man woman men women person people witness witnesses source sources onlooker bystander
    shopper customer fan mother father son daughter friend relative neighbor girl boy child
    survivor victim protester protesters parent parents local locals diner couple pair""".split()
)
_DEFINITE = frozenset("the his her their its our my".split())
# Words that end an unnamed source's description after its verb (“said a woman who …”).
_DESCRIPTION_ENDS = frozenset("who whose which that as when while after before".split())
_OPENING_MARKS = "“„«"
_CLOSING_MARKS = "”»"
_STRAIGHT_MARK = '"'
ALL_MARKS = _OPENING_MARKS + _CLOSING_MARKS + _STRAIGHT_MARK + "‘"
_SENTENCE_ENDS = frozenset(".?!")
# Only the marks move the scan from one state to the next, so it visits them alone.
_DOUBLE_MARK_RE = re.compile(f"[{_OPENING_MARKS}{_CLOSING_MARKS}{_STRAIGHT_MARK}]")
_SINGLE_MARK_RE = re.compile("[‘’]")
_STRAIGHT_SINGLE_OPEN = re.compile(r"'(?=[^\W\d_])")
_STRAIGHT_SINGLE_RE = re.compile(
    r"(?:^|(?<=[\s(]))'(?=[^\W\d_])"  # opening: at a word's start, before a letter
    r"(?:[^']|'(?=\w))*?"  # apostrophes inside words (don't, the '90s) do not close it
    r"(?:(?<=[,.?!])'|'(?=[,.;:?!)]|$))"  # closing: after a stop or before one
)
_GUILLEMETS_TURNED = str.maketrans("»«", "«»")
_GERMAN_LETTERS = re.compile("[äöüßÄÖÜ„»«]")
# A quotation ends in one of these (or is followed by a comma) when an attribution follows it.
SET_OFF = frozenset(",.?!…—-:;’')")
_VERB_REACH = 25  # tokens between a speaker named after a quotation and the verb
_UNNAMED_REACH = 5  # words of an unnamed speaker before the verb (“one senior official said”)
_ROLE_REACH = 6  # words of a role's qualifier before the name set off after it


@dataclass
class Span:
    """One quotation in a paragraph: its words without the marks."""

    token: int  # index of the placeholder token in the paragraph's tokens
    text: str
    is_closed: bool


@dataclass
class Paragraph:
    """A paragraph as tokens, each quotation standing as one placeholder token."""

    tokens: list[Token]
    spans: list[Span]
    sentence_start: list[int] = field(default_factory=list)  # per token: its sentence's first
    is_german: bool = False  # read through English glosses (see _gloss_german)


def has_quotation_marks(text: str) -> bool:
    """True if `text` may hold a quotation: any quotation mark, or a straight single one that
    could open one."""
    return any(mark in text for mark in ALL_MARKS) or (
        _may_open_straight(text) and _STRAIGHT_SINGLE_RE.search(text) is not None
    )


def _may_open_straight(text: str) -> bool:
    """A quick test that a straight single mark stands at a word's start somewhere."""
    return text[:1] == "'" or " '" in text or "('" in text


def _find_spans(text: str) -> list[tuple[int, int, bool]]:
    """(opening mark, end, is_closed) for each double-quoted stretch of `text`.

    Single quotation marks are left alone where double ones are used: inside a quotation they
    mark a quotation within it, and elsewhere they are mostly apostrophes. A paragraph with no
    double marks may quote in curly single ones, the British way (‘…,’ she said).
    """
    doubles = [text.find(mark) for mark in _OPENING_MARKS + _CLOSING_MARKS + _STRAIGHT_MARK]
    first_double = min((i for i in doubles if i >= 0), default=-1)
    if first_double < 0:
        return _find_single_spans(text) if "‘" in text else _find_straight_single_spans(text)
    if text[first_double] == "»":
        # German »…« turns the guillemets of «…» round.
        text = text.translate(_GUILLEMETS_TURNED)
    if "‘" in text[:first_double]:
        # British style: ‘…’ outside, “…” for a quotation inside it.
        singles = _find_single_spans(text)
        if any(start < first_double < end for start, end, _ in singles):
            return singles
    spans, start = [], None
    for match in _DOUBLE_MARK_RE.finditer(text):
        index, char = match.start(), match.group()
        if start is None:
            if char in _OPENING_MARKS or char == _STRAIGHT_MARK:
                start = index
        elif (
            char in _CLOSING_MARKS
            or char == _STRAIGHT_MARK
            or (char == "“" and text[start] == "„")  # German „…“
            or (char == "“" and not text[index + 1 :].strip())  # a wrong mark at the very end
        ):
            spans.append((start, index + 1, True))
            start = None
    if start is not None:
        spans.append((start, len(text), False))
    if "‘" in text:
        # A paragraph may quote in both: Shelter called it “a disgrace”. Its chief said: ‘…’
        singles = [
            single
            for single in _find_single_spans(text)
            if all(single[1] <= begin or single[0] >= end for begin, end, _ in spans)
        ]
        spans = sorted(spans + singles)
    return spans


def _find_straight_single_spans(text: str) -> list[tuple[int, int, bool]]:
    """Stretches quoted in '…', as copy typed without curly marks quotes the British way.

    An apostrophe is far more common than a mark here, so a mark opens only before a letter at
    a word's start ('We will vote,' she said) and closes only after a stop or comma or before
    one (… on Tuesday', said Brennan), never inside a word (don't) or after one (the workers'
    union). A quotation left open counts only if it opens the paragraph and so runs on to the next.
    """
    if not _may_open_straight(text):
        return []
    spans = []
    for match in _STRAIGHT_SINGLE_RE.finditer(text):
        spans.append((match.start(), match.end(), True))
    if not spans and _STRAIGHT_SINGLE_OPEN.match(text):
        spans.append((0, len(text), False))
    return spans


def _find_single_spans(text: str) -> list[tuple[int, int, bool]]:
    """Stretches quoted in ‘…’: an opening mark after a space, a closing one before no letter."""
    if "‘" not in text:
        return []
    spans, start = [], None
    for match in _SINGLE_MARK_RE.finditer(text):
        index, char = match.start(), match.group()
        if start is None:
            if char == "‘" and (index == 0 or not text[index - 1].isalnum()):
                start = index
        elif char == "’" and (index + 1 == len(text) or not text[index + 1].isalnum()):
            spans.append((start, index + 1, True))
            start = None
    if start is not None:
        spans.append((start, len(text), False))
    return spans


def parse_paragraph(text: str) -> Paragraph:
    """Tokens of a paragraph, each quotation standing as one placeholder token, and sentences."""
    tokens, spans, position = [], [], 0
    for start, end, is_closed in _find_spans(text):
        tokens.extend(tokenize(text[position:start]))
        inner = text[start + 1 : end - 1 if is_closed else end]
        spans.append(Span(len(tokens), " ".join(inner.split()), is_closed))
        tokens.append(Token('"', quote=len(spans) - 1))
        position = end
    tokens.extend(tokenize(text[position:]))
    # German marks, or enough German words: „…“ and »…« are no English house style. German
    # copy without an umlaut, an ß or such a mark is rare enough to leave for the speed.
    is_german = bool(_GERMAN_LETTERS.search(text)) and (
        "„" in text or "»" in text or _reads_as_german(tokens, spans)
    )
    if is_german:
        _gloss_german(tokens)
    for index in [i for i, token in enumerate(tokens[:-1]) if token.particle]:
        if tokens[index].particle == tokens[index + 1].lower:
            # A token of its own: word tokens are shared (see tokenize).
            tokens[index] = Token(tokens[index].text)
            tokens[index].speaks = True
    paragraph = Paragraph(tokens, spans, is_german=is_german)
    first = _after_dateline(tokens)
    paragraph.sentence_start.extend([0] * first)
    for position in range(first, len(tokens)):
        paragraph.sentence_start.append(first)
        # Only a full stop or a quotation can end a sentence: test the word's text first.
        token = tokens[position]
        if (token.is_quote or token.text in _SENTENCE_ENDS) and _ends_sentence(
            tokens, position, spans
        ):
            first = position + 1
    return paragraph


def _reads_as_german(tokens: list[Token], spans: list[Span]) -> bool:
    """True if the paragraph's words, its quotations' included, have enough German ones."""
    words = german.FUNCTION_WORDS
    found = sum(1 for token in tokens if token.lower in words)
    for span in spans:
        if found >= german.GERMAN_AT:
            break
        found += sum(1 for word in span.text.lower().split() if word in words)
    return found >= german.GERMAN_AT


def _gloss_german(tokens: list[Token]) -> None:
    """Read a German paragraph's words as the English the rules know, in place: articles and
    pronouns as their English glosses, a role noun not followed by a name as a lower-case role
    word (der Sprecher), and “so” after a quotation as a verb of speaking („…“, so Roth).
    New tokens replace the shared ones (see tokenize)."""
    for index, token in enumerate(tokens):
        gloss = german.GLOSSES.get(token.lower)
        if gloss:
            if gloss == "she" and any(
                0 <= i < len(tokens) and tokens[i].lower.endswith("en") and is_verb(tokens[i])
                for i in (index - 1, index + 1)
            ):
                gloss = "they"  # sie sagten
            glossed = Token(token.text)
            glossed.lower, glossed.is_name = gloss, False
            tokens[index] = glossed
        elif (
            token.is_capitalised
            and (is_role_word(token.lower) or token.lower in german.BODY_NOUNS)
            and not (index + 1 < len(tokens) and tokens[index + 1].is_name)
        ):
            role = Token(token.text)
            role.is_capitalised = role.is_name = False
            tokens[index] = role
        elif token.lower == "so" and index > 1 and tokens[index - 1].text == ",":
            if tokens[index - 2].is_quote:
                says = Token(token.text)
                says.speaks = True
                tokens[index] = says


def _after_dateline(tokens: list[Token]) -> int:
    """Index of the first word after a dateline (“HARTWELL —”, “LONDON (Wire) -”), else 0."""
    if not tokens or not is_all_capitals(tokens[0].text):
        return 0
    for index, token in enumerate(tokens[:12]):
        if token.text in {"—", "–", "--", "-"}:
            return index + 1
    return 0


def _ends_sentence(tokens: list[Token], index: int, spans: list[Span]) -> bool:
    token = tokens[index]
    if token.is_sentence_end:
        return True
    if token.is_quote and spans[token.quote].text[-1:] in {".", "?", "!"}:
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        return following is None or following.is_quote or following.is_capitalised
    return False


def _without_contraction(word: str) -> str:
    return _CONTRACTION.sub("", word) if "'" in word or "’" in word else word


def is_verb(token: Token) -> bool:
    # A quotation's placeholder is never one; a phrasal verb's head is marked by parse_paragraph.
    return token.lower in REPORTING_VERBS or token.speaks


def _is_tag_verb(token: Token) -> bool:
    return token.lower in _TAG_VERBS or is_verb(token)


def _is_phrase_word(token: Token) -> bool:
    """A word that can belong to the noun phrase naming a speaker."""
    if token.is_quote or is_verb(token) or not token.text[:1].isalpha():
        return False
    word = token.lower
    return (
        token.is_capitalised
        or token.is_possessive
        or word in ARTICLES
        or word in NAME_PARTICLES
        or word in ROLE_MODIFIERS
        or word in ORGANISATION_NOUNS
        or is_role_word(word)
    )


def phrase_end(tokens: list[Token], index: int) -> int:
    if index < len(tokens) and tokens[index].lower in PRONOUNS:
        return index + 1
    start = index
    while (
        index < len(tokens)
        and (index == start or tokens[index].lower not in ARTICLES)
        and (
            _is_phrase_word(tokens[index])
            # A plain word qualifying a role: “airline boss Jane Roe”, “city water manager”.
            or (
                tokens[index].text.isalpha()
                and index + 1 < len(tokens)
                and not tokens[index + 1].is_capitalised
                and (
                    is_role_word(strip_possessive(tokens[index + 1].lower))
                    or tokens[index + 1].lower in ORGANISATION_NOUNS
                )
                and not is_verb(tokens[index])
                and tokens[index].lower not in PREPOSITIONS
            )
            # “the Department for Education”, “a Bank of England spokesman”: a body's name runs on
            # over its small words.
            or (
                tokens[index].lower in _BODY_LINKS
                and index > 0
                and tokens[index - 1].text in NON_PERSON_WORDS
                and index + 1 < len(tokens)
                and tokens[index + 1].is_name
            )
        )
    ):
        index += 1
    return index


def _skip_document(tokens: list[Token], index: int) -> int:
    """Past “a statement from” / “in a statement by”, to the source named after it."""
    start = index
    if index < len(tokens) and tokens[index].lower == "in":
        index += 1
    if index < len(tokens) and tokens[index].lower in ARTICLES:
        index += 1
    while index < len(tokens) and tokens[index].lower in {"written", "joint", "news", "press"}:
        index += 1
    if index < len(tokens) and tokens[index].lower in _DOCUMENT_WORDS:
        index += 1
        if index < len(tokens) and tokens[index].lower == "issued":
            index += 1
        if index < len(tokens) and tokens[index].lower in {"from", "by"}:
            return index + 1
    return start


def attribution_after(paragraph: Paragraph, quote: int) -> tuple[int, Mention | None] | None:
    """Attribution right after a quotation: “…,” Roe said / said Roe / Roe, a …, told …

    Returns (verb token, speaker mention); the mention is None when the words name no one
    (“one official said”), which still marks where the quotation's attribution is.
    """
    tokens = paragraph.tokens
    index = quote + 1
    while index < len(tokens) and tokens[index].text in {",", "—", "--", "-"}:
        index += 1
    text = paragraph.spans[tokens[quote].quote].text
    set_off = index > quote + 1 or text[-1:] in SET_OFF
    if index >= len(tokens):
        return None
    found = _attribution_from(paragraph, index, tag=True)
    if found is None:
        return None
    verb, mention = found
    if not set_off and not (
        # “It is over” Roe said: a house style, or a slip, with no comma; not the “Safe Streets
        # Now” Act, which a quotation opening its sentence could not be.
        verb - index < 3
        and paragraph.sentence_start[quote] == quote
        and len(text.split()) >= 3
        and mention is not None
        and mention.kind in {"name", "pronoun"}
    ):
        return None
    if text[-1:] in _SENTENCE_ENDS and _leads_in(tokens, verb):
        return None  # “Why?” Roe asked. Doe said: “Because.”: Doe's colon leads to the next
    return found


def _leads_in(tokens: list[Token], verb: int) -> bool:
    """True if the attribution at `verb` ends in a colon before another quotation."""
    for index in range(verb + 1, len(tokens) - 1):
        token = tokens[index]
        if token.is_quote or token.is_sentence_end:
            return False
        if token.text == ":":
            return tokens[index + 1].is_quote
    return False


def attribution_closing(paragraph: Paragraph, quote: int) -> int | None:
    """The verb of an attribution closing the sentence of a partial quotation, if any.

    “The plan is “a disaster for the town” in every way, Roe said.” gives Roe's “said”.
    """
    tokens = paragraph.tokens
    end = quote + 1
    while end < len(tokens) and paragraph.sentence_start[end] == paragraph.sentence_start[quote]:
        end += 1
    for comma in range(quote + 1, end - 1):
        if tokens[comma].is_quote:
            return None
        if tokens[comma].text == ",":
            found = _attribution_from(paragraph, comma + 1)
            if found:
                return found[0]
    return None


def _attribution_from(
    paragraph: Paragraph, index: int, *, tag: bool = False
) -> tuple[int, Mention | None] | None:
    """The verb and speaker of an attribution starting at `index`; `tag` for one right after a
    quotation, where a few more verbs report speech (“…,” Roe smiled)."""
    tokens = paragraph.tokens
    verb_at = _is_tag_verb if tag else is_verb
    if verb_at(tokens[index]):
        return index, _mention_after_verb(tokens, index)
    pronoun = _without_contraction(tokens[index].lower)
    if (pronoun in PRONOUNS or pronoun == "it") and index + 1 < len(tokens):
        if verb_at(tokens[index + 1]):
            return index + 1, Mention("pronoun", pronoun)  # “she'd shouted”, “it said”
    epithet = epithet_end(tokens, index)
    if epithet is not None:
        verb = _past_auxiliaries(tokens, epithet)
        if verb < len(tokens) and is_verb(tokens[verb]):
            return verb, Mention("epithet")  # “the 45-year-old said”
    end = phrase_end(tokens, index)
    mention = read_noun_phrase(tokens, index, end) if end > index else None
    if tokens[index].lower in _DESCRIBING and not _names_one(tokens, end):
        mention = None  # “a Downing Street source said”: described, not named
    if mention is None:
        # A few plain words and a verb: “one official said”, “the man asks”: a described source.
        for verb in range(index, min(index + _UNNAMED_REACH, len(tokens))):
            if verb_at(tokens[verb]):
                return verb, described(tokens, index, verb)
            if not tokens[verb].text.isalpha():
                break
        # “a spokesman for the airline said”, “a senior official, who …, said”.
        verb = _next_verb(paragraph, index, index + _VERB_REACH)
        opening = tokens[index].lower
        if verb is not None and (opening in _DESCRIBING or opening in _PEOPLE_NOUNS):
            # “sources close to the talks said”
            return verb, described(tokens, index, _description_end(tokens, index, verb))
        return None
    if mention.kind == "role" and end + 1 < len(tokens) and tokens[end].text == ",":
        # “the company's lawyer, Jane Roe, said”: the name after the role speaks.
        named_end = phrase_end(tokens, end + 1)
        named = read_noun_phrase(tokens, end + 1, named_end)
        if named and named.kind == "name" and named_end < len(tokens):
            if tokens[named_end].text == "," or is_verb(tokens[named_end]):
                named.title = named.title or mention.title
                mention, end = named, named_end
    end = _past_auxiliaries(tokens, end)
    if end < len(tokens) and verb_at(tokens[end]):
        verb = end
        if _is_passive(tokens, verb, index):
            return None
        if tokens[verb].lower in _QUOTING:
            # “…,” the Courier quoted Roe as saying.
            quoted_end = phrase_end(tokens, verb + 1)
            quoted = read_noun_phrase(tokens, verb + 1, quoted_end)
            if quoted and quoted_end < len(tokens) and tokens[quoted_end].lower == "as":
                return verb, quoted
    elif end < len(tokens) and (
        tokens[end].text in {",", "(", "—", "--"} or tokens[end].lower in PREPOSITIONS
    ):
        verb = _next_verb(paragraph, end, end + _VERB_REACH)
        if verb is None:
            return None
    else:
        return None
    if mention.kind == "name" and not mention.title:
        mention.title = appositive_role(tokens, end)
    return verb, mention


def described(tokens: list[Token], begin: int, end: int) -> Mention | None:
    """A source the story describes without naming (“one resident”, “a spokesman for the
    airline”), as the story words it; None for words that describe no one."""
    kept = [t for t in tokens[begin:end] if t.text not in {",", "—", "--"}]
    if not kept or kept[0].lower in PRONOUNS or not any(t.text.isalpha() for t in kept):
        return None
    # A word's lower case is its English gloss in German copy (ein Sprecher: “a”).
    first, last = kept[0].lower, kept[-1].lower
    if first not in _DESCRIBING and first not in _PEOPLE_NOUNS and not _is_person_word(last):
        return None
    return Mention("described", " ".join(t.text for t in kept))


def _description_end(tokens: list[Token], begin: int, verb: int) -> int:
    """Where the description starting at `begin` ends before its verb: at an aside's comma."""
    for index in range(begin, verb):
        if tokens[index].text in {",", "(", "—", "--"}:
            return index
    return verb


def _mention_after_verb(tokens: list[Token], verb: int) -> Mention | None:
    """The speaker named after a verb: said Roe / said a statement from Roe / according to Roe."""
    index = verb + 1
    if tokens[verb].speaks and index < len(tokens) and tokens[index].lower == tokens[verb].particle:
        index += 1  # “chimed in Roe”
    if tokens[verb].lower == "according":
        if index >= len(tokens) or tokens[index].lower != "to":
            return None
        index += 1
    index = _skip_document(tokens, index)
    named = _named_after_description(tokens, index)
    if named:
        return named
    epithet = epithet_end(tokens, index)
    if epithet is not None and (epithet >= len(tokens) or not tokens[epithet].text[:1].isalnum()):
        return Mention("epithet")  # “said the 45-year-old.”
    end = phrase_end(tokens, index)
    role = ""
    if index < len(tokens) and tokens[index].lower in _DESCRIBING and not _names_one(tokens, end):
        # “said one resident”, “said a spokeswoman for the ferry operator”, “said a Downing
        # Street source”.
        return _description_after(tokens, index)
    if end == index:
        # “said harbormaster Jane Roe”: one or two words of a role this reader doesn't know.
        words = index
        while words < min(index + 2, len(tokens)) and _may_be_role(tokens[words]):
            words += 1
        if words == index or words >= len(tokens) or not tokens[words].is_capitalised:
            return None
        role = " ".join(t.lower for t in tokens[index:words])
        index, end = words, phrase_end(tokens, words)
    mention = read_noun_phrase(tokens, index, end)
    if mention and mention.kind == "role" and end + 1 < len(tokens) and tokens[end].text == ",":
        # “said Roe's lawyer, Jane Doe”: the name after the role speaks.
        named_end = phrase_end(tokens, end + 1)
        named = read_noun_phrase(tokens, end + 1, named_end)
        if named and named.kind == "name":
            named.title = named.title or mention.title
            return named
    if mention and mention.kind == "name" and not mention.title:
        mention.title = role or appositive_role(tokens, end)
    return mention


def _named_after_description(tokens: list[Token], begin: int) -> Mention | None:
    """The person named after a few words describing them and a comma, right after a verb: “said
    the health minister, Jane Roe”, “replied her rival, Ben Ode”."""
    if begin >= len(tokens) or tokens[begin].lower not in _DEFINITE:
        return None
    comma = begin + 1
    while comma < min(begin + 6, len(tokens)) and tokens[comma].text != ",":
        if not tokens[comma].text[:1].isalpha() or is_verb(tokens[comma]):
            return None
        comma += 1
    if comma >= len(tokens) - 1 or tokens[comma].text != ",":
        return None
    end = phrase_end(tokens, comma + 1)
    named = read_noun_phrase(tokens, comma + 1, end)
    if not named or named.kind != "name" or (end < len(tokens) and tokens[end].text not in ",.(—"):
        return None
    words = [t.lower for t in tokens[begin + 1 : comma] if not t.is_possessive]
    if not any(_is_person_word(w) or is_epithet(Token(w)) for w in words):
        return None  # “according to the indictment, Roe …”
    if not named.title:
        role = [w for w in words if is_role_word(w) or w in ROLE_MODIFIERS]
        named.title = " ".join(role) if role and is_role_word(role[-1]) else ""
    return named


def _names_one(tokens: list[Token], end: int) -> bool:
    """True if the phrase ending at `end` names someone: it ends in a capital that no word for a
    person follows (“a Downing Street source” is a description, not Downing Street)."""
    return (
        end > 0
        and tokens[end - 1].is_capitalised
        and not (end < len(tokens) and _is_person_word(tokens[end].lower))
    )


def _is_person_word(word: str) -> bool:
    """A lower-case word for a person: a role (“spokesman”) or a plain one (“woman”, “source”)."""
    return is_role_word(word) or word in _PEOPLE_NOUNS


def _description_after(tokens: list[Token], begin: int) -> Mention | None:
    """An unnamed source described after its verb, up to a clause or the sentence's end; only a
    description of people (“one resident”, “a woman”), not of a thing (“one estimate”)."""
    end = begin + 1
    while (
        end < len(tokens)
        and end - begin < _VERB_REACH
        and tokens[end].text[:1].isalnum()
        and tokens[end].lower not in _DESCRIPTION_ENDS
        and not is_verb(tokens[end])
    ):
        end += 1
    if any(_is_person_word(t.lower) for t in tokens[begin:end]):
        return described(tokens, begin, end)
    return None


def _past_auxiliaries(tokens: list[Token], index: int) -> int:
    """Past the few words that may stand between a speaker and the verb (“Roe had said”, “Roe
    would later say”), when a verb follows them; else `index` itself."""
    skipped = index
    while skipped < min(index + 3, len(tokens)) and (
        tokens[skipped].lower in _AUXILIARIES or tokens[skipped].lower in _LATER
    ):
        skipped += 1
    return skipped if skipped < len(tokens) and is_verb(tokens[skipped]) else index


def _may_be_role(token: Token) -> bool:
    """A plain lower-case word that could name a role (not a time, place or function word)."""
    word = token.lower
    return (
        token.text.isalpha()
        and not token.is_capitalised
        and len(word) > 3
        and word not in _NOT_ROLES
        and not is_verb(token)
    )


def _next_verb(paragraph: Paragraph, start: int, limit: int) -> int | None:
    tokens = paragraph.tokens
    for index in range(start, min(limit, len(tokens))):
        token = tokens[index]
        if token.is_quote or (index > start and paragraph.sentence_start[index] == index):
            return None
        if is_verb(token):
            return index
    return None


def last_verb(tokens: list[Token], start: int, end: int) -> int | None:
    for index in range(end - 1, start - 1, -1):
        if is_verb(tokens[index]):
            return index
    return None


def subject_of(paragraph: Paragraph, verb: int) -> Mention | None:
    """Who does the reporting verb at `verb`: the phrase before it, or after it when inverted."""
    tokens = paragraph.tokens
    start = paragraph.sentence_start[verb]
    if paragraph.is_german and verb > start and tokens[start].text in german.OPENERS:
        # Am Montag sagte Roth: the verb comes second in German, and the subject after it.
        return _mention_after_verb(tokens, verb)
    before = verb - 1 if verb > start else None
    while before is not None and before > start and tokens[before].text in {",", "—", "--"}:
        before -= 1
    if before is None or tokens[before].is_quote or tokens[verb].lower == "according":
        return _mention_after_verb(tokens, verb)
    if tokens[verb].lower == "saying" and verb > start + 1 and tokens[verb - 1].lower == "as":
        # “The Courier quoted Roe as saying …”: the one quoted speaks, not the one quoting.
        quoting = next(
            (i for i in range(verb - 2, start - 1, -1) if tokens[i].lower in _QUOTING), None
        )
        if quoting is not None:
            return read_noun_phrase(tokens, quoting + 1, verb - 1)
    if _is_passive(tokens, verb, start):
        return None  # “Roe was charged with …”, “Roe was told …”: Roe is not the one speaking
    if tokens[verb].lower.endswith("ing"):
        # “Roe denied the claim, saying …”: the one saying is the sentence's subject.
        mention = _leading_subject(tokens, start, verb)
        if mention is None and tokens[verb - 1].text == ",":
            # “…,” she says, adding that …: whoever does the verb before it.
            earlier = last_verb(tokens, start, verb - 1)
            if earlier is not None and not tokens[earlier].lower.endswith("ing"):
                return subject_of(paragraph, earlier)
        return mention if mention and mention.kind != "role" else None
    mention = _subject_before(paragraph, verb, start)
    if mention is None and tokens[verb - 1].text == ",":
        # “… in every way, said Jane Roe, an economist.”
        mention = _mention_after_verb(tokens, verb)
        return mention if mention and mention.kind == "name" else None
    return mention


def _is_passive(tokens: list[Token], verb: int, start: int) -> bool:
    """True for a verb in the passive (“was charged”, “were told”), whose subject does not speak;
    but one quoted or asked does (“Roe was asked about it. “…””)."""
    word = tokens[verb].lower
    if word.endswith("ing") or word in _QUOTING or word in _SPEAKING_PASSIVES:
        return False
    index = verb - 1
    while index > start and tokens[index].lower.endswith("ly") and not tokens[index].is_capitalised:
        index -= 1
    return index >= start and tokens[index].lower in _BE


def _leading_subject(tokens: list[Token], start: int, verb: int) -> Mention | None:
    """The subject opening the sentence at `start`: “Roe”, or the name set off after a role
    (“The leader of the party, Jane Roe, condemned …”)."""
    end = phrase_end(tokens, start)
    mention = read_noun_phrase(tokens, start, end)
    if mention and mention.kind != "role":
        return mention
    for comma in range(end, min(verb, end + _ROLE_REACH)):
        token = tokens[comma]
        if token.is_quote or is_verb(token):
            break
        if token.text == ",":
            named_end = phrase_end(tokens, comma + 1)
            named = read_noun_phrase(tokens, comma + 1, named_end)
            if named and named.kind == "name" and named_end < verb:
                if tokens[named_end].text == ",":
                    return named
            break
    return mention


def _source_for(tokens: list[Token], first: int, end: int, start: int) -> Mention | None:
    """The one speaking for the body named at tokens[first:end] (“A spokesman for the Department
    for Education”, “the head of the agency”): a described source or a role, else None."""
    link = first - 1
    if link <= start or tokens[link].lower not in _SOURCE_LINKS:
        return None
    begin = link
    while begin > start and _is_phrase_word(tokens[begin - 1]):
        begin -= 1
    if begin == link or not _is_person_word(tokens[link - 1].lower):
        return None
    if tokens[begin].lower in _DESCRIBING:
        return described(tokens, begin, end)
    if tokens[begin].lower == "the":
        return Mention("role", title=tokens[link - 1].lower)
    return None


def _person_of(tokens: list[Token], first: int, start: int) -> Mention | None:
    """The person named before “of” that comes right before tokens[first]: “Jane Roe of the
    Hartwell Trust said” is Jane Roe's, not the trust's."""
    link = first - 1
    if link <= start or tokens[link].lower != "of":
        return None
    begin = link
    while begin > start and _is_phrase_word(tokens[begin - 1]):
        begin -= 1
    mention = read_noun_phrase(tokens, begin, link) if begin < link else None
    if mention and mention.kind == "name" and not is_role_word(mention.name.split()[-1]):
        return mention
    return None


def _subject_before(paragraph: Paragraph, verb: int, start: int) -> Mention | None:
    """The phrase naming who does the verb at `verb`, read leftwards within its sentence."""
    tokens = paragraph.tokens
    index, skipped = verb - 1, 0
    while index >= start:
        token = tokens[index]
        if token.text == ")":
            while index >= start and tokens[index].text != "(":
                index -= 1
            index -= 1
            continue
        if token.text == ",":
            comma = index - 1
            while comma >= start and tokens[comma].text != "," and not tokens[comma].is_quote:
                comma -= 1
            aside = tokens[comma + 1] if comma >= start else None
            if aside is None or aside.is_quote:
                return None
            if aside.is_capitalised:
                # “The town's deputy chief, Jane Roe, said”: the name between commas speaks.
                if phrase_end(tokens, comma + 1) != index:
                    return None
                return read_noun_phrase(tokens, comma + 1, index)
            index = comma - 1
            if index > start and tokens[index].text.isdigit() and tokens[index - 1].text == ",":
                index -= 2  # “Roe, 45, whose son …, said”: past the age too
            continue
        if skipped < 4 and (
            token.text in DAYS_AND_MONTHS
            or (
                not token.is_capitalised
                and (
                    token.lower in _AUXILIARIES
                    or token.lower in _TIME_WORDS
                    # an adverb (“Roe recently said”), not “the family said”
                    or (token.lower.endswith("ly") and token.lower not in ORGANISATION_NOUNS)
                )
            )
        ):
            index -= 1
            skipped += 1
            continue
        break
    if index < start:
        return None
    word = _without_contraction(tokens[index].lower)
    if word in PRONOUNS or word == "it":
        # “she'd shouted”, “he's said”: the pronoun with its auxiliary.
        return Mention("pronoun", word)
    first = index
    while first > start and (
        _is_phrase_word(tokens[first - 1])
        # “Committee on Intelligence and Security”: a body's name runs over its small words.
        or (
            tokens[first - 1].lower in {"of", "on", "for", "and"}
            and tokens[first].is_capitalised
            and first - 2 >= start
            and tokens[first - 2].is_capitalised
        )
    ):
        first -= 1
    speaking = _source_for(tokens, first, index + 1, start)
    if speaking:
        return speaking
    person = _person_of(tokens, first, start)
    if person:
        return person
    mention = read_noun_phrase(tokens, first, index + 1)
    if tokens[first].lower in _DESCRIBING and (mention is None or mention.kind == "role"):
        # “A senior official, who …, said”: a source the story describes, not a holder of a role.
        return described(tokens, first, index + 1)
    return mention
