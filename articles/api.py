"""Read-only JSON API of published stories, as IPTC ninjs 2.x documents.

Only `Article.objects.published()` is served, to everyone, staff included: these addresses are
for partners and archives, and a draft, a story in review or a scheduled (embargoed) one must
never leave the building through them. Staff preview drafts on the site itself.

Errors are JSON too: `{"error": {"message": …, "parameter": …}}` with status 400 for a bad query
parameter (named in `parameter`) and 404 for a missing story or page.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_safe

from articles.caching import LISTS, add_surrogate_keys, lists_stories
from articles.exporters.ninjs import article_to_ninjs
from articles.models import Article

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Query parameter -> the story field its slug is matched against.
SLUG_FILTERS = {
    "section": "section__slug",
    "author": "bylines__author__slug",
    "place": "places__slug",
    "topic": "topics__slug",
}
PARAMETERS = (*SLUG_FILTERS, "since", "until", "page", "page_size")
JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class ListQuery:
    filters: dict
    page: int
    page_size: int


@require_safe
@lists_stories
def article_list(request):
    """Published stories, newest first, as ninjs documents, one page at a time.

    Query parameters, each at most once: `section`, `author`, `place`, `topic` (slugs; all must
    match); `since` and `until` (a date, 2025-03-04, or an ISO 8601 date-time; both inclusive,
    on the publish time); `page` (from 1) and `page_size` (1 to 100, default 20). The answer
    holds `count`, `pages`, `page`, `page_size`, `next` and `previous` (absolute addresses or
    null) and `items`.
    """
    try:
        query = parse_list_query(request.GET)
    except BadParameter as error:
        return _error(400, error.message, parameter=error.parameter)
    stories = (
        Article.objects.published()
        .with_related()
        .filter(**query.filters)
        .order_by("-published_at", "-pk")
    )
    paginator = Paginator(stories, query.page_size)
    if query.page > paginator.num_pages:
        return _error(
            404, f"There is no page {query.page}; the last is {paginator.num_pages}.", "page"
        )
    page = paginator.page(query.page)
    base_url = request.build_absolute_uri("/")
    return JsonResponse(
        {
            "count": paginator.count,
            "pages": paginator.num_pages,
            "page": page.number,
            "page_size": query.page_size,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "items": [article_to_ninjs(story, base_url=base_url) for story in page.object_list],
        },
        json_dumps_params=JSON_OPTIONS,
    )


@require_safe
def article_ninjs(request, slug):
    """The published story `slug` as an IPTC ninjs 2.x document; 404 for anything else."""
    try:
        article = Article.objects.published().with_related().get(slug=slug)
    except Article.DoesNotExist:
        return _error(404, f"There is no published story {slug!r}.")
    document = article_to_ninjs(article, base_url=request.build_absolute_uri("/"))
    response = JsonResponse(document, json_dumps_params=JSON_OPTIONS)
    # Saving anything the document shows (its authors, tags, photo) purges LISTS as well.
    return add_surrogate_keys(response, [article, LISTS])


def parse_list_query(params) -> ListQuery:
    """The filters and page asked for in `params` (a QueryDict). Raises BadParameter naming the
    first parameter that is unknown, repeated, empty or malformed."""
    for name in params:
        if name not in PARAMETERS:
            raise BadParameter(name, f"Unknown parameter {name!r}; use {', '.join(PARAMETERS)}.")
        if len(params.getlist(name)) > 1:
            raise BadParameter(name, f"Give {name} once.")
        if not params[name].strip():
            raise BadParameter(name, f"{name} is empty.")
    filters = {field: params[name] for name, field in SLUG_FILTERS.items() if name in params}
    if "since" in params:
        filters["published_at__gte"], _ = _moment("since", params["since"])
    if "until" in params:
        end, whole_day = _moment("until", params["until"])
        if whole_day:
            filters["published_at__lt"] = end + timedelta(days=1)
        else:
            filters["published_at__lte"] = end
        start = filters.get("published_at__gte")
        if start is not None and start > end:
            raise BadParameter("until", "until is before since.")
    return ListQuery(
        filters=filters,
        page=_integer(params, "page", default=1, low=1, high=None),
        page_size=_integer(params, "page_size", default=PAGE_SIZE, low=1, high=MAX_PAGE_SIZE),
    )


def _moment(name: str, value: str) -> tuple[datetime, bool]:
    """The moment `value` names, in the newsroom's time zone unless it gives an offset, and
    whether it was a date alone (then its midnight)."""
    try:
        day = parse_date(value)
        moment = datetime.combine(day, time.min) if day else parse_datetime(value)
    except ValueError:  # well-formed but impossible, like 2025-02-30
        day = moment = None
    if moment is None:
        raise BadParameter(
            name,
            f"{name} must be a date (2025-03-04) or an ISO 8601 date-time "
            f"(2025-03-04T09:30:00Z; write + in an offset as %2B), not {value!r}.",
        )
    aware = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    return aware, day is not None


def _integer(params, name: str, *, default: int, low: int, high: int | None) -> int:
    value = params.get(name)
    if value is None:
        return default
    limits = f"from {low} to {high}" if high else f"{low} or more"
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < low or (high is not None and number > high):
        raise BadParameter(name, f"{name} must be a whole number {limits}, not {value!r}.")
    return number


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _error(status: int, message: str, parameter: str = "") -> JsonResponse:
    error = {"message": message, "parameter": parameter} if parameter else {"message": message}
    return JsonResponse({"error": error}, status=status, json_dumps_params=JSON_OPTIONS)
