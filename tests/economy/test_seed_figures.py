"""The real T2 2022 economy of Hässelby-Vällingby, loaded from typed figures only: every computed figure must come
out as the document prints it (and the balance sheet's own slip must be flagged)."""

from decimal import Decimal

import pytest

from economy import tables
from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
from economy.models import AreaRow, BudgetAdjustment, TurnoverChange
from tertial.models import Namnd
from tertial.numbers import format_mnkr, format_tkr
from tests.conftest import make_namnd, make_period, make_report


@pytest.fixture
def hv_report(db):
    namnd = make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")
    report = make_report(namnd, make_period(2022, "T2"), with_tree=False)
    load_hasselby_vallingby_2022(report)
    return report


def by_key(report):
    return {t.key: t for t in tables.report_tables(report)}


def printed(row, fmt=format_mnkr):
    return [fmt(v) if isinstance(v, Decimal) else ("" if v is None else str(v)) for v in row.values]


def row(table, label):
    return next(r for r in table.rows if r.label == label)


def test_drift_summary(hv_report):
    t = by_key(hv_report)["drift_summary"]
    assert printed(row(t, "Anslag för nämndens verksamhet (netto)")) == [
        "2\xa0091,0",
        "-0,1",
        "-5,9",
        "2\xa0079,0",
        "6,0",
    ]
    assert printed(row(t, "Kostnader")) == ["2\xa0412,5", "-0,1", "20,1", "2\xa0426,5", "6,0"]
    assert printed(row(t, "Intäkter")) == ["-321,5", "", "-26,0", "-347,5", "0,0"]
    assert printed(row(t, "Prognos/avvikelse före resultatdispositioner"))[-1] == "6,0"
    assert printed(row(t, "Resultatenheternas överskott från 2021"))[-1] == "42,8"
    assert printed(row(t, "Resultatenheternas överskott till 2023"))[-1] == "-41,4"
    assert printed(row(t, "Prognos/avvikelse efter resultatdispositioner"))[-1] == "7,4"


def test_drift_per_area(hv_report):
    t = by_key(hv_report)["drift_areas"]
    assert t.columns[0] == "Mnkr Netto"
    assert printed(t.rows[-1]) == ["2\xa0091,0", "-0,1", "-5,9", "2\xa0079,0", "2\xa0077,6", "7,4"]
    assert t.rows[-1].is_total
    assert printed(row(t, "Förskoleverksamhet")) == ["428,7", "", "-20,0", "412,8", "411,2", "-2,5"]
    assert printed(row(t, "Äldreomsorg")) == ["685,5", "", "", "688,7", "688,9", "-3,4"]
    assert printed(row(t, "Stadsmiljöverksamhet")) == ["26,4", "1,1", "", "29,0", "29,0", "-1,5"]
    assert printed(row(t, "Avskrivningar")) == ["14,6", "-1,9", "", "12,7", "12,7", "0,0"]
    lss = row(t, "Stöd och service till personer med funktionsnedsättning")
    assert printed(lss) == ["406,6", "0,7", "14,1", "420,4", "420,4", "1,0"]
    varav = row(t, "varav nyanlända")
    assert varav.level == 1 and printed(varav)[-1] == "9,5"
    # Individ- och familjeomsorg is computed from its four varav rows, as printed; nothing is typed for it
    assert printed(row(t, "Individ- och familjeomsorg")) == ["282,2", "", "", "283,4", "283,4", "-1,2"]
    assert AreaRow.objects.get(report=hv_report, area__name="Individ- och familjeomsorg").budget is None


def test_turnover_parent_is_computed_from_its_varav_rows(hv_report):
    t = by_key(hv_report)["omslutningsforandringar"]
    assert printed(row(t, "Individ- och familjeomsorg")) == ["11,3", "-11,3", "0,0"]
    assert printed(t.rows[-1]) == ["26,0", "-26,0", "0,0"]
    assert not TurnoverChange.objects.filter(report=hv_report, area__name="Individ- och familjeomsorg").exists()


def test_area_mini_table_with_transfers(hv_report):
    tabs = by_key(hv_report)
    t = next(t for t in tabs.values() if t.key.startswith("area_") and t.title == "Förskoleverksamhet")
    assert printed(row(t, "Netto totalt"))[-1] == "-4,1"
    assert printed(row(t, "Resultatöverföring från 2021"))[-1] == "39,6"
    assert printed(row(t, "Resultatöverföring till 2023"))[-1] == "-38,0"
    assert printed(row(t, "Netto totalt efter resultatöverföringar"))[-1] == "-2,5"
    assert t.section_id is not None


