"""WordPress exports: the real sample exports, our own edge cases, streaming and the save step."""

import inspect
import re
from collections import Counter
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from articles.importers import wxr
from articles.importers.base import ImportFormatError, ItemError, ParsedArticle, Skipped
from articles.importers.pipeline import import_file
from articles.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "wxr"


def read(path: Path) -> list:
    return list(wxr.parse(path))


def stories(items: list) -> dict[str, ParsedArticle]:
    return {item.headline: item for item in items if isinstance(item, ParsedArticle)}


def skipped(items: list) -> Counter:
    return Counter(item.kind for item in items if isinstance(item, Skipped))


def test_small_export_posts_authors_categories_and_tags(corpus):
    items = read(corpus / "wxr" / "wpimporter-small-export.xml")
    posts = stories(items)

    assert list(posts) == [
        "Hello world!",
        "Private Post",
        "Foo-child",
        "Top-level Foo",
        "Non-standard post format",
        "Many Categories",
    ]
    assert skipped(items) == {"page": 5}
    hello = posts["Hello world!"]
    assert hello.external_id == "http://localhost/?p=1"
    assert hello.status == "published"
    assert hello.published_at == datetime(2011, 1, 18, 7, 40, 14, tzinfo=UTC)
    assert hello.section == ""  # "Uncategorized" is no section
    assert hello.body_html == (
        "<p>Welcome to WordPress. This is your first post. Edit or delete it, then start "
        "blogging!</p>"
    )
    assert "Hi, this is a comment" not in hello.body_html
    assert [a.name for a in hello.authors] == ["author"]
    # The login "editor" has a real name in the export; the byline uses it.
    assert [(a.name, a.email) for a in posts["Foo-child"].authors] == [
        ("FirstName LastName", "editor@example.org")
    ]
    assert posts["Foo-child"].section == "Foo"
    assert posts["Private Post"].status == "draft"
    assert posts["Private Post"].topics == ["Tag1", "Tag2", "Tag3"]
    many = posts["Many Categories"]
    assert many.section == "alpha"
    assert len(many.topics) == 26
    assert many.topics[0] == "Bar" and "远征手记" in many.topics


def test_wxr_1_1_reference_export(corpus):
    items = read(corpus / "wxr" / "wpimporter-valid-wxr-1.1.xml")
    (post,) = stories(items).values()

    assert skipped(items) == {"page": 1}
    assert post.headline == "Hello world!"
    assert [a.name for a in post.authors] == ["John Doe"]
    assert post.section == "alpha"
    assert post.topics == ["Clippable"]  # the custom taxonomy term is not a topic
    assert post.slug == "hello-world"
    assert post.published_at == datetime(2010, 10, 16, 20, 53, 18, tzinfo=UTC)


def test_utf8_challenges_keep_their_text_exactly(corpus):
    path = corpus / "wxr" / "wpimporter-wxr-utf-8-challenges.xml"
    raw = path.read_text(encoding="utf-8")
    title = re.search(r"<title><!\[CDATA\[(.*?)\]\]></title>", raw).group(1)
    guid = re.search(r"<guid isPermaLink=\"false\">(.*?)</guid>", raw).group(1)
    display_name = re.search(r"<wp:author_display_name><!\[CDATA\[(.*?)\]\]>", raw).group(1)

    (post,) = stories(read(path)).values()

    assert post.headline == title
    assert "‮" in post.headline and "🌲" in post.headline
    assert post.external_id == guid.replace("&amp;", "&")
    assert [a.name for a in post.authors] == [display_name.strip()]
    assert "𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮: 🚀🌟💫⭐️🔥💯🎉🎊🌈🦄" in post.body_html
    assert "T̷̢̯̭̈w̴̰̜̾o̷͉̅ ̵̨͔̔r̶̞̈o̷̰͇̍ä̴́ͅd̶̰̒s̵̞̈́" in post.body_html
    assert "السلام عليكم وﷲ" in post.body_html
    assert "🚀🌟" in post.summary
    # The category's slug is "uncategorized" hidden behind bidi controls: still no section.
    assert post.section == ""


