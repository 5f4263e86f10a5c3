"""Hostile input through every door: the big list of naughty strings sent to the search, the
addresses, the API, the desk's forms, uploads and imports. Each answer is a page, a clean 4xx or a
form error, never a 500; what is stored is what was typed (escaped on the way out) or, for HTML,
what the sanitiser kept."""

import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, Photo
from tests.factories import ArticleFactory, PhotoFactory, QuoteFactory, UserFactory
from tests.hostile import FormFields, attacks, sample
from tests.page_html import Elements
from tests.photo_files import image_bytes

pytestmark = [pytest.mark.npm, pytest.mark.django_db]

# Submissions of each desk form at most: enough for every attack in the story form's fields.
SUBMISSIONS = 40
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "form", "meta"}


def active_html(html: str) -> list[str]:
    """What in `html` could run code or act for the reader: tags, event handlers, script URLs."""
    found = []
    for tag, attributes in Elements(html).elements:
        if tag in ACTIVE_TAGS:
            found.append(tag)
        for name, value in attributes.items():
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                found.append(f"{tag} {name}")
            elif "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{tag} {name}={value}")
    return found


def rotations(strings: list[str], slots: int):
    """Groups of `slots` strings, each string once, so a request can carry one per field."""
    cycle = itertools.cycle(strings)
    for _ in range(0, len(strings), slots):
        yield [next(cycle) for _ in range(slots)]


@pytest.fixture
def story():
    article = ArticleFactory(headline="Harbor dredging begins")
    article.places.add("Saugatuck")
    article.topics.add("Harbor")
    return article


