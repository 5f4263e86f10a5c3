"""The newsroom's content model.

Articles (with their bylines and sections), the people around them (authors, people quoted),
photos, quotes, the two tag vocabularies (places and topics), the search entries, and the
background jobs that work on them.
"""

from .articles import Article, ArticleQuerySet, Byline, Section, story_lookup
from .background import BackgroundJob, ImportRun, SweepMark
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

__all__ = [
    "Article",
    "ArticleQuerySet",
    "story_lookup",
    "Author",
    "BackgroundJob",
    "ImportRun",
    "SweepMark",
    "Byline",
    "Person",
    "Photo",
    "Place",
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