def test_block_markup_and_shortcodes_become_plain_html(corpus):
    items = read(corpus / "wxr" / "64-block-test-data.xml")
    posts = stories(items)

    assert len(posts) == 61
    assert skipped(items) == {"attachment": 9, "page": 1, "wp_navigation": 1}
    for post in posts.values():
        assert "<!-- wp:" not in post.body_html, post.headline
        assert "[caption" not in post.body_html and "[gallery" not in post.body_html
        assert "class=" not in post.body_html and "<script" not in post.body_html
    assert "Media & Text" in posts
    assert "<h2>Heading 1</h2>" in posts["Classic"].body_html
    assert "<blockquote>A quote inside a classic block</blockquote>" in posts["Classic"].body_html

    gallery = posts["Gallery"]
    assert gallery.section == "Media" and gallery.topics == ["Block spacing"]
    lead = gallery.lead_photo  # the featured image is listed after the post in the file
    assert lead.source_url == "https://wpthemetestdata.files.wordpress.com/2008/06/img_0747.jpg"
    assert (lead.caption, lead.alt_text) == ("Jericoacoara Ceara Brasil", "Brazil Beach")
    # Each picture once, in the order the post shows them, the featured one as the lead only.
    assert [p.alt_text for p in gallery.photos] == [
        "Windmill", "Golden Gate Bridge", "Boardwalk", "Yachtsody in Blue", "Sydney Harbor Bridge"
    ]  # fmt: skip
    assert gallery.photos[0].caption == "Windmill shrouded in fog at a farm outside of Walker, Iowa"

    shortcode = posts["Shortcode"]
    assert "[audio" not in shortcode.body_html
    assert 'href="https://wpthemetestdata.files.wordpress.com/2008/06/' in shortcode.body_html
    assert {p.alt_text for p in shortcode.photos} == {"Brazil Beach", "Windmill"}


def test_own_export_statuses_photos_credits_and_one_bad_item():
    items = read(FIXTURES / "newsroom-export.xml")
    posts = stories(items)
    errors = [item for item in items if isinstance(item, ItemError)]

    assert len(posts) == 5
    assert skipped(items) == {"page": 1, "nav_menu_item": 1, "revision": 1, "attachment": 4}
    (error,) = errors
    assert error.label.startswith("item 3 (https://ledger.example.org/?p=103")
    assert "Selectmen weigh parking fees" in error.label
    assert error.message == "wp:post_date_gmt: not a date: '2025-02-30 09:00:00'"

    ferry = posts["Ferry service to Pine Island resumes after storm repairs"]
    assert ferry.status == "published" and ferry.section == "Local News"
    assert ferry.dateline == "MILLBROOK"
    assert ferry.body_html.startswith("<p>The ferry Harriet Lane carried its first passengers")
    assert ferry.topics == ["Harbor", "Ferries"]
    assert [(a.name, a.email) for a in ferry.authors] == [
        ("Rosa Delgado", "rosa@ledger.example.org")
    ]
    assert ferry.summary == "The Harriet Lane carried its first passengers since the January storm."
    lead = ferry.lead_photo
    assert (lead.credit, lead.agency) == ("Mara Quinn", "Millbrook Ledger")
    assert lead.caption == "The Harriet Lane at the rebuilt dock on Friday morning."
    assert lead.alt_text == "The ferry Harriet Lane tied up at the rebuilt Millbrook dock"
    (ramp,) = ferry.photos
    assert ramp.credit == "Ines Marlow"  # from the camera metadata WordPress keeps
    assert ramp.taken_at == datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    assert "Finally!" not in ferry.body_html  # comments are not the story

    books = posts["Library book sale returns to the Grange hall"]
    assert books.section == "Arts & Culture" and books.topics == ["Local News"]
    assert [(a.name) for a in books.authors] == ["Owen Fitch"]
    assert books.body_html.startswith("<p>The Friends of the Millbrook Library")
    assert "<figcaption>Volunteers sorted donations all week." in books.body_html
    assert "Doors open at 9 a.m." in books.body_html and "[gallery" not in books.body_html
    assert [(p.credit, p.agency) for p in books.photos] == [
        ("Ines Marlow", "Ledger Staff"),
        ("Owen Fitch", "Millbrook Ledger"),
    ]

    draft = posts["Draft: school budget explainer"]
    assert (draft.status, draft.published_at) == ("draft", None)
    scheduled = posts["Harbor festival lineup announced"]
    assert scheduled.status == "published"
    assert scheduled.published_at == datetime(2031, 7, 1, 13, 0, tzinfo=UTC)
    letters = posts["Letters: keep the dock public"]
    assert letters.status == "review"
    # Co-authors listed as "author" terms: a login, then a guest author known only by name.
    assert [a.name for a in letters.authors] == ["Owen Fitch", "Mara Quinn"]


