"""RSS 2.0 and Atom feeds of published stories: the whole site, and each section, author, place
and topic.

Every feed starts from `Article.objects.published().with_related()`, so it carries only what
readers may see, newest first, and costs a fixed number of queries however many bylines, tags and
photos its stories have. Each item gives every author by full name (with their page in Atom),
the publish and last-change times, the section and tags as categories, and the lead photo as a
Media RSS `media:content` (the largest JPEG rendition, with caption and credit). A story's
corrections and update notes follow its description, and the latest one is its updated time.

`/corrections/feed/rss/` and `/corrections/feed/atom/` carry the notes themselves, newest first.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.text import Truncator

from articles.images.renditions import ImageFile, largest_jpeg
from articles.languages import site_language
from articles.models import Article, Author, Correction, Place, Section, Topic
from articles.text import strip_tags

FEED_ITEMS = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
DC_TERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class FeedPhoto:
    image: ImageFile
    caption: str
    credit: str


class MediaMixin:
    """Writes an item's lead photo as `media:content`, its address made absolute against the
    feed's own link (the photo may be on the site or on a media domain)."""

    def add_media(self, handler, item):
        photo = item.get("photo")
        if photo is None:
            return
        image = photo.image
        attributes = {
            "url": urljoin(self.feed["link"], image.url),
            "type": image.mime_type,
            "medium": "image",
        }
        if image.width and image.height:
            attributes.update(width=str(image.width), height=str(image.height))
        handler.startElement("media:content", attributes)
        if photo.caption:
            handler.addQuickElement("media:description", photo.caption, {"type": "plain"})
        if photo.credit:
            handler.addQuickElement("media:credit", photo.credit)
        handler.endElement("media:content")


class NewsroomRssFeed(MediaMixin, Rss201rev2Feed):
    """RSS 2.0 with every author as `dc:creator` (RSS's own `author` wants an e-mail address),
    the last change as `dcterms:modified` and the lead photo as `media:content`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DUBLIN_CORE,
            "xmlns:dcterms": DC_TERMS,
            "xmlns:media": MEDIA_RSS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _ in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("dcterms:modified", rfc3339_date(item["updateddate"]))
        self.add_media(handler, item)


class NewsroomAtomFeed(MediaMixin, Atom1Feed):
    """Atom with an `author` element for every author and the lead photo as `media:content`."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", urljoin(self.feed["link"], url))
            handler.endElement("author")
        self.add_media(handler, item)


class LatestStoriesFeed(Feed):
    """The newsroom's latest published stories, newest first.

    One instance serves RSS, another (`atom=True`) Atom. Subclasses narrow `stories()` to one
    owner (a section, author, place or topic) found by `get_object()`.
    """

    def __init__(self, *, atom: bool = False):
        super().__init__()
        self.feed_type = NewsroomAtomFeed if atom else NewsroomRssFeed

    def stories(self, owner):
        return Article.objects.published().with_related().with_corrections()

    def items(self, owner):
        return self.stories(owner).order_by("-published_at", "-pk")[:FEED_ITEMS]

    def title(self, owner):
        return settings.NEWSROOM_NAME

    def link(self, owner):
        return "/"

    def description(self, owner):
        return f"The latest stories from {settings.NEWSROOM_NAME}."

    def subtitle(self, owner):
        return self.description(owner)

    def author_name(self, owner):
        # Atom's stand-in author for stories without a byline; RSS does not write it.
        return settings.NEWSROOM_NAME

    @property
    def language(self):
        return site_language().lower()

    def item_title(self, article):
        # Plain text, not escaped a second time as Django's default: feedparser and most readers
        # take an RSS title for text (Atom's is text by definition), so "Q&A" must not arrive
        # as "Q&amp;A".
        return article.headline

    def item_description(self, article):
        # Both RSS's description and Atom's summary (type "html") are HTML.
        text = article.summary or article.dek or Truncator(strip_tags(article.body)).words(60)
        return escape(text, quote=False) + "".join(
            note_html(note) for note in article.corrections.all()
        )

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_correction_at or article.updated_at

    def item_categories(self, article):
        section = [article.section.name] if article.section else []
        return [*section, *(tag.name for tag in (*article.places.all(), *article.topics.all()))]

    def item_extra_kwargs(self, article):
        photo = article.lead_photo
        image = largest_jpeg(photo)
        return {
            "authors": [(a.name, a.get_absolute_url()) for a in article.byline_authors()],
            "photo": FeedPhoto(image, photo.caption, photo.credit_line) if image else None,
        }


class ArticlesOfFeed(LatestStoriesFeed):
    """The published stories of one owner, found by its slug; 404 for an unknown slug."""

    owner_model = None
    # A place or topic only on unpublished stories could give away a story before it runs.
    requires_published_story = False

    def get_object(self, request, slug):
        owner = get_object_or_404(self.owner_model, slug=slug)
        if self.requires_published_story and not self.stories(owner).exists():
            raise Http404(f"No published story for {owner}.")
        return owner

    def stories(self, owner):
        return super().stories(owner).of(owner)

    def title(self, owner):
        return f"{owner.name} | {settings.NEWSROOM_NAME}"

    def link(self, owner):
        return owner.get_absolute_url()


class SectionFeed(ArticlesOfFeed):
    owner_model = Section

    def description(self, owner):
        return f"The latest {owner.name} stories from {settings.NEWSROOM_NAME}."


class AuthorFeed(ArticlesOfFeed):
    owner_model = Author

    def description(self, owner):
        return f"Stories by {owner.name} for {settings.NEWSROOM_NAME}."


class PlaceFeed(ArticlesOfFeed):
    owner_model = Place
    requires_published_story = True

    def description(self, owner):
        return f"Stories from {settings.NEWSROOM_NAME} about {owner.name}."


class TopicFeed(ArticlesOfFeed):
    owner_model = Topic
    requires_published_story = True

    def description(self, owner):
        return f"Stories from {settings.NEWSROOM_NAME} on {owner.name}."


def note_html(note: Correction) -> str:
    """A correction as a paragraph of a feed entry: “Correction, Dec. 3, 2026: …”."""
    # The note's text was sanitised on save.
    return f"<p><strong>{escape(note.label())}:</strong> {note.text}</p>"


class CorrectionsFeed(Feed):
    """Every note on a published story, newest first; each links to the note on its story."""

    def __init__(self, *, atom: bool = False):
        super().__init__()
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def items(self):
        return Correction.objects.public().select_related("article")[:FEED_ITEMS]

    def title(self):
        return f"Corrections | {settings.NEWSROOM_NAME}"

    def link(self):
        return reverse("articles:corrections")

    def description(self):
        return f"Corrections, clarifications and updates to stories from {settings.NEWSROOM_NAME}."

    def subtitle(self):
        return self.description()

    def author_name(self):
        return settings.NEWSROOM_NAME

    @property
    def language(self):
        return site_language().lower()

    def item_title(self, note):
        return f"{note.get_kind_display()}: {note.article.headline}"

    def item_description(self, note):
        return note_html(note)

    def item_link(self, note):
        return note.get_absolute_url()

    def item_pubdate(self, note):
        return note.published_at

    def item_updateddate(self, note):
        return note.published_at
