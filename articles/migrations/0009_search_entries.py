import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models
from django.db.utils import NotSupportedError

# The search table differs by database, so this migration makes it (the model is unmanaged).
# SQLite: an FTS5 table (rowid = the story's id) stemming English words with the Porter
# stemmer and folding accents. PostgreSQL: a plain table with the weighted vector under a GIN
# index; the vector's language is the NEWSROOM_SEARCH_CONFIG setting, applied when writing.
SQLITE_CREATE = """
CREATE VIRTUAL TABLE articles_search USING fts5(
    headline, dek, byline_tags, body, vector UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
POSTGRESQL_CREATE = [
    """
    CREATE TABLE articles_search (
        rowid bigint PRIMARY KEY,
        headline text NOT NULL,
        dek text NOT NULL,
        byline_tags text NOT NULL,
        body text NOT NULL,
        vector tsvector
    )
    """,
    # Vectors kept in the table's own pages (compressed) rather than TOAST: the planner counts
    # pages, not TOAST reads, so it then sees what scanning every vector costs and uses the index.
    "ALTER TABLE articles_search ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE INDEX articles_search_vector ON articles_search USING gin (vector)",
]


def create_search_table(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRESQL_CREATE:
            schema_editor.execute(statement)
    else:
        raise NotSupportedError(f"Search needs PostgreSQL or SQLite, not {vendor}.")
    from articles.search_index import rebuild_search_index

    rebuild_search_index(using=schema_editor.connection.alias, apps=apps)


def drop_search_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE articles_search")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_photo_image_help_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('article', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='articles.article')),
                ('headline', models.TextField()),
                ('dek', models.TextField(help_text='The dek and the summary.')),
                ('byline_tags', models.TextField(help_text="The byline's names, the places and the topics.")),
                ('body', models.TextField(help_text='The body as plain text.')),
                ('vector', django.contrib.postgres.search.SearchVectorField(help_text='PostgreSQL only: the weighted words.', null=True)),
            ],
            options={
                'verbose_name_plural': 'search entries',
                'db_table': 'articles_search',
                'managed': False,
            },
        ),
        migrations.RunPython(create_search_table, drop_search_table),
    ]
