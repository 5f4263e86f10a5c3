"""Versions of a story: what each save left, the working copy of a published story, and who has
a story open in the desk.

Every door that saves a story (the desk's form and autosave, bulk actions, imports, restores)
records a version here, so history reads the same whatever wrote it. A snapshot is plain JSON:
the text, the address, language and what sharing shows, the section and photos, the byline
rows (every field of the byline, so a new one needs no change here), the tags, the status and
the publish time. Related rows are kept by id with their name beside it, so a diff still reads
well after a photo or tag is gone.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import (
    Article,
    ArticleVersion,
    Author,
    Byline,
    Photo,
    Place,
    Section,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from articles.text import sanitize_html

How = ArticleVersion.How
TEXT_FIELDS = ["headline", "dek", "dateline", "summary", "body"]
# What readers and the links to the story see besides its text.
PAGE_FIELDS = ["slug", "language", "share_headline", "share_description"]
REF_FIELDS = {"section": Section, "lead_photo": Photo, "share_image": Photo}
TAG_FIELDS = {"places": Place, "topics": Topic}
TAGGINGS = {"places": TaggedArticlePlace, "topics": TaggedArticleTopic}
# What a restore or a publish of working changes puts back: the story's content. Status and
# publish time change only through the publishing services.
CONTENT_FIELDS = [*TEXT_FIELDS, *PAGE_FIELDS, *REF_FIELDS, "bylines", *TAG_FIELDS]
# Someone counts as having a story open this long after the desk last heard from their page.
PRESENCE_SECONDS = 90


def byline_fields():
    """The byline's own fields: everything but its id and its story."""
    return [f for f in Byline._meta.concrete_fields if f.name not in ("id", "article")]


def _ref(obj, label: str = "") -> dict | None:
    return None if obj is None else {"id": obj.pk, "name": label or str(obj)}


def _byline_rows(rows: Iterable[dict]) -> list[dict]:
    """Byline rows in byline order, numbered 0, 1, 2… as the desk renumbers them."""
    ordered = sorted(enumerate(rows), key=lambda entry: (entry[1].get("position") or 0, entry[0]))
    return [{**row, "position": number} for number, (_, row) in enumerate(ordered)]


def _tag_refs(tags) -> list[dict]:
    """Tags (rows, refs or names typed for new ones) as refs, by name."""
    refs = [
        tag if isinstance(tag, dict) else {"id": None, "name": tag} if isinstance(tag, str)
        else _ref(tag)
        for tag in tags
    ]  # fmt: skip
    return sorted(refs, key=lambda ref: ref["name"])


def _snapshot(article: Article, *, body: str, bylines, places, topics) -> dict:
    return {
        **{name: getattr(article, name) for name in [*TEXT_FIELDS, *PAGE_FIELDS]},
        "body": body,
        **{name: _ref(getattr(article, name)) for name in REF_FIELDS},
        "bylines": _byline_rows(bylines),
        "places": _tag_refs(places),
        "topics": _tag_refs(topics),
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
    }


def snapshots_of(article_ids: Iterable[int]) -> dict[int, dict]:
    """{story id: snapshot} of the stories as stored, in four queries whatever their number."""
    ids = list(article_ids)
    names = [field.attname for field in byline_fields()]
    bylines = defaultdict(list)
    for row in (
        Byline.objects.filter(article_id__in=ids)
        .order_by("position", "pk")
        .values("article_id", "author__name", *names)
    ):
        article_id, name = row.pop("article_id"), row.pop("author__name")
        bylines[article_id].append({**row, "name": name})
    tags = {}
    for field_name, through in TAGGINGS.items():
        tags[field_name] = defaultdict(list)
        for article_id, pk, name in through.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag_id", "tag__name"
        ):
            tags[field_name][article_id].append({"id": pk, "name": name})
    articles = Article.objects.filter(pk__in=ids).select_related(*REF_FIELDS)
    return {
        article.pk: _snapshot(
            article,
            body=article.body,
            bylines=bylines[article.pk],
            **{field_name: tags[field_name][article.pk] for field_name in TAGGINGS},
        )
        for article in articles
    }


