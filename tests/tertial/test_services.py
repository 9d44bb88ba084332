"""report_create and ensure_report_sections: a report gets its template's sections, one per goal, and a result per
indicator and activity, through every entry point, once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goals.models import ReportedGoal
from indicators.models import ActivityResult, IndicatorResult
from tertial import sections
from tertial.errors import ServiceError
from tertial.models import Membership, Report, Section
from tertial.report_template import template_for_year
from tertial.services import ensure_report_sections, report_create
from tests.conftest import make_activity, make_goal, make_indicator, make_period, make_user

from .helpers import login


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


TEMPLATE_KINDS = [k.key for k in sections.default_template_kinds()]


def test_creates_sections_and_results_in_document_order(namnd, other_namnd):
    _tree(namnd, other_namnd)
    report = report_create(namnd=namnd, period=make_period())

    goal_numbers = list(report.sections.filter(kind="goal").order_by("position").values_list("goal__number", flat=True))
    assert goal_numbers == ["1", "1.1", "1.1.1", "1.2", "1.2.1"]
    kinds = list(report.sections.order_by("position").values_list("kind", flat=True))
    assert kinds[0] == Section.Kind.SUMMARY
    assert set(kinds) == {"goal", *TEMPLATE_KINDS}
    # Övrigt closes the report: its own text (printed under the chapter heading), then its subsections.
    assert kinds[-3:] == [Section.Kind.OTHER, Section.Kind.INTERNAL_CONTROL, Section.Kind.SPECIAL_REPORTS]
    assert IndicatorResult.objects.filter(report=report).count() == 4
    assert ActivityResult.objects.filter(report=report).count() == 2
    assert Section.history.filter(report=report).count() == 5 + len(TEMPLATE_KINDS)  # created with history
    # The template's rules travel with each section: Övrigt is optional, Intern kontroll required.
    assert not report.sections.get(kind=Section.Kind.OTHER).required
    assert report.sections.get(kind=Section.Kind.INTERNAL_CONTROL).required


def test_a_second_report_for_the_same_period_is_refused(namnd):
    report_create(namnd=namnd, period=make_period())
    with pytest.raises(ServiceError, match="har redan en rapport för Tertial 2 2022"):
        report_create(namnd=namnd, period=make_period())
    assert Report.objects.count() == 1


def test_only_the_namnds_controller_creates_its_reports(namnd, users):
    for role in ("skribent", "sekreterare", "outsider", "stad"):
        with pytest.raises(ServiceError):
            report_create(namnd=namnd, period=make_period(), user=users[role])
    assert report_create(namnd=namnd, period=make_period(), user=users["controller"]).sections.exists()


def test_is_idempotent_and_fills_in_what_was_added(namnd, other_namnd):
    _tree(namnd, other_namnd)
    report = report_create(namnd=namnd, period=make_period())
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
    template_for_year(year=2022)  # the year's template exists (the first report of a year makes it)
    report = Report.objects.create(namnd=namnd, period=make_period())
    report = Report.objects.select_related("period", "namnd").get(pk=report.pk)
    # Bulk inserts: no query per goal, template entry, indicator or activity (reads of what exists and of what
    # should, the template and its entries, inserts and their history inserts, plus the savepoint pair).
    with django_assert_num_queries(18):
        ensure_report_sections(report=report)


# --- every entry point makes a report with its sections -----------------------------------------------------------


def _has_its_sections(report):
    kinds = set(report.sections.values_list("kind", flat=True))
    assert set(TEMPLATE_KINDS) <= kinds and "goal" in kinds
    assert report.indicator_results.count() == 2 and report.activity_results.count() == 2


@pytest.fixture
def planned(namnd):
    """conftest's small plan (1 → 1.1 → 1.1.1 with an indicator and an activity under each lower goal)."""
    from tests.conftest import make_report

    report = make_report(namnd, make_period(2022, "T1"))
    return report


def test_the_page_creates_a_report_with_its_sections(client, planned, users):
    login(client, users["controller"])
    response = client.post("/rapporter/ny/", {"namnd": planned.namnd.pk, "year": 2022, "kind": "T2"})
    report = Report.objects.get(namnd=planned.namnd, period__kind="T2")
    assert response.status_code == 302 and response["Location"] == "/rapporter/testnamnd/2022-T2/"
    _has_its_sections(report)


def test_the_page_refuses_another_namnd_and_other_roles(client, planned, users, other_namnd):
    login(client, users["controller"])
    response = client.post("/rapporter/ny/", {"namnd": other_namnd.pk, "year": 2022, "kind": "T2"})
    assert response.status_code == 400 and "giltigt alternativ" in response.content.decode()
    login(client, users["skribent"])
    response = client.post("/rapporter/ny/", {"namnd": planned.namnd.pk, "year": 2022, "kind": "T2"})
    assert response.status_code == 400
    response = client.post("/rapporter/ny/", {"namnd": planned.namnd.pk, "year": 2022, "kind": "T1"})
    assert response.status_code == 400  # no choice is a choice for a skribent; and the report exists anyway
    assert Report.objects.count() == 1


def test_the_page_says_when_the_report_exists(client, planned, users):
    login(client, users["controller"])
    response = client.post("/rapporter/ny/", {"namnd": planned.namnd.pk, "year": 2022, "kind": "T1"})
    assert response.status_code == 400
    assert "har redan en rapport för Tertial 1 2022" in response.content.decode()


def test_the_command_creates_a_report_with_its_sections(planned, capsys):
    call_command("create_report", planned.namnd.slug, "2022-T2")
    report = Report.objects.get(namnd=planned.namnd, period__kind="T2")
    _has_its_sections(report)
    assert "Tertialrapport 2 2022 för Testnämnd är skapad" in capsys.readouterr().out
    with pytest.raises(CommandError, match="har redan en rapport"):
        call_command("create_report", planned.namnd.slug, "2022-T2")
    with pytest.raises(CommandError, match="ingen nämnd med kortnamnet"):
        call_command("create_report", "finns-inte", "2022-T2")
    with pytest.raises(CommandError, match="Ogiltig period"):
        call_command("create_report", planned.namnd.slug, "2022-T9")


def test_the_admin_creates_a_report_with_its_sections(client, planned, superuser):
    client.force_login(superuser)
    period = make_period(2022, "VB")
    response = client.post("/admin/tertial/report/add/", {"namnd": planned.namnd.pk, "period": period.pk})
    assert response.status_code == 302
    _has_its_sections(Report.objects.get(namnd=planned.namnd, period=period))


@pytest.mark.django_db
def test_the_bench_generator_creates_its_report_through_the_service():
    from tertial.bench_data import create_bench_report

    report = create_bench_report(slug="bench-x", name="Bench X", period_code="2025-T2", goals=6, indicators=4)
    kinds = set(report.sections.values_list("kind", flat=True))
    assert set(TEMPLATE_KINDS) <= kinds
    assert report.sections.filter(kind="goal").count() == 6
    assert report.indicator_results.exclude(outcome=None).count() == 4


def test_a_city_admin_role_does_not_create_reports(namnd):
    admin = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    with pytest.raises(ServiceError):
        report_create(namnd=namnd, period=make_period(), user=admin)
