"""Whole-page caching for readers, purged by surrogate keys the moment what a page shows changes.

Each public view names what its page shows (`add_surrogate_keys`): the story, its section, its
authors, the people it quotes, its places, topics and photos, and `lists` for every page that
lists stories. `PageCacheMiddleware` keeps anonymous readers' pages in Django's cache (Redis in
production) and answers repeat visits without running the view. Purging a key (`purge`) gives
it a new version: every stored page that named the key is then out of date, whichever app server
stored it, and a CDN configured with `NEWSROOM_CDN_PURGE_URL` is told to drop the same keys. Both
happen in a background task (`articles.tasks.purge_pages`), the CDN's retried until it answers.

A stored page never outlives the next moment a story goes live or comes down by itself (a
publish time, an embargo lifting, rights expiring: `ArticleQuerySet.next_visibility_change`),
so a list shows or drops it on time, nor local midnight (the masthead's date). Requests that
carry a session cookie (staff, previews) are never answered from the cache nor stored in it.
"""

import hashlib
import logging
import time
from datetime import datetime, timedelta
from email.utils import formatdate
from functools import wraps
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

logger = logging.getLogger(__name__)

HEADER = "Surrogate-Key"
LISTS = "lists"  # every page that lists stories: a story published or changed may appear there
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    HEADER,
    "X-Frame-Options",
    "X-Robots-Tag",
)


def key_for(instance) -> str:
    """The surrogate key of a model instance: "article-12", "place-7"."""
    return f"{instance._meta.model_name}-{instance.pk}"


def add_surrogate_keys(response: HttpResponse, keys) -> HttpResponse:
    """Name what `response` shows, as keys or model instances; a page with keys may be cached."""
    names = [key if isinstance(key, str) else key_for(key) for key in keys]
    known = response.get(HEADER, "").split()
    response[HEADER] = " ".join(dict.fromkeys([*known, *names]))
    return response


