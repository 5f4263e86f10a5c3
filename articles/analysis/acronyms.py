"""Acronyms a text defines, found the way Schwartz and Hearst (2003) describe.

Three patterns:
- "long form (SF)": the words before a parenthesis, matched backwards letter by letter against the
  short form inside it;
- "SF (long form)": the same with the two swapped;
- a short form used anywhere ("ICE raids") and a long form written out elsewhere without
  parentheses ("Immigration and Customs Enforcement"): capitalised words whose initials spell the
  short form, where small words such as "and", "of" and "the" may be skipped.
"""

import re
from collections.abc import Collection, Iterable, Iterator

# Small words an organisation's name carries without giving them a letter of its acronym.
SKIPPABLE = {"a", "and", "at", "de", "del", "der", "des", "du", "for", "in", "la", "le", "of",
             "on", "the", "to", "und", "von", "&"}  # fmt: skip

# Capitalised at the start of a sentence, these do not belong to the name that follows.
LEADING_WORDS = {"an", "as", "by", "from", "if", "its", "our", "so", "that", "their", "this",
                 "with", "when", "while", "but", "or", "after", "before", "his", "her"}  # fmt: skip

PARENTHESIS_RE = re.compile(r"\(([^()]{1,120})\)")
SHORT_FORM_RE = re.compile(r"(?<![\w.&-])([A-Z][A-Za-z&.-]*[A-Z]\.?|[A-Z]{2,})s?(?![\w&-])")
WORD_RE = re.compile(r"[\w'’&.-]+")
CLAUSE_END_RE = re.compile(r"[.;:!?()\[\]\"“”]\s")


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """Return (short form, long form) pairs the text defines, in order of discovery, one per short
    form. Parenthesised definitions come first; they are the more reliable evidence."""
    pairs: dict[str, str] = {}
    for short, long in _parenthesised(text):
        pairs.setdefault(short, long)
    for short, long in _spelled_out(text, exclude=pairs.keys()):
        pairs.setdefault(short, long)
    return list(pairs.items())


def is_short_form(candidate: str) -> bool:
    """A short form has 2 to 10 characters, starts with a letter or digit, holds a capital and a
    letter, and is at most two words (Schwartz & Hearst's conditions plus the capital)."""
    candidate = candidate.strip()
    return (
        2 <= len(candidate) <= 10
        and len(candidate.split()) <= 2
        and candidate[0].isalnum()
        and any(c.isupper() for c in candidate)
    )


def match_long_form(short: str, candidate: str) -> str:
    """The shortest tail of `candidate` whose letters spell `short` in order, each letter of the
    short form found in the long form, the first one at the start of a word; "" if none.

    This is the backward search of Schwartz & Hearst: walk the short form from its last
    character, finding each in the long form from right to left.
    """
    s = len(short) - 1
    i = len(candidate) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (
            candidate[i].lower() != char or (s == 0 and i > 0 and candidate[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return ""
        i -= 1
        s -= 1
    start = candidate.rfind(" ", 0, i + 1) + 1
    return candidate[start:].strip()


def _parenthesised(text: str) -> Iterator[tuple[str, str]]:
    for match in PARENTHESIS_RE.finditer(text):
        inside = match.group(1).strip()
        before = _clause_before(text, match.start())
        if is_short_form(inside) and before:
            words = before.split()
            limit = min(len(inside) + 5, len(inside) * 2)
            long = match_long_form(inside, " ".join(words[-limit:]))
            if _plausible(inside, long):
                yield inside, long
        elif len(inside.split()) >= 2 and before:
            # "SF (long form)": the short form is the word right before the parenthesis.
            short = before.split()[-1]
            if _is_acronym(short):
                long = match_long_form(short, inside)
                if _plausible(short, long) and long == inside:
                    yield short, long


def _clause_before(text: str, end: int) -> str:
    """The text of the clause that ends at `end`, without the parenthesis."""
    start = max(0, end - 300)
    chunk = text[start:end]
    boundaries = list(CLAUSE_END_RE.finditer(chunk))
    if boundaries:
        chunk = chunk[boundaries[-1].end() :]
    return chunk.replace("\n", " ").strip(" ,")


def _plausible(short: str, long: str) -> bool:
    if not long or len(long) <= len(short):
        return False
    words = long.split()
    if len(words) < 2 or short.lower() in (w.lower() for w in words):
        return False
    return long[0].lower() == _letters(short)[0].lower()


def _spelled_out(text: str, *, exclude: Collection[str]) -> list[tuple[str, str]]:
    """Acronyms used in the text whose long form the text spells out without parentheses."""
    shorts = []
    for match in SHORT_FORM_RE.finditer(text):
        short = match.group(1)
        if _in_capitals_line(text, match.start()):
            continue  # "ART SHOW OPENS" is shouting, not acronyms
        if short not in exclude and short not in shorts and 2 <= len(_letters(short)) <= 8:
            shorts.append(short)
    if not shorts:
        return []
    words = [(m.group(), m.start()) for m in WORD_RE.finditer(text)]
    starts: dict[str, list[int]] = {}  # initial → indexes of capitalised (not all-caps) words
    for i, (word, _) in enumerate(words):
        if word[0].isupper() and not word.isupper():
            starts.setdefault(word[0], []).append(i)
    found = []
    for short in shorts:
        letters = _letters(short)
        long = _initials_match(letters, words, starts.get(letters[0], ()), text)
        if long:
            found.append((short, long))
    return found


def _initials_match(
    letters: str, words: list[tuple[str, int]], starts: Iterable[int], text: str
) -> str:
    """The first run of capitalised words whose initials are `letters`, skipping small words;
    `starts` are the indexes of the capitalised words that begin with the first letter."""
    for i in starts:
        if i > 0 and _continues_a_name(text, words[i - 1], words[i]):
            continue  # "Traffic Safety Administration" inside "National Highway Traffic ..."
        j, k = i, 0
        while j < len(words) and k < len(letters):
            current = words[j][0]
            if k > 0 and current.lower() in SKIPPABLE and current.islower():
                j += 1
                continue
            if current[0] != letters[k] or not current[0].isupper() or current.isupper():
                break
            if j > i and not _same_clause(text, words[j - 1], words[j]):
                break
            k += 1
            j += 1
        if k == len(letters):
            start = words[i][1]
            last = re.sub(r"['’]s$", "", words[j - 1][0].rstrip(".,"))
            return text[start : words[j - 1][1] + len(last)]
    return ""


def _continues_a_name(text: str, before: tuple[str, int], word: tuple[str, int]) -> bool:
    """Whether `word` is not the first word of a run of capitalised words."""
    previous = before[0]
    return (
        _same_clause(text, before, word)
        and previous[0].isupper()
        and not previous.isupper()
        and previous.lower() not in SKIPPABLE | LEADING_WORDS
    )


def _same_clause(text: str, left: tuple[str, int], right: tuple[str, int]) -> bool:
    gap = text[left[1] + len(left[0]) : right[1]]
    return not gap.strip(" \t") and not left[0].endswith((".", ","))


def _in_capitals_line(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    words = re.findall(r"[^\W\d_]+", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and all(word.isupper() for word in words)


def _letters(short: str) -> str:
    return "".join(c for c in short if c.isalpha()).upper()


def _is_acronym(word: str) -> bool:
    return bool(SHORT_FORM_RE.fullmatch(word))
