"""One reading of a story's text: the quotes, places and topics it holds.

The importer and the desk both read a story through `read_story()`, so a story pasted into the
desk gets the same suggestions as the same story imported. Pure Python, like the rest of
`articles.analysis`: the caller passes the newsroom's known place names and topic vocabulary.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from articles.analysis.places import FoundPlace, find_places
from articles.analysis.quotes import FoundQuote, extract_quotes
from articles.analysis.topics import FoundTopic, find_topics


@dataclass
class Reading:
    places: list[FoundPlace]
    topics: list[FoundTopic]
    quotes: list[FoundQuote]


def read_story(
    *,
    headline: str,
    dateline: str,
    paragraphs: list[str],
    place_names: Iterable[str] = (),
    vocabulary: Iterable[tuple[str, list[str]]] = (),
    home: str = "",
) -> Reading:
    """What the story's `paragraphs` (plain text, one string each) say, with its headline;
    `home` names the newsroom's home town, the last word between places that share a name."""
    text = "\n\n".join([headline, *paragraphs])
    return Reading(
        places=find_places(text, dateline=dateline, known=place_names, home=home),
        topics=find_topics(headline=headline, text=text, vocabulary=vocabulary),
        quotes=extract_quotes(paragraphs),
    )


def quote_key(text: str) -> str:
    """The words of a quote, so that punctuation and quotation marks do not make it another."""
    return " ".join(re.findall(r"\w+", text.casefold()))
