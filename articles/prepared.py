"""Stories prepared for readers: each published story's page and card, rendered once when
anything they show changes, so a page view prints them instead of rendering them.

A story's page (its `<article>` element, and with NEWSROOM_URL its share tags and structured
data) and its card in lists are rendered by the same templates the views use
(`articles/includes/article.html`, `article_card.html`) and kept in `PreparedStory` with the
surrogate keys of everything they show. The page cache's purge (`articles.caching.purge`) marks
the rows showing a purged key stale in the same transaction, so a reader never gets one out of
date; its background task (`articles.tasks.purge_pages`) renders them again. Views fall back to
rendering from the models for a stale or missing row, so a story is right before its task runs,
and right without any worker at all, only slower.

Only what is the same for every reader is prepared: the related stories, the section navigation
and the masthead's date are put around it per request.
"""

from collections.abc import Iterable

from django.db.models import Case, F, Prefetch, When
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles.caching import LISTS, key_for
from articles.compiled import CompiledQuery
from articles.images.body import body_photo_ids
from articles.models import Article, Person, PreparedStory, Quote
from articles.site import site_origin

PAGE = "articles/includes/article.html"
META = "articles/includes/article_meta.html"
JSON_LD = "articles/includes/article_json_ld.html"
CARD = "articles/includes/article_card.html"
LEAD = "articles/includes/lead_story.html"
# How many stories one pass renders and writes at a time, and how often a story changed while
# it was rendered is rendered again before it is left stale for the next purge.
BATCH_SIZE = 100
ATTEMPTS = 3
# The origin of the absolute addresses in a prepared head when NEWSROOM_URL is not set (".invalid"
# is reserved: no real host has it), replaced by the request's when the page is served.
STAND_IN_ORIGIN = "https://origin.newsroom.invalid"


def story_queryset(articles):
    """`articles` with everything a story's page shows prefetched, for a fixed number of queries."""
    quotes = Quote.objects.select_related("person").order_by("position", "pk")
    return (
        articles.with_related()
        .with_corrections()
        .prefetch_related(Prefetch("quotes", queryset=quotes))
    )


def page_context(article: Article) -> dict:
    """What the story's page shows besides the story: its pull quotes and who it quotes."""
    quotes = list(article.quotes.all())
    sources = {quote.person.pk: quote.person for quote in quotes if quote.person}
    return {
        "article": article,
        "pull_quotes": [quote for quote in quotes if quote.is_pull_quote],
        # A described source (“one resident”) is nobody's page: it is not listed.
        "people_quoted": [s for s in sources.values() if s.kind == Person.Kind.PERSON],
        "organisations_quoted": [s for s in sources.values() if s.kind == Person.Kind.ORGANISATION],
    }


def shown_keys(context: dict) -> list[str]:
    """The surrogate keys of everything the story's page and card show (not `LISTS`)."""
    article = context["article"]
    shown = [article, article.section, article.lead_photo, article.share_image]
    shown += article.byline_authors()
    shown += [*article.places.all(), *article.topics.all(), *context["people_quoted"]]
    shown += context["organisations_quoted"]
    keys = [key_for(item) for item in shown if item is not None]
    keys += [f"photo-{pk}" for pk in body_photo_ids(article.body)]
    return list(dict.fromkeys(keys))


def prepare(article_ids: Iterable[int]) -> int:
    """Render and store the page and card of each published story among `article_ids`, and
    drop the rows of the others. Returns how many were prepared.

    A row is written only if nobody marked it stale since its version was read, before the
    story was: a story changed while it was being rendered is rendered again.
    """
    ids = sorted(set(article_ids))
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        for _attempt in range(ATTEMPTS):
            written, batch = _prepare_batch(batch)
            done += written
            if not batch:
                break
    return done


