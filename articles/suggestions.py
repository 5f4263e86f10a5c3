"""Suggestions from a story's own text, on the desk as on import.

`suggest_from_text(article_id)` reads a story through the same `read_story()` as the importer
and offers what it finds as suggested places, topics and quotes. It never overrides an editor:
tags an editor set stay as they are, quotes an editor wrote or checked (not `is_suggested`) are
kept, and a suggestion an editor removed is remembered (`RejectedSuggestion`) and never offered
again for that story. It takes the story's id, not the story, so it can run after the commit
that saved it, or later from a queue.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from articles.analysis.story import quote_key, read_story
from articles.importers.pipeline import ImportCache
from articles.models import (
    Article,
    Quote,
    RejectedSuggestion,
    TaggedArticlePlace,
    TaggedArticleTopic,
)
from articles.text import html_paragraphs, normalize_space

Kind = RejectedSuggestion.Kind


@dataclass
class Suggested:
    """A story's suggestions at one moment: tag ids by kind, and quote ids with their keys."""

    places: set[int]
    topics: set[int]
    quotes: dict[int, str]


def suggest_from_text(article_id: int) -> None:
    """Read the story's headline and body and store what they hold as suggestions.

    Suggested quotes are replaced by this reading's (a suggested quote whose words are still in
    the body is kept, as one a source supplied); places and topics found are added as suggested
    unless the story has them already or an editor removed them. A story deleted meanwhile is
    left alone.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    cache = ImportCache()
    paragraphs = html_paragraphs(article.body)
    reading = read_story(
        headline=article.headline,
        dateline=article.dateline,
        paragraphs=paragraphs,
        place_names=cache.place_names(),
        vocabulary=cache.vocabulary(),
        home=settings.NEWSROOM_HOME_PLACE,
    )
    rejected = RejectedSuggestion.objects.by_article([article]).get(article.pk, {})
    with transaction.atomic():
        places = [cache.found_place(place) for place in reading.places]
        _add_tags(TaggedArticlePlace, article, places, rejected.get(Kind.PLACE, set()))
        topics = [cache.topic(t.name, aliases=t.aliases) for t in reading.topics]
        _add_tags(TaggedArticleTopic, article, topics, rejected.get(Kind.TOPIC, set()))
        _replace_quotes(article, reading.quotes, paragraphs, rejected.get(Kind.QUOTE, set()), cache)


def suggestions_of(article: Article) -> Suggested:
    """What is suggested on `article` now, to compare with after an editor's save."""
    return Suggested(
        places=set(_suggested_tags(TaggedArticlePlace, article)),
        topics=set(_suggested_tags(TaggedArticleTopic, article)),
        quotes={
            pk: quote_key(text)
            for pk, text in article.quotes.filter(is_suggested=True).values_list("pk", "text")
        },
    )


def remember_removed(article: Article, before: Suggested) -> int:
    """Record the suggestions in `before` that an editor has since removed; returns how many.

    A tag counts as removed when the story no longer has it; a quote when its row is gone.
    """
    tags = {
        Kind.PLACE: set(article.place_items.values_list("tag_id", flat=True)),
        Kind.TOPIC: set(article.topic_items.values_list("tag_id", flat=True)),
    }
    gone = [(Kind.PLACE, str(pk)) for pk in before.places - tags[Kind.PLACE]]
    gone += [(Kind.TOPIC, str(pk)) for pk in before.topics - tags[Kind.TOPIC]]
    remaining = set(article.quotes.filter(pk__in=before.quotes).values_list("pk", flat=True))
    gone += [(Kind.QUOTE, key) for pk, key in before.quotes.items() if pk not in remaining and key]
    RejectedSuggestion.objects.bulk_create(
        [RejectedSuggestion(article=article, kind=kind, value=value) for kind, value in gone],
        ignore_conflicts=True,
    )
    return len(gone)


def _suggested_tags(through, article: Article):
    return through.objects.filter(content_object=article, is_suggested=True).values_list(
        "tag_id", flat=True
    )


def _add_tags(through, article: Article, tags, rejected: set[int]) -> None:
    present = set(through.objects.filter(content_object=article).values_list("tag_id", flat=True))
    through.objects.bulk_create(
        [
            through(content_object=article, tag=tag, is_suggested=True)
            for tag in dict.fromkeys(tags)
            if tag.pk not in present and tag.pk not in rejected
        ]
    )


def _replace_quotes(article: Article, found, paragraphs, rejected: set[str], cache) -> None:
    body = quote_key(" ".join(paragraphs))
    quotes = list(article.quotes.all())
    kept = {quote_key(q.text) for q in quotes if not q.is_suggested}
    stale = [q.pk for q in quotes if q.is_suggested and quote_key(q.text) not in body]
    fresh = {quote_key(q.text): q for q in found}
    # A suggestion read again replaces the old row, so an improved attribution shows.
    stale += [q.pk for q in quotes if q.is_suggested and quote_key(q.text) in fresh]
    Quote.objects.filter(pk__in=stale).delete()
    kept |= {quote_key(q.text) for q in quotes if q.is_suggested and q.pk not in stale}
    rows = []
    position = max((q.position for q in quotes if q.pk not in stale), default=-1) + 1
    for key, quote in fresh.items():
        if not key or key in kept or key in rejected:
            continue
        speaker = normalize_space(quote.speaker)
        person = (
            cache.person(speaker, title=quote.speaker_title, kind=quote.speaker_kind)
            if speaker
            else None
        )
        rows.append(
            Quote(
                article=article,
                person=person,
                text=quote.text.strip(),
                position=position,
                is_suggested=True,
            )
        )
        position += 1
    Quote.objects.bulk_create(rows)
