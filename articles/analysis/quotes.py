"""Direct quotations in a story's paragraphs, and who said them.

`extract_quotes(paragraphs)` is a pure function: no database, no network. It reads the rules of
news writing rather than any model:

- attribution after the quotation (“…,” Roe said / said Roe / Roe, a spokesman, told reporters),
  before it (Roe said: “…”) or around a partial quotation inside a sentence (Roe said the plan
  “will never pay for itself”);
- a quotation that goes on after its attribution (“A,” Roe said. “B.”) stays one quotation, and
  so does one that runs on over paragraphs (a paragraph left open, the next one opening again);
- a paragraph that is only a quotation, right after a paragraph ending in Roe's quotation,
  continues Roe;
- a surname, a pronoun or “the spokesman” is resolved to the full name and title used elsewhere
  in the story (“Lt. Jane Roe”);
- a word or short phrase in quotation marks inside a sentence (a scare quote, a term, the title
  of a work) is not a quotation and is left out; a quotation whose speaker cannot be found is
  kept with an empty speaker rather than guessed.
"""

from dataclasses import dataclass, field

from articles.analysis.names import (
    ARTICLES,
    DAYS_AND_MONTHS,
    NAME_PARTICLES,
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_MODIFIERS,
    Mention,
    Token,
    appositive_role,
    is_all_capitals,
    is_role_word,
    looks_like_person,
    name_runs,
    read_noun_phrase,
    role_ahead,
    role_before,
    split_title,
    strip_possessive,
    tokenize,
)

REPORTING_VERBS = frozenset(
    """said says say saying told tells tell added adds asked asks wrote writes explained explains
    noted notes stated states declared recalled recalls continued replied replies responded
    answered insisted insists argued argues warned warns acknowledged admitted admits agreed
    announced observed remarked commented tweeted posted predicted predicts cautioned conceded
    concluded emphasized emphasised stressed suggested testified shouted yelled joked exclaimed
    recounted reported report reports called calls according read adding noting
    writing telling complained complains charged countered contended claimed claims maintained
    boasted lamented quipped mused vowed promised pledged urged texted emailed blogged reiterated
    confirmed denied speculated estimated wondered demanded described disagreed disagrees
    objected retorted snapped interjected acknowledges""".split()
)
# Words that may stand between a speaker and the verb (“Roe was first to report”, “Roe also said”).
_AUXILIARIES = frozenset(
    """was were is are has have had also then later first to would will could can did does do
    not never once again previously recently been be further often always just still only""".split()
)
# Words of time between a speaker and the verb (“Roe on Monday said”, “Roe last week said”).
_TIME_WORDS = frozenset(
    "on last this next week month year night morning afternoon evening today yesterday".split()
)
# Words after a reporting verb that introduce the real source (“said a statement from …”).
_DOCUMENT_WORDS = frozenset(
    "statement release email e-mail letter post message note tweet memo report".split()
)
_NOT_ROLES = frozenset(
    """that this then than when with from into onto after before about during while there their
    also later last early earlier today tonight yesterday tomorrow morning afternoon evening
    night week month year recently previously again once here repeatedly publicly privately
    through under over without within toward towards against among between since until outside
    inside near across behind along beside around following amid despite except
    upon""".split()
)
_DETERMINERS = frozenset("a an the this that these those its his her their our my your".split())
# Words that go on a sentence after a quoted phrase rather than after a quoted modifier.
_CLAUSE_WORDS = frozenset("that which who and but or because when as to if than so".split())
_PREPOSITIONS = frozenset("with at of for from in on who which among whose".split())
_OPENING_MARKS = "“„«"
_CLOSING_MARKS = "”»"
_STRAIGHT_MARK = '"'
_ALL_MARKS = _OPENING_MARKS + _CLOSING_MARKS + _STRAIGHT_MARK + "‘"
# A quotation ends in one of these (or is followed by a comma) when an attribution follows it.
_SET_OFF = frozenset(",.?!…—-:;’')")
# A quotation inside a sentence with fewer words than this is a scare quote or a term.
_MIN_PARTIAL_WORDS = 4
_COURTESY_PRONOUNS = {"Mr.": "he", "Mrs.": "she", "Ms.": "she", "Miss": "she"}
_TITLE_SMALL_WORDS = frozenset("a an the of and or but nor for in on at to by from with as".split())
_PRONOUN_REACH = 3  # paragraphs back that a pronoun may reach for its person
_VERB_REACH = 25  # tokens between a speaker named after a quotation and the verb
_UNNAMED_REACH = 5  # words of an unnamed speaker before the verb (“one senior official said”)
_APPOSITIVE_REACH = 8  # tokens from a role (“the mayor of Springfield”) to the name after it


