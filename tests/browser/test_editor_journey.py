"""An editor's day, end to end in Chromium: sign in to the desk, upload a photo, write a story in
the body editor with a quote, places, topics and the photo in its text, share a preview, publish,
then correct it; a reader (another browser, not signed in) sees each step. Then the desk's own
widgets from the keyboard alone. Screenshots of each key page go to artifacts/screenshots/."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.images import attach_image
from articles.models import Article, Author, Photo, Place, Topic
from tests.factories import ArticleFactory, editor
from tests.photo_files import image_bytes, upload

from .conftest import DESKTOP, wait_for_editor_selection
from .test_admin_desk import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Harbor dredging approved after long fight"
QUOTE = "We have waited ten years for this channel"


def pick_tag(page, field: str, typed: str, name: str):
    """Pick `name` in the tag box of `field` (Django's autocomplete) after typing `typed`."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.keyboard.type(typed)
    page.click(f".select2-results__option:has-text('{name}')")


def type_in_body(page, text: str):
    """Type into the body editor, then wait for the editor to have read it from the page, so the
    keys pressed next act on the text."""
    page.keyboard.type(text)
    expect(page.locator("#id_body")).to_have_value(re.compile(re.escape(text)))


def test_an_editor_uploads_writes_previews_publishes_and_corrects_a_story(
    live_server, open_page, serve_media, screenshot
):
    user = editor(first_name="Maya", last_name="Brooks")
    Author.objects.create(name="Maya Brooks", slug="maya-brooks", user=user)
    westport = Place.objects.create(name="Westport", slug="westport")
    harbor = Topic.objects.create(name="Harbor", slug="harbor")
    desk = serve_media(signed_in(live_server, open_page, user))
    screenshot(desk, "desk")

    # The photo, through the photo add form.
    desk.goto(live_server.url + reverse("admin:articles_photo_add"))
    desk.set_input_files(
        "#id_image",
        files=[
            {
                "name": "dredge.jpg",
                "mimeType": "image/jpeg",
                "buffer": image_bytes("JPEG", size=(1200, 800), color="teal"),
            }
        ],
    )
    desk.fill("#id_alt_text", "A dredging barge at the mouth of the harbor.")
    desk.fill("#id_caption", "The dredge at work off Compo Beach")
    desk.fill("#id_credit", "Lee Park")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".focal-point__image")
    photo = Photo.objects.get(caption="The dredge at work off Compo Beach")
    assert photo.has_file and (photo.width, photo.height) == (1200, 800)
    assert photo.credit == "Lee Park"
    screenshot(desk, "photo")

    # The story, written in the body editor.
    desk.goto(live_server.url + reverse("admin:articles_article_add"))
    desk.fill("#id_headline", HEADLINE)
    desk.fill("#id_dateline", "WESTPORT")
    body = desk.locator(".prose-editor .tiptap")
    body.click()
    type_in_body(desk, "The harbor commission voted to dredge the channel, which costs $2 million.")
    desk.keyboard.press("Enter")
    type_in_body(desk, f"“{QUOTE},” said Ana Ruiz, the harbor master.")
    desk.keyboard.press("Enter")
    desk.click(".prose-menubar__button[data-name=bodyPhoto]")
    desk.keyboard.type("dredge")
    expect(desk.locator(".body-photo-picker__choice")).to_have_count(1)
    desk.keyboard.press("ArrowDown")
    desk.keyboard.press("Enter")
    desk.wait_for_selector(".prose-editor .tiptap figure img")
    pick_tag(desk, "places", "westp", "Westport")
    pick_tag(desk, "topics", "harb", "Harbor")
    desk.fill("#id_new_topics", "Dredging")
    screenshot(desk, "story-form")
    desk.click("input[name=_continue]")
    desk.wait_for_selector(".messagelist")

    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.DRAFT
    assert f'<figure data-photo="{photo.pk}">' in article.body
    assert sorted(article.places.names()) == ["Westport"]
    assert sorted(article.topics.names()) == ["Dredging", "Harbor"]

    # A preview link, opened by someone without a desk account.
    reader = serve_media(open_page(viewport=DESKTOP))
    assert reader.goto(live_server.url + article.get_absolute_url()).status == 404
    desk.click(".desk-preview-form button[type=submit]")
    preview_url = desk.input_value(".desk-preview-new input")
    reader.goto(preview_url)
    assert "Not published — preview." in reader.inner_text(".preview-banner")
    assert reader.locator("h1").inner_text() == HEADLINE
    assert QUOTE in reader.inner_text(".article__body")
    assert reader.locator(".article__body figure img").evaluate("img => img.naturalWidth > 0")
    screenshot(reader, "preview")

    # Published.
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    desk.select_option("#id_status", "published")
    desk.click("input[name=_save]")
    desk.wait_for_selector(".messagelist")
    assert f"“{HEADLINE}” is live" in desk.inner_text(".messagelist")

    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator(".preview-banner").count() == 0
    assert reader.locator("h1").inner_text() == HEADLINE
    assert reader.inner_text(".article__meta .byline") == "By Maya Brooks"
    assert reader.inner_text(".article__dateline") == "WESTPORT —"
    story = reader.locator(".article__body")
    assert f"“{QUOTE},” said Ana Ruiz" in story.inner_text()
    figure = story.locator("figure:has(picture)")
    assert "The dredge at work off Compo Beach" in figure.inner_text()
    assert "Lee Park" in figure.text_content()
    assert figure.locator("img").get_attribute("alt") == photo.alt_text
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    places = reader.locator("[aria-labelledby=article-places] a")
    assert places.all_inner_texts() == ["Westport"]
    assert places.first.get_attribute("href") == westport.get_absolute_url()
    topics = reader.locator("[aria-labelledby=article-topics] a")
    assert sorted(topics.all_inner_texts()) == ["Dredging", "Harbor"]
    assert reader.locator(f"a[href='{harbor.get_absolute_url()}']").count() == 1
    # The quote was found in the text, and its speaker is listed.
    assert reader.locator("[aria-labelledby=article-people] a").all_inner_texts() == ["Ana Ruiz"]
    screenshot(reader, "published")

    # Corrected: the text changed and published, then the note added through the desk.
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    body.locator("p", has_text="costs $2 million").click()
    desk.keyboard.press("End")
    desk.keyboard.press("Backspace")
    type_in_body(desk, ", not $1 million as first planned.")
    desk.click("input[name=_publish]")
    desk.wait_for_selector(".messagelist")
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    desk.click("#corrections a.addlink")
    desk.fill("#id_text", "An earlier version did not say the plan first cost $1 million.")
    screenshot(desk, "correction-form")
    desk.click("input[name=_save]")
    desk.wait_for_selector(".messagelist")
    assert "is on the story" in desk.inner_text(".messagelist")

    reader.goto(live_server.url + article.get_absolute_url())
    note = reader.locator(".corrections__note")
    assert "An earlier version did not say the plan first cost $1 million." in note.inner_text()
    assert "not $1 million as first planned" in reader.inner_text(".article__body")
    screenshot(reader, "corrected")
    note.get_by_role("link", name="What changed").click()
    reader.wait_for_url("**/changes/")
    assert reader.locator("h1").inner_text() == "What changed"
    added = " ".join(reader.locator(".story-changes__fields ins").all_inner_texts())
    assert "not $1 million as first planned" in added
    screenshot(reader, "what-changed")


