"""The editors' desk through real HTTP: pages, publish permission, query budget, search, tags."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin.articles import TagFilter
from articles.models import Article, Photo, Place, Quote, TaggedArticlePlace, Topic

from .factories import (
    ArticleFactory,
    AuthorFactory,
    PersonFactory,
    PhotoFactory,
    QuoteFactory,
    SectionFactory,
    UserFactory,
    editor,
    reporter,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(client, user):
    client.force_login(user)
    return client


def form_data(article=None, **changes):
    """What the article form posts: `article` as stored (or an empty form), with `changes`."""
    data = {
        "headline": "",
        "slug": "",
        "dek": "",
        "dateline": "",
        "body": "",
        "summary": "",
        "section": "",
        "lead_photo": "",
        "new_places": "",
        "new_topics": "",
        "status": Status.DRAFT,
        "source_url": "",
    }
    bylines, quotes = [], []
    if article is not None:
        data.update(
            {
                field: getattr(article, field)
                for field in ("headline", "slug", "dek", "dateline", "body", "summary", "status")
            }
        )
        data["section"] = article.section_id or ""
        data["lead_photo"] = article.lead_photo_id or ""
        data["places"] = [str(pk) for pk in article.places.values_list("pk", flat=True)]
        data["topics"] = [str(pk) for pk in article.topics.values_list("pk", flat=True)]
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data["published_at_0"] = local.strftime("%Y-%m-%d")
            data["published_at_1"] = local.strftime("%H:%M:%S")
        bylines = list(article.bylines.all())
        quotes = list(article.quotes.all())
    for prefix, rows in (("bylines", bylines), ("quotes", quotes)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": byline.pk,
                f"bylines-{i}-article": article.pk,
                f"bylines-{i}-author": byline.author_id,
                f"bylines-{i}-position": byline.position,
            }
        )
    for i, quote in enumerate(quotes):
        data.update(
            {
                f"quotes-{i}-id": quote.pk,
                f"quotes-{i}-article": article.pk,
                f"quotes-{i}-person": quote.person_id or "",
                f"quotes-{i}-position": quote.position,
                f"quotes-{i}-text": quote.text,
            }
        )
        if quote.is_pull_quote:
            data[f"quotes-{i}-is_pull_quote"] = "on"
        if quote.is_suggested:
            data[f"quotes-{i}-is_suggested"] = "on"
    data.update(changes)
    return data


def run_action(client, action, articles):
    return client.post(
        CHANGELIST,
        {"action": action, "index": "0", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


# Pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make_user", [editor, reporter], ids=["editor", "reporter"])
def test_story_pages_render_for_both_groups(client, make_user):
    article = ArticleFactory(authors=[AuthorFactory(name="Tara Quill")], lead_photo=PhotoFactory())
    article.places.add("Westport")
    QuoteFactory(article=article, text="We will keep the library open.")
    logged_in(client, make_user())

    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert article.headline in listing.text
    assert "Tara Quill" in listing.text
    assert 'class="desk-thumbnail"' in listing.text
    assert "status-badge--published" in listing.text

    assert client.get(ADD).status_code == 200
    change = client.get(change_url(article))
    assert change.status_code == 200
    for text in ("Byline &amp; section", "Publishing", "Westport", "We will keep the library open"):
        assert text in change.text


def test_publish_actions_are_offered_to_editors_only(client):
    ArticleFactory()
    logged_in(client, reporter())
    listing = client.get(CHANGELIST).text
    assert "Submit selected drafts for review" in listing
    assert "Publish selected stories" not in listing
    assert "Unpublish selected" not in listing

    logged_in(client, editor())
    listing = client.get(CHANGELIST).text
    assert "Publish selected stories" in listing
    assert "Unpublish selected" in listing


def test_reporter_sees_status_menu_without_publish(client):
    draft = ArticleFactory(status=Status.DRAFT)
    logged_in(client, reporter())
    form = client.get(change_url(draft)).context["adminform"].form
    offered = [value for value, _ in form.fields["status"].widget.choices]
    assert offered == [Status.DRAFT, Status.REVIEW]
    assert "published_at" not in form.fields


@pytest.mark.parametrize("url_name", ["author", "person", "section", "place", "topic", "quote"])
def test_other_desk_pages_render(client, url_name):
    article = ArticleFactory(authors=[AuthorFactory()])
    article.places.add("Westport")
    article.topics.add("ICE")
    QuoteFactory(article=article)
    logged_in(client, editor())
    assert client.get(reverse(f"admin:articles_{url_name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:articles_{url_name}_add")).status_code == 200


def test_person_page_lists_their_quotes_with_links_to_stories(client):
    person = PersonFactory(name="Anthony Prezioso", title="Lt.")
    quote = QuoteFactory(person=person, text="There is no cause for alarm.")
    logged_in(client, reporter())
    page = client.get(reverse("admin:articles_person_change", args=[person.pk]))
    assert page.status_code == 200
    assert "There is no cause for alarm." in page.text
    assert change_url(quote.article) in page.text


def test_author_and_tag_lists_count_stories(client):
    author = AuthorFactory(name="Tara Quill")
    for article in ArticleFactory.create_batch(3, authors=[author]):
        article.places.add("Westport")
    logged_in(client, editor())
    authors = client.get(reverse("admin:articles_author_changelist"))
    assert f'?authors__id__exact={author.pk}">3</a>' in authors.text
    westport = Place.objects.get(name="Westport")
    places = client.get(reverse("admin:articles_place_changelist"))
    assert f'?places__id__exact={westport.pk}">3</a>' in places.text


# Publishing through the form ---------------------------------------------------------------------


def test_reporter_cannot_publish_through_the_form(client):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    logged_in(client, reporter())
    response = client.post(
        change_url(draft), form_data(draft, status=Status.PUBLISHED, headline="Changed")
    )
    assert response.status_code == 200
    assert "Only editors may publish stories." in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.headline != "Changed"
    assert draft.published_at is None


def test_a_refused_publish_shows_the_stored_state_not_the_menus_first(client):
    story = ArticleFactory(status=Status.REVIEW, published_at=None)
    logged_in(client, reporter())
    response = client.post(
        change_url(story), form_data(story, status=Status.PUBLISHED, headline="Changed")
    )
    assert "Only editors may publish stories." in response.text
    menu = response.context["adminform"].form["status"]
    assert menu.value() == Status.REVIEW
    assert '<option value="review" selected>' in str(menu)


def test_reporter_cannot_unpublish_through_the_form(client):
    live = ArticleFactory()
    logged_in(client, reporter())
    response = client.post(change_url(live), form_data(live, status=Status.DRAFT, dek="Changed"))
    assert response.status_code == 200
    assert "Only editors may unpublish stories." in response.text
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED
    assert live.dek != "Changed"


def test_reporter_may_correct_a_published_story_but_not_its_publish_time(client):
    live = ArticleFactory()
    published_at = live.published_at
    logged_in(client, reporter())
    data = form_data(live, dek="Corrected dek")
    data["published_at_0"] = "2099-01-01"
    response = client.post(change_url(live), data)
    assert response.status_code == 302
    live.refresh_from_db()
    # The correction waits in the working version for an editor to publish it.
    working = live.versions.get()
    assert working.is_working and working.snapshot["dek"] == "Corrected dek"
    assert live.dek == "The board meets again Tuesday."
    assert live.status == Status.PUBLISHED
    assert live.published_at == published_at
    assert working.snapshot["published_at"] == published_at.isoformat()


def test_reporter_writes_a_draft_and_submits_it_for_review(client):
    author = AuthorFactory()
    logged_in(client, reporter())
    data = form_data(
        headline="Library to open Sundays",
        slug="library-to-open-sundays",
        body="<p>The library will open on Sundays.</p>",
        section=SectionFactory(name="News").pk,
        status=Status.REVIEW,
    )
    data.update({"bylines-TOTAL_FORMS": 1, "bylines-0-author": author.pk, "bylines-0-position": 0})
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="library-to-open-sundays")
    assert article.status == Status.REVIEW
    assert article.byline_authors() == [author]


def test_editor_publishes_and_unpublishes_through_the_form(client):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    logged_in(client, editor())
    data = form_data(draft, status=Status.PUBLISHED)
    response = client.post(change_url(draft), data, follow=True)
    assert f"“{draft.headline}” is live, published" in " ".join(page_messages(response))
    assert not any(message.endswith("..") for message in page_messages(response))  # "p.m.."
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert Article.objects.published().filter(pk=draft.pk).exists()

    response = client.post(change_url(draft), form_data(draft, status=Status.REVIEW), follow=True)
    assert f"“{draft.headline}” is off the site." in page_messages(response)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert not Article.objects.published().exists()


def test_editor_schedules_a_story_through_the_form(client):
    draft = ArticleFactory(status=Status.DRAFT, published_at=timezone.now() + timedelta(days=2))
    logged_in(client, editor())
    response = client.post(
        change_url(draft), form_data(draft, status=Status.PUBLISHED), follow=True
    )
    assert f"“{draft.headline}” is scheduled for" in " ".join(page_messages(response))
    listing = client.get(CHANGELIST)
    assert "status-badge--scheduled" in listing.text
    assert not Article.objects.published().exists()


@pytest.mark.parametrize(
    "photo_fields, missing",
    [
        ({"alt_text": ""}, "needs alt text"),
        ({"credit": "", "agency": ""}, "needs a credit"),
        ({"image": ""}, "has no image file yet"),
    ],
    ids=["alt", "credit", "file"],
)
def test_publishing_needs_a_complete_lead_photo(client, photo_fields, missing):
    photo = PhotoFactory(caption="Smoke over Main Street")
    Photo.objects.filter(pk=photo.pk).update(**photo_fields)
    draft = ArticleFactory(status=Status.DRAFT, lead_photo=photo)
    logged_in(client, editor())

    response = client.post(change_url(draft), form_data(draft, status=Status.PUBLISHED))
    assert response.status_code == 200
    assert "This story cannot be published yet." in response.text
    assert missing in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    response = run_action(client, "publish_selected", [draft])
    assert any(missing in message for message in page_messages(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_choosing_an_incomplete_lead_photo_for_a_live_story_is_refused(client):
    live = ArticleFactory()
    bare = Photo.objects.create(caption="Town green", credit="Dana Whitfield")
    logged_in(client, editor())
    response = client.post(change_url(live), form_data(live, lead_photo=bare.pk))
    assert response.status_code == 200
    assert "has no image file yet" in response.text
    live.refresh_from_db()
    assert live.lead_photo is None


# Publishing through bulk actions -----------------------------------------------------------------


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected"])
def test_reporter_bulk_publish_and_unpublish_are_refused(client, action):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    live = ArticleFactory()
    logged_in(client, reporter())
    response = run_action(client, action, [draft, live])
    assert "Only editors may publish or unpublish stories." in page_messages(response)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.published_at is None
    assert live.status == Status.PUBLISHED


def test_editor_bulk_publishes_and_unpublishes(client):
    drafts = ArticleFactory.create_batch(2, status=Status.DRAFT, published_at=None)
    logged_in(client, editor())
    response = run_action(client, "publish_selected", drafts)
    assert "Published 2 stories." in page_messages(response)
    assert Article.objects.published().count() == 2
    history = client.get(reverse("admin:articles_article_history", args=[drafts[0].pk]))
    assert "Published from the story list." in history.text

    response = run_action(client, "unpublish_selected", drafts)
    assert "Unpublished 2 stories." in page_messages(response)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.UNPUBLISHED}


def test_bulk_publish_reports_each_story_it_could_not_publish(client):
    ready = ArticleFactory(status=Status.DRAFT)
    blocked = ArticleFactory(
        status=Status.DRAFT, lead_photo=Photo.objects.create(caption="Harbor at dawn")
    )
    logged_in(client, editor())
    response = run_action(client, "publish_selected", [ready, blocked])
    messages = page_messages(response)
    assert "Published 1 story." in messages
    assert any(m.startswith(f"“{blocked.headline}” was not published") for m in messages)
    blocked.refresh_from_db()
    assert blocked.status == Status.DRAFT


def test_reporter_submits_drafts_for_review_in_bulk(client):
    draft = ArticleFactory(status=Status.DRAFT)
    live = ArticleFactory()
    logged_in(client, reporter())
    response = run_action(client, "submit_selected", [draft, live])
    assert "Submitted 1 story for review." in page_messages(response)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert live.status == Status.PUBLISHED


# Query budget and search -------------------------------------------------------------------------


def make_stories(count):
    for _ in range(count):
        article = ArticleFactory(authors=AuthorFactory.create_batch(2), lead_photo=PhotoFactory())
        article.places.add(f"Town {article.pk}", "Westport")
        article.topics.add(f"Topic {article.pk}")
        QuoteFactory(article=article)


@pytest.mark.parametrize(
    "model_name, rows_per_story",
    [("article", 1), ("author", 2), ("person", 1), ("quote", 1), ("place", 1), ("topic", 1)],
)
def test_changelist_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, model_name, rows_per_story
):
    url = reverse(f"admin:articles_{model_name}_changelist")
    logged_in(client, editor())
    make_stories(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make_stories(8)
    assert len(few) < 25, [q["sql"] for q in few.captured_queries]
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    # Places get one extra row: every story is also tagged Westport.
    extra = 1 if model_name == "place" else 0
    assert len(response.context["cl"].result_list) == 10 * rows_per_story + extra


def test_search_covers_headline_dek_and_body(client):
    ArticleFactory(headline="Harbor dredging approved")
    ArticleFactory(dek="Residents ask about the seawall")
    ArticleFactory(body="<p>The marina fees will double.</p>")
    ArticleFactory(headline="Unrelated story")
    logged_in(client, reporter())
    for term, expected in (("dredging", 1), ("seawall", 1), ("marina", 1), ("story", 1)):
        results = client.get(CHANGELIST, {"q": term}).context["cl"].result_list
        assert len(results) == expected, term


# Tags ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field_name", ["places", "topics"])
def test_tag_autocomplete_answers_staff_and_refuses_anonymous(client, field_name):
    article = ArticleFactory()
    getattr(article, field_name).add("Westport", "Weston", "Norwalk")
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "articles",
        "model_name": "article",
        "field_name": field_name,
        "term": "wes",
    }
    anonymous = client.get(url, params)
    assert anonymous.status_code == 302
    assert reverse("admin:login") in anonymous["Location"]

    logged_in(client, reporter())
    answer = client.get(url, params)
    assert answer.status_code == 200
    assert sorted(r["text"] for r in answer.json()["results"]) == ["Weston", "Westport"]


def test_tags_picked_and_typed_in_the_form(client):
    article = ArticleFactory(status=Status.DRAFT)
    article.places.add("Westport")
    TaggedArticlePlace.objects.update(is_suggested=True)
    ice = Topic.objects.create(name="ICE", slug="ice")
    logged_in(client, reporter())
    data = form_data(article, topics=[str(ice.pk)], new_places="New Haven, westport, Norwalk")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert sorted(article.places.names()) == ["New Haven", "Norwalk", "Westport"]
    assert list(article.topics.names()) == ["ICE"]
    assert Place.objects.count() == 3
    # A tag kept by the editor keeps its provenance until someone marks it reviewed.
    assert TaggedArticlePlace.objects.get(tag__name="Westport").is_suggested


def test_creating_tags_needs_permission(client):
    article = ArticleFactory(status=Status.DRAFT)
    writer = UserFactory()
    writer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_article", "view_article", "view_place", "view_topic"]
        )
    )
    logged_in(client, writer)
    response = client.post(change_url(article), form_data(article, new_topics="Harbor"))
    assert response.status_code == 200
    assert "You may not create new topics: Harbor." in response.text
    assert not Topic.objects.exists()


def test_suggestions_can_be_found_and_marked_reviewed(client):
    tagged = ArticleFactory()
    tagged.places.add("Westport", through_defaults={"is_suggested": True})
    quoted = ArticleFactory()
    QuoteFactory(article=quoted, is_suggested=True)
    ArticleFactory()
    logged_in(client, editor())

    def listed(value):
        response = client.get(CHANGELIST, {"suggested": value})
        return set(response.context["cl"].result_list)

    assert listed("any") == {tagged, quoted}
    assert listed("tags") == {tagged}
    assert listed("quotes") == {quoted}
    assert "Westport" in client.get(change_url(tagged)).text

    response = run_action(client, "mark_reviewed", [tagged, quoted])
    assert "Marked 1 tags and 1 quotes as reviewed." in page_messages(response)
    assert listed("any") == set()
    assert not Quote.objects.filter(is_suggested=True).exists()


def test_view_on_site_links_to_the_story_or_its_preview(client):
    draft = ArticleFactory(status=Status.DRAFT)
    live = ArticleFactory()
    logged_in(client, reporter())
    draft_page = client.get(change_url(draft)).text
    assert "Preview on site" in draft_page
    assert "Preview on site" not in client.get(change_url(live)).text
    assert "View on site" in client.get(change_url(live)).text
    article_type = ContentType.objects.get_for_model(Article)
    shortcut = client.get(reverse("admin:view_on_site", args=[article_type.pk, draft.pk]))
    assert shortcut.status_code == 302
    assert shortcut["Location"].endswith(draft.get_absolute_url())
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert draft.headline in preview.text


def test_byline_order_follows_positions_and_is_renumbered(client):
    first, second, third = AuthorFactory.create_batch(3)
    article = ArticleFactory(status=Status.DRAFT, authors=[first, second])
    logged_in(client, reporter())
    data = form_data(article)
    bylines = list(article.bylines.all())
    data["bylines-0-position"] = 5  # the first author moves to the end, the new one to the front
    data.update(
        {
            "bylines-TOTAL_FORMS": 3,
            "bylines-2-author": third.pk,
            "bylines-2-position": 0,
        }
    )
    assert bylines[0].author == first
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert article.byline_authors() == [third, second, first]
    assert list(article.bylines.values_list("position", flat=True)) == [0, 1, 2]


def test_reporter_cannot_add_a_story_as_published(client):
    logged_in(client, reporter())
    data = form_data(headline="Pier reopens", slug="pier-reopens", status=Status.PUBLISHED)
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "Only editors may publish stories." in response.text
    assert not Article.objects.exists()


def test_byline_is_edited_beside_the_section(client):
    logged_in(client, editor())
    page = client.get(ADD).text
    section = page.index("Byline &amp; section")
    assert section < page.index('id="bylines-group"') < page.index("Photo &amp; tags")
    assert page.index("Photo &amp; tags") < page.index('id="quotes-group"')


def test_front_page_shows_what_waits_on_the_desk(client):
    user = reporter()
    mine = AuthorFactory(user=user)
    ArticleFactory(status=Status.REVIEW, authors=[mine])
    ArticleFactory(status=Status.DRAFT)
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    QuoteFactory(is_suggested=True)
    Photo.objects.create(caption="Harbor at dawn")
    logged_in(client, user)
    response = client.get(reverse("admin:index"))
    queues = {label: (count, url) for label, count, url in response.context["desk_queues"]}
    assert queues["by you"] == (1, f"{CHANGELIST}?authors__id__exact={mine.pk}")
    assert queues["in review"] == (1, f"{CHANGELIST}?status__exact=review")
    assert queues["drafts"][0] == 1
    assert queues["scheduled"][0] == 1
    assert queues["with suggested tags or quotes to review"] == (1, f"{CHANGELIST}?suggested=any")
    assert queues["photos waiting for their file"][0] == 1
    assert "On the desk" in response.text
    assert f"{settings.NEWSROOM_NAME} · newsroom desk" in response.text
    for _count, url in queues.values():
        assert client.get(url).status_code == 200


def test_place_filter_offers_the_most_used_places_and_the_chosen_one(client, monkeypatch):
    monkeypatch.setattr(TagFilter, "LIMIT", 2)
    for count, name in ((3, "Westport"), (2, "Weston"), (1, "Norwalk")):
        for article in ArticleFactory.create_batch(count):
            article.places.add(name)
    norwalk = Place.objects.get(name="Norwalk")
    logged_in(client, editor())

    def offered(response):
        spec = next(f for f in response.context["cl"].filter_specs if f.title.startswith("place"))
        return [label for _, label in spec.lookup_choices]

    assert offered(client.get(CHANGELIST)) == ["Westport", "Weston"]
    response = client.get(CHANGELIST, {"places__id__exact": norwalk.pk})
    assert offered(response) == ["Westport", "Weston", "Norwalk"]
    assert [a.places.get() for a in response.context["cl"].result_list] == [norwalk]


def test_editor_links_an_author_to_a_staff_account(client):
    staffer = UserFactory(username="tquill")
    UserFactory(username="reader", is_staff=False)
    logged_in(client, editor())
    form = client.get(reverse("admin:articles_author_add")).context["adminform"].form
    assert "tquill" in [str(user) for user in form.fields["user"].queryset]
    assert "reader" not in [str(user) for user in form.fields["user"].queryset]
    response = client.post(
        reverse("admin:articles_author_add"),
        {
            "name": "Tara Quill",
            "slug": "tara-quill",
            "job_title": "Staff writer",
            "user": staffer.pk,
        },
    )
    assert response.status_code == 302
    assert staffer.author.name == "Tara Quill"


def test_editor_merges_topics_from_the_list(client):
    ice = Topic.objects.create(name="ICE", slug="ice")
    variant = Topic.objects.create(name="Immigration and Customs Enforcement", slug="ice-long")
    for article in ArticleFactory.create_batch(2):
        article.topics.add(ice)
    ArticleFactory().topics.add(variant)
    url = reverse("admin:articles_topic_changelist")
    logged_in(client, editor())
    response = client.post(
        url,
        {"action": "merge_selected", "index": "0", "_selected_action": [ice.pk, variant.pk]},
        follow=True,
    )
    assert "Merged Immigration and Customs Enforcement into “ICE”." in page_messages(response)
    assert list(Topic.objects.values_list("name", flat=True)) == ["ICE"]
    assert Article.objects.filter(topics=ice).count() == 3

    logged_in(client, reporter())
    assert "Merge selected" not in client.get(url).text
