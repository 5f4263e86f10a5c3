"""Import speed and memory for a WordPress export, on SQLite and on PostgreSQL.

    .venv/bin/python bench/import.py                 # N = 1,000 and 10,000 on both databases
    .venv/bin/python bench/import.py --n 2000 --database sqlite
    .venv/bin/python bench/import.py --parse-only     # the WordPress reader alone, no database

Generates an export of N posts (with authors, sections, tags, a featured image listed after each
post as WordPress does, and several paragraphs of invented local news with quotes and place
names, so finding quotes, places and topics does real work), then imports it through the
pipeline into a fresh database and prints articles per second and peak memory. Each run is a
separate process, so its peak resident size (ru_maxrss) is its own. Speed is measured without
tracemalloc; a second run of the same size measures the tracemalloc peak, which slows Python.
PostgreSQL runs create and drop a throwaway database at 127.0.0.1:5432 as user postgres (override
with BENCH_POSTGRES_URL).
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

AUTHORS = [
    ("rdelgado", "Rosa Delgado"), ("ofitch", "Owen Fitch"), ("mquinn", "Mara Quinn"),
    ("hbrandt", "Harold Brandt"), ("pokafor", "Peter Okafor"), ("jwhitcomb", "June Whitcomb"),
    ("lortega", "Lillian Ortega"), ("dwhitfield", "Dana Whitfield"),
]  # fmt: skip
SECTIONS = ["Local News", "Schools", "Public Safety", "Business", "Arts & Culture", "Sports"]
TAGS = [
    "Harbor", "Ferries", "Budget", "Zoning", "Police", "Fire Department", "Library", "Parks",
    "Elections", "Transportation", "Housing", "Weather", "Beaches", "Restaurants", "Courts",
]  # fmt: skip
PLACES = [
    "Westport", "Norwalk", "Bridgeport", "Stamford", "Danbury", "New Haven", "Hartford",
    "Fairfield", "Greenwich", "Milford", "Stratford", "Waterbury", "Providence", "Boston",
]  # fmt: skip
SPEAKERS = [
    ("Police Chief", "Maria Lopez"), ("Selectman", "Peter Okafor"), ("Fire Marshal", "Tom Reyes"),
    ("Harbor Master", "Elena Voss"), ("Principal", "Grace Kim"), ("Mayor", "Alan Brooks"),
    ("", "Nora Castillo"), ("", "Samuel Adeyemi"),
]  # fmt: skip
SUBJECTS = [
    "the ferry schedule", "the school budget", "a new bus route", "the beach parking fees",
    "the library renovation", "the downtown parking garage", "the harbor dredging project",
    "the summer concert series", "a proposed bike lane", "the town's storm drains",
]  # fmt: skip
QUOTES = [
    "We heard from hundreds of residents, and they were clear about what they want",
    "This is the most important vote the town will take this year",
    "Nobody should have to wait two hours for a ferry in the rain",
    "We are not going to fix a forty-year-old problem in one budget",
    "I have lived here my whole life and I have never seen anything like it",
    "The numbers simply do not add up",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="posts (repeatable)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], action="append")
    parser.add_argument("--run", choices=["speed", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of a speed run")
    parser.add_argument("--parse-only", action="store_true", help="time the reader alone")
    options = parser.parse_args()
    sizes = options.n or [1_000, 10_000]
    databases = options.database or ["sqlite", "postgres"]
    if options.parse_only:
        parse_only(sizes)
        return
    if options.run:
        print(json.dumps(run(options.run, databases[0], sizes[0], profile=options.profile)))
        return
    print(f"{'database':<10} {'posts':>7} {'seconds':>8} {'articles/s':>11} {'per CPU s':>10} "
          f"{'tracemalloc peak':>17} {'ru_maxrss':>10}")  # fmt: skip
    for database in databases:
        for size in sizes:
            speed = child("speed", database, size, options.profile)
            memory = child("memory", database, size, None)
            print(
                f"{database:<10} {size:>7,} {speed['seconds']:>8.1f} {speed['rate']:>11.0f} "
                f"{speed['cpu_rate']:>10.0f} "
                f"{memory['traced_peak_mb']:>14.1f} MB {speed['maxrss_mb']:>7.0f} MB"
                + ("" if speed["articles"] == size else f"  (only {speed['articles']} saved!)")
            )


def parse_only(sizes: list[int]) -> None:
    """Posts per second and peak memory of reading the export, without saving anything."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from articles.importers import wxr
    from articles.importers.base import ParsedArticle

    print(f"{'posts':>7} {'seconds':>8} {'posts/s':>8} {'per CPU s':>10} {'tracemalloc peak':>17} "
          f"{'file':>9}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        for size in sizes:
            export = Path(folder) / f"export-{size}.xml"
            write_export(export, size)
            started, started_cpu = time.perf_counter(), time.process_time()
            posts = sum(isinstance(item, ParsedArticle) for item in wxr.parse(export))
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
            tracemalloc.start()
            for _ in wxr.parse(export):
                pass
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rate, cpu_rate = posts / seconds, posts / cpu_seconds
            print(f"{posts:>7,} {seconds:>8.2f} {rate:>8.0f} {cpu_rate:>10.0f} "
                  f"{peak / 2**20:>14.1f} MB {export.stat().st_size / 2**20:>6.0f} MB")  # fmt: skip


def child(kind: str, database: str, size: int, profile: str | None) -> dict:
    command = [sys.executable, __file__, "--run", kind, "--database", database, "--n", str(size)]
    if profile:
        command += ["--profile", f"{profile}.{database}.{size}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{kind} run on {database} with {size} posts failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(kind: str, database: str, size: int, *, profile: str | None) -> dict:
    """Import `size` generated posts into a fresh `database`; the figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        export = Path(folder) / "export.xml"
        write_export(export, size)
        name = f"newsroom_bench_{os.getpid()}"
        if database == "postgres":
            admin_query(f'CREATE DATABASE "{name}"')
            os.environ["DATABASE_URL"] = f"{POSTGRES_URL}/{name}"
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        try:
            return timed_import(kind, export, profile=profile)
        finally:
            if database == "postgres":
                from django.db import connections

                connections.close_all()
                admin_query(f'DROP DATABASE IF EXISTS "{name}"')


def timed_import(kind: str, export: Path, *, profile: str | None) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.importers.pipeline import import_file
    from articles.models import Article

    call_command("migrate", verbosity=0)
    if kind == "memory":
        tracemalloc.start()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU time: other load does not count
        profiler.enable()
    started, started_cpu = time.perf_counter(), time.process_time()
    report = import_file(export)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    traced_peak = tracemalloc.get_traced_memory()[1] if kind == "memory" else 0
    articles = Article.objects.count()
    if report.failed:
        print(f"{report.failed} failed, first: {report.failures[0]}", file=sys.stderr)
    return {
        "articles": articles,
        "seconds": seconds,
        "rate": report.created / seconds,
        "cpu_rate": report.created / cpu_seconds,
        "traced_peak_mb": traced_peak / 2**20,
        # ru_maxrss is in kilobytes on Linux
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def admin_query(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def write_export(path: Path, size: int, *, seed: int = 7) -> None:
    """A WordPress 1.2 export of `size` posts, each followed by its featured image."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>The Millbrook Ledger</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
        )
        for login, name in AUTHORS:
            first, last = name.split()
            out.write(
                f"<wp:author><wp:author_login>{login}</wp:author_login>"
                f"<wp:author_email>{login}@ledger.example.org</wp:author_email>"
                f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>"
                f"<wp:author_first_name>{first}</wp:author_first_name>"
                f"<wp:author_last_name>{last}</wp:author_last_name></wp:author>\n"
            )
        for number in range(1, size + 1):
            out.write(post_item(rng, number))
            out.write(attachment_item(number))
        out.write("</channel>\n</rss>\n")


def post_item(rng: random.Random, number: int) -> str:
    place, other = rng.sample(PLACES, 2)
    subject = rng.choice(SUBJECTS)
    (title, speaker), (title2, speaker2) = rng.sample(SPEAKERS, 2)
    full = f"{title} {speaker}".strip()
    surname = speaker.split()[-1]
    paragraphs = [
        f"{place.upper()} — Residents packed the town hall on Tuesday night to argue about "
        f"{subject}, the {number}th such meeting this year.",
        f"“{rng.choice(QUOTES)},” said {full}, who has followed the issue since it first came "
        f"before the board.",
        f"Officials in {other} are watching closely, because a similar plan there stalled last "
        f"spring after a lawsuit.",
        f"“{rng.choice(QUOTES)},” {surname} said. “{rng.choice(QUOTES)}.”",
        f"{f'{title2} ' if title2 else ''}{speaker2} disagreed, according to minutes of the "
        f"meeting, and asked the board to wait until the fall.",
        f"The board will take up {subject} again on the first Monday of next month in {place}.",
    ]
    body = "\n\n".join(
        f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
    )
    login = rng.choice(AUTHORS)[0]
    section = rng.choice(SECTIONS)
    tags = rng.sample(TAGS, 3)
    day = 1 + number % 28
    terms = f'<category domain="category" nicename="s"><![CDATA[{escape(section)}]]></category>'
    terms += "".join(
        f'<category domain="post_tag" nicename="t"><![CDATA[{tag}]]></category>' for tag in tags
    )
    return (
        f"<item><title>{escape(subject.capitalize())} divides {place}, meeting {number}</title>"
        f"<link>https://ledger.example.org/?p={number}</link>"
        f"<dc:creator>{login}</dc:creator>"
        f'<guid isPermaLink="false">https://ledger.example.org/?p={number}</guid>'
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[Residents argued about {subject}.]]></excerpt:encoded>"
        f"<wp:post_id>{number}</wp:post_id>"
        f"<wp:post_date_gmt>2025-03-{day:02d} 12:30:00</wp:post_date_gmt>"
        f"<wp:post_name>meeting-{number}</wp:post_name><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type>{terms}"
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        f"<wp:meta_value>{1_000_000 + number}</wp:meta_value></wp:postmeta></item>\n"
    )


def attachment_item(number: int) -> str:
    url = f"https://ledger.example.org/files/meeting-{number}.jpg"
    return (
        f'<item><title>meeting-{number}</title><guid isPermaLink="false">{url}</guid>'
        f"<excerpt:encoded><![CDATA[The town hall during meeting {number}. "
        "Photo: Mara Quinn / Millbrook Ledger]]></excerpt:encoded>"
        f"<wp:post_id>{1_000_000 + number}</wp:post_id><wp:post_parent>{number}</wp:post_parent>"
        "<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
        f"<wp:attachment_url>{url}</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        "<wp:meta_value>Residents fill the town hall</wp:meta_value></wp:postmeta></item>\n"
    )


if __name__ == "__main__":
    main()
