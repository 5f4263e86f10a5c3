"""The public site: the front page, the article page, the lists of stories and of corrections,
and shared previews.

Every query for stories starts from `Article.objects.published()` (or `visible_to()` on the article
page, so editors can preview; a valid preview link shows its one story whatever its state).
Stories and their cards are printed from what the worker prepared (`articles.prepared`), and
rendered with everything they show prefetched where not prepared yet, so each page costs a fixed
number of queries however many stories, bylines or tags it holds.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from articles import prepared, shells
from articles.caching import LISTS, add_surrogate_keys
from articles.compiled import CompiledQuery
from articles.forms import SearchForm
from articles.models import (
    Article,
    Author,
    Correction,
    Person,
    Place,
    PreviewLink,
    Quote,
    Section,
    Topic,
    story_lookup,
)
from articles.paging import StoryPage
from articles.search import FACETS, search_articles, search_facets


class PaginatedListView(ListView):
    """A list of stories: its page is purged whenever any story changes (`LISTS`)."""

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def surrogate_keys(self) -> list:
        return [LISTS]

    def render_to_response(self, context, **kwargs):
        return add_surrogate_keys(super().render_to_response(context, **kwargs),
                                  self.surrogate_keys())  # fmt: skip


# The first pages of every list are read by queries compiled once per process
# (`articles.compiled`), as most readers never go further; later pages are built by the ORM.
COMPILED_PAGES = 3
_COMPILED_LISTS = {}  # (view class, first row, last row) → CompiledQuery
_COMPILED_OWNERS = {}  # owner model → (field names, CompiledQuery of its row by slug)


class StoryListView(PaginatedListView):
    """A list of story cards, printed from the prepared stories (`articles.prepared`), a page
    at a time without counting them (`articles.paging`).

    An empty page past the first is a 404; so is an empty first page where `allow_empty` is off.
    """

    # The values the list's stories depend on besides the moment, by kind (see CompiledQuery).
    story_values = {}

    @classmethod
    def stories(cls, now, **values):
        """The list's stories at `now`, given `values()`."""
        return Article.objects.published(at=now)

    def values(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        # Emptiness is known from the page itself: no separate "any stories?" query. The rows
        # come from `rows()`, which builds the ORM's queryset only for pages not compiled.
        self.object_list = None
        return self.render_to_response(self.get_context_data())

    def get_queryset(self):
        return prepared.ready(self.stories(timezone.now(), **self.values()))

    def paginate_queryset(self, queryset, page_size):
        page = StoryPage.read(self.rows, self.request.GET.get(self.page_kwarg), page_size)
        if not page.object_list and (page.number > 1 or not self.get_allow_empty()):
            raise Http404("There are no stories here.")
        return None, page, page.object_list, page.has_other_pages()

    def rows(self, start: int, stop: int) -> list:
        """Rows `start` to `stop` of the list as `prepared.ready()` gives them."""
        if start >= COMPILED_PAGES * settings.ARTICLES_PER_PAGE:
            return list(self.get_queryset()[start:stop])
        key = (type(self), start, stop)
        if key not in _COMPILED_LISTS:
            stories = type(self).stories
            _COMPILED_LISTS[key] = CompiledQuery(
                lambda **values: prepared.ready(stories(**values))[start:stop],
                now="moment",
                **self.story_values,
            )
        return _COMPILED_LISTS[key].rows(now=timezone.now(), **self.values())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = prepared.cards(context["object_list"])
        return context

    def shell_key(self) -> tuple | None:
        """What the page shows besides its cards and its address, for its shell
        (`articles.shells`); None renders the whole page on each view."""
        return ()

    def render_to_response(self, context, **kwargs):
        key = self.shell_key()
        if key is None:
            return super().render_to_response(context, **kwargs)
        cards, lead = context["cards"], context.get("lead_html", "")
        shell = {
            **context,
            "cards": [shells.mark("cards")] if cards else [],
            "lead_html": shells.mark("lead") if lead else "",
        }
        page = (type(self), self.request.get_full_path(), key, context["page_obj"].has_next())
        html = shells.filled(
            self.request,
            (*page, bool(cards), bool(lead)),
            lambda: render_to_string(self.get_template_names(), shell, request=self.request),
            {"cards": "".join(cards), "lead": lead},
        )
        return add_surrogate_keys(HttpResponse(html), self.surrogate_keys())


class HomeView(StoryListView):
    """The lead story (the latest one with a photo) above the latest stories, newest first."""

    template_name = "articles/home.html"
    story_values = {"lead": "number"}

    def get(self, request, *args, **kwargs):
        self.lead = prepared.top_story()
        return super().get(request, *args, **kwargs)

    @classmethod
    def stories(cls, now, lead):
        return super().stories(now).exclude(pk=lead)

    def values(self) -> dict:
        return {"lead": self.lead[0] if self.lead else 0}  # no story has the number 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(lead_html=self.lead[1] if self.lead else "", **kwargs)


class ArticleDetailView(DetailView):
    """One story and the latest published stories sharing one of its places or topics.

    A published story is printed from its prepared page (`articles.prepared`) set in the page's
    shell (`articles.shells`) when there is one; otherwise, and for previews, it is rendered from
    the models. Unpublished stories answer 404
    except to staff who may edit them (a preview).

    A story reached under another date than its own is redirected to its canonical address.
    """

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return prepared.story_queryset(Article.objects.visible_to(self.request.user))

    def get(self, request, *args, **kwargs):
        page = prepared.page_for(kwargs["slug"], request)
        if page is not None and page["path"] == request.path:
            shows = page["shows"].split()
            related = self.related(page["pk"], *prepared.tags_shown(shows))
            response = HttpResponse(shells.article_page(request, page, related))
            return add_surrogate_keys(response, [*shows, LISTS])
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            return HttpResponsePermanentRedirect(canonical)
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        if not self.object.is_public:
            # A preview must never be kept by a shared cache and served to readers.
            add_never_cache_headers(response)
            return response
        # The related stories and the sections in the header change whenever any story does.
        return add_surrogate_keys(response, [*prepared.shown_keys(context), LISTS])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        places, topics = [p.pk for p in article.places.all()], [t.pk for t in article.topics.all()]
        context.update(
            prepared.page_context(article), related=self.related(article.pk, places, topics)
        )
        return context

    @staticmethod
    def related(article_id: int, places, topics) -> list:
        return prepared.related_cards(article_id, settings.RELATED_STORIES, places, topics)


class ArticlesOfView(StoryListView):
    """Published stories belonging to one author, place, topic or section (`owner`).

    The page links its owner's feeds (URL names `articles:<feed_name>-feed-rss` and `-atom`).
    """

    owner_model = None
    feed_name = ""

    story_values = {"owner": "number"}

    def get(self, request, *args, **kwargs):
        self.owner = self.get_owner(kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_owner(self, slug: str):
        """The owner named `slug`, by a query compiled once per process; else a 404."""
        model = self.owner_model
        if model not in _COMPILED_OWNERS:
            names = [field.attname for field in model._meta.concrete_fields]
            query = CompiledQuery(
                lambda slug: model.objects.filter(slug=slug).values_list(*names), slug="text"
            )
            _COMPILED_OWNERS[model] = names, query
        names, query = _COMPILED_OWNERS[model]
        rows = query.rows(slug=slug)
        if not rows:
            raise Http404(f"No {model._meta.verbose_name} is called that.")
        self.owner_row = rows[0]
        return model.from_db("default", names, rows[0])

    def shell_key(self) -> tuple | None:
        # The page shows its owner's own fields alone; their values key its shell.
        return getattr(self, "owner_row", None)

    @classmethod
    def stories(cls, now, owner):
        return super().stories(now).filter(**{story_lookup(cls.owner_model): owner})

    def values(self) -> dict:
        return {"owner": self.owner.pk}

    def get_context_data(self, **kwargs):
        feeds = {
            "title": f"{self.owner.name} | {settings.NEWSROOM_NAME}",
            **{
                kind: reverse(f"articles:{self.feed_name}-feed-{kind}", args=[self.owner.slug])
                for kind in ("rss", "atom")
            },
        }
        return super().get_context_data(owner=self.owner, owner_feeds=feeds, **kwargs)

    def surrogate_keys(self) -> list:
        return [*super().surrogate_keys(), self.owner]


class AuthorView(ArticlesOfView):
    owner_model = Author
    template_name = "articles/author_detail.html"
    feed_name = "author"

    def get_owner(self, slug: str):
        # With the headshot the page shows, in the same query; the page shows more than the
        # author's own fields, so it has no shell.
        return get_object_or_404(Author.objects.select_related("headshot"), slug=slug)


class PlaceView(ArticlesOfView):
    # A tag only on unpublished stories could give away a story before it runs.
    allow_empty = False
    owner_model = Place
    template_name = "articles/place_detail.html"
    feed_name = "place"


class TopicView(ArticlesOfView):
    allow_empty = False
    owner_model = Topic
    template_name = "articles/topic_detail.html"
    feed_name = "topic"


class SectionView(ArticlesOfView):
    owner_model = Section
    template_name = "articles/section_detail.html"
    feed_name = "section"


class PersonView(PaginatedListView):
    """Everything a person said in published stories, newest story first.

    Someone quoted only in unpublished stories has no page: it would name a source too early.
    """

    allow_empty = False
    template_name = "articles/person_detail.html"

    def get(self, request, *args, **kwargs):
        self.person = get_object_or_404(Person, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Quote.objects.filter(person=self.person, article__in=Article.objects.published())
            .select_related("article")
            .order_by("-article__published_at", "article_id", "position", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def surrogate_keys(self) -> list:
        return [*super().surrogate_keys(), self.person]


class SearchView(PaginatedListView):
    """Search results for the reader's query and filters (see `articles.search`).

    Any query or page number answers: a page past the end shows the last page, a bad filter is
    reported and left out. Without words to look for, the page shows only the form.
    """

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return search_articles(**self.form.search_arguments())

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        context["query"] = self.form.cleaned_data.get("q", "")
        context["filters"] = [
            (label, value, self._address(**{name: None}))
            for name, label, value in self.form.active_filters()
        ]
        if context["paginator"].count:
            open_ = [name for name in FACETS if not self.form.cleaned_data.get(name)]
            context["facets"] = [
                (
                    self.form.fields[name].label,
                    [(tag, self._address(**{name: tag.slug})) for tag in tags],
                )
                for name, tags in search_facets(self.object_list, names=open_).items()
                if tags
            ]
        return context

    def _address(self, **changes) -> str:
        """This search's address with the `changes` made (None removes), from the first page."""
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        return f"?{params.urlencode()}"


class PreviewView(ArticleDetailView):
    """A story shown through a preview link (`/preview/<token>/`) to a reader without an account.

    Marked as a preview, kept out of search engines and out of every cache; a revoked or expired
    link answers 410 and an unknown one 404, each with a page that says so.
    """

    def get(self, request, *args, **kwargs):
        link = PreviewLink.objects.for_token(kwargs["token"])
        if link is None or not link.is_active:
            return self.link_not_working(link)
        stories = prepared.story_queryset(Article.objects)
        self.object = get_object_or_404(stories, pk=link.article_id)
        if link.version:
            self.show_working_version(link.version)
        context = self.get_context_data(object=self.object, preview_link=link)
        return self.private(self.render_to_response(context))

    def show_working_version(self, version_id: int) -> None:
        """Show the text of the working version the link was made for (in memory only): what the
        story will say once its changes are published. Byline, tags and photo stay the live ones."""
        from articles.models import ArticleVersion
        from articles.rendering import render_body
        from articles.versions import TEXT_FIELDS

        version = ArticleVersion.objects.filter(pk=version_id, article=self.object).first()
        if version is None:
            return
        for name in TEXT_FIELDS:
            setattr(self.object, name, version.snapshot.get(name, ""))
        self.object.body_html = render_body(self.object)

    def link_not_working(self, link):
        response = render(
            self.request,
            "articles/preview_unavailable.html",
            {"link": link},
            status=404 if link is None else 410,
        )
        return self.private(response)

    @staticmethod
    def private(response):
        add_never_cache_headers(response)  # private, no-store: neither the page cache nor a CDN
        response["X-Robots-Tag"] = "noindex, nofollow"
        # The address is the secret: links out of the page must not carry it in a Referer.
        response["Referrer-Policy"] = "no-referrer"
        return response


class CorrectionsView(PaginatedListView):
    """Every correction, clarification and update note on a published story, newest first."""

    template_name = "articles/corrections.html"

    def get_queryset(self):
        return Correction.objects.public().select_related("article")


class CorrectionChangesView(DetailView):
    """What changed in the story a public correction describes: its text before and after, as
    readers saw each. Only versions readers could see are compared, never a desk's working copy."""

    template_name = "articles/correction_changes.html"
    context_object_name = "note"

    def get_queryset(self):
        return Correction.objects.public().exclude(version=None).select_related("article")

    def get_context_data(self, **kwargs):
        from articles.diffs import diff_snapshots
        from articles.models import ArticleVersion

        context = super().get_context_data(**kwargs)
        note = self.object
        live = ArticleVersion.objects.filter(article=note.article, is_working=False)
        new = live.filter(pk=note.version).first()
        if new is None:
            raise Http404("That version of the story is no longer kept.")
        old = live.filter(number__lt=new.number).order_by("-number").first()
        reader_fields = {"headline", "dek", "dateline", "body", "bylines"}
        diffs = diff_snapshots(old.snapshot if old else None, new.snapshot)
        context.update(
            article=note.article,
            old=old,
            new=new,
            diffs=[diff for diff in diffs if diff.name in reader_fields],
        )
        return context