def test_wordpress_com_export_with_its_https_namespace_and_extra_types():
    items = read(FIXTURES / "wordpress-com.xml")
    posts = stories(items)

    assert list(posts) == [
        "Saugatuck River footbridge reopens after eight months",
        "Compo Beach lifeguards train for the season",
        "Questions for the budget hearing",
    ]
    assert {post.kind for post in posts.values()} == {"post"}
    reasons = Counter((item.kind, item.reason) for item in items if isinstance(item, Skipped))
    assert reasons == {
        ("post", "in the trash"): 1,
        ("post", "an auto-draft WordPress started, never saved"): 1,
        ("page", "a site page, not a story"): 1,
        ("attachment", "an image: kept as a photo for the posts that use it"): 3,
        ("attachment", "a media file that is not an image: the posts keep their links to it"): 1,
        ("nav_menu_item", "a menu item"): 2,
        ("wp_global_styles", "theme styles"): 1,
        ("wp_navigation", "a navigation menu"): 1,
        ("wp_block", "a reusable block"): 1,
        ("jetpack-testimonial", "not a post: only posts become stories"): 1,
        ("feedback", "a message sent through a contact form"): 1,
    }

    bridge = posts["Saugatuck River footbridge reopens after eight months"]
    assert bridge.external_id == "http://westportwren.wordpress.com/?p=41"
    assert (bridge.section, bridge.dateline) == ("Town News", "WESTPORT")
    assert bridge.topics == ["Saugatuck River"]
    assert [(a.name, a.email) for a in bridge.authors] == [
        ("Nadia Okonkwo", "nadia@westportwren.example")
    ]
    assert bridge.summary == "The bridge closed in September over corroded bolts."
    assert bridge.published_at == datetime(2025, 4, 26, 15, 20, tzinfo=UTC)
    assert "About time!" not in bridge.body_html and "wp:jetpack" not in bridge.body_html
    # The featured image comes after the post in the file, as WordPress.com writes it.
    lead = bridge.lead_photo
    assert lead.source_url.endswith("westportwren.files.wordpress.com/2025/04/footbridge-crowd.jpg")
    assert (lead.credit, lead.agency) == ("Nadia Okonkwo", "The Westport Wren")
    assert lead.alt_text == "People walking across a wooden footbridge over a river"
    (deck,) = bridge.photos
    assert (deck.caption, deck.credit) == ("New deck boards went down in March.", "Ines Calloway")

    guards = posts["Compo Beach lifeguards train for the season"]
    assert [a.name for a in guards.authors] == ["Felix Harrow"]  # the login is not a byline
    assert guards.section == ""
    assert "<figcaption>Guards practise a rescue off the jetty." in guards.body_html
    assert "<p>Twelve new lifeguards spent Saturday morning" in guards.body_html
    assert [(p.caption, p.credit) for p in guards.photos] == [
        ("Guards practise a rescue off the jetty.", "Felix Harrow")
    ]
    hearing = posts["Questions for the budget hearing"]
    assert (hearing.status, hearing.published_at) == ("draft", None)


