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
    [found] = findings(clean, "enhet")
    assert found.severity == FEL
    assert found.message == (
        "En andel i procent ligger mellan 0 och 100 %: periodens utfall 100,4\xa0%, utfall kvinnor/flickor 101\xa0%."
    )


def test_100_percent_and_counts_above_100_pass(clean):
    # "100 % 100 % 100 %" (T2 2022, 1.4) is a full share; 919 st is a count, not a share.
    _set(clean, "KF-1", outcome=D(100), outcome_men=D(100), outcome_women=D(100), forecast=D(100))
    _set(clean, "N-1", outcome=D(919), outcome_men=D(450), outcome_women=D(469))
    assert indicator(clean, "N-1").unit == "st"
    assert findings(clean, "enhet") == []


def test_gender_kind_is_respected(clean):
    """A count split checked as a rate would flag 11 = 2 + 9 (11 is outside [2, 9]): the kind decides."""
    ind = indicator(clean, "N-1")
    assert ind.gender_split == Indicator.GenderSplit.COUNT
    assert findings(clean, "andel-kon") == []


def test_economy_table_problems_are_errors_linking_to_the_economy_page(clean, monkeypatch):
    # The T2 2022 balance sheet: assets 313,8 against liabilities and equity 313,9.
    problem = Problem("balansrakning", "Analys av balansräkning – Summa", "Tillgångar 313,8 mnkr, skulder 313,9 mnkr.")
    monkeypatch.setattr("tertial.checks.figures.consistency_problems", lambda report, data=None: [problem])
    [found] = findings(clean, "ekonomi")
    assert (found.severity, found.place, found.message) == (FEL, problem.place, problem.message)
    assert found.url == "/rapporter/testnamnd/2022-T2/ekonomi/#tabell-balansrakning"
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


# --- far from the previous period --------------------------------------------------------------------------------------


def _last_year(report, code, value):
    ind = indicator(report, code)
    ind.historical_vb_outcome = value  # `Periodens utfall VB 2021`, 2021 not being in the system
    ind.save()


def test_a_share_far_from_last_years_is_a_warning_naming_both(clean):
    # KF-1 "Andel vuxna med långvarigt ekonomiskt bistånd": 1,44 % at T2 2022 against 1,49 % in VB 2021; a slip
    # of the comma (14,4) would be ten times last year's.
    _last_year(clean, "KF-1", D("1.49"))
    _set(clean, "KF-1", outcome=D("14.4"), outcome_men=D("13.8"), outcome_women=D("15.1"))
    [found] = findings(clean, "langt-fran-forra")
    assert found.severity == VARNING
    assert found.message == (
        "Periodens utfall 14,4\xa0% är mer än dubbelt så högt som Periodens utfall VB 2021 (1,49\xa0%). "
        "Kontrollera siffran och förklara förändringen i analysen, eller kvittera varningen."
    )
    assert found.url.endswith(f"#id_ind-{indicator(clean, 'KF-1').id}-outcome")


def test_a_forecast_below_half_of_last_year_is_a_warning(clean):
    # N-1 "Antal aspiranter som fått Stockholmsjobb": 37 st in VB 2021, prognos helår 30 st; 3 st is a slip.
    _last_year(clean, "N-1", D("37"))
    _set(clean, "N-1", forecast=D("3"))
    [found] = findings(clean, "langt-fran-forra")
    assert found.message.startswith(
        "Prognos helår 3\xa0st är mindre än hälften av Periodens utfall VB 2021 (37\xa0st)."
    )
    assert found.url.endswith(f"#id_ind-{indicator(clean, 'N-1').id}-forecast")


def test_a_count_of_part_of_the_year_is_not_compared_with_the_whole_of_last_year(clean):
    # 11 aspiranter by August against 37 in the whole of 2021 is how a count grows over a year, not a slip.
    _last_year(clean, "N-1", D("37"))
    assert findings(clean, "langt-fran-forra") == []


@pytest.mark.parametrize(
    ("previous", "outcome"),
    [
        (D("1.49"), D("1.44")),  # as published
        (D("1.49"), D("2.98")),  # exactly double: not more than double
        (D("0"), D("1.44")),  # nothing to compare with
        (None, D("1.44")),
    ],
)
def test_figures_near_last_years_pass(clean, previous, outcome):
    _last_year(clean, "KF-1", previous)
    _set(clean, "KF-1", outcome=outcome, outcome_men=outcome, outcome_women=outcome)
    assert findings(clean, "langt-fran-forra") == []


def test_last_years_vb_report_is_what_is_compared_when_it_is_in_the_system(clean):
    from tests.conftest import make_period, make_report, set_indicator_result

    last = make_report(clean.namnd, make_period(2021, "VB"))
    set_indicator_result(report=last, indicator=indicator(last, "KF-1"), outcome=D("0.5"))
    _last_year(clean, "KF-1", D("1.49"))  # only used when the VB is not in the system
    found = findings(clean, "langt-fran-forra")
    assert [f.message.split(" är ")[0] for f in found] == ["Periodens utfall 1,44\xa0%", "Prognos helår 1,44\xa0%"]
    assert all("Periodens utfall VB 2021 (0,5\xa0%)" in f.message for f in found)


def test_a_deviation_near_zero_is_not_compared(clean):
    # Nämndens prognossäkerhet T2: 0 % against 1 % in VB 2021, årsmål "+/-1 %".
    ind = indicator(clean, "KF-1")
    ind.target_text, ind.target_value, ind.historical_vb_outcome = "+/-1 %", None, D(1)
    ind.save()
    _set(clean, "KF-1", outcome=D(0), outcome_men=D(0), outcome_women=D(0), forecast=D(0))
    assert findings(clean, "langt-fran-forra") == []


def _earlier_tertial(report, code, **values):
    from tests.conftest import make_period, make_report, set_indicator_result

    t1 = make_report(report.namnd, make_period(report.period.year, "T1"))
    set_indicator_result(report=t1, indicator=indicator(report, code), **values)
    return t1


def test_the_previous_tertial_of_the_year_is_compared_when_it_is_in_the_system(clean):
    # T1 2022 printed 1,44 % and a prognos of 1,44 %; at T2 a slipped comma gives 14,4 %.
    _last_year(clean, "KF-1", D("14"))  # last year's is then not what counts
    _earlier_tertial(clean, "KF-1", outcome=D("1.44"), forecast=D("1.44"))
    _set(clean, "KF-1", outcome=D("14.4"), outcome_men=D("13.8"), outcome_women=D("15.1"), forecast=D("1.5"))
    [found] = findings(clean, "langt-fran-forra")
    assert found.message.startswith(
        "Periodens utfall 14,4\xa0% är mer än dubbelt så högt som Periodens utfall Tertial 1 2022 (1,44\xa0%)."
    )


def test_a_forecast_is_compared_with_the_previous_tertials_forecast(clean):
    # Antal aspiranter: prognos helår 30 st at T1; 300 st at T2 is a slip. A count's outcome grows over the year
    # and is not compared (11 st at T2 against 4 st at T1).
    _earlier_tertial(clean, "N-1", outcome=D(4), outcome_men=D(1), outcome_women=D(3), forecast=D(30))
    _set(clean, "N-1", forecast=D(300))
    [found] = findings(clean, "langt-fran-forra")
    assert found.message.startswith(
        "Prognos helår 300\xa0st är mer än dubbelt så högt som Prognos helår Tertial 1 2022"
    )
