"""Staff import, end to end in Chromium: files chosen through the browser's file chooser on the
desk's import page (a WordPress export, a ninjs file, a feed, each from the corpus and read in
place), previewed and imported by the queue, confirmed, reported; then the stories on the site with
their photos, quotes, places and topics.

Photos on the internet cannot be reached here: the newsroom's own export and feed name photos on
an HTTP server on 127.0.0.1, and the corpus feed's unreachable photos show how a missing photo is
reported. Screenshots of each step go to artifacts/screenshots/."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Photo
from tests.conftest import DATABASE_TASKS, IMMEDIATE_TASKS
from tests.factories import editor
from tests.photo_files import image_bytes
from tests.test_image_matrix import file_server  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.corpus, pytest.mark.django_db(transaction=True)]

# The newsroom's own export: a story with a featured photo and a photo in its text, both on the
# test's image server ({images}).
EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The Saugatuck Sentinel</title>
  <link>https://sentinel.example.org</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://sentinel.example.org</wp:base_site_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>tbell</wp:author_login>
    <wp:author_display_name>Tomas Bell</wp:author_display_name></wp:author>
  <item>
    <title>Compo Beach boat ramp reopens after winter repairs</title>
    <link>https://sentinel.example.org/2026/04/02/boat-ramp/</link>
    <dc:creator>tbell</dc:creator>
    <guid isPermaLink="false">https://sentinel.example.org/?p=41</guid>
    <content:encoded><![CDATA[<p>WESTPORT — The boat ramp at Compo Beach reopened Thursday
after a winter of repairs.</p>
<p>“We poured the last slab on Friday and the cones came off this morning,” said harbor master
Elena Voss.</p>
<figure class="wp-block-image"><img src="{images}/files/ramp-crew.jpg"
alt="Two workers smooth fresh concrete on the ramp"/>
<figcaption>The crew finished the slab on Friday.</figcaption></figure>
<p>Launch permits are on sale at Town Hall.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>41</wp:post_id>
    <wp:post_date_gmt>2026-04-02 13:00:00</wp:post_date_gmt>
    <wp:post_name>boat-ramp</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="harbor"><![CDATA[Harbor]]></category>
    <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>42</wp:meta_value></wp:postmeta>
  </item>
  <item>
    <title>boat-ramp</title>
    <guid isPermaLink="false">{images}/files/boat-ramp.jpg</guid>
    <excerpt:encoded><![CDATA[Trailers lined up at the reopened ramp.
Photo: Lena Marsh / Saugatuck Sentinel]]></excerpt:encoded>
    <wp:post_id>42</wp:post_id>
    <wp:post_parent>41</wp:post_parent>
    <wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>{images}/files/boat-ramp.jpg</wp:attachment_url>
    <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
      <wp:meta_value>Boat trailers queue on the Compo Beach ramp</wp:meta_value></wp:postmeta>
  </item>
</channel>
</rss>
"""

# The newsroom's own feed: a story whose photo is on the image server.
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Saugatuck Sentinel</title>
  <link>https://sentinel.example.org/</link>
  <description>News from the river towns</description>
  <item>
    <title>Library extends Sunday hours through the summer</title>
    <link>https://sentinel.example.org/2026/04/03/library-hours/</link>
    <guid isPermaLink="false">sentinel-2026-0403-library</guid>
    <pubDate>Fri, 03 Apr 2026 12:30:00 GMT</pubDate>
    <category>Libraries</category>
    <content:encoded><![CDATA[<p>WESTPORT — The public library will open on Sundays through
August.</p>
<p>“Sunday is when families can come together,” said library director Ruth Albers.</p>
]]></content:encoded>
    <media:content url="{images}/files/reading-room.jpg" medium="image" width="640">
      <media:description>The reading room on a Sunday afternoon.</media:description>
      <media:credit>Photograph: Lena Marsh/Saugatuck Sentinel</media:credit>
    </media:content>
  </item>