@pytest.fixture
def desk(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def assert_answered(response, where: str):
    assert response.status_code < 500, f"{where} answered {response.status_code}"


def test_search_takes_any_query_and_any_filter(client, story):
    names = ["q", "section", "place", "topic", "author", "sort", "page"]
    for string in sample(every=2):
        assert_answered(client.get(reverse("articles:search"), {"q": string}), f"q={string!r}")
    for strings in rotations(attacks(), len(names)):
        params = dict(zip(names, strings, strict=True))
        assert_answered(client.get(reverse("articles:search"), params), f"filters={params!r}")


def test_addresses_and_their_parameters_never_fail(client, story):
    pages = itertools.cycle(["/", story.places.first().get_absolute_url(), "/search/"])
    prefixes = itertools.cycle(["/places/", "/topics/", "/authors/", "/people/", "/sections/"])
    for string in attacks()[::2]:
        page = next(pages)
        assert_answered(client.get(page, {"page": string}), f"{page}?page={string!r}")
        prefix, quoted = next(prefixes), urlencode({"x": string})[2:]
        response = client.get(f"{prefix}{quoted}/")
        assert response.status_code in {301, 404}, f"{prefix}{string!r}"
        response = client.get(f"/news/2026/12/03/{quoted}/")
        assert response.status_code in {301, 404}, f"/news/…/{string!r}"


def test_preview_links_refuse_any_made_up_token(client):
    draft = ArticleFactory(headline="Budget draft not yet out", status=Article.Status.DRAFT)
    for string in attacks()[::2]:
        quoted = urlencode({"x": string})[2:]
        response = client.get(f"/preview/{quoted}/")
        assert response.status_code in {404, 410}, f"preview token {string!r}"
        assert draft.headline not in response.text


def test_the_api_answers_any_filter_with_a_page_or_a_clean_error(client, story):
    names = ["section", "place", "topic", "author", "since", "until", "page"]
    for strings in rotations(attacks(), len(names)):
        params = dict(zip(names, strings, strict=True))
        response = client.get(reverse("api:article-list"), params)
        assert response.status_code in {200, 400}, f"{params!r}: {response.status_code}"
        if response.status_code == 400:
            assert response.json()["error"]["parameter"]


def submit(client, url: str, fields: FormFields, strings: list[str], **fixed):
    """Fill the text boxes and text areas of a form (read from its page) with `strings`, one per
    field, and the `fixed` fields with their own values, and submit it as a browser would."""
    data = dict(fields.values)
    typed = [name for name in fields.text_fields if "__prefix__" not in name]
    data.update({name: [text] for name, text in zip(typed, itertools.cycle(strings))})
    data.update({name: [value] for name, value in fixed.items()})
    response = client.post(url, data)
    assert_answered(response, f"{url} with {strings!r}")
    if response.status_code == 200:
        assert 'class="errornote"' in response.text or "errorlist" in response.text, (
            f"{url} with {strings!r}: neither saved nor refused"
        )
    return response


@pytest.mark.parametrize(
    "door",
    ["article", "photo", "author", "person", "quote", "section"],
)
def test_every_desk_form_saves_or_refuses_hostile_text(desk, story, door):
    photo = PhotoFactory()
    quote = QuoteFactory(article=story)
    urls = {
        "article": (reverse("admin:articles_article_add"), "article_form"),
        "photo": (reverse("admin:articles_photo_change", args=[photo.pk]), "photo_form"),
        "author": (reverse("admin:articles_author_add"), "author_form"),
        "person": (reverse("admin:articles_person_add"), "person_form"),
        "quote": (reverse("admin:articles_quote_change", args=[quote.pk]), "quote_form"),
        "section": (reverse("admin:articles_section_add"), "section_form"),
    }
    url, form_id = urls[door]
    fields = FormFields(desk.get(url).text, form_id)
    assert fields.text_fields, f"no text field found in #{form_id}"
    # Every attack reaches the story form, a different one in each field of each submission, and
    # each is also sent as a whole body; smaller forms get a share of them.
    share = attacks()[:: max(1, len(attacks()) // (SUBMISSIONS * len(fields.text_fields)))]
    for number, strings in enumerate(rotations(share, len(fields.text_fields))):
        slug = {"slug": f"hostile-{number}"} if "slug" in fields.values else {}
        submit(desk, url, fields, strings, **slug)
    if door == "article":
        for number, strings in enumerate(rotations(attacks(), 20)):
            body = "".join(strings)
            submit(desk, url, fields, ["Hostile body"], slug=f"body-{number}", body=body)

    for article in Article.objects.exclude(pk=story.pk):
        assert active_html(article.body) == [], article.body
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_uploads_with_hostile_file_names_store_nothing_outside_media(desk, media_root):
    data = image_bytes("PNG", size=(400, 300))
    names = ["../../../etc/passwd.png", "..\\..\\boot.ini.png", "<script>alert(1)</script>.png"]
    names += ["CON.png", "a" * 300 + ".png", "photo\x00.png", "%2e%2e%2fescape.png"]
    for name in names:
        response = desk.post(
            reverse("admin:articles_photo_add"),
            {
                "image": SimpleUploadedFile(name, data, content_type="image/png"),
                "caption": "Harbor at dawn.",
                "credit": "Lee Park",
                "alt_text": "Boats at their moorings.",
            },
        )
        assert_answered(response, f"upload named {name!r}")
    for photo in Photo.objects.exclude(image=""):
        stored = (media_root / photo.image.name).resolve()
        assert stored.is_relative_to(media_root.resolve()), photo.image.name
        assert "<" not in photo.image.name and "\x00" not in photo.image.name


def test_an_imported_file_of_attacks_is_stored_sanitised(tmp_path):
    story = tmp_path / "hostile.txt"
    paragraphs = "\n\n".join(attacks())
    story.write_text(f"Harbor attack test\n\nBy Lee Park\n\n{paragraphs}\n", encoding="utf-8")
    call_command("import_articles", str(story), stdout=io.StringIO(), stderr=io.StringIO())

    article = Article.objects.get()
    assert "DROP TABLE" in article.body
    assert active_html(article.body) == []


def test_the_import_page_takes_hostile_file_names(desk):
    for name in ["../../evil.txt", "<img src=x onerror=alert(1)>.txt", "x" * 500 + ".xml"]:
        upload = SimpleUploadedFile(name, b"A headline\n\nA paragraph.\n", "text/plain")
        response = desk.post(reverse("admin:articles_import"), {"files": [upload]})
        assert_answered(response, f"import of {name!r}")
        assert "<img src=x onerror" not in response.text