def test_wxr_1_0_export_from_the_classic_editor():
    items = read(FIXTURES / "wxr-1.0.xml")
    posts = stories(items)

    assert list(posts) == [
        "Town meeting backs sewer extension to Compo Cove",
        "Cleanup crew clears eelgrass from the boat ramp",
    ]
    assert skipped(items) == {"attachment": 1, "page": 1}
    sewer = posts["Town meeting backs sewer extension to Compo Cove"]
    # WXR 1.0 lists each term twice, once without a domain, and calls tags "tag".
    assert (sewer.section, sewer.topics) == ("Town Meeting", ["sewers", "taxes"])
    assert [a.name for a in sewer.authors] == ["hwells"]  # 1.0 exports carry no author records
    assert sewer.published_at == datetime(2009, 5, 26, 21, 14, 5, tzinfo=UTC)
    assert sewer.body_html.startswith("<figure>")
    assert "<figcaption>Pump station No. 3 on Cove Road. Photo by Hal Wells</figcaption>" in (
        sewer.body_html
    )
    assert "<p>Voters at Tuesday's special town meeting agreed" in sewer.body_html
    assert "<!--more-->" not in sewer.body_html and "[caption" not in sewer.body_html
    (pump,) = sewer.photos
    assert (pump.caption, pump.credit) == ("Pump station No. 3 on Cove Road.", "Hal Wells")
    eelgrass = posts["Cleanup crew clears eelgrass from the boat ramp"]
    assert eelgrass.body_html == (
        "<p>Eleven volunteers with rakes and a borrowed pickup truck spent Saturday morning "
        "hauling eelgrass off the Compo Cove boat ramp.<br>\nThe ramp had been too slick to use "
        "since the May storms.</p>\n<p>By noon the <strong>ramp was clear</strong> and the first "
        "kayaks were in the water.</p>"
    )


def test_export_without_version_tag_written_by_another_tool():
    items = read(FIXTURES / "no-version.xml")
    posts = stories(items)

    assert skipped(items) == {"page": 1}
    orchard = posts["Apple orchard on Morningside Drive sold to land trust"]
    assert orchard.status == "published"  # "Publish", "Post": WordPress's words in any case
    assert orchard.published_at == datetime(2024, 10, 14, 11, 30, tzinfo=UTC)
    assert orchard.summary == "Forty acres will stay in apples."  # undeclared excerpt: prefix
    assert orchard.body_html == (
        "<p>The Morningside orchard will stay an orchard.</p>\n"
        "<p>“We wanted the trees to outlive us,” said seller Walt Dunmore.</p>"
    )
    assert orchard.section == "Land Use"
    assert orchard.external_id == "https://gazette.example.com/news/orchard-land-trust?p=1007"
    notes = posts["Cider festival: notes for the preview"]
    # Neither a guid nor a post id: the post's address identifies it.
    assert notes.external_id == "https://gazette.example.com/news/cider-festival-notes"
    assert notes.label == (
        "item 2 (https://gazette.example.com/news/cider-festival-notes, "
        "“Cider festival: notes for the preview”)"
    )
    assert notes.status == "draft"


@pytest.mark.parametrize(
    "name, headline, text",
    [
        ("latin1.xml", "Café Norte opens on Front Street",
         "José and Renée Alvarán, serve crème brûlée à la carte"),
        ("windows-1252.xml", "“No wake” zone extended past the Cribari bridge",
         "5 knots — the harbor commission’s rule since 1998 — all the way to the café dock"),
    ],
)  # fmt: skip
def test_declared_single_byte_encoding_is_decoded(name, headline, text):
    (post,) = stories(read(FIXTURES / name)).values()

    assert post.headline == headline
    assert text in post.body_html


@pytest.mark.parametrize(
    "name, message",
    [
        ("billion-laughs.xml", "refused: the XML declares entities"),
        ("xxe.xml", "refused: the XML declares entities"),
        ("empty.xml", "the file is empty"),
        ("truncated.xml", "the file breaks off at line 71, column 82 after 1 item was read"),
        ("mislabelled-latin1.xml", "not well-formed XML at line 6, column 10"),
        ("shift-jis-declared.xml", "multi-byte encodings are not supported"),
    ],
)
def test_unreadable_files_fail_with_a_clear_error(name, message):
    with pytest.raises(ImportFormatError, match=re.escape(message)):
        read(FIXTURES / name)


