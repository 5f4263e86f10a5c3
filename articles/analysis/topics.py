"""Topics a story is about: the newsroom's own topics, and organisations it names with an acronym.

A topic of the vocabulary is found by its name or any of its aliases. Short names and names with
capitals inside ("ICE", "NYPD", "iPhone") must match letter case exactly, so "ice" on the roads is
not Immigration and Customs Enforcement; other names match in any case ("Public Safety" finds
"public safety").

An organisation the story names together with its acronym ("Immigration and Customs Enforcement"
and "ICE") becomes a topic named by the acronym, with the long form as an alias, even when the
vocabulary is empty.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .acronyms import SKIPPABLE, find_acronyms
from .gazetteer import gazetteer, name_key


@dataclass
class FoundTopic:
    name: str
    aliases: list[str] = field(default_factory=list)


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
    folded = full.casefold()
    topics = [FoundTopic(name, list(aliases)) for name, aliases in vocabulary]
    found: dict[str, FoundTopic] = {}
    for topic in topics:
        if any(_mentioned(full, folded, term) for term in (topic.name, *topic.aliases)):
            found.setdefault(topic.name.casefold(), topic)

    for short, long in find_acronyms(full):
        if not _worth_a_topic(short, long):
            continue
        known = next((t for t in topics if _names(t) & {short, long.casefold()}), None)
        topic = found.setdefault(known.name.casefold(), known) if known else None
        if topic is None:
            topic = found.setdefault(short.casefold(), FoundTopic(short, []))
        for form in (short, long):
            if form.casefold() not in _names(topic, folded=True):
                topic.aliases.append(form)
    return list(found.values())


def _mentioned(text: str, folded: str, term: str) -> bool:
    """Whether `text` (`folded` is its casefold) names `term` as whole words."""
    term = term.strip()
    if not term or term.split()[0].casefold() not in folded:
        return False  # the cheap test first: most terms are not in most stories
    exact_case = len(term) <= 4 or any(c.isupper() for word in term.split() for c in word[1:])
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in term.split()) + r"(?!\w)"
    return re.search(pattern, text, 0 if exact_case else re.IGNORECASE) is not None


def _names(topic: FoundTopic, *, folded: bool = False) -> set[str]:
    """The topic's name and aliases; acronyms as written, longer names case-folded."""
    names = {topic.name, *topic.aliases}
    if folded:
        return {name.casefold() for name in names}
    return {name if name.isupper() else name.casefold() for name in names}


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
