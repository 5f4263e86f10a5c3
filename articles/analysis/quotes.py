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
  in the story (“Lt. Jane Roe”); “the 45-year-old” to the person last spoken of; he and she only
  to people, of the sex the story shows; “they” only to a group that just spoke;
- a source the story describes without naming (“a spokesman for the airline”, “one resident”,
  “the judge” no one is named as) speaks as the story words it, and a body as an organisation;
- a sentence that only says its subject speaks (“Roe was blunt.”, “Roe's verdict:”) gives them
  the quotation after it;
- German copy is read with the same rules through English glosses of its words (see
  `articles.analysis.german`): „…“, sagte Roth; „…“, so die Ministerin; Roth sagte: »…«;

- a word or short phrase in quotation marks inside a sentence (a scare quote, a term, the title
  of a work) is not a quotation and is left out; a quotation whose speaker cannot be found is
  kept with an empty speaker rather than guessed.
"""

import itertools
from dataclasses import dataclass

from articles.analysis.given_names import pronoun_for
from articles.analysis.names import (
    CAPITALISED_FUNCTION_WORDS,
    NON_PERSON_WORDS,
    PRONOUNS,
    Mention,
    Token,
    appositive_role,
    looks_like_person,
    name_runs,
    read_noun_phrase,
    role_ahead,
    role_before,
    split_title,
    strip_possessive,
    tokenize,
)
from articles.analysis.speakers import (
    PREPOSITIONS,
    REPORTING_VERBS,
    SET_OFF,
    Paragraph,
    Span,
    attribution_after,
    attribution_closing,
    described,
    has_quotation_marks,
    is_verb,
    last_verb,
    parse_paragraph,
    phrase_end,
    subject_of,
)

PERSON, ORGANISATION, DESCRIBED = "person", "organisation", "described"
_DETERMINERS = frozenset("a an the this that these those its his her their our my your".split())
# Words that join a clause after a quotation that was all a verb reported (Roe said “no,” and …).
_CLAUSE_JOINS = frozenset("and but then before as while".split())
_SAYING = frozenset(
    "say says said saying tell tells told reply replies replied answer answers answered shouted "
    "yelled whispered muttered".split()
)
# Whom a verb's words are spoken to, between the verb and a short quotation (Roe told me “no.”).
_SPOKEN_TO = frozenset("me us him her them you reporters journalists".split())
# Words that go on a sentence after a quoted phrase rather than after a quoted modifier.

_CLAUSE_WORDS = frozenset("that which who and but or because when as to if than so".split())
# A quotation inside a sentence with fewer words than this is a scare quote or a term.
_MIN_PARTIAL_WORDS = 4
_COURTESY_PRONOUNS = {
    "Mr.": "he", "Mrs.": "she", "Ms.": "she", "Miss": "she", "Mr": "he", "Mrs": "she", "Ms": "she",
    "Sir": "he", "Dame": "she", "Lady": "she",
}  # fmt: skip
_TITLE_SMALL_WORDS = frozenset("a an the of and or but nor for in on at to by from with as".split())
# What a body is called in its own name, for the noun a story uses for it (“the airline”).
_BODY_NAMES = {
    "airline": ("airline", "airways", "air"),
    "carrier": ("airline", "airways", "air"),
    "company": ("company", "inc.", "corp", "co.", "ltd"),
    "newspaper": ("times", "post", "news", "journal", "tribune", "herald", "gazette", "courier"),
}
_ASKING = frozenset("asked asks asking".split())
_TIME_CLAUSE = frozenset("when after as before once while until".split())
_TITLES_IN_FULL = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "lt.": "lieutenant",
    "sgt.": "sergeant", "capt.": "captain", "det.": "detective", "supt.": "superintendent",
    "insp.": "inspector", "prof.": "professor", "dr.": "doctor", "atty.": "attorney",
    "gen.": "general", "col.": "colonel", "maj.": "major", "cmdr.": "commander",
    "adm.": "admiral", "rev.": "reverend", "cllr": "councillor", "dr": "doctor",
    "prof": "professor",
}  # fmt: skip
_FIRST_PERSON = frozenset("I I'm I've I'd I'll me my My mine myself".split())
# Words of a sentence with no speech verb that still says its subject speaks next: “Roe had a
# simple verdict:”, “Roe was blunt.”, “Roe took to Twitter.”.
_SPEECH_WORDS = frozenset(
    """verdict message advice answer response reply words view warning explanation assessment
    prediction plea reaction comment comments conclusion statement summary retort blunt frank
    candid emphatic succinct unequivocal word adamant defiant unapologetic unrepentant forthright
    scathing dismissive cautious philosophical upbeat optimistic pessimistic sceptical skeptical
    twitter facebook instagram""".split()
)
_PRONOUN_REACH = 3  # paragraphs back that a pronoun may reach for its person
_APPOSITIVE_REACH = 8  # tokens from a role (“the mayor of Springfield”) to the name after it


@dataclass
class FoundQuote:
    """A quotation found in the text.

    speaker is the full name without title, "" when the text does not establish it;
    speaker_title is the title or role used for that person in the story (“Lt.”, “Police
    Chief”), "" if none; paragraph is the index of the paragraph where the quotation starts;
    speaker_kind is "person", "organisation" (“the airline said in a statement”) or
    "described" (a source the story describes without naming: “a spokesman for the airline”).
    """

    text: str
    speaker: str
    speaker_title: str
    paragraph: int
    speaker_kind: str = PERSON


@dataclass
class _Speaker:
    name: str
    title: str = ""
    is_person: bool = False
    kind: str = PERSON


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
    quoted = [has_quotation_marks(text) for text in paragraphs]
    if not any(quoted):
        return []
    # Only paragraphs with a quotation, and the few before one that a pronoun or a lead-in may
    # reach back to, need their sentences read; the others only name people.
    wanted = [False] * len(paragraphs)
    for number, has_marks in enumerate(quoted):
        if has_marks:
            for back in range(max(0, number - _PRONOUN_REACH), number + 1):
                wanted[back] = True
    parsed = [
        parse_paragraph(text) if wanted[number] else Paragraph(tokenize(text), [])
        for number, text in enumerate(paragraphs)
    ]
    return _Reader(parsed).read(wanted)


class _Reader:
    """Reads one story: first the people it names, then its quotations in order."""

    def __init__(self, paragraphs: list[Paragraph]):
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
        self.bodies: list[tuple[tuple[int, int], list[str]]] = []  # runs of several capitals
        for number, paragraph in enumerate(paragraphs):
            self._collect_people(number, paragraph.tokens)
        # People the story names only by courtesy title and surname (“Mrs Ruiz”).
        self.surnamed: set[str] = set()
        for position, name, courtesy in self.courtesy:
            full = self._person(name, position)
            if not full:
                full = name
                self.surnamed.add(name)
            self.pronouns.setdefault(full, _COURTESY_PRONOUNS[courtesy])
        for full in self.people:
            pronoun = pronoun_for(full.split()[0])
            if pronoun:
                self.pronouns.setdefault(full, pronoun)

    def read(self, wanted: list[bool]) -> list[FoundQuote]:
        """The quotations of the paragraphs, reading the sentences of those `wanted` only."""
        for number, paragraph in enumerate(self.paragraphs):
            if not wanted[number]:
                continue
            attributions = self._attributions(paragraph)
            self._record_subjects(number, paragraph, attributions)
            self._group_paragraph(number, paragraph, attributions)
        found = []
        for group in self.groups:
            text = _join(group.parts)
            if not text or (not group.is_direct and not _is_partial_quote(text)):
                continue
            speaker = group.speaker or _Speaker("")
            found.append(
                FoundQuote(text, speaker.name, speaker.title, group.paragraph, speaker.kind)
            )
        return found

    # People named in the story

    def _collect_people(self, number: int, tokens: list[Token]) -> None:
        for first, last in name_runs(tokens, 0, len(tokens)):
            if last - first > 1:
                raw = [
                    strip_possessive(t.text) if t.is_possessive else t.text
                    for t in tokens[first:last]
                ]
                self.bodies.append(((number, first), raw))
            title, words = split_title([t.text for t in tokens[first:last]])
            words = (
                [strip_possessive(w) for w in words] if tokens[last - 1].is_possessive else words
            )
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
            return _Speaker(self._body_named(mention.name, where), kind=ORGANISATION)
        if mention.kind == "described":
            return _Speaker(mention.name, kind=DESCRIBED)
        if mention.kind == "epithet":
            return self._last_person(where)
        if mention.kind == "pronoun" and mention.name == "it":
            return self._organisation_before(where)
        if mention.kind == "pronoun":
            return self._antecedent(mention.name, where)
        if mention.kind == "role":
            holder = self._holder_of(mention.title, where)
            if holder is None and not self._holds_role(mention.title):
                # “the judge” whom the story never names is a source it describes.
                return _Speaker(mention.name or f"the {mention.title}", kind=DESCRIBED)
            return holder
        name = mention.name
        full = self._person(name, where)
        if full:
            # The title a story gives a person first is the one they keep.
            return _Speaker(full, self.people[full] or mention.title, True)
        if name in self.surnamed:
            return _Speaker(name, mention.title, True)
        words = name.split()
        if any(word in NON_PERSON_WORDS for word in words):
            return _Speaker(name, kind=ORGANISATION)
        if len(words) == 1 and pronoun_for(name):
            # “Her brother Tom”: a given name alone, which tells he from she.
            self.pronouns.setdefault(name, pronoun_for(name))
            return _Speaker(name, mention.title, True)
        return _Speaker(name, mention.title, len(words) > 1 and looks_like_person(words))

    def _body_named(self, described: str, where: tuple[int, int]) -> str:
        """The name of the body that “the airline” (`described`) means: the last run of capitals
        before `where` with a word of its head (“Alaska Airlines”), else `described` itself."""
        if not described.startswith("the "):
            return described
        head = described.split()[-1]
        names = _BODY_NAMES.get(head, (head,))
        for position, words in reversed(self.bodies):
            if position < where and any(w.lower().startswith(names) for w in words[1:]):
                return " ".join(words)
        return described

    def _organisation_before(self, where: tuple[int, int]) -> _Speaker | None:
        """The organisation “it” stands for: the last one that spoke or led a sentence nearby."""
        for number, index, speaker in reversed(self.history):
            if number < where[0] - 1:
                break
            if (number, index) < where and speaker.kind == ORGANISATION:
                return speaker
        return None

    def _person(self, name: str, where: tuple[int, int]) -> str:
        """The full name of the person `name` (a full name or its end) means at `where`, or ""."""
        return name if name in self.people else self._full_name(name, where)

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
        if chosen is None and " " not in part:
            # “Moon” for Moon Jae-in, “Fiona” for Fiona Parry: a name's first word, when no
            # name ends with it.
            starts = [n for n in self.mentioned if n.startswith(part + " ")]
            if len(starts) == 1:
                return starts[0]
        return chosen[1] if chosen else ""

    def _group_before(self, where: tuple[int, int]) -> _Speaker | None:
        """The group “they” stands for: the source described in the plural that spoke last, in
        this paragraph or the one before (“the researchers wrote … they added”); else none,
        for “they” is as often a group the story never made speak."""
        for number, index, speaker in reversed(self.history):
            if number < where[0] - 1:
                break
            if (number, index) < where:
                plural = speaker.kind == DESCRIBED and speaker.name.endswith("s")
                return speaker if plural else None
        return None

    def _last_person(self, where: tuple[int, int]) -> _Speaker | None:
        """The person who spoke or led a sentence last, within a few paragraphs of `where`: the
        one “the 45-year-old” or “the Democrat” stands for."""
        for number, index, speaker in reversed(self.history):
            if number < where[0] - _PRONOUN_REACH:
                break
            if (number, index) < where and speaker.is_person:
                return speaker
        return None

    def _antecedent(self, pronoun: str, where: tuple[int, int]) -> _Speaker | None:
        """The person a pronoun at `where` stands for, or None.

        The last person who spoke or led a sentence, within a few paragraphs; but a person named
        after that in the pronoun's own paragraph comes first (“In 2009, Roe, then 20, set up
        a firm. ‘It was hard,’ he recalls.”), and with no speaker in reach, the person named last
        in this paragraph or the one before.
        """
        # “They” is as often a group as a person: leave it rather than guess.
        if pronoun == "they":
            return self._group_before(where)
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
            full = self._person(name, position) or (name if name in self.surnamed else "")
            if full and self.pronouns.get(full, pronoun) == pronoun:
                found = _Speaker(full, self.people.get(full, ""), True)
                break
        if found:
            # Remember who is “he” and who is “she”, so the other pronoun looks further back.
            self.pronouns.setdefault(found.name, pronoun)
        return found

    def _holds_role(self, role: str) -> bool:
        """True if anyone the story names anywhere has the role (“the governor” when the story
        names Gov. Jane Roe further on)."""
        head = role.split()[-1] if role else ""
        return any(head in _role_words(title) for title in self.people.values())

    def _holder_of(self, role: str, where: tuple[int, int]) -> _Speaker | None:
        """The person the story names with this role last before `where` (“The mayor of
        Springfield, Jane Roe, said”: a few words after it too); else the one it names in the
        next paragraph (“…,” the governor said. ¶ Gov. Jane Roe …)."""
        head = role.split()[-1] if role else ""
        holders = [name for name, title in self.people.items() if head in _role_words(title)]
        if not head or not holders:
            return None
        reach = (where[0], where[1] + _APPOSITIVE_REACH)
        best = max(
            ((max(earlier), name) for name in holders
             if (earlier := [p for p in self.mentioned[name] if p < reach])),
            default=None,
        )  # fmt: skip
        if best is None:
            best = min(
                ((self.mentioned[name][0], name) for name in holders
                 if self.mentioned[name][0][0] == where[0] + 1),
                default=None,
            )  # fmt: skip
        return _Speaker(best[1], self.people[best[1]], True) if best else None

    # Attribution

    def _attributions(self, paragraph: Paragraph) -> dict[int, tuple[int, Mention | None]]:
        """Per span index: (verb token, speaker mention) from the attribution right after it."""
        found = {}
        for span_index, span in enumerate(paragraph.spans):
            after = attribution_after(paragraph, span.token)
            if after:
                found[span_index] = after
        return found

    def _record_subjects(
        self,
        number: int,
        paragraph: Paragraph,
        attributions: dict[int, tuple[int, Mention | None]],
    ) -> None:
        """Resolve the speaker of every reporting verb and every sentence's subject, in order."""
        tokens = paragraph.tokens
        subjects: dict[int, Mention | None] = {v: m for v, m in attributions.values()}
        verbs = REPORTING_VERBS
        for index, token in enumerate(tokens):
            # is_verb, written out: this loop sees every word of the story.
            if (token.lower in verbs or token.speaks) and index not in subjects:
                if token.lower in _ASKING and _in_time_clause(paragraph, index):
                    # “When Holt asked about the delay, Brandt …”: the one asking is not the one
                    # whose words answer.
                    subjects[index] = None
                    continue
                subjects[index] = subject_of(paragraph, index)
        for start in sorted(set(paragraph.sentence_start)):
            if start < len(tokens) and start not in subjects and not tokens[start].is_quote:
                end = phrase_end(tokens, start)
                if end > start and not tokens[end - 1].is_possessive:
                    mention = read_noun_phrase(tokens, start, end)
                    if mention and mention.kind in {"name", "role", "organisation"}:
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
        paragraph: Paragraph,
        attributions: dict[int, tuple[int, Mention | None]],
    ) -> None:
        """Add this paragraph's spans to self.groups: new quotations or parts of earlier ones."""
        tokens = paragraph.tokens
        before = self.groups[-1] if self.groups else None
        current: _Group | None = None
        for span_index, span in enumerate(paragraph.spans):
            quote = span.token
            if span_index in attributions and _names_a_term(paragraph, quote, span):
                continue  # The word “resilience,” Roe said, is overused.
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
            if (
                current
                and _continues(paragraph, current.end, current.verb, quote)
                # not after a title or term: Roe told the “Courier”: “…”
                and (current.is_direct or _is_partial_quote(_join(current.parts)))
            ):
                current.parts.append(span.text)
                current.end, current.verb = quote, None
                continue
            if span_index == 0 and quote == 0 and before and before.runs_into(number):
                current = before
                current.parts.append(span.text)
                current.last_paragraph, current.end, current.verb = number, quote, None
                continue
            start = paragraph.sentence_start[quote]
            verb = last_verb(tokens, start, quote)
            speaker = self.resolved.get(verb) if verb is not None else None
            after_colon = quote > 0 and tokens[quote - 1].text == ":"
            is_direct = (
                after_colon
                or _stands_alone(paragraph, quote)
                # she said “no way.”: a short quotation is speech when it is what the verb says
                or (speaker is not None and _says(paragraph, verb, quote))
            )
            if speaker is None:
                closing = attribution_closing(paragraph, quote)
                if closing is not None and self.resolved.get(closing):
                    verb, speaker = closing, self.resolved[closing]
            speaks_on = is_direct or _speaks_for_one(span.text)
            if speaker is None and speaks_on and current and current.speaker:
                # “A,” Roe said. He paused. “B.” — unless someone else took over between; and
                # “A,” Roe said. The price is “as low as I've seen.”: only Roe says “I” here.
                between = [self.resolved.get(i) for i in range(current.end + 1, quote)]
                if all(s is None or s.name == current.speaker.name for s in between):
                    speaker, verb = current.speaker, None
            if speaker is None and start == quote > 0 and not self.groups_in(number):
                # Roe summed it up with a proverb. “Good fences make good neighbours.”
                verb = last_verb(tokens, paragraph.sentence_start[start - 1], start)
                speaker = self.resolved.get(verb) if verb is not None else None
                if verb is None:
                    # Roe was blunt. “A waste of money.”
                    speaker = self._speaking_subject(number, paragraph, start - 1)
            if speaker is None and after_colon:
                # Roe had a simple verdict: “A waste of money.”
                speaker = self._speaking_subject(number, paragraph, quote - 1)
                named = self.resolved.get(start)
                if speaker is None and named and named.is_person:
                    # Roe: “A waste of money.” — a name and a colon, as a transcript sets it.
                    speaker = named if phrase_end(tokens, start) == quote - 1 else None
                if speaker is None:
                    # A question came from a member of the audience: “…”
                    speaker = self._source_from(number, paragraph, start, quote - 1)
            if speaker is None and _only_quotations(tokens):
                # Roe said: ¶ “…” — or a bare paragraph going on with Roe's quotation.
                speaker = self.lead_in.get(number - 1)
                if speaker is None and before and self._well_formed(number, span):
                    speaker = before.continued_by(number)
                if speaker and speaker.kind == ORGANISATION and _speaks_for_one(span.text):
                    speaker = None  # “It was the scariest night of my life” is no body's
                verb = None
            if not is_direct and _is_modifier(tokens, quote):
                continue
            current = self._start(number, span, speaker, is_direct=is_direct)
            current.end, current.verb = quote, verb if speaker else None
        if current:
            current.is_open = not paragraph.spans[-1].is_closed
            current.ends_paragraph = _ends_paragraph(
                paragraph, current.end, current.verb
            ) or self._rest_is_about(number, paragraph, current)
        elif tokens and tokens[-1].text != "?":
            # “Roe said:” or “Here is what she told us.” leads into the next paragraph's quotation;
            # a question (“What did Roe say?”) asserts nothing.
            verb = last_verb(tokens, paragraph.sentence_start[-1], len(tokens))
            if verb is not None and self.resolved.get(verb):
                self.lead_in[number] = self.resolved[verb]
            elif verb is None:
                # “Roe, the head teacher, had a blunt reply:”, “Roe was unrepentant.”
                speaker = self._speaking_subject(number, paragraph, len(tokens) - 1)
                if speaker:
                    self.lead_in[number] = speaker

    def _speaking_subject(self, number: int, paragraph: Paragraph, last: int) -> _Speaker | None:
        """The person leading the sentence that ends at token `last`, when the sentence has no
        speech verb but words that say its subject speaks (“Roe was blunt.”, “Roe's verdict:”),
        or whose words they are (“Roe's advice:”, “In Roe's words:”)."""
        start = paragraph.sentence_start[last]
        words = paragraph.tokens[start : last + 1]
        for index, (word, following) in enumerate(itertools.pairwise(words)):
            if word.is_possessive and word.is_capitalised and following.lower in _SPEECH_WORDS:
                first = index
                while (
                    first > 0
                    and words[first - 1].is_name
                    and words[first - 1].text not in CAPITALISED_FUNCTION_WORDS
                ):
                    first -= 1
                name = " ".join(t.text for t in words[first:index] + [word])
                speaker = self._resolve(Mention("name", strip_possessive(name)), (number, start))
                return speaker if speaker and speaker.is_person else None
        if not any(t.lower in _SPEECH_WORDS for t in words):
            return None
        speaker = self.resolved.get(start)
        return speaker if speaker and (speaker.is_person or speaker.kind == DESCRIBED) else None

    def _rest_is_about(self, number: int, paragraph: Paragraph, group: _Group) -> bool:
        """True if every sentence after the quotation's attribution is about its speaker alone
        (“A,” Roe said. She paused.), so a bare quotation next still goes on with Roe."""
        tokens = paragraph.tokens
        after = group.verb if group.verb is not None and group.verb > group.end else group.end
        stop = next((i for i in range(after + 1, len(tokens)) if tokens[i].is_sentence_end), None)
        if group.speaker is None or stop is None or stop + 1 >= len(tokens):
            return False
        if any(t.is_quote for t in tokens[stop + 1 :]):
            return False
        for start in sorted({paragraph.sentence_start[i] for i in range(stop + 1, len(tokens))}):
            word = tokens[start].lower
            if word in PRONOUNS:
                speaker = self._antecedent(word, (number, start))
            else:
                speaker = self.resolved.get(start)
            if speaker is None or speaker.name != group.speaker.name:
                return False
        return True

    def _source_from(
        self, number: int, paragraph: Paragraph, start: int, colon: int
    ) -> _Speaker | None:
        """Who a sentence ending “… from Roe:” or “… from a member of the audience:” says the
        words after its colon come from: a person or a source described, not a place."""
        tokens = paragraph.tokens
        source = next((i for i in range(colon - 1, start, -1) if tokens[i].lower == "from"), None)
        if source is None or source + 1 >= colon:
            return None
        mention = described(tokens, source + 1, colon) or read_noun_phrase(
            tokens, source + 1, colon
        )
        speaker = self._resolve(mention, (number, source + 1))
        return speaker if speaker and (speaker.is_person or speaker.kind == DESCRIBED) else None

    def groups_in(self, number: int) -> bool:
        """True if a quotation was found earlier in paragraph `number`."""
        return bool(self.groups) and self.groups[-1].last_paragraph == number

    def _well_formed(self, number: int, span: Span) -> bool:
        """True for a quotation closed with its stop, or left open for the next paragraph.

        A pull quote lifted from elsewhere in the story often lacks its closing mark or its
        full stop; it must not inherit the speaker of the paragraph before it.
        """
        if span.is_closed:
            return span.text[-1:] in {".", "?", "!", "…", "’", "'", ")"}
        following = self.paragraphs[number + 1] if number + 1 < len(self.paragraphs) else None
        return bool(following and following.tokens and following.tokens[0].is_quote)

    def _start(
        self, number: int, span: Span, speaker: _Speaker | None, *, is_direct: bool
    ) -> _Group:
        group = _Group(number, [span.text], speaker, is_direct, last_paragraph=number)
        self.groups.append(group)
        return group


