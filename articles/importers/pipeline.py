"""The save step shared by every format: parsed items in, upserted stories out.

`import_paths()` walks files and folders, recognises each file's format, parses it and saves the
stories with `save_items()` a batch at a time, keyed on (source, external id), so importing the
same material twice changes nothing, and an older version of a wire story never replaces a newer
one. When a batch fails its stories are saved one by one, each in its own savepoint, so a bad
item rolls back alone. After parsing, the text is read for quotes, places and topics
(`articles.analysis`); what it finds is marked suggested, and re-importing replaces
only that, never an editor's additions.

What protects the live site: imported stories are drafts unless the import is told otherwise
(`status`), and a source's category or section becomes a topic, never a new section of the site's
navigation; stories go into one of the newsroom's sections only when told (`section`,
`section_map`).
"""

import hashlib
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, is_dataclass, replace
from datetime import UTC, datetime
from itertools import groupby, islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from articles.analysis.places import FoundPlace
from articles.analysis.story import quote_key, read_story
from articles.caching import LISTS, purge
from articles.images.body import without_photo_ids
from articles.languages import story_language
from articles.models import (
    Article,
    Author,
    Byline,
    Person,
    Photo,
    Place,
    Quote,
    RejectedSuggestion,
    Section,
    SourcePayload,
    TaggedArticlePlace,
    TaggedArticleTopic,
    Topic,
)
from articles.rendering import render_bodies
from articles.search_index import update_search_index
from articles.services import imported_status, publish_problems, record_imported
from articles.text import (
    clean_body,
    html_paragraphs,
    needs_headline,
    normalize_space,
    slug_for,
)
from articles.versions import How, record_versions

from . import FORMAT_NAMES, detect_format, get_format
from .base import (
    ImportFormatError,
    ItemError,
    NothingToImport,
    ParsedArticle,
    ParsedAuthor,
    ParsedPhoto,
    Skipped,
)
from .body_images import rehost_body_images

logger = logging.getLogger(__name__)

STATUSES = tuple(Article.Status.values)
KEEP = "keep"
# What an import does with each story's status: sets one, or keeps the source's.
STATUS_CHOICES = (*STATUSES, KEEP)
# A source that says a story is one of these is holding it back from readers.
HELD_BACK = (Article.Status.DRAFT, Article.Status.REVIEW)
# Items are committed in batches of savepoints: one commit per item would make large imports
# wait on the disk, while a savepoint still rolls a bad item back alone.
BATCH_SIZE = 100
# The report lists this many items one by one (the preview); counts cover every item.
MAX_LISTED_ITEMS = 500
# Bump when the save step changes what it stores, so unchanged copy is saved again once.
FINGERPRINT_VERSION = "3"
# Why a file of each format that yields no item at all has nothing to import.
NO_ITEMS = {
    "wxr": "the export has no posts",
    "feed": "the feed has no entries",
    "ninjs": "no ninjs items in it",
    "newsml": "no news items in it",
}


@dataclass
class ImportFailure:
    file: str
    item: str  # "item 3 (guid …, “headline”)", or "(file)" when the whole file failed
    message: str  # names the field or the problem

    def __str__(self):
        return f"{self.file}: {self.item}: {self.message}"


@dataclass
class EmptyFile:
    file: str
    reason: str  # "the feed has no entries", "no stories, only page 2"

    def __str__(self):
        return f"{self.file}: nothing to import ({self.reason})"


@dataclass
class ImportedItem:
    file: str
    label: str
    headline: str
    outcome: str  # "created", "updated" or "unchanged"
    article_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    kind: str = ""  # the source's type of item ("post"), when it has several
    live: bool = False  # created or updated, and readers can see it now


