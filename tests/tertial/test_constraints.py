"""Database constraints of the report: one per nämnd and period, one section per goal, roles that make sense."""

import pytest
from django.db import IntegrityError, transaction

from tertial.models import FindingAcknowledgement, Membership, Period, Report, Section
from tests.conftest import make_goal, make_period, make_user


def test_one_report_per_namnd_and_period(namnd):
    period = make_period()
    Report.objects.create(namnd=namnd, period=period)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(namnd=namnd, period=period)


def test_one_period_per_year_and_kind(db):
    make_period(2022, "T2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(year=2022, kind="T2")


def test_one_section_per_goal_and_report(report):
    goal = report.sections.filter(kind=Section.Kind.GOAL).first().goal
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(report=report, kind=Section.Kind.GOAL, goal=goal)


def test_goal_sections_have_a_goal_and_others_none(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(report=report, kind=Section.Kind.GOAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(report=report, kind=Section.Kind.SUMMARY, goal=make_goal("2"))


def test_city_role_has_no_namnd_and_other_roles_have_one(namnd):
    user = make_user("anna")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, namnd=namnd, role=Membership.Role.CITY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, namnd=None, role=Membership.Role.SKRIBENT)
    Membership.objects.create(user=user, namnd=namnd, role=Membership.Role.SKRIBENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, namnd=namnd, role=Membership.Role.SKRIBENT)


def test_one_acknowledgement_per_report_and_finding(report):
    user = make_user("controller-x")
    FindingAcknowledgement.objects.create(report=report, key="k", message="m", comment="ok", user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingAcknowledgement.objects.create(report=report, key="k", message="m", comment="igen", user=user)
