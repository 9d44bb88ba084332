"""ensure_report_sections: every goal, text and indicator/activity of the nämnd's year gets its row, once."""

import pytest

from goals.models import ReportedGoal
from indicators.models import ActivityResult, IndicatorResult
from tertial.models import Report, Section
from tertial.services import ensure_report_sections
from tests.conftest import make_activity, make_goal, make_indicator, make_period


def _tree(namnd, other_namnd, *, kf_goals=2, per_goal=1):
    g1 = make_goal("1", "Inriktningsmål")
    for k in range(1, kf_goals + 1):
        kf = make_goal(f"1.{k}", parent=g1)
        ReportedGoal.objects.create(namnd=namnd, goal=kf)
        own = make_goal(f"1.{k}.1", namnd=namnd, parent=kf)
        for n in range(per_goal):
            make_indicator(kf, namnd, f"KF-{k}-{n}")
            make_indicator(own, namnd, f"N-{k}-{n}")
            make_activity(own, namnd, f"Aktivitet {k}-{n}")
    # Not this nämnd's: a KF goal it does not report on, another nämnd's nämndmål and indicator, another year.
    foreign = make_goal("1.9", parent=g1)
    make_indicator(foreign, other_namnd, "KF-annan")
    make_goal("1.9.1", namnd=other_namnd, parent=foreign)
    make_goal("1", year=2024)


def test_creates_sections_and_results_in_document_order(namnd, other_namnd):
    _tree(namnd, other_namnd)
    report = Report.objects.create(namnd=namnd, period=make_period())
    created = ensure_report_sections(report=report)

    goal_numbers = list(report.sections.filter(kind="goal").order_by("position").values_list("goal__number", flat=True))
    assert goal_numbers == ["1", "1.1", "1.1.1", "1.2", "1.2.1"]
    kinds = list(report.sections.order_by("position").values_list("kind", flat=True))
    assert kinds[0] == Section.Kind.SUMMARY
    assert set(kinds) == {"goal", *Section.REPORT_LEVEL_KINDS, *Section.ECONOMY_TEXT_KINDS}
    assert kinds[-3:] == Section.REPORT_LEVEL_KINDS[1:]  # Övrigt closes the report
    assert IndicatorResult.objects.filter(report=report).count() == 4
    assert ActivityResult.objects.filter(report=report).count() == 2
    assert created == {"sections": 5 + 8, "indicator_results": 4, "activity_results": 2}
    assert Section.history.filter(report=report).count() == 13  # created with history


def test_is_idempotent_and_fills_in_what_was_added(namnd, other_namnd):
    _tree(namnd, other_namnd)
    report = Report.objects.create(namnd=namnd, period=make_period())
    ensure_report_sections(report=report)
    history_rows = Section.history.count() + IndicatorResult.history.count()

    assert ensure_report_sections(report=report) == {"sections": 0, "indicator_results": 0, "activity_results": 0}
    assert Section.history.count() + IndicatorResult.history.count() == history_rows

    kf = make_goal("1.3", parent=report.sections.get(goal__number="1").goal)
    ReportedGoal.objects.create(namnd=namnd, goal=kf)
    make_indicator(kf, namnd, "KF-ny")
    assert ensure_report_sections(report=report) == {"sections": 1, "indicator_results": 1, "activity_results": 0}


@pytest.mark.parametrize("size", [1, 6])
def test_query_count_does_not_grow_with_the_report(namnd, other_namnd, size, django_assert_num_queries):
    _tree(namnd, other_namnd, kf_goals=size, per_goal=size)
    report = Report.objects.create(namnd=namnd, period=make_period())
    report = Report.objects.select_related("period", "namnd").get(pk=report.pk)
    # Bulk inserts: no query per goal, indicator or activity (3 reads of what exists, 3 of what should, 3 inserts
    # and 3 history inserts, plus the savepoint pair).
    with django_assert_num_queries(14):
        ensure_report_sections(report=report)
