from django.core.management.base import BaseCommand

from articles.search_index import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Write every story's search entry afresh: after loading data without the models' "
        "signals (loaddata, SQL) or changing NEWSROOM_SEARCH_CONFIG."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="The database to rebuild.")

    def handle(self, *args, **options):
        count = rebuild_search_index(using=options["database"])
        self.stdout.write(f"Indexed {count} stor{'y' if count == 1 else 'ies'} for search.")
