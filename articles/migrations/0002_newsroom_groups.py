"""Create the Reporters and Editors groups with their permissions.

Reporters write and edit drafts and submit them for review; only Editors may publish and unpublish.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWSROOM_MODELS = ["article", "byline", "quote", "photo", "author", "person", "section", "place",
                   "topic"]  # fmt: skip
REPORTER_PERMISSIONS = [
    "add_article", "change_article", "view_article",
    "add_byline", "change_byline", "delete_byline", "view_byline",
    "add_quote", "change_quote", "delete_quote", "view_quote",
    "add_photo", "change_photo", "view_photo",
    "add_person", "change_person", "view_person",
    "view_author", "view_section",
    "add_place", "view_place", "add_topic", "view_topic",
]  # fmt: skip


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles_perms = Permission.objects.filter(content_type__app_label="articles")

    reporters, _ = Group.objects.get_or_create(name="Reporters")
    reporters.permissions.add(*articles_perms.filter(codename__in=REPORTER_PERMISSIONS))

    editors, _ = Group.objects.get_or_create(name="Editors")
    editor_codenames = [
        f"{action}_{model}" for model in NEWSROOM_MODELS for action in ("add", "change", "delete", "view")
    ] + ["publish_article"]
    editors.permissions.add(*articles_perms.filter(codename__in=editor_codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporters", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
