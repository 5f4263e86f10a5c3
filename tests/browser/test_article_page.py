"""The article page in a real browser: fits a phone, keyboard users can skip and see focus, and it
reads the same with JavaScript off."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, PersonFactory, PhotoFactory, QuoteFactory

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORD = "Superlongcompoundwordthatnophonescreencouldeverholdonasinglelinewithoutbreaking"


@pytest.fixture
def story():
    author = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")
    article = ArticleFactory(
        headline="Selectmen approve a longer-than-usual name for the Saugatuck River footbridge",
        slug="footbridge-name",
        dek="The vote was 4-1 after an hour of public comment.",
        body=(
            "<p>The board voted Monday night.</p>"
            f"<p>{LONG_WORD} and https://www.westport.example/minutes/2024/very/long/address/"
            "that-goes-on-and-on-without-any-spaces-at-all.pdf were read into the record.</p>"
            "<p>A third paragraph.</p><p>A fourth paragraph.</p>"
            "<table><tr><td>Ayes</td><td>Nays</td><td>Abstentions</td><td>Absent</td>"
            "<td>Recused</td><td>Members present at the start of the meeting</td></tr></table>"
        ),
        lead_photo=PhotoFactory(
            caption="The footbridge at dusk.", credit="Dana Whitfield", agency="Ledger staff"
        ),
        authors=[author],
    )
    article.places.add("Westport", "Saugatuck River")
    article.topics.add("Town government")
    QuoteFactory(
        article=article,
        person=PersonFactory(name="Lena Park", slug="lena-park", title="First Selectwoman"),
        text="A bridge this loved deserves a name this long.",
        is_pull_quote=True,
    )
    return article


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_and_home_have_no_horizontal_scroll(live_server, open_page, story, viewport):
    page = open_page(viewport=viewport)
    for url in (story.get_absolute_url(), "/"):
        page.goto(live_server.url + url)
        assert page.locator("h1").first.is_visible()
        assert horizontal_overflow(page) <= 0, url


def test_skip_link_shows_on_focus_and_moves_to_main(live_server, open_page, story):
    page = open_page()
    page.goto(live_server.url + story.get_absolute_url())
    skip = page.get_by_role("link", name="Skip to main content")
    hidden_box = skip.bounding_box()
    assert hidden_box["y"] + hidden_box["height"] <= 0, "the skip link shows before focus"

    page.keyboard.press("Tab")
    assert skip.evaluate("element => element === document.activeElement")
    shown_box = skip.bounding_box()
    assert shown_box["y"] >= 0 and shown_box["height"] > 0
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "Tab after the skip link lands inside the main content"


def test_tab_shows_a_visible_focus_outline(live_server, open_page, story):
    page = open_page(viewport=DESKTOP)
    page.goto(live_server.url + story.get_absolute_url())
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return {tag: document.activeElement.tagName, style: s.outlineStyle,"
            " width: parseFloat(s.outlineWidth)}; })()"
        )
        assert style["tag"] in {"A", "INPUT"}  # links, and the header's search box
        assert style["style"] != "none" and style["width"] >= 2, style


def test_page_reads_and_navigates_without_javascript(live_server, open_page, story):
    page = open_page(javascript=False)
    page.goto(live_server.url + story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    assert page.get_by_role("main").get_by_text("The board voted Monday night.").is_visible()
    figure = page.locator("figure.photo--lead")
    assert "Dana Whitfield / Ledger staff" in figure.text_content()
    assert page.locator("blockquote").first.is_visible()
    assert "Georgia" in page.locator("h1").evaluate("h => getComputedStyle(h).fontFamily")

    page.get_by_role("link", name="Ana Ruiz").first.click()
    page.wait_for_url("**/authors/ana-ruiz/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ana Ruiz"
    page.get_by_role("link", name=story.headline).click()
    page.get_by_role("link", name="First Selectwoman Lena Park").first.click()
    page.wait_for_url("**/people/lena-park/")
    assert "A bridge this loved deserves a name this long." in page.get_by_role("main").inner_text()


def test_landmarks_are_exposed_to_assistive_technology(live_server, open_page, story):
    page = open_page(viewport=DESKTOP)
    page.goto(live_server.url + story.get_absolute_url())
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Sections").count() == 1
    assert page.locator("html").get_attribute("lang") == "en-US"
    for image in page.locator("main img").all():
        assert image.get_attribute("alt"), "every image has alt text"
    # The masthead's logo is decorative: the link around it says the newsroom's name.
    assert page.get_by_role("banner").get_by_role("img").count() == 0


CONTRAST_SCRIPT = """
() => {
  const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const color = rgb(getComputedStyle(node).backgroundColor);
      if (color.length < 4 || color[3] > 0) return color.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const element of document.querySelectorAll("body *")) {
    const text = [...element.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text.length || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || element.closest(".visually-hidden, .skip-link")) continue;
    const fg = luminance(rgb(style.color)), bg = luminance(background(element));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) failures.push(`${element.tagName}.${element.className}: ${ratio.toFixed(2)}`);
  }
  return failures;
}
"""


@pytest.mark.parametrize("url", ["article", "home", "author"])
def test_text_has_sufficient_contrast(live_server, open_page, story, url):
    address = {
        "article": story.get_absolute_url(),
        "home": "/",
        "author": "/authors/ana-ruiz/",
    }[url]
    page = open_page(viewport=DESKTOP)
    page.goto(live_server.url + address)
    assert page.evaluate(CONTRAST_SCRIPT) == []
