"""The newsroom's content model.

Articles (with their bylines and sections), the people around them (authors, people quoted),
photos, quotes, the two tag vocabularies (places and topics), the search entries, corrections
and preview links.
"""

from .articles import Article, ArticleQuerySet, Byline, Section, story_lookup
from .corrections import Correction
from .people import Author, Person
from .photos import Photo, Rendition
from .previews import PreviewLink
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

__all__ = [
    "Article",
    "ArticleQuerySet",
    "story_lookup",
    "Author",
    "Byline",
    "Correction",
    "Person",
    "Photo",
    "Place",
    "PreviewLink",
    "Quote",
    "Rendition",
    "SearchEntry",
    "Section",
    "TaggedArticlePlace",
    "TaggedArticleTopic",
    "TaggedPhotoPlace",
    "TaggedPhotoTopic",
    "Topic",
]