@dataclass
class KindCounts:
    """What became of the items of one type ("post", "page", "attachment"…)."""

    imported: int = 0  # created, updated or unchanged
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)  # by reason

    @property
    def skipped_total(self) -> int:
        return self.skipped.total()

    def why_skipped(self) -> str:
        """The reason, or the reasons with their counts: "in the trash: 1; a revision: 2"."""
        if len(self.skipped) == 1:
            return next(iter(self.skipped))
        return "; ".join(f"{reason}: {count}" for reason, count in self.skipped.items())

    def summary(self, *, dry_run: bool = False) -> str:
        """One line such as "3 imported, 1 failed, 2 skipped (in the trash: 1; a revision: 1)"."""
        parts = []
        if self.imported:
            parts.append(f"{self.imported} {'would be imported' if dry_run else 'imported'}")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.skipped:
            parts.append(f"{self.skipped_total} skipped ({self.why_skipped()})")
        return ", ".join(parts)


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    dry_run: bool = False
    files_total: int = 0
    files: int = 0  # read so far
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    warnings: int = 0
    skipped: Counter = field(default_factory=Counter)  # by kind: "page", "revision"…
    live: int = 0  # stories created or updated that readers can see now
    failures: list[ImportFailure] = field(default_factory=list)
    empty: list[EmptyFile] = field(default_factory=list)  # files with nothing to import
    items: list[ImportedItem] = field(default_factory=list)  # the first MAX_LISTED_ITEMS
    kinds: dict[str, KindCounts] = field(default_factory=dict)  # for sources that type items
    categories: Counter = field(default_factory=Counter)  # the sources' categories, by story
    fetching: list[int] = field(default_factory=list)  # photos whose images a worker fetches

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + self.failed + self.skipped_total

    @property
    def images_fetching(self) -> int:
        return len(set(self.fetching))

    @property
    def stories(self) -> int:
        return self.created + self.updated + self.unchanged

    # Templates look a Counter's attributes up as keys ("total" → 0), so they get these instead.
    @property
    def skipped_total(self) -> int:
        return self.skipped.total()

    def skipped_kinds(self) -> list[tuple[str, int]]:
        """(kind, count) for the skipped items, by name."""
        return sorted(self.skipped.items())

    def add_item(self, item: ImportedItem) -> None:
        setattr(self, item.outcome, getattr(self, item.outcome) + 1)
        self.live += item.live
        self.warnings += len(item.warnings)
        if item.kind:
            self._kind(item.kind).imported += 1
        if len(self.items) < MAX_LISTED_ITEMS:
            self.items.append(item)

    def add_failure(self, file: str, item: str, message: str, *, kind: str = "") -> None:
        self.failed += 1
        self.failures.append(ImportFailure(file=file, item=item, message=message))
        if kind:
            self._kind(kind).failed += 1

    def add_skip(self, item: Skipped) -> None:
        self.skipped[item.kind or item.reason] += 1
        if item.kind:
            self._kind(item.kind).skipped[item.reason] += 1

    def add_if_no_story(self, parsed, number: int, path: Path) -> bool:
        """Count item `number` of `path` if the parser skipped it or could not read it; True
        then, False for a story."""
        if isinstance(parsed, Skipped):
            self.add_skip(parsed)
        elif isinstance(parsed, ItemError):
            self.add_failure(str(path), _numbered(parsed.label, number), parsed.message,
                             kind=parsed.kind)  # fmt: skip
        else:
            return False
        return True

    def by_kind(self) -> list[tuple[str, KindCounts]]:
        """Each type of item with its counts: the imported types first, then the most common."""
        return sorted(
            self.kinds.items(),
            key=lambda entry: (-entry[1].imported, -entry[1].skipped_total, entry[0]),
        )

    def summary(self) -> str:
        """One line: "created 3, updated 1, unchanged 0, skipped 2 (page 2), failed 0; live on
        the site 3"."""
        kinds = _counted(self.skipped)
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped_total}{f' ({kinds})' if kinds else ''}, failed {self.failed}; "
            f"{'would be ' if self.dry_run else ''}live on the site {self.live}"
        )

    def _kind(self, kind: str) -> KindCounts:
        return self.kinds.setdefault(kind, KindCounts())

    def to_data(self) -> dict:
        """The report as JSON-ready data (`from_data()` reads it back)."""
        # asdict() would copy a Counter by counting its (key, value) pairs: they go in as dicts.
        counters = {"skipped": Counter(), "categories": Counter(), "kinds": {}}
        data = {**asdict(replace(self, **counters)), "skipped": dict(self.skipped),
                "categories": dict(self.categories)}  # fmt: skip
        data["kinds"] = {
            kind: {"imported": counts.imported, "failed": counts.failed,
                   "skipped": dict(counts.skipped)}
            for kind, counts in self.kinds.items()
        }  # fmt: skip
        return data

    @classmethod
    def from_data(cls, data: dict) -> "ImportReport":
        report = cls(**data)
        report.skipped, report.categories = Counter(data["skipped"]), Counter(data["categories"])
        report.failures = [ImportFailure(**failure) for failure in data["failures"]]
        report.empty = [EmptyFile(**empty) for empty in data["empty"]]
        report.items = [ImportedItem(**item) for item in data["items"]]
        report.kinds = {
            kind: KindCounts(counts["imported"], counts["failed"], Counter(counts["skipped"]))
            for kind, counts in data["kinds"].items()
        }
        return report

    def add_report(self, other: "ImportReport") -> None:
        """Count what `other` (a part of the same import) did in this report too."""
        for name in ("files_total", "files", "created", "updated", "unchanged", "failed",
                     "warnings", "live"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped += other.skipped
        self.categories += other.categories
        self.failures += other.failures
        self.empty += other.empty
        self.fetching += other.fetching
        self.items += other.items[: MAX_LISTED_ITEMS - len(self.items)]
        for kind, counts in other.kinds.items():
            mine = self._kind(kind)
            mine.imported += counts.imported
            mine.failed += counts.failed
            mine.skipped += counts.skipped


Progress = Callable[[ImportReport, Path], None]


NAME_LENGTH = Place._meta.get_field("name").max_length
WHERE_LENGTH = Place._meta.get_field("where").max_length


class ImportCache:
    """What the save step looks up over and over, loaded once per import run.

    Known places and topics feed the analysis as its vocabulary. Entries added or changed while
    an item is saved are forgotten if that item rolls back, so the cache never names a row that
    the database does not have.
    """

    def __init__(self):
        self._places: dict[str, Place] | None = None
        self._topics: dict[str, Topic] | None = None
        self._authors: dict[str, Author] = {}
        self._people: dict[str, Person] = {}
        self._sections: dict[str, Section] = {}
        self._place_names: list[str] | None = None
        self._vocabulary: list[tuple[str, list[str]]] | None = None
        self._touched: list[tuple[dict, str]] = []

    def begin_item(self) -> None:
        self._touched = []

    def forget_item(self) -> None:
        """The current item rolled back: drop whatever it added or changed."""
        for entries, key in self._touched:
            entries.pop(key, None)
        self._touched = []
        self._place_names = self._vocabulary = None

    def place_names(self) -> list[str]:
        """The names stories write the newsroom's places by ("Portland", not "Portland, Maine")."""
        if self._place_names is None:
            self._place_names = list(
                dict.fromkeys(place.short_name or place.name for place in self.places.values())
            )
        return self._place_names

    def vocabulary(self) -> list[tuple[str, list[str]]]:
        if self._vocabulary is None:
            self._vocabulary = [(topic.name, topic.alias_list()) for topic in self.topics.values()]
        return self._vocabulary

    @property
    def places(self) -> dict[str, Place]:
        """The newsroom's places by full name, and by GeoNames id (`_geonames_key`)."""
        if self._places is None:
            self._places = {}
            for place in Place.objects.all():
                self._places[_key(place.name)] = place
                if place.geonames_id:
                    self._places[_geonames_key(place.geonames_id)] = place
        return self._places

    @property
    def topics(self) -> dict[str, Topic]:
        if self._topics is None:
            self._topics = {_key(topic.name): topic for topic in Topic.objects.all()}
        return self._topics

    def place(self, name: str) -> Place:
        """The place a source names: by its full name, else the only one of that display name,
        else a new place."""
        place = self.places.get(_key(name))
        if place is None:
            same = {p.pk: p for p in self.places.values() if _key(p.short_name) == _key(name)}
            if len(same) == 1:
                return next(iter(same.values()))
        return place or self._new_place(name=name, short_name=name, kind=Place.Kind.OTHER)

    def found_place(self, found: FoundPlace) -> Place:
        """The place the analysis found: the one with its GeoNames id, else the one of its full
        name (which takes the id), else a new place."""
        if found.geonames_id:
            place = self.places.get(_geonames_key(found.geonames_id))
            if place is not None:
                return place
        place = self.places.get(_key(found.qualified))
        if place is None and found.geonames_id:
            # A place an editor made by hand under the bare name is taken to be this one.
            place = self.places.get(_key(found.name))
            if place is not None and place.geonames_id is not None:
                place = None
        if place is not None and found.geonames_id and place.geonames_id is None:
            place.geonames_id = found.geonames_id
            place.save(update_fields=["geonames_id"])
            self._remember(self.places, _geonames_key(place.geonames_id), place)
            return place
        name = found.qualified
        if (place is not None and found.geonames_id) or len(name) > NAME_LENGTH:
            # The full name is taken by another place of that name, or too long to keep: the
            # GeoNames id tells them apart.
            name = f"{found.qualified[: NAME_LENGTH - 12]} ({found.geonames_id})"
            place = None
        return place or self._new_place(
            name=name,
            short_name=found.name[:NAME_LENGTH],
            where=found.where[:WHERE_LENGTH],
            kind=found.kind,
            geonames_id=found.geonames_id,
        )

    def _new_place(self, **fields) -> Place:
        place = Place(**fields)
        place.save()
        self._remember(self.places, _key(place.name), place)
        if place.geonames_id:
            self._remember(self.places, _geonames_key(place.geonames_id), place)
        self._place_names = None
        return place

    def topic(self, name: str, *, aliases: Iterable[str] = ()) -> Topic:
        key = _key(name)
        topic = self.topics.get(key)
        if topic is None:
            topic = Topic(name=name, aliases="\n".join(aliases))
            topic.save()
            self._remember(self.topics, key, topic)
            self._vocabulary = None
            return topic
        known = {_key(alias) for alias in topic.alias_list()} | {key}
        new = [alias for alias in aliases if _key(alias) not in known]
        if new:
            topic.aliases = "\n".join([*topic.alias_list(), *new])
            topic.save(update_fields=["aliases"])
            self._remember(self.topics, key, topic)
            self._vocabulary = None
        return topic

    def author(self, parsed: ParsedAuthor) -> Author:
        """The author of that name (matched by slug or name), created if new; fills a job title."""
        name = normalize_space(parsed.name)
        key = _slug_base(name)
        author = self._authors.get(key)
        if author is None:
            author = Author.objects.filter(Q(slug=key) | Q(name__iexact=name)).first()
        if author is None:
            author = Author(
                name=name,
                slug=_free_slug(key, _taken_slugs(Author, key)),
                job_title=parsed.job_title,
                bio=parsed.bio,
            )
            _validated(author).save()
        elif parsed.job_title and not author.job_title:
            author.job_title = parsed.job_title
            _validated(author).save(update_fields=["job_title"])
        self._remember(self._authors, key, author)
        return author

    def person(self, name: str, *, title: str = "", kind: str = "") -> Person:
        """The person (or organisation, or described source: `kind`) of that name, created if
        new; an empty title is filled, a title is kept."""
        name = normalize_space(name)
        kind = kind or Person.Kind.PERSON
        key = f"{kind}:{_key(name)}"
        person = self._people.get(key)
        if person is None:
            person = Person.objects.filter(name__iexact=name, kind=kind).first()
        if person is None:
            base = _slug_base(name)
            person = Person(
                name=name,
                slug=_free_slug(base, _taken_slugs(Person, base)),
                title=title,
                kind=kind,
            )
            _validated(person).save()
        elif title and not person.title:
            person.title = title
            _validated(person).save(update_fields=["title"])
        self._remember(self._people, key, person)
        return person

    def section(self, name: str) -> Section:
        """The section with that name or slug, created if new."""
        key = _key(name)
        section = self._sections.get(key)
        if section is None:
            slug = slug_for(name, max_length=100)
            section = Section.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first()
            if section is None:
                section = _validated(Section(name=normalize_space(name), slug=slug))
                section.save()
            self._remember(self._sections, key, section)
        return section

    def _remember(self, entries: dict, key: str, value) -> None:
        entries[key] = value
        self._touched.append((entries, key))


def import_paths(
    paths: Iterable[str | Path],
    *,
    format: str = "auto",
    status: str = Article.Status.DRAFT,
    section: str | None = None,
    section_map: dict[str, str] | None = None,
    dry_run: bool = False,
    fetch_images: bool = False,
    rehost_images: bool = False,
    progress: Progress | None = None,
    by=None,
) -> ImportReport:
    """Import every story in `paths` (files, or folders searched recursively, hidden ones skipped).

    `format` is a format name or "auto" (recognised from each file's content). `status` is one
    of STATUS_CHOICES (see `import_status()`). `section_map` maps a source's category names to
    section slugs (an empty slug: a topic only); `section` is the section slug for every other
    story; a category that goes into no section becomes a topic. A dry run saves everything
    inside a transaction that is rolled back, so the report says what would happen and nothing
    is written. `progress(report, path)` is called after each item. Images are fetched
    (`fetch_images`: the items' photos; `rehost_images`: the images in the bodies) only when it
    is not a dry run. `by` is the user running the import (None: an operator at the command line):
    see `articles.services.imported_status` for what it may put live.

    Problems with files and items are counted in the report, never raised; so are files with
    nothing to import. Raises ValueError for an unknown format or status, or a section slug that
    does not exist.
    """
    if format != "auto" and format not in FORMAT_NAMES:
        raise ValueError(
            f"unknown format {format!r}; choose auto or one of {', '.join(FORMAT_NAMES)}"
        )
    if status not in STATUS_CHOICES:
        raise ValueError(f"unknown status {status!r}; choose one of {', '.join(STATUS_CHOICES)}")
    report = ImportReport(dry_run=dry_run)
    run = _Run(
        report=report,
        cache=ImportCache(),
        format=format,
        status=status,
        section=_section_by_slug(section) if section else None,
        section_map=_sections_by_category(section_map),
        fetch_images=fetch_images and not dry_run,
        rehost_images=rehost_images and not dry_run,
        progress=progress,
        by=by,
    )
    if dry_run:
        with transaction.atomic():
            run.import_all(paths)
            transaction.set_rollback(True)
    else:
        run.import_all(paths)
    return report


def read_stories(
    paths: Iterable[str | Path], *, format: str = "auto", report: ImportReport
) -> Iterator[tuple[ParsedArticle, int, Path, str]]:
    """(story, its number in the file, file, format) for every story in `paths`, read as
    `import_paths()` reads them; what is not a story (skips, items or files that cannot be read,
    files with nothing to import) is counted in `report`. Nothing is saved: `import_stories()`
    saves what this yields, here or in another process."""
    run = _Run(report=report, cache=None, format=format, status=None, section=None,
               section_map={}, fetch_images=False, rehost_images=False, progress=None)  # fmt: skip
    for entry in run._entries(paths):
        if not report.add_if_no_story(*entry[:3]):
            yield entry


def import_stories(
    entries: Iterable[tuple[ParsedArticle, int, Path, str]],
    *,
    status: str = Article.Status.DRAFT,
    section: str | None = None,
    section_map: dict[str, str] | None = None,
    fetch_images: bool = False,
    rehost_images: bool = False,
    progress: Progress | None = None,
    by=None,
) -> ImportReport:
    """Save the stories `read_stories()` yielded, with the options of `import_paths()`; the
    report counts them alone (no files). Raises ValueError as `import_paths()` does."""
    report = ImportReport()
    run = _Run(
        report=report,
        cache=ImportCache(),
        format="auto",
        status=status,
        section=_section_by_slug(section) if section else None,
        section_map=_sections_by_category(section_map),
        fetch_images=fetch_images,
        rehost_images=rehost_images,
        progress=progress,
        by=by,
    )
    run.import_entries(iter(entries))
    return report


def import_file(path: str | Path, **options) -> ImportReport:
    """Import the stories in one file; takes the keywords of `import_paths()`."""
    return import_paths([path], **options)


def import_status(choice: str, *, source: str, current: str | None) -> str:
    """The status a story gets from an import told `choice` (one of STATUS_CHOICES).

    `source` is the status the source gives ("" when it says none) and `current` the stored
    story's (None for a new story).

    - "keep": the source's status; when it gives none, a new story is a draft and a stored one
      keeps its status.
    - "published": published, except a story the source holds back (a draft, a post pending
      review, a wire story withheld or killed), which keeps the source's status.
    - "draft", "review": the status of a new story. A stored story keeps the status the desk gave
      it, unless the source has since held it back: then it comes off the site.
    """
    held_back = source in HELD_BACK
    if choice == KEEP:
        return source or current or Article.Status.DRAFT
    if choice == Article.Status.PUBLISHED:
        return source if held_back else choice
    if current is None:
        return choice
    if held_back and current == Article.Status.PUBLISHED:
        return source
    return current


def save_item(
    item: ParsedArticle,
    *,
    source: str,
    status: str = Article.Status.DRAFT,
    section: Section | str | None = None,
    section_map: dict[str, Section] | None = None,
    fetch_images: bool = False,
    rehost_images: bool = False,
    cache: ImportCache | None = None,
    warnings: list[str] | None = None,
    base_dir: Path | None = None,
    by=None,
) -> tuple[Article, str]:
    """Create or update the story for `item`, keyed on (`source`, `item.external_id`).

    Returns the article and "created", "updated" or "unchanged" (identical copy was imported
    before, or the item is an older version than the stored one: the newer copy is kept and
    `warnings` says so). All of it happens in one transaction: on any error nothing of the item
    is written and an existing story stays as it was. `status` is one of STATUS_CHOICES (see
    `import_status()`); a story goes live only under `articles.services.imported_status` for `by`
    (the user importing; None for an operator), else it comes in for review. The item's category
    (`item.section`) goes into the section `section_map` gives it (keys: category names, any
    case); failing that, the story goes into `section` (a Section, or the name or slug of one,
    created if new) and the category becomes a topic. Problems that do not stop the story (an
    image that could not be fetched) go to `warnings`. With `rehost_images` the body's images
    become the newsroom's own photos (`body_images.rehost_body_images`).

    Raises ValidationError naming the field for an invalid item, or the database's error.
    """
    [result] = save_items(
        [item], source=source, status=status, section=section, section_map=section_map,
        fetch_images=fetch_images, rehost_images=rehost_images, cache=cache,
        warnings=[[] if warnings is None else warnings], base_dir=base_dir, by=by,
    )  # fmt: skip
    return result


def save_items(
    items: list[ParsedArticle],
    *,
    source: str,
    status: str = Article.Status.DRAFT,
    section: Section | str | None = None,
    section_map: dict[str, Section] | None = None,
    fetch_images: bool = False,
    rehost_images: bool = False,
    cache: ImportCache | None = None,
    warnings: list[list[str]] | None = None,
    base_dir: Path | None = None,
    by=None,
    fetching: list[int] | None = None,
) -> list[tuple[Article, str]]:
    """`save_item()` for several items with distinct ids at once, all or nothing.

    Rows are looked up and inserted a batch at a time, so a large import costs a few queries per
    batch rather than a dozen per story. `warnings` holds one list per item; `fetching` receives
    the ids of the photos whose images a worker is fetching.
    """
    fetching = [] if fetching is None else fetching
    cache = cache or ImportCache()
    warnings = warnings or [[] for _ in items]
    section_map = {_key(category): value for category, value in (section_map or {}).items()}
    for item in items:
        if not item.external_id:
            raise ValidationError({"external_id": "the item has no id"})
    results: list = [None] * len(items)
    with transaction.atomic():
        if isinstance(section, str):
            section = cache.section(section)
        existing = {
            article.external_id: article
            for article in by_source_ids(Article, source=source,
                                         external_ids=[item.external_id for item in items])
        }  # fmt: skip
        changes = []
        for index, item in enumerate(items):
            item_section = section_map.get(_key(item.section), section)
            fingerprint = _fingerprint(item, status=status, section=item_section)
            article = existing.get(item.external_id)
            if article is not None and _is_older(item, article):
                warnings[index].append(_older_warning(item, article))
                results[index] = (article, "unchanged")
                continue
            if article is not None and article.import_hash == fingerprint:
                results[index] = (article, "unchanged")
                continue
            change = _Change(index, item, article or Article(source=source,
                             external_id=item.external_id), created=article is None)  # fmt: skip
            _fill_article(change, status=status, section=item_section)
            change.article.import_hash = fingerprint
            if status == Article.Status.PUBLISHED and item.status in HELD_BACK:
                warnings[index].append(f"not published: the source has it as {item.status}")
            changes.append(change)
        if changes:
            _save_photos(changes, source=source, fetch_images=fetch_images, base_dir=base_dir,
                         warnings=warnings, fetching=fetching)  # fmt: skip
            _place_body_images(changes, source=source, rehost=rehost_images, warnings=warnings,
                               fetching=fetching)  # fmt: skip
            going_live = _hold_back_refused(changes, by=by, warnings=warnings)
            _save_articles(changes)
            record_imported([change.article for change in going_live], by=by, source=source)
            _save_payloads(changes, source=source)
            _save_bylines(changes, cache=cache)
            _save_understanding(changes, cache=cache, section_map=section_map)
            record_versions([change.article.pk for change in changes], how=How.IMPORT)
            # The rows above went in through bulk_create, which sends no signals.
            update_search_index(article_ids=[change.article.pk for change in changes])
            purge([LISTS, *(change.article for change in changes)])
        for change in changes:
            results[change.index] = (change.article, "created" if change.created else "updated")
    return results


@dataclass
class _Change:
    """An item whose story is created or updated, as `save_items()` works through it."""

    index: int
    item: ParsedArticle
    article: Article
    created: bool
    photos: list[Photo] = field(default_factory=list)  # the item's own, once saved
    was_published: bool = False  # the stored story's status before this import


class _Run:
    """One import run: the options, the report and the cache shared by its files.

    Items are saved in savepoints inside batch transactions of BATCH_SIZE items each.
    """

    def __init__(
        self,
        *,
        report,
        cache,
        format,
        status,
        section,
        section_map,
        fetch_images,
        rehost_images,
        progress,
        by=None,
    ):
        self.report = report
        self.cache = cache
        self.format = format
        self.status = status
        self.section = section
        self.section_map = section_map
        self.fetch_images = fetch_images
        self.rehost_images = rehost_images
        self.progress = progress
        self.by = by

    def import_all(self, paths: Iterable[str | Path]) -> None:
        self.import_entries(self._entries(paths))

    def import_entries(self, entries: Iterator) -> None:
        while True:
            batch = list(islice(entries, BATCH_SIZE))
            with transaction.atomic():
                self._import_batch(batch)
            if len(batch) < BATCH_SIZE:
                return

    def _import_batch(self, batch: list) -> None:
        """Skips and parse errors are counted; stories are saved a file at a time."""
        report = self.report
        stories = []
        for parsed, number, path, source in batch:
            if not report.add_if_no_story(parsed, number, path):
                stories.append((parsed, number, path, source))
                continue
            self._progress(path)
        for (path, source), group in groupby(stories, key=lambda entry: entry[2:]):
            self._save_group([(parsed, number) for parsed, number, _, _ in group],
                             path=path, source=source)  # fmt: skip

    def _save_group(self, group: list, *, path: Path, source: str) -> None:
        """Save the stories of one file together; if that fails, one by one, so that only the
        bad ones fail."""
        ids = [parsed.external_id for parsed, _ in group]
        if len(group) > 1 and len(set(ids)) == len(ids):
            warnings = [[] for _ in group]
            self.cache.begin_item()
            try:
                results = self._save_items([parsed for parsed, _ in group], warnings,
                                           path=path, source=source)  # fmt: skip
            except Exception:  # some item is bad: the loop below finds which
                self.cache.forget_item()
                logger.info("Saving %s as one batch failed; saving its items one by one", path)
            else:
                for (parsed, number), result, found in zip(group, results, warnings, strict=True):
                    self._record(parsed, number, path, result, found)
                return
        for parsed, number in group:
            self._save(parsed, number=number, path=path, source=source)

    def _save(self, parsed: ParsedArticle, *, number: int, path: Path, source: str) -> None:
        warnings: list[str] = []
        self.cache.begin_item()
        try:
            try:
                [result] = self._save_items([parsed], [warnings], path=path, source=source)
            except (IntegrityError, OperationalError):
                # Another worker importing beside this one may have just added the same author,
                # topic or place (or deadlocked with us doing so): look again, once.
                self.cache.forget_item()
                warnings.clear()
                [result] = self._save_items([parsed], [warnings], path=path, source=source)
        except Exception as error:  # a bad item fails alone, whatever broke
            self.cache.forget_item()
            label = _label(parsed, number)
            logger.info("Import of %s %s failed", path, label, exc_info=True)
            self.report.add_failure(str(path), label, _describe_error(error), kind=parsed.kind)
            self._progress(path)
            return
        self._record(parsed, number, path, result, warnings)

    def _save_items(self, items, warnings, *, path: Path, source: str) -> list:
        """`save_items()` with this run's options; photos are looked for beside `path`."""
        return save_items(
            items, source=source, status=self.status, section=self.section,
            section_map=self.section_map, fetch_images=self.fetch_images,
            rehost_images=self.rehost_images, cache=self.cache, warnings=warnings,
            base_dir=path.parent, by=self.by, fetching=self.report.fetching,
        )  # fmt: skip

    def _record(self, parsed, number, path, result, warnings) -> None:
        article, outcome = result
        self.report.add_item(
            ImportedItem(
                file=str(path),
                label=_label(parsed, number),
                headline=article.headline,
                outcome=outcome,
                article_id=article.pk,
                warnings=[*warnings, *_warnings(parsed, article)],
                kind=parsed.kind,
                live=outcome != "unchanged" and article.is_public,
            )  # fmt: skip
        )
        if normalize_space(parsed.section):
            self.report.categories[normalize_space(parsed.section)] += 1
        self._progress(path)

    def _progress(self, path: Path) -> None:
        if self.progress is not None:
            self.progress(self.report, path)

    def _entries(self, paths: Iterable[str | Path]) -> Iterator[tuple[object, int, Path, str]]:
        """(parsed item, its number in the file, file, format) for every item of every file.

        A file that cannot be read is counted as a failure; one found in a folder that no
        format recognises is skipped. A file with no story in it (empty, or only pages and
        the like) is listed as having nothing to import.
        """
        report = self.report
        files = _files(paths, report)
        report.files_total = len(files)
        for path, named in files:
            report.files += 1
            if _is_blank(path):
                report.empty.append(EmptyFile(str(path), "the file is empty"))
                continue
            try:
                module = get_format(self.format) if self.format != "auto" else detect_format(path)
            except ImportFormatError as error:
                if named:
                    report.add_failure(str(path), "(file)", _file_message(error, path))
                else:
                    report.skipped["not an article file"] += 1
                continue
            items = module.parse(path)
            number = 0
            skipped = Counter()
            while True:
                try:
                    parsed = next(items, None)
                except NothingToImport as error:
                    report.empty.append(EmptyFile(str(path), _file_message(error, path)))
                    break
                except ImportFormatError as error:
                    report.add_failure(str(path), "(file)", _file_message(error, path))
                    break
                except Exception as error:  # a parser's failure on one file spares the others
                    logger.info("Parsing %s failed", path, exc_info=True)
                    report.add_failure(str(path), "(file)", f"cannot read the file: {error!r}")
                    break
                if parsed is None:
                    if number == skipped.total():
                        report.empty.append(EmptyFile(str(path), _nothing_reason(module, skipped)))
                    break
                number += 1
                if isinstance(parsed, Skipped):
                    skipped[parsed.kind or parsed.reason] += 1
                yield parsed, number, path, module.FORMAT


def _files(paths: Iterable[str | Path], report: ImportReport) -> list[tuple[Path, bool]]:
    """(file, named by the caller) for each path; folders are searched, hidden parts skipped.

    A path that does not exist is counted as a failure; a folder without files has nothing to
    import.
    """
    files = []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            found_before = len(files)
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden:
                    files.append((found, False))
            if len(files) == found_before:
                report.empty.append(EmptyFile(str(path), "no files in the folder"))
        elif path.is_file():
            files.append((path, True))
        else:
            report.add_failure(str(path), "(file)", "no such file or folder")
    return files


def _is_blank(path: Path) -> bool:
    """True for a file that holds nothing but white space (or nothing at all)."""
    try:
        with open(path, "rb") as file:
            while chunk := file.read(65536):
                if chunk.replace(b"\xef\xbb\xbf", b"").strip():
                    return False
    except OSError:
        return False  # reading it again says what is wrong
    return True


def _nothing_reason(module, skipped: Counter) -> str:
    if not skipped:
        return NO_ITEMS.get(module.FORMAT, "no stories in it")
    return f"no stories, only {_counted(skipped)}"


def _counted(counts: Counter) -> str:
    """ "attachment 1, page 2": each kind with its count, by kind."""
    return ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))


