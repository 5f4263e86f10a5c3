"""Querysets compiled to SQL once per process and run again with new values.

Django compiles a queryset's SQL each time it is evaluated. For the article page's queries
(the prepared story, the related stories) compiling costs more than running them. A
`CompiledQuery` builds its queryset once with stand-in values, finds where those values
landed among the query's parameters, and from then on runs the same SQL with the real values in
their places. The queryset is still written with the ORM and the newsroom's rules
(`published()`), so it never drifts from them.

On PostgreSQL the statement is also prepared on the server, once per connection: the database
then plans it once instead of on every page view (planning the related-stories query costs
PostgreSQL more than running it).
"""

from datetime import UTC, datetime

from django.db import connections
from django.db.backends.utils import CursorDebugWrapper

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg is not installed: only SQLite is in use
    ServerBindingCursor = None

# Stand-ins no real value equals: a string, a whole number and a moment of each kind.
_TEXT = "\x00stand-in-{}\x00"
_NUMBER = -7_340_000_000_000
_MOMENT = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


class CompiledQuery:
    """`build(**values)` returns a queryset of `values_list()` rows; `rows(**values)` runs it.

    `kinds` names each value's kind ("text", "number" or "moment"), so that a stand-in of that
    kind can be made for it. Values must reach the SQL as they are (equality, comparisons,
    `in` a subquery), not made into a pattern (`startswith`, `contains`).
    """

    def __init__(self, build, **kinds):
        self.build = build
        self.kinds = kinds
        self._compiled = {}  # per database alias: (sql, params, {position: name}, adapters)

    def rows(self, *, using: str = "default", **values) -> list[tuple]:
        sql, params, places = self._compile(using)
        params = list(params)
        for position, (name, adapt) in places.items():
            params[position] = adapt(values[name])
        with _cursor(connections[using]) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, using: str):
        if using not in self._compiled:
            ops = connections[using].ops
            adapters = {
                "text": str,
                "number": int,
                "moment": ops.adapt_datetimefield_value,
            }
            stand_ins = {}
            for index, (name, kind) in enumerate(self.kinds.items()):
                stand_ins[name] = {
                    "text": _TEXT.format(index),
                    "number": _NUMBER - index,
                    "moment": _MOMENT.replace(microsecond=index),
                }[kind]
            sql, params = self.build(**stand_ins).query.sql_with_params()
            places = {}
            for name, kind in self.kinds.items():
                adapted = adapters[kind](stand_ins[name])
                found = [i for i, param in enumerate(params) if param == adapted]
                if not found:
                    raise ValueError(f"{name} is not among the query's parameters.")
                places.update({i: (name, adapters[kind]) for i in found})
            self._compiled[using] = (sql, tuple(params), places)
        return self._compiled[using]


if ServerBindingCursor is not None:

    class _PreparingCursor(ServerBindingCursor):
        """A psycopg cursor that sends its parameters apart from the SQL and has the server
        prepare each statement (psycopg keeps them per connection, by their SQL)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)


def _cursor(db):
    """A cursor of `db` like `db.cursor()` (the same health check, error wrapping and query log),
    preparing its statements on PostgreSQL."""
    if db.vendor != "postgresql" or ServerBindingCursor is None:
        return db.cursor()
    db.close_if_health_check_failed()
    db.ensure_connection()
    raw = _PreparingCursor(db.connection)
    return _LoggedCursor(raw, db) if db.queries_logged else db.make_cursor(raw)


class _LoggedCursor(CursorDebugWrapper):
    """Django's query log, keeping the SQL as sent: psycopg keeps no executed text for a
    prepared statement."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return super(CursorDebugWrapper, self).execute(sql, params)