def test_not_a_wordpress_export(corpus):
    with pytest.raises(ImportFormatError, match="not a WordPress export"):
        read(corpus / "feeds" / "heise-developer.atom")


def write_export(path: Path, posts: int) -> None:
    """A WordPress export of `posts` posts, each with its featured image listed first."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
        )
        for n in range(1, posts + 1):
            out.write(
                f"<item><title>photo {n}</title><guid>https://ledger.example.org/p{n}.jpg</guid>"
                f"<excerpt:encoded>Dock number {n}. Photo: Mara Quinn / Millbrook Ledger"
                f"</excerpt:encoded><wp:post_id>{100000 + n}</wp:post_id>"
                "<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
                f"<wp:attachment_url>https://ledger.example.org/p{n}.jpg</wp:attachment_url>"
                "</item>\n"
                f"<item><title>Harbor notes, day {n}</title>"
                f"<guid>https://ledger.example.org/?p={n}</guid><dc:creator>rdelgado</dc:creator>"
                "<content:encoded><![CDATA[<!-- wp:paragraph --><p>"
                + "The ferry ran on time and the gulls were loud. "
                * 40
                + "</p><!-- /wp:paragraph -->]]></content:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2025-03-14 12:30:00"
                "</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post"
                "</wp:post_type><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{100000 + n}</wp:meta_value></wp:postmeta></item>\n"
            )
        out.write("</channel>\n</rss>\n")


def test_large_export_is_streamed_item_by_item(tmp_path):
    path = tmp_path / "export.xml"
    write_export(path, 2000)
    data = path.read_bytes()
    # Cut the file off in its last item: a parser that read everything first would yield nothing.
    path.write_bytes(data[: data.rindex(b"<item><title>Harbor notes, day 2000") + 40])
    items = wxr.parse(path)
    assert inspect.isgenerator(items)

    first = next(items)
    assert isinstance(first, Skipped) and first.kind == "attachment"
    second = next(items)
    assert second.headline == "Harbor notes, day 1"
    assert (second.lead_photo.caption, second.lead_photo.credit) == ("Dock number 1.", "Mara Quinn")
    received = 2
    with pytest.raises(ImportFormatError, match="the file breaks off at line 4004, column 40 "
                       "after 3999 items were read"):  # fmt: skip
        for _ in items:
            received += 1
    assert received == 3999  # all but the tail of the file arrived before the error


@pytest.mark.django_db
def test_import_saves_stories_once_and_reports_the_bad_item():
    path = FIXTURES / "newsroom-export.xml"

    report = import_file(path, status="keep")

    assert (report.created, report.failed) == (5, 1)
    assert report.skipped == {"page": 1, "nav_menu_item": 1, "revision": 1, "attachment": 4}
    (failure,) = report.failures
    assert failure.file == str(path)
    assert failure.item.startswith("item 3 (https://ledger.example.org/?p=103")
    assert "wp:post_date_gmt" in failure.message
    ferry = Article.objects.get(source="wxr", external_id="https://ledger.example.org/?p=101")
    # Its lead photo has no file yet, so the rule for imported copy holds it for review.
    assert ferry.status == Article.Status.REVIEW
    assert ferry.section is None  # the category is a topic
    assert [a.name for a in ferry.byline_authors()] == ["Rosa Delgado"]
    assert ferry.lead_photo.credit_line == "Mara Quinn / Millbrook Ledger"
    assert {"Local News", "Harbor", "Ferries"} <= {t.name for t in ferry.topics.all()}
    assert "<!--" not in ferry.body and "class=" not in ferry.body
    assert Article.objects.get(external_id="https://ledger.example.org/?p=106").status == "review"

    again = import_file(path, status="keep")

    assert (again.created, again.updated, again.unchanged, again.failed) == (0, 0, 5, 1)
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_import_refuses_external_entities_and_names_the_file():
    path = FIXTURES / "xxe.xml"

    report = import_file(path)

    (failure,) = report.failures
    assert (failure.file, failure.item) == (str(path), "(file)")
    assert "declares entities" in failure.message
    assert "root:" not in str(failure)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_admin_report_lists_what_was_skipped():
    report = import_file(FIXTURES / "newsroom-export.xml", dry_run=True)

    page = render_to_string("admin/import_articles_report.html", {"report": report})

    assert "<strong>skipped:</strong> 7 (attachment 4, nav_menu_item 1, page 1, revision 1)" in page


@pytest.mark.django_db
def test_import_counts_each_type_imported_and_skipped_with_the_reason():
    report = import_file(FIXTURES / "wordpress-com.xml")

    assert (report.created, report.failed, report.skipped.total()) == (3, 0, 14)
    counts = {kind: (c.imported, c.failed, dict(c.skipped)) for kind, c in report.by_kind()}
    assert counts == {
        "post": (3, 0, {
            "in the trash": 1, "an auto-draft WordPress started, never saved": 1
        }),
        "attachment": (0, 0, {
            "an image: kept as a photo for the posts that use it": 3,
            "a media file that is not an image: the posts keep their links to it": 1,
        }),
        "nav_menu_item": (0, 0, {"a menu item": 2}),
        "feedback": (0, 0, {"a message sent through a contact form": 1}),
        "jetpack-testimonial": (0, 0, {"not a post: only posts become stories": 1}),
        "page": (0, 0, {"a site page, not a story": 1}),
        "wp_block": (0, 0, {"a reusable block": 1}),
        "wp_global_styles": (0, 0, {"theme styles": 1}),
        "wp_navigation": (0, 0, {"a navigation menu": 1}),
    }  # fmt: skip
    assert [kind for kind, _ in report.by_kind()][:3] == ["post", "attachment", "nav_menu_item"]
    assert {item.kind for item in report.items} == {"post"}


@pytest.mark.django_db
def test_a_bad_post_counts_as_a_failed_post():
    report = import_file(FIXTURES / "newsroom-export.xml")

    post = report.kinds["post"]
    assert (post.imported, post.failed) == (5, 1)
    assert post.summary() == "5 imported, 1 failed"
    assert report.kinds["page"].summary(dry_run=True) == "1 skipped (a site page, not a story)"


@pytest.mark.django_db
def test_the_command_and_the_admin_report_show_the_breakdown():
    out = StringIO()
    call_command("import_articles", str(FIXTURES / "wordpress-com.xml"), stdout=out)

    lines = out.getvalue().splitlines()
    by_type = lines[lines.index("post: 3 imported, 2 skipped (in the trash: 1; an auto-draft "
                                "WordPress started, never saved: 1)"):]  # fmt: skip
    assert by_type[1:4] == [
        "attachment: 4 skipped (an image: kept as a photo for the posts that use it: 3; "
        "a media file that is not an image: the posts keep their links to it: 1)",
        "nav_menu_item: 2 skipped (a menu item)",
        "feedback: 1 skipped (a message sent through a contact form)",
    ]
    assert "page: 1 skipped (a site page, not a story)" in by_type
    assert by_type[-1] == (
        "created 3, updated 0, unchanged 0, skipped 14 (attachment 4, feedback 1, "
        "jetpack-testimonial 1, nav_menu_item 2, page 1, post 2, wp_block 1, wp_global_styles 1, "
        "wp_navigation 1), failed 0; live on the site 0."
    )

    report = import_file(FIXTURES / "wordpress-com.xml", dry_run=True)
    page = render_to_string("admin/import_articles_report.html", {"report": report})
    assert "<caption>By type</caption>" in page and "Would be imported" in page
    assert (
        '<tr><th scope="row">post</th><td>3</td><td>0</td><td>2</td>'
        "<td>in the trash: 1; an auto-draft WordPress started, never saved: 1</td></tr>"
    ) in page
    assert (
        '<tr><th scope="row">nav_menu_item</th><td>0</td><td>0</td><td>2</td>'
        "<td>a menu item</td></tr>"
    ) in page
