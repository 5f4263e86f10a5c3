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
    Correction,
    Person,
    Photo,
    Place,
    Quote,
    Section,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from articles.navigation import forget_navigation
from articles.rendering import rerender_stories_showing

# Rows shown on pages under their own key (and in the lists that show stories).
SHOWN = (Article, Author, Person, Photo, Place, Section, Topic)
# Rows that belong to one story: its page and the lists change with them. A correction also
# shows in the feeds and on the corrections page, which are lists.
PARTS_OF_A_STORY = (Byline, Correction, TaggedArticlePlace, TaggedArticleTopic)


def purge_shown(sender, instance, **kwargs):
    purge([key_for(instance), LISTS])


def purge_story_part(sender, instance, **kwargs):
    tagging = sender in (TaggedArticlePlace, TaggedArticleTopic)
    article_id = instance.content_object_id if tagging else instance.article_id
    purge([f"article-{article_id}", LISTS])


def purge_quote(sender, instance, **kwargs):
    keys = [f"article-{instance.article_id}"]
    if instance.person_id:
        keys.append(f"person-{instance.person_id}")
    purge(keys)


def forget_sections_shown(sender, instance, **kwargs):
    # Any story may give its section its first published story, or take away its last one.
    forget_navigation()


def rerender_photo_stories(sender, instance, **kwargs):
    # A body photo's caption, credit or file is part of the stories' served HTML.
    rerender_stories_showing([instance.pk])


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
        signal.connect(rerender_photo_stories, sender=Photo, dispatch_uid="render-Photo")
        for model in (Article, Section):
            signal.connect(
                forget_sections_shown, sender=model, dispatch_uid=f"nav-{model.__name__}"
            )
