"""Keeping the search entries in step with the stories.

`update_search_index` rewrites the entries of some stories from what they hold now; the signal
receivers below queue it as a background task when a story, its byline or its tags change
through the models (queued with the caller's transaction, so a rolled-back change queues
nothing), and code that writes rows in bulk (the import pipeline, merging tags) calls it itself.

Tags added or removed with taggit's managers (`article.places.add()`, `.set()`, the desk's form)
are followed; code that writes the tag tables directly must call `update_search_index`.
"""

import re
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.text import normalize_space, strip_tags

BATCH_SIZE = 500
# Private-use characters mark the matches in highlighted text; no story may hold them.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
_UNSAFE = str.maketrans({MATCH_START: " ", MATCH_END: " ", "\x00": " "})
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|h[1-6]|li|dt|dd|blockquote|figure|figcaption|caption|pre|tr|td|th|br|hr|img)\b)",
    re.IGNORECASE,
)


def update_search_index(
    *, article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS, apps=global_apps
) -> None:
    """Write the search entries of the stories `article_ids` from their current text, byline and
    tags; a story that no longer exists loses its entry.

    A fixed number of queries per 500 stories. `apps` is the historical registry in a migration.
    """
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BATCH_SIZE):
        with transaction.atomic(using=using, savepoint=False):
            _write_entries(ids[start : start + BATCH_SIZE], using=using, apps=apps)


def rebuild_search_index(*, using: str = DEFAULT_DB_ALIAS, apps=global_apps) -> int:
    """Write every story's search entry afresh and drop entries left from deleted stories.

    Returns the number of stories indexed.
    """
    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    SearchEntry.objects.using(using).all().delete()
    ids = list(Article.objects.using(using).order_by("pk").values_list("pk", flat=True))
    update_search_index(article_ids=ids, using=using, apps=apps)
    return len(ids)


def search_text(value: str) -> str:
    """`value` as search stores it: one line, without the characters that mark matches."""
    return normalize_space(value.translate(_UNSAFE))


def body_text(html: str) -> str:
    """The words of a sanitised HTML body: block elements and line breaks end a word, inline
    ones (`<strong>sea</strong>wall`) do not."""
    return search_text(strip_tags(_BLOCK_TAG.sub(" <", html or "")))


def _write_entries(ids: list[int], *, using: str, apps) -> None:
    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    tagged = [
        apps.get_model("articles", name).objects.using(using).filter(content_object_id__in=ids)
        for name in ("TaggedArticlePlace", "TaggedArticleTopic")
    ]
    bylines = apps.get_model("articles", "Byline").objects.using(using).filter(article_id__in=ids)
    names = defaultdict(list)
    for article_id, name in (
        bylines.order_by()
        .values_list("article_id", "author__name")
        .union(
            *(rows.order_by().values_list("content_object_id", "tag__name") for rows in tagged),
            all=True,
        )
    ):
        names[article_id].append(name)
    entries = [
        SearchEntry(
            article_id=pk,
            headline=search_text(headline),
            dek=search_text(dek if summary in dek else f"{dek}\n{summary}"),
            byline_tags=search_text("\n".join(names[pk])),
            body=body_text(body),
        )
        for pk, headline, dek, summary, body in Article.objects.using(using)
        .filter(pk__in=ids)
        .values_list("pk", "headline", "dek", "summary", "body")
    ]
    SearchEntry.objects.using(using).filter(pk__in=ids).delete()
    SearchEntry.objects.using(using).bulk_create(entries)
    if connections[using].vendor == "postgresql":
        config = settings.NEWSROOM_SEARCH_CONFIG
        SearchEntry.objects.using(using).filter(pk__in=ids).update(
            vector=SearchVector("headline", weight="A", config=config)
            + SearchVector("dek", "byline_tags", weight="B", config=config)
            + SearchVector("body", weight="C", config=config)
        )


# How a story names an author, a place or a topic.
_NAMED_BY = {"Author": "bylines__author", "Place": "place_items__tag", "Topic": "topic_items__tag"}


def _stories_naming(instance, *, using: str) -> list[int]:
    """The ids of the stories whose byline or tags name `instance` (an author, place or topic)."""
    Article = global_apps.get_model("articles", "Article")
    lookup = _NAMED_BY[instance._meta.object_name]
    return list(
        Article.objects.using(using).filter(**{lookup: instance}).values_list("pk", flat=True)
    )


def _is_indexed_elsewhere(origin) -> bool:
    """Whether a deletion started from stories or authors, whose own receivers index it once."""
    models = (
        global_apps.get_model("articles", "Article"),
        global_apps.get_model("articles", "Author"),
    )
    return isinstance(origin, models) or (isinstance(origin, QuerySet) and origin.model in models)


def _index_later(article_ids: list[int], *, using: str) -> None:
    """Rewrite the entries of `article_ids` in a background task (`update_search_entries`), so a
    save on the desk does not wait for the index; on another database, at once."""
    if not article_ids:
        return
    if using != DEFAULT_DB_ALIAS:
        update_search_index(article_ids=article_ids, using=using)
        return
    from articles.background import enqueue
    from articles.tasks import update_search_entries

    enqueue(update_search_entries, sorted(set(article_ids)))


def _article_saved(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if not raw:
        _index_later([instance.pk], using=using)


def _byline_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, origin=None, **kwargs):
    if not raw and not _is_indexed_elsewhere(origin):
        _index_later([instance.article_id], using=using)


def _tags_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
    Article = global_apps.get_model("articles", "Article")
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        _index_later([instance.pk], using=using)


def _name_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kw):
    """Note whether an author's, place's or topic's name is changing, before the save."""
    renamed = False
    if not raw and instance.pk is not None and (update_fields is None or "name" in update_fields):
        old = sender.objects.using(using).filter(pk=instance.pk).values_list("name", flat=True)
        renamed = old.first() not in (None, instance.name)
    instance._search_renamed = renamed


def _name_saved(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    if getattr(instance, "_search_renamed", False):
        _index_later(_stories_naming(instance, using=using), using=using)


def _name_deleting(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    instance._search_article_ids = _stories_naming(instance, using=using)


def _name_deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    _index_later(getattr(instance, "_search_article_ids", []), using=using)


def connect_signals() -> None:
    """Follow changes made through the models (called once, from the app's `ready()`)."""
    from articles.models import (
        Article,
        Author,
        Byline,
        Place,
        TaggedArticlePlace,
        TaggedArticleTopic,
        Topic,
    )

    # A deleted story's entry goes with it: SearchEntry.article cascades.
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search_article_saved")
    post_save.connect(_byline_changed, sender=Byline, dispatch_uid="search_byline_saved")
    post_delete.connect(_byline_changed, sender=Byline, dispatch_uid="search_byline_deleted")
    for through in (TaggedArticlePlace, TaggedArticleTopic):
        uid = f"search_{through._meta.label}_changed"
        m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=uid)
    for model in (Author, Place, Topic):
        uid = f"search_{model._meta.label}"
        pre_save.connect(_name_saving, sender=model, dispatch_uid=f"{uid}_saving")
        post_save.connect(_name_saved, sender=model, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(_name_deleting, sender=model, dispatch_uid=f"{uid}_deleting")
        post_delete.connect(_name_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