def test_result_units(hv_report):
    t = by_key(hv_report)["resultatenheter"]
    assert t.unit == "tkr"
    assert printed(row(t, "301 Grimsta förskolor"), format_tkr) == ["37\xa0390,0", "-4\xa0134,0", "400,0", "3\xa0734,0"]
    assert printed(row(t, "558 Skolörtens servicehus"), format_tkr)[-1] == "3\xa0388,0"
    assert printed(t.rows[-1], format_tkr) == ["415\xa0940,0", "-42\xa0769,0", "1\xa0400,0", "41\xa0369,0"]


def test_investments_and_capital_costs(hv_report):
    tabs = by_key(hv_report)
    inv = tabs["investeringar"]
    assert [r.label for r in inv.rows][:4] == [
        "Parkinvesteringar",
        "Parkreinvesteringar",
        "Nycklade medel Stadsmiljö",
        "Klimatinvesteringar",
    ]
    assert printed(row(inv, "Trygghetsinvesteringar")) == ["1,0", "0,6", "1,6", "0,0"]
    assert printed(inv.rows[-1]) == ["28,4", "1,1", "29,5", "0,0"]
    cap = tabs["kapitalkostnader"]
    assert printed(row(cap, "Avskrivningar")) == ["14,6", "8,4", "12,7", "-1,9"]
    assert printed(cap.rows[-1]) == ["15,2", "8,8", "13,3", "-1,9"]


def test_turnover(hv_report):
    t = by_key(hv_report)["omslutningsforandringar"]
    assert printed(t.rows[-1]) == ["26,0", "-26,0", "0,0"]
    assert row(t, "varav nyanlända").level == 1


def test_decision_items(hv_report):
    items = tables.decision_items(hv_report)
    assert len(items) == 9
    assert items[0] == (
        "Nämnden godkänner förvaltningens förslag till tertialrapport 2 och överlämnar den till kommunstyrelsen "
        "och stadens revisorer."
    )
    assert items[1] == "Stadsdelsnämnden ansöker om omslutningsförändringar om 26,0\xa0mnkr."
    assert items[2] == (
        "Stadsdelsnämnden ansöker om budgetjustering om 0,6\xa0mnkr för trygghetsskapande åtgärder inom lekparken "
        "Oxtungan. (investering)"
    )
    amounts = [item.split("budgetjustering om ", 1)[1].split("\xa0mnkr")[0] for item in items[2:]]
    assert amounts == ["0,6", "0,3", "0,3", "-1,9", "0,8", "0,4", "0,5"]
    kinds = [item.rsplit("(", 1)[1] for item in items[2:]]
    assert kinds == ["investering)", "drift)", "drift)", "drift)", "drift)", "drift)", "investering)"]


def test_balance_sheet_flagged(hv_report):
    tabs = by_key(hv_report)
    assert tabs["balans_tillgangar"].columns == ["Tillgångar (mnkr)", "2021-08-31", "2022-08-31"]
    assert printed(tabs["balans_tillgangar"].rows[-1]) == ["270,7", "313,8"]
    assert printed(tabs["balans_skulder"].rows[-1]) == ["-270,7", "-313,9"]
    problems = tables.consistency_problems(hv_report)
    assert [p.place for p in problems] == ["Balansräkning 2022-08-31"]
    assert "313,8" in problems[0].message and "313,9" in problems[0].message


def test_area_summary(hv_report):
    areas, (budget, deviation) = tables.area_summary(hv_report)
    assert ("Förskoleverksamhet", Decimal("428.700"), Decimal("-2.500")) in areas
    assert format_mnkr(budget) == "2\xa0091,0" and format_mnkr(deviation) == "7,4"


def test_loading_twice_changes_nothing(hv_report):
    before = [(t.key, [r.values for r in t.rows]) for t in tables.report_tables(hv_report)]
    count = BudgetAdjustment.history.count()
    load_hasselby_vallingby_2022(hv_report)
    assert [(t.key, [r.values for r in t.rows]) for t in tables.report_tables(hv_report)] == before
    assert BudgetAdjustment.history.count() == count


@pytest.fixture
def sn_report(db):
    namnd = make_namnd("Socialnämnden", "socialnamnden", Namnd.Kind.FACKNAMND)
    report = make_report(namnd, make_period(2024, "T1"), with_tree=False)
    load_socialnamnden_2024(report)
    return report