def _role_words(title: str) -> list[str]:
    """The words of a title as a story writes the role in full: “Gov.” is the governor."""
    return [_TITLES_IN_FULL.get(word, word) for word in title.lower().split()]


def _names_a_term(paragraph: Paragraph, quote: int, span: Span) -> bool:
    """True for a short quotation inside a sentence right after a plain word, which names a term
    or a nickname even with an attribution after it (“The word “resilience,” Roe said, …”, “Roe,
    nicknamed “the Bulldozer,” said …”); not one after a speech verb (Roe said “no,” and left)."""
    if quote == 0 or paragraph.sentence_start[quote] == quote:
        return False
    before = paragraph.tokens[quote - 1]
    return (
        len(span.text.split()) < _MIN_PARTIAL_WORDS
        and before.text.isalpha()
        and before.lower != "that"
        and not is_verb(before)
    )


def _adjacent(tokens: list[Token], previous: int, following: int) -> bool:
    """True if nothing but punctuation stands between tokens `previous` and `following`."""
    return all(not t.text[:1].isalnum() for t in tokens[previous + 1 : following])


def _continues(paragraph: Paragraph, previous: int, verb: int | None, quote: int) -> bool:
    """True if the span at `quote` goes on with the quotation at `previous` after its attribution.

    That is when only the attribution sentence stands between them (“A,” Roe said. “B.” or
    “A,” Roe said, “b.”), or nothing at all.
    """
    tokens = paragraph.tokens
    if verb is None or not (previous < verb < quote):
        return _adjacent(tokens, previous, quote)
    for index in range(verb + 1, quote):
        if tokens[index].is_sentence_end:
            return _adjacent(tokens, index, quote)
    # “…,” said Roe of Roe Inc. “…”: an abbreviation's stop also ends the attribution.
    return tokens[quote - 1].text in {",", ":", "—", "--"} or tokens[quote - 1].text.endswith(".")


