"""Re-hosting the images in imported story bodies: fetched safely, stored once as photos with
renditions, shown as the lead photo is; the ones that cannot be fetched keep their link and are
reported.

The images come from a real HTTP server on 127.0.0.1; no test reaches any other machine.
"""

import http.server
import io
import random
import re
import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.images.body import body_photo_html
from articles.importers.pipeline import import_paths
from articles.models import Article, Photo, Rendition
from articles.text import sanitize_html
from tests.factories import ArticleFactory, PhotoFactory, editor
from tests.photo_files import image_bytes

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
PLACEHOLDER = "http://images.example.test"
LIMIT = 60_000  # bytes: settings.PHOTO_MAX_UPLOAD_BYTES while these tests run


def _noise(size: tuple[int, int]) -> bytes:
    """A JPEG that hardly compresses: well over LIMIT at this size."""
    pixels = random.Random(7).randbytes(size[0] * size[1] * 3)
    return image_bytes(image=Image.frombytes("RGB", size, pixels), quality=95)


IMAGES = {
    "/files/2026/03/ferry-dock.jpg": ("image/jpeg", image_bytes(size=(160, 120), color="navy")),
    "/files/2026/03/ferry-dock-800x600.jpg": ("image/jpeg", image_bytes(size=(80, 60))),
    "/files/2026/03/harbor.jpg": ("image/jpeg", image_bytes(size=(120, 80), color="teal")),
    "/files/2026/03/market.png": ("image/png", image_bytes("PNG", size=(90, 60), color="gold")),
    "/files/2026/03/regatta.png": ("image/png", image_bytes("PNG", size=(150, 100), color="red")),
    "/files/2026/03/regatta-300x200.png": ("image/png", image_bytes("PNG", size=(30, 20))),
    "/files/2026/03/buoy.jpg": ("image/jpeg", image_bytes(size=(64, 64), color="orange")),
    "/files/2026/03/not-a-photo.jpg": ("text/html", b"<html><body>Not found</body></html>"),
    "/files/2026/03/huge.jpg": ("image/jpeg", _noise((400, 300))),
}


class ImageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path not in IMAGES:
            self.send_error(404)
            return
        content_type, data = IMAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImageHandler)
    server.requests = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def allowed(settings):
    """The test server is on the newsroom's own machine, which imports may not fetch from unless
    the settings say so."""
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    settings.PHOTO_MAX_UPLOAD_BYTES = LIMIT


def fixture_for(server, tmp_path, name: str) -> Path:
    """The fixture file with the test server's address in place of the placeholder."""
    source = FIXTURES / name
    path = tmp_path / source.name
    path.write_text(source.read_text().replace(PLACEHOLDER, server.url))
    return path


def warnings_of(report) -> list[str]:
    return [warning for item in report.items for warning in item.warnings]


def body_photos(article) -> list[Photo]:
    ids = [int(n) for n in re.findall(r'<figure data-photo="(\d+)">', article.body)]
    photos = Photo.objects.in_bulk(ids)
    return [photos[n] for n in ids]


