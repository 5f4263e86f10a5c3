"""The public site: who sees which story, what each page shows, pagination and addresses."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles import views
from articles.models import Article, Place, Section, Topic

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

HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "scheduled": {"published_at_offset": timedelta(days=2)},
    "no publish time": {"published_at": None},
}


def make_hidden(state: str, **kwargs) -> Article:
    options = dict(HIDDEN_STATES[state])
    offset = options.pop("published_at_offset", None)
    if offset is not None:
        options["published_at"] = timezone.now() + offset
    return ArticleFactory(**options, **kwargs)


def readers():
    """Everyone who is not an editor previewing: the public, members, staff without rights."""
    return ["anonymous", "member", "staff without change permission"]


@pytest.fixture
def login(client):
    def log_in(who: str):
        if who == "anonymous":
            return client
        if who == "member":
            user = UserFactory(username="member", is_staff=False)
            user.user_permissions.add(Permission.objects.get(codename="change_article"))
        elif who == "staff without change permission":
            user = UserFactory(username="clerk", is_staff=True)
        elif who == "reporter":
            user = reporter(username="reporter")
        else:
            user = editor(username="editor")
        client.force_login(user)
        return client

    return log_in


def headline_links(html: str) -> list[str]:
    return re.findall(r'class="article-card__link" href="[^"]+">([^<]+)</a>', html)


# Visibility -----------------------------------------------------------------


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("who", readers())
def test_unpublished_story_is_404_for_readers(login, state, who):
    article = make_hidden(state)
    response = login(who).get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.headline not in response.text


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_staff_who_may_edit_preview_unpublished_story_with_banner(login, state, who):
    article = make_hidden(state)
    response = login(who).get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert f">{article.headline}</h1>" in html
    assert re.search(
        r'<div class="preview-banner" role="status">\s*<p[^>]*><strong>Not published', html
    )
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert f'href="/admin/articles/article/{article.pk}/change/">Edit this story</a>' in html


def test_published_story_has_no_banner_and_may_be_indexed(login):
    article = ArticleFactory()
    for who in ("anonymous", "editor"):
        response = login(who).get(article.get_absolute_url())
        assert "preview-banner" not in response.text
        assert "noindex" not in response.text
        assert "no-store" not in response.get("Cache-Control", "")


def test_meta_description_falls_back_to_the_body(client):
    article = ArticleFactory(summary="", dek="", body="<p>The <em>dam</em> held overnight.</p>")
    html = client.get(article.get_absolute_url()).text
    assert '<meta name="description" content="The dam held overnight.">' in html


@pytest.mark.parametrize(
    "state, says",
    [
        ("draft", "This story is a draft"),
        ("review", "This story is in review"),
        ("scheduled", "Scheduled for"),
    ],
)
def test_banner_says_why_the_story_is_hidden(login, state, says):
    article = make_hidden(state)
    html = login("editor").get(article.get_absolute_url()).text
    assert says in html


def list_urls(article: Article, person) -> dict[str, str]:
    place, topic = article.places.get(), article.topics.get()
    return {
        "home": reverse("articles:home"),
        "author": article.byline_authors()[0].get_absolute_url(),
        "place": place.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "person": person.get_absolute_url(),
    }


@pytest.mark.parametrize("who", [*readers(), "editor"])
def test_lists_never_show_unpublished_stories_to_anyone(login, who):
    author, person = AuthorFactory(), PersonFactory()
    live = ArticleFactory(headline="Library keeps Sunday hours", authors=[author])
    hidden = [make_hidden(state, authors=[author]) for state in HIDDEN_STATES]
    for article in [live, *hidden]:
        article.places.add("Westport")
        article.topics.add("Libraries")
        QuoteFactory(article=article, person=person, text=f"Said in {article.headline}")
    client = login(who)
    for page, url in list_urls(live, person).items():
        html = client.get(url).text
        assert live.headline in html, page
        for article in hidden:
            assert article.headline not in html, (page, article.status)


def test_people_and_tags_only_on_unpublished_stories_have_no_page(client):
    draft = make_hidden("draft")
    draft.places.add("Greens Farms")
    draft.topics.add("Layoffs")
    person = PersonFactory(slug="new-source")
    QuoteFactory(article=draft, person=person)
    for url in ("/places/greens-farms/", "/topics/layoffs/", "/people/new-source/"):
        assert client.get(url).status_code == 404, url


# Article page ---------------------------------------------------------------


@pytest.fixture
def full_story():
    section = SectionFactory(name="Police & Fire")
    authors = [
        AuthorFactory(name="Ana Ruiz", slug="ana-ruiz"),
        AuthorFactory(name="Bo Chen", slug="bo-chen"),
        AuthorFactory(name="Cara Doyle", slug="cara-doyle"),
    ]
    photo = PhotoFactory(
        caption="Officers outside headquarters on Jesup Road.",
        credit="Dana Whitfield",
        agency="Ledger staff",
        alt_text="Two officers stand by a cruiser.",
    )
    article = ArticleFactory(
        headline="Police add night patrols downtown",
        slug="police-add-night-patrols",
        dek="The chief says the change costs nothing extra.",
        summary="Night patrols start Monday on Main Street.",
        dateline="WESTPORT",
        body="<p>Patrols begin Monday.</p><p>Two officers walk Main Street.</p>"
        "<p>The chief asked for no new money.</p><p>Shops welcomed the plan.</p>",
        section=section,
        lead_photo=photo,
        authors=authors,
        published_at=timezone.make_aware(timezone.datetime(2024, 3, 5, 14, 30)),
    )
    article.places.add("Westport", "Main Street")
    article.topics.add("Public safety")
    chief = PersonFactory(
        name="Marta Olsen", slug="marta-olsen", title="Police Chief", organisation="Westport PD"
    )
    QuoteFactory(article=article, person=chief, text="We see people more than cruisers.")
    QuoteFactory(article=article, person=chief, text="Walk, talk, listen.", is_pull_quote=True)
    return article


def test_article_page_shows_the_whole_story(client, full_story):
    url = full_story.get_absolute_url()
    assert url == "/news/2024/03/05/police-add-night-patrols/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en-US">' in html
    assert "<title>Police add night patrols downtown | " in html
    assert '<meta name="description" content="Night patrols start Monday on Main Street.">' in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert '<meta property="og:title" content="Police add night patrols downtown">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<h1 class="article__headline">Police add night patrols downtown</h1>' in html
    assert "The chief says the change costs nothing extra." in html
    assert (
        'By <a class="byline__author" href="/authors/ana-ruiz/">Ana Ruiz</a>, '
        '<a class="byline__author" href="/authors/bo-chen/">Bo Chen</a> and '
        '<a class="byline__author" href="/authors/cara-doyle/">Cara Doyle</a>'
    ) in html
    assert '<p><span class="article__dateline">WESTPORT —</span> Patrols begin Monday.</p>' in html
    published = timezone.localtime(full_story.published_at).isoformat()
    assert f'datetime="{published}"' in html
    assert "March 5, 2024 at 2:30 PM" in html
    figure = re.search(r'<figure class="photo photo--lead">.*?</figure>', html, re.S).group(0)
    assert 'alt="Two officers stand by a cruiser."' in figure
    assert "Officers outside headquarters on Jesup Road." in figure
    assert "Dana Whitfield / Ledger staff" in figure
    assert "Shops welcomed the plan." in html
    pull = re.search(r'<figure class="pull-quote">.*?</figure>', html, re.S).group(0)
    assert "<blockquote" in pull and "Walk, talk, listen." in pull
    assert '<cite><a href="/people/marta-olsen/">Police Chief Marta Olsen</a></cite>' in pull
    assert "We see people more than cruisers." not in pull
    places = re.search(r'aria-labelledby="article-places">.*?</section>', html, re.S).group(0)
    assert "Places in this story" in places
    assert 'href="/places/westport/">Westport</a>' in places
    assert 'href="/places/main-street/">Main Street</a>' in places
    topics = re.search(r'aria-labelledby="article-topics">.*?</section>', html, re.S).group(0)
    assert 'href="/topics/public-safety/">Public safety</a>' in topics
    assert "Westport" not in topics
    assert 'href="/sections/police-fire/">Police &amp; Fire</a>' in html


def test_pull_quote_sits_between_paragraphs(client, full_story):
    html = client.get(full_story.get_absolute_url()).text
    body = re.search(r'<div class="article__body">(.*?)</div>', html, re.S).group(1)
    assert body.index("The chief asked for no new money.") < body.index("pull-quote")
    assert body.index("pull-quote") < body.index("Shops welcomed the plan.")


@pytest.mark.parametrize("page", ["article", "home", "author", "person", "place", "topic"])
def test_pages_have_landmarks_skip_link_and_ordered_headings(client, full_story, page):
    author = full_story.byline_authors()[0]
    person = full_story.quotes.first().person
    url = {
        "article": full_story.get_absolute_url(),
        "home": "/",
        "author": author.get_absolute_url(),
        "person": person.get_absolute_url(),
        "place": full_story.places.first().get_absolute_url(),
        "topic": full_story.topics.first().get_absolute_url(),
    }[page]
    html = client.get(url).text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for landmark in ('<header class="site-header"', '<nav class="section-nav"', "<footer"):
        assert landmark in html
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for image in re.findall(r"<img [^>]*>", html):
        if "site-header__logo" in image:
            # The masthead's logo sits beside the name, which its link says in words.
            assert 'alt=""' in image
        else:
            assert re.search(r'alt="[^"]+"', image), image


def test_dateline_already_in_body_is_not_repeated(client):
    article = ArticleFactory(dateline="WESTPORT", body="<p>WESTPORT — The dam held.</p>")
    html = client.get(article.get_absolute_url()).text
    assert "article__dateline" not in html
    # Once in what readers see; the head's structured data names the dateline too.
    assert html.partition("<body>")[2].count("WESTPORT") == 1


def section_nav(client) -> list[str]:
    html = client.get("/").text
    nav = re.search(r'<nav class="section-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r">([A-Za-z]+)</a>", nav)


def test_header_lists_sections_in_position_order(client):
    for name, position in [("Schools", 3), ("Politics", 1), ("News", 2)]:
        ArticleFactory(section=Section.objects.create(name=name, position=position))
    assert section_nav(client) == ["Home", "Politics", "News", "Schools"]


def test_header_leaves_out_sections_without_a_published_story(client):
    ArticleFactory(section=SectionFactory(name="News"))
    SectionFactory(name="Empty")
    make_hidden("draft", section=SectionFactory(name="Drafts"))
    make_hidden("scheduled", section=SectionFactory(name="Scheduled"))

    assert section_nav(client) == ["Home", "News"]


def test_a_lead_photo_without_a_file_leaves_no_empty_photo_area(client):
    article = ArticleFactory(
        headline="Ferry resumes", lead_photo=PhotoFactory(image="", caption="The ferry.")
    )

    home = client.get("/").text
    card = re.search(r'<article class="article-card.*?</article>', home, re.S).group(0)
    assert "article-card--with-photo" not in card and "article-card__media" not in card
    assert "lead-story" not in home  # the lead story needs a photo to show
    page = client.get(article.get_absolute_url()).text
    assert "<figure" not in page and "The ferry." not in page

    # Once the file is attached the card shows it (below a newer lead story).
    article.lead_photo = PhotoFactory(caption="The ferry.")
    article.save()
    ArticleFactory(headline="Newer story", lead_photo=PhotoFactory())
    latest = re.search(r'<section class="latest".*?</section>', client.get("/").text, re.S)
    assert "article-card--with-photo" in latest.group(0) and "The ferry." in latest.group(0)


# Addresses --------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong",
    ["/news/2024/03/06/police-add-night-patrols/", "/news/2024/3/5/police-add-night-patrols/"],
)
def test_wrong_date_redirects_permanently_to_canonical(client, full_story, wrong):
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == "/news/2024/03/05/police-add-night-patrols/"


def test_wrong_date_of_unpublished_story_is_still_404(client):
    make_hidden("draft", slug="secret-plan")
    assert client.get("/news/2001/01/01/secret-plan/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/news/2024/03/05/no-such-story/",
        "/authors/nobody/",
        "/people/nobody/",
        "/places/atlantis/",
        "/topics/nothing/",
        "/sections/nothing/",
    ],
)
def test_unknown_addresses_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.text


# List pages -------------------------------------------------------------------


def test_home_shows_lead_story_with_photo_then_latest(client):
    older_with_photo = ArticleFactory(
        headline="Beach opens early",
        lead_photo=PhotoFactory(alt_text="Sand and lifeguard chair."),
        published_at=timezone.now() - timedelta(days=1),
    )
    newest = ArticleFactory(headline="Council delays vote", published_at=timezone.now())
    html = client.get("/").text
    lead = re.search(r'<section class="lead-story".*?</section>', html, re.S).group(0)
    assert "Beach opens early" in lead
    assert 'alt="Sand and lifeguard chair."' in lead
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert headline_links(latest) == [newest.headline]
    assert older_with_photo.headline not in latest


def test_home_without_photos_lists_everything(client):
    ArticleFactory(headline="Council delays vote")
    html = client.get("/").text
    assert "lead-story" not in html
    assert headline_links(html) == ["Council delays vote"]


def test_empty_home(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "No published stories yet." in response.text


def test_author_page(client):
    author = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz", bio="Covers town hall since 2019.")
    mine = ArticleFactory(headline="Budget passes", authors=[author])
    ArticleFactory(headline="Someone else's story", authors=[AuthorFactory()])
    html = client.get(author.get_absolute_url()).text
    assert '<h1 class="page-header__title">Ana Ruiz</h1>' in html
    assert "Covers town hall since 2019." in html
    assert "Staff writer" in html
    assert headline_links(html) == [mine.headline]


def test_person_page_lists_published_quotes_linking_to_their_stories(client):
    person = PersonFactory(name="Lena Park", slug="lena-park", title="Selectwoman")
    older = ArticleFactory(headline="Pool reopens", published_at=timezone.now() - timedelta(days=3))
    newer = ArticleFactory(headline="Roads repaved")
    QuoteFactory(article=older, person=person, text="Swim lessons are back.")
    QuoteFactory(article=newer, person=person, text="Every pothole counts.")
    QuoteFactory(article=make_hidden("draft"), person=person, text="Not for print yet.")
    QuoteFactory(article=newer, person=PersonFactory(), text="Someone else spoke.")
    html = client.get(person.get_absolute_url()).text
    assert '<h1 class="page-header__title">Selectwoman Lena Park</h1>' in html
    assert html.index("Every pothole counts.") < html.index("Swim lessons are back.")
    assert f'In <a href="{newer.get_absolute_url()}">Roads repaved</a>' in html
    assert f'In <a href="{older.get_absolute_url()}">Pool reopens</a>' in html
    assert "Not for print yet." not in html
    assert "Someone else spoke." not in html


def test_place_and_topic_of_the_same_name_have_separate_pages(client):
    place_story = ArticleFactory(headline="Westport road work")
    place_story.places.add("Westport")
    topic_story = ArticleFactory(headline="The Westport name debate")
    topic_story.topics.add("Westport")
    place_html = client.get("/places/westport/").text
    topic_html = client.get("/topics/westport/").text
    assert "Place" in place_html and headline_links(place_html) == ["Westport road work"]
    assert "Topic" in topic_html and headline_links(topic_html) == ["The Westport name debate"]


def test_topic_page_names_its_aliases(client):
    article = ArticleFactory(headline="Raids expected")
    article.topics.add("ICE")
    Topic.objects.filter(name="ICE").update(aliases="Immigration and Customs Enforcement")
    html = client.get("/topics/ice/").text
    assert "Also known as Immigration and Customs Enforcement." in html
    assert headline_links(html) == ["Raids expected"]


def test_section_page(client):
    schools = SectionFactory(name="Schools")
    schools.description = "Classrooms, budgets and the board of education."
    schools.save()
    ArticleFactory(headline="New principal named", section=schools)
    ArticleFactory(headline="Budget passes", section=SectionFactory(name="Politics"))
    html = client.get(schools.get_absolute_url()).text
    assert '<h1 class="page-header__title">Schools</h1>' in html
    assert "Classrooms, budgets and the board of education." in html
    assert headline_links(html) == ["New principal named"]


# Pagination -------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "section"])
def test_lists_are_paginated(client, settings, page):
    settings.ARTICLES_PER_PAGE = 2
    section = SectionFactory(name="News")
    now = timezone.now()
    for n in range(5):
        ArticleFactory(
            headline=f"Story {n}", section=section, published_at=now - timedelta(hours=n)
        )
    url = "/" if page == "home" else section.get_absolute_url()
    first = client.get(url).text
    assert headline_links(first) == ["Story 0", "Story 1"]
    assert '<p class="pagination__status">Page 1</p>' in first
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    second = client.get(url, {"page": 2}).text
    assert headline_links(second) == ["Story 2", "Story 3"]
    assert 'rel="prev" href="?page=1"' in second and 'rel="next" href="?page=3"' in second
    assert f'<link rel="canonical" href="http://testserver{url}?page=2">' in second
    third = client.get(url, {"page": 3}).text
    assert headline_links(third) == ["Story 4"]
    assert 'rel="prev" href="?page=2"' in third and 'rel="next"' not in third
    assert client.get(url, {"page": 4}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


@pytest.mark.parametrize("page", ["home", "place"])
def test_pages_past_the_compiled_ones_list_the_same_stories(client, settings, page):
    # The first pages run compiled queries (`views.COMPILED_PAGES`), later ones the ORM's.
    settings.ARTICLES_PER_PAGE = 1
    now = timezone.now()
    for n in range(6):
        article = ArticleFactory(headline=f"Story {n}", published_at=now - timedelta(hours=n))
        article.places.add("Harbor Town")
    ArticleFactory(headline="Draft", status=Article.Status.DRAFT).places.add("Harbor Town")
    url = "/" if page == "home" else Place.objects.get(name="Harbor Town").get_absolute_url()
    seen = [headline_links(client.get(url, {"page": n}).text) for n in range(1, 7)]
    assert seen == [[f"Story {n}"] for n in range(6)]
    assert views.COMPILED_PAGES < 6
    assert client.get(url, {"page": 7}).status_code == 404


def test_person_page_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    person = PersonFactory()
    article = ArticleFactory()
    for n in range(3):
        QuoteFactory(article=article, person=person, text=f"Quote number {n}.")
    first = client.get(person.get_absolute_url()).text
    assert "Quote number 0." in first and "Quote number 2." not in first
    second = client.get(person.get_absolute_url(), {"page": 2}).text
    assert "Quote number 2." in second and "Page 2 of 2" in second
