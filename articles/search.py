"""Searching the published stories: PostgreSQL full-text search, or SQLite FTS5.

`search_articles()` answers the same way on both databases: the published stories matching a
reader's query, best first (a match in the headline counts most, then the dek, byline and tags,
then the body), each with its headline and a passage of its body marked where they match.

A query is read like a web search box: words (all must match, in any form: "raids" finds
"raid"), "quoted phrases", `or` between alternatives and a leading `-` to leave a word out.
Nothing a reader types is ever handed to the database as query syntax: PostgreSQL parses it
with `websearch_to_tsquery` (which takes any text), and for FTS5 the words are picked out and
each is quoted here. Queries are cut to `MAX_QUERY_LENGTH` characters.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import NotSupportedError, connection
from django.db.models import BooleanField, Count, F, FloatField, Func, QuerySet, TextField
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Author, Place, SearchEntry, Section, Topic
from articles.search_index import MATCH_END, MATCH_START

MAX_QUERY_LENGTH = 200
# FTS5's bm25() weight per column (headline, dek, byline and tags, body). PostgreSQL weighs the
# same parts A, B, B and C with ts_rank's defaults (1.0, 0.4, 0.4, 0.2).
FTS5_WEIGHTS = (10.0, 4.0, 4.0, 1.0)
SNIPPET_WORDS = 32
FACET_SIZE = 8
# A word as FTS5's unicode61 tokenizer sees it: letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def clean_query(text: str, *, limit: int | None = MAX_QUERY_LENGTH) -> str:
    """The reader's query as searched: control characters dropped, white space folded, cut to
    `limit` characters (None: not cut)."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    return " ".join(text.split())[:limit].strip()


def _parse(query: str) -> tuple[list[list[tuple[str, ...]]], list[tuple[str, ...]]]:
    """The terms (each a tuple of words) of a cleaned query: groups of alternatives (terms joined
    by `or`) that must all match, and the terms to leave out. Nothing at all when no group."""
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[tuple[str, ...]] = []
    alternative = False
    for match in _TERM.finditer(query):
        negated, phrase, word = match.groups()
        if word is not None and word.casefold() == "or":
            alternative = bool(groups)
            continue
        if word is not None:
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        words = tuple(_WORD.findall(phrase.casefold()))
        if not words:
            continue
        if negated:
            excluded.append(words)
        elif alternative:
            groups[-1].append(words)
        else:
            groups.append([words])
        alternative = False
    return (groups, excluded) if groups else ([], [])


def has_terms(query: str) -> bool:
    """Whether `query` names anything to look for (not only punctuation or excluded words)."""
    groups, _ = _parse(clean_query(query))
    return bool(groups)


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression for the reader's `query`; "" when it names nothing to find.

    Each term is quoted, so FTS5 reads it as a plain string (a phrase when it has several words)
    and never as an operator, column name or prefix.
    """
    groups, excluded = _parse(clean_query(query))
    quoted = [['"' + " ".join(words) + '"' for words in group] for group in groups]
    expression = " AND ".join(
        terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")" for terms in quoted
    )
    return "".join([expression, *(' NOT "' + " ".join(words) + '"' for words in excluded)])


def highlight(text: str | None) -> SafeString:
    """Search-marked text as HTML: everything escaped, then the matches wrapped in <mark>."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))  # noqa: S308


class _Fts5(Func):
    """SQL over the FTS5 search table, in a query on the stories (joined) or on the entries.

    FTS5 names a table's hidden column after the table, reached through the table's alias in the
    query: the expression holds one of the table's columns (`column`, as the query's model reaches
    it) to learn that alias.
    """

    sql = ""

    def __init__(self, *params, output_field, column: str = "search_entry__headline"):
        super().__init__(F(column), output_field=output_field)
        self.params = list(params)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("FTS5 search needs SQLite.")

    def as_sqlite(self, compiler, connection, **extra_context):
        alias = self.get_source_expressions()[0].alias
        quote = connection.ops.quote_name
        table = f"{quote(alias)}.{quote(SearchEntry._meta.db_table)}"
        return self.sql.format(table=table), self.params


class Fts5Match(_Fts5):
    sql = "{table} MATCH %s"
    conditional = True

    def __init__(self, expression: str, **kwargs):
        super().__init__(expression, output_field=BooleanField(), **kwargs)


class Fts5Rank(_Fts5):
    # bm25() is lower for a better match; negated so that higher is better on both databases.
    sql = "-bm25({table}, " + ", ".join(str(weight) for weight in FTS5_WEIGHTS) + ")"

    def __init__(self, **kwargs):
        super().__init__(output_field=FloatField(), **kwargs)


class Fts5Highlight(_Fts5):
    sql = "highlight({table}, 0, %s, %s)"

    def __init__(self, **kwargs):
        super().__init__(MATCH_START, MATCH_END, output_field=TextField(), **kwargs)


class Fts5Snippet(_Fts5):
    sql = f"snippet({{table}}, 3, %s, %s, %s, {SNIPPET_WORDS})"

    def __init__(self, **kwargs):
        super().__init__(MATCH_START, MATCH_END, "…", output_field=TextField(), **kwargs)