def _prepare_batch(ids: list[int]) -> tuple[int, list[int]]:
    """Prepare the stories `ids`; returns how many were written and the ids changed meanwhile."""
    published = Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED)
    PreparedStory.objects.filter(pk__in=ids).exclude(article__in=published).delete()
    # A row for each, so that a change made from now on finds it and moves its version.
    PreparedStory.objects.bulk_create(
        [PreparedStory(article_id=pk, stale=True) for pk in published.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )
    versions = dict(PreparedStory.objects.filter(pk__in=ids).values_list("pk", "version"))
    written, changed = 0, []
    for article in story_queryset(published):
        fields = _rendered(article)
        row = PreparedStory.objects.filter(pk=article.pk, version=versions.get(article.pk))
        if row.update(**fields, stale=False, version=F("version") + 1, prepared_at=timezone.now()):
            written += 1
        else:
            changed.append(article.pk)
    return written, changed


def prepare_stale_and(keys: Iterable[str]) -> int:
    """Prepare the stories named among `keys` ("article-12") and every stale one."""
    named = {int(key.removeprefix("article-")) for key in keys if key.startswith("article-")}
    stale = PreparedStory.objects.filter(stale=True).values_list("pk", flat=True)
    return prepare(named | set(stale))


def forget(keys: Iterable[str]) -> None:
    """Mark stale every prepared story that shows one of `keys`: from now on it is rendered
    from the models until prepared again."""
    keys = [key for key in keys if key != LISTS]
    if keys:
        PreparedStory.objects.showing(keys).update(stale=True, version=F("version") + 1)


def _when_prepared(field: str):
    """A story's prepared `field`, or None where it is stale or not prepared."""
    return Case(When(prepared__stale=False, then=F(f"prepared__{field}")), default=None)


def ready(articles):
    """`articles` as (pk, card HTML or None) rows: None where the card is not prepared."""
    return articles.annotate(ready_card=_when_prepared("card_html")).values_list("pk", "ready_card")


def cards(rows) -> list[SafeString]:
    """The cards of `rows` from `ready()`, in order; those not prepared are rendered here."""
    rows = list(rows)
    missing = [pk for pk, html in rows if html is None]
    rendered = {}
    if missing:
        for article in Article.objects.filter(pk__in=missing).for_cards():
            rendered[article.pk] = render_card(article)
    return [mark_safe(html if html is not None else rendered[pk]) for pk, html in rows]  # noqa: S308


def render_card(article: Article) -> str:
    return render_to_string(CARD, {"article": article})


def render_lead(article: Article) -> str:
    return render_to_string(LEAD, {"lead": article})


def _top_stories(now):
    """Published stories with a lead photo that has a file, newest first, with their prepared
    top-story HTML (None where not prepared)."""
    with_photo = Article.objects.published(at=now).filter(lead_photo__isnull=False)
    return (
        with_photo.exclude(lead_photo__image="")
        .annotate(ready_lead=_when_prepared("lead_html"))
        .values_list("pk", "ready_lead")[:1]
    )


_TOP_STORY = CompiledQuery(_top_stories, now="moment")  # run by every front page view


def top_story() -> tuple[int, SafeString] | None:
    """The front page's top story, the latest with a photo: (pk, its HTML), or None."""
    rows = _TOP_STORY.rows(now=timezone.now())
    if not rows:
        return None
    pk, ready = rows[0]
    if not ready:
        ready = render_lead(Article.objects.for_cards().get(pk=pk))
    return pk, mark_safe(ready)  # noqa: S308 - rendered by our templates


_PAGE_FIELDS = {
    "pk": "pk",
    "headline": "headline",
    "path": "prepared__path",
    "page_html": "prepared__page_html",
    "meta_html": "prepared__meta_html",
    "json_ld_html": "prepared__json_ld_html",
    "shows": "prepared__shows",
}
# Run by every article page view: compiled once (`articles.compiled`).
_PAGE = CompiledQuery(
    lambda slug, now: (
        Article.objects.published(at=now)
        .filter(slug=slug, prepared__stale=False)
        .exclude(prepared__json_ld_html="")
        .order_by("pk")
        .values_list(*_PAGE_FIELDS.values())[:1]
    ),
    slug="text",
    now="moment",
)


def page_for(slug: str, request):
    """The prepared page of the published story `slug`, as a dict (pk, headline, path,
    page_html, meta_html, json_ld_html, shows), its head's addresses on the origin `request`
    came to; None when the story is not published or not prepared."""
    rows = _PAGE.rows(slug=slug, now=timezone.now())
    if not rows:
        return None
    page = dict(zip(_PAGE_FIELDS, rows[0], strict=True))
    origin = site_origin(request)
    for name in ("meta_html", "json_ld_html"):
        page[name] = page[name].replace(STAND_IN_ORIGIN, origin)
    for name in ("page_html", "meta_html", "json_ld_html"):
        page[name] = mark_safe(page[name])  # noqa: S308 - rendered by our templates
    return page


_RELATED = {}  # compiled per number of stories shown and of the story's places and topics


def related_cards(article_id: int, count: int, places, topics) -> list[SafeString]:
    """The cards of the `count` latest published stories sharing one of the `places` or
    `topics` (ids) of the story `article_id`."""
    tags = {f"place{i}": pk for i, pk in enumerate(places)}
    tags |= {f"topic{i}": pk for i, pk in enumerate(topics)}
    if not tags:
        return []
    shape = (count, *tags)
    if shape not in _RELATED:
        _RELATED[shape] = CompiledQuery(
            lambda article_id, now, **ids: ready(
                Article.objects.published(at=now).sharing_tags_with(
                    article_id,
                    places=[pk for name, pk in ids.items() if name.startswith("place")],
                    topics=[pk for name, pk in ids.items() if name.startswith("topic")],
                    latest=count,
                )
            )[:count],
            article_id="number",
            now="moment",
            **dict.fromkeys(tags, "number"),
        )
    return cards(_RELATED[shape].rows(article_id=article_id, now=timezone.now(), **tags))


def tags_shown(keys) -> tuple[list[int], list[int]]:
    """The ids of the places and of the topics among surrogate `keys` ("place-7")."""
    found = {"place": [], "topic": []}
    for key in keys:
        kind, _, pk = key.partition("-")
        if kind in found:
            found[kind].append(int(pk))
    return found["place"], found["topic"]


def _rendered(article: Article) -> dict:
    context = page_context(article)
    request = _PreparingRequest()
    request.path = request.path_info = article.get_absolute_url()
    return {
        "path": request.path,
        "page_html": render_to_string(PAGE, context),
        "meta_html": render_to_string(META, context, request=request),
        # Structured data describes a story readers can see; one made before its publish time
        # is prepared again when it goes live (its purge).
        "json_ld_html": render_to_string(JSON_LD, context, request=request)
        if article.is_public
        else "",
        "card_html": render_card(article),
        "lead_html": render_lead(article) if article.lead_photo_id else "",
        "shows": f" {' '.join(shown_keys(context))} ",
    }


class _PreparingRequest(HttpRequest):
    """The request a story's head is rendered for before any reader asks: its absolute
    addresses are on NEWSROOM_URL when set, else on `STAND_IN_ORIGIN`, which `head()` replaces
    with the reader's request's origin."""

    def get_host(self):
        return STAND_IN_ORIGIN.removeprefix("https://")

    def _get_scheme(self):
        return "https"
