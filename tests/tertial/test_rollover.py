"""Roll-over: Tertial 2 made from Tertial 1 (and VB → next year's T1): what is copied, what is marked, what not."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.models import Goal, ReportedGoal
from indicators.models import ActivityResult, Indicator, IndicatorResult
from tertial.editing import save_section
from tertial.errors import ServiceError
from tertial.models import Membership, Report, RolloverLog, Section
from tertial.richtext import clean
from tertial.rollover import carried_label, report_rollover
from tertial.services import report_section_add
from tests.conftest import (
    make_activity,
    make_goal,
    make_indicator,
    make_period,
    make_report,
    set_activity_result,
    set_indicator_result,
)

TEXT = "## Jämställdhet\nVi har ökat andelen **flickor** i feriejobb.\n- Ny rutin"


def _fill(report, writer):
    """Tertial 1 as its writers left it: a goal's bedömning, Analys and ansvarig, the summary, figures."""
    goal = report.sections.get(goal__number="1.1.1")
    goal.assessment, goal.analysis, goal.responsible = "delvis", TEXT, writer
    goal.state = Section.State.GODKAND
    goal.save()
    summary = report.sections.get(kind=Section.Kind.SUMMARY)
    summary.analysis = "Nämnden når de flesta av sina mål."
    summary.save()
    indicator = Indicator.objects.get(namnd=report.namnd, code="N-1", year=report.period.year)
    set_indicator_result(
        report=report, indicator=indicator, outcome=Decimal(12), forecast=Decimal(30), analysis="Utfallet väntas öka."
    )
    activity = report.activity_results.get(activity__text="Nämndaktivitet").activity
    set_activity_result(report=report, activity=activity, deviation=True, analysis="Försenad till hösten.")
    return goal


@pytest.fixture
def t1(namnd, users):
    report = make_report(namnd, make_period(2022, "T1"))
    _fill(report, users["skribent"])
    return report


def test_tertial_2_from_tertial_1_copies_texts_bedomningar_and_ansvariga_marked(t1, users):
    log = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"])
    t2 = log.target
    assert t2.period.code == "2022-T2" and t2.carried_from == t1
    goal = t2.sections.get(goal__number="1.1.1")
    assert (goal.assessment, goal.analysis, goal.responsible) == ("delvis", clean(TEXT), users["skribent"])
    assert goal.carried_unchanged and goal.state == Section.State.UTKAST  # a new period is reviewed anew
    summary = t2.sections.get(kind=Section.Kind.SUMMARY)
    assert summary.analysis == "<p>Nämnden når de flesta av sina mål.</p>" and summary.carried_unchanged
    assert not t2.sections.get(kind=Section.Kind.INTERNAL_CONTROL).carried_unchanged  # nothing to copy: no mark
    t2.carried_from = Report.objects.select_related("period").get(pk=t1.pk)
    assert carried_label(t2) == "Från Tertial 1 – ej uppdaterad"
    # Outcomes and forecasts are not copied; the indicator's Analys and the activity's follow-up are.
    result = IndicatorResult.objects.get(report=t2, indicator__code="N-1")
    assert (result.outcome, result.forecast, result.analysis) == (None, None, "<p>Utfallet väntas öka.</p>")
    activity = ActivityResult.objects.get(report=t2, activity__text="Nämndaktivitet")
    assert (activity.deviation, activity.analysis) == (True, "<p>Försenad till hösten.</p>")
    # Tertial 1 itself is untouched.
    assert IndicatorResult.objects.get(report=t1, indicator__code="N-1").outcome == Decimal(12)


def test_the_roll_over_is_logged_and_in_the_history(t1, users):
    log = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"])
    log = RolloverLog.objects.get(pk=log.pk)
    assert (log.source, log.user, log.sections, log.indicator_texts, log.activity_texts) == (
        t1,
        users["controller"],
        2,
        1,
        1,
    )
    assert "2 avsnitt kopierade från Tertialrapport 1 2022" in log.summary
    goal = log.target.sections.get(goal__number="1.1.1")
    record = goal.history.first()
    assert record.history_user == users["controller"]
    assert record.history_change_reason == "Kopierad från Tertialrapport 1 2022"
    assert record.analysis == clean(TEXT)