@dataclass(frozen=True)
class SearchResults:
    """The stories a search found, for a paginator: counted, and read a page at a time.

    `matching` is every story found, bare and unordered (to count them and their facets);
    `ranked` is the same stories in order with their `rank` (higher is better). `entries` are
    their search entries, with `marked_headline` and `snippet` (a passage of the body), worked
    out only for the stories read: a slice gives a list of stories carrying those two (pass
    them through `highlight()`).
    """

    matching: QuerySet[Article]
    ranked: QuerySet[Article]
    entries: QuerySet[SearchEntry]

    def count(self) -> int:
        return self.matching.count()

    def __getitem__(self, index: slice) -> list[Article]:
        stories = list(self.ranked[index])
        if not stories:
            return stories
        marks = self.entries.filter(pk__in=[story.pk for story in stories])
        marked = {pk: rest for pk, *rest in marks.values_list("pk", "marked_headline", "snippet")}
        for story in stories:
            story.marked_headline, story.snippet = marked.get(story.pk, (story.headline, ""))
        return stories

    def __iter__(self):
        return iter(self[:])


def search_articles(
    query: str,
    *,
    section: Section | None = None,
    place: Place | None = None,
    topic: Topic | None = None,
    author: Author | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    newest_first: bool = False,
) -> SearchResults:
    """Published stories matching the reader's `query`, in the section, place, topic and by the
    author given, published from `date_from` through `date_to` (days in the site's time zone).

    Best match first, or newest first; the ranked stories come with what a card shows
    (`for_cards()`). A query that names nothing finds nothing.
    """
    stories = Article.objects.published()
    if section is not None:
        stories = stories.filter(section=section)
    if place is not None:
        stories = stories.filter(places=place)
    if topic is not None:
        stories = stories.filter(topics=topic)
    if author is not None:
        stories = stories.filter(bylines__author=author)
    if date_from is not None:
        stories = stories.filter(published_at__gte=_start_of(date_from))
    if date_to is not None:
        stories = stories.filter(published_at__lt=_start_of(date_to + timedelta(days=1)))
    text = clean_query(query)
    if not has_terms(text):
        return SearchResults(stories.none(), stories.none(), SearchEntry.objects.none())
    search = _postgresql_search if connection.vendor == "postgresql" else _sqlite_search
    ranked, entries = search(stories, text)
    order = ["-published_at", "-pk"] if newest_first else ["-rank", "-published_at", "-pk"]
    return SearchResults(
        matching=stories.filter(pk__in=entries.values("pk")),
        ranked=ranked.for_cards().order_by(*order),
        entries=entries,
    )


FACETS = {
    "section": (Section, "articles"),
    "place": (Place, "article_items__content_object"),
    "topic": (Topic, "article_items__content_object"),
    "author": (Author, "bylines__article"),
}


def search_facets(
    results: SearchResults, *, names=tuple(FACETS), size: int = FACET_SIZE
) -> dict[str, list]:
    """The sections, places, topics and authors (those of `names`) that come up most among the
    `results`: at most `size` of each, most stories first, each with its number of stories as
    `hits`. One query per name, however many stories there are.
    """
    matching = results.matching.values("pk")
    facets = {}
    for name in names:
        model, relation = FACETS[name]
        rows = model.objects.filter(**{f"{relation}__in": matching}).annotate(hits=Count(relation))
        facets[name] = list(rows.order_by("-hits", "name")[:size])
    return facets


# Each backend gives the stories joined to their entries, with their rank (to read a page of
# them), and the matching entries with their marked headline and passage, which are worked out
# apart because SQLite would mark every match before sorting them.


def _postgresql_search(stories: QuerySet, text: str) -> tuple[QuerySet, QuerySet]:
    config = settings.NEWSROOM_SEARCH_CONFIG
    query = SearchQuery(text, config=config, search_type="websearch")
    ranked = stories.filter(search_entry__vector=query).annotate(
        rank=SearchRank(F("search_entry__vector"), query)
    )
    marks = {"start_sel": MATCH_START, "stop_sel": MATCH_END, "config": config}
    entries = SearchEntry.objects.filter(vector=query).annotate(
        marked_headline=SearchHeadline("headline", query, highlight_all=True, **marks),
        snippet=SearchHeadline(
            "body",
            query,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    )
    return ranked, entries


def _sqlite_search(stories: QuerySet, text: str) -> tuple[QuerySet, QuerySet]:
    expression = fts5_query(text)
    # The lookup on the entry makes the join an inner one, so FTS5 can lead the query. Stories
    # are counted through `entries`, so that FTS5 leads whatever SQLite guesses about the rest.
    ranked = stories.filter(Fts5Match(expression), search_entry__isnull=False).annotate(
        rank=Fts5Rank()
    )
    entries = SearchEntry.objects.filter(Fts5Match(expression, column="headline")).annotate(
        marked_headline=Fts5Highlight(column="headline"), snippet=Fts5Snippet(column="headline")
    )
    return ranked, entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
