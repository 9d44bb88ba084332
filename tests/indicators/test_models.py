"""Indicators and activities: database constraints, and `Periodens utfall VB <föregående år>` across years."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import ActivityResult, IndicatorResult, previous_vb_outcomes
from tests.conftest import make_activity, make_goal, make_indicator, make_period, make_report


@pytest.fixture
def kf_goal(db):
    return make_goal("1.1", parent=make_goal("1"))


def test_indicator_code_unique_per_year_and_namnd(kf_goal, namnd, other_namnd):
    make_indicator(kf_goal, namnd, "KF-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_indicator(kf_goal, namnd, "KF-1")
    make_indicator(kf_goal, other_namnd, "KF-1")


def test_one_result_per_report_and_indicator(report):
    indicator = report.namnd.indicators.first()
    assert IndicatorResult.objects.filter(report=report, indicator=indicator).count() == 1  # made by report_create
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorResult.objects.create(report=report, indicator=indicator)


def test_one_activity_result_per_report_and_activity(report):
    activity = report.namnd.activities.first()
    assert ActivityResult.objects.filter(report=report, activity=activity).count() == 1  # made by report_create
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityResult.objects.create(report=report, activity=activity, deviation=True)


def test_activity_cannot_end_before_it_starts(kf_goal, namnd):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity(kf_goal, namnd, start_date=date(2022, 6, 1), end_date=date(2022, 1, 1))


def _year_structure(namnd, year, code, **extra):
    goal = make_goal("1.1", year=year, parent=make_goal("1", year=year))
    return make_indicator(goal, namnd, code, **extra)


def test_previous_vb_outcome_is_read_from_last_years_vb(namnd, other_namnd, django_assert_num_queries):
    # 2022: a VB report with the outcome; the 2023 indicator has the same code (the link across years).
    vb_2022 = make_report(namnd, make_period(2022, "VB"), with_tree=False)
    old = _year_structure(namnd, 2022, "ekb-andel")
    IndicatorResult.objects.create(report=vb_2022, indicator=old, outcome=Decimal("2.11"))
    # Another nämnd's VB with the same code must not leak in.
    other_vb = make_report(other_namnd, make_period(2022, "VB"), with_tree=False)
    IndicatorResult.objects.create(
        report=other_vb, indicator=make_indicator(old.goal, other_namnd, "ekb-andel"), outcome=Decimal("9.99")
    )
    t1_2023 = make_report(namnd, make_period(2023, "T1"), with_tree=False)
    new = _year_structure(namnd, 2023, "ekb-andel", historical_vb_outcome=Decimal("5"))
    unknown = make_indicator(new.goal, namnd, "ny-2023")
    # One query for all indicators: no query per table row.
    with django_assert_num_queries(1):
        outcomes = previous_vb_outcomes(t1_2023, [new, unknown])
    assert outcomes == {new.id: Decimal("2.11"), unknown.id: None}


def test_previous_vb_outcome_falls_back_to_the_historical_value(namnd):
    # The first year in the system (the demo's 2022): 2021 has no VB report, the printed value is stored once.
    t2 = make_report(namnd, make_period(2022, "T2"), with_tree=False)
    indicator = _year_structure(namnd, 2022, "ekb-andel", historical_vb_outcome=Decimal("2.11"))
    assert previous_vb_outcomes(t2, [indicator]) == {indicator.id: Decimal("2.11")}
