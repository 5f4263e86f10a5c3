"""Editorial workflows with side effects: publish, unpublish, submit for review, send back, merge
tags, share a preview, and the audit log they write.

Admin actions, forms, views, imports and commands all call these, so the rules live in one place.
Each checks permission on the server and raises rather than trusting a hidden button. A story
goes live only through `publish_article` (or, for imported copy, `imported_status`, which applies
the same permission and `publish_problems`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import versions
from articles.caching import LISTS, purge
from articles.models import (
    Article,
    ArticleEvent,
    ArticleNote,
    Place,
    PreviewLink,
    TaggedArticlePlace,
    TaggedArticleTopic,
    TaggedPhotoPlace,
    TaggedPhotoTopic,
    Topic,
)
from articles.models.previews import DEFAULT_LIFETIME, hash_token, new_token
from articles.search_index import update_search_index
from articles.text import needs_headline

PUBLISH_PERMISSION = "articles.publish_article"
Status = Article.Status
Action = ArticleEvent.Action
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


def record_event(article: Article, *, by, action: str, note: str = "") -> ArticleEvent:
    """Add `action` (an ArticleEvent.Action) on `article` by `by` (a user, or None for the system)
    to the audit log. Raises ValueError for an unknown action."""
    if action not in Action.values:
        raise ValueError(f"unknown publishing action {action!r}")
    return ArticleEvent.objects.create(
        article=article, headline=article.headline, action=action, by=by, note=note
    )


def add_note(article: Article, *, by, text: str) -> ArticleNote | None:
    """Add an internal note to `article`'s thread; None when `text` is blank. Raises
    PermissionDenied unless `by` may change stories."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not write notes on stories.")
    text = text.strip()
    return ArticleNote.objects.create(article=article, author=by, text=text) if text else None


def check_move(article: Article, *, to: str, by, stored: str | None = None, note: str = "") -> None:
    """Raise PermissionDenied if `by` may not move `article` from `stored` (its status as saved;
    default `article.status`) to `to`, or ValidationError saying what stops it.

    Only editors publish, unpublish or send back, and a send-back needs a note. A story goes live
    only when `publish_problems` finds nothing.
    """
    stored = article.status if stored is None else stored
    if to == stored:
        return
    if to == Status.PUBLISHED or stored == Status.PUBLISHED:
        if not can_publish(by):
            verb = "publish" if to == Status.PUBLISHED else "unpublish"
            raise PermissionDenied(f"Only editors may {verb} stories.")
        if to == Status.PUBLISHED:
            problems = publish_problems(article)
            if problems:
                raise ValidationError(problems)
    elif to == Status.UNPUBLISHED:
        raise ValidationError("Only a published story can be unpublished.")
    elif stored == Status.REVIEW and to == Status.DRAFT and can_publish(by) and not note.strip():
        raise ValidationError("Say why you are sending the story back: write a note for the desk.")
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit stories.")


@transaction.atomic
def move_article(
    article: Article, *, to: str, by, stored: str | None = None, note: str = "", at=None
) -> Article:
    """Move `article` from `stored` (default: its status) to the status `to` through the service
    for that move (publish at `at`, unpublish, submit, send back), with `note` in its thread and
    the audit log. Raises as `check_move`. The admin's form calls this once its edit is saved."""
    stored = article.status if stored is None else stored
    article.status = stored
    if to == stored:
        add_note(article, by=by, text=note)
        return article
    check_move(article, to=to, by=by, stored=stored, note=note)
    if to == Status.REVIEW:
        if stored == Status.PUBLISHED:
            unpublish_article(article, by=by)
        return submit_for_review(article, by=by, note=note)
    if stored == Status.REVIEW and to == Status.DRAFT and can_publish(by):
        return send_back(article, by=by, note=note)
    if to == Status.PUBLISHED:
        publish_article(article, by=by, at=at)
    elif stored == Status.PUBLISHED:
        unpublish_article(article, by=by, note=note)
    if article.status != to:
        article.status = to
        article.save()  # with the rest of the edit, when the form calls
    add_note(article, by=by, text=note)
    return article


@transaction.atomic
def publish_article(article: Article, *, by, at=None) -> Article:
    """Publish `article` now, or at `at` (a future time, or a future embargo, schedules it).

    Keeps an existing publish time when none is given, so republishing does not re-date a story.
    Records "published" or "scheduled" in the audit log when the status or time changes.
    Raises PermissionDenied if `by` may not publish, ValidationError listing what is missing.
    """
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish stories.")
    problems = publish_problems(article)
    if problems:
        raise ValidationError(problems)
    before = (article.status, article.published_at)
    article.status = Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.assignee = None
    article.save()
    if (article.status, article.published_at) != before:
        record_event(article, by=by, action=_going_live(article))
    return article


def _going_live(article: Article) -> str:
    return Action.PUBLISHED if article.is_public else Action.SCHEDULED


def imported_status(article: Article, *, by) -> tuple[str, list[str]]:
    """The rule for imported copy the import would put live (`article.status` published): it
    goes live only if `by` may publish (None: an operator's import from the command line, who
    may) and `publish_problems` finds nothing; otherwise it comes in for review.

    Returns the status to store and the reasons it is not published ([] when it is).
    """
    refusals = []
    if by is not None and not can_publish(by):
        refusals.append(f"{by.get_username()} may not publish stories")
    refusals += publish_problems(article)
    return (Status.REVIEW if refusals else Status.PUBLISHED), refusals


