"""Sitemaps for search engines: stories, and the section, author, place and topic pages that list
them, indexed at /sitemap.xml; and a Google News sitemap of the last two days' stories.

Only `Article.objects.published()` counts: a story, or a place or topic page that would exist only
because of unpublished stories, is never listed. Each page of a sitemap costs a fixed number of
queries, and addresses come from the request's host (no sites framework).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from articles.models import Article, Author, Place, Section, Topic, story_lookup
from articles.structured_data import iso_datetime

NEWS_WINDOW = timedelta(days=2)
# Google News reads at most this many stories from one news sitemap.
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """Every published story, oldest first, so that earlier pages of the sitemap stay the same
    as stories are added."""

    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "created_at", "updated_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class OwnerSitemap(Sitemap):
    """The pages of sections, authors, places or topics (`model`) with at least one published
    story; each page last changed when its latest story did."""

    model = None

    def items(self):
        latest = (
            Article.objects.published()
            .filter(**{story_lookup(self.model): OuterRef("pk")})
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            self.model.objects.annotate(latest_update=Subquery(latest))
            .filter(latest_update__isnull=False)
            .only("slug")
            .order_by("pk")
        )

    def lastmod(self, owner):
        return owner.latest_update

    def get_latest_lastmod(self):
        lookup = story_lookup(self.model)
        stories = Article.objects.published().filter(**{f"{lookup}__isnull": False})
        return stories.aggregate(latest=Max("updated_at"))["latest"]


class NewsSitemap(Sitemap):
    """Stories published in the last two days, newest first, with the Google News details:
    publication name and language, title and publish time."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("headline", "slug", "language", "published_at", "created_at", "updated_at")
            .order_by("-published_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        return [
            {
                **url,
                "publication": {
                    "name": settings.NEWSROOM_NAME,
                    "language": news_language(url["item"].language_tag),
                },
                "title": url["item"].headline,
                "published": iso_datetime(url["item"].published_at),
            }
            for url in super().get_urls(page=page, site=site, protocol=protocol)
        ]


def news_language(tag: str) -> str:
    """The language code Google News asks for, of a story in the language `tag`: ISO 639
    (“en”), except Chinese with its script (“zh-cn”, “zh-tw”)."""
    tag = tag.lower()
    return tag if tag in {"zh-cn", "zh-tw"} else tag.partition("-")[0]


class SectionSitemap(OwnerSitemap):
    model = Section


class AuthorSitemap(OwnerSitemap):
    model = Author


class PlaceSitemap(OwnerSitemap):
    model = Place


class TopicSitemap(OwnerSitemap):
    model = Topic


# Classes, not instances: the views make one per request, and a sitemap keeps per-request state
# (the latest change it saw, for the Last-Modified header).
SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "places": PlaceSitemap,
    "topics": TopicSitemap,
}
# The index names the news sitemap too; it has its own address and template.
INDEX = {**SITEMAPS, "news": NewsSitemap}
