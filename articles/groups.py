"""The newsroom's two staff groups and what each may do.

Reporters write and edit drafts and submit them for review; Editors may also publish and
unpublish. `sync_groups` runs from a data migration and after every `migrate` or `flush`, so the
groups exist on a fresh database and come back after a test database is emptied.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

NEWSROOM_MODELS = ["article", "byline", "quote", "photo", "author", "person", "section", "place",
                   "topic", "correction"]  # fmt: skip
REPORTER_PERMISSIONS = [
    "add_article", "change_article", "view_article",
    "add_byline", "change_byline", "delete_byline", "view_byline",
    "add_quote", "change_quote", "delete_quote", "view_quote",
    "add_photo", "change_photo", "view_photo",
    "add_person", "change_person", "view_person",
    "view_author", "view_section",
    "add_place", "view_place", "add_topic", "view_topic",
    "view_correction",
    "add_articlenote", "view_articlenote", "view_articleevent", "view_sourcepayload",
]  # fmt: skip
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in NEWSROOM_MODELS
    for action in ("add", "change", "delete", "view")
] + ["publish_article", "add_articlenote", "view_articlenote", "view_articleevent",
       "view_sourcepayload"]  # fmt: skip


def sync_groups(apps) -> None:
    """Create the Reporters and Editors groups (if missing) and grant their permissions.

    `apps` is an app registry: the historical one in a migration, the real one after `migrate`.
    Adds what is missing and never removes a permission an administrator granted by hand.
    """
    if apps is not global_apps:
        # In a migration, permissions are not made yet (that happens after all migrations); the
        # historical app configs need `models_module` set for create_permissions to look at them.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles_perms = Permission.objects.filter(content_type__app_label="articles")
    for name, codenames in (("Reporters", REPORTER_PERMISSIONS), ("Editors", EDITOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*articles_perms.filter(codename__in=codenames))


def sync_groups_after_migrate(sender, **kwargs) -> None:
    # Connected for this app only, which comes last, so every permission exists by now.
    sync_groups(global_apps)
