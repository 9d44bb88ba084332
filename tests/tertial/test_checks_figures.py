"""Figures: gender split, men + women = total, rate within its gender values, at most 100 %, economy tables."""

from decimal import Decimal as D

import pytest

from economy.tables import Problem
from indicators.models import Indicator
from tertial.checks import FEL, VARNING

from .checks_support import findings, indicator, make_clean_report, result


@pytest.fixture
def clean(namnd):
    return make_clean_report(namnd)


def _set(report, code, **values):
    r = result(report, code)
    for name, value in values.items():
        setattr(r, name, value)
    r.save()


def test_person_based_indicator_without_gender_split_is_a_warning(clean):
    # "Andel personer som själv upplever att de får en förbättrad situation av insatsen" has no gender columns.
    _set(clean, "KF-1", outcome_men=None, outcome_women=None)
    [found] = findings(clean, "konsuppdelning")
    assert found.severity == VARNING
    assert found.url.endswith(f"#id_ind-{indicator(clean, 'KF-1').id}-outcome_men")  # the row's gender cell


def test_indicator_not_about_people_needs_no_gender_split(clean):
    # "Antal tillhandahållna platser för feriejobb": 969, no gender split, about places not people.
    ind = indicator(clean, "N-1")
    ind.name, ind.person_based, ind.gender_split = "Antal tillhandahållna platser för feriejobb", False, "none"
    ind.save()
    _set(clean, "N-1", outcome=D(969), outcome_men=None, outcome_women=None, forecast=D(969))
    assert findings(clean, "konsuppdelning") == []


def test_count_where_men_and_women_do_not_add_up_is_an_error(clean):
    # "Antal ungdomar som fått feriejobb i stadens regi": 919 st = 450 st + 469 st; typed 496 it cannot hold.
    _set(clean, "N-1", outcome=D(919), outcome_men=D(450), outcome_women=D(496))
    [found] = findings(clean, "summa-kon")
    assert found.severity == FEL
    assert "946" in found.message and "919" in found.message


def test_count_that_adds_up_passes(clean):
    _set(clean, "N-1", outcome=D(919), outcome_men=D(450), outcome_women=D(469))
    assert findings(clean, "summa-kon") == []


def test_rate_outside_its_gender_values_is_an_error(clean):
    # T2 2022 printed "Andel personer som har ekonomiskt bistånd": 1,89 % against män 1,99 % and kvinnor 2,09 %.
    _set(clean, "KF-1", outcome=D("1.89"), outcome_men=D("1.99"), outcome_women=D("2.09"))
    [found] = findings(clean, "andel-kon")
    assert found.severity == FEL
    assert "1,89\xa0%" in found.message


@pytest.mark.parametrize(
    "outcome, men, women",
    [
        ("1.44", "1.38", "1.51"),  # Andel vuxna med långvarigt ekonomiskt bistånd
        ("8.3", "5.3", "9"),  # Sjukfrånvaro
        ("1.515", "1.38", "1.51"),  # within half a unit of the last decimal shown
    ],
)
def test_rate_within_its_gender_values_passes(clean, outcome, men, women):
    _set(clean, "KF-1", outcome=D(outcome), outcome_men=D(men), outcome_women=D(women))
    assert findings(clean, "andel-kon") == []


def test_percentage_above_100_is_an_error(clean):
    _set(clean, "KF-1", outcome=D("100.4"), outcome_men=D("100"), outcome_women=D("101"), forecast=D("100"))
    [found] = findings(clean, "over-100")
    assert found.severity == FEL
    assert "periodens utfall 100,4\xa0%" in found.message


def test_100_percent_and_counts_above_100_pass(clean):
    # "100 % 100 % 100 %" (T2 2022, 1.4) is a full share; 919 st is a count, not a share.
    _set(clean, "KF-1", outcome=D(100), outcome_men=D(100), outcome_women=D(100), forecast=D(100))
    _set(clean, "N-1", outcome=D(919), outcome_men=D(450), outcome_women=D(469))
    assert indicator(clean, "N-1").unit == "st"
    assert findings(clean, "over-100") == []


def test_gender_kind_is_respected(clean):
    """A count split checked as a rate would flag 11 = 2 + 9 (11 is outside [2, 9]): the kind decides."""
    ind = indicator(clean, "N-1")
    assert ind.gender_split == Indicator.GenderSplit.COUNT
    assert findings(clean, "andel-kon") == []


def test_economy_table_problems_are_errors_linking_to_the_economy_page(clean, monkeypatch):
    # The T2 2022 balance sheet: assets 313,8 against liabilities and equity 313,9.
    problem = Problem("balansrakning", "Analys av balansräkning – Summa", "Tillgångar 313,8 mnkr, skulder 313,9 mnkr.")
    monkeypatch.setattr("tertial.checks.figures.consistency_problems", lambda report: [problem])
    [found] = findings(clean, "ekonomi")
    assert (found.severity, found.place, found.message) == (FEL, problem.place, problem.message)
    assert found.url == "/rapporter/testnamnd/2022-T2/ekonomi/#balansrakning"
    assert found.section_id is None


def test_economy_tables_that_add_up_give_no_finding(clean):
    assert findings(clean, "ekonomi") == []


def test_indicator_about_one_gender_needs_no_split(clean):
    # T2 2022, nämndmål 1.1.1: "Andel kvinnor med långvarigt ekonomiskt bistånd i förhållande till samtliga kvinnor".
    ind = indicator(clean, "KF-1")
    ind.name = "Andel kvinnor med långvarigt ekonomiskt bistånd i förhållande till samtliga kvinnor"
    ind.save()
    _set(clean, "KF-1", outcome_men=None, outcome_women=None)
    assert findings(clean, "konsuppdelning") == []
    ind.name = "Andel kvinnor och män som har fått ett personligt erbjudande om samhällsorientering"
    ind.save()
    assert len(findings(clean, "konsuppdelning")) == 1
