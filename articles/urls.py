from django.urls import path

from articles import views

app_name = "articles"
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
]
