"""Every computed figure and sign convention of the economy tables, and the checks that flag what does not add up."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from economy import services, tables
from economy.models import BalanceItem, BudgetAdjustment, CapitalCost, CostType, CostTypeRow, ResultUnit, TurnoverChange
from tertial.errors import ServiceError
from tertial.models import Report
from tests.conftest import make_namnd, make_period, make_report

from .factories import make_area, make_area_row, make_category, make_summary

D = Decimal


@pytest.fixture
def eco(report):
    """Two areas, one with varav rows, and one investment category."""
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    kids = make_area(report, "barn och ungdom", parent=ifo, position=2)
    adults = make_area(report, "vuxna", parent=ifo, position=3)
    park = make_area(report, "Stadsmiljö", position=4)
    make_area_row(report, ifo, "100", None, "104")
    make_area_row(report, kids, "60", None, "63")
    make_area_row(report, adults, "40", None, "41")
    make_area_row(report, park, "20", "2", "21")
    category = make_category(report, "Parkinvesteringar")
    return {"ifo": ifo, "kids": kids, "adults": adults, "park": park, "category": category}


def table(report, key):
    return next(t for t in tables.report_tables(report) if t.key == key)


def row(t, label):
    return next(r for r in t.rows if r.label == label)


def test_drift_deviation_is_budget_plus_requests_plus_changes_minus_forecast(report, eco):
    services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=D("1.5"), purpose="parkskötsel", area=eco["park"]),
    )
    t = table(report, "drift_areas")
    # 20 + 1,5 + 2 − 21 = 2,5: positive is an överskott
    assert row(t, "Stadsmiljö").values == [D("20"), D("1.5"), D("2"), D("21"), D("21"), D("2.5")]
    assert row(t, "Individ- och familjeomsorg").values[-1] == D("-4")
    assert row(t, "varav barn och ungdom").level == 1
    assert t.rows[-1].values == [D("120"), D("1.5"), D("2"), D("125"), D("125"), D("-1.5")]


def test_requests_on_a_varav_row_count_in_its_parent(report, eco):
    services.save_adjustment(
        report=report, adjustment=BudgetAdjustment(kind="drift", amount=D("3"), purpose="placeringar", area=eco["kids"])
    )
    t = table(report, "drift_areas")
    assert row(t, "varav barn och ungdom").values[1] == D("3")
    assert row(t, "Individ- och familjeomsorg").values[1] == D("3")
    assert t.rows[-1].values[1] == D("3")  # counted once in Totalt


def test_result_units_transfer_and_forecast_after(report, eco):
    ResultUnit.objects.create(
        report=report,
        area=eco["kids"],
        code="301",
        name="Förskolor",
        gross_budget=D("1000"),
        transfer_from=D("-4000"),
        result=D("400"),
    )
    units = table(report, "resultatenheter")
    # till = −(från + resultat) = −(−4 000 + 400) = 3 600, överskott kept is positive
    assert units.rows[0].values[-1] == D("3600")
    assert units.rows[-1].is_total and units.rows[-1].values == [D("1000"), D("-4000"), D("400"), D("3600")]
    t = table(report, "drift_areas")
    # the unit uses 0,4 mnkr of its fund: efter = före − (4,0 − 3,6)
    assert row(t, "varav barn och ungdom").values[4] == D("62.6")
    assert row(t, "Individ- och familjeomsorg").values[4] == D("103.6")


def test_summary_rows_and_transfers(report, eco):
    make_summary(
        report,
        cost_budget="150",
        income_budget="-30",
        cost_change="5",
        income_change="-3",
        cost_forecast="160",
        income_forecast="-35",
    )
    ResultUnit.objects.create(
        report=report, area=eco["kids"], code="1", name="E", transfer_from=D("-2000"), result=D("500")
    )
    t = table(report, "drift_summary")
    assert row(t, "Anslag för nämndens verksamhet (netto)").values == [D("120"), None, D("2"), D("125"), D("-3")]
    assert row(t, "Intäkter").values[-1] == D("2")  # −30 − 3 + 35
    assert row(t, f"Resultatenheternas överskott från {report.period.year - 1}").values[-1] == D("2")
    assert row(t, f"Resultatenheternas överskott till {report.period.year + 1}").values[-1] == D("-1.5")
    assert row(t, "Prognos/avvikelse efter resultatdispositioner").values[-1] == D("-2.5")
    assert tables.consistency_problems(report) == []


def test_summary_that_disagrees_with_the_areas_is_flagged(report, eco):
    make_summary(report, cost_budget="150", income_budget="-29")
    problems = tables.consistency_problems(report)
    assert any(p.table_key == "drift_summary" and "Budget" in p.place and "121,0" in p.message for p in problems)


def test_a_full_breakdown_parent_is_the_sum_of_its_varav_rows(report, eco):
    """Nothing that can be computed is typed: what was once typed for the parent (100 / 104) is not read."""
    make_area_row(report, eco["ifo"], "1", "7", "2")
    make_area_row(report, eco["adults"], "41", None, "41")
    t = table(report, "drift_areas")
    # Budget, Begärda, Förändringar, Prognos, Prognos efter, Avvikelse: 60 + 41, nobody typed a change, 63 + 41
    assert row(t, "Individ- och familjeomsorg").values == [D("101"), None, None, D("104"), D("104"), D("-3")]
    assert t.rows[-1].values[0] == D("121")
    assert tables.consistency_problems(report) == []  # it cannot disagree with its varav rows


def test_a_partial_breakdown_keeps_the_typed_parent(report, eco):
    eco["ifo"].partial_breakdown = True
    eco["ifo"].save()
    make_area_row(report, eco["adults"], "30", None, "31")
    t = table(report, "drift_areas")
    assert row(t, "Individ- och familjeomsorg").values[0] == D("100")
    problems = tables.consistency_problems(report)
    assert [(p.place, p.warning) for p in problems] == [
        ("Individ- och familjeomsorg – Budget", True),
        ("Individ- och familjeomsorg – Prognos", True),
    ]
    assert "90,0" in problems[0].message and "100,0" in problems[0].message


def test_empty_varav_rows_of_a_partial_breakdown_are_not_a_mismatch(report, eco):
    benefit = make_area(report, "Ekonomiskt bistånd", position=9)
    benefit.partial_breakdown = True
    benefit.save()
    make_area(report, "handläggare", parent=benefit, position=10)
    make_area_row(report, benefit, "50", None, "45")
    assert row(table(report, "drift_areas"), "Ekonomiskt bistånd").values[0] == D("50")
    assert tables.consistency_problems(report) == []


def test_investments_keep_empty_rows_and_deviation(report, eco):
    make_category(report, "Klimatinvesteringar", position=2)
    services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="investering", amount=D("0.6"), purpose="lekparken", category=eco["category"]),
    )
    t = table(report, "investeringar")
    assert [r.label for r in t.rows] == ["Parkinvesteringar", "Klimatinvesteringar", "Totalt"]
    assert row(t, "Parkinvesteringar").values == [None, D("0.6"), None, D("0.6")]
    assert row(t, "Klimatinvesteringar").values == [None, None, None, D("0")]


def test_capital_costs_deviation_is_forecast_minus_budget(report):
    CapitalCost.objects.create(
        report=report, kind="avskrivningar", budget=D("14.6"), booked=D("8.4"), forecast=D("12.7")
    )
    t = table(report, "kapitalkostnader")
    assert row(t, "Avskrivningar").values[-1] == D("-1.9")
    assert row(t, "Internräntor").values == [None, None, None, D("0")]
    assert t.rows[-1].values == [D("14.6"), D("8.4"), D("12.7"), D("-1.9")]


def test_turnover_netto_totals_and_checks(report, eco):
    TurnoverChange.objects.create(report=report, area=eco["ifo"], costs=D("11"), income=D("-11"))  # not read
    TurnoverChange.objects.create(report=report, area=eco["kids"], costs=D("12"), income=D("-12"))
    TurnoverChange.objects.create(report=report, area=eco["park"], costs=D("3"), income=D("-2.5"))
    t = table(report, "omslutningsforandringar")
    assert [r.label for r in t.rows] == [
        "Individ- och familjeomsorg",
        "varav barn och ungdom",
        "Stadsmiljö",
        "Omslutningsförändringar totalt",
    ]
    assert t.rows[0].values == [D("12"), D("-12"), D("0")]  # the sum of its varav rows
    assert t.rows[-1].values == [D("15"), D("-14.5"), D("0.5")]
    places = {p.place for p in tables.consistency_problems(report)}
    assert places == {"Stadsmiljö"}
    assert tables.decision_items(report)[1] == "Stadsdelsnämnden ansöker om omslutningsförändringar om 15,0\xa0mnkr."


def test_turnover_of_a_partial_breakdown_keeps_the_typed_parent_and_warns(report, eco):
    eco["ifo"].partial_breakdown = True
    eco["ifo"].save()
    services.set_turnover(report=report, area=eco["ifo"], costs=D("11"))
    services.set_turnover(report=report, area=eco["kids"], costs=D("12"))
    t = table(report, "omslutningsforandringar")
    assert t.rows[0].values == [D("11"), D("-11"), D("0")] and t.rows[-1].values[0] == D("11")
    problems = [p for p in tables.consistency_problems(report) if p.table_key == "omslutningsforandringar"]
    assert {p.place for p in problems} == {
        "Individ- och familjeomsorg – Kostnader",
        "Individ- och familjeomsorg – Intäkter",
    }
    assert all(p.warning for p in problems)


def test_the_turnover_of_a_computed_parent_cannot_be_typed(report, eco):
    with pytest.raises(ServiceError, match="räknas fram ur sina varav-rader"):
        services.set_turnover(report=report, area=eco["ifo"], costs=D("11"))
    assert not TurnoverChange.objects.exists()


def test_turnover_income_follows_from_costs(report, eco):
    change = services.set_turnover(report=report, area=eco["park"], costs=D("3.5"))
    assert change.income == D("-3.5")
    t = table(report, "omslutningsforandringar")
    assert t.rows[-1].values == [D("3.5"), D("-3.5"), D("0")]
    assert not [p for p in tables.consistency_problems(report) if p.table_key == "omslutningsforandringar"]
    services.set_turnover(report=report, area=eco["park"], costs=None)
    assert not TurnoverChange.objects.filter(report=report).exists()


def test_balance_check(report):
    BalanceItem.objects.create(report=report, side="tillgangar", name="Kassa", previous=D("10"), current=D("12"))
    BalanceItem.objects.create(report=report, side="skulder", name="Eget kapital", previous=D("-10"), current=D("-12"))
    assert tables.consistency_problems(report) == []
    BalanceItem.objects.create(
        report=report, side="skulder", name="Leverantörsskulder", previous=None, current=D("-0.1")
    )
    problems = tables.consistency_problems(report)
    assert len(problems) == 1 and problems[0].place == "Balansräkning 2022-08-31"
    assert "12,0" in problems[0].message and "12,1" in problems[0].message


@pytest.mark.parametrize(("kind", "months", "benchmark"), [("T1", 4, "33,3"), ("T2", 8, "66,7"), ("VB", 12, "100,0")])
def test_consumption_against_benchmark(db, kind, months, benchmark):
    report = make_report(make_namnd(), make_period(2024, kind), with_tree=False)
    assert report.period.months == months
    cost = CostType.objects.create(namnd=report.namnd, year=2024, name="Personalkostnader", kind="kostnad")
    income = CostType.objects.create(namnd=report.namnd, year=2024, name="Avgifter", kind="intakt")
    CostTypeRow.objects.create(
        report=report,
        cost_type=cost,
        budget_previous=D("100"),
        outcome_previous=D("30"),
        budget=D("200"),
        outcome=D("70"),
    )
    CostTypeRow.objects.create(report=report, cost_type=income, budget=D("-50"), outcome=D("-20"))
    t = table(report, "resultatrakning")
    assert t.columns[0] == f"Riktvärde {benchmark}\xa0%"
    values = [v if isinstance(v, Decimal) else str(v) for v in row(t, "Personalkostnader").values]
    assert values == [D("100"), D("30"), "30,0\xa0%", D("200"), D("70"), "35,0\xa0%"]
    assert row(t, "Avgifter").values[2] is None  # no budget, nothing consumed
    netto = row(t, "Netto").values[3:]
    assert netto[:2] == [D("150"), D("50")] and str(netto[2]) == "33,3\xa0%"


def test_request_column_text_and_decision_are_one_record(report, eco):
    adjustment = services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=D("0.7"), purpose="särskilda insatser.", area=eco["park"]),
    )
    item = "Stadsdelsnämnden ansöker om budgetjustering om 0,7\xa0mnkr för särskilda insatser. (drift)"
    assert tables.decision_items(report)[1] == item
    assert row(table(report, "drift_areas"), "Stadsmiljö").values[1] == D("0.7")
    assert row(table(report, "budgetjusteringar"), "särskilda insatser.").values == ["Stadsmiljö", D("0.7")]
    adjustment.amount = D("-1.2")
    services.save_adjustment(report=report, adjustment=adjustment)
    assert "om -1,2\xa0mnkr" in tables.decision_items(report)[1]
    assert row(table(report, "drift_areas"), "Stadsmiljö").values[1] == D("-1.2")
    assert row(table(report, "budgetjusteringar"), "Drift").values[-1] == D("-1.2")
    data = tables.load(report)
    assert tables.adjustments_sentence(data) == "Nämnden begär budgetjustering för drift -1,2\xa0mnkr."
    investment = services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(
            kind="investering", amount=D("0.5"), purpose="maskiner och inventarier", category=eco["category"]
        ),
    )
    assert tables.adjustments_sentence(tables.load(report)) == (
        "Nämnden begär budgetjustering för drift -1,2\xa0mnkr och investeringar 0,5\xa0mnkr."
    )
    for existing in (adjustment, investment):
        services.delete_adjustment(report=report, adjustment=existing)
    assert tables.adjustments_sentence(tables.load(report)) == "Nämnden begär ingen budgetjustering."


def test_extra_decision_items_follow_and_can_be_reordered(report, eco):
    from economy.models import DecisionItem

    first = services.save_decision_item(report=report, item=DecisionItem(text="Första extra."))
    second = services.save_decision_item(report=report, item=DecisionItem(text="Andra extra."))
    assert tables.decision_items(report)[1:] == ["Första extra.", "Andra extra."]
    services.move_item(report=report, item=second, up=True)
    assert tables.decision_items(report)[1:] == ["Andra extra.", "Första extra."]
    services.move_item(report=report, item=first, up=False)  # already last: nothing happens
    assert tables.decision_items(report)[1:] == ["Andra extra.", "Första extra."]


def test_verksamhetsberattelse_approval_item(db):
    report = make_report(make_namnd(), make_period(2022, "VB"), with_tree=False)
    assert tables.decision_items(report)[0].startswith(
        "Nämnden godkänner förvaltningens förslag till verksamhetsberättelse 2022 och överlämnar"
    )


def test_adjustment_validation(report, eco, other_namnd):
    with pytest.raises(ValidationError, match="verksamhetsområde"):
        services.save_adjustment(report=report, adjustment=BudgetAdjustment(kind="drift", amount=D(1), purpose="x"))
    with pytest.raises(ValidationError, match="investeringskategori"):
        services.save_adjustment(
            report=report, adjustment=BudgetAdjustment(kind="investering", amount=D(1), purpose="x", area=eco["park"])
        )
    other = make_report(other_namnd, with_tree=False)
    foreign = make_area(other, "Annat område")
    with pytest.raises(ValidationError, match="katalog"):
        services.save_adjustment(
            report=report, adjustment=BudgetAdjustment(kind="drift", amount=D(1), purpose="x", area=foreign)
        )
    assert not BudgetAdjustment.objects.exists()


def test_fastställd_report_refuses_every_write(report, eco):
    report.status = Report.Status.FASTSTALLD
    report.save()
    with pytest.raises(ValidationError, match="fastställd"):
        services.save_adjustment(
            report=report, adjustment=BudgetAdjustment(kind="drift", amount=D(1), purpose="x", area=eco["park"])
        )
    row_ = eco["park"].rows.get()
    row_.budget = D("99")
    with pytest.raises(ValidationError, match="fastställd"):
        services.save_rows(report=report, rows=[row_])
    with pytest.raises(ValidationError, match="fastställd"):
        services.set_turnover(report=report, area=eco["park"], costs=D(1))
    assert eco["park"].rows.get().budget == D("20")


def test_ensure_rows_creates_narratives_once(report, eco):
    from tertial.models import Section

    services.ensure_economy_rows(report=report)
    services.ensure_economy_rows(report=report)
    areas = Section.objects.filter(report=report, kind=Section.Kind.ECONOMY_AREA)
    assert areas.count() == 2  # the two top-level areas; varav rows are written about in their parent's text
    # one of each economy text of the year's template (the registry's defaults): made once
    assert Section.objects.filter(report=report, kind__in=Section.ECONOMY_TEXT_KINDS).count() == len(
        Section.ECONOMY_TEXT_KINDS
    )
    t = table(report, f"area_{eco['ifo'].id}")
    assert t.section_id == eco["ifo"].rows.get().section_id
    parts = tables.report_parts(report)
    index = next(i for i, p in enumerate(parts) if getattr(p, "key", None) == t.key)
    assert parts[index + 1].section.id == t.section_id
    assert parts[index + 1].heading == "Individ- och familjeomsorg"


def test_a_table_of_its_total_alone_has_no_rounding_note():
    """Nämnd och administration's small table is its Netto totalt row only: there are no rows to round apart from
    it, so no note that they may differ from it (the published table has none either)."""
    from economy.tables.base import Row, Table
    from economy.tables.build import rounding_note

    total = Row("Netto totalt", [Decimal("44.21"), None, None, Decimal("42.2"), Decimal("2.01")], is_total=True)
    assert rounding_note(Table("area_1", "Nämnd och administration", "", "mnkr", [], [total])) == ""
    rows = [
        Row("Vuxen", [Decimal("0.04")]),
        Row("Barn", [Decimal("0.04")]),
        Row("Netto", [Decimal("0.08")], is_total=True),
    ]
    assert rounding_note(Table("area_2", "Individ- och familjeomsorg", "", "mnkr", [], rows)).startswith("Beloppen")
