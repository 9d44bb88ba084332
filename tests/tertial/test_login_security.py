"""Logins: throttled after five wrong passwords (Swedish lockout page), passwords of at least 12 characters, and
an idle timeout that logs out but keeps what the writer typed."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from tertial.middleware import LAST_SEEN
from tertial.models import Draft
from tests.conftest import PASSWORD

from .helpers import section_post_data, url


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one(client, users):
    for _ in range(5):
        response = _login(client, "skribent", "fel-lösenord-123")
        assert response.status_code in (200, 429)
    response = _login(client, "skribent", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "För många inloggningsförsök" in page
    assert "Försök igen om 15 minuter" in page
    assert "_auth_user_id" not in client.session


def test_other_users_are_not_locked_out_by_someone_elses_failures(client, users):
    for _ in range(6):
        _login(client, "skribent", "fel-lösenord-123")
    response = _login(client, "controller", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["controller"].pk)


def test_a_successful_login_resets_the_count(client, users):
    for _ in range(4):
        _login(client, "skribent", "fel-lösenord-123")
    assert _login(client, "skribent", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "skribent", "fel-lösenord-123")
    assert _login(client, "skribent", PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["Tertial2024", "kort-lösen", "12345678901234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_password_is_accepted():
    validate_password("blåbärsskog-i-september")


def _go_idle(client, seconds):
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


@override_settings(SESSION_IDLE_TIMEOUT=60 * 60)
def test_idle_session_is_logged_out_with_a_swedish_message(client, users, report):
    client.force_login(users["skribent"])
    _go_idle(client, 59 * 60)
    assert client.get(reverse("home")).status_code == 200  # still within the hour
    _go_idle(client, 61 * 60)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Du loggades ut efter 60 minuter utan aktivitet" in response.content.decode()


@override_settings(SESSION_IDLE_TIMEOUT=60 * 60)
def test_activity_keeps_the_session_alive(client, users):
    client.force_login(users["skribent"])
    _go_idle(client, 50 * 60)
    client.get(reverse("home"))  # refreshes the stamp
    assert int(time.time()) - client.session[LAST_SEEN] < 5


@override_settings(SESSION_IDLE_TIMEOUT=60 * 60)
def test_the_page_script_learns_of_the_timeout_before_saving(client, users, report):
    """autosave.js pings before it submits: a 401 makes it keep the text in the browser and say so."""
    client.force_login(users["skribent"])
    _go_idle(client, 61 * 60)
    assert client.get(url("session_ping", report)).status_code == 401


@override_settings(SESSION_IDLE_TIMEOUT=60 * 60)
def test_a_save_after_the_timeout_keeps_the_text_as_a_draft(client, users, report):
    section = report.sections.get(goal__number="1.1")
    client.force_login(users["skribent"])
    data = section_post_data(client, report, section)
    data["s-analysis"] = "Texten som skrevs innan inloggningen gick ut."
    _go_idle(client, 61 * 60)
    response = client.post(url("section_edit", report, section), data, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "finns kvar som utkast" in response.content.decode()
    draft = Draft.objects.get(section=section, user=users["skribent"])
    assert draft.data["s-analysis"] == "Texten som skrevs innan inloggningen gick ut."
    section.refresh_from_db()
    assert section.analysis != "Texten som skrevs innan inloggningen gick ut."
    # Logged in again, the page offers the draft.
    client.force_login(users["skribent"])
    assert "Du har osparad text i ett utkast" in client.get(url("section_edit", report, section)).content.decode()
