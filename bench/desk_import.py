"""Desk import of a WordPress export through the queue, with one and with two workers.

    .venv/bin/python -m bench.desk_import                 # N = 10,000, one and two workers
    .venv/bin/python -m bench.desk_import --n 1000 --workers 2

For each number of workers, in a fresh process on a throwaway PostgreSQL database (created and
dropped at 127.0.0.1:5432 as user postgres; override with BENCH_POSTGRES_URL): `manage.py
run_worker` processes start; an editor uploads the generated export (`bench/import.py`'s posts,
each with its featured image) through the admin's import page with Django's test client, which
stores it, queues the preview (a dry run of the whole import) and answers; a worker makes the
preview; the editor confirms it; the workers import it through the database queue. Printed: the
time of the upload request, from the upload until the preview is ready (as the desk's page, which
reloads itself, would show it), of the confirming request, and from the confirmation until the
desk's report is ready, with stories per second over that time and per second of the workers' CPU
time (which other load on the machine does not change).
"""

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
POLL_SECONDS = 0.2
WAIT_SECONDS = 3 * 60 * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="posts in the export")
    parser.add_argument("--workers", type=int, action="append", help="workers (repeatable)")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    counts = options.workers or [1, 2]
    if options.run:
        print(json.dumps(run(options.n, counts[0])))
        return
    print(f"{'posts':>7} {'workers':>7} {'upload s':>9} {'preview s':>9} {'confirm s':>9} "
          f"{'import s':>8} {'stories/s':>9} {'per worker CPU s':>16} {'batches':>7}")  # fmt: skip
    for workers in counts:
        command = [sys.executable, "-m", "bench.desk_import", "--run", "--n", str(options.n),
                   "--workers", str(workers)]  # fmt: skip
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if result.returncode:
            sys.exit(f"run with {workers} worker(s) failed:\n{result.stderr}")
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{options.n:>7,} {workers:>7} {figures['upload']:>9.2f} {figures['preview']:>9.1f} "
            f"{figures['confirm']:>9.2f} {figures['queue']:>8.1f} "
            f"{figures['created'] / figures['queue']:>9.1f} "
            f"{figures['created'] / figures['worker_cpu']:>16.1f} {figures['batches']:>7}"
            + ("" if figures["created"] == options.n else f"  (only {figures['created']} saved!)")
        )


def run(size: int, workers: int) -> dict:
    name = f"newsroom_bench_desk_{os.getpid()}"
    admin_query(f'CREATE DATABASE "{name}"')
    processes = []
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
            os.environ.update(
                DJANGO_SETTINGS_MODULE="newsroom.settings", DATABASE_URL=f"{POSTGRES_URL}/{name}",
                MEDIA_ROOT=str(Path(folder) / "media"), TASKS_BACKEND="database", DEBUG="1",
                LOG_LEVEL="ERROR", CONN_MAX_AGE="0", ALLOWED_HOSTS="testserver",
            )  # fmt: skip
            export = Path(folder) / "export.xml"
            importlib.import_module("bench.import").write_export(export, size)
            return timed_import(export, workers, processes)
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        from django.db import connections

        connections.close_all()
        admin_query(f'DROP DATABASE IF EXISTS "{name}"')


def timed_import(export: Path, workers: int, processes: list) -> dict:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article, ImportRun
    from tests.factories import editor

    call_command("migrate", verbosity=0)
    for number in range(workers):  # started first, so their start-up is not counted
        named = f"{os.environ['DATABASE_URL']}?application_name=bench-worker-{number}"
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--interval", "0.1"], cwd=ROOT,
                env={**os.environ, "DATABASE_URL": named},
            )
        )  # fmt: skip
    wait_for_workers(workers)
    client = Client()
    client.force_login(editor())
    deadline = time.monotonic() + WAIT_SECONDS
    started = time.perf_counter()
    uploaded = client.post(
        reverse("admin:articles_import"),
        {"format": "auto", "status": "draft", "section": "", "rehost_images": "",
         "files": [SimpleUploadedFile("export.xml", export.read_bytes())]},
    )  # fmt: skip
    upload = time.perf_counter() - started
    if uploaded.status_code != 302:
        sys.exit(f"the upload answered {uploaded.status_code}")
    while (run := ImportRun.objects.get()).state == ImportRun.State.PREVIEWING and (
        time.monotonic() < deadline
    ):
        time.sleep(POLL_SECONDS)
    ready = time.perf_counter() - started
    if run.state != ImportRun.State.PREVIEWED:
        sys.exit(f"the preview ended {run.state}: {run.error}")
    preview = client.get(uploaded["Location"])
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode())
    if preview.status_code != 200 or token is None:
        sys.exit(f"the preview's page answered {preview.status_code} with no preview")
    cpu_before = sum(cpu_seconds(process.pid) for process in processes)
    started = time.perf_counter()
    confirmed = client.post(reverse("admin:articles_import_confirm"), {"token": token[1]})
    confirm = time.perf_counter() - started
    if confirmed.status_code != 302:
        sys.exit(f"the confirmation answered {confirmed.status_code}")
    while not (run := ImportRun.objects.get()).is_finished and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    if run.state != ImportRun.State.DONE:
        sys.exit(f"the import ended {run.state}: {run.error}")
    queue = (run.finished_at - run.confirmed_at).total_seconds()
    worker_cpu = sum(cpu_seconds(process.pid) for process in processes) - cpu_before
    page = client.get(reverse("admin:articles_import_run", args=[run.pk]))
    if page.status_code != 200:
        sys.exit(f"the report answered {page.status_code}")
    return {
        "upload": upload,
        "preview": ready,
        "confirm": confirm,
        "queue": queue,
        "created": Article.objects.count(),
        "batches": run.batches_total,
        "worker_cpu": worker_cpu,
    }


def wait_for_workers(count: int) -> None:
    """Wait until each worker has asked the database for work once: it is then ready."""
    from django.db import connection

    seen = set()
    deadline = time.monotonic() + 60
    while len(seen) < count and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE %s",
                ["bench-worker-%"],
            )
            seen.update(name for (name,) in cursor.fetchall())
        time.sleep(0.02)
    if len(seen) < count:
        sys.exit(f"only {len(seen)} of {count} workers started")


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) process `pid` has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def admin_query(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(sql)


if __name__ == "__main__":
    main()
