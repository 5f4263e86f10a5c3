"""Score quote attribution against the answer key in ../shared/corpus/quotes/KEY.tsv.

    .venv/bin/python bench/quotes.py [--verbose]

For each article named in the key (eight real stories plus the seed article) the body is split
into paragraphs at blank lines (for a page with a headline, byline and credit above a dateline,
the body starts at the dateline), run through `extract_quotes`, and each key row is matched to
the quotation that starts with the row's opening words (Q and CONT rows may also be found inside
a quotation that was joined with an earlier part). Printed per article and overall:

- precision: quotations given a speaker whose speaker is right / quotations given a speaker
  (a quotation matching no key row, or a SCARE or speakerless row, counts as wrong; one matching
  only a BORDER row is not scored);
- recall: Q rows found with the right speaker / Q rows;
- continuation: CONT rows found with the right speaker / CONT rows;
- scare: SCARE rows given a speaker / SCARE rows.

A speaker is right when the key's token appears in it (case aside). Targets: precision ≥ 0.92,
recall ≥ 0.85, scare ≤ 5%. Last, the extraction speed over these articles, per CPU second.
"""

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.analysis.quotes import FoundQuote, extract_quotes  # noqa: E402

KEY = ROOT.parent / "shared" / "corpus" / "quotes" / "KEY.tsv"
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’()-]{2,}\s(?:—|–|--|-)\s")
_SPEED_ROUNDS = 20  # extraction passes over the articles for the speed figure
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"', "«": '"', "»": '"'})


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
    return " ".join(text.translate(_MARKS).lower().split())


def _opening(start: str) -> str:
    """The key's opening words up to the first quotation mark (it may run past the quotation)."""
    return re.split(r"[\"']\s", _plain(start) + " ")[0].strip()


def read_key() -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    for line in KEY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, start, token, category, *_ = line.split("\t") + [""]
        rows.setdefault(name, []).append(Row(start, "" if token == "-" else token, category))
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


def score(rows: list[Row], found: list[FoundQuote], verbose: bool) -> Score:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every key row and mistake")
    options = parser.parse_args()
    total = Score()
    articles = []
    for name, rows in read_key().items():
        path = KEY.parent / name
        articles.append(paragraphs_of(path))
        found = extract_quotes(articles[-1])
        if options.verbose:
            print(path.name)
        result = score(rows, found, options.verbose)
        print(result.line(path.name))
        total.add(result)
    print(total.line("overall"))
    # Processor time, so that other work on the machine does not skew the figure.
    started = time.process_time()
    for _ in range(_SPEED_ROUNDS):
        for paragraphs in articles:
            extract_quotes(paragraphs)
    elapsed = time.process_time() - started
    print(f"speed: {_SPEED_ROUNDS * len(articles) / elapsed:,.0f} articles per CPU second")


if __name__ == "__main__":
    main()
