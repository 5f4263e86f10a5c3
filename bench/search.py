"""How long search takes over an archive of 10,000 stories.

Run:  .venv/bin/python bench/search.py [--stories 10000] [--rounds 5]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom .venv/bin/python bench/search.py

Works on a throwaway database: Django's test database for DATABASE_URL (`test_<name>`, made and
dropped here; the named database itself is not touched), or a SQLite file in a temporary folder
when DATABASE_URL is unset. Stories are made from the paragraphs of the real articles in
../shared/corpus (read in place), shuffled, with authors, sections, places and topics.
Prints the time to build the index, then for each kind of query the number of stories found and
the median of `rounds` runs of: the search alone (count and first page, cards' prefetches
included) and the whole results page through Django's test client (facets and template too).
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SECTIONS = ["News", "Police & Fire", "Politics", "Schools", "Business", "Arts & Culture"]
PLACES = ["Westport", "Norwalk", "Fairfield", "Weston", "Darien", "Saugatuck", "Greens Farms"]
TOPICS = ["Town budget", "Zoning", "Public safety", "Schools", "Housing", "Beaches", "Arts"]


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every page built, never answered from the cache
    from django.db import connection

    if connection.vendor == "sqlite":
        # A file, as in production, rather than the test runner's in-memory database.
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "test.sqlite3")


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(CORPUS.glob("articles/*.txt")) + sorted(CORPUS.glob("quotes/*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) > 12]
    return paragraphs


def make_archive(count: int, paragraphs: list[str]) -> None:
    from django.utils import timezone

    from articles.models import Article, Author, Byline, Section
    from articles.text import paragraphs_to_html

    rng = random.Random(10)
    sections = [Section.objects.create(name=name) for name in SECTIONS]
    authors = Author.objects.bulk_create(
        Author(name=f"{first} {last}", slug=f"{first}-{last}".lower())
        for first in ("Ana", "Ben", "Dana", "Lee", "Rosa", "Sam", "Tara", "Owen")
        for last in ("Ruiz", "Okafor", "Park", "Delgado", "Whitman", "Fairley")
    )
    now = timezone.now()
    articles = []
    for n in range(count):
        body = rng.sample(paragraphs, rng.randint(6, 14))
        words = rng.choice(paragraphs).split()
        start = rng.randrange(max(1, len(words) - 8))
        articles.append(
            Article(
                headline=" ".join(words[start : start + rng.randint(5, 10)]),
                slug=f"story-{n}",
                dek=rng.choice(paragraphs)[:200],
                body=paragraphs_to_html(body),
                section=rng.choice(sections),
                status=Article.Status.PUBLISHED if n % 10 else Article.Status.DRAFT,
                published_at=now - timedelta(hours=n),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=500)
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for article in articles
        for position, author in enumerate(rng.sample(authors, rng.randint(1, 2)))
    )
    for article in articles[1 :: max(1, count // 500)]:  # every tenth one is a draft
        article.places.add(*rng.sample(PLACES, 2))
        article.topics.add(*rng.sample(TOPICS, 2))


def queries(paragraphs: list[str]) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): words chosen by how many stories hold them."""
    # Long words, so that no common one is a stop word that PostgreSQL leaves out of a query.
    counts = Counter(word for p in paragraphs for word in set(re.findall(r"[a-z]{8,}", p.lower())))
    ranked = [word for word, _ in counts.most_common()]
    common, middling, rare = ranked[0], ranked[len(ranked) // 20], ranked[-1]
    return [
        ("common word", common, {}),
        ("middling word", middling, {}),
        ("rare word", rare, {}),
        ("two words", f"{common} {middling}", {}),
        ("phrase", '"police department"', {}),
        ("or", f"{middling} or {rare}", {}),
        ("common, newest first", common, {"sort": "newest"}),
        ("common, in a section", common, {"section": "police-fire"}),
        ("common, in a place", common, {"place": "westport"}),
        ("no match", "zzyzxq", {}),
        ("hostile 200 chars", ('"' + common + "* NEAR( ") * 13, {}),
    ]


def median_ms(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"The corpus is not at {CORPUS}.")
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            run(args)
        finally:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def run(args) -> None:
    from django.db import connection
    from django.test import Client

    from articles.forms import SearchForm
    from articles.search import search_articles
    from articles.search_index import rebuild_search_index

    paragraphs = corpus_paragraphs()
    make_archive(args.stories, paragraphs)
    start = time.perf_counter()
    indexed = rebuild_search_index()
    seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a load; without it the planner guesses tiny tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: {indexed} stories ({args.stories // 10} of them drafts)")
    print(f"index built in {seconds:.1f} s ({seconds / indexed * 1000:.2f} ms a story)")
    client = Client()
    print(f"{'query':<24}{'found':>7}{'search ms':>11}{'page ms':>9}")
    for kind, query, filters in queries(paragraphs):
        params = {"q": query, **filters}
        form = SearchForm(params)
        form.is_valid()
        results = search_articles(**form.search_arguments())
        search_ms = median_ms(lambda: (results.count(), results[:12]), args.rounds)  # noqa: B023
        page_ms = median_ms(lambda: client.get("/search/", params), args.rounds)  # noqa: B023
        print(f"{kind:<24}{results.count():>7}{search_ms:>11.1f}{page_ms:>9.1f}")


if __name__ == "__main__":
    main()
