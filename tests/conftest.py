"""What every test shares: a private media folder, and the optional parts of the suite.

Four parts of the suite need what a fresh clone does not have: the shared corpus of real
articles beside the project (`../shared/corpus`), Debian's Chromium for the browser tests, a
Redis server for the tests of the shared cache, and test tools from npm (axe-core for the
accessibility tests, the big list of naughty strings for hostile input). Without them those
tests are skipped, and the run ends with one line saying how many and why. Where they must run
(CI), `NEWSROOM_TESTS_REQUIRE=corpus,browser,redis,npm` turns each such skip into a failure.
"""

import functools
import os
from pathlib import Path

import pytest
from django.conf import settings

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus"
# Debian's own Chromium, never a downloaded one; CHROMIUM_PATH names another install.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Test tools from the npm registry (package.json; `make install` runs `npm ci` when npm is there):
# axe-core, and the big list of naughty strings as hostile input.
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
NAUGHTY_STRINGS = NODE_MODULES / "big-list-of-naughty-strings" / "blns.json"

OPTIONAL_PARTS = {
    "corpus": f"the shared corpus is not at {CORPUS}",
    "browser": f"Chromium is not at {CHROMIUM} (Debian's chromium package)",
    "redis": f"no Redis server answers at {REDIS_URL}",
    "npm": f"the test tools from npm are not in {NODE_MODULES} (`npm ci` installs them)",
}
SKIPPED = pytest.StashKey[dict]()


@functools.cache
def _missing(part: str) -> bool:
    if part == "corpus":
        return not CORPUS.is_dir()
    if part == "npm":
        return not (AXE.is_file() and NAUGHTY_STRINGS.is_file())
    if part == "redis":
        try:
            import redis

            return not redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        except Exception:
            return True
    if not os.path.exists(CHROMIUM):
        return True
    try:
        import playwright  # noqa: F401
    except ImportError:
        return True
    return False


def _required() -> set[str]:
    names = os.environ.get("NEWSROOM_TESTS_REQUIRE", "")
    return {name.strip() for name in names.split(",") if name.strip()}


def pytest_configure(config):
    # Production hashes passwords slowly on purpose; the suite makes hundreds of accounts and
    # tests sign-in, not the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test run keeps its cache to itself, away from a development server's folder.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    config.addinivalue_line("markers", "corpus: reads real material from ../shared/corpus")
    config.addinivalue_line("markers", "redis: talks to a real Redis server")
    config.addinivalue_line("markers", "npm: uses test tools from the npm registry")
    unknown = _required() - OPTIONAL_PARTS.keys()
    if unknown:
        raise pytest.UsageError(
            f"NEWSROOM_TESTS_REQUIRE names unknown parts: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(OPTIONAL_PARTS)})"
        )


def pytest_collection_modifyitems(config, items):
    """A test that asks for the corpus or a browser is marked as needing that part."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "corpus" in fixtures:
            item.add_marker(pytest.mark.corpus)
        if "browser" in fixtures and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item):
    """Skip a test whose optional part is missing here, or fail it where that part is required."""
    for part, reason in OPTIONAL_PARTS.items():
        if item.get_closest_marker(part) is None or not _missing(part):
            continue
        if part in _required():
            pytest.fail(f"NEWSROOM_TESTS_REQUIRE names {part}, but {reason}", pytrace=False)
        skipped = item.config.stash.setdefault(SKIPPED, dict.fromkeys(OPTIONAL_PARTS, 0))
        skipped[part] += 1
        pytest.skip(f"{part}: {reason}")


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(SKIPPED, {})
    for part, count in skipped.items():
        if count:
            terminalreporter.write_line(
                f"Skipped {count} {part} test{'s' if count != 1 else ''}: {OPTIONAL_PARTS[part]}."
            )


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Pages are rendered afresh in every test; the page cache's own tests turn it on."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not run


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Background tasks run at once, in the test, unless a test of the workers says otherwise."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def navigation_forgotten():
    """The cached navigation outlives a test's database rows: every test starts without it."""
    from django.core.cache import cache

    from articles.navigation import CACHE_KEY

    cache.delete(CACHE_KEY)


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Every test writes media into its own temporary folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory):
    """One media folder for a module's tests and the worker processes they start."""
    return tmp_path_factory.mktemp("shared-media")


@pytest.fixture
def worker_media_root(settings, shared_media):
    """The test and the module's worker read and write the same media folder."""
    settings.MEDIA_ROOT = shared_media
    return shared_media


@pytest.fixture
def corpus():
    """The shared folder of real article material, read in place (never copied into the project).

    Tests that ask for it are marked `corpus` and skipped where the folder is missing.
    """
    return CORPUS