def test_saving_the_section_clears_the_mark_even_unchanged(t1, users):
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    goal = t2.sections.get(goal__number="1.1.1")
    saved, changed = save_section(section=goal, user=users["skribent"], version=goal.version, changes={})
    assert changed and not saved.carried_unchanged and saved.version == goal.version + 1
    assert not Section.objects.get(pk=goal.pk).carried_unchanged


def test_verksamhetsberattelse_to_next_years_tertial_1_carries_the_goals_that_continue(namnd, users):
    vb = make_report(namnd, make_period(2022, "VB"))
    _fill(vb, users["skribent"])
    changed = make_goal("1.2", "Ett KF-mål som upphör", year=2022, parent=Goal.objects.get(year=2022, number="1"))
    ReportedGoal.objects.create(namnd=namnd, goal=changed)
    from tertial.services import ensure_report_sections

    ensure_report_sections(report=vb)
    vb.sections.filter(goal=changed).update(analysis="Ett mål som inte finns nästa år.")
    # 2023: the same tree (same numbers, same wording) and the same indicator code, plus a new nämndmål 1.1.2.
    g1 = make_goal("1", "Inriktningsmål", year=2023)
    g11 = make_goal("1.1", "KF-mål", year=2023, parent=g1)
    ReportedGoal.objects.create(namnd=namnd, goal=g11)
    g111 = make_goal("1.1.1", "Nämndmål", year=2023, namnd=namnd, parent=g11)
    make_goal("1.1.2", "Nytt nämndmål", year=2023, namnd=namnd, parent=g11)
    make_indicator(g111, namnd, "N-1", unit="st", decimals=0)
    make_activity(g111, namnd, "Nämndaktivitet")

    log = report_rollover(source=vb, period=make_period(2023, "T1"), user=users["controller"])
    t1 = log.target
    goal = t1.sections.get(goal__number="1.1.1")
    assert goal.goal.year == 2023 and goal.analysis == clean(TEXT) and goal.carried_unchanged
    assert not t1.sections.get(goal__number="1.1.2").carried_unchanged  # new goal: starts empty
    assert t1.sections.get(goal__number="1.1.2").analysis == ""
    assert IndicatorResult.objects.get(report=t1, indicator__code="N-1").analysis == "<p>Utfallet väntas öka.</p>"
    assert (
        ActivityResult.objects.get(report=t1, activity__text="Nämndaktivitet").analysis
        == "<p>Försenad till hösten.</p>"
    )
    assert "1.2 Ett KF-mål som upphör" in log.summary  # said, not copied


def test_a_goal_with_a_new_wording_next_year_is_not_carried(namnd, users):
    vb = make_report(namnd, make_period(2022, "VB"))
    _fill(vb, users["skribent"])
    g1 = make_goal("1", "Inriktningsmål", year=2023)
    g11 = make_goal("1.1", "KF-mål", year=2023, parent=g1)
    ReportedGoal.objects.create(namnd=namnd, goal=g11)
    make_goal("1.1.1", "Ett annat nämndmål i en ny mandatperiod", year=2023, namnd=namnd, parent=g11)
    t1 = report_rollover(source=vb, period=make_period(2023, "T1"), user=users["controller"]).target
    assert t1.sections.get(goal__number="1.1.1").analysis == ""


def test_the_namnds_own_sections_are_made_again_with_their_text(t1, users):
    own = report_section_add(report=t1, title="Klagomål och synpunkter", chapter="ovrigt", user=users["controller"])
    own.analysis = "Tre klagomål."
    own.save()
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    copy = t2.sections.get(heading_text="Klagomål och synpunkter")
    assert copy.is_own and copy.analysis == "<p>Tre klagomål.</p>" and copy.carried_unchanged


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("T2", (2022, "T1"), "kan inte skapas från"),
        ("T2", (2023, "T1"), "kan inte skapas från"),
        ("T2", (2022, "T2"), "kan inte skapas från"),
    ],
)
def test_a_roll_over_backwards_or_across_years_from_a_tertial_is_refused(namnd, users, source, target, message):
    report = make_report(namnd, make_period(2022, source))
    with pytest.raises(ServiceError, match=message):
        report_rollover(source=report, period=make_period(*target), user=users["controller"])
    assert Report.objects.count() == 1