def _section_by_slug(slug: str, *, category: str = "") -> Section:
    """The section with that slug; raises ValueError naming the slug (and the category)."""
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        detail = f" (for the category {category!r})" if category else ""
        raise ValueError(f"no section with the slug {slug!r}{detail}")
    return section


def _sections_by_category(section_map: dict[str, str] | None) -> dict[str, Section]:
    """{category: section} for the categories `section_map` puts in a section (by slug)."""
    return {
        category: _section_by_slug(slug, category=category)
        for category, slug in (section_map or {}).items()
        if slug
    }


def _file_message(error: ImportFormatError, path: Path) -> str:
    """The error's message without the file name, which the report gives on its own."""
    return str(error).removeprefix(f"{path}: ").removeprefix(f"{path.name}: ")


def _label(item: ParsedArticle, number: int) -> str:
    return _numbered(item.label or _describe(item), number)


def _numbered(label: str, number: int) -> str:
    return label if label.startswith("item ") else f"item {number} {label}".strip()


def _describe(item: ParsedArticle) -> str:
    headline = item.headline if len(item.headline) <= 60 else item.headline[:59] + "…"
    return f"({item.external_id}, “{headline}”)" if item.external_id else f"(“{headline}”)"


def _describe_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    if isinstance(error, DatabaseError):
        return f"database refused the item: {str(error).strip().splitlines()[0]}"
    return f"{type(error).__name__}: {error}"


