"""The served HTML of a story body (`Article.body_html`), built from its source (`Article.body`).

The source is what the editor wrote, cleaned on the way in (`articles.text.clean_body`); the
served HTML is made from it here, once, when the story is saved, so a page view only prints it.
It is the source with the dateline leading the first paragraph, every plain image loaded lazily,
and each photo from the newsroom's library placed in the body (`articles.images.body`) shown as
the lead photo is: `<picture>` with renditions, the body's caption (else the photo's) and the
credit. A photo that is gone or has no file keeps its stored figure.

What the served HTML depends on besides the story is its body photos: when one of them changes
(caption, credit, file, renditions) or is deleted, `rerender_stories_showing` renders again the
stories that show it, once the transaction commits. After a change of the allowlist or of this
rendering, `manage.py render_articles` applies it to every story.
"""

import re
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.caching import purge
from articles.images.body import BODY_PHOTO, body_photo_ids, stored_caption
from articles.text import clean_body, strip_tags

_FIRST_PARAGRAPH = re.compile(r"^\s*<p>", re.IGNORECASE)
# The sanitiser drops `loading` and `decoding`, so no image in a source body has them.
_PLAIN_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
# How many stories `render_all` renders and writes at a time.
BATCH_SIZE = 200


def render_body(article, *, photos: dict | None = None) -> str:
    """The served HTML of `article`'s (sanitised) body.

    `photos` maps photo ids to photos with everything the body shows of them; without it the
    body's photos are read in one query (none when the body places no photo).
    """
    body = article.body or ""
    if photos is None:
        photos = _photos_by_id(body_photo_ids(body))
    body = _PLAIN_IMAGE.sub(r'\g<0> loading="lazy" decoding="async"', body)
    if photos:
        body = BODY_PHOTO.sub(lambda match: _body_photo(match, photos), body)
    if article.dateline and not strip_tags(body).upper().startswith(article.dateline.upper()):
        dateline = format_html('<span class="article__dateline">{} —</span> ', article.dateline)
        if _FIRST_PARAGRAPH.match(body):
            body = _FIRST_PARAGRAPH.sub(lambda m: m.group(0) + dateline, body, count=1)
        else:
            body = dateline + body
    return body


def render_bodies(articles: Iterable) -> list:
    """Set `body_html` on each of `articles` (not saved); one query for all their body photos."""
    articles = list(articles)
    ids = {pk for article in articles for pk in body_photo_ids(article.body)}
    photos = _photos_by_id(ids)
    for article in articles:
        article.body_html = render_body(article, photos=photos)
    return articles


def render_all(*, batch_size: int = BATCH_SIZE) -> Iterator[int]:
    """Sanitise every story's body again (under the current allowlist) and render it, storing the
    stories that changed, `batch_size` at a time, each batch in its own transaction. Yields how
    many stories each batch changed."""
    Article = apps.get_model("articles", "Article")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        yield _rerender(ids[start : start + batch_size], sanitize=True)


def rerender_stories_showing(photo_ids: Iterable[int]) -> None:
    """Render again, once the current transaction commits, the stories whose body shows one of
    `photo_ids`, and purge their pages."""
    photo_ids = sorted(set(photo_ids))
    if photo_ids:
        transaction.on_commit(lambda: _rerender(stories_showing(photo_ids)))


def stories_showing(photo_ids: Iterable[int]) -> list[int]:
    """The ids of the stories whose body places one of `photo_ids`."""
    Article = apps.get_model("articles", "Article")
    wanted = Q()
    for pk in photo_ids:
        wanted |= Q(body__contains=f'<figure data-photo="{pk}">')
    return list(Article.objects.filter(wanted).values_list("pk", flat=True)) if wanted else []


def _rerender(article_ids: list[int], *, sanitize: bool = False) -> int:
    if not article_ids:
        return 0
    Article = apps.get_model("articles", "Article")
    with transaction.atomic():
        articles = list(
            Article.objects.filter(pk__in=article_ids)
            .only("pk", "body", "body_html", "dateline")
            .select_for_update()
        )
        stored = {article.pk: (article.body, article.body_html) for article in articles}
        if sanitize:
            for article in articles:
                article.body = clean_body(article.body)
        changed = [
            article
            for article in render_bodies(articles)
            if (article.body, article.body_html) != stored[article.pk]
        ]
        # Not save(): the story's modification time stays, and only these columns are written.
        Article.objects.bulk_update(changed, ["body", "body_html"])
        purge(changed)
    return len(changed)


def _photos_by_id(ids) -> dict:
    Photo = apps.get_model("articles", "Photo")
    return Photo.objects.in_bulk(list(ids)) if ids else {}


def _body_photo(match: re.Match, photos: dict) -> str:
    photo = photos.get(int(match["id"]))
    if photo is None or not photo.has_file:
        return match[0]
    caption = mark_safe(stored_caption(match["inner"]))  # noqa: S308 - from the sanitised body
    return render_to_string(
        "articles/includes/photo_figure.html",
        {"photo": photo, "slot": "inline", "body_caption": caption},
    ).strip()
