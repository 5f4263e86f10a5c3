"""A real Chromium (Debian's own, never a downloaded one) driven by Playwright."""

import mimetypes
import os
import re
from pathlib import Path

import pytest

from ..conftest import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; Django refuses database access from
# a thread with a running loop unless told this is deliberate. The tests do not share connections.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def wait_for_editor_selection(body, text: str):
    """Wait until the body editor `body` (its editable area) has `text` selected. The editor
    reads the page's selection a moment after it changes; a toolbar button pressed before then
    acts on part of the text."""
    body.page.wait_for_function(
        """([area, text]) => {
            const {state} = area.editor;
            return state.doc.textBetween(state.selection.from, state.selection.to) === text;
        }""",
        arg=[body.element_handle(), text],
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a fresh page with the given viewport (and JavaScript on or off); closed afterwards."""
    contexts = []

    def open_(*, viewport=PHONE, javascript: bool = True, bypass_csp: bool = False):
        context = browser.new_context(
            viewport=viewport, java_script_enabled=javascript, bypass_csp=bypass_csp
        )
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def serve_media(media_root):
    """Answer a page's /media/ requests from the test's media folder (the live server serves only
    static files), so photos load as they would on the site."""

    def serve(route):
        name = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
        path = media_root / name
        if not path.is_file():
            return route.fulfill(status=404)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return route.fulfill(body=path.read_bytes(), content_type=content_type)

    def for_page(page):
        page.route("**/media/**", serve)
        return page

    return for_page


@pytest.fixture
def signed_in(live_server, open_page, serve_media):
    """A desk page signed in as the given user (a session made directly, as signing in through
    the form is tested on its own), with /media/ answered from the test's media folder."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    def open_(user, **options):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        page = open_page(**{"viewport": DESKTOP, **options})
        page.context.add_cookies(
            [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
        )
        return serve_media(page)

    return open_


FIGURES = pytest.StashKey[list]()


@pytest.fixture
def report_figure(request):
    """Note a measured figure; the run prints them all at its end (figures, never assertions on
    time)."""
    figures = request.config.stash.setdefault(FIGURES, [])

    def report(name: str, value: str):
        figures.append(f"{name}: {value}")

    return report


def pytest_terminal_summary(terminalreporter, config):
    figures = config.stash.get(FIGURES, [])
    if figures:
        terminalreporter.section("figures measured in the browser")
        for line in figures:
            terminalreporter.write_line(line)


ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot of a key page under artifacts/screenshots/ (git-ignored), named
    for the test and the step, for people to look at after a run."""

    def take(page, step: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", f"{request.node.name}-{step}").strip("-")
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return take
