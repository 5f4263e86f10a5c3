"""Stories as IPTC ninjs 2.x documents, for partners, archives and the newsroom's own importer.

The document validates against the ninjs 2.2 schema and is read back by
`articles.importers.ninjs` into the same story: headline and dek, body, summary, authors in order
with job titles, dateline, section, places, topics, publish time and the lead photo's caption,
credit and alt text. ninjs 2.x has no field of its own for some of these, so the newsroom uses
the schema's general ones:
- authors are `people` with `rel` "author"; `by` says the same in words, with job titles
  ("Dana Whitfield, Staff writer; Lee Park");
- the section is a subject with `rel` "section";
- the photo's alt text is a description with role "alttext"; its photographer is `by`, its agency
  `copyrightholder`, and the credit line ("Dana Whitfield / Associated Press") a description with
  role "creditline".
"""

from datetime import UTC

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone

from articles.images.renditions import ORIGINAL_TYPES
from articles.models import Article, Photo
from articles.text import slug_for

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
# Ids from these sources are already global (a ninjs uri, a NewsML-G2 guid): keep them, so a
# partner sees the wire's own id and re-importing our export updates the same story.
GLOBAL_ID_SOURCES = {"ninjs", "newsml"}


def article_to_ninjs(article: Article, *, base_url: str = "") -> dict:
    """The ninjs 2.x document for `article`.

    `base_url` ("https://news.example.org") makes links absolute: the article's page, its tags'
    pages and the lead photo's image. Without it, only addresses that are already absolute (a
    photo's original) are given. Use `Article.objects.with_related()` so this costs no queries
    beyond those of the article itself.
    """
    authors = article.byline_authors()
    document = {
        "uri": _uri(article, "article"),
        "type": "text",
        "representationtype": "full",
        "version": str(int(article.updated_at.timestamp())) if article.updated_at else "1",
        "firstcreated": _datetime(article.published_at or article.created_at),
        "versioncreated": _datetime(article.updated_at or article.created_at),
        "pubstatus": "usable" if article.status == Article.Status.PUBLISHED else "withheld",
        "language": article.language_tag,
        "headlines": [{"role": "main", "value": article.headline}],
        "slugline": article.slug,
        "standard": {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA},
    }
    if article.dek:
        document["headlines"].append({"role": "sub", "value": article.dek})
    is_published = article.status == Article.Status.PUBLISHED and article.published_at is not None
    if is_published and article.published_at > timezone.now():  # scheduled: embargoed
        document["embargoed"] = _datetime(article.published_at)
    if authors:
        document["by"] = "; ".join(
            f"{author.name}, {author.job_title}" if author.job_title else author.name
            for author in authors
        )
        document["people"] = [
            _concept(author.name, author, base_url, rel="author") for author in authors
        ]
    if article.body:
        document["bodies"] = [{"role": "main", "contenttype": "text/html", "value": article.body}]
    if article.summary:
        document["descriptions"] = [
            {"role": "summary", "contenttype": "text/plain", "value": article.summary}
        ]
    if article.dateline:
        document["located"] = article.dateline
    subjects = [_concept(topic.name, topic, base_url) for topic in article.topics.all()]
    if article.section is not None:
        subjects.insert(0, _concept(article.section.name, article.section, base_url, rel="section"))
    if subjects:
        document["subjects"] = subjects
    places = [_place_concept(place, base_url) for place in article.places.all()]
    if places:
        document["places"] = places
    if article.lead_photo is not None:
        document["associations"] = [_picture(article.lead_photo, base_url)]
    if base_url and article.is_public:
        document["altids"] = [{"role": "canonical-url", "value": _absolute(article, base_url)}]
    return document


def _picture(photo: Photo, base_url: str) -> dict:
    picture = {"name": "featureimage", "uri": _uri(photo, "photo"), "type": "picture"}
    if photo.credit:
        picture["by"] = photo.credit
    if photo.agency:
        picture["copyrightholder"] = photo.agency
    if photo.taken_at:
        picture["contentcreated"] = _datetime(photo.taken_at)
    descriptions = [
        {"role": role, "contenttype": "text/plain", "value": value}
        for role, value in (
            ("caption", photo.caption),
            ("creditline", photo.credit_line),
            ("alttext", photo.alt_text),
        )
        if value
    ]
    if descriptions:
        picture["descriptions"] = descriptions
    rendition = _rendition(photo, base_url)
    if rendition:
        picture["renditions"] = [rendition]
    return picture


def _rendition(photo: Photo, base_url: str) -> dict | None:
    """The original image: the stored file (absolute address) if there is one, else the source's."""
    href = ""
    if photo.image:
        url = photo.image.url
        href = url if url.startswith(("http://", "https://")) else _join(base_url, url)
    href = href or photo.source_url
    if not href:
        return None
    rendition = {"name": "original", "href": href}
    if photo.image and photo.width and photo.height:
        rendition.update(width=photo.width, height=photo.height)
        extension = photo.image.name.rsplit(".", 1)[-1].lower()
        if extension in ORIGINAL_TYPES:
            rendition["contenttype"] = ORIGINAL_TYPES[extension]
    return rendition


def _concept(name: str, instance, base_url: str, *, rel: str = "") -> dict:
    concept = {"name": name, "literal": instance.slug}
    if rel:
        concept["rel"] = rel
    url = _absolute(instance, base_url)
    if url:
        concept["uri"] = url
    return concept


def _place_concept(place, base_url: str) -> dict:
    """A place as ninjs carries it: the GeoNames address is its global id where it has one, so
    a reader of the feed can tell Portland, Maine from Portland, Ore."""
    concept = _concept(place.name, place, base_url)
    if place.geonames_uri:
        concept["uri"] = place.geonames_uri
    return concept


def _uri(instance, kind: str) -> str:
    """A stable global id: the source's own for wire copy, else one minted from the primary key."""
    if instance.source in GLOBAL_ID_SOURCES and instance.external_id:
        return instance.external_id
    return f"urn:newsroom:{slug_for(settings.NEWSROOM_NAME)}:{kind}:{instance.pk}"


def _absolute(instance, base_url: str) -> str:
    if not base_url:
        return ""
    try:
        return _join(base_url, instance.get_absolute_url())
    except NoReverseMatch:  # a kind of page the site does not have
        return ""


def _join(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}" if base_url else ""


def _datetime(value) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
