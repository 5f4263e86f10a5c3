"""A real Chromium (Debian's own, never a downloaded one) driven by Playwright."""

import os

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

    def open_(*, viewport=PHONE, javascript: bool = True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
