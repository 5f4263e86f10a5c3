"""Scoring quote attribution against the answer keys, for bench/quotes.py and the corpus test.

Two keys: `../shared/corpus/quotes/KEY.tsv` (eight real stories and the seed article; rows give
a quotation's opening words) and `tests/fixtures/quotes/articles_key.tsv` (23 real articles in
`../shared/corpus/articles/`; rows give the character offset of a quotation's opening mark, so
the key holds facts, not the articles' text, and split into a tuning and an untouched part).

Each key row is matched to the quotation found that starts with the row's opening words (Q and
CONT rows may also be found inside a quotation joined with an earlier part):

- precision: quotations given a speaker whose speaker is right / quotations given a speaker
  (a quotation matching no key row, or a SCARE row, counts as wrong; one matching only a BORDER
  row is not scored);
- recall: Q rows found with the right speaker / Q rows; continuation: the same for CONT rows;
- scare: SCARE rows given a speaker / SCARE rows.

A speaker is right when the key's token appears in it (case aside).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from articles.analysis.quotes import FoundQuote, extract_quotes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
KEY = CORPUS / "quotes" / "KEY.tsv"
ARTICLES_KEY = ROOT / "tests" / "fixtures" / "quotes" / "articles_key.tsv"
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’()-]{2,}\s(?:—|–|--|-)\s")
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"', "«": '"', "»": '"'})
_CLOSING = {"‘": re.compile(r"’(?!\w)"), "“": re.compile('[”"]'), '"': re.compile('"')}
_OPENING_WORDS = 60  # characters after an opening mark that identify its quotation
_OPENING_MATCH = 6  # words of a row's opening that a quotation found must start with


@dataclass
class Row:
    start: str
    token: str  # "" when the key names no speaker
    category: str
    match: FoundQuote | None = None


@dataclass
class Score:
    given: int = 0
    right: int = 0
    q_rows: int = 0
    q_found: int = 0
    cont_rows: int = 0
    cont_found: int = 0
    scare_rows: int = 0
    scare_given: int = 0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        return self.q_found / self.q_rows if self.q_rows else 1.0

    @property
    def scare(self) -> float:
        return self.scare_given / self.scare_rows if self.scare_rows else 0.0

    def line(self, label: str) -> str:
        return (
            f"{label:<28} precision {_ratio(self.right, self.given)}  "
            f"recall {_ratio(self.q_found, self.q_rows)}  "
            f"continuation {_ratio(self.cont_found, self.cont_rows)}  "
            f"scare given a speaker {_ratio(self.scare_given, self.scare_rows)}"
        )


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:5.2f} ({part}/{whole})" if whole else "  -  (0/0)"


def paragraphs_of(path: Path) -> list[str]:
    """Body paragraphs of a plain-text article: blocks between blank lines, from the dateline on."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    blocks = [b for b in blocks if b]
    for index, block in enumerate(blocks[:8]):
        if _DATELINE.match(block):
            return blocks[index:]
    return blocks


def _plain(text: str) -> str:
    """Words only, so punctuation (a comma that became a full stop when parts were joined) and
    the marks do not decide a match."""
    return " ".join(re.findall(r"[\w']+", text.translate(_MARKS).lower())) + " "


def _opening(start: str) -> str:
    """The key's opening words up to the first quotation mark (it may run past the quotation)."""
    before_mark = re.split(r"[\"']\s", " ".join(start.translate(_MARKS).split()) + " ")[0]
    return " ".join(_plain(before_mark).split()[:_OPENING_MATCH])


def read_key() -> dict[Path, list[Row]]:
    """KEY.tsv's rows by article file."""
    rows: dict[Path, list[Row]] = {}
    for line in KEY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, start, token, category, *_ = line.split("\t") + [""]
        row = Row(start, "" if token == "-" else token, category)
        rows.setdefault(KEY.parent / name, []).append(row)
    return rows


def read_articles_key(part: str) -> dict[Path, list[Row]]:
    """articles_key.tsv's rows of one part ("tuning" or "untouched") by article file."""
    rows: dict[Path, list[Row]] = {}
    texts: dict[Path, str] = {}
    for line in ARTICLES_KEY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, offset, token, category, row_part = line.split("\t")
        if row_part != part:
            continue
        path = CORPUS / "articles" / name
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8")
        text, offset = texts[path], int(offset)
        after = text[offset + 1 : offset + 1 + _OPENING_WORDS]
        start = " ".join(_CLOSING[text[offset]].split(after, maxsplit=1)[0].split())
        rows.setdefault(path, []).append(Row(start, "" if token == "-" else token, category))
    return rows


def match_rows(rows: list[Row], found: list[FoundQuote]) -> None:
    """Give each row the quotation starting with its words, else (Q, CONT) one containing them."""
    taken: set[int] = set()
    for row in rows:
        opening = _opening(row.start)
        for index, quote in enumerate(found):
            if index not in taken and _plain(quote.text).startswith(opening):
                row.match = quote
                taken.add(index)
                break
    for row in rows:
        if row.match is None and row.category in {"Q", "CONT"}:
            opening = _opening(row.start)
            row.match = next((q for q in found if opening in _plain(q.text)), None)


def score(rows: list[Row], found: list[FoundQuote], *, verbose: bool = False) -> Score:
    match_rows(rows, found)
    result = Score()
    for row in rows:
        right = bool(row.match and row.token and row.token.lower() in row.match.speaker.lower())
        if row.category == "Q":
            result.q_rows += 1
            result.q_found += right
        elif row.category == "CONT":
            result.cont_rows += 1
            result.cont_found += right
        elif row.category == "SCARE":
            result.scare_rows += 1
            result.scare_given += bool(row.match and row.match.speaker)
        if verbose:
            speaker = row.match.speaker if row.match else "(not found)"
            print(f"    {row.category:<6} {row.token or '-':<20} {speaker:<24} {row.start[:40]}")
    for quote in found:
        if not quote.speaker:
            continue
        matched = [row for row in rows if row.match is quote]
        if matched and all(row.category == "BORDER" for row in matched):
            continue
        result.given += 1
        primary = next((row for row in matched if row.category != "BORDER"), None)
        if primary and primary.token and primary.token.lower() in quote.speaker.lower():
            result.right += 1
        elif verbose:
            print(f"    WRONG  {quote.speaker!r} for “{quote.text[:60]}”")
    return result


def evaluate(key: dict[Path, list[Row]], *, verbose: bool = False, report=None) -> Score:
    """The overall score of `extract_quotes` on the articles of `key`; `report(path, score)` is
    called for each article."""
    total = Score()
    for path, rows in key.items():
        if verbose:
            print(path.name)
        result = score(rows, extract_quotes(paragraphs_of(path)), verbose=verbose)
        if report:
            report(path, result)
        total.add(result)
    return total
