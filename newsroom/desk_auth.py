"""Signing in to the desk: password resets by e-mail and the answer to a locked-out sign-in.

Django's own password-reset views and the admin's templates do the work; these add the desk's
header and title, so the pages look like the rest of the desk.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import path, reverse_lazy


class DeskPageMixin:
    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(DeskPageMixin, auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(DeskPageMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(DeskPageMixin, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(DeskPageMixin, auth_views.PasswordResetCompleteView):
    pass


# Unnamespaced names: the admin's login page offers "Forgotten your password?" when
# `admin_password_reset` exists, and Django's reset e-mail links to `password_reset_confirm`.
urlpatterns = [
    path("password_reset/", PasswordResetView.as_view(), name="admin_password_reset"),
    path("password_reset/done/", PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]


def locked_out(request, original_response, credentials):
    """Too many wrong passwords for this account from this address: say so, and for how long."""
    from django.conf import settings

    return render(
        request,
        "admin/locked_out.html",
        {
            **admin.site.each_context(request),
            "title": "Sign-in paused",
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