def _warnings(item: ParsedArticle, article: Article) -> list[str]:
    """Things an editor should look at before publishing the story; for a story the import
    published, what the desk would have asked for first (`publish_problems()`)."""
    warnings = []
    if needs_headline(article.headline):
        warnings.append(
            "needs a headline: the text has none, so the story is named after its file and "
            "cannot be published until an editor writes one"
        )
    if not item.authors:
        warnings.append("no byline")
    photo = article.lead_photo
    if article.status == Article.Status.PUBLISHED:
        warnings += publish_problems(article)
    elif photo is not None and not photo.has_file:
        warnings.append("the lead photo has no image file yet")
    return warnings


def _fingerprint(item: ParsedArticle, *, status, section) -> str:
    # The label and the kind only name the item in the report: they change nothing stored.
    data = {**vars(item), "label": "", "_options": [FINGERPRINT_VERSION, status,
                                                   section.pk if section else None]}  # fmt: skip
    del data["kind"]
    text = json.dumps(data, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value):
    """JSON for what a parsed item holds besides plain data: dataclasses, dates, paths."""
    return vars(value) if is_dataclass(value) else str(value)


def _is_older(item: ParsedArticle, article: Article) -> bool:
    """True if `item` is an older version of the story than the stored `article`.

    Version numbers decide; when they are equal or one is missing, the versions' times do. With
    neither, or both equal, the item is not older (identical copy is then found by its hash).
    """
    incoming, stored = item.version, article.source_version
    if None not in (incoming, stored) and incoming != stored:
        return incoming < stored
    if None not in (item.version_created_at, article.source_version_at):
        return item.version_created_at < article.source_version_at
    return False