@dataclass
class FoundQuote:
    """A quotation found in the text.

    speaker is the full name without title, "" when the text does not establish it;
    speaker_title is the title or role used for that person in the story (“Lt.”, “Police
    Chief”), "" if none; paragraph is the index of the paragraph where the quotation starts.
    """

    text: str
    speaker: str
    speaker_title: str
    paragraph: int


@dataclass
class _Speaker:
    name: str
    title: str = ""
    is_person: bool = False


@dataclass
class _Span:
    token: int  # index of the placeholder token in the paragraph's tokens
    text: str
    is_closed: bool


@dataclass
class _Paragraph:
    tokens: list[Token]
    spans: list[_Span]
    sentence_start: list[int] = field(default_factory=list)  # per token: its sentence's first


@dataclass
class _Group:
    """One quotation, possibly joined from several marked spans."""

    paragraph: int  # where it starts
    parts: list[str]
    speaker: _Speaker | None
    is_direct: bool  # set apart as speech, not a phrase quoted inside a sentence
    last_paragraph: int = 0  # where its last part is
    end: int = 0  # token of its last part in that paragraph
    verb: int | None = None  # token of the verb attributing its last part, if any
    is_open: bool = False  # its paragraph ended inside it
    ends_paragraph: bool = False  # nothing but its attribution follows it in its paragraph

    def runs_into(self, number: int) -> bool:
        """True if the paragraph `number` opens by going on with this quotation."""
        return self.is_open and self.last_paragraph == number - 1

    def continued_by(self, number: int) -> "_Speaker | None":
        """The speaker a bare quotation opening paragraph `number` inherits from this one."""
        if (
            self.speaker
            and self.ends_paragraph
            and self.last_paragraph == number - 1
            and (self.is_direct or _is_partial_quote(_join(self.parts)))
        ):
            return self.speaker
        return None


def extract_quotes(paragraphs: list[str]) -> list[FoundQuote]:
    """Every direct quotation in `paragraphs` (a story's body, one string per paragraph), in order.

    Returns FoundQuote items; a quotation continued after its attribution or over paragraphs
    is one item. Never raises on odd text: unbalanced marks end the quotation at the paragraph's
    end.
    """
    if not any(mark in text for text in paragraphs for mark in _ALL_MARKS):
        return []
    parsed = [_parse_paragraph(text) for text in paragraphs]
    return _Reader(parsed).read()


def _find_spans(text: str) -> list[tuple[int, int, bool]]:
    """(opening mark, end, is_closed) for each double-quoted stretch of `text`.

    Single quotation marks are left alone where double ones are used: inside a quotation they
    mark a quotation within it, and elsewhere they are mostly apostrophes. A paragraph with no
    double marks may quote in curly single ones, the British way (‘…,’ she said).
    """
    if not any(mark in text for mark in _OPENING_MARKS + _CLOSING_MARKS + _STRAIGHT_MARK):
        return _find_single_spans(text)
    spans, start = [], None
    for index, char in enumerate(text):
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
    return spans


def _find_single_spans(text: str) -> list[tuple[int, int, bool]]:
    """Stretches quoted in ‘…’: an opening mark after a space, a closing one before no letter."""
    if "‘" not in text:
        return []
    spans, start = [], None
    for index, char in enumerate(text):
        if start is None:
            if char == "‘" and (index == 0 or not text[index - 1].isalnum()):
                start = index
        elif char == "’" and (index + 1 == len(text) or not text[index + 1].isalnum()):
            spans.append((start, index + 1, True))
            start = None
    if start is not None:
        spans.append((start, len(text), False))
    return spans


