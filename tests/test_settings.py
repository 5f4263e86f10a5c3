"""Production settings: Django's deployment checks pass, and a missing secret key stops start-up."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


# Set by the test run itself (the browser tests need the last one); production never has them.
NOT_INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    clean.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        **env,
    )
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )


def test_deploy_checks_pass_with_production_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "news.example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_secret_key_refuses_to_start(tmp_path):
    result = run_manage(
        "check", env={"DEBUG": "0", "ALLOWED_HOSTS": "news.example.org"}, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_with_weak_secret_key_fails_deploy_checks(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "news.example.org"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def policy_settings(env: dict[str, str], tmp_path) -> dict:
    """The Content-Security-Policy settings Django loads with `env`."""
    code = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'enforced': getattr(settings, 'CONTENT_SECURITY_POLICY', None), "
        "'report_only': getattr(settings, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)}))"
    )
    result = run_manage("shell", "-c", code, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_content_security_policy_allows_the_static_and_media_hosts(tmp_path):
    policies = policy_settings(
        {
            "STATIC_URL": "https://cdn.example.net/static/",
            "MEDIA_URL": "https://media.example.net/newsroom/",
            "CSP_IMG_SRC": "https://maps.example.com",
            "CSP_REPORT_URI": "https://reports.example.org/csp",
        },
        tmp_path,
    )
    assert policies["report_only"] is None
    directives = policies["enforced"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'", "https://cdn.example.net"]
    assert directives["style-src"] == ["'self'", "https://cdn.example.net"]
    assert directives["img-src"] == [
        "'self'",
        "data:",
        "https://cdn.example.net",
        "https://media.example.net",
        "https://maps.example.com",
    ]
    assert directives["report-uri"] == "https://reports.example.org/csp"


def test_content_security_policy_can_be_report_only(tmp_path):
    policies = policy_settings({"CSP_REPORT_ONLY": "1"}, tmp_path)
    assert policies["enforced"] is None
    assert policies["report_only"]["DIRECTIVES"]["script-src"] == ["'self'"]


def test_newsroom_url_must_be_an_origin(tmp_path):
    result = run_manage("check", env={"NEWSROOM_URL": "news.example.org/home"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "NEWSROOM_URL must be an origin" in result.stderr


def cache_seconds(env: dict[str, str], tmp_path) -> list[int]:
    code = (
        "from django.conf import settings; print(settings.NEWSROOM_PAGE_CACHE_SECONDS, "
        "settings.NEWSROOM_NAVIGATION_CACHE_SECONDS)"
    )
    result = run_manage("shell", "-c", code, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return [int(value) for value in result.stdout.split()[-2:]]


def test_pages_are_cached_only_in_a_cache_the_worker_shares(tmp_path):
    # The worker purges from its own process: a memory cache of the app server's never hears.
    assert cache_seconds({"REDIS_URL": ""}, tmp_path) == [0, 0]
    assert cache_seconds({"REDIS_URL": "redis://127.0.0.1:6379/9"}, tmp_path) == [300, 300]
    chosen = {"REDIS_URL": "", "NEWSROOM_PAGE_CACHE_SECONDS": "60"}
    assert cache_seconds(chosen, tmp_path) == [60, 0]