def _older_warning(item: ParsedArticle, article: Article) -> str:
    incoming = _version_text(item.version, item.version_created_at)
    stored = _version_text(article.source_version, article.source_version_at)
    return f"an older version ({incoming}) than the one imported before ({stored}); kept the newer"


def _version_text(number: int | None, moment: datetime | None) -> str:
    """ "version 2, 2026-11-06 12:00 UTC", or whichever of the two is known."""
    parts = [f"version {number}" if number is not None else "",
             f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if moment else ""]  # fmt: skip
    return ", ".join(part for part in parts if part)


def _fill_article(change: _Change, *, status: str, section: Section | None) -> None:
    """Copy the item's fields onto the change's article; an update keeps what the item does not
    say, and its section unless `section` is given."""
    article, item = change.article, change.item
    article.headline = normalize_space(item.headline)
    article.dek = item.dek
    article.summary = item.summary
    article.dateline = normalize_space(item.dateline)
    if item.language:
        article.language = story_language(item.language)
    article.body = item.body_html
    article.source_url = item.source_url
    article.source_version = item.version
    article.source_version_at = item.version_created_at
    change.was_published = not change.created and article.status == Article.Status.PUBLISHED
    article.status = import_status(
        status, source=item.status, current=None if change.created else article.status
    )
    if article.status == Article.Status.PUBLISHED and needs_headline(article.headline):
        article.status = Article.Status.DRAFT
    if item.published_at is not None:
        article.published_at = item.published_at
    elif article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    if section is not None:
        article.section = section
    article.provider = item.provider or article.provider
    if item.embargoed_until is not None:
        article.embargoed_until = item.embargoed_until
    if item.rights_expire_at is not None:
        article.rights_expire_at = item.rights_expire_at


