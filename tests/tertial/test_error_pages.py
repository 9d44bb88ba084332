"""Error pages in Swedish; a database outage gets its own page (503) that says nothing typed is lost, and the
server asks for a retry instead of showing Django's English "Server Error (500)"."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from .helpers import section_post_data, url


@pytest.fixture
def quiet_client():
    """A client that gets the error page like a browser does, instead of the exception."""
    return Client(raise_request_exception=False)


@override_settings(DEBUG=False)
def test_database_outage_mid_request_gives_the_swedish_503_page(quiet_client, users, report):
    section = report.sections.get(goal__number="1.1")
    quiet_client.force_login(users["skribent"])
    data = section_post_data(quiet_client, report, section)
    data["s-analysis"] = "Skrivet medan databasen föll."
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("tertial.views.section.save_section", side_effect=lost):
        response = quiet_client.post(url("section_edit", report, section), data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Tertial är inte tillgängligt just nu" in page
    assert "Det du skrev är inte förlorat" in page
    assert '<html lang="sv">' in page


@override_settings(DEBUG=False)
def test_database_down_before_the_view_gives_the_503_page(quiet_client, users):
    quiet_client.force_login(users["skribent"])
    with mock.patch("tertial.views.home.reports_for_home", side_effect=OperationalError("could not connect to server")):
        response = quiet_client.get(reverse("home"))
    assert response.status_code == 503


@override_settings(DEBUG=False)
def test_a_bug_gives_the_swedish_500_page(quiet_client, users):
    quiet_client.force_login(users["skribent"])
    with mock.patch("tertial.views.home.reports_for_home", side_effect=ValueError("en bugg")):
        response = quiet_client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Ett fel har uppstått" in page
    assert "Server Error" not in page


@override_settings(DEBUG=False)
def test_404_is_swedish(quiet_client, users, report):
    quiet_client.force_login(users["outsider"])
    response = quiet_client.get(url("report_overview", report))
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
