"""Completeness: bedömning and Analys of every goal, due indicator outcomes, finished activities, every section."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.models import Activity, Indicator, IndicatorResult
from tertial.checks import FEL, VARNING
from tertial.models import Section
from tests.conftest import make_activity, make_indicator, make_period, set_activity_result

from .checks_support import findings, indicator, make_clean_report, section


@pytest.fixture
def clean(namnd):
    return make_clean_report(namnd)


def test_goal_without_bedomning_is_an_error(clean):
    # Nämndmål 1.4.1 in T2 2022 was published with no bedömning at all.
    s = section(clean, number="1.1.1")
    s.assessment = ""
    s.save()
    [found] = findings(clean, "bedomning-saknas")
    assert found.severity == FEL
    assert found.place == "Nämndmål 1.1.1 – Bedömning"
    assert found.url == f"/rapporter/testnamnd/2022-T2/avsnitt/{s.id}/#id_s-assessment_0"


def test_goal_without_analys_is_an_error(clean):
    s = section(clean, number="1.1")
    s.analysis = "  \n\n"
    s.save()
    [found] = findings(clean, "analys-saknas")
    assert (found.severity, found.section_id) == (FEL, s.id)


def test_assessed_goal_with_analys_passes(clean):
    assert findings(clean, "bedomning-saknas") + findings(clean, "analys-saknas") == []


def test_due_indicator_without_outcome_is_an_error(clean):
    r = IndicatorResult.objects.get(report=clean, indicator__code="N-1")
    r.outcome = None
    r.save()
    [found] = findings(clean, "utfall-saknas")
    assert found.severity == FEL
    assert "Tertial 2 2022" in found.message
    assert found.url.endswith(f"#id_ind-{r.indicator_id}-outcome")


def test_missing_outcome_explained_in_the_analysis_is_a_warning(clean):
    # "Andel personer som själv upplever att de får en förbättrad situation …" had no outcome at T2 2022,
    # and its analysis said why (the //Johanna note aside).
    r = IndicatorResult.objects.get(report=clean, indicator__code="N-1")
    r.outcome, r.outcome_men, r.outcome_women = None, None, None
    r.analysis = (
        "Socialförvaltningen meddelar 22-08-23 att resultatet kommer att finnas i beslutsstöd om ca två veckor."
    )
    r.save()
    [found] = findings(clean, "utfall-saknas")
    assert found.severity == VARNING


@pytest.mark.parametrize(
    "period_kind, tertial, due",
    [
        (Indicator.PeriodKind.AR, "T2", False),  # annual survey indicators ("58 % … 79 % 2022") wait for the VB
        (Indicator.PeriodKind.AR, "VB", True),
        (Indicator.PeriodKind.HALVAR, "T1", False),
        (Indicator.PeriodKind.HALVAR, "T2", True),
        (Indicator.PeriodKind.TERTIAL, "T1", True),
    ],
)
def test_indicator_is_due_by_its_period(namnd, period_kind, tertial, due):
    report = make_clean_report(namnd, make_period(2022, tertial))
    survey = indicator(report, "KF-1")
    survey.period_kind = period_kind
    survey.save()
    IndicatorResult.objects.filter(report=report, indicator=survey).delete()
    assert bool(findings(report, "utfall-saknas")) is due


def _finished_activity(report):
    # A KF assignment of T2 2022 under 1.1, which ended 2022-06-30 and was printed with no follow-up.
    goal = section(report, number="1.1").goal
    return make_activity(
        goal,
        report.namnd,
        "Kommunstyrelsen och arbetsmarknadsnämnden ska med stöd av stadsdelsnämnderna definiera "
        "stadsdelsnämndernas ansvar för förberedande insatser inför inskrivning på Jobbtorg Stockholm",
        kind=Activity.Kind.KF,
        start_date=date(2022, 1, 1),
        end_date=date(2022, 6, 30),
    )


def test_activity_past_its_slutdatum_without_follow_up_is_a_warning(clean):
    activity = _finished_activity(clean)
    [found] = findings(clean, "aktivitet-uppfoljning")
    assert found.severity == VARNING
    assert "2022-06-30" in found.message
    assert found.url.endswith(f"#id_akt-{activity.id}-analysis")


def test_activity_with_follow_up_or_not_yet_ended_passes(other_namnd, clean):
    activity = _finished_activity(clean)
    set_activity_result(report=clean, activity=activity, analysis="Ansvaret är definierat och klart.")
    assert findings(clean, "aktivitet-uppfoljning") == []
    t1 = make_clean_report(other_namnd, make_period(2022, "T1"))
    _finished_activity(t1)  # ends after 30 April: not due at T1
    assert findings(t1, "aktivitet-uppfoljning") == []


def _emptied(report, kind):
    s = section(report, kind)
    s.analysis = ""
    s.save()
    return s


def test_empty_economy_narrative_is_an_error_unless_not_applicable(clean):
    s = _emptied(clean, Section.Kind.ECONOMY_BALANCE)
    [found] = findings(clean, "tomt-avsnitt")
    assert found.severity == FEL
    assert found.message.startswith("Analysen av balansräkningen saknas.")
    assert "Inte aktuellt" in found.message
    s.not_applicable = True  # "Medel för lokaländamål: Inte aktuellt" is how the reports say it
    s.save()
    assert findings(clean, "tomt-avsnitt") == []


def test_empty_report_section_offers_inte_aktuellt(clean):
    s = section(clean, Section.Kind.INTERNAL_CONTROL)
    s.analysis = ""
    s.save()
    [found] = findings(clean, "tomt-avsnitt")
    assert found.severity == FEL
    assert found.url.endswith("#id_s-not_applicable")
    assert "markera avsnittet Inte aktuellt" in found.message


def test_empty_section_the_template_does_not_let_be_inte_aktuellt_asks_for_its_text(clean):
    # The year's template decides which sections may be Inte aktuellt (TemplateSection.may_be_not_applicable).
    s = _emptied(clean, Section.Kind.INTERNAL_CONTROL)
    s.may_be_not_applicable = False
    s.save()
    [found] = findings(clean, "tomt-avsnitt")
    assert found.url.endswith("#id_s-analysis")
    assert found.message == (
        "Avsnittet Intern kontroll är tomt. Avsnittet är obligatoriskt i årets rapportmall. Skriv texten."
    )


def test_an_empty_optional_section_is_no_finding(clean):
    s = _emptied(clean, Section.Kind.INTERNAL_CONTROL)
    s.required = False
    s.save()
    assert findings(clean, "tomt-avsnitt") == []


def test_empty_economy_text_offers_inte_aktuellt(clean):
    s = _emptied(clean, Section.Kind.ECONOMY_PREMISES)
    [found] = findings(clean, "tomt-avsnitt")
    assert found.url == f"/rapporter/testnamnd/2022-T2/avsnitt/{s.id}/#id_s-not_applicable"
    assert "markera avsnittet Inte aktuellt" in found.message


def test_goal_without_section_is_reported_at_the_overview(clean):
    goal = section(clean, number="1.1.1").goal
    make_indicator(goal, clean.namnd, "N-2", target_value=D(1))  # no result yet
    Section.objects.filter(report=clean, goal=goal).delete()
    found = findings(clean, "utfall-saknas")
    assert [f.url for f in found] == ["/rapporter/testnamnd/2022-T2/"]


def test_a_tjansteutlatande_without_its_date_is_a_warning_that_links_to_the_front_matter(clean):
    """The document prints `Datum saknas` (never the export's day): the Kontroll says so before it goes out."""
    assert findings(clean, "datum-saknas") == []
    clean.decision_date = None
    clean.save()
    [found] = findings(clean, "datum-saknas")
    assert found.severity == VARNING
    assert found.place == "Tjänsteutlåtandet – Datum"
    assert found.url == "/rapporter/testnamnd/2022-T2/tjansteutlatande/#id_decision_date"
    assert "Datum saknas" in found.message


def test_the_missing_date_is_listed_under_the_tjansteutlatande_not_the_economy_tables(clean):
    """The Kontroll listed "Tjänsteutlåtandet – Datum" under the heading "Uppföljning av ekonomi – tabeller"."""
    clean.decision_date = None
    clean.save()
    [found] = findings(clean, "datum-saknas")
    assert found.group == "Tjänsteutlåtande och bilagor"
