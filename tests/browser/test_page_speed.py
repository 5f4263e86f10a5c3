"""Fast in the browser, measured with Chromium's own performance APIs on a phone-sized screen: the
largest thing painted is the lead photo or the headline and is loaded at once, nothing shifts, and a
first view costs little beyond its images. Figures are printed at the end of the run."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, QuoteFactory

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Bytes of everything but images a first view may transfer: HTML, CSS, fonts and scripts.
FIRST_VIEW_BUDGET = 60 * 1024
MAX_LAYOUT_SHIFT = 0.05

# Collects what the page reported once it has loaded and settled: the last largest-contentful-paint
# candidate, the layout shifts not caused by input, and the bytes of every non-image transfer.
MEASURE = """
() => new Promise(resolve => {
  const found = {lcp: null, shift: 0};
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    const element = last.element;
    found.lcp = element && {
      tag: element.tagName.toLowerCase(),
      isLeadPhoto: element === document.querySelector('main img'),
      loading: element.getAttribute('loading'),
      fetchpriority: element.getAttribute('fetchpriority'),
      isHeadline: Boolean(element.closest('h1, h2, h3')
        && element.closest('.article__header, .lead-story')),
    };
  }).observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) found.shift += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => {
    const isImage = entry => entry.initiatorType === 'img'
      || /\\.(avif|webp|jpe?g|png|gif|svg|ico)(\\?|$)/.test(entry.name);
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource').filter(e => !isImage(e));
    found.bytes = navigation.transferSize + resources.reduce((sum, e) => sum + e.transferSize, 0);
    found.scripts = resources.filter(e => e.initiatorType === 'script').length;
    resolve(found);
  }, 500);
})
"""


def camera_photo():
    """A photo the size a camera or a wire service sends, so its renditions are real sizes."""
    return PhotoFactory(image__width=1600, image__height=1067)


@pytest.fixture
def story():
    authors = [AuthorFactory(), AuthorFactory()]
    article = ArticleFactory(
        headline="Harbor dredging to begin after years of delay",
        dek="The work will close the town dock for six weeks this spring.",
        lead_photo=camera_photo(),
        authors=authors,
        body="".join(
            f"<p>Paragraph {n} of the story about the harbor, long enough to wrap on a phone "
            "screen and fill the page below the photo as a real story would.</p>"
            for n in range(12)
        ),
    )
    article.places.add("Saugatuck", "Westport")
    article.topics.add("Harbor", "Dredging")
    QuoteFactory(article=article, is_pull_quote=True)
    for n in range(5):
        ArticleFactory(headline=f"Earlier harbor story {n}", lead_photo=PhotoFactory())
    ArticleFactory(headline="The newest story, on top of the home page", lead_photo=camera_photo())
    return article


@pytest.mark.parametrize("name", ["article", "home"])
def test_a_first_view_is_light_and_steady(
    live_server, open_page, serve_media, story, report_figure, name
):
    url = {"article": story.get_absolute_url(), "home": "/"}[name]
    page = serve_media(open_page(viewport=PHONE))
    page.goto(live_server.url + url, wait_until="load")
    found = page.evaluate(MEASURE)

    report_figure(
        f"{name} page on a phone",
        f"{found['bytes'] / 1024:.1f} KB beyond images, layout shift {found['shift']:.3f}, "
        f"largest paint <{found['lcp']['tag']}>",
    )
    lcp = found["lcp"]
    assert lcp["isHeadline"] or lcp["isLeadPhoto"], lcp
    if lcp["isLeadPhoto"]:
        assert lcp["loading"] != "lazy" and lcp["fetchpriority"] == "high", lcp
    assert found["shift"] < MAX_LAYOUT_SHIFT
    assert found["bytes"] < FIRST_VIEW_BUDGET
    assert found["scripts"] == 0


def test_the_article_reads_without_javascript(live_server, open_page, story):
    page = open_page(viewport=PHONE, javascript=False)
    page.goto(live_server.url + story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    assert page.get_by_text("Paragraph 11 of the story").is_visible()
    assert page.locator(".article__meta").inner_text().startswith("By ")
