import argparse
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importers import FORMAT_NAMES
from articles.importers.pipeline import STATUS_CHOICES, ImportReport, import_paths


class ProgressBar:
    """A one-line progress display: files read, items seen, items per second, failures."""

    WIDTH = 24

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.report = None

    def __call__(self, report: ImportReport, path) -> None:
        self.report = report
        now = time.monotonic()
        if now - self.shown_at >= 0.2:
            self.shown_at = now
            self._draw(now)

    def close(self) -> None:
        if self.report is not None:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        report = self.report
        total = report.files_total
        filled = self.WIDTH * report.files // total if total else 0
        rate = report.processed / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] file {report.files}/{total} · "
            f"{report.processed:,} items · {rate:,.0f}/s · {report.failed:,} failed "
        )
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import stories from files or folders: plain text, IPTC ninjs, NewsML-G2, WordPress "
        "export (WXR), RSS/Atom feeds or saved web pages. Importing again updates, never "
        "duplicates. Stories come in as drafts unless --status says otherwise; a source's "
        "categories become topics unless --section or --map-section files them under a "
        "section. Exits with status 1 when an item or file failed, or when no file had "
        "anything to import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--format",
            default="auto",
            choices=["auto", *FORMAT_NAMES],
            help="Format of the files; auto recognises it from each file's content.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created or updated, and write nothing.",
        )
        parser.add_argument(
            "--status",
            choices=STATUS_CHOICES,
            default="draft",
            help=(
                "What new stories become: draft (the default) or review; published (every story "
                "goes live, except those the source holds back: drafts, withheld or killed "
                "copy); keep (the source's own status and dates). Under draft and review a "
                "story imported before keeps its status."
            ),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=(
                "Import as this desk account: under published or keep, stories go live only if "
                "it may publish. Without it the import is the server operator's, who may."
            ),
        )
        parser.add_argument(
            "--section",
            metavar="SLUG",
            help="Put every story in this section (one the newsroom has).",
        )
        parser.add_argument(
            "--map-section",
            action="append",
            default=[],
            metavar="CATEGORY=SLUG",
            help=(
                "Put the stories of the source's category CATEGORY (a WordPress category, a "
                "wire section) in the section SLUG, before --section; repeat for each. "
                "Categories not put in a section become topics."
            ),
        )
        parser.add_argument(
            "--fetch-images",
            action="store_true",
            help=(
                "Download remote photos: http(s) only, with size and time limits, never from "
                "private addresses unless IMPORT_FETCH_ALLOW_PRIVATE or "
                "IMPORT_FETCH_PRIVATE_HOSTS allow them."
            ),
        )
        parser.add_argument(
            "--rehost-images",
            action=argparse.BooleanOptionalAction,
            default=True,
            help=(
                "Copy the images in the story bodies into the photo library and show them from "
                "there, so the stories stop loading them from the old site (default: on; "
                "fetched as --fetch-images fetches)."
            ),
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar even when the output is not a terminal.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        mapping = section_map(options["map_section"])
        bar = None
        if options["progress"] or sys.stderr.isatty():
            bar = ProgressBar(sys.stderr)
        by = None
        if options["user"]:
            by = get_user_model().objects.filter(username=options["user"]).first()
            if by is None:
                raise CommandError(f"--user: no account named {options['user']!r}")
        try:
            report = import_paths(
                options["paths"],
                format=options["format"],
                status=options["status"],
                section=options["section"],
                section_map=mapping,
                dry_run=options["dry_run"],
                fetch_images=options["fetch_images"],
                rehost_images=options["rehost_images"],
                progress=bar,
                by=by,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            if bar is not None:
                bar.close()
        self._report(report, mapping=mapping)
        if report.failed:
            raise CommandError(f"{report.failed} failed; see the lines above.")
        if not report.stories:
            raise CommandError("Nothing to import: no stories in the files given.")

    def _report(self, report: ImportReport, *, mapping: dict[str, str]) -> None:
        if self.verbosity > 1:
            for item in report.items:
                self.stdout.write(f"{item.outcome.capitalize()}: {item.file}: {item.label}")
                for warning in item.warnings:
                    self.stdout.write(f"  Warning: {warning}")
        elif report.warnings:
            self.stdout.write(
                f"{report.warnings} warning{'s' if report.warnings != 1 else ''} for editors "
                "(no byline, photos without a file, images left on the old site…); run with -v 2 "
                "to list them."
            )
        for failure in report.failures:
            self.stderr.write(f"Failed: {failure}")
        for kind, counts in report.by_kind():
            self.stdout.write(f"{kind}: {counts.summary(dry_run=report.dry_run)}")
        for empty in report.empty:
            self.stderr.write(str(empty))
        if report.categories:
            into = {category.casefold(): slug for category, slug in mapping.items() if slug}
            self.stdout.write(
                "Categories in the source (stories): "
                + ", ".join(
                    f"{name} {count} → "
                    + (f"section {into[name.casefold()]}" if name.casefold() in into else "topic")
                    for name, count in sorted(report.categories.items())
                )  # fmt: skip
            )
        if report.images_fetching:
            self.stdout.write(
                f"{report.images_fetching} image{'s are' if report.images_fetching != 1 else ' is'}"
                " being fetched by the background workers (manage.py run_worker); each appears "
                "with its story when it arrives."
            )
        prefix = "Dry run, nothing written. Would have: " if report.dry_run else ""
        style = self.style.ERROR if report.failed else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{report.summary()}."))


def section_map(values: list[str]) -> dict[str, str]:
    """{category: section slug} from "CATEGORY=SLUG" values; raises CommandError for others."""
    mapping = {}
    for value in values:
        category, equals, slug = value.rpartition("=")
        if not equals or not category.strip():
            raise CommandError(f"--map-section {value!r}: expected CATEGORY=SLUG")
        mapping[category.strip()] = slug.strip()
    return mapping
