"""`manage.py export_articles`: stories as ninjs, one JSON document per line (or one JSON list)."""

import json
from contextlib import nullcontext
from functools import partial

from django.core.management.base import BaseCommand, CommandError

from articles.exporters.ninjs import article_to_ninjs
from articles.models import Article

STATUS_CHOICES = ("published", "scheduled", "draft", "review", "all")


class Command(BaseCommand):
    help = (
        "Write stories as IPTC ninjs 2.x: JSON Lines (one story per line) by default, or a JSON "
        "list with --list. Without --status, only what readers can see now is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["ninjs"], default="ninjs")
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")
        parser.add_argument(
            "--status",
            choices=STATUS_CHOICES,
            default="published",
            help="published: public now (default); scheduled: published with a future time; "
            "draft, review; all: every story.",
        )
        parser.add_argument(
            "--list", action="store_true", help="Write one JSON list instead of JSON Lines."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address, e.g. https://news.example.org, to give absolute links.",
        )

    def handle(self, *args, output=None, status="published", base_url="", **options):
        stories = (
            _stories(status).with_related().order_by("published_at", "pk").iterator(chunk_size=500)
        )
        as_list = options["list"]
        try:
            with open(output, "w", encoding="utf-8") if output else nullcontext() as stream:
                write = stream.write if stream else partial(self.stdout.write, ending="")
                count = 0
                for count, article in enumerate(stories, start=1):
                    document = json.dumps(
                        article_to_ninjs(article, base_url=base_url), ensure_ascii=False
                    )
                    if as_list:
                        write(("[" if count == 1 else ",") + "\n" + document)
                    else:
                        write(document + "\n")
                if as_list:
                    write("\n]\n" if count else "[]\n")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        message = f"Wrote {count} {'story' if count == 1 else 'stories'}"
        if output:
            self.stdout.write(f"{message} to {output}.")
        else:
            self.stderr.write(f"{message}.", style_func=str)


def _stories(status: str):
    if status == "published":
        return Article.objects.published()
    if status == "scheduled":
        return Article.objects.scheduled()
    if status == "all":
        return Article.objects.all()
    return Article.objects.filter(status=status)
