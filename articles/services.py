"""Editorial workflows with side effects: publish, unpublish, submit for review, merge tags.

Admin actions, forms, views and commands all call these, so the rules live in one place. Each
checks permission on the server and raises rather than trusting a hidden button.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.caching import LISTS, purge
from articles.models import (
    Article,
    Place,
    TaggedArticlePlace,
    TaggedArticleTopic,
    TaggedPhotoPlace,
    TaggedPhotoTopic,
    Topic,
)
from articles.search_index import update_search_index
from articles.text import needs_headline

PUBLISH_PERMISSION = "articles.publish_article"
# Every table that ties a tag of each vocabulary to a story or a photo.
TAGGINGS = {
    Place: (TaggedArticlePlace, TaggedPhotoPlace),
    Topic: (TaggedArticleTopic, TaggedPhotoTopic),
}


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def publish_problems(article: Article) -> list[str]:
    """What stops `article` from being published, in words an editor can act on; [] if nothing."""
    problems = []
    if not article.headline.strip():
        problems.append("The story has no headline.")
    elif needs_headline(article.headline):
        problems.append(f"The story needs a headline: write one in place of “{article.headline}”.")
    photo = article.lead_photo
    if photo is not None:
        if not photo.has_file:
            problems.append(f"The lead photo “{photo}” has no image file yet: upload it first.")
        if not photo.alt_text.strip():
            problems.append(f"The lead photo “{photo}” needs alt text.")
        if not photo.credit.strip() and not photo.agency.strip():
            problems.append(f"The lead photo “{photo}” needs a credit (photographer or agency).")
    return problems


@transaction.atomic
def publish_article(article: Article, *, by, at=None) -> Article:
    """Publish `article` now, or at `at` (a future time schedules it).

    Keeps an existing publish time when none is given, so republishing does not re-date a story.
    Raises PermissionDenied if `by` may not publish, ValidationError listing what is missing.
    """
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish stories.")
    problems = publish_problems(article)
    if problems:
        raise ValidationError(problems)
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save()
    return article


@transaction.atomic
def unpublish_article(article: Article, *, by) -> Article:
    """Take `article` off the site, back to draft. Raises PermissionDenied for non-editors."""
    if not can_publish(by):
        raise PermissionDenied("Only editors may unpublish stories.")
    article.status = Article.Status.DRAFT
    article.save()
    return article


@transaction.atomic
def submit_for_review(article: Article, *, by) -> Article:
    """Move a draft to “in review”. Anyone who may change stories may; others stay as they are."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit stories.")
    if article.status == Article.Status.DRAFT:
        article.status = Article.Status.REVIEW
        article.save()
    return article


@transaction.atomic
def merge_tags(tags, *, into: Place | Topic, by) -> list[str]:
    """Fold `tags` (places or topics, the vocabulary of `into`) into `into`, then delete them.

    Every story and photo tagged with one of them ends up tagged `into` once; a topic keeps the
    merged names and their aliases as aliases, so the importer still recognises them. Returns the
    merged names. Raises PermissionDenied unless `by` may delete tags of that vocabulary.
    """
    vocabulary = type(into)
    opts = vocabulary._meta
    if not by.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
        raise PermissionDenied(f"You may not merge {opts.verbose_name_plural}.")
    merged = [tag for tag in tags if tag.pk != into.pk]
    if any(not isinstance(tag, vocabulary) for tag in merged):
        raise ValueError("Only tags of one vocabulary can be merged.")
    retagged = set(
        TAGGINGS[vocabulary][0]
        .objects.filter(tag__in=merged)
        .values_list("content_object_id", flat=True)
    )
    for through in TAGGINGS[vocabulary]:
        tagged = set(through.objects.filter(tag=into).values_list("content_object_id", flat=True))
        keep, drop = [], []
        for pk, object_id in through.objects.filter(tag__in=merged).values_list(
            "pk", "content_object_id"
        ):
            (drop if object_id in tagged else keep).append(pk)
            tagged.add(object_id)
        through.objects.filter(pk__in=drop).delete()
        through.objects.filter(pk__in=keep).update(tag=into)
    if vocabulary is Topic:
        aliases = {}
        for name in into.alias_list() + [n for t in merged for n in (t.name, *t.alias_list())]:
            if name.casefold() != into.name.casefold():
                aliases.setdefault(name.casefold(), name)
        into.aliases = "\n".join(aliases.values())
        into.save(update_fields=["aliases"])
    vocabulary.objects.filter(pk__in=[tag.pk for tag in merged]).delete()
    if vocabulary is Place and into.geonames_id is None:
        # The place kept takes the gazetteer's id of a place merged into it, so the importer
        # finds it again rather than making the merged place anew.
        into.geonames_id = next((tag.geonames_id for tag in merged if tag.geonames_id), None)
        if into.geonames_id:
            into.save(update_fields=["geonames_id"])
    # The tag rows were moved with update(), which sends no signals.
    update_search_index(article_ids=retagged)
    purge([LISTS, *(f"article-{pk}" for pk in retagged)])
    return [tag.name for tag in merged]