def snapshot_of(article: Article) -> dict:
    """The story as stored now (not as the instance in hand may hold it)."""
    return snapshots_of([article.pk])[article.pk]


def snapshot_of_form(form, bylines_formset=None) -> dict:
    """The story as a valid desk form (and its byline formset) would save it, without saving.

    `form.instance` already holds the form's fields; the tags come from the cleaned data (names
    typed for tags that do not exist yet are kept as names).
    """
    article = form.instance
    bylines = []
    for byline_form in bylines_formset.forms if bylines_formset is not None else []:
        data = getattr(byline_form, "cleaned_data", None)
        if not data or not data.get("author") or bylines_formset._should_delete_form(byline_form):
            continue
        row = {}
        for field in byline_fields():
            value = data.get(field.name, field.get_default())
            row[field.attname] = value.pk if field.is_relation and value is not None else value
        bylines.append({**row, "name": str(data["author"])})
    tags = {}
    for name in TAG_FIELDS:
        chosen = form.cleaned_data.get(name, None) if name in form.fields else None
        stored = getattr(article, name).all() if article.pk else []
        tags[name] = chosen if chosen is not None else stored
    return _snapshot(article, body=sanitize_html(article.body), bylines=bylines, **tags)


def changed_fields(before: dict | None, after: dict) -> list[str]:
    """The snapshot keys whose values differ; every key for a first version."""
    if before is None:
        return list(after)
    return [key for key in after if before.get(key) != after.get(key)]


def latest_version(article: Article) -> ArticleVersion | None:
    return article.versions.order_by("-number").first()


def revision_of(article: Article) -> int:
    """The story's revision: its newest version's number, 0 before its first version."""
    return article.versions.aggregate(number=Max("number"))["number"] or 0


def working_version(article: Article) -> ArticleVersion | None:
    """The story's working copy: its newest version when that one is a working version."""
    latest = latest_version(article)
    return latest if latest is not None and latest.is_working else None


@transaction.atomic
def record_version(
    article: Article,
    *,
    by=None,
    how: str,
    snapshot: dict | None = None,
    is_working: bool = False,
    note: str = "",
) -> ArticleVersion:
    """Keep a version of `article`: `snapshot` (the story as stored when None) saved by `by`.

    A working version holds edits that readers do not see yet. An autosave that follows the
    same person's autosave replaces it under a new number, so a long writing session leaves one
    version in the history, while the revision still moves on for everyone else.
    """
    snapshot = snapshot if snapshot is not None else snapshot_of(article)
    latest = latest_version(article)
    number = (latest.number if latest else 0) + 1
    if (
        how == How.AUTOSAVE
        and latest is not None
        and latest.how == How.AUTOSAVE
        and latest.created_by_id == getattr(by, "pk", None)
    ):
        previous = article.versions.filter(number__lt=latest.number).order_by("-number").first()
        latest.number, latest.snapshot, latest.created_at = number, snapshot, timezone.now()
        latest.changed = changed_fields(previous.snapshot if previous else None, snapshot)
        latest.save()
        return latest
    return ArticleVersion.objects.create(
        article=article,
        number=number,
        created_by=by if getattr(by, "pk", None) else None,
        how=how,
        is_working=is_working,
        snapshot=snapshot,
        changed=changed_fields(latest.snapshot if latest else None, snapshot),
        note=note,
    )


