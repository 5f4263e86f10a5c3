"""Desk sign-in: wrong passwords pause it, idle sessions end, passwords reset by e-mail."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import reporter

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_the_right_password_signs_in(client):
    user = reporter()
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_repeated_wrong_passwords_pause_sign_in_even_with_the_right_one(client, settings):
    user = reporter()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, user.username, "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text

    response = sign_in(client, user.username, "guess")
    assert response.status_code == 429
    assert "Sign-in paused" in response.text
    assert "Try again in 15 minutes" in response.text

    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_holds_one_account_from_one_address(client, settings):
    user, colleague = reporter(), reporter()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "guess")

    assert sign_in(client, colleague.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, user.username, PASSWORD, address="198.51.100.4").status_code == 302


def test_sign_in_works_again_after_the_pause(client, settings):
    user = reporter()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "guess")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_a_right_password_clears_earlier_mistakes(client, settings):
    user = reporter()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user.username, "guess")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user.username, "guess")
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_an_idle_desk_session_ends(client, settings):
    user = reporter()
    sign_in(client, user.username, PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200

    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE) + timedelta(minutes=1)
    with time_machine.travel(timezone.now() + idle):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_working_keeps_the_session_alive(client, settings):
    user = reporter()
    sign_in(client, user.username, PASSWORD)
    half = timedelta(seconds=settings.SESSION_COOKIE_AGE // 2 + 60)
    with time_machine.travel(timezone.now() + half):
        assert client.get(reverse("admin:index")).status_code == 200
    with time_machine.travel(timezone.now() + 2 * half - timedelta(minutes=1)):
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_sign_in_page_offers_a_password_reset(client):
    response = client.get(reverse("admin:login"))
    assert reverse("admin_password_reset") in response.text


def test_a_password_is_reset_by_e_mail(client):
    user = reporter()
    response = client.post(reverse("admin_password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = re.search(r"https?://[^/\s]+(/admin/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "newsroom desk" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    assert done.status_code == 302

    assert sign_in(client, user.username, PASSWORD).status_code == 200
    assert sign_in(client, user.username, "a new long passphrase").status_code == 302


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("admin_password_reset"), {"email": "nobody@newsroom.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_used_reset_link_does_not_work_again(client):
    user = reporter()
    client.post(reverse("admin_password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/admin/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )

    again = client.get(link, follow=True)
    assert "The password reset link was invalid" in again.text
