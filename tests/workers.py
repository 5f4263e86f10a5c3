"""Real worker and app server processes for the integration tests, sharing this test run's
database (PostgreSQL: a test database in SQLite lives in the test process's memory)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PROJECT = Path(settings.BASE_DIR)
POLL_SECONDS = 0.05
WAIT_SECONDS = 60  # a generous bound on a loaded CI machine, never a speed check


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "worker and app server processes need a database they can share; the SQLite test "
            "database lives in this process's memory (CI runs these on PostgreSQL)"
        )


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def environment(media: Path, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media),
        "DEBUG": "1",
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "WARNING",
        "TASKS_SWEEP_SECONDS": "1",
        "TASKS_STALLED_AFTER_SECONDS": "10",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
        cwd=PROJECT,
        env=env,
        start_new_session=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=PROJECT,
        env=env,
        start_new_session=True,
    )
    wait_for(lambda: _answers(port), what=f"the app server on port {port}")
    return server


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition, *, what: str):
    """Poll `condition` until it returns something true; fail naming `what` after a long while."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(POLL_SECONDS)
    pytest.fail(f"Waited {WAIT_SECONDS} s for {what}.")
