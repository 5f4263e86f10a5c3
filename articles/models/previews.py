import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

# How long a new link works unless the editor picks another of LIFETIMES.
DEFAULT_LIFETIME = timedelta(days=7)
LIFETIMES = {1: "1 day", 3: "3 days", 7: "7 days", 14: "14 days", 30: "30 days"}
# 32 random bytes: as hard to guess as a secret key.
TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    """The stored form of a preview token: a leaked table gives no working link."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class PreviewLinkQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The link `token` opens, whatever its state, or None.

        Looked up by the token's hash (a unique index), so the comparison never runs over the
        token itself and its time says nothing about how much of a guess was right.
        """
        if not token or len(token) > 2 * TOKEN_BYTES:
            return None
        return self.filter(token_hash=hash_token(token)).first()

    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A secret address that shows a story as it will look to someone without a desk account.

    Only the token's hash is stored; the address is shown once, when the link is made. The link
    stops working at `expires_at` or once revoked. `version` is the working version of a live
    story it shows (an ArticleVersion id) once versions are kept; empty, it shows the story's
    current fields.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="preview_links"
    )
    version = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The story version (ArticleVersion id) shown; empty shows the story as saved.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Preview of “{self.article}” until {self.expires_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def url_for(token: str) -> str:
        return reverse("articles:preview", args=[token])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def state(self) -> str:
        if self.is_revoked:
            return "revoked"
        return "expired" if self.is_expired else "active"
