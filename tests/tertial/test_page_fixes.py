"""Fixes on the report pages writers hit: Swedish agreement in the messages, and no action offered that the role
may not take."""

import pytest
from django.template.loader import render_to_string

from .helpers import login, url


def test_a_review_message_agrees_with_avsnittet(client, users, report):
    section = report.sections.get(goal__number="1.1")
    login(client, users["skribent"])
    response = client.post(url("section_transition", report, section), {"to_state": "klar"}, follow=True)
    assert "Avsnittet är nu klart för granskning." in response.content.decode()
    login(client, users["controller"])
    response = client.post(url("section_transition", report, section), {"to_state": "godkand"}, follow=True)
    assert "Avsnittet är nu godkänt." in response.content.decode()


@pytest.mark.parametrize(
    "role, offered", [("skribent", False), ("stad", False), ("controller", True), ("sekreterare", True)]
)
def test_exportera_is_offered_only_to_the_roles_that_may_export(client, users, report, role, offered):
    login(client, users[role])
    page = client.get(url("report_overview", report)).content.decode()
    assert (">Exportera</a>" in page) is offered
    assert client.get(url("exports:index", report)).status_code == (200 if offered else 403)


@pytest.mark.parametrize("acknowledged, text", [(1, "(1 kvitterad)"), (2, "(2 kvitterade)")])
def test_acknowledged_warnings_agree_in_number(report, acknowledged, text):
    summary = {"errors": 0, "warnings": 3, "unacknowledged": 3 - acknowledged, "acknowledged": acknowledged}
    html = render_to_string("tertial/checks/_counts.html", {"report": report, "check_summary": summary})
    assert text in html


@pytest.mark.parametrize("typed", ["2.091", "-1.500"])
def test_an_ambiguous_point_is_asked_about_never_guessed(typed):
    from tertial.numbers import NumberParseError, parse_number

    with pytest.raises(NumberParseError, match="menar du"):
        parse_number(typed)
    assert str(parse_number("1.5")) == "1.5" and str(parse_number("2 091,5")) == "2091.5"