def _parse_paragraph(text: str) -> _Paragraph:
    """Tokens of a paragraph, each quotation standing as one placeholder token, and sentences."""
    tokens, spans, position = [], [], 0
    for start, end, is_closed in _find_spans(text):
        tokens.extend(tokenize(text[position:start]))
        inner = text[start + 1 : end - 1 if is_closed else end]
        spans.append(_Span(len(tokens), " ".join(inner.split()), is_closed))
        tokens.append(Token('"', quote=len(spans) - 1))
        position = end
    tokens.extend(tokenize(text[position:]))
    paragraph = _Paragraph(tokens, spans)
    first = _after_dateline(tokens)
    paragraph.sentence_start.extend([0] * first)
    for position in range(first, len(tokens)):
        paragraph.sentence_start.append(first)
        if _ends_sentence(tokens, position, spans):
            first = position + 1
    return paragraph


def _after_dateline(tokens: list[Token]) -> int:
    """Index of the first word after a dateline (“HARTWELL —”, “LONDON (Wire) -”), else 0."""
    if not tokens or not is_all_capitals(tokens[0].text):
        return 0
    for index, token in enumerate(tokens[:12]):
        if token.text in {"—", "–", "--", "-"}:
            return index + 1
    return 0


def _ends_sentence(tokens: list[Token], index: int, spans: list[_Span]) -> bool:
    token = tokens[index]
    if token.is_sentence_end:
        return True
    if token.is_quote and spans[token.quote].text[-1:] in {".", "?", "!"}:
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        return following is None or following.is_quote or following.is_capitalised
    return False


def _is_verb(token: Token) -> bool:
    return token.lower in REPORTING_VERBS  # a quotation's placeholder is never one


def _is_phrase_word(token: Token) -> bool:
    """A word that can belong to the noun phrase naming a speaker."""
    if token.is_quote or _is_verb(token) or not token.text[:1].isalpha():
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