def test_only_the_namnds_controller_rolls_over_and_not_onto_an_existing_report(t1, users):
    for name in ("skribent", "sekreterare", "outsider"):
        with pytest.raises(ServiceError, match="Bara nämndens controller"):
            report_rollover(source=t1, period=make_period(2022, "T2"), user=users[name])
    make_report(t1.namnd, make_period(2022, "T2"))
    with pytest.raises(ServiceError, match="har redan en rapport för Tertial 2 2022"):
        report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"])
    assert RolloverLog.objects.count() == 0


def test_an_ansvarig_who_left_the_namnd_is_not_copied(t1, users):
    Membership.objects.filter(user=users["skribent"]).delete()
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    goal = t2.sections.get(goal__number="1.1.1")
    assert goal.responsible is None and goal.analysis == clean(TEXT)


def test_the_command_rolls_over_and_says_what_it_copied(t1, capsys):
    call_command("create_report", t1.namnd.slug, "2022-T2", "--from", "2022-T1")
    out = capsys.readouterr().out
    assert "Tertialrapport 2 2022 för Testnämnd är skapad" in out
    assert "2 avsnitt med text och bedömning, 1 indikatoranalyser och 1 aktivitetsuppföljningar kopierade" in out
    assert Report.objects.get(period__kind="T2").carried_from == t1
    with pytest.raises(CommandError, match="har redan en rapport för Tertial 2 2022"):
        call_command("create_report", t1.namnd.slug, "2022-T2", "--from", "2022-T1")
    with pytest.raises(CommandError, match="har ingen rapport för 2021-VB att skapa rapporten från"):
        call_command("create_report", t1.namnd.slug, "2022-VB", "--from", "2021-vb")
    with pytest.raises(CommandError, match="kan inte skapas från"):
        call_command("create_report", t1.namnd.slug, "2021-VB", "--from", "2022-T1")
    with pytest.raises(CommandError, match="Ogiltig period"):
        call_command("create_report", t1.namnd.slug, "2022-VB", "--from", "T1")


@pytest.mark.django_db
def test_the_roll_over_runs_the_same_queries_whatever_the_report_size():
    """Bulk reads and writes: the count does not grow with goals, indicators and activities."""
    from tertial.bench_data import create_bench_report

    counts, t2 = [], make_period(2022, "T2")
    for slug, size in (("liten", 6), ("stor", 18)):
        source = create_bench_report(
            slug=slug,
            name=slug,
            period_code="2022-T1",
            goals=size,
            indicators=size * 3,
            activities=size * 5,
            min_words=20,
            max_words=40,
        )
        with CaptureQueriesContext(connection) as queries:
            log = report_rollover(source=source, period=t2)
        counts.append(len(queries))
        assert log.sections >= size and log.target.sections.filter(carried_unchanged=True).count() == log.sections
    assert counts[0] == counts[1]


def test_economy_narratives_carry_over_as_sections_do(namnd, users):
    """A verksamhetsområde's text (paired by the area's name) and Försäljningar (a template entry) are copied."""
    from economy.models import Area

    Area.objects.create(namnd=namnd, year=2022, name="Äldreomsorg")
    t1 = make_report(namnd, make_period(2022, "T1"))
    area = t1.sections.get(kind=Section.Kind.ECONOMY_AREA)
    area.analysis = "Prognosen visar ett underskott om 2,0 mnkr."
    area.save()
    sales = t1.sections.get(kind=Section.Kind.ECONOMY_SALES)
    sales.not_applicable = True
    sales.save()
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    copied = t2.sections.get(kind=Section.Kind.ECONOMY_AREA)
    assert copied.economy_area_row.area.name == "Äldreomsorg"
    assert copied.analysis == "<p>Prognosen visar ett underskott om 2,0 mnkr.</p>" and copied.carried_unchanged
    assert t2.sections.get(kind=Section.Kind.ECONOMY_SALES).not_applicable
