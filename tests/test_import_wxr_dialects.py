"""WordPress exports in every dialect: WXR 1.0–1.2, http or https, with or without a version tag,
declarations or namespaces, in other encodings, orders and cases. Each variant of one export must
read exactly as the export itself, and be recognised as an export by its content alone."""

import codecs
import re
from dataclasses import astuple, replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from articles.importers import detect_format, wxr
from articles.importers.base import ImportFormatError, ParsedArticle, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "wxr"
EXPORT = FIXTURES / "wordpress-com.xml"
TEXT = EXPORT.read_text(encoding="utf-8")
WP_PREFIXES = ("wp", "excerpt", "content", "dc", "wfw")


def outcome(path: Path) -> list[tuple]:
    """What the reader makes of each item, comparable across dialects (the payload is each
    dialect's own XML as received, so it is left out)."""
    return [
        astuple(replace(item, payload=""))
        if isinstance(item, ParsedArticle)
        else (type(item).__name__, *astuple(item))
        for item in wxr.parse(path)
    ]


def namespace(text: str, *, scheme: str, version: str) -> str:
    return text.replace(
        "https://wordpress.org/export/1.2/", f"{scheme}://wordpress.org/export/{version}/"
    )


def without_version(text: str) -> str:
    return re.sub(r"\s*<wp:wxr_version>.*?</wp:wxr_version>", "", text)


def undeclared(text: str) -> str:
    """The WordPress prefixes used but never declared, as hand-made exports do."""
    return re.sub(rf"\s+xmlns:(?:{'|'.join(WP_PREFIXES)})=\"[^\"]*\"", "", text)


def without_namespace(text: str) -> str:
    """WordPress's own fields with no prefix at all, and no export namespace anywhere."""
    text = re.sub(r"<(/?)wp:", r"<\1", undeclared(text))
    return text.replace("WordPress eXtended RSS", "export")


def escaped_content(text: str) -> str:
    """Every CDATA section written as escaped text instead."""
    return re.sub(
        r"<!\[CDATA\[(.*?)\]\]>",
        lambda m: m.group(1).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        text,
        flags=re.S,
    )


def split_cdata(text: str) -> str:
    """Each CDATA section cut in two, as WordPress writes content that contains "]]>"."""
    return re.sub(
        r"<!\[CDATA\[(.*?)\]\]>",
        lambda m: f"<![CDATA[{m.group(1)[:2]}]]><![CDATA[{m.group(1)[2:]}]]>",
        text,
        flags=re.S,
    )


def other_case(text: str) -> str:
    """Element names in other cases: `<wp:Post_Type>`, `<PUBDATE>`."""
    text = re.sub(r"<(/?)wp:(\w+)", lambda m: f"<{m.group(1)}wp:{m.group(2).title()}", text)
    text = re.sub(r"<(/?)pubDate>", r"<\1PUBDATE>", text)
    return re.sub(r"<(/?)rss\b", r"<\1RSS", text)


def reordered(text: str) -> str:
    """WordPress's fields first in every item, then the rest in their own order."""
    for prefix, uri in re.findall(r'xmlns:(\w+)="([^"]+)"', text):
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.fromstring(text.encode())
    for item in root.iter("item"):
        children = list(item)
        for child in children:
            item.remove(child)
        item.extend(sorted(children, key=lambda child: "export" not in child.tag))
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)


def encoded(text: str, encoding: str) -> bytes:
    return text.replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(encoding)