# The seed's "Resultaträkning per kostnadsslag, april 2023 och april 2024" as printed (Förbrukn utf/budg where the
# budget is not zero).
SN_PRINTED_INCOME = """
Avgifter -65,9 -31,0 47,1% -78,8 -24,5 31,1%
Hyresintäkter mm -36,4 -15,0 41,2% -38,2 -14,7 38,4%
Intäkter bidrag -173,5 -73,4 42,3% -159,1 -63,4 39,8%
Försäljning -230,3 -75,5 32,8% -217,1 -79,4 36,6%
Övriga intäkter -9,8 -1,1 10,9% -4,6 -0,7 16,1%
Summa intäkter -515,9 -196,0 38,0% -497,7 -182,8 36,7%
Personalkostnader 800,6 243,8 30,4% 875,6 264,7 30,2%
Köp av verksamhet 210,3 64,2 30,5% 146,8 64,7 44,0%
Lokalkostnader inkl hyror 252,7 81,5 32,3% 255,0 86,4 33,9%
Bidrag 493,0 149,9 30,4% 482,6 136,5 28,3%
Övriga kostnader 163,0 52,6 32,3% 152,1 66,7 43,9%
Summa kostnader 1 919,5 593,7 30,9% 1 917,1 620,7 32,4%
Netto 1 403,6 397,8 28,3% 1 419,4 437,9 30,8%
"""

# The seed's "Driftbudget per verksamhetsområde" as printed, empty cells left out.
SN_PRINTED_DRIFT = """
Barn och ungdom|110,0 137,5 139,2 -1,7 -1,7
Verksamhet för personer med funktionsnedsättning|167,9 171,4 167,0 4,4 4,4
Hemlöshet och missbruk|324,8 346,3 346,3 0,0 0,0
Jour- och rådgivande verksamhet|108,2 88,2 116,0 -27,9 25,0 -2,9
Insatser mot våld i nära relationer|40,1 44,4 44,4 0,0 0,0
Nyanlända|107,2 98,7 98,5 0,2 0,2
Strategi och utveckling|146,7 158,2 157,4 0,8 0,8
Ledning och administration|68,1 64,6 65,4 -0,8 -0,8
Stöd till utomstående organisationer|304,1 301,1 301,1 0,0 0,0
Omstrukturering|9,0 9,0 9,0 0,0 0,0
Nämnden totalt|1 386,2 1 419,4 1 444,4 -25,0 25,0 0,0 0,0 0,0
"""


def _words(text):
    """`1 386,2 -25,0 47,1%` → ['1\xa0386,2', '-25,0', '47,1\xa0%'] as the app prints them."""
    import re

    figures = re.findall(r"-?\d{1,3}(?: \d{3})*,\d%?", text)
    return [f.replace(" ", "\xa0").replace("%", "\xa0%") for f in figures]


def test_socialnamnden_income_statement_figure_by_figure(sn_report):
    t = by_key(sn_report)["resultatrakning"]
    assert t.columns[0] == "Riktvärde 33,3\xa0%"
    for line in SN_PRINTED_INCOME.strip().splitlines():
        figures = _words(line)
        label = line[: line.index(figures[0].replace("\xa0", " ").replace(" %", "%"))].strip()
        assert [v for v in printed(row(t, label)) if v] == figures, label


def test_socialnamnden_drift_table_figure_by_figure(sn_report):
    t = by_key(sn_report)["drift_areas"]
    assert t.columns[:2] == ["Verksamhetsområde, mnkr", "Bokslut 2023"]
    assert t.columns[-1] == "Justerad avvikelse"
    for line in SN_PRINTED_DRIFT.strip().splitlines():
        label, figures = line.split("|")
        assert [v for v in printed(row(t, label)) if v] == _words(figures), label
    # the rows, rounded, add up to 1 386,1: the table says why its total is 1 386,2
    assert "±0,1" in t.note


def test_socialnamnden_texts_agree_with_the_table(sn_report):
    parts = tables.report_parts(sn_report)
    headings = [p.heading for p in parts if isinstance(p, tables.Narrative)]
    assert "Jour- och rådgivande verksamhet -2,9\xa0mnkr" in headings
    assert "Hemlöshet och missbruk ±0\xa0mnkr" in headings
    assert tables.consistency_problems(sn_report) == []


def test_socialnamnden_has_no_summary_nor_capital_costs_and_keeps_investment_rows(sn_report):
    tabs = by_key(sn_report)
    assert "drift_summary" not in tabs and "kapitalkostnader" not in tabs
    assert [r.label for r in tabs["investeringar"].rows][-1] == "Totalt"
    assert len(tabs["investeringar"].rows) == 7


def test_socialnamnden_per_area_layout_and_headings(sn_report):
    t = by_key(sn_report)["drift_areas"]
    assert printed(row(t, "Barn och ungdom")) == ["110,0", "137,5", "139,2", "-1,7", "", "", "", "-1,7"]
    parts = tables.report_parts(sn_report)
    headings = [
        p.heading for p in parts if isinstance(p, tables.Narrative) and p.section.kind == "ekonomi_verksamhetsomrade"
    ]
    assert headings[:3] == [
        "Barn och ungdom -1,7\xa0mnkr",
        "Verksamhet för personer med funktionsnedsättning +4,4\xa0mnkr",
        "Hemlöshet och missbruk ±0\xa0mnkr",
    ]
    assert not any(k.startswith("area_") for k in by_key(sn_report))
