"""Preview links: an editor shares a draft with someone without an account, for a while.

The link shows the story as it will look, marked as a preview and kept out of search engines and
every cache; it stops working when it expires or is revoked; only staff who may change the story
may make or revoke one, whatever they post.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.admin.previews import PreviewLinkForm
from articles.models import Article, PreviewLink
from articles.models.previews import hash_token
from articles.services import create_preview_link, revoke_preview_link

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    QuoteFactory,
    UserFactory,
    editor,
    reporter,
)
from .test_caching import page_cache  # noqa: F401  (the page cache, on memory and on Redis)
from .test_queries import count_queries

pytestmark = pytest.mark.django_db

BANNER = "Not published — preview"


@pytest.fixture
def draft():
    return ArticleFactory(
        headline="Harbor plan goes to a vote",
        status=Article.Status.DRAFT,
        published_at=None,
        body='<p>The board votes Tuesday. <a href="https://example.org/plan">The plan</a>.</p>',
        authors=[AuthorFactory(name="Rosa Delgado")],
    )


def desk_url(article) -> str:
    return reverse("admin:articles_article_previews", args=[article.pk])


def revoke_url(link) -> str:
    return reverse("admin:articles_article_preview_revoke", args=[link.article_id, link.pk])


def make_link(client, article, *, days: int = 7) -> str:
    """Make a link through the desk as the logged-in user; returns the address it shows."""
    response = client.post(desk_url(article), {"days": days})
    assert response.status_code == 200
    match = re.search(r'value="(https?://[^"]+/preview/[^"]+/)"', response.text)
    assert match, "the new link's address is shown"
    return match.group(1)


def viewer_only(**kwargs):
    """Desk staff who may read stories but not change them."""
    user = UserFactory(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    return user


def test_an_editor_shares_a_draft_that_a_reader_without_an_account_can_read(client, draft):
    client.force_login(editor(username="dana"))
    with time_machine.travel(timezone.now(), tick=False):
        address = make_link(client, draft, days=3)
    link = PreviewLink.objects.get()
    token = address.rstrip("/").rsplit("/", 1)[1]

    assert len(token) >= 43 and link.token_hash == hash_token(token) != token
    assert link.created_by.username == "dana" and link.article == draft
    assert link.expires_at - link.created_at == timedelta(days=3)

    client.logout()
    response = client.get(address)
    assert response.status_code == 200
    assert f">{draft.headline}</h1>" in response.text
    assert BANNER in response.text
    assert "Rosa Delgado" in response.text and "The plan" in response.text
    # Nothing a staff preview offers: the reader has no desk account.
    assert "/admin/" not in response.text


def test_a_preview_is_kept_out_of_search_engines_and_every_cache(client, draft):
    _, token = create_preview_link(draft, by=editor())

    response = client.get(PreviewLink.url_for(token))

    assert '<meta name="robots" content="noindex">' in response.text
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store", "no-cache"} <= cache_control
    assert "Surrogate-Key" not in response
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'type="application/ld+json"' not in response.text


@pytest.mark.usefixtures("page_cache")
def test_the_page_cache_never_keeps_a_preview(client, draft):
    link, token = create_preview_link(draft, by=editor())
    url = PreviewLink.url_for(token)

    first, second = client.get(url), client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Cache" not in first and "X-Cache" not in second

    revoke_preview_link(link, by=editor(username="desk2"))
    assert client.get(url).status_code == 410


def test_a_link_works_until_one_second_before_it_expires(client, draft):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        link, token = create_preview_link(draft, by=editor(), lifetime=timedelta(days=7))
    url = PreviewLink.url_for(token)
    assert link.expires_at == start + timedelta(days=7)

    with time_machine.travel(link.expires_at - timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(link.expires_at + timedelta(seconds=1), tick=False):
        response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.text and draft.headline not in response.text
    assert "no-store" in response["Cache-Control"]


def test_a_new_link_lasts_seven_days_unless_the_editor_chooses(client, draft):
    with time_machine.travel(timezone.now(), tick=False):
        link, _ = create_preview_link(draft, by=editor())
    assert link.expires_at - link.created_at == timedelta(days=7)
    assert 'value="7" selected' in str(PreviewLinkForm()["days"])


def test_a_revoked_link_stops_working_at_once(client, draft):
    desk = editor()
    client.force_login(desk)
    address = make_link(client, draft)
    link = PreviewLink.objects.get()

    response = client.post(revoke_url(link))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and not link.is_active

    client.logout()
    gone = client.get(address)
    assert gone.status_code == 410
    assert "withdrawn" in gone.text and draft.headline not in gone.text


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "y" * 500])
def test_a_wrong_token_is_not_found(client, draft, token):
    create_preview_link(draft, by=editor())

    response = client.get(f"/preview/{token}/")

    assert response.status_code == 404
    assert "not valid" in response.text and draft.headline not in response.text
    assert "noindex" in response["X-Robots-Tag"]


def test_a_reader_cannot_see_the_draft_any_other_way(client, draft):
    create_preview_link(draft, by=editor())
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.headline not in client.get("/").text


def test_staff_who_may_not_change_the_story_may_not_make_or_revoke_links(client, draft):
    link, token = create_preview_link(draft, by=editor())
    client.force_login(viewer_only(username="viewer"))

    assert client.post(desk_url(draft), {"days": 7}).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None
    assert client.get(PreviewLink.url_for(token)).status_code == 200


def test_reporters_may_share_the_stories_they_may_change(client, draft):
    client.force_login(reporter())
    make_link(client, draft)
    link = PreviewLink.objects.get()
    assert client.post(revoke_url(link)).status_code == 302


def test_revoking_takes_a_post(client, draft):
    link, _ = create_preview_link(draft, by=editor())
    client.force_login(editor(username="desk2"))
    assert client.get(revoke_url(link)).status_code == 405
    link.refresh_from_db()
    assert link.is_active


def test_the_story_form_lists_its_links_with_who_made_them_and_a_revoke_button(client, draft):
    active, _ = create_preview_link(draft, by=editor(username="dana"))
    revoked, _ = create_preview_link(draft, by=editor(username="lee"))
    revoke_preview_link(revoked, by=editor(username="dana"))
    client.force_login(editor(username="dana"))

    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text

    assert "dana" in page and "lee" in page and "Revoked" in page
    assert f'action="{revoke_url(active)}"' in page
    assert f'action="{revoke_url(revoked)}"' not in page
    assert f'action="{desk_url(draft)}"' in page


def test_a_preview_costs_a_fixed_number_of_queries(client):
    def shared(n: int) -> str:
        article = ArticleFactory(
            status=Article.Status.DRAFT, authors=[AuthorFactory() for _ in range(n)]
        )
        article.places.add(*(f"Place {n}-{i}" for i in range(n)))
        for _ in range(n):
            QuoteFactory(article=article, is_pull_quote=True)
            CorrectionFactory(article=article)
        return PreviewLink.url_for(create_preview_link(article, by=editor())[1])

    assert count_queries(client, shared(1)) == count_queries(client, shared(6))


def test_a_preview_shows_no_structured_data_even_of_a_live_story(client):
    live = ArticleFactory()
    _, token = create_preview_link(live, by=editor())
    page = client.get(PreviewLink.url_for(token)).text
    assert BANNER in page
    assert "application/ld+json" not in page


def test_a_live_storys_preview_shows_its_unpublished_changes(client):
    from articles.versions import How, record_version, snapshot_of

    live = ArticleFactory(headline="Budget vote set", body="<p>The vote is Tuesday.</p>")
    desk = editor(username="ana")
    changed = {**snapshot_of(live), "headline": "Budget vote moved", "body": "<p>Now Thursday.</p>"}
    record_version(live, by=desk, how=How.DESK, snapshot=changed, is_working=True)
    client.force_login(desk)
    address = make_link(client, live)
    client.logout()

    preview = client.get(address).text
    assert ">Budget vote moved</h1>" in preview and "Now Thursday." in preview
    page = client.get(live.get_absolute_url()).text
    assert ">Budget vote set</h1>" in page and "Now Thursday." not in page
