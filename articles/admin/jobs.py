"""The desk's list of recent background jobs: what ran, how long it took, and why one failed."""

from django.contrib import admin
from django.utils.html import format_html

from articles.models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["short_name", "state", "attempt", "enqueued_at", "took", "error_line"]
    list_filter = ["state", "name"]
    search_fields = ["name", "error"]
    date_hierarchy = "enqueued_at"
    fields = [
        "name", "state", "attempt", "arguments", "backend", "enqueued_at", "run_after",
        "started_at", "finished_at", "took", "error_text",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="task", ordering="name")
    def short_name(self, obj):
        return obj.short_name

    @admin.display(description="duration")
    def took(self, obj):
        duration = obj.duration
        return f"{duration.total_seconds():.2f} s" if duration is not None else "—"

    @admin.display(description="error")
    def error_line(self, obj):
        return obj.error.splitlines()[-1][:120] if obj.error else ""

    @admin.display(description="error")
    def error_text(self, obj):
        return format_html("<pre>{}</pre>", obj.error) if obj.error else "—"
