"""The newsroom's content model.

Articles (with their bylines and sections), the people around them (authors, people quoted),
photos, quotes, the two tag vocabularies (places and topics), the suggestions an editor rejected,
the search entries, corrections, preview links, the desk's notes, publishing events and imported
payloads, the stories' versions, and the background jobs that work on them.
"""

from .articles import Article, ArticleQuerySet, Byline, Section, live_at, story_lookup
from .background import BackgroundJob, ImportRun, SweepMark
from .corrections import Correction
from .people import Author, Person
from .photos import Photo, Rendition
from .prepared import PreparedStory
from .previews import PreviewLink
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
from .versions import ArticleVersion
from .workflow import ArticleEvent, ArticleNote, SourcePayload

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleNote",
    "ArticleQuerySet",
    "live_at",
    "ArticleVersion",
    "story_lookup",
    "Author",
    "BackgroundJob",
    "ImportRun",
    "SweepMark",
    "Byline",
    "Correction",
    "Person",
    "Photo",
    "Place",
    "PreparedStory",
    "PreviewLink",
    "Quote",
    "RejectedSuggestion",
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
