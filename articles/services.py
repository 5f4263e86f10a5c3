"""Editorial workflows with side effects: publish, unpublish, submit for review.

Admin actions, forms, views and commands all call these, so the rules live in one place. Each
checks permission on the server and raises rather than trusting a hidden button.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def publish_problems(article: Article) -> list[str]:
    """What stops `article` from being published, in words an editor can act on; empty if nothing."""
    problems = []
    if not article.headline.strip():
        problems.append("The story has no headline.")
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
    """Take `article` off the site: it goes back to draft. Raises PermissionDenied for non-editors."""
    if not can_publish(by):
        raise PermissionDenied("Only editors may unpublish stories.")
    article.status = Article.Status.DRAFT
    article.save()
    return article


@transaction.atomic
def submit_for_review(article: Article, *, by) -> Article:
    """Move a draft to “in review”. Anyone who may change articles may do it; published stays put."""
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit stories.")
    if article.status == Article.Status.DRAFT:
        article.status = Article.Status.REVIEW
        article.save()
    return article
