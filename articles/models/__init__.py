"""The newsroom's content model.

Articles (with their bylines and sections), the people around them (authors, people quoted),
photos, quotes, the two tag vocabularies (places and topics), the suggestions an editor
rejected and the search entries.
"""

from .articles import Article, ArticleQuerySet, Byline, Section, story_lookup
from .people import Author, Person
from .photos import Photo, Rendition
from .quotes import Quote
from .search import SearchEntry
from .suggestions import RejectedSuggestion
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
    "Person",
    "Photo",
    "Place",
    "Quote",
    "RejectedSuggestion",
    "Rendition",
    "SearchEntry",
    "Section",
    "TaggedArticlePlace",
    "TaggedArticleTopic",
    "TaggedPhotoPlace",
    "TaggedPhotoTopic",
    "Topic",
]
