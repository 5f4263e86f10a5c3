"""The body editor in Chromium: an editor writes and formats a story, places a library photo in it,
pastes from a word processor, publishes, and readers see it all on the site."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Author, Byline
from tests.factories import PhotoFactory, editor

from .conftest import DESKTOP, wait_for_editor_selection
from .test_admin_desk import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# As a word processor puts it on the clipboard: classes, inline styles, Office's own tags.
WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    '<h1 class="MsoTitle" style="font-family:Calibri;color:#1F3864">What comes next</h1>'
    '<p class="MsoNormal" style="margin:0;font-size:14pt;color:red">'
    '<b><span style="font-family:Arial">Tuesday</span></b> the board votes again.<o:p></o:p></p>'
    '<ol style="margin-top:0"><li class="MsoListParagraph" style="color:blue">Roads</li>'
    "<li>Schools</li></ol></body></html>"
)


def test_editor_writes_formats_places_a_photo_pastes_and_publishes(live_server, open_page):
    PhotoFactory(caption="Boats in the harbor at dawn", credit="Dana Whitfield")
    PhotoFactory(caption="Town hall steps", credit="Someone Else")
    user = editor()
    author = Author.objects.create(name="Maya Brooks", slug="maya-brooks", user=user)
    page = signed_in(live_server, open_page, user)
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.fill("#id_headline", "Harbor dredging approved")

    body = page.locator(".prose-editor .tiptap")
    body.click()
    page.click(".prose-menubar__selected")
    page.click(".prose-menubar__option[data-name=heading2]")
    page.keyboard.type("The vote")
    page.keyboard.press("Enter")
    page.keyboard.type("The board ")
    page.keyboard.press("Control+b")
    page.keyboard.type("approved")
    page.keyboard.press("Control+b")
    page.keyboard.type(" the plan. Read the report")
    page.keyboard.press("Enter")
    page.click(".prose-menubar__button[data-name=bulletList]")
    page.keyboard.type("Dredging starts in May")
    page.keyboard.press("Enter")
    page.keyboard.type("It costs $2 million")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")

    # The photo dialog, by keyboard: search, arrow to the match, Enter.
    page.click(".prose-menubar__button[data-name=bodyPhoto]")
    page.keyboard.type("harbor")
    expect(page.locator(".body-photo-picker__choice")).to_have_count(1)
    expect(page.locator(".body-photo-picker__choice")).to_contain_text("Boats in the harbor")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector(".prose-editor .tiptap figure img")

    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "What comes next");
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                cancelable: true}));
        }""",
        WORD_HTML,
    )
    # The link last, so no typing follows the dialog while the editor takes its focus back.
    body.evaluate(
        """element => {
            const paragraph = [...element.querySelectorAll("p")].find(
                p => p.textContent.endsWith("Read the report"));
            const text = paragraph.lastChild;
            const range = document.createRange();
            range.setStart(text, text.length - "report".length);
            range.setEnd(text, text.length);
            element.focus();
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }"""
    )
    wait_for_editor_selection(body, "report")
    page.click(".prose-menubar__button[data-name=link]")
    page.fill(".prose-editor-dialog input[name=href]", "https://example.org/report")
    page.click(".prose-editor-dialog button[type=submit]")
    page.wait_for_selector(".prose-editor .tiptap a[href='https://example.org/report']")

    sent = page.input_value("#id_body")
    assert '<a href="https://example.org/report"' in sent
    assert '<figure data-photo="' in sent
    assert "<h2>What comes next</h2>" in sent
    assert "<strong>Tuesday</strong> the board votes again." in sent
    assert "<li><p>Roads</p></li><li><p>Schools</p></li></ol>" in sent
    assert "style=" not in sent and "class=" not in sent and "Mso" not in sent
    length = page.inner_text("output.desk-length")
    assert length.endswith("words, about 1 minute to read") and not length.startswith("0 ")

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "“Harbor dredging approved” is live" in page.inner_text(".messagelist")

    article = Article.objects.get(headline="Harbor dredging approved")
    assert list(article.bylines.values_list("author", "role")) == [(author.pk, Byline.Role.BY)]
    reader = open_page(viewport=DESKTOP)
    reader.goto(live_server.url + article.get_absolute_url())
    story = reader.locator(".article__body")
    assert story.locator("h2").first.inner_text() == "The vote"
    assert story.locator("strong").first.inner_text() == "approved"
    assert story.locator("a[href='https://example.org/report']").inner_text() == "report"
    assert story.locator("ul li").all_inner_texts() == [
        "Dredging starts in May",
        "It costs $2 million",
    ]
    figure = story.locator("figure:has(picture)")
    assert "Boats in the harbor at dawn" in figure.inner_text()
    assert "Dana Whitfield" in figure.text_content()
    assert reader.inner_text(".article__meta .byline") == "By Maya Brooks"
