"""Render every story's served body again from its source, and prepare every published story's
page and card again (after a change of the sanitiser's allowlist, of `articles.rendering` or of
the page templates, or after loading stories without Django)."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.prepared import prepare
from articles.rendering import BATCH_SIZE, render_all


class Command(BaseCommand):
    help = "Make every story's served HTML again from its body; only changed stories are written."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Stories rendered and written per transaction (default {BATCH_SIZE}).",
        )

    def handle(self, *args, **options):
        changed = batches = 0
        for count in render_all(batch_size=max(1, options["batch_size"])):
            changed += count
            batches += 1
        self.stdout.write(f"Rendered every story in {batches} batch(es): {changed} changed.")
        ready = prepare(Article.objects.values_list("pk", flat=True))
        self.stdout.write(f"Prepared the pages and cards of {ready} published stories.")
