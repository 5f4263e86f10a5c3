import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_reporters_write_and_editors_also_publish():
    reporters, editors = codenames("Reporters"), codenames("Editors")
    assert {"add_article", "change_article", "add_quote", "add_photo"} <= reporters
    assert "publish_article" not in reporters
    assert "delete_article" not in reporters
    assert reporters < editors
    assert {"publish_article", "delete_article"} <= editors


@pytest.mark.django_db(transaction=True)
def test_groups_come_back_after_the_database_is_emptied():
    call_command("flush", interactive=False, verbosity=0)
    assert "publish_article" in codenames("Editors")
    assert "publish_article" not in codenames("Reporters")