def _hold_back_refused(changes, *, by, warnings) -> list[_Change]:
    """Apply the rule for imported copy (`imported_status`) to each story the import would put
    live: one it refuses comes in for review, with the reasons among its warnings. Returns the
    changes that go live (or are scheduled) with this import. Needs the lead photos saved."""
    going_live = []
    for change in changes:
        article = change.article
        if article.status != Article.Status.PUBLISHED or change.was_published:
            continue
        article.status, refusals = imported_status(article, by=by)
        if refusals:
            warnings[change.index].append("in review, not published: " + " ".join(refusals))
        else:
            going_live.append(change)
    return going_live


def _save_payloads(changes, *, source) -> None:
    """Keep each item as received, with its hash, beside its story (one row per story)."""
    rows = [
        SourcePayload(
            article=change.article,
            format=source,
            content=change.item.payload,
            sha256=hashlib.sha256(change.item.payload.encode("utf-8")).hexdigest(),
        )
        for change in changes
        if change.item.payload
    ]
    if rows:
        SourcePayload.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["format", "content", "sha256", "received_at"],
        )


def _save_photos(changes, *, source, fetch_images, base_dir, warnings, fetching) -> None:
    """Create or update each change's photos, keyed on (source, id); the lead one becomes the
    story's lead photo.

    A field an editor filled in stays when the source leaves it empty. With `fetch_images`, a
    photo without a file gets the one beside the import, or a worker fetches the one at its
    address (its id then goes to `fetching`).
    """
    wanted = []  # (change, parsed photo, id, is the lead photo)
    for change in changes:
        item = change.item
        if item.lead_photo is not None:
            wanted.append((change, item.lead_photo, _photo_id(item.lead_photo,
                           f"{item.external_id}#lead"), True))  # fmt: skip
        for number, parsed in enumerate(item.photos, start=1):
            wanted.append((change, parsed, _photo_id(parsed,
                           f"{item.external_id}#photo-{number}"), False))  # fmt: skip
    if not wanted:
        return
    photos = {
        photo.external_id: photo
        for photo in by_source_ids(Photo, source=source, external_ids=[w[2] for w in wanted])
    }
    new = {}
    for change, parsed, external_id, is_lead in wanted:
        photo = photos.get(external_id)
        if photo is None:
            photo = photos[external_id] = new[external_id] = Photo(
                source=source, external_id=external_id
            )
        if _copy_photo_fields(photo, parsed) and external_id not in new:
            _validated(photo, exclude=["image"]).save()
        if is_lead:
            change.article.lead_photo = photo
        change.photos.append(photo)
    for photo in new.values():
        _validated(photo, exclude=["image"])
    Photo.objects.bulk_create(new.values())
    if fetch_images:
        from .fetch import attach_photo_file

        for change, parsed, external_id, _ in wanted:
            photo = photos[external_id]
            if not photo.has_file:
                problem = attach_photo_file(photo, local_path=parsed.local_path, base_dir=base_dir)
                if problem:
                    warnings[change.index].append(problem)
                elif not photo.has_file and photo.source_url:
                    # A photo known only by its caption and credit (a text story's) has no
                    # address: nothing fetches it, so the desk must not wait for it.
                    fetching.append(photo.pk)