def _stands_alone(paragraph: Paragraph, quote: int) -> bool:
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
        or paragraph.spans[tokens[quote].quote].text[-1:] in SET_OFF
    )


def _says(paragraph: Paragraph, verb: int | None, quote: int) -> bool:
    """True if the quotation at `quote` is the whole of what the verb at `verb` reports: it follows
    the verb (or “that”, a comma, a colon, a manner or the one spoken to after it) and ends the
    sentence or its clause (Roe said “no,” and left; Roe said “thank you” and left)."""
    tokens = paragraph.tokens
    if verb is None or not all(_between_verb_and_words(t) for t in tokens[verb + 1 : quote]):
        return False
    following = quote + 1
    text = paragraph.spans[tokens[quote].quote].text
    return (
        following >= len(tokens)
        or tokens[following].is_sentence_end
        or text[-1:] in {".", "?", "!"}
        or (text[-1:] == "," and tokens[following].lower in _CLAUSE_JOINS)
        # said “thank you” and left: only a verb that reports words takes a bare phrase so,
        # where “reported “strange smells” and noise” is a term in a list.
        or (text[-1:].isalnum() and tokens[verb].lower in _SAYING
            and tokens[following].lower in _CLAUSE_JOINS)
        or (tokens[following].text == "," and following + 1 < len(tokens)
            and tokens[following + 1].lower in _CLAUSE_JOINS)
    )  # fmt: skip


