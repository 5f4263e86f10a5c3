"""What search reads: each story's words in a table of their own, kept by `articles.search_index`.

The table is made by a migration and differs by database, so Django does not manage it: on
PostgreSQL it is a plain table whose weighted `vector` sits under a GIN index; on SQLite it is an
FTS5 table whose `rowid` is the story's id (`vector` is an unused column there). It holds every
story, draft or not: search filters with `Article.objects.published()`, so publishing,
unpublishing and a scheduled time coming round need no index work.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    # No foreign key in the database: emptying the articles table (a test database's flush)
    # would have to truncate this one too. Deleting a story through Django deletes its entry.
    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        db_column="rowid",
        related_name="search_entry",
    )
    headline = models.TextField()
    dek = models.TextField(help_text="The dek and the summary.")
    byline_tags = models.TextField(help_text="The byline's names, the places and the topics.")
    body = models.TextField(help_text="The body as plain text.")
    vector = SearchVectorField(null=True, help_text="PostgreSQL only: the weighted words.")

    class Meta:
        managed = False
        db_table = "articles_search"
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.headline