def _place_body_images(changes, *, source, rehost, warnings, fetching) -> None:
    """Photo ids in a source's body are dropped (they name another newsroom's photos); with
    `rehost`, the body's images become the newsroom's own photos, the ones whose image could
    not be fetched are warnings, and those a worker fetches go to `fetching`."""
    for change in changes:
        body = without_photo_ids(change.article.body)
        if rehost:
            rehosted = rehost_body_images(
                html=body, source=source, base_url=change.article.source_url, photos=change.photos
            )
            body = rehosted.html
            warnings[change.index] += rehosted.problems
            fetching += rehosted.fetching
        change.article.body = body


def _photo_id(parsed: ParsedPhoto, fallback: str) -> str:
    external_id = parsed.external_id or parsed.source_url or fallback
    if len(external_id) > 500:
        return "sha256:" + hashlib.sha256(external_id.encode("utf-8")).hexdigest()
    return external_id


def _copy_photo_fields(photo: Photo, parsed: ParsedPhoto) -> bool:
    """Copy what the parsed photo says onto `photo`; True if anything changed."""
    changed = False
    for name in ("caption", "credit", "agency", "alt_text", "source_url", "taken_at"):
        value = getattr(parsed, name)
        if value and getattr(photo, name) != value:
            setattr(photo, name, value)
            changed = True
    return changed


def _save_articles(changes) -> None:
    """Insert the new stories in one statement (with unique slugs); save the updated ones."""
    new = [change for change in changes if change.created]
    bases = [_slug_base(change.item.slug or change.item.headline) for change in new]
    taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
    repeated = {base for base, count in Counter(bases).items() if count > 1 or base in taken}
    for base in repeated:
        taken |= _taken_slugs(Article, base)
    for change, base in zip(new, bases, strict=True):
        change.article.slug = _free_slug(base, taken)
        taken.add(change.article.slug)
        # bulk_create skips save(), so clean and render the body as save() does.
        change.article.body = clean_body(change.article.body)
    render_bodies(change.article for change in new)
    for change in changes:
        _validated(change.article, exclude=[] if change.created else ["slug"])
    Article.objects.bulk_create([change.article for change in new])
    for change in changes:
        if not change.created:
            change.article.save()