def test_wordpress_body_images_become_the_newsrooms_photos(server, allowed, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")

    report = import_paths([path], rehost_images=True)

    assert (report.created, report.failed) == (2, 0)
    dock = Article.objects.get(slug="town-dock-reopens")
    ferry, market, harbor = body_photos(dock)
    # The image is the post's own attachment: that photo, with the media library's alt text,
    # its file fetched from the original rather than the resized copy the body shows.
    assert ferry.external_id == f"{server.url}/files/2026/03/ferry-dock.jpg"
    assert ferry.alt_text == "The ferry Harriet Lane tied up at the rebuilt Westport dock"
    assert (ferry.width, ferry.height) == (160, 120)
    assert "/files/2026/03/ferry-dock-800x600.jpg" not in server.requests
    # A relative address resolves against the story's own; alt text and credit from the source.
    assert market.source_url == f"{server.url}/files/2026/03/market.png"
    assert market.alt_text == "Stalls at the Saturday farmers market"
    assert (harbor.caption, harbor.credit, harbor.agency) == (
        "Boats at their moorings on Wednesday.", "Ines Varga", "Harbor Wire"
    )  # fmt: skip
    assert harbor.alt_text == "Sailboats moored in Westport harbor at dawn"
    for photo in (ferry, market, harbor):
        assert photo.source == "wxr" and photo.has_file
        assert photo.image.storage.exists(photo.image.name)
        renditions = list(photo.renditions.all())
        assert renditions and all(photo.image.storage.exists(r.name) for r in renditions)
    # The same image in another story is the same photo, fetched once, with that story's caption.
    moorings = Article.objects.get(slug="moorings-fill-early")
    assert body_photos(moorings) == [harbor]
    assert "<figcaption>The inner harbor on Saturday.</figcaption>" in moorings.body
    assert server.requests.count("/files/2026/03/harbor.jpg") == 1
    # The body shows the newsroom's copies; the images that could not be fetched keep their link.
    assert f'src="{server.url}/files/2026/03/harbor.jpg"' not in dock.body
    assert f'<img src="{harbor.image.url}" alt="Sailboats moored' in dock.body
    for name in ("missing.jpg", "not-a-photo.jpg", "huge.jpg"):
        assert f'src="{server.url}/files/2026/03/{name}"' in dock.body
    assert dock.body.index("It moves back to the dock") < dock.body.index(f'"{market.pk}"')
    problems = [w for w in warnings_of(report) if "was not re-hosted" in w]
    assert len(problems) == 3
    missing, not_a_photo, huge = problems
    assert missing.startswith(f"image {server.url}/files/2026/03/missing.jpg was not re-hosted")
    assert "the server answered 404" in missing
    assert "not-a-photo.jpg was not re-hosted" in not_a_photo and "is not an image" in not_a_photo
    assert "huge.jpg was not re-hosted" in huge and f"larger than {LIMIT:,} bytes" in huge
    assert Photo.objects.filter(source="wxr").count() == 3


def test_the_article_page_shows_body_photos_as_pictures_with_caption_and_credit(
    client, server, allowed, tmp_path
):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")
    import_paths([path], status="keep", rehost_images=True)
    dock = Article.objects.get(slug="town-dock-reopens")
    ferry, market, harbor = body_photos(dock)

    page = client.get(dock.get_absolute_url()).content.decode()

    body = page[page.index('<div class="article__body">') :]
    assert body.count("<picture") == 3
    assert body.count('<figure class="photo photo--inline" style="max-width: ') == 3
    assert 'type="image/webp" srcset="' in body and "data-photo" not in body
    assert '<span class="photo__credit">Mara Quinn / Westport Ledger</span>' in body
    assert '<span class="photo__text">Boats at their moorings on Wednesday.</span>' in body
    assert '<span class="photo__credit">Ines Varga / Harbor Wire</span>' in body
    assert 'alt="The ferry Harriet Lane tied up at the rebuilt Westport dock"' in body
    assert f'src="{server.url}/files/2026/03/missing.jpg"' in body  # still on the old site


def test_importing_again_changes_nothing(server, allowed, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")
    import_paths([path], rehost_images=True)
    bodies = dict(Article.objects.values_list("slug", "body"))
    photos = set(Photo.objects.values_list("pk", "image"))
    renditions = Rendition.objects.count()
    fetched = len(server.requests)

    report = import_paths([path], rehost_images=True)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert dict(Article.objects.values_list("slug", "body")) == bodies
    assert set(Photo.objects.values_list("pk", "image")) == photos
    assert Rendition.objects.count() == renditions
    assert len(server.requests) == fetched


def test_an_updated_story_reuses_its_photos_without_fetching_them_again(server, allowed, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")
    import_paths([path], rehost_images=True)
    photos = Photo.objects.count()
    path.write_text(path.read_text().replace("before eight", "before nine"))
    server.requests.clear()

    report = import_paths([path], rehost_images=True)

    assert (report.updated, report.unchanged) == (1, 1)
    assert Photo.objects.count() == photos
    # Only the images that could not be fetched are tried again.
    assert sorted(server.requests) == [
        "/files/2026/03/huge.jpg", "/files/2026/03/missing.jpg", "/files/2026/03/not-a-photo.jpg"
    ]  # fmt: skip
    assert len(body_photos(Article.objects.get(slug="town-dock-reopens"))) == 3


def test_feed_bodies_in_wordpress_caption_boxes_links_and_paragraphs(server, allowed, tmp_path):
    report = import_paths(
        [fixture_for(server, tmp_path, "feeds/body-images.rss")], rehost_images=True
    )

    article = Article.objects.get()
    harbor, regatta, market, buoy = body_photos(article)
    # A wp-caption box: its caption text and credit.
    assert (harbor.caption, harbor.credit, harbor.agency) == (
        "The fleet at its moorings before the start.", "Ines Varga", "Harbor Wire"
    )  # fmt: skip
    assert "wp-caption" not in article.body
    # A lazy-loaded image behind a link to its larger copy: the larger copy is fetched, and the
    # link to it on the old site goes.
    assert (regatta.width, regatta.alt_text) == (150, "Two dinghies rounding the windward mark")
    assert "/files/2026/03/regatta-300x200.png" not in server.requests
    assert "/files/2026/03/regatta.png" not in article.body
    # An image inside a paragraph of text stands after it; a link elsewhere stays around it.
    assert re.search(rf'crews\.</p>\s*<figure data-photo="{market.pk}">', article.body)
    link = re.escape(f'<a href="{server.url}/2026/03/22/regatta-results/"')
    assert re.search(rf'{link}[^>]*><figure data-photo="{buoy.pk}">', article.body)
    assert [w for w in warnings_of(report) if "data:" in w] == [
        "an image written into the page itself (a data: address) was not kept"
    ]
    assert article.body == sanitize_html(article.body)


def test_the_newsrooms_own_network_is_refused_and_the_links_kept(server, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")

    report = import_paths([path], rehost_images=True)

    assert server.requests == []
    dock = Article.objects.get(slug="town-dock-reopens")
    assert "data-photo" not in dock.body
    assert f'src="{server.url}/files/2026/03/market.png"' in dock.body  # made absolute
    refused = [w for w in warnings_of(report) if "refused to fetch from 127.0.0.1" in w]
    assert len(refused) == 7  # six addresses in the first story, one in the second


def test_a_dry_run_or_an_import_without_rehosting_fetches_nothing(server, allowed, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")

    preview = import_paths([path], rehost_images=True, dry_run=True)
    assert preview.created == 2 and not warnings_of(preview)
    import_paths([path])

    assert server.requests == [] and not Photo.objects.filter(image__gt="").exists()
    dock = Article.objects.get(slug="town-dock-reopens")
    assert f'src="{server.url}/files/2026/03/harbor.jpg"' in dock.body


def test_the_command_rehosts_unless_told_not_to(server, allowed, tmp_path):
    path = fixture_for(server, tmp_path, "wxr/body-images.xml")

    call_command("import_articles", str(path), "--no-rehost-images", stdout=io.StringIO())
    assert server.requests == []
    out = io.StringIO()
    path.write_text(path.read_text().replace("before eight", "before nine"))
    call_command("import_articles", str(path), "-v", "2", stdout=out)

    assert len(body_photos(Article.objects.get(slug="town-dock-reopens"))) == 3
    assert "missing.jpg was not re-hosted: the server answered 404" in out.getvalue()


def test_the_admin_import_rehosts_by_default(client, server, allowed, tmp_path):
    client.force_login(editor())
    url = reverse("admin:articles_import")
    form = client.get(url).content.decode()
    assert re.search(r'<input type="checkbox" name="rehost_images"[^>]* checked', form)
    export = fixture_for(server, tmp_path, "wxr/body-images.xml").read_bytes()
    upload = io.BytesIO(export)
    upload.name = "export.xml"

    data = {"format": "auto", "status": "draft", "rehost_images": "on", "files": [upload]}
    preview = client.post(url, data, follow=True)  # previewed by the queue, at once in tests
    assert server.requests == []
    assert "fetched into the photo library when you import" in preview.content.decode()
    assert "<strong>skipped:</strong> 1 (attachment 1)" in preview.content.decode()
    done = client.post(
        reverse("admin:articles_import_confirm"), {"token": preview.context["token"]}, follow=True
    )

    assert done.status_code == 200
    assert len(body_photos(Article.objects.get(slug="town-dock-reopens"))) == 3
    assert "missing.jpg was not re-hosted" in done.content.decode()


def test_the_sanitiser_keeps_a_photo_id_only_on_a_figure_and_only_a_number():
    assert sanitize_html('<figure data-photo="012"><img src="/a.jpg" alt=""></figure>') == (
        '<figure data-photo="12"><img src="/a.jpg" alt=""></figure>'
    )
    for value in ("1e3", "-4", "12 onclick=x", "١٢", "99999999999999999999", ""):
        assert sanitize_html(f'<figure data-photo="{value}"></figure>') == "<figure></figure>"
    assert sanitize_html('<p data-photo="3" data-x="1">Text</p>') == "<p>Text</p>"


def test_a_body_photo_that_is_gone_or_has_no_file_keeps_its_stored_figure(client):
    shown, empty = PhotoFactory(caption="Library caption"), PhotoFactory(image="")
    stored = [
        f'<figure data-photo="{shown.pk}"><img src="/old.jpg" alt=""></figure>',
        f'<figure data-photo="{empty.pk}"><img src="/empty.jpg" alt="Empty"></figure>',
        '<figure data-photo="999999"><img src="/gone.jpg" alt="Gone"><figcaption>Gone'
        "</figcaption></figure>",
    ]
    article = ArticleFactory(body="<p>First.</p>" + "".join(stored))

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.count("<picture") == 1
    assert '<span class="photo__text">Library caption</span>' in page  # no caption of its own
    lazy = [figure.replace("<img", '<img loading="lazy" decoding="async"') for figure in stored]
    assert lazy[1] in page and lazy[2] in page


def test_photo_ids_in_an_imported_body_are_dropped(tmp_path):
    ours = PhotoFactory()
    feed = (FIXTURES / "feeds/body-images.rss").read_text()
    feed = re.sub(
        r"<content:encoded>.*?</content:encoded>",
        f'<content:encoded><![CDATA[<p>Text.</p><figure DATA-PHOTO="{ours.pk}"><img alt="">'
        "</figure>]]></content:encoded>",
        feed,
        flags=re.S,
    )
    path = tmp_path / "elsewhere.rss"
    path.write_text(feed)

    import_paths([path])

    assert Article.objects.get().body == '<p>Text.</p><figure><img alt=""></figure>'


def test_changing_a_body_photo_purges_the_cached_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
    photo = PhotoFactory(caption="Dredging barge at dawn.")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(body=f"<p>Text.</p>{body_photo_html(photo)}")
    first = client.get(article.get_absolute_url())
    assert f"photo-{photo.pk}" in first["Surrogate-Key"].split()

    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Dredging barge at noon."
        photo.save()

    page = client.get(article.get_absolute_url())
    assert page["X-Cache"] == "miss" and "Dredging barge at noon." in page.text
