from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from articles import background, search_index, signals
        from articles.groups import sync_groups_after_migrate

        signals.connect()
        search_index.connect_signals()
        background.connect_signals()

        # After `flush` too (which emits post_migrate), so emptied test databases keep the groups.
        post_migrate.connect(sync_groups_after_migrate, sender=self)
