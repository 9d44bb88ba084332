"""The city Status page's Sista dag column: the report's sista dag and how many sections are past theirs (a section's
own sista dag overrides the report's), counted in the page's one report query."""

from datetime import date

import pytest
from django.urls import reverse

from tertial.deadlines import deadlines_update
from tertial.models import Membership, Report, Section
from tests.conftest import make_city, make_user

from .helpers import login

pytestmark = pytest.mark.django_db


def _rows(client):
    response = client.get(reverse("city:status", kwargs={"period": "2022-T2"}))
    return response, {row.report.namnd.slug: row for row in response.context["rows"]}


def test_status_counts_overdue_sections_by_their_own_or_the_reports_deadline(client):
    late, own, done, locked, none = make_city(5)
    # all dates below are in the past for today's clock (the period is 2022)
    deadlines_update(report=late, user=None, deadline=date(2022, 9, 1))
    first = own.sections.order_by("position").first()
    deadlines_update(report=own, user=None, section_deadlines={first.pk: date(2022, 9, 1)})
    deadlines_update(report=done, user=None, deadline=date(2022, 9, 1))
    done.sections.update(state=Section.State.KLAR)
    deadlines_update(report=locked, user=None, deadline=date(2022, 9, 1))
    Report.objects.filter(pk=locked.pk).update(status=Report.Status.FASTSTALLD)
    # a section Inte aktuellt is never late
    late.sections.filter(goal__isnull=True).update(not_applicable=True)
    expected_late = late.sections.filter(not_applicable=False).count()

    login(client, make_user("stadslasare", role=Membership.Role.CITY))
    response, rows = _rows(client)
    assert (rows[late.namnd.slug].overdue_count, rows[late.namnd.slug].overdue) == (expected_late, True)
    assert (rows[own.namnd.slug].overdue_count, rows[own.namnd.slug].overdue) == (1, True)
    assert rows[own.namnd.slug].deadline is None
    assert (rows[done.namnd.slug].overdue_count, rows[done.namnd.slug].overdue) == (0, False)
    assert rows[locked.namnd.slug].overdue is False
    assert rows[none.namnd.slug].overdue_count == 0
    html = response.content.decode()
    assert f"Försenad, {expected_late} avsnitt" in html and "Försenad, 1 avsnitt" in html
    assert html.count("overdue-mark") == 2
