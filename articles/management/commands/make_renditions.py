"""Store the missing renditions of every photo (after an import, a restore or a size change)."""

from django.core.management.base import BaseCommand

from articles.images import ensure_renditions, renditions_ready
from articles.models import Photo


class Command(BaseCommand):
    help = "Make the responsive renditions each photo with a file still lacks; safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Check every photo and that each rendition file is still in the storage.",
        )

    def handle(self, *args, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        checked = written = failed = 0
        for photo in photos.iterator(chunk_size=200):
            if renditions_ready(photo) and not options["all"]:
                continue
            checked += 1
            try:
                written += ensure_renditions(photo, check_files=options["all"])
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"Photo {photo.pk} ({photo.image.name}): {error}")
        self.stdout.write(
            f"Checked {checked} photo(s): {written} rendition file(s) written, {failed} failed."
        )