def record_versions(article_ids: Iterable[int], *, how: str, by=None) -> list[ArticleVersion]:
    """Keep a version of each of the stories `article_ids` as stored, in a fixed number of
    queries (for imports, which save stories a batch at a time)."""
    ids = list(article_ids)
    if not ids:
        return []
    latest = {v.article_id: v for v in ArticleVersion.objects.latest_of(ids)}
    versions = []
    for article_id, snapshot in snapshots_of(ids).items():
        before = latest.get(article_id)
        versions.append(
            ArticleVersion(
                article_id=article_id,
                number=(before.number if before else 0) + 1,
                created_by=by,
                how=how,
                snapshot=snapshot,
                changed=changed_fields(before.snapshot if before else None, snapshot),
            )
        )
    return ArticleVersion.objects.bulk_create(versions)


def fill_from_snapshot(article: Article, snapshot: dict, fields: Iterable[str]) -> set[str]:
    """Set the story's own columns among `fields` to `snapshot`'s, in memory (the desk's form
    opens on a working version so). A section or photo deleted since is left empty. Returns the
    `fields` the snapshot holds: one saved before a field was kept in snapshots lacks it, and
    the story keeps its own."""
    fields = set(fields) & set(snapshot)
    for name in [*TEXT_FIELDS, *PAGE_FIELDS]:
        if name in fields:
            setattr(article, name, snapshot[name])
    for name, model in REF_FIELDS.items():
        if name in fields:
            ref = snapshot[name]
            exists = ref and model.objects.filter(pk=ref["id"]).exists()
            setattr(article, f"{name}_id", ref["id"] if exists else None)
    if "published_at" in fields:
        value = snapshot["published_at"]
        article.published_at = parse_datetime(value) if value else None
    return fields


def apply_snapshot(article: Article, snapshot: dict, *, fields: Iterable[str] = CONTENT_FIELDS):
    """Put `fields` of `snapshot` back on the stored story: its row, byline and tags.

    A section or photo deleted since is left empty; a tag deleted since is made again by name.
    Runs in the caller's transaction; saving goes through the models, so the page cache and the
    search index follow.
    """
    fields = fill_from_snapshot(article, snapshot, fields)
    article.save()
    if "bylines" in fields:
        replace_bylines(article, snapshot.get("bylines", []))
    for name, model in TAG_FIELDS.items():
        if name in fields:
            refs = snapshot.get(name, [])
            found = model.objects.in_bulk([ref["id"] for ref in refs if ref["id"]])
            getattr(article, name).set([found.get(ref["id"]) or ref["name"] for ref in refs])


def replace_bylines(article: Article, rows: list[dict]) -> None:
    """Make the story's byline `rows` (snapshot rows); nothing is written when it already is.

    An author deleted since is left out; a byline field the snapshot lacks gets its default.
    """
    fields = byline_fields()
    names = [field.attname for field in fields]
    authors = set(
        Author.objects.filter(pk__in=[row.get("author_id") for row in rows]).values_list(
            "pk", flat=True
        )
    )
    wanted = [
        {field.attname: row.get(field.attname, field.get_default()) for field in fields}
        for row in _byline_rows(row for row in rows if row.get("author_id") in authors)
    ]
    if list(article.bylines.order_by("position", "pk").values(*names)) == wanted:
        return
    article.bylines.all().delete()
    for row in wanted:
        Byline.objects.create(article=article, **row)


# Who has a story open ---------------------------------------------------------------------------


def _presence_key(article_id: int) -> str:
    return f"desk-presence:article-{article_id}"


def mark_present(article_id: int, user) -> None:
    """Note that `user` has the story open now (the desk's page calls this every half minute)."""
    key = _presence_key(article_id)
    now = timezone.now().timestamp()
    present = {
        pk: entry
        for pk, entry in (cache.get(key) or {}).items()
        if now - entry[1] < PRESENCE_SECONDS
    }
    present[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(key, present, PRESENCE_SECONDS)


def others_present(article_id: int, user) -> list[str]:
    """The names of the people other than `user` who have the story open."""
    now = timezone.now().timestamp()
    entries = (cache.get(_presence_key(article_id)) or {}).items()
    return sorted(
        name for pk, (name, seen) in entries if pk != user.pk and now - seen < PRESENCE_SECONDS
    )
