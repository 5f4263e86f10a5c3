"""Wire copy keeps where it came from: the item as received with its hash, the provider on the
page and in the desk, and the source's embargo and expiry enforced."""

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from articles.importers.pipeline import import_paths
from articles.models import Article, SourcePayload

from .factories import editor

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
WIRE = FIXTURES / "ninjs" / "wire_embargo.json"
EMBARGO = datetime(2026, 12, 4, 15, tzinfo=UTC)
EXPIRES = datetime(2026, 12, 11, 15, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def test_ninjs_copy_keeps_its_payload_provider_embargo_and_expiry():
    # The story's state is read at the same moment: whatever today's date, the embargo holds.
    with time_machine.travel(EMBARGO - timedelta(hours=2), tick=False):
        report = import_paths([WIRE], status="keep")
        article = Article.objects.get()
        assert (article.status, article.state) == ("published", "scheduled")

    assert report.created == 1 and report.live == 0  # scheduled: the embargo holds it
    assert (article.embargoed_until, article.rights_expire_at) == (EMBARGO, EXPIRES)
    assert article.provider == "Harborline News Service"
    payload = SourcePayload.objects.get(article=article)
    assert json.loads(payload.content) == json.loads(WIRE.read_text())
    assert payload.sha256 == hashlib.sha256(payload.content.encode()).hexdigest()
    assert payload.format == "ninjs"


def test_the_page_says_where_wire_copy_came_from_once_the_embargo_lifts(client):
    import_paths([WIRE], status="keep")
    article = Article.objects.get()

    with time_machine.travel(EMBARGO - SECOND, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(EMBARGO + SECOND, tick=False):
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert '<p class="article__provider">From Harborline News Service</p>' in page.text
    with time_machine.travel(EXPIRES + SECOND, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_the_desk_shows_the_provider_and_the_copy_as_received(client):
    import_paths([WIRE], status="keep")
    article = Article.objects.get()
    client.force_login(editor())

    page = client.get(f"/admin/articles/article/{article.pk}/change/").text

    assert "From Harborline News Service" in page
    assert article.payload.sha256 in page
    assert "urn:newsml:harborline.test:20261204:ferry-contract" in page


def test_reimporting_identical_copy_leaves_the_payload_alone():
    import_paths([WIRE], status="keep")
    first = SourcePayload.objects.get()

    again = import_paths([WIRE], status="keep")

    assert again.unchanged == 1
    assert SourcePayload.objects.get().received_at == first.received_at


def test_newsml_copy_names_its_provider_and_keeps_its_xml():
    import_paths([FIXTURES / "newsml" / "message.xml"], status="draft")

    article = Article.objects.order_by("pk").first()
    assert article.provider == "Westport Wire"
    assert article.payload.content.lstrip().startswith("<")
    assert "newsItem" in article.payload.content


def test_newsml_embargo_is_kept_as_the_storys_embargo():
    import_paths([FIXTURES / "newsml" / "nitf.xml"], status="draft")

    assert Article.objects.get().embargoed_until == datetime(2026, 11, 10, 12, tzinfo=UTC)