def lists_stories(view):
    """Mark the 200 answers of `view` as showing a list of stories (`LISTS`), so they are cached
    and purged like the site's list pages. Saving any row a story shows purges `LISTS` too."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        return add_surrogate_keys(response, [LISTS]) if response.status_code == 200 else response

    return wrapped


def purge(keys) -> None:
    """Make every cached page that shows one of `keys` out of date, here and at the CDN.

    Queued as a background task when the current transaction commits (at once outside one), so
    a reader never gets a page rebuilt from data that then rolls back, and a slow CDN never
    holds up the desk. The prepared stories that show one of `keys` are marked stale at once,
    and prepared again by the task (`articles.prepared`).
    """
    from articles.prepared import forget

    keys = sorted({key if isinstance(key, str) else key_for(key) for key in keys})
    if keys:
        forget(keys)  # in this transaction: no reader gets a prepared story out of date
        transaction.on_commit(lambda: _queue_purge(keys))


def _queue_purge(keys: list[str]) -> None:
    from articles.background import enqueue
    from articles.tasks import purge_pages

    enqueue(purge_pages, keys)


def purge_cache(*, keys: list[str]) -> None:
    """Give `keys` new versions in the shared cache: every page that named one is out of date."""
    version = time.time_ns()
    _cache().set_many({_version_key(key): version for key in keys}, timeout=None)


def purge_cdn(*, keys: list[str]) -> bool:
    """Ask the CDN to drop the pages tagged with `keys` (Fastly's purge-by-surrogate-key call:
    one POST naming the keys). Failures are logged, never raised: pages then age out by
    their `s-maxage`. Returns whether the CDN accepted."""
    request = Request(
        settings.NEWSROOM_CDN_PURGE_URL,
        method="POST",
        headers={"Surrogate-Key": " ".join(keys), "Accept": "application/json"},
    )
    if settings.NEWSROOM_CDN_PURGE_TOKEN:
        request.add_header("Fastly-Key", settings.NEWSROOM_CDN_PURGE_TOKEN)
    try:
        with urlopen(request, timeout=5) as answer:  # noqa: S310 (address from settings)
            return 200 <= answer.status < 300
    except OSError as error:
        logger.warning("CDN purge of %s failed: %s", " ".join(keys), error)
        return False


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD requests from the page cache; store pages that have keys.

    Goes high in MIDDLEWARE, before sessions and authentication: a hit costs one cache read of
    the page with its keys' versions (two the first time this process sees the page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        page_key = _page_key(request)
        cache = _cache()
        entry = _fresh_entry(page_key, cache)
        if entry is not None:
            response = _response_from(entry)
            response["X-Cache"] = "hit"
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=entry["stored_at"], response=response
            )
        response = self.get_response(request)
        if _cacheable_response(response):
            entry = _store(page_key, response, cache)
            response["X-Cache"] = "miss"
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=entry["stored_at"], response=response
            )
        return response


def _cacheable_request(request) -> bool:
    return (
        settings.NEWSROOM_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and HEADER in response
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _page_key(request) -> str:
    address = request.build_absolute_uri()
    return "page:" + hashlib.sha256(address.encode("utf-8")).hexdigest()


def _version_key(key: str) -> str:
    return f"surrogate:{key}"


# The version keys each page named when this process last stored or served it, so that a hit
# reads the page and their versions in one round trip to the cache.
_VERSION_KEYS = {}
_VERSION_KEYS_KEPT = 10_000


def _fresh_entry(page_key: str, cache) -> dict | None:
    """The stored page under `page_key` if none of its keys was purged since and it has not
    expired; else None."""
    known = _VERSION_KEYS.get(page_key, [])
    found = cache.get_many([page_key, *known])
    entry = found.get(page_key)
    if entry is None or time.time() >= entry["expires_at"]:
        return None
    wanted = _remember_version_keys(page_key, entry["versions"])
    if wanted != known:  # first seen here, or the page now names other keys
        found = cache.get_many(wanted)
    fresh = all(
        found.get(_version_key(key), 0) == version for key, version in entry["versions"].items()
    )
    return entry if fresh else None


def _remember_version_keys(page_key: str, keys) -> list[str]:
    wanted = [_version_key(key) for key in keys]
    if len(_VERSION_KEYS) >= _VERSION_KEYS_KEPT:
        _VERSION_KEYS.clear()
    _VERSION_KEYS[page_key] = wanted
    return wanted


def _store(page_key: str, response, cache) -> dict:
    keys = response[HEADER].split()
    versions = cache.get_many(_remember_version_keys(page_key, keys))
    now = time.time()
    expires_at = min(now + settings.NEWSROOM_PAGE_CACHE_SECONDS, _next_change_at(now))
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    stored_at = int(now)  # HTTP dates have whole seconds
    response["Last-Modified"] = formatdate(stored_at, usegmt=True)
    shared_age = max(0, int(expires_at - now))
    patch_cache_control(
        response, public=True, max_age=min(settings.NEWSROOM_BROWSER_CACHE_SECONDS, shared_age)
    )
    patch_cache_control(response, s_maxage=shared_age)
    entry = {
        "status": response.status_code,
        "content": response.content,
        "headers": {name: response[name] for name in _KEPT_HEADERS if name in response},
        "etag": response["ETag"],
        "cache_control": response["Cache-Control"],
        "stored_at": stored_at,
        "expires_at": expires_at,
        "versions": {key: versions.get(_version_key(key), 0) for key in keys},
    }
    cache.set(page_key, entry, timeout=max(1, int(expires_at - now) + 1))
    return entry


def _response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = formatdate(entry["stored_at"], usegmt=True)
    remaining = max(0, int(entry["expires_at"] - time.time()))
    response["Cache-Control"] = entry["cache_control"]
    patch_cache_control(response, s_maxage=remaining)
    return response


def _next_change_at(now: float) -> float:
    """When a page stored now may next change by itself: a story goes live or comes down, or the
    date in the masthead turns over."""
    from articles.models import Article

    local = timezone.localtime(datetime.fromtimestamp(now, tz=timezone.get_current_timezone()))
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    moments = [midnight.timestamp()]
    next_change = Article.objects.next_visibility_change()
    if next_change is not None:
        moments.append(next_change.timestamp())
    return min(moments)


def _cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
