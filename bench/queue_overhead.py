"""Queue overhead: empty tasks per second through each backend, enqueue and run measured apart.

Run:  .venv/bin/python bench/queue_overhead.py [--tasks 500] [--redis redis://127.0.0.1:6379/14]

Each backend runs in a fresh process on a throwaway SQLite database: `immediate` (the task runs
where it is queued), `database` (queue with the record of each run, then one worker in batch mode
until the queue is empty) and `rq` when a Redis server answers (one burst worker). The record of
runs (`BackgroundJob`) is written for every task, as in production.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def empty() -> None:
    """The task measured: nothing at all."""


def run_backend(backend: str, count: int, workdir: Path, redis_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / f'{backend}.sqlite3'}"
    os.environ["TASKS_BACKEND"] = backend
    os.environ["LOG_LEVEL"] = "ERROR"
    if backend == "rq":
        os.environ["REDIS_URL"] = redis_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import importlib

    from django.core.management import call_command
    from django_tasks import task

    call_command("migrate", verbosity=0)
    # Under its importable name (this file runs as __main__), so the worker finds the task.
    module = importlib.import_module("bench.queue_overhead")
    empty_task = module.empty = task(module.empty)
    started = time.perf_counter()
    for _ in range(count):
        empty_task.enqueue()
    queued = time.perf_counter() - started
    ran = 0.0
    if backend == "database":
        started = time.perf_counter()
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
        ran = time.perf_counter() - started
    elif backend == "rq":
        started = time.perf_counter()
        call_command("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.backend.Job")
        ran = time.perf_counter() - started
    total = queued + ran
    print(
        f"{backend:<10} {count} tasks: queued {count / queued:7.0f}/s"
        + (f", run {count / ran:7.0f}/s" if ran else "")
        + f", end to end {count / total:7.0f}/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument(
        "--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        run_backend(args.backend, args.tasks, args.workdir, args.redis)
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        for backend in ("immediate", "database", "rq"):
            if backend == "rq" and not _redis_answers(args.redis):
                print(f"rq         skipped: no Redis at {args.redis}")
                continue
            subprocess.run(
                [sys.executable, "-m", "bench.queue_overhead", "--backend", backend, "--tasks",
                 str(args.tasks), "--workdir", folder, "--redis", args.redis],
                check=True, cwd=ROOT,
            )  # fmt: skip


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return False


if __name__ == "__main__":
    main()
