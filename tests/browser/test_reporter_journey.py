"""A reporter's story, end to end in Chromium: written in the desk, saved as a draft and submitted
for review; the desk offers no way to publish it and refuses every forced attempt; readers and
search engines find it nowhere (its page, the home, section, place and topic pages, the sitemaps,
the feeds, search, the API) until an editor publishes it, and then find it in every one of them.
Screenshots of each step go to artifacts/screenshots/."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleEvent, Author, Place
from tests.factories import ArticleFactory, SectionFactory, editor, reporter

from .conftest import DESKTOP
from .test_admin_desk import signed_in as logged_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Tide gate repairs stall at Greens Farms"
SLUG = "tide-gate-repairs-stall-at-greens-farms"
SEARCH_WORD = "quahogs"
PLACE, TOPIC = "Greens Farms", "Tide gates"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def public_doors(article: Article) -> dict[str, str]:
    """Every public address a story may show through, by name (for its place and topic as the
    reporter tagged them)."""
    place, topic, section = (
        article.places.get(name=PLACE),
        article.topics.get(name=TOPIC),
        article.section,
    )
    doors = {
        "story page": article.get_absolute_url(),
        "home page": reverse("articles:home"),
        "section page": section.get_absolute_url(),
        "place page": place.get_absolute_url(),
        "topic page": topic.get_absolute_url(),
        "news sitemap": reverse("articles:sitemap-news"),
        "search": f"{reverse('articles:search')}?q={SEARCH_WORD}",
        "API list": reverse("api:article-list"),
        "API list of the place": f"{reverse('api:article-list')}?place={place.slug}",
        "API story": reverse("api:article-ninjs", args=[article.slug]),
    }
    for owner, name in [(None, "feed"), (section, "section-feed"), (place, "place-feed"),
                        (topic, "topic-feed")]:  # fmt: skip
        for form in ("rss", "atom"):
            args = [owner.slug] if owner else []
            doors[f"{name}-{form}"] = reverse(f"articles:{name}-{form}", args=args)
    return doors


def where_found(live_server, request, article: Article) -> set[str]:
    """The names of the public doors (and the sitemaps) through which `request`, a browser's
    request context, finds `article`."""
    found = set()
    for name, path in public_doors(article).items():
        response = request.get(live_server.url + path)
        if response.ok and SLUG in response.text():
            found.add(name)
    index = request.get(live_server.url + reverse("articles:sitemap"))
    assert index.ok
    for address in re.findall(r"<loc>([^<]+)</loc>", index.text()):
        sitemap = request.get(address)
        assert sitemap.ok, address
        if SLUG in sitemap.text():
            found.add("sitemap")
    return found


def test_a_reporters_draft_stays_off_the_site_until_an_editor_publishes_it(
    live_server, open_page, screenshot
):
    section = SectionFactory(name="News")
    ArticleFactory(section=section)  # the section, its feeds and the API are not empty
    Place.objects.create(name="Greens Farms", slug="greens-farms")
    user = reporter()
    Author.objects.create(name="Nora Quist", slug="nora-quist", user=user)

    desk = logged_in(live_server, open_page, user)
    desk.goto(live_server.url + reverse("admin:articles_article_add"))
    desk.fill("#id_headline", HEADLINE)
    desk.fill("#id_dateline", "WESTPORT")
    desk.locator(".prose-editor .tiptap").click()
    desk.keyboard.type(f"Work on the Greens Farms tide gates stopped Monday, and the {SEARCH_WORD}")
    desk.keyboard.type(" beds behind them are silting up.")
    desk.keyboard.press("Enter")
    desk.keyboard.type("The contractor is waiting for a part from Ohio.")
    desk.select_option("#id_section", label="News")
    desk.click("#id_places + .select2 .select2-selection")
    desk.keyboard.type("greens")
    desk.click(".select2-results__option:has-text('Greens Farms')")
    desk.fill("#id_new_topics", "Tide gates")
    assert desk.locator("input[name=_publish]").count() == 0
    assert desk.locator("#id_status option").all_inner_texts() == ["Draft", "In review"]
    screenshot(desk, "draft-written")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")
    assert "was added successfully" in desk.inner_text(".messagelist")

    article = Article.objects.get(headline=HEADLINE)
    assert article.slug == SLUG and article.status == Article.Status.DRAFT
    assert SEARCH_WORD in article.body
    # The text's own places and topics are suggested beside the reporter's.
    assert PLACE in article.places.names() and TOPIC in article.topics.names()
    assert list(article.authors.values_list("name", flat=True)) == ["Nora Quist"]

    desk.select_option("#id_status", "review")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")
    assert f"“{HEADLINE}” is in review" in desk.inner_text(".messagelist")
    assert desk.locator("input[name=_publish]").count() == 0
    assert desk.locator("#id_status option").all_inner_texts() == ["Draft", "In review"]
    screenshot(desk, "in-review")
    change_url = desk.url

    # Forced from the page: the menu given a "Published" it never offered.
    desk.evaluate(
        """() => {
            const status = document.querySelector("#id_status");
            status.add(new Option("Published", "published"));
            status.value = "published";
        }"""
    )
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".errornote")
    assert "Only editors may publish stories. Nothing was saved." in desk.inner_text(
        ".field-status .errorlist"
    )
    screenshot(desk, "publishing-refused")

    # Forced from the page: the editors' "Save and publish" button added to the form.
    desk.goto(change_url)
    desk.evaluate(
        """() => {
            const button = Object.assign(document.createElement("input"),
                {type: "submit", name: "_publish", value: "Save and publish"});
            document.querySelector("#article_form .submit-row").append(button);
        }"""
    )
    desk.click("input[name=_publish]")
    desk.wait_for_selector(".errornote")
    assert "Only editors may publish. Nothing was saved." in desk.inner_text(".errorlist.nonfield")

    # Crafted requests with the reporter's session: the list's publish action, publish-changes.
    token = desk.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    changelist = live_server.url + reverse("admin:articles_article_changelist")
    action = desk.request.post(
        changelist,
        form={"action": "publish_selected", "_selected_action": str(article.pk),
              "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert action.ok and "Only editors may publish or unpublish stories." in action.text()
    publish_changes = desk.request.post(
        live_server.url + reverse("admin:articles_article_publish_changes", args=[article.pk]),
        form={"csrfmiddlewaretoken": token},
    )
    assert publish_changes.status == 403

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and article.published_at is None
    assert not ArticleEvent.objects.filter(article=article, action="published").exists()

    reader = open_page(viewport=DESKTOP)
    crawler = open_page(viewport=DESKTOP)
    crawler.context.set_extra_http_headers({"User-Agent": GOOGLEBOT})
    for visitor in (reader, crawler):
        assert visitor.goto(live_server.url + article.get_absolute_url()).status == 404
        assert where_found(live_server, visitor.request, article) == set()
    screenshot(reader, "draft-is-not-found")

    chief = logged_in(live_server, open_page, editor())
    chief.goto(change_url)
    chief.click("input[name=_publish]")
    chief.wait_for_selector(".messagelist")
    assert f"“{HEADLINE}” is live" in chief.inner_text(".messagelist")

    article.refresh_from_db()
    everywhere = set(public_doors(article)) | {"sitemap"}
    for visitor in (reader, crawler):
        assert visitor.goto(live_server.url + article.get_absolute_url()).status == 200
        assert where_found(live_server, visitor.request, article) == everywhere
    assert reader.get_by_role("heading", level=1).inner_text() == HEADLINE
    screenshot(reader, "published-story")
