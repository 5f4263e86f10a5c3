"""Figures for the place finder: gazetteer load time and memory, speed on real articles, and the
places found and wrong on the newsroom's own international evaluation set.

    .venv/bin/python bench/places.py

Reads the articles in ../shared/corpus/articles and ../shared/corpus/quotes in place when they are
there; the evaluation set is tests/fixtures/places/international.tsv. Load time and memory are
measured in a fresh process, with the index already built in the cache.
"""

import csv
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.analysis.places import find_places  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
EVALUATION = ROOT / "tests" / "fixtures" / "places" / "international.tsv"
HOME = "Westport, Connecticut"
LOAD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from articles.analysis import gazetteer
wall, cpu = time.perf_counter(), time.process_time()
gazetteer.gazetteer()
print(time.perf_counter() - wall, time.process_time() - cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def load_figures() -> None:
    subprocess.run([sys.executable, "-c", LOAD.format(root=str(ROOT))], check=True)  # builds
    output = subprocess.run(
        [sys.executable, "-c", LOAD.format(root=str(ROOT))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall, cpu, rss = (float(value) for value in output.split())
    print(f"gazetteer load: {wall:.2f} s wall, {cpu:.2f} s CPU; process peak RSS {rss:.0f} MB")


def evaluation() -> None:
    found_right = found_wrong = missed = 0
    with EVALUATION.open(encoding="utf-8") as handle:
        rows = list(
            csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        )
    for text, expected in rows[1:]:
        want = {name for name in expected.split("|") if name}
        got = {place.qualified for place in find_places(text, home=HOME)}
        found_right += len(got & want)
        found_wrong += len(got - want)
        missed += len(want - got)
        for name in sorted(got - want):
            print(f"  wrong: {name!r} in {text[:60]!r}")
        for name in sorted(want - got):
            print(f"  missed: {name!r} in {text[:60]!r}")
    total = found_right + missed
    print(
        f"evaluation set ({len(rows) - 1} sentences): {found_right} of {total} places found, "
        f"{found_wrong} wrong"
    )


def corpus_speed() -> None:
    paths = sorted((CORPUS / "articles").glob("*.txt")) + sorted((CORPUS / "quotes").glob("*.txt"))
    if not paths:
        print(f"speed: no articles at {CORPUS}")
        return
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    found = [find_places(text, home=HOME) for text in texts]  # warm
    # The best of several rounds: on a busy machine the others measure the neighbours too.
    best = float("inf")
    for _ in range(10):
        start = time.process_time()
        for text in texts:
            find_places(text, home=HOME)
        best = min(best, time.process_time() - start)
    print(f"speed: {len(texts) / best:.0f} articles per CPU second ({len(texts)} articles)")
    small = [
        (path.name, place.qualified)
        for path, places in zip(paths, found, strict=True)
        for place in places
        if place.kind == "city" and place.geonames_id and "," in place.qualified
    ]
    total = sum(len(places) for places in found)
    print(
        f"corpus: {total} places in {len(texts)} articles; {len(small)} qualified towns to review:"
    )
    for name, place in small:
        print(f"  {name}: {place}")


if __name__ == "__main__":
    load_figures()
    evaluation()
    corpus_speed()
