"""Purge the cached pages that show a row whenever the row is saved or deleted.

Every door that changes content through the models (the desk, services, the shell) lands here.
Bulk writes that skip signals (the importer's `bulk_create`) purge by calling
`articles.caching.purge` themselves.
"""

from django.db.models.signals import post_delete, post_save

from articles.caching import LISTS, key_for, purge
from articles.models import (
    Article,
    Author,
    Byline,
    Person,
    Photo,
    Place,
    Quote,
    Section,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)

# Rows shown on pages under their own key (and in the lists that show stories).
SHOWN = (Article, Author, Person, Photo, Place, Section, Topic)
# Rows that belong to one story: its page and the lists change with them.
PARTS_OF_A_STORY = (Byline, TaggedArticlePlace, TaggedArticleTopic)


def purge_shown(sender, instance, **kwargs):
    purge([key_for(instance), LISTS])


def purge_story_part(sender, instance, **kwargs):
    article_id = instance.article_id if sender is Byline else instance.content_object_id
    purge([f"article-{article_id}", LISTS])


def purge_quote(sender, instance, **kwargs):
    keys = [f"article-{instance.article_id}"]
    if instance.person_id:
        keys.append(f"person-{instance.person_id}")
    purge(keys)


def schedule_story_times(sender, instance, raw=False, **kwargs):
    """A story saved with a publish time (or another visibility time) still to come gets a task
    for that moment."""
    if not raw:
        from articles.tasks import schedule_visibility_changes

        schedule_visibility_changes(instance)


def connect() -> None:
    post_save.connect(schedule_story_times, sender=Article, dispatch_uid="schedule-story-times")
    for signal in (post_save, post_delete):
        for model in SHOWN:
            signal.connect(purge_shown, sender=model, dispatch_uid=f"purge-{model.__name__}")
        for model in PARTS_OF_A_STORY:
            signal.connect(purge_story_part, sender=model, dispatch_uid=f"purge-{model.__name__}")
        signal.connect(purge_quote, sender=Quote, dispatch_uid="purge-Quote")
