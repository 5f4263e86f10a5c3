"""Querysets compiled once and run again with new values give what the ORM gives."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.compiled import CompiledQuery
from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def stories(headline, now):
    return (
        Article.objects.published(at=now)
        .filter(headline=headline)
        .order_by("pk")
        .values_list("pk", "headline")
    )


def test_rows_are_the_querysets_for_every_value():
    now = timezone.now()
    for hours, name in [(1, "Harbor"), (30, "Harbor"), (-5, "Harbor"), (2, "Schools")]:
        ArticleFactory(headline=name, published_at=now - timedelta(hours=hours))
    ArticleFactory(headline="Harbor", embargoed_until=now + timedelta(hours=2))
    query = CompiledQuery(stories, headline="text", now="moment")

    for headline in ["Harbor", "Schools", "Sports"]:
        for moment in [now, now + timedelta(hours=3), now + timedelta(hours=6)]:
            expected = list(stories(headline, moment))
            assert [tuple(row) for row in query.rows(headline=headline, now=moment)] == expected
    assert len(query.rows(headline="Harbor", now=now + timedelta(hours=6))) == 4


def test_a_value_the_query_does_not_use_is_refused():
    query = CompiledQuery(
        lambda headline, now: Article.objects.filter(headline=headline).values_list("pk"),
        headline="text",
        now="moment",
    )
    with pytest.raises(ValueError, match="now is not among"):
        query.rows(headline="x", now=timezone.now())


def test_postgresql_prepares_the_statement_once_and_the_query_log_still_counts_it(
    django_assert_num_queries,
):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    ArticleFactory(headline="Harbor")
    query = CompiledQuery(stories, headline="text", now="moment")
    with django_assert_num_queries(3) as log:
        for _ in range(3):
            assert len(query.rows(headline="Harbor", now=timezone.now())) == 1
    assert all(entry["sql"].startswith("SELECT") for entry in log.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    sql = query._compile("default")[0]
    assert sum(statement.startswith(sql.split("%s")[0]) for statement in prepared) == 1
