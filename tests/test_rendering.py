"""The served body (`Article.body_html`): made from the source body when a story is saved, made
again when a photo it shows changes, and for every story by `render_articles`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.images import ensure_renditions
from articles.images.body import body_photo_html
from articles.models import Article
from articles.rendering import render_body

from .factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def story_with(*photos, **fields) -> Article:
    body = "".join(f"<p>Paragraph {i}.</p>{body_photo_html(p)}" for i, p in enumerate(photos))
    return ArticleFactory(body=body + '<p><img src="https://example.org/map.png" alt="Map"></p>',
                          **fields)  # fmt: skip


def test_saving_keeps_the_source_and_serves_photos_as_pictures_with_their_credit():
    harbor = PhotoFactory(caption="Boats at their moorings.", credit="Ines Varga", agency="")
    article = story_with(harbor, dateline="WESTPORT")

    article.refresh_from_db()
    assert f'<figure data-photo="{harbor.pk}">' in article.body
    assert "<picture" not in article.body
    served = article.body_html
    assert "data-photo" not in served and served.count("<picture") == 1
    assert '<span class="photo__text">Boats at their moorings.</span>' in served
    assert '<span class="photo__credit">Ines Varga</span>' in served
    assert served.startswith('<p><span class="article__dateline">WESTPORT —</span> Paragraph 0.')
    assert '<img loading="lazy" decoding="async" src="https://example.org/map.png"' in served


def test_the_source_is_sanitised_and_unsafe_markup_never_served():
    article = ArticleFactory(body='<p onclick="steal()">Hi</p><script>alert(1)</script>')

    assert article.body == "<p>Hi</p>"
    assert "script" not in article.body_html and "onclick" not in article.body_html


def test_the_article_page_prints_the_served_body_without_reading_photos(client):
    harbor = PhotoFactory(caption="Boats at their moorings.")
    article = story_with(harbor)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url()).content.decode()

    assert not any('"articles_photo"."id" IN' in q["sql"] for q in queries)
    body = page[page.index('<div class="article__body">') :]
    assert body.count("<picture") == 1 and "Boats at their moorings." in body


def test_a_changed_photo_is_shown_anew_in_every_story_placing_it(
    django_capture_on_commit_callbacks,
):
    harbor, other = PhotoFactory(caption="Old caption."), PhotoFactory()
    showing = [story_with(harbor), story_with(other, harbor)]
    elsewhere = story_with(other)
    untouched = Article.objects.get(pk=elsewhere.pk).body_html
    modified = {a.pk: a.updated_at for a in Article.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        harbor.caption = "Boats back at their moorings."
        harbor.credit = "Ines Varga"
        harbor.save()

    for article in showing:
        served = Article.objects.get(pk=article.pk).body_html
        assert "Boats back at their moorings." in served and "Ines Varga" in served
        assert "Old caption." not in served
    assert Article.objects.get(pk=elsewhere.pk).body_html == untouched
    # Rendering again is not an edit: the stories' modification times stay.
    assert {a.pk: a.updated_at for a in Article.objects.all()} == modified


def test_new_renditions_and_a_deleted_photo_render_the_story_again(
    django_capture_on_commit_callbacks,
):
    harbor = PhotoFactory(caption="Boats at their moorings.")
    article = story_with(harbor)
    assert "srcset" not in Article.objects.get(pk=article.pk).body_html

    with django_capture_on_commit_callbacks(execute=True):
        ensure_renditions(harbor)
    assert 'type="image/webp" srcset="' in Article.objects.get(pk=article.pk).body_html

    photo_id = harbor.pk
    with django_capture_on_commit_callbacks(execute=True):
        harbor.delete()
    served = Article.objects.get(pk=article.pk).body_html
    # The stored figure stays, as the source has it: feeds and exports show the same.
    assert "<picture" not in served and f'<figure data-photo="{photo_id}">' in served


def test_render_articles_applies_the_rendering_to_every_story_in_batches():
    harbor = PhotoFactory(caption="Boats at their moorings.")
    articles = [story_with(harbor) for _ in range(5)] + [ArticleFactory() for _ in range(2)]
    expected = {a.pk: render_body(Article.objects.get(pk=a.pk)) for a in articles}
    # As after loading rows without Django, or a change of the rendering or the allowlist.
    Article.objects.filter(pk__in=[a.pk for a in articles[:4]]).update(body_html="")
    Article.objects.filter(pk=articles[4].pk).update(body="<p>Hi<script>x()</script></p>")

    call_command("render_articles", "--batch-size", "3", stdout=(out := StringIO()))

    assert "in 3 batch(es): 5 changed" in out.getvalue()
    stored = dict(Article.objects.values_list("pk", "body_html"))
    assert all(stored[pk] == expected[pk] for pk in expected if pk != articles[4].pk)
    fifth = Article.objects.get(pk=articles[4].pk)
    assert fifth.body == "<p>Hi</p>" and "script" not in fifth.body_html

    call_command("render_articles", stdout=(again := StringIO()))
    assert "0 changed" in again.getvalue()


def test_a_story_without_a_served_body_is_rendered_on_its_page(client):
    article = story_with(PhotoFactory(caption="Boats at their moorings."))
    Article.objects.filter(pk=article.pk).update(body_html="")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Boats at their moorings." in page and "<picture" in page
