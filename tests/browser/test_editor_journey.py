"""An editor's day, end to end in Chromium: sign in to the desk, upload a photo, write a story in
the body editor with a quote, places, topics and the photo in its text, share a preview, publish,
then correct it; a reader (another browser, not signed in) sees each step. Then the desk's own
widgets from the keyboard alone. Screenshots of each key page go to artifacts/screenshots/."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.images import attach_image
from articles.models import Article, Author, Photo, Place, Topic
from tests.factories import ArticleFactory, editor
from tests.photo_files import image_bytes, upload

from .conftest import DESKTOP
from .test_admin_desk import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Harbor dredging approved after long fight"
QUOTE = "We have waited ten years for this channel"


def pick_tag(page, field: str, typed: str, name: str):
    """Pick `name` in the tag box of `field` (Django's autocomplete) after typing `typed`."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.keyboard.type(typed)
    page.click(f".select2-results__option:has-text('{name}')")


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
    desk.keyboard.type("The harbor commission voted to dredge the channel, which costs $2 million.")
    desk.keyboard.press("Enter")
    desk.keyboard.type(f"“{QUOTE},” said Ana Ruiz, the harbor master.")
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
    screenshot(reader, "published")

    # Corrected: the text changed and published, then the note added through the desk.
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    body.locator("p", has_text="costs $2 million").click()
    desk.keyboard.press("End")
    desk.keyboard.press("Backspace")
    desk.keyboard.type(", not $1 million as first planned.")
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
