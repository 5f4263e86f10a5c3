"""Accessibility in a real Chromium: axe-core finds no serious or critical problem on any public
page type or on the desk's own pages, and reading and searching work from the keyboard alone."""

import pytest
from django.urls import reverse

from tests.conftest import AXE
from tests.factories import PhotoFactory, editor, public_pages

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.npm, pytest.mark.django_db(transaction=True)]

# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one main heading, …).
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def axe_page(browser):
    """A page that can run axe-core. The checker is injected as a script the page did not send,
    which the site's Content-Security-Policy would rightly refuse: only this context bypasses it."""
    contexts = []

    def open_(*, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def blocking_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "rules => axe.run({runOnly: {type: 'tag', values: rules}})"
        ".then(result => result.violations)",
        AXE_RULES,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in violations
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_problem(live_server, axe_page, viewport):
    pages = {**public_pages(), "search": "/search/?q=harbor", "empty search": "/search/"}
    page = axe_page(viewport=viewport)
    problems = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        if found := blocking_violations(page):
            problems[name] = found
    assert problems == {}, problems


def test_desk_pages_have_no_serious_problem(live_server, axe_page):
    user = editor(is_superuser=True)
    public_pages()
    photo = PhotoFactory()
    page = axe_page()
    page.goto(live_server.url + reverse("admin:login"))
    login_problems = blocking_violations(page)
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")

    desk = {
        "desk": reverse("admin:index"),
        "stories": reverse("admin:articles_article_changelist"),
        "new story": reverse("admin:articles_article_add"),
        "photos": reverse("admin:articles_photo_changelist"),
        "photo": reverse("admin:articles_photo_change", args=[photo.pk]),
        "upload several": reverse("admin:articles_photo_upload"),
        "import": reverse("admin:articles_import"),
        "password reset": reverse("admin_password_reset"),
    }
    problems = {"sign in": login_problems} if login_problems else {}
    for name, url in desk.items():
        page.goto(live_server.url + url)
        if found := blocking_violations(page):
            problems[name] = found

    assert problems == {}, problems


def test_reading_and_searching_work_from_the_keyboard(live_server, axe_page):
    pages = public_pages()
    page = axe_page(viewport=PHONE)
    page.goto(live_server.url + pages["home"])

    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip.lower().startswith("skip to")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    box = page.get_by_role("searchbox", name="Search the stories")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert box.evaluate("element => element === document.activeElement")
    page.keyboard.type("harbor")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=harbor")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.search-result__headline a')"):
            break
    # The link that has the focus shows it.
    ring = page.evaluate(
        "(style => [style.outlineStyle, style.boxShadow])(getComputedStyle(document.activeElement))"
    )
    assert ring != ["none", "none"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/**")
    assert page.locator("h1").first.is_visible()