def _save_bylines(changes, *, cache) -> None:
    """Bylines in the source's order; a story the source names no author for keeps its own."""
    rows = []
    for change in changes:
        if not change.item.authors:
            continue
        article = change.article
        authors = list(dict.fromkeys(cache.author(author) for author in change.item.authors))
        if not change.created:
            current = article.bylines.order_by("position").values_list("author_id", flat=True)
            if list(current) == [author.pk for author in authors]:
                continue
            article.bylines.all().delete()
        rows += [
            Byline(article=article, author=author, position=position)
            for position, author in enumerate(authors)
        ]
    Byline.objects.bulk_create(rows)


def _save_understanding(changes, *, cache, section_map: dict[str, Section]) -> None:
    """Quotes, places and topics from the text and the source, marked suggested.

    On an update the previous suggestions are replaced; an editor's are kept. The source's
    own quotes come first, then those found in the text that the source did not give. The
    source's category is a topic unless `section_map` files it under a section.
    """
    updated = [change.article for change in changes if not change.created]
    kept_places = _keep_editors_rows(TaggedArticlePlace, updated, "tag_id")
    kept_topics = _keep_editors_rows(TaggedArticleTopic, updated, "tag_id")
    kept_quotes = _keep_editors_rows(Quote, updated, "text", key=quote_key)
    rejected = RejectedSuggestion.objects.by_article(updated)
    place_rows, topic_rows, quote_rows = [], [], []
    for change in changes:
        article, item = change.article, change.item
        reading = read_story(
            headline=article.headline,
            dateline=article.dateline,
            paragraphs=html_paragraphs(item.body_html),
            place_names=cache.place_names(),
            vocabulary=cache.vocabulary(),
            home=settings.NEWSROOM_HOME_PLACE,
        )
        turned_down = rejected.get(article.pk, {})

        found = reading.places
        places = [cache.found_place(place) for place in found]
        places += [cache.place(name) for name in item.places if normalize_space(name)]
        kept = kept_places.get(article.pk, set()) | turned_down.get("place", set())
        place_rows += [
            TaggedArticlePlace.of(article, tag, is_suggested=True)
            for tag in dict.fromkeys(places)
            if tag.pk not in kept
        ]

        topics = [cache.topic(t.name, aliases=t.aliases) for t in reading.topics]
        categories = [item.section] if _key(item.section) not in section_map else []
        topics += [cache.topic(name) for name in [*categories, *item.topics]
                   if normalize_space(name)]  # fmt: skip
        kept = kept_topics.get(article.pk, set()) | turned_down.get("topic", set())
        topic_rows += [
            TaggedArticleTopic.of(article, tag, is_suggested=True)
            for tag in dict.fromkeys(topics)
            if tag.pk not in kept
        ]

        quotes = [(q.text, q.speaker, q.speaker_title, "") for q in item.quotes]
        given = {quote_key(words) for words, *_ in quotes}
        quotes += [
            (q.text, q.speaker, q.speaker_title, q.speaker_kind)
            for q in reading.quotes
            if quote_key(q.text) not in given
        ]
        kept = kept_quotes.get(article.pk, set()) | turned_down.get("quote", set())
        position = 0
        for words, speaker, title, kind in quotes:
            key = quote_key(words)
            if not normalize_space(words) or key in kept:
                continue
            kept.add(key)
            person = (
                cache.person(speaker, title=title, kind=kind) if normalize_space(speaker) else None
            )
            quote_rows.append(
                Quote(
                    article=article,
                    person=person,
                    text=words.strip(),
                    position=position,
                    is_suggested=True,
                )  # fmt: skip
            )
            position += 1
    TaggedArticlePlace.objects.bulk_create(place_rows)
    TaggedArticleTopic.objects.bulk_create(topic_rows)
    Quote.objects.bulk_create(quote_rows)


def _keep_editors_rows(model, articles: list[Article], field: str, *, key=None) -> dict:
    """Delete the suggested rows of `model` for `articles`; {article id: {kept values}}."""
    kept = defaultdict(set)
    if not articles:
        return kept
    article_field = "article" if model is Quote else "content_object"
    rows = model.objects.filter(**{f"{article_field}__in": articles})
    rows.filter(is_suggested=True).delete()
    for article_id, value in rows.values_list(f"{article_field}_id", field):
        kept[article_id].add(key(value) if key else value)
    return kept


def by_source_ids(model, *, source: str, external_ids: list[str]):
    """The `model` rows imported from `source` with those ids.

    The condition repeats the unique index's own (external id not empty), without which SQLite
    does not use that partial index and reads the whole table.
    """
    return model.objects.filter(source=source, external_id__in=external_ids).exclude(external_id="")


def _slug_base(value: str, *, max_length: int = 200) -> str:
    return slug_for(value)[: max_length - 6].strip("-") or "untitled"


def _taken_slugs(model, base: str) -> set[str]:
    return set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))


def _free_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not in `taken`."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _validated(instance, *, exclude: Iterable[str] = ()):
    """`instance` after validating its own fields (raises ValidationError naming the field).

    Relations and uniqueness are left to the database inside the item's transaction: checking
    them here would cost a query each.
    """
    meta = instance._meta
    relations = [field.name for field in meta.concrete_fields if field.is_relation]
    try:
        instance.clean_fields(exclude=[*exclude, *relations])
    except ValidationError as error:
        if isinstance(instance, Article):
            raise
        # "person name: …" says which row of the story it is about.
        raise ValidationError(
            {f"{meta.verbose_name} {name}": errors for name, errors in error.error_dict.items()}
        ) from None
    return instance


def _key(name: str) -> str:
    return normalize_space(name).casefold()


def _geonames_key(geonames_id: int) -> str:
    """A key no name can have: names are stripped of surrounding spaces."""
    return f" geonames {geonames_id}"
