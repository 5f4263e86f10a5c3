"""The migration that lets places share a name keeps every place, its slug and its links."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0019_background_jobs")]
AFTER = [("articles", "0020_place_short_name_where_unique_geonames")]


@pytest.mark.django_db(transaction=True)
def test_existing_places_keep_names_slugs_links_and_one_holds_each_geonames_id():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Place = apps.get_model("articles", "Place")
    Article = apps.get_model("articles", "Article")
    Tagged = apps.get_model("articles", "TaggedArticlePlace")
    Place.objects.create(name="Westport", slug="westport", geonames_id=4845585)
    twin = Place.objects.create(name="Westport CT", slug="westport-ct", geonames_id=4845585)
    story = Article.objects.create(headline="Town meeting", slug="town-meeting", body="")
    Tagged.objects.create(content_object=story, tag=twin)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Place = apps.get_model("articles", "Place")
    rows = {p.slug: (p.name, p.short_name, p.geonames_id) for p in Place.objects.all()}
    assert rows == {
        "westport": ("Westport", "Westport", 4845585),
        "westport-ct": ("Westport CT", "Westport CT", None),
    }
    Tagged = apps.get_model("articles", "TaggedArticlePlace")
    assert Tagged.objects.get().tag.slug == "westport-ct"
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
