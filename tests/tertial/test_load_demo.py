"""load_demo: the two real reports as published, demo users, and a second run that changes nothing."""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from goals.models import Goal, ReportedGoal
from indicators.models import Activity, Indicator, IndicatorResult, previous_vb_outcomes
from tertial import richtext
from tertial.models import Membership, Report, Section
from tests.demo_db import demo_db  # noqa: F401


@pytest.fixture
def demo(demo_db, db):  # noqa: F811
    return demo_db


def _hv_report():
    return Report.objects.select_related("period", "namnd").get(namnd__slug="hasselby-vallingby")


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _history_counts():
    return {model._meta.label: model.history.count() for model in apps.get_models() if hasattr(model, "history")}


def test_second_run_changes_nothing(demo):
    rows, history = _counts(), _history_counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == rows
    assert _history_counts() == history  # no history row for an unchanged object
    assert "Skapade 0 rader, ändrade 0." in out.getvalue()


def test_goal_trees(demo):
    def levels(year, slug):
        tree = Goal.objects.for_namnd(Report.objects.get(namnd__slug=slug).namnd, year).distinct()
        return [tree.filter(level=level).count() for level in (1, 2, 3)]

    assert levels(2022, "hasselby-vallingby") == [3, 12, 18]
    assert levels(2024, "socialnamnden") == [3, 15, 23]
    assert ReportedGoal.objects.filter(namnd__slug="hasselby-vallingby").count() == 12
    assert ReportedGoal.objects.filter(namnd__slug="socialnamnden").count() == 15
    assert Report.objects.get(namnd__slug="socialnamnden").period.code == "2024-T1"
    assert _hv_report().namnd.kind == "stadsdelsnamnd"


def test_printed_bedomningar(demo):
    hv = _hv_report().sections.filter(kind="goal")
    kf = dict(hv.filter(goal__level=2).values_list("goal__number", "assessment"))
    assert sorted(n for n, a in kf.items() if a == "delvis") == ["1.2", "1.4"]
    assert sum(a == "helt" for a in kf.values()) == 10
    own = dict(hv.filter(goal__level=3).values_list("goal__number", "assessment"))
    assert own["1.4.1"] == ""  # printed "Ingen": the summary's "sexton helt och två delvis" is wrong
    assert sum(a == "helt" for a in own.values()) == 17
    soc = Report.objects.get(namnd__slug="socialnamnden").sections.filter(kind="goal")
    assert soc.count() == 41 and set(soc.values_list("assessment", flat=True)) == {"helt"}


def test_goal_texts_and_nämndmål_descriptions(demo):
    g = Goal.objects.get(year=2022, number="1.1.1", namnd__slug="hasselby-vallingby")
    assert g.text == "Kvinnor och män försörjer sig själva och är etablerade"
    assert richtext.plain_text(g.description).startswith("Med att försörja sig själv menas")
    assert [b.kind for b in richtext.parse(g.expected_result)] == ["bullets"]
    assert len(richtext.parse(g.expected_result)[0].items) == 3
    assert Goal.objects.get(year=2024, number="3.1.2", namnd__slug="socialnamnden").text.startswith(
        "Innovationer och digitala arbetssätt"
    )


def test_texts_as_published(demo):
    report = _hv_report()
    summary = richtext.to_markup(report.sections.get(kind=Section.Kind.SUMMARY).analysis)
    assert summary.startswith("Förvaltningen bedömer att det arbete som genomförts hittills")
    assert "Av totalt arton nämndmål bedöms sexton nämndmål uppnås helt och två delvis." in summary
    assert "## Fokusområden 2022 - integration, innovation och trygghet" in summary.splitlines()
    analysis_1_1 = report.sections.get(goal__number="1.1").analysis
    headings = [b.text for b in richtext.parse(analysis_1_1) if b.kind == "heading"]
    assert headings[:3] == ["Självförsörjning", "Ekonomiskt bistånd och arbetsmarknadsåtgärder", "Långvarigt bistånd"]
    assert headings[-2:] == ["Jämställdhet", "Barns rättigheter"]
    assert richtext.word_count(analysis_1_1) > 1700
    # The leftovers the publication checks must find.
    assert "kartlägga (?)" in report.sections.get(goal__number="1").analysis
    assert (
        "//Johanna"
        in IndicatorResult.objects.get(report=report, indicator__code="kf-ekb-forbattrad-situation").analysis
    )