def _phrase_end(tokens: list[Token], index: int) -> int:
    if index < len(tokens) and tokens[index].lower in PRONOUNS:
        return index + 1
    while index < len(tokens) and (
        _is_phrase_word(tokens[index])
        # A plain word qualifying a role: “airline boss Jane Roe”, “city water manager”.
        or (
            tokens[index].text.isalpha()
            and index + 1 < len(tokens)
            and not tokens[index + 1].is_capitalised
            and is_role_word(tokens[index + 1].lower)
            and not _is_verb(tokens[index])
            and tokens[index].lower not in _PREPOSITIONS
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


class _Reader:
    """Reads one story: first the people it names, then its quotations in order."""

    def __init__(self, paragraphs: list[_Paragraph]):
        self.paragraphs = paragraphs
        self.people: dict[str, str] = {}  # full name → title
        self.mentioned: dict[str, list[tuple[int, int]]] = {}  # full name → positions
        self.history: list[tuple[int, int, _Speaker]] = []  # speakers in reading order
        self.resolved: dict[int, _Speaker | None] = {}  # verb token → speaker, this paragraph
        self.groups: list[_Group] = []
        self.lead_in: dict[int, _Speaker] = {}  # paragraph ending “Roe said:” → Roe
        # Every run of capitals in order, with whether it can lead a clause (not an object).
        self.runs: list[tuple[tuple[int, int], str, bool]] = []
        self.pronouns: dict[str, str] = {}  # full name → “he” or “she”, as the story refers
        self.courtesy: list[tuple[tuple[int, int], str, str]] = []  # “Ms. Roe” → Roe, “Ms.”
        for number, paragraph in enumerate(paragraphs):
            self._collect_people(number, paragraph.tokens)
        for position, name, courtesy in self.courtesy:
            full = name if name in self.people else self._full_name(name, position)
            if full:
                self.pronouns.setdefault(full, _COURTESY_PRONOUNS[courtesy])

    def read(self) -> list[FoundQuote]:
        for number, paragraph in enumerate(self.paragraphs):
            attributions = self._attributions(paragraph)
            self._record_subjects(number, paragraph, attributions)
            self._group_paragraph(number, paragraph, attributions)
        found = []
        for group in self.groups:
            text = _join(group.parts)
            if not text or (not group.is_direct and not _is_partial_quote(text)):
                continue
            speaker = group.speaker or _Speaker("")
            found.append(FoundQuote(text, speaker.name, speaker.title, group.paragraph))
        return found

    # People named in the story

    def _collect_people(self, number: int, tokens: list[Token]) -> None:
        for first, last in name_runs(tokens, 0, len(tokens)):
            title, words = split_title([t.text for t in tokens[first:last]])
            words = [strip_possessive(w) for w in words]
            if tokens[first].text in _COURTESY_PRONOUNS and words:
                self.courtesy.append(((number, first), " ".join(words), tokens[first].text))
            before = tokens[first - 1] if first else None
            leads = before is None or before.is_quote or before.text in {",", ".", "?", "!", "—"}
            self.runs.append(((number, first), " ".join(words), leads))
            if len(words) < 2 or not looks_like_person(words):
                continue
            if not title:
                # “coach Jane Roe”, “Jane Roe, a spokesman”, “the deputy chief, Jane Roe,”
                title = role_before(tokens, first) or appositive_role(tokens, last)
                if not title and first > 0 and tokens[first - 1].text == ",":
                    title = role_ahead(tokens, first - 1)
            name = " ".join(words)
            if not self.people.get(name):
                self.people[name] = title
            self.mentioned.setdefault(name, []).append((number, first))

    def _resolve(self, mention: Mention | None, where: tuple[int, int]) -> _Speaker | None:
        if mention is None:
            return None
        if mention.kind == "organisation":
            return _Speaker(mention.name)
        if mention.kind == "pronoun":
            return self._antecedent(mention.name, where)
        if mention.kind == "role":
            return self._holder_of(mention.title, where)
        name = mention.name
        # The title a story gives a person first is the one they keep.
        if name in self.people:
            return _Speaker(name, self.people[name] or mention.title, True)
        full = self._full_name(name, where)
        if full:
            return _Speaker(full, self.people[full] or mention.title, True)
        words = name.split()
        return _Speaker(name, mention.title, len(words) > 1 and looks_like_person(words))

    def _full_name(self, part: str, where: tuple[int, int]) -> str:
        """The person whose name ends with `part`: named last before `where`, or first after."""
        before, after = None, None
        for name, positions in self.mentioned.items():
            if name == part or not name.endswith(" " + part):
                continue
            earlier = [p for p in positions if p < where]
            if earlier and (before is None or max(earlier) > before[0]):
                before = (max(earlier), name)
            elif not earlier and (after is None or positions[0] < after[0]):
                after = (positions[0], name)
        chosen = before or after
        return chosen[1] if chosen else ""

    def _antecedent(self, pronoun: str, where: tuple[int, int]) -> _Speaker | None:
        """The person a pronoun at `where` stands for, or None.

        The last person who spoke or led a sentence, within a few paragraphs; but a person named
        after that in the pronoun's own paragraph comes first (“In 2009, Roe, then 20, set up
        a firm. ‘It was hard,’ he recalls.”), and with no speaker in reach, the person named last
        in this paragraph or the one before.
        """
        # “They” is as often a group as a person: leave it rather than guess.
        if pronoun == "they":
            return None
        spoken = None
        for number, index, speaker in reversed(self.history):
            if (number, index) >= where:
                continue
            if number < where[0] - _PRONOUN_REACH:
                break
            if speaker.is_person and self.pronouns.get(speaker.name, pronoun) == pronoun:
                spoken = ((number, index), speaker)
                break
        found = spoken[1] if spoken else None
        for position, name, leads in reversed(self.runs):
            if position >= where or (spoken and not leads):
                continue
            if spoken and (position <= spoken[0] or position[0] != where[0]):
                break
            if position[0] < where[0] - 1:
                break
            full = name if name in self.people else self._full_name(name, position)
            if full and self.pronouns.get(full, pronoun) == pronoun:
                found = _Speaker(full, self.people[full], True)
                break
        if found:
            # Remember who is “he” and who is “she”, so the other pronoun looks further back.
            self.pronouns.setdefault(found.name, pronoun)
        return found

    def _holder_of(self, role: str, where: tuple[int, int]) -> _Speaker | None:
        head = role.split()[-1] if role else ""
        best = None
        for name, title in self.people.items():
            if head and head in title.lower().split():
                # “The mayor of Springfield, Jane Roe, said”: the name may follow the role.
                reach = (where[0], where[1] + _APPOSITIVE_REACH)
                earlier = [p for p in self.mentioned[name] if p < reach]
                if earlier and (best is None or max(earlier) > best[0]):
                    best = (max(earlier), name)
        return _Speaker(best[1], self.people[best[1]], True) if best else None

    # Attribution

    def _attributions(self, paragraph: _Paragraph) -> dict[int, tuple[int, Mention | None]]:
        """Per span index: (verb token, speaker mention) from the attribution right after it."""
        found = {}
        for span_index, span in enumerate(paragraph.spans):
            after = _attribution_after(paragraph, span.token)
            if after:
                found[span_index] = after
        return found

    def _record_subjects(
        self,
        number: int,
        paragraph: _Paragraph,
        attributions: dict[int, tuple[int, Mention | None]],
    ) -> None:
        """Resolve the speaker of every reporting verb and every sentence's subject, in order."""
        tokens = paragraph.tokens
        subjects: dict[int, Mention | None] = {v: m for v, m in attributions.values()}
        for index, token in enumerate(tokens):
            if _is_verb(token) and index not in subjects:
                subjects[index] = _subject_of(paragraph, index)
        for start in sorted(set(paragraph.sentence_start)):
            if start < len(tokens) and start not in subjects and not tokens[start].is_quote:
                end = _phrase_end(tokens, start)
                if end > start and not tokens[end - 1].is_possessive:
                    mention = read_noun_phrase(tokens, start, end)
                    if mention and mention.kind in {"name", "role"}:
                        subjects[start] = mention
        self.resolved = {}
        for index in sorted(subjects):
            speaker = self._resolve(subjects[index], (number, index))
            self.resolved[index] = speaker
            if speaker:
                self.history.append((number, index, speaker))

    def _group_paragraph(
        self,
        number: int,
        paragraph: _Paragraph,
        attributions: dict[int, tuple[int, Mention | None]],
    ) -> None:
        """Add this paragraph's spans to self.groups: new quotations or parts of earlier ones."""
        tokens = paragraph.tokens
        before = self.groups[-1] if self.groups else None
        current: _Group | None = None
        for span_index, span in enumerate(paragraph.spans):
            quote = span.token
            if span_index in attributions:
                verb = attributions[span_index][0]
                speaker = self.resolved.get(verb)
                if current and current.speaker is None and _adjacent(tokens, current.end, quote):
                    current.parts.append(span.text)
                    current.speaker, current.is_direct = speaker, True
                else:
                    current = self._start(number, span, speaker, is_direct=True)
                current.end, current.verb = quote, verb
                continue
            if current and _continues(paragraph, current.end, current.verb, quote):
                current.parts.append(span.text)
                current.end, current.verb = quote, None
                continue
            if span_index == 0 and quote == 0 and before and before.runs_into(number):
                current = before
                current.parts.append(span.text)
                current.last_paragraph, current.end, current.verb = number, quote, None
                continue
            start = paragraph.sentence_start[quote]
            verb = _last_verb(tokens, start, quote)
            speaker = self.resolved.get(verb) if verb is not None else None
            after_colon = quote > 0 and tokens[quote - 1].text == ":"
            is_direct = after_colon or _stands_alone(paragraph, quote)
            if speaker is None:
                closing = _attribution_closing(paragraph, quote)
                if closing is not None and self.resolved.get(closing):
                    verb, speaker = closing, self.resolved[closing]
            if speaker is None and is_direct and current and current.speaker:
                # “A,” Roe said. He paused. “B.” — unless someone else took over between.
                between = [self.resolved.get(i) for i in range(current.end + 1, quote)]
                if all(s is None or s.name == current.speaker.name for s in between):
                    speaker, verb = current.speaker, None
            if speaker is None and _only_quotations(tokens):
                # Roe said: ¶ “…” — or a bare paragraph going on with Roe's quotation.
                speaker = self.lead_in.get(number - 1)
                if speaker is None and before and self._well_formed(number, span):
                    speaker = before.continued_by(number)
                verb = None
            if not is_direct and _is_modifier(tokens, quote):
                continue
            current = self._start(number, span, speaker, is_direct=is_direct)
            current.end, current.verb = quote, verb if speaker else None
        if current:
            current.is_open = not paragraph.spans[-1].is_closed
            current.ends_paragraph = _ends_paragraph(paragraph, current.end, current.verb)
        elif tokens and tokens[-1].text == ":":
            verb = _last_verb(tokens, paragraph.sentence_start[-1], len(tokens))
            if verb is not None and self.resolved.get(verb):
                self.lead_in[number] = self.resolved[verb]

    def _well_formed(self, number: int, span: _Span) -> bool:
        """True for a quotation closed with its stop, or left open for the next paragraph.

        A pull quote lifted from elsewhere in the story often lacks its closing mark or its
        full stop; it must not inherit the speaker of the paragraph before it.
        """
        if span.is_closed:
            return span.text[-1:] in {".", "?", "!", "…", "’", "'", ")"}
        following = self.paragraphs[number + 1] if number + 1 < len(self.paragraphs) else None
        return bool(following and following.tokens and following.tokens[0].is_quote)

    def _start(
        self, number: int, span: _Span, speaker: _Speaker | None, *, is_direct: bool
    ) -> _Group:
        group = _Group(number, [span.text], speaker, is_direct, last_paragraph=number)
        self.groups.append(group)
        return group


def _attribution_after(paragraph: _Paragraph, quote: int) -> tuple[int, Mention | None] | None:
    """Attribution right after a quotation: “…,” Roe said / said Roe / Roe, a …, told …

    Returns (verb token, speaker mention); the mention is None when the words name no one
    (“one official said”), which still marks where the quotation's attribution is.
    """
    tokens = paragraph.tokens
    index = quote + 1
    while index < len(tokens) and tokens[index].text in {",", "—", "--", "-"}:
        index += 1
    set_off = index > quote + 1 or paragraph.spans[tokens[quote].quote].text[-1:] in _SET_OFF
    if index >= len(tokens) or not set_off:
        return None
    return _attribution_from(paragraph, index)


def _attribution_closing(paragraph: _Paragraph, quote: int) -> int | None:
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


def _attribution_from(paragraph: _Paragraph, index: int) -> tuple[int, Mention | None] | None:
    tokens = paragraph.tokens
    if _is_verb(tokens[index]):
        return index, _mention_after_verb(tokens, index)
    end = _phrase_end(tokens, index)
    mention = read_noun_phrase(tokens, index, end) if end > index else None
    if mention is None:
        # A few plain words and a verb: “one official said”, “the man asks”.
        for verb in range(index, min(index + _UNNAMED_REACH, len(tokens))):
            if _is_verb(tokens[verb]):
                return verb, None
            if not tokens[verb].text.isalpha():
                return None
        return None
    if mention.kind == "role" and end + 1 < len(tokens) and tokens[end].text == ",":
        # “the company's lawyer, Jane Roe, said”: the name after the role speaks.
        named_end = _phrase_end(tokens, end + 1)
        named = read_noun_phrase(tokens, end + 1, named_end)
        if named and named.kind == "name" and named_end < len(tokens):
            if tokens[named_end].text == "," or _is_verb(tokens[named_end]):
                named.title = named.title or mention.title
                mention, end = named, named_end
    if end < len(tokens) and _is_verb(tokens[end]):
        verb = end
    elif end < len(tokens) and (
        tokens[end].text in {",", "(", "—", "--"} or tokens[end].lower in _PREPOSITIONS
    ):
        verb = _next_verb(paragraph, end, end + _VERB_REACH)
        if verb is None:
            return None
    else:
        return None
    if mention.kind == "name" and not mention.title:
        mention.title = appositive_role(tokens, end)
    return verb, mention


def _mention_after_verb(tokens: list[Token], verb: int) -> Mention | None:
    """The speaker named after a verb: said Roe / said a statement from Roe / according to Roe."""
    index = verb + 1
    if tokens[verb].lower == "according":
        if index >= len(tokens) or tokens[index].lower != "to":
            return None
        index += 1
    index = _skip_document(tokens, index)
    end = _phrase_end(tokens, index)
    role = ""
    if end == index:
        # “said harbormaster Jane Roe”: one or two words of a role this reader doesn't know.
        words = index
        while words < min(index + 2, len(tokens)) and _may_be_role(tokens[words]):
            words += 1
        if words == index or words >= len(tokens) or not tokens[words].is_capitalised:
            return None
        role = " ".join(t.lower for t in tokens[index:words])
        index, end = words, _phrase_end(tokens, words)
    mention = read_noun_phrase(tokens, index, end)
    if mention and mention.kind == "name" and not mention.title:
        mention.title = role or appositive_role(tokens, end)
    return mention


def _may_be_role(token: Token) -> bool:
    """A plain lower-case word that could name a role (not a time, place or function word)."""
    word = token.lower
    return (
        token.text.isalpha()
        and not token.is_capitalised
        and len(word) > 3
        and word not in _NOT_ROLES
        and not _is_verb(token)
    )


def _next_verb(paragraph: _Paragraph, start: int, limit: int) -> int | None:
    tokens = paragraph.tokens
    for index in range(start, min(limit, len(tokens))):
        token = tokens[index]
        if token.is_quote or (index > start and paragraph.sentence_start[index] == index):
            return None
        if _is_verb(token):
            return index
    return None


def _last_verb(tokens: list[Token], start: int, end: int) -> int | None:
    for index in range(end - 1, start - 1, -1):
        if _is_verb(tokens[index]):
            return index
    return None


def _subject_of(paragraph: _Paragraph, verb: int) -> Mention | None:
    """Who does the reporting verb at `verb`: the phrase before it, or after it when inverted."""
    tokens = paragraph.tokens
    start = paragraph.sentence_start[verb]
    before = verb - 1 if verb > start else None
    while before is not None and before > start and tokens[before].text in {",", "—", "--"}:
        before -= 1
    if before is None or tokens[before].is_quote:
        return _mention_after_verb(tokens, verb)
    if tokens[verb].lower == "according":
        return _mention_after_verb(tokens, verb)
    if tokens[verb].lower.endswith("ing"):
        # “Roe denied the claim, saying …”: the one saying is the sentence's subject.
        mention = read_noun_phrase(tokens, start, _phrase_end(tokens, start))
        return mention if mention and mention.kind != "role" else None
    mention = _subject_before(paragraph, verb, start)
    if mention is None and tokens[verb - 1].text == ",":
        # “… in every way, said Jane Roe, an economist.”
        mention = _mention_after_verb(tokens, verb)
        return mention if mention and mention.kind == "name" else None
    return mention


def _subject_before(paragraph: _Paragraph, verb: int, start: int) -> Mention | None:
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
                if _phrase_end(tokens, comma + 1) != index:
                    return None
                return read_noun_phrase(tokens, comma + 1, index)
            index = comma - 1
            continue
        if skipped < 4 and (
            token.text in DAYS_AND_MONTHS
            or (
                not token.is_capitalised
                and (
                    token.lower in _AUXILIARIES
                    or token.lower in _TIME_WORDS
                    or token.lower.endswith("ly")
                )
            )
        ):
            index -= 1
            skipped += 1
            continue
        break
    if index < start:
        return None
    if tokens[index].lower in PRONOUNS:
        return Mention("pronoun", tokens[index].lower)
    first = index
    while first > start and _is_phrase_word(tokens[first - 1]):
        first -= 1
    return read_noun_phrase(tokens, first, index + 1)


def _adjacent(tokens: list[Token], previous: int, quote: int) -> bool:
    """True if nothing but punctuation stands between the quotations at `previous` and `quote`."""
    return all(not t.text[:1].isalnum() for t in tokens[previous + 1 : quote])


def _continues(paragraph: _Paragraph, previous: int, verb: int | None, quote: int) -> bool:
    """True if the span at `quote` goes on with the quotation at `previous` after its attribution.

    That is when only the attribution sentence stands between them (“A,” Roe said. “B.” or
    “A,” Roe said, “b.”), or nothing at all.
    """
    tokens = paragraph.tokens
    between = range(previous + 1, quote)
    if verb is None or not (previous < verb < quote):
        return all(not tokens[i].text[:1].isalnum() for i in between)
    for index in between:
        if index > verb and tokens[index].is_sentence_end:
            return all(not tokens[i].text[:1].isalnum() for i in range(index + 1, quote))
    # “…,” said Roe of Roe Inc. “…”: an abbreviation's stop also ends the attribution.
    return tokens[quote - 1].text in {",", ":", "—", "--"} or tokens[quote - 1].text.endswith(".")


def _stands_alone(paragraph: _Paragraph, quote: int) -> bool:
    """True for a quotation that opens a sentence and is set off from what follows it, unlike a
    name or title leading a sentence (“The Long Road” opens Friday)."""
    tokens = paragraph.tokens
    if paragraph.sentence_start[quote] != quote:
        return False
    following = quote + 1
    return (
        following >= len(tokens)
        or tokens[following].is_quote
        or paragraph.sentence_start[following] == following
        or paragraph.spans[tokens[quote].quote].text[-1:] in _SET_OFF
    )


def _only_quotations(tokens: list[Token]) -> bool:
    """True for a paragraph of nothing but quotations: no words of its own to attribute them."""
    return all(t.is_quote or not t.text[:1].isalnum() for t in tokens)


def _ends_paragraph(paragraph: _Paragraph, quote: int, verb: int | None) -> bool:
    """True if nothing follows the quotation at `quote` but its own attribution sentence."""
    tokens = paragraph.tokens
    after = range(quote + 1, len(tokens))
    if verb is not None and verb > quote:
        rest = [i for i in after if i > verb and tokens[i].is_sentence_end]
        after = range(rest[0] + 1, len(tokens)) if rest else range(0)
    return all(not tokens[i].text[:1].isalnum() for i in after)


def _is_modifier(tokens: list[Token], quote: int) -> bool:
    """True for a quoted phrase used as a word before a noun: a “pay as you go” system."""
    before = tokens[quote - 1].lower if quote > 0 else ""
    after = tokens[quote + 1] if quote + 1 < len(tokens) else None
    return (
        before in _DETERMINERS
        and after is not None
        and after.text.isalpha()
        and not after.is_capitalised
        and after.lower not in _PREPOSITIONS
        and after.lower not in _CLAUSE_WORDS
        and not _is_verb(after)
    )


def _is_partial_quote(text: str) -> bool:
    """A quotation inside a sentence counts only if it is long enough and not a title."""
    words = text.split()
    if len(words) < _MIN_PARTIAL_WORDS:
        return False
    # A title capitalises its content words (“Gone with the Wind”); speech mostly does not.
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    capitals = sum(1 for w in content if w[:1].isupper())
    return capitals * 4 < len(content) * 3


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text.endswith(",") and part[:1].isupper():
            text = text[:-1] + "."
        text = f"{text} {part}" if text else part
    return text.rstrip(" ,")