</channel>
</rss>
"""
PHOTOS = ["boat-ramp.jpg", "ramp-crew.jpg", "reading-room.jpg"]


@pytest.fixture
def sources(tmp_path, file_server):  # noqa: F811 (the fixture imported above)
    """The newsroom's own export and feed, written for the image server's address, which holds
    their photos."""
    images = f"http://127.0.0.1:{file_server.server_port}"
    for name in PHOTOS:
        file_server.files[f"/files/{name}"] = image_bytes(size=(640, 480), color="seagreen")
    export, feed = tmp_path / "sentinel-export.xml", tmp_path / "sentinel.rss"
    export.write_text(EXPORT.replace("{images}", images))
    feed.write_text(FEED.replace("{images}", images))
    return {"export": export, "feed": feed}


@pytest.fixture
def desk(signed_in):
    return signed_in(editor())


def import_through_the_desk(page, live_server, screenshot, settings, paths, *, step: str) -> None:
    """Choose `paths` in the import page's file chooser, publish them, preview and confirm; the
    page is left on the import's report. The preview waits in the database queue until a worker
    runs it, while its page shows the progress; the import then runs at once."""
    page.goto(live_server.url + reverse("admin:articles_import"))
    with page.expect_file_chooser() as chooser:
        page.click("#id_files")
    chooser.value.set_files(paths)
    page.check("input[name=status][value=published]")
    assert page.is_checked("#id_fetch_images") and page.is_checked("#id_rehost_images")
    settings.TASKS = DATABASE_TASKS
    page.click("input[value='Preview the import']")
    page.wait_for_url("**/admin/articles/import/*/preview/")
    assert "Previewing" in page.inner_text(".article-import__progress")
    screenshot(page, f"{step}-previewing")
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    settings.TASKS = IMMEDIATE_TASKS
    page.wait_for_selector(".article-import__summary")  # the page reloaded itself, without JS
    assert "Nothing has been saved yet" in page.inner_text("#content-main")
    screenshot(page, f"{step}-preview")
    page.click(".submit-row input.default")
    page.wait_for_url("**/admin/articles/import/*/")
    assert not page.url.endswith("/preview/")
    page.wait_for_selector(".article-import__summary")
    screenshot(page, f"{step}-report")


def story_page(page, live_server, article: Article):
    page.goto(live_server.url + article.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == article.headline
    return page


def is_shown(image) -> bool:
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_wordpress_export_comes_in_with_its_photos(
    live_server, desk, open_page, serve_media, screenshot, corpus, sources, settings
):
    export = corpus / "wxr" / "wpimporter-small-export.xml"
    import_through_the_desk(
        desk, live_server, screenshot, settings, [export, sources["export"]], step="wordpress"
    )

    summary = desk.inner_text(".article-import__summary")
    assert "Created: 7" in summary and "failed: 0" in summary and "live on the site: 6" in summary
    hello_row = desk.locator(".article-import__items tr:has-text('Hello world!')")
    assert "live on the site" in hello_row.inner_text()
    ours = desk.locator(".article-import__items tr:has-text('Compo Beach boat ramp')")
    assert "live on the site" in ours.inner_text()
    assert "Private Post" in desk.inner_text(".article-import__items")  # held back as a draft

    reader = serve_media(open_page())
    hello = Article.objects.get(headline="Hello world!")
    assert "Welcome to WordPress" in story_page(reader, live_server, hello).inner_text(
        ".article__body"
    )
    private = Article.objects.get(headline="Private Post")
    assert reader.goto(live_server.url + private.get_absolute_url()).status == 404

    ramp = Article.objects.get(headline="Compo Beach boat ramp reopens after winter repairs")
    story_page(reader, live_server, ramp)
    lead = reader.locator(".photo--lead")
    assert is_shown(lead.locator("img"))
    assert lead.locator("img").get_attribute("alt") == "Boat trailers queue on the Compo Beach ramp"
    assert lead.locator(".photo__credit").text_content().startswith("Lena Marsh")
    inline = reader.locator(".article__body figure img")
    assert is_shown(inline) and "/media/" in inline.evaluate("img => img.currentSrc")
    assert reader.locator(".article__dateline").first.inner_text().startswith("WESTPORT")
    assert "Elena Voss" in reader.inner_text("[aria-labelledby=article-people]")
    assert "Westport" in reader.inner_text("[aria-labelledby=article-places]")
    assert "Harbor" in reader.inner_text("[aria-labelledby=article-topics]")
    screenshot(reader, "wordpress-story")
    assert Photo.objects.filter(image="").count() == 0


def test_a_ninjs_wire_story_comes_in_with_its_quotes_and_places(
    live_server, desk, open_page, screenshot, corpus, settings
):
    ninjs = corpus / "ninjs" / "2.x" / "dpa_text.json"
    import_through_the_desk(desk, live_server, screenshot, settings, [ninjs], step="ninjs")

    assert "Created: 1" in desk.inner_text(".article-import__summary")
    row = desk.locator(".article-import__items tbody tr")
    assert "Faktencheck Derby-Elfmeter" in row.inner_text()
    assert "live on the site" in row.inner_text()

    story = Article.objects.get()
    reader = story_page(open_page(), live_server, story)
    assert "Christian Hollmann" in reader.inner_text(".article__meta .byline")
    assert "Lucien Favre" in reader.inner_text(".article__body")
    assert "Berlin" in reader.inner_text("[aria-labelledby=article-places]")
    screenshot(reader, "ninjs-story")
    # The wire's quotes are found and wait on the desk for their speakers to be checked.
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[story.pk]))
    quotes = desk.locator("[name^='quotes-'][name$='-text']:not([name*='__prefix__'])")
    assert quotes.count() == 11
    assert quotes.first.input_value() == "der größte Skandal im Fußball seit Jahren"
    screenshot(desk, "ninjs-story-quotes")


def test_a_feed_comes_in_and_its_missing_photos_are_reported(
    live_server, desk, open_page, serve_media, screenshot, corpus, sources, settings
):
    guardian = corpus / "feeds" / "guardian.rss"
    import_through_the_desk(
        desk, live_server, screenshot, settings, [guardian, sources["feed"]], step="feed"
    )

    summary = desk.inner_text(".article-import__summary")
    assert "Created: 56" in summary and "failed: 0" in summary
    # The Guardian's photos are on the internet, out of reach: each story says so, and waits for
    # review instead of going live without its photo.
    union = desk.locator(".article-import__items tr:has-text('Trump State of the Union')").first
    assert "in review, not published" in union.inner_text()
    assert "has no image file yet" in union.inner_text()
    ours = desk.locator(".article-import__items tr:has-text('Library extends Sunday hours')")
    assert "needs alt text" in ours.inner_text() and "no image file" not in ours.inner_text()

    library = Article.objects.get(headline="Library extends Sunday hours through the summer")
    assert library.status == Article.Status.REVIEW and library.lead_photo.has_file
    # The editor writes the photo's alt text and publishes the story from the desk.
    desk.goto(
        live_server.url + reverse("admin:articles_photo_change", args=[library.lead_photo_id])
    )
    desk.fill("#id_alt_text", "Readers at the long tables of the library's reading room")
    desk.click("input[name=_save]")
    desk.wait_for_selector(".messagelist")
    desk.goto(live_server.url + reverse("admin:articles_article_change", args=[library.pk]))
    desk.click("input[name=_publish]")
    desk.wait_for_selector(".messagelist")
    assert "is live" in desk.inner_text(".messagelist")

    reader = story_page(serve_media(open_page()), live_server, library)
    lead = reader.locator(".photo--lead")
    assert is_shown(lead.locator("img"))
    assert lead.locator(".photo__credit").text_content().startswith("Lena Marsh")
    assert "Ruth Albers" in reader.inner_text("[aria-labelledby=article-people]")
    assert "Westport" in reader.inner_text("[aria-labelledby=article-places]")
    assert "Libraries" in reader.inner_text("[aria-labelledby=article-topics]")
    screenshot(reader, "feed-story")

    # A Guardian story waiting for review: the desk's preview shows its places and topics.
    held = Article.objects.get(headline__startswith="Rasual Butler")
    preview = story_page(desk, live_server, held)
    assert "Los Angeles" in preview.inner_text("[aria-labelledby=article-places]")
    assert "Basketball" in preview.inner_text("[aria-labelledby=article-topics]")
    screenshot(preview, "feed-story-in-review")
