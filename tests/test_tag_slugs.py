"""Places and topics named in any script get addresses: their slugs are ASCII and never empty,
as every other slug of the site is, so their pages, the stories naming them, the sitemaps and
the purges of those pages all work."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from articles.models import Place, Topic
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BEFORE = [("articles", "0024_tag_story_indexes")]
AFTER = [("articles", "0025_ascii_tag_slugs")]


def test_tags_named_in_any_script_get_ascii_slugs_and_pages(client):
    topic = Topic.objects.create(name="远征手记")
    also = Topic.objects.create(name="札记")
    emoji = Topic.objects.create(name="🌲")
    place = Place.objects.create(name="Québec")
    assert place.slug == "quebec"
    assert {topic.slug, also.slug, emoji.slug} == {"untitled", "untitled_1", "untitled_2"}

    story = ArticleFactory()
    story.topics.add(topic)
    story.places.add(place)
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert topic.get_absolute_url() in page.text and place.get_absolute_url() in page.text
    assert client.get(topic.get_absolute_url()).status_code == 200
    assert client.get(place.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:sitemap-section", args=["topics"])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_tags_made_before_an_ascii_slug():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    OldTopic, OldPlace = apps.get_model("articles", "Topic"), apps.get_model("articles", "Place")
    OldTopic.objects.create(name="Untitled", slug="untitled")
    OldTopic.objects.create(name="远征手记", slug="远征手记")
    OldTopic.objects.create(name="Ferries", slug="ferries")
    OldPlace.objects.create(name="Québec", slug="québec")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    topics = dict(apps.get_model("articles", "Topic").objects.values_list("name", "slug"))
    assert topics == {"Untitled": "untitled", "远征手记": "untitled_1", "Ferries": "ferries"}
    assert apps.get_model("articles", "Place").objects.get().slug == "quebec"
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
