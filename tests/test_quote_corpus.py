"""Quote attribution on real copy, scored against the answer keys (see tests/quote_key.py).

The floors are the figures the rules reached; a change that lowers one fails here. The
untouched part of the articles' key was never used to tune the rules: its floors record how the
rules do on copy they were not written for, not a target to tune towards.
"""

import pytest

from .quote_key import evaluate, read_articles_key, read_key

# (precision, recall, share of scare quotes given a speaker) at least, at least, at most.
FLOORS = {
    "KEY.tsv": (1.0, 1.0, 0.0),
    "tuning": (0.98, 0.94, 0.0),
    "untouched": (0.97, 0.85, 0.02),
}


@pytest.mark.parametrize("part", FLOORS)
def test_attribution_stays_at_its_floors(corpus, part):
    key = read_key() if part == "KEY.tsv" else read_articles_key(part)
    score = evaluate(key)
    precision, recall, scare = FLOORS[part]
    assert score.precision >= precision, score.line(part)
    assert score.recall >= recall, score.line(part)
    assert score.scare <= scare, score.line(part)