def _between_verb_and_words(token: Token) -> bool:
    """A word that may stand between a verb and the words it reports: a comma or colon, “that”,
    a manner (said simply, replied curtly) or the one spoken to (told me, told reporters)."""
    return (
        token.text in {",", ":", "that"}
        or token.lower in _SPOKEN_TO
        or (token.lower.endswith("ly") and not token.is_capitalised and len(token.lower) > 3)
    )


def _in_time_clause(paragraph: Paragraph, verb: int) -> bool:
    """True for a verb inside a clause opening its sentence with “When”, “After”, “As” …"""
    tokens = paragraph.tokens
    start = paragraph.sentence_start[verb]
    return tokens[start].lower in _TIME_CLAUSE and all(
        t.text != "," for t in tokens[start + 1 : verb]
    )


def _speaks_for_one(text: str) -> bool:
    """True for words only one person could say: “I”, “me” or “my”."""
    return any(word in _FIRST_PERSON for word in text.replace("’", "'").split())


def _only_quotations(tokens: list[Token]) -> bool:
    """True for a paragraph of nothing but quotations: no words of its own to attribute them."""
    return all(t.is_quote or not t.text[:1].isalnum() for t in tokens)


def _ends_paragraph(paragraph: Paragraph, quote: int, verb: int | None) -> bool:
    """True if nothing follows the quotation at `quote` but its own attribution sentence."""
    tokens = paragraph.tokens
    if verb is None or verb <= quote:
        return _adjacent(tokens, quote, len(tokens))
    stop = next((i for i in range(verb + 1, len(tokens)) if tokens[i].is_sentence_end), None)
    return stop is None or _adjacent(tokens, stop, len(tokens))


def _is_modifier(tokens: list[Token], quote: int) -> bool:
    """True for a quoted phrase used as a word before a noun: a “pay as you go” system."""
    before = tokens[quote - 1].lower if quote > 0 else ""
    after = tokens[quote + 1] if quote + 1 < len(tokens) else None
    return (
        before in _DETERMINERS
        and after is not None
        and after.text.isalpha()
        and not after.is_capitalised
        and after.lower not in PREPOSITIONS
        and after.lower not in _CLAUSE_WORDS
        and not is_verb(after)
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
        elif text[-1:].isalnum() and part[:1].isupper():
            text += "."  # „A“, sagte Roth. „B.“: the comma stood outside the marks
        text = f"{text} {part}" if text else part
    return text.rstrip(" ,")
