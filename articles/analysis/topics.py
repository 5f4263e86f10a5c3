"""Topics a story is about: the newsroom's own topics, and organisations it names with an acronym.

A topic of the vocabulary is found by its name or any of its aliases. Short names and names with
capitals inside ("ICE", "NYPD", "iPhone") must match letter case exactly, so "ice" on the roads is
not Immigration and Customs Enforcement; other names match in any case ("Public Safety" finds
"public safety").

An organisation the story names together with its acronym ("Immigration and Customs Enforcement"
and "ICE") becomes a topic named by the acronym, with the long form as an alias, even when the
vocabulary is empty.
"""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .acronyms import SKIPPABLE, find_acronyms
from .gazetteer import gazetteer, name_key


@dataclass
class FoundTopic:
    name: str
    aliases: list[str] = field(default_factory=list)


WORD_RE = re.compile(r"\w+")

# Acronyms too common or too generic to be a topic of their own.
TRIVIAL_ACRONYMS = {
    "AKA", "ASAP", "CDT", "CEO", "CFO", "COO", "CST", "CTO", "DIY", "EDT", "EST", "ETA", "FAQ",
    "GMT", "MDT", "MST", "MVP", "PDT", "PST", "RIP", "TBA", "TBD", "USA", "UTC",
}  # fmt: skip


def find_topics(
    *, headline: str, text: str, vocabulary: Iterable[tuple[str, list[str]]] = ()
) -> list[FoundTopic]:
    """Return the topics the headline and text are about, each once.

    `vocabulary` holds the newsroom's topics as (name, aliases). A topic found there comes back
    under its own name with its aliases, plus the long form of its acronym when the text supplies
    one it lacked. An acronym organisation not in the vocabulary comes back as a new topic.
    """
    full = f"{headline}\n\n{text}" if headline else text
    words = set(WORD_RE.findall(full.casefold()))
    index = _index(tuple((name, tuple(aliases)) for name, aliases in vocabulary))
    found: dict[str, FoundTopic] = {}
    for name, aliases, terms in index.topics:
        if any(words.issuperset(needed) and pattern.search(full) for needed, pattern in terms):
            found.setdefault(name.casefold(), FoundTopic(name, list(aliases)))

    for short, long in find_acronyms(full):
        if not _worth_a_topic(short, long):
            continue
        known = index.by_form.get(_form_key(short)) or index.by_form.get(_form_key(long))
        if known:
            name, aliases, _ = known
            topic = found.setdefault(name.casefold(), FoundTopic(name, list(aliases)))
        else:
            topic = found.setdefault(short.casefold(), FoundTopic(short, []))
        for form in (short, long):
            if form.casefold() not in {n.casefold() for n in (topic.name, *topic.aliases)}:
                topic.aliases.append(form)
    return list(found.values())


_Term = tuple[frozenset[str], re.Pattern]
_Topic = tuple[str, tuple[str, ...], list[_Term]]


@dataclass(frozen=True)
class _Index:
    topics: list[_Topic]
    by_form: dict[str, _Topic]  # names and aliases by _form_key


@functools.lru_cache(maxsize=4)
def _index(vocabulary: tuple[tuple[str, tuple[str, ...]], ...]) -> _Index:
    """Patterns for the vocabulary, built once for the one an import passes with every story."""
    topics, by_form = [], {}
    for name, aliases in vocabulary:
        forms = [form.strip() for form in (name, *aliases) if form.strip()]
        topic = (name, aliases, [_term(form) for form in forms])
        topics.append(topic)
        for form in forms:
            by_form.setdefault(_form_key(form), topic)
    return _Index(topics, by_form)


def _exact_case(form: str) -> bool:
    """Short names and names with capitals inside ("ICE", "DoD", "iPhone") keep their case."""
    return len(form) <= 4 or any(c.isupper() for word in form.split() for c in word[1:])


def _form_key(form: str) -> str:
    return form if _exact_case(form) else form.casefold()


def _term(form: str) -> _Term:
    """The words a story must hold to name `form`, and the pattern that confirms it does."""
    exact_case = _exact_case(form)
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in form.split()) + r"(?!\w)"
    needed = frozenset(WORD_RE.findall(form.casefold()))
    return needed, re.compile(pattern, 0 if exact_case else re.IGNORECASE)


def _worth_a_topic(short: str, long: str) -> bool:
    """An organisation's acronym: three or more letters, not a unit, a title or a place, and a
    long form that is a proper name ("Immigration and Customs Enforcement", not "chief
    executive officer")."""
    letters = short.replace(".", "").replace("&", "")
    capitals = sum(1 for c in letters if c.isupper())
    if len(letters) < 3 or not letters.isalpha() or not letters[0].isupper() or capitals < 2:
        return False  # "DoD" is an acronym, "Inc" and "TV" are not topics
    if letters.upper() in TRIVIAL_ACRONYMS:
        return False
    words = [w for w in long.split() if w.lower() not in SKIPPABLE]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    return not gazetteer().lookup(name_key(long)) and not gazetteer().lookup(name_key(short))
