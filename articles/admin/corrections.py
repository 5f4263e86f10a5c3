"""Corrections, clarifications and update notes in the desk.

Listed under each story's form (`templates/admin/articles/article/change_form.html`) with a link
to add one; made, changed and removed here. Who may is Django's model permission (Editors have
it; Reporters may only read them). The rule that a new note needs a published story is the
model's own (`Correction.clean`).
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from articles.models import Correction


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    autocomplete_fields = ["article"]
    date_hierarchy = "published_at"
    fields = ["article", "kind", "text", "published_at", "created_by"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    list_display = ["label", "article", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["article", "created_by"]
    readonly_fields = ["created_by"]
    search_fields = ["text", "article__headline"]

    @admin.display(description="note", ordering="published_at")
    def label(self, obj):
        return obj.label()

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        if obj.version is None:
            # The note describes the story as it now stands on the site: its latest live version.
            live = obj.article.versions.filter(is_working=False).order_by("-number").first()
            obj.version = live.pk if live else None
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_story(request, obj) or super().response_add(request, obj)

    def response_change(self, request, obj):
        return self._back_to_story(request, obj) or super().response_change(request, obj)

    def _back_to_story(self, request, obj):
        """After a plain save, the editor goes back to the story the note is on."""
        if any(name in request.POST for name in ("_continue", "_addanother", "_popup")):
            return None
        self.message_user(request, f"“{obj.label()}” is on the story.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.article_id]))
