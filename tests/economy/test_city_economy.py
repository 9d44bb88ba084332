"""The city's Ekonomi (/stad/<period>/ekonomi) adds the nämnder up from the figures their own reports compute
(`economy.tables.period_area_figures`): the table setting "budgeten inkluderar begärda budgetjusteringar", granted
budgetjusteringar, resultatenheter and parent rows computed from a full varav breakdown give the same Avvikelse on
the city page as in the nämnd's report."""

from decimal import Decimal

import pytest

from economy import services, tables
from economy.models import BudgetAdjustment, ResultUnit
from tertial.city.selectors import city_economy

from .factories import make_area, make_area_row

D = Decimal


def _report_deviation(report):
    drift = next(t for t in tables.report_tables(report) if t.key == "drift_areas")
    kinds = [c.kind for c in tables.load(report).layout.columns]
    column = kinds.index("avvikelse") if "avvikelse" in kinds else kinds.index("justerad_avvikelse")
    return drift.rows[-1].values[column]


@pytest.fixture
def economy(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    make_area_row(report, ifo, "999", None, "999")  # typed once; its varav rows are a full breakdown
    kids = make_area(report, "barn och ungdom", parent=ifo, position=2)
    make_area_row(report, kids, "174.7", None, "182.7")
    elderly = make_area(report, "Äldreomsorg", position=3)
    make_area_row(report, elderly, "685.5", None, "688.7")
    for amount, status in (("5.3", "begard"), ("2", "beviljad")):
        services.save_adjustment(
            report=report,
            adjustment=BudgetAdjustment(kind="drift", amount=D(amount), purpose="x", area=elderly, status=status),
        )
    ResultUnit.objects.create(report=report, area=kids, code="1", name="E", transfer_from=D("-2000"), result=D("500"))
    return report


@pytest.mark.parametrize("includes", [False, True])
def test_the_city_avvikelse_is_the_reports(economy, includes):
    services.layout_save(
        report=economy, preset="stadsdelsnamnd_justerad", budget_includes_requested=includes, area_tables=False
    )
    expected = _report_deviation(economy)
    # 174,7 − 182,7 + 0,5 (the unit's result) and 685,5 + 2 (granted) [+ 5,3 requested] − 688,7
    assert expected == (D("-7.5") + D("-1.2") + (D(0) if includes else D("5.3")))
    data = city_economy(economy.period)
    (row,) = data.namnder
    assert row.deviation == expected
    assert row.requested == D("5.3")  # still shown as requested, never counted twice
    assert row.budget + row.requested + row.change - row.forecast + row.transfers == row.deviation
    assert data.areas_total.deviation == expected
    assert [a.label for a in data.areas] == ["Individ- och familjeomsorg", "Äldreomsorg"]
    assert data.areas[0].budget == D("174.7")  # the sum of its varav rows, not the 999 once typed
