"""The newsroom's admin site: the editors' desk, with the import pages beside the models."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class NewsroomAdminSite(admin.AdminSite):
    site_header = f"{settings.NEWSROOM_NAME} · newsroom desk"
    site_title = f"{settings.NEWSROOM_NAME} desk"
    index_title = "Stories, photos and people"

    def index(self, request, extra_context=None):
        from articles.admin.articles import desk_queues
        from articles.admin.workflow import attention

        context = {"desk_queues": desk_queues(request), "attention": attention(request.user)}
        return super().index(request, {**context, **(extra_context or {})})

    def get_urls(self):
        from articles.admin.imports import import_urls
        from articles.admin.previews import preview_urls

        return import_urls(self) + preview_urls(self) + super().get_urls()


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin.NewsroomAdminSite"
