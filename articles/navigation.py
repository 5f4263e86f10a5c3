"""The sections in the site's navigation, kept in the cache until a story or a section changes.

Every public page shows them, so they are read from the database once, not on every page view:
saving or deleting any story or section forgets them (`forget_navigation`, from
`articles.signals`), and they are never kept past the moment a scheduled story brings a section
its first published story.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from articles.models import Article, Section

CACHE_KEY = "navigation:sections"


def navigation_sections() -> list[tuple[str, str]]:
    """(name, address) of each section with a published story, in navigation order."""
    seconds = settings.NEWSROOM_NAVIGATION_CACHE_SECONDS
    entry = cache.get(CACHE_KEY) if seconds > 0 else None
    now = time.time()
    if entry is not None and now < entry["until"]:
        return entry["sections"]
    shown, next_change_at = _sections_shown()
    if seconds > 0:
        until = min(now + seconds, next_change_at or now + seconds)
        cache.set(CACHE_KEY, {"sections": shown, "until": until}, timeout=seconds)
    return shown


def forget_navigation() -> None:
    """Make the next page read the sections again: now (for this transaction's own requests) and
    once it commits (a page rendered meanwhile by another request may have kept the old ones)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _sections_shown() -> tuple[list[tuple[str, str]], float | None]:
    """The sections to show, and when the first of the others gets a scheduled story (None if
    none will), in one query."""
    in_section = {"section": OuterRef("pk")}
    scheduled = Article.objects.scheduled().filter(**in_section).order_by("published_at")
    sections = Section.objects.only("name", "slug").annotate(
        is_shown=Exists(Article.objects.published().filter(**in_section)),
        first_scheduled_at=Subquery(scheduled.values("published_at")[:1]),
    )
    shown, waiting = [], []
    for section in sections:
        if section.is_shown:
            shown.append((section.name, section.get_absolute_url()))
        elif section.first_scheduled_at is not None:
            waiting.append(section.first_scheduled_at.timestamp())
    return shown, min(waiting, default=None)
