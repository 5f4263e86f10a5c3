"""Score quote attribution against the answer keys, and time it.

    .venv/bin/python bench/quotes.py [--verbose] [--part tuning|untouched|all]

Scores `extract_quotes` on the eight real stories and the seed article of
../shared/corpus/quotes/KEY.tsv, and on the real articles of ../shared/corpus/articles/ with the
newsroom's own key (tests/fixtures/quotes/articles_key.tsv), its tuning and untouched parts
apart; how each figure is counted is in tests/quote_key.py. Targets on the untouched part:
recall ≥ 0.85, precision ≥ 0.93, scare quotes given a speaker ≤ 5%. Last, the extraction speed
per CPU second (target: at least 500 news articles), for the news stories of KEY.tsv and for the
longer articles (features and essays several times their length) apart.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.analysis.quotes import extract_quotes  # noqa: E402
from tests.quote_key import evaluate, paragraphs_of, read_articles_key, read_key  # noqa: E402

_SPEED_ROUNDS = 10  # extraction passes over the articles in one timed run
_SPEED_RUNS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every key row and mistake")
    parser.add_argument("--part", default="all", choices=["tuning", "untouched", "all"])
    options = parser.parse_args()

    def report(path, result):
        print(result.line("  " + path.name))

    keys = [("KEY.tsv", read_key())]
    for part in ("tuning", "untouched"):
        if options.part in {part, "all"}:
            keys.append((f"articles, {part}", read_articles_key(part)))
    paths: dict[str, list] = {}
    for label, key in keys:
        print(label)
        total = evaluate(key, verbose=options.verbose, report=report)
        print(total.line(f"overall, {label}"))
        paths.setdefault("KEY.tsv" if label == "KEY.tsv" else "articles", []).extend(key)
    for label, chosen in paths.items():
        articles = [paragraphs_of(path) for path in dict.fromkeys(chosen)]
        print(f"speed, {label}: {_speed(articles):,.0f} articles per CPU second")


def _speed(articles: list[list[str]]) -> float:
    """Articles read per CPU second, the best of a few runs: processor time, so that other work
    on the machine does not skew the figure, and the best run, as it varies the least."""
    for paragraphs in articles:
        extract_quotes(paragraphs)
    best = 0.0
    for _ in range(_SPEED_RUNS):
        started = time.process_time()
        for _ in range(_SPEED_ROUNDS):
            for paragraphs in articles:
                extract_quotes(paragraphs)
        best = max(best, _SPEED_ROUNDS * len(articles) / (time.process_time() - started))
    return best


if __name__ == "__main__":
    main()