DIALECTS = {
    **{
        f"{scheme} {version}": lambda text, s=scheme, v=version: namespace(
            text, scheme=s, version=v
        )
        for scheme in ("http", "https")
        for version in ("1.0", "1.1", "1.2")
    },
    "no version tag": without_version,
    "undeclared prefixes": undeclared,
    "no namespace, no version": lambda text: without_version(without_namespace(text)),
    "escaped, not CDATA": escaped_content,
    "split CDATA": split_cdata,
    "other case": other_case,
    "fields reordered": reordered,
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_reads_as_the_export_itself(dialect, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(DIALECTS[dialect](TEXT), encoding="utf-8", newline="")

    assert detect_format(path) is wxr
    assert outcome(path) == outcome(EXPORT)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        encoded(TEXT, "windows-1252"),
        codecs.BOM_UTF8 + undeclared(TEXT).encode("utf-8"),
    ],
    ids=["byte order mark", "windows-1252", "byte order mark, undeclared prefixes"],
)
def test_encodings_read_as_the_export_itself(data, tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(data)

    assert detect_format(path) is wxr
    assert outcome(path) == outcome(EXPORT)


def test_the_export_namespace_names_every_dialect_one_way():
    for uri in (
        "http://wordpress.org/export/1.0/",
        "https://wordpress.org/export/1.2/",
        "http://www.wordpress.org/export/1.1/",
        "https://wordpress.org/export/",
    ):
        assert wxr._key(f"{{{uri}}}post_type") == "wp:post_type"
        assert wxr._key(f"{{{uri}excerpt/}}encoded") == "excerpt:encoded"
    assert wxr._key("{https://purl.org/rss/1.0/modules/content/}encoded") == "content:encoded"
    # Another namespace's element never stands in for a field of the export.
    media_title = "{http://search.yahoo.com/mrss/}title"
    assert wxr._key(media_title) == media_title
    assert wxr._key("pubDate") == "pubdate" and wxr._key("post_id") == "wp:post_id"


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "wordpress-com-feed.rss",  # WordPress.com's feed: its wp: is not the export's
        *sorted((Path(__file__).parent / "fixtures" / "feeds").glob("*")),
    ],
    ids=lambda path: path.name,
)
def test_feeds_are_not_taken_for_exports(path):
    assert not wxr.sniff(path.read_bytes()[:8192], path.name)


def test_feeds_in_the_corpus_are_not_taken_for_exports(corpus):
    for path in sorted((corpus / "feeds").glob("*")):
        assert not wxr.sniff(path.read_bytes()[:8192], path.name), path.name


def test_every_export_in_the_corpus_and_fixtures_is_recognised(corpus):
    broken = {"billion-laughs.xml", "xxe.xml", "empty.xml", "shift-jis-declared.xml"}
    paths = [*sorted((corpus / "wxr").glob("*.xml")), *sorted(FIXTURES.glob("*.xml"))]
    for path in paths:
        if path.name not in broken:
            assert detect_format(path) is wxr, path.name


def test_a_feed_read_as_an_export_is_refused_by_name():
    with pytest.raises(ImportFormatError, match=r"not a WordPress export: item 1 carries none"):
        list(wxr.parse(FIXTURES / "wordpress-com-feed.rss"))


@pytest.mark.parametrize("prolog", ["", "\ufeff", '\ufeff<?xml version="1.0"?><!-- café -->'])
def test_an_undeclared_prefix_of_another_kind_is_reported_where_it_is(prolog, tmp_path):
    path = tmp_path / "export.xml"
    # One line, so the declarations added to <rss> would shift the column if not accounted for.
    text = (
        f'{prolog}<rss version="2.0"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<item><wp:post_type>post</wp:post_type><media:title>x</media:title></item>"
        "</channel></rss>"
    )
    path.write_text(text, encoding="utf-8")

    column = text.index("<media:title>")  # expat counts characters, the byte order mark too
    with pytest.raises(ImportFormatError, match=rf"at line 1, column {column}: unbound prefix"):
        list(wxr.parse(path))


def test_a_page_is_skipped_whatever_the_case_of_its_type(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(
        '<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel><item>'
        "<title>Contact</title><wp:post_id>2</wp:post_id><wp:post_type>Page</wp:post_type>"
        "</item></channel></rss>"
    )

    (item,) = wxr.parse(path)

    assert isinstance(item, Skipped)
    assert (item.kind, item.label) == ("page", "item 1 (post 2, “Contact”)")
