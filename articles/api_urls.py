from django.urls import path

from articles import api

app_name = "api"
urlpatterns = [
    path("articles/", api.article_list, name="article-list"),
    path("articles/<slug:slug>.ninjs.json", api.article_ninjs, name="article-ninjs"),
]
