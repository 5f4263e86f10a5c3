from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, sitemaps, views
from articles.caching import lists_stories

app_name = "articles"


def feed_paths(prefix: str, name: str, feed_class) -> list:
    """`<prefix>feed/rss/` and `<prefix>feed/atom/`, named `<name>-rss` and `<name>-atom`."""
    return [
        path(f"{prefix}feed/rss/", lists_stories(feed_class()), name=f"{name}-rss"),
        path(f"{prefix}feed/atom/", lists_stories(feed_class(atom=True)), name=f"{name}-atom"),
    ]


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "news/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("people/<slug:slug>/", views.PersonView.as_view(), name="person"),
    path("places/<slug:slug>/", views.PlaceView.as_view(), name="place"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    *feed_paths("", "feed", feeds.LatestStoriesFeed),
    *feed_paths("sections/<slug:slug>/", "section-feed", feeds.SectionFeed),
    *feed_paths("authors/<slug:slug>/", "author-feed", feeds.AuthorFeed),
    *feed_paths("places/<slug:slug>/", "place-feed", feeds.PlaceFeed),
    *feed_paths("topics/<slug:slug>/", "topic-feed", feeds.TopicFeed),
    path(
        "sitemap.xml",
        lists_stories(sitemap_views.index),
        {"sitemaps": sitemaps.INDEX, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    # The index links this as the "news" section of the general pattern below, so it comes first.
    path(
        "sitemap-news.xml",
        lists_stories(sitemap_views.sitemap),
        {"sitemaps": {"news": sitemaps.NewsSitemap}, "template_name": "articles/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        lists_stories(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path(
        "corrections/<int:pk>/changes/",
        views.CorrectionChangesView.as_view(),
        name="correction-changes",
    ),
    *feed_paths("corrections/", "corrections-feed", feeds.CorrectionsFeed),
    path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
]