# The desk's own widgets from the keyboard alone ------------------------------------------------


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 80):
    """Press Tab (Shift+Tab when `backwards`) until the element with the focus matches
    `selector`; fails if it never does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never had the focus after {limit} presses of {key}")


def test_the_focal_point_moves_with_the_arrow_keys(live_server, open_page, serve_media):
    data = image_bytes("JPEG", size=(1200, 800), color="gray")
    photo = attach_image(
        Photo(alt_text="Pier.", credit="Lee Park"), upload("pier.jpg", data), name="pier.jpg"
    )
    page = serve_media(signed_in(live_server, open_page, editor()))
    page.goto(f"{live_server.url}{reverse('admin:articles_photo_change', args=[photo.pk])}")

    tab_to(page, ".focal-point")
    for key in ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowUp", "Shift+ArrowUp"]:
        page.keyboard.press(key)
    assert page.input_value("#id_focal_x") == "0.65"
    assert page.input_value("#id_focal_y") == "0.44"
    preview = page.locator(".focal-point")
    assert preview.get_attribute("aria-label").startswith("Focal point, 65% across and 44% down")
    assert preview.evaluate("box => getComputedStyle(box).outlineStyle") != "none"

    tab_to(page, "#id_alt_text")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist")
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.65, 0.44)


def test_a_tag_is_picked_from_the_autocomplete_with_the_keyboard(live_server, open_page):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    Place.objects.create(name="Westport", slug="westport")
    Place.objects.create(name="Weston", slug="weston")
    page = signed_in(live_server, open_page, editor())
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))

    tab_to(page, "#id_places + .select2 .select2-search__field")
    page.keyboard.type("west")
    results = page.locator(".select2-results__option")
    expect(results).to_have_text(["Weston", "Westport"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_places option:checked")).to_have_text(["Westport"])
    tab_to(page, "input[name=_continue]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist")
    assert list(article.places.names()) == ["Westport"]


def test_the_body_editor_toolbar_works_from_the_keyboard(live_server, open_page):
    page = signed_in(live_server, open_page, editor())
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    body = page.locator(".prose-editor .tiptap")
    # Each button is named for what it does, not for its icon's letters; a greyed out one says so.
    for name in ["bold", "italic", "insert link", "Place a photo from the library"]:
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(1)
    link = page.locator(".prose-menubar__button[data-name=link]")
    expect(link).to_have_attribute("aria-disabled", "true")
    # The editable area is named by the field's own label, and described by its help text.
    expect(page.get_by_role("textbox", name="Body:", exact=True)).to_have_count(1)
    assert "Subheadings, lists, quotes" in body.evaluate(
        "area => document.getElementById(area.getAttribute('aria-describedby')).textContent"
    )

    tab_to(page, ".prose-editor .tiptap")
    type_in_body(page, "The vote")
    tab_to(page, ".prose-menubar__selected button", backwards=True)
    page.keyboard.press("Enter")
    tab_to(page, ".prose-menubar__option[data-name=heading2]")
    page.keyboard.press("Enter")
    expect(body.locator("h2")).to_have_text("The vote")

    page.keyboard.press("End")
    page.keyboard.press("Enter")
    type_in_body(page, "The board approved")
    for _ in "approved":
        page.keyboard.press("Shift+ArrowLeft")
    wait_for_editor_selection(body, "approved")
    tab_to(page, ".prose-menubar__button[data-name=bold]", backwards=True)
    page.keyboard.press("Space")
    expect(body.locator("strong")).to_have_text("approved")

    expect(link).to_have_attribute("aria-disabled", "false")
    tab_to(page, ".prose-menubar__button[data-name=link]", backwards=True)
    page.keyboard.press("Enter")
    page.keyboard.type("https://example.org/vote")
    page.keyboard.press("Enter")
    expect(body.locator("a[href='https://example.org/vote'] strong")).to_have_text("approved")
    sent = page.input_value("#id_body")
    assert sent.startswith('<h2>The vote</h2><p>The board <a href="https://example.org/vote"')
    assert sent.endswith("><strong>approved</strong></a></p>")