def test_indicators_under_1_1_with_printed_values(demo):
    report = _hv_report()
    under_1_1 = Indicator.objects.filter(namnd=report.namnd, year=2022, goal__number="1.1")
    assert under_1_1.count() == 9 and set(under_1_1.values_list("kind", flat=True)) == {"kf"}
    assert Indicator.objects.filter(namnd=report.namnd, year=2022, goal__number="1.1.1", kind="namnd").count() == 3

    row = IndicatorResult.objects.select_related("indicator").get(
        report=report, indicator__name="Andel personer som har ekonomiskt bistånd i förhållande till befolkningen"
    )
    assert (row.outcome, row.outcome_men, row.outcome_women, row.forecast) == (
        Decimal("1.89"),
        Decimal("1.99"),
        Decimal("2.09"),
        Decimal("1.89"),
    )
    ind = row.indicator
    assert (ind.historical_vb_outcome, ind.target_value, ind.kf_target_value) == (
        Decimal("2.11"),
        Decimal("2.15"),
        Decimal("1.5"),
    )
    assert (ind.unit, ind.decimals, ind.gender_split, ind.period_kind) == ("%", 2, "rate", "tertial")

    youth = IndicatorResult.objects.select_related("indicator").get(
        report=report, indicator__code="kf-feriejobb-ungdomar"
    )
    assert (youth.outcome, youth.outcome_men, youth.outcome_women) == (Decimal(919), Decimal(450), Decimal(469))
    assert youth.indicator.gender_split == "count" and youth.indicator.kf_target_value == Decimal(9000)
    text_target = Indicator.objects.get(namnd=report.namnd, code="kf-stockholmsjobb-platser")
    assert text_target.kf_target_text == "Tas fram av nämnd/styrelse" and text_target.kf_target_value is None
    not_yet = IndicatorResult.objects.get(report=report, indicator__code="kf-ekb-forbattrad-situation")
    assert not_yet.outcome is None and not_yet.indicator.historical_vb_outcome == Decimal("59.38")
    # 2021 is not in the system: the table's `Periodens utfall VB 2021` comes from the stored historical value.
    assert previous_vb_outcomes(report, [ind])[ind.id] == Decimal("2.11")


def test_activities_under_1_1_and_1_1_1(demo):
    namnd = _hv_report().namnd
    kf = Activity.objects.filter(namnd=namnd, goal__number="1.1")
    assert kf.count() == 2 and set(kf.values_list("kind", flat=True)) == {"kf"}
    own = Activity.objects.get(namnd=namnd, goal__number="1.1.1")
    assert own.kind == "namnd" and str(own.end_date) == "2022-12-31"
    assert _hv_report().activity_results.count() == 151


def test_demo_users_one_per_role(demo):
    assert "controller-soc" in demo and "demo-controller-soc-2022" in demo
    roles = set(Membership.objects.values_list("user__username", "namnd__slug", "role"))
    assert ("skribent", "hasselby-vallingby", "skribent") in roles
    assert ("controller", "hasselby-vallingby", "controller") in roles
    assert ("sekreterare", "hasselby-vallingby", "namndsekreterare") in roles
    assert ("controller-soc", "socialnamnden", "controller") in roles
    assert ("stad", None, "stadsovergripande") in roles
    assert ("stadsadmin", None, "stadsadministrator") in roles
    assert authenticate(username="controller", password="demo-controller-2022").is_staff
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="skribent").first_name == "Sara"
    controller = get_user_model().objects.get(username="controller")
    # Rights come from the roles, not from Django groups or model permissions (tertial.auth_backends).
    assert not controller.groups.exists() and controller.get_all_permissions() == set()
    assert _hv_report().sections.get(goal__number="1.1").responsible.username == "skribent"
