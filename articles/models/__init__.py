"""The newsroom's content model.

Articles (with their bylines and sections), the people around them (authors, people quoted),
photos, quotes, the two tag vocabularies (places and topics), the search entries, and the desk's
notes, publishing events and imported payloads.
"""

from .articles import Article, ArticleQuerySet, Byline, Section, live_at, story_lookup
from .people import Author, Person
from .photos import Photo, Rendition
from .quotes import Quote
from .search import SearchEntry
from .tags import (
    Place,
    TaggedArticlePlace,
    TaggedArticleTopic,
    TaggedPhotoPlace,
    TaggedPhotoTopic,
    Topic,
)
from .workflow import ArticleEvent, ArticleNote, SourcePayload

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleNote",
    "ArticleQuerySet",
    "live_at",
    "story_lookup",
    "Author",
    "Byline",
    "Person",
    "Photo",
    "Place",
    "Quote",
    "Rendition",
    "SearchEntry",
    "SourcePayload",
    "Section",
    "TaggedArticlePlace",
    "TaggedArticleTopic",
    "TaggedPhotoPlace",
    "TaggedPhotoTopic",
    "Topic",
]
