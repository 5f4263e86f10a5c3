"""Search results: ranking, stemming, what is searched, filters, visibility and snippets.

The same tests run on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL (full-text search).
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.search import MAX_QUERY_LENGTH, clean_query, fts5_query, highlight, search_articles
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(headline="Harbor commission meets", *, dek="", body="<p>The commission met.</p>", **kw):
    return ArticleFactory(headline=headline, dek=dek, body=body, summary="", **kw)


def found(query, **filters) -> list:
    return [article.pk for article in search_articles(query, **filters)]


@pytest.fixture
def unrelated():
    """Stories without the words searched for, as a real archive has: they make words rare."""
    return [
        story(f"Library book sale number {n}", dek="Paperbacks for a dollar.") for n in range(6)
    ]


def test_headline_match_ranks_above_dek_above_body(unrelated):
    now = timezone.now()
    in_body = story(
        "Warehouse searched on Main Street",
        body="<p>Police said the raid found nothing. A second raid is planned; the raid team "
        "returns Friday.</p>",
        published_at=now - timedelta(minutes=1),
    )
    in_dek = story(
        "Quiet night downtown",
        dek="Shops reopened after the raid.",
        published_at=now - timedelta(minutes=2),
    )
    in_headline = story("Police raid warehouse", published_at=now - timedelta(minutes=3))

    assert found("raid") == [in_headline.pk, in_dek.pk, in_body.pk]


def test_newest_first_ignores_the_rank(unrelated):
    older = story("Police raid warehouse", published_at=timezone.now() - timedelta(days=2))
    newer = story("Budget", body="<p>The raid cost money.</p>")

    assert found("raid", newest_first=True) == [newer.pk, older.pk]


@pytest.mark.parametrize("query", ["raids", "raided", "RAID", "raiding"])
def test_words_are_matched_in_any_form(query, unrelated):
    article = story("Police raid warehouse")

    assert found(query) == [article.pk]


def test_byline_and_tags_are_searched(unrelated):
    by_author = story(authors=[AuthorFactory(name="Marisol Vantreight")])
    in_place = story()
    in_place.places.add("Saugatuck Shores")
    on_topic = story()
    on_topic.topics.add("Affordable housing")

    assert found("Vantreight") == [by_author.pk]
    assert found("saugatuck shores") == [in_place.pk]
    assert found("housing") == [on_topic.pk]


def test_body_html_is_searched_as_text(unrelated):
    article = story(body="<p>The <strong>sea</strong>wall vote.</p><p>Next<br>year</p>")

    assert found("seawall") == [article.pk]
    assert found("next year") == [article.pk]
    assert found("strong") == []


def test_all_words_must_match_unless_joined_by_or(unrelated):
    fire = story("Barn fire on Cross Highway")
    flood = story("Flood closes Cross Highway")

    assert found("fire highway") == [fire.pk]
    assert set(found("fire or flood")) == {fire.pk, flood.pk}
    assert found("highway -flood") == [fire.pk]
    assert found('"highway fire"') == []
    assert found('"barn fire"') == [fire.pk]


def test_only_published_stories_are_found(unrelated):
    published = story("Police raid warehouse")
    story("Police raid draft", status="draft", published_at=None)
    story("Police raid in review", status="review")
    story("Police raid scheduled", published_at=timezone.now() + timedelta(hours=1))

    assert found("raid") == [published.pk]


def test_filters(unrelated):
    police = SectionFactory(name="Police & Fire")
    author = AuthorFactory(name="Dana Okafor")
    day = timezone.make_aware(datetime(2025, 3, 4, 23, 30))  # late evening, local time
    match = story("Police raid warehouse", section=police, authors=[author], published_at=day)
    match.places.add("Westport")
    match.topics.add("Public safety")
    elsewhere = story("Police raid shop", published_at=day - timedelta(days=3))
    elsewhere.places.add("Norwalk")
    elsewhere.topics.add("Business")

    assert found("raid", section=police) == [match.pk]
    assert found("raid", place=match.places.get()) == [match.pk]
    assert found("raid", topic=match.topics.get()) == [match.pk]
    assert found("raid", author=author) == [match.pk]
    assert found("raid", date_from=day.date(), date_to=day.date()) == [match.pk]
    assert found("raid", date_to=day.date() - timedelta(days=1)) == [elsewhere.pk]
    assert found("raid", date_from=day.date() + timedelta(days=1)) == []
    assert found("raid", place=elsewhere.places.get(), author=author) == []


def test_headline_and_snippet_mark_the_matches_and_escape_the_rest(unrelated):
    story(
        "Raid at <em>Fish & Chips</em>",
        body="<p>Officers said &lt;script&gt;alert(1)&lt;/script&gt; was written on the wall "
        "during the raid, and that profits &lt; costs &amp; fees.</p>",
    )

    [article] = search_articles("raid")
    marked_headline = highlight(article.marked_headline)
    snippet = highlight(article.snippet)

    assert marked_headline == "<mark>Raid</mark> at &lt;em&gt;Fish &amp; Chips&lt;/em&gt;"
    assert "<mark>raid</mark>" in snippet
    assert "profits &lt; costs &amp; fees" in snippet
    # PostgreSQL leaves tag-like words out of a passage; SQLite keeps them, escaped.
    assert "<script" not in snippet.replace("<mark>", "").replace("</mark>", "")


def test_highlight_escapes_everything_but_the_marks():
    assert highlight('a < b & "c" \ue000d\ue001') == "a &lt; b &amp; &quot;c&quot; <mark>d</mark>"
    assert highlight(None) == ""


def test_a_query_without_words_finds_nothing(unrelated):
    story("Police raid warehouse")

    for query in ("", "   ", "!!!", "-raid", '""', "or"):
        assert found(query) == []


def test_queries_are_cleaned_and_cut():
    assert clean_query("  fire\x00 \u202eraid\n ") == "fire raid"
    assert len(clean_query("word " * 100)) <= MAX_QUERY_LENGTH
    assert clean_query("word " * 100, limit=None).count("word") == 100


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("fire raid", '"fire" AND "raid"'),
        ('"town hall" budget', '"town hall" AND "budget"'),
        ("fire or flood school", '("fire" OR "flood") AND "school"'),
        ('fire -"town hall"', '"fire" NOT "town hall"'),
        ("NEAR(fire raid)", '"near fire" AND "raid"'),
        ("headline:fire body:*", '"headline fire" AND "body"'),
        ("O'Brien AND x-ray", '"o brien" AND "and" AND "x ray"'),
        ('fire" OR "', '"fire"'),
        ("-fire", ""),
    ],
)
def test_fts5_queries_quote_every_term(query, expression):
    assert fts5_query(query) == expression