def record_imported(articles: list[Article], *, by, source: str) -> None:
    """Log the stories an import put live or scheduled, in one statement."""
    ArticleEvent.objects.bulk_create(
        ArticleEvent(
            article=article,
            headline=article.headline,
            action=_going_live(article),
            by=by,
            note=f"Imported ({source}).",
        )
        for article in articles
    )


@transaction.atomic
def unpublish_article(article: Article, *, by, note: str = "") -> Article:
    """Take `article` off the site (unpublished). Raises PermissionDenied for non-editors."""
    if not can_publish(by):
        raise PermissionDenied("Only editors may unpublish stories.")
    if article.status == Status.PUBLISHED:
        article.status = Status.UNPUBLISHED
        article.save()
        record_event(article, by=by, action=Action.UNPUBLISHED, note=note)
    return article


@transaction.atomic
def submit_for_review(article: Article, *, by, note: str = "") -> Article:
    """Move a draft (or an unpublished story) to “in review”, off anyone's desk until an editor
    takes it. Anyone who may change stories may; stories in other states stay as they are."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit stories.")
    if article.status in (Status.DRAFT, Status.UNPUBLISHED):
        article.status = Status.REVIEW
        article.assignee = None
        article.save()
        record_event(article, by=by, action=Action.SUBMITTED, note=note)
        add_note(article, by=by, text=note)
    return article


@transaction.atomic
def send_back(article: Article, *, by, note: str) -> Article:
    """Return a story in review to draft, with the editor's `note` in its thread, to the person
    who last submitted it. Raises PermissionDenied for non-editors, ValidationError without a
    note or for a story not in review."""
    if not can_publish(by):
        raise PermissionDenied("Only editors may send stories back.")
    if article.status != Status.REVIEW:
        raise ValidationError("Only a story in review can be sent back.")
    if not note.strip():
        raise ValidationError("Say why you are sending the story back: write a note for the desk.")
    submitted = article.events.filter(action=Action.SUBMITTED).exclude(by=None).first()
    article.status = Status.DRAFT
    article.assignee = submitted.by if submitted else article.assignee
    article.save()
    record_event(article, by=by, action=Action.SENT_BACK, note=note.strip())
    add_note(article, by=by, text=note)
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


# Preview links ---------------------------------------------------------------------------------


def can_share_preview(user, article: Article) -> bool:
    """Whether `user` may make or revoke preview links of `article`: staff who may change it."""
    return bool(
        user and user.is_active and user.is_staff and user.has_perm("articles.change_article")
    )


@transaction.atomic
def create_preview_link(
    article: Article, *, by, lifetime=DEFAULT_LIFETIME, version: int | None = None
) -> tuple[PreviewLink, str]:
    """Make a preview link of `article` that works for `lifetime` from now.

    Returns the link and its token; the token is not stored (only its hash), so its address
    must be given to the editor now. Raises PermissionDenied unless `by` may change the story.
    """
    if not can_share_preview(by, article):
        raise PermissionDenied("Only staff who may edit this story may share a preview of it.")
    token = new_token()
    link = PreviewLink.objects.create(
        article=article,
        version=version,
        token_hash=hash_token(token),
        created_by=by,
        expires_at=timezone.now() + lifetime,
    )
    return link, token


@transaction.atomic
def revoke_preview_link(link: PreviewLink, *, by) -> PreviewLink:
    """Stop `link` working now (a link already revoked keeps its time). Raises PermissionDenied
    unless `by` may change its story."""
    if not can_share_preview(by, link.article):
        raise PermissionDenied("Only staff who may edit this story may revoke its previews.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


# Versions: restoring one, publishing a live story's working changes ----------------------------


@transaction.atomic
def restore_version(article: Article, version, *, by):
    """Bring back the content of `version` (an ArticleVersion of `article`); returns the new
    version it makes.

    A restore is an edit like any other: on a published story it becomes the working copy, for
    an editor to publish; otherwise it is saved to the story. Status and publish time stay as
    they are. Raises PermissionDenied unless `by` may change stories.
    """
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit stories.")
    if version.article_id != article.pk:
        raise ValueError("That version belongs to another story.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    note = f"Restored version {version.number}."
    record_event(article, by=by, action=ArticleEvent.Action.RESTORED, note=note)
    if article.status == Article.Status.PUBLISHED:
        base = versions.snapshot_of(article)
        # A version saved before a field was kept in snapshots lacks it: the story keeps its own.
        kept = [name for name in versions.CONTENT_FIELDS if name in version.snapshot]
        restored = {**base, **{name: version.snapshot[name] for name in kept}}
        return versions.record_version(
            article, by=by, how=versions.How.RESTORE, snapshot=restored, is_working=True, note=note
        )
    versions.apply_snapshot(article, version.snapshot)
    return versions.record_version(article, by=by, how=versions.How.RESTORE, note=note)


@transaction.atomic
def publish_changes(article: Article, *, by):
    """Put a published story's working changes on the site; returns the version made.

    The changes pass the same rules as any publishing (`publish_article`): raises
    PermissionDenied unless `by` may publish, ValidationError listing what is missing (nothing
    is written then), or ValueError when the story has no working changes.
    """
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish changes.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    working = versions.working_version(article)
    if working is None:
        raise ValueError("The story has no unpublished changes.")
    versions.apply_snapshot(
        article, working.snapshot, fields=[*versions.CONTENT_FIELDS, "published_at"]
    )
    publish_article(article, by=by)
    return versions.record_version(
        article, by=by, how=versions.How.DESK, note="Published the working changes."
    )
