"""Driftbudgetens tabell: columns from column kinds with presets per nämnd type and document, chosen per report
through the service; the setting "budgeten inkluderar begärda budgetjusteringar"; granted budgetjusteringar kept
apart from requested ones; areas grouped under headings with small tables only where the layout asks; partial
varav rows a Varning."""

from decimal import Decimal

import pytest
from django.urls import reverse

from economy import services, tables
from economy.demo import load_hasselby_vallingby_2022
from economy.layouts import PRESETS, Col
from economy.models import Area, AreaRow, BudgetAdjustment, DriftLayout
from tertial.checks import FEL, VARNING, publication_blockers, run_checks
from tertial.errors import ServiceError
from tertial.models import FindingAcknowledgement
from tertial.numbers import format_mnkr
from tests.conftest import make_namnd, make_period, make_report

from .factories import make_area, make_area_row

D = Decimal


def url(report, name):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code})


def by_key(report):
    return {t.key: t for t in tables.report_tables(report)}


def printed(row):
    return [format_mnkr(v) if isinstance(v, Decimal) else ("" if v is None else str(v)) for v in row.values]


def row(table, label):
    return next(r for r in table.rows if r.label == label)


def use(report, preset, columns=(), **settings):
    p = PRESETS[preset]
    values = {"budget_includes_requested": p.budget_includes_requested, "area_tables": p.area_tables, **settings}
    version = services.table_version(report=report, table="tabellayout")
    return services.layout_save(report=report, preset=preset, columns=list(columns), version=version, **values)


@pytest.fixture
def hv_report(db):
    namnd = make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")
    report = make_report(namnd, make_period(2022, "T2"), with_tree=False)
    load_hasselby_vallingby_2022(report)
    return report


@pytest.fixture
def older(report):
    """The older stadsdelsnämnd report: its Justerad nettobudget already includes the 5,3 mnkr requested now."""
    school = make_area(report, "Förskoleverksamhet", position=1)
    care = make_area(report, "Äldreomsorg", position=2)
    AreaRow.objects.create(
        report=report,
        area=school,
        budget=D("400.3"),
        forecast=D("400.3"),
        outcome=D("260.1"),
        previous_outcome=D("390"),
    )
    AreaRow.objects.create(
        report=report, area=care, budget=D("600"), forecast=D("600"), outcome=D("395.5"), previous_outcome=D("588.2")
    )
    services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=D("5.3"), purpose="lokaler för ny förskola", area=school),
    )
    return report


def test_the_nämnd_types_get_their_presets_without_a_saved_layout(hv_report):
    t = by_key(hv_report)["drift_areas"]
    assert t.columns == [
        "Mnkr Netto",
        "Budget",
        "Begärda budgetjusteringar",
        "Prestations- och omslutningsförändringar",
        "Prognos (före resultatöverföringar)",
        "Prognos (efter resultatöverföringar)",
        "Avvikelse",
    ]
    assert printed(t.rows[-1]) == ["2\xa0091,0", "-0,1", "-5,9", "2\xa0079,0", "2\xa0077,6", "7,4"]
    assert not DriftLayout.objects.exists()


def test_the_older_stadsdelsnamnd_table_is_entered_as_printed_and_its_deviation_is_zero(older):
    use(older, "stadsdelsnamnd_justerad")
    t = by_key(older)["drift_areas"]
    assert t.columns == [
        "Mnkr Netto",
        "Justerad nettobudget",
        "Prognos årsutfall",
        "Avvikelse",
        "Resultat per T2",
        "Bokslut 2021",
    ]
    assert printed(row(t, "Förskoleverksamhet")) == ["400,3", "400,3", "0,0", "260,1", "390,0"]
    assert printed(t.rows[-1]) == ["1\xa0000,3", "1\xa0000,3", "0,0", "655,6", "978,2"]
    # the request still goes to Förslag till beslut: it is only not counted twice in the deviation
    assert any("5,3\xa0mnkr för lokaler för ny förskola" in item for item in tables.decision_items(older))


def test_without_the_setting_the_request_is_added_on_top(older):
    use(older, "stadsdelsnamnd_justerad", budget_includes_requested=False)
    assert printed(by_key(older)["drift_areas"].rows[-1])[2] == "5,3"


def test_a_granted_budgetjustering_is_in_the_justerad_budget_not_in_forslag(older):
    school = Area.objects.get(name="Förskoleverksamhet")
    services.save_adjustment(
        report=older,
        adjustment=BudgetAdjustment(
            kind="drift", status="beviljad", amount=D("2"), purpose="beviljat i juni", area=school
        ),
    )
    use(
        older,
        "stadsdelsnamnd_justerad",
        columns=[Col.BUDGET, Col.BEVILJADE, Col.JUSTERAD_BUDGET, Col.PROGNOS, Col.BEGARDA, Col.AVVIKELSE],
    )
    t = by_key(older)["drift_areas"]
    assert t.columns == [
        "Mnkr Netto",
        "Justerad nettobudget",
        "Prognos årsutfall",
        "Avvikelse",
        "Budget",
        "Beviljade budgetjusteringar",
        "Begärda budgetjusteringar",
    ]
    assert printed(row(t, "Förskoleverksamhet")) == ["402,3", "400,3", "2,0", "400,3", "2,0", "5,3"]
    items = tables.decision_items(older)
    assert not any("beviljat i juni" in item for item in items)
    assert any("lokaler för ny förskola" in item for item in items)


def test_the_drift_page_asks_for_the_layouts_columns(client, users, older):
    use(older, "stadsdelsnamnd_justerad")
    client.force_login(users["controller"])
    url_ = url(older, "economy:drift_edit")
    page = client.get(url_).content.decode()
    assert "Justerad nettobudget" in page and "Resultat per T2" in page and "Bokslut 2021" in page
    area = Area.objects.get(name="Äldreomsorg")
    page_form = {"version": "0", f"area-{area.id}-outcome": "401,25"}
    response = client.post(url_, page_form)
    assert response.status_code == 302
    assert AreaRow.objects.get(area=area).outcome == D("401.25")  # kept as typed


def test_the_controller_chooses_the_layout_on_its_page(client, users, older):
    client.force_login(users["controller"])
    url_ = url(older, "economy:layout_edit")
    assert client.get(url_).status_code == 200
    assert not DriftLayout.objects.exists()  # nothing written on GET
    response = client.post(url_, {"version": "0", "preset": "stadsdelsnamnd_justerad", "action": "preset"})
    assert response.status_code == 302
    layout = DriftLayout.objects.get(report=older)
    assert layout.budget_includes_requested and layout.columns == []
    stale = client.post(url_, {"version": "0", "preset": "facknamnd_2024", "action": "preset"})
    assert stale.status_code == 409
    client.force_login(users["skribent"])
    assert client.post(url_, {"version": "1", "preset": "facknamnd_2024", "action": "preset"}).status_code == 403


def test_a_layout_without_a_deviation_column_is_refused(older):
    with pytest.raises(ServiceError, match="Avvikelse"):
        use(older, "stadsdelsnamnd_2022", columns=[Col.BUDGET, Col.PROGNOS])


def test_the_slide_table_of_2025(older):
    use(older, "presentation_2025")
    t = by_key(older)["drift_areas"]
    assert t.columns == ["Mnkr netto", "Budget", "Avvikelse prognos T2"]
    assert t.rows[-1].label == "TOTALT"


# --- Area headings and small tables --------------------------------------------------------------------------


def test_stadsmiljo_groups_three_areas_under_one_heading_and_table(hv_report):
    small = [t for t in tables.report_tables(hv_report) if t.key.startswith("area_")]
    # the seed has nine small tables: one per area with figures, Stadsmiljö's three areas in one
    assert [t.heading for t in small] == [
        "Nämnd och administration",
        "Individ- och familjeomsorg",
        "Stadsmiljö",
        "Förskoleverksamhet",
        "Äldreomsorg",
        "Stöd och service till personer med funktionsnedsättning",
        "Barn, kultur och fritid",
        "Arbetsmarknadsåtgärder",
        "Ekonomiskt bistånd",
    ]
    town = next(t for t in small if t.heading == "Stadsmiljö")
    assert [r.label for r in town.rows] == ["Stadsmiljöverksamhet", "Avskrivningar", "Internräntor", "Netto totalt"]
    assert printed(town.rows[-1]) == ["41,6", "-0,8", "", "42,3", "-1,5"]
    benefit = next(t for t in small if t.heading == "Ekonomiskt bistånd")
    assert [r.label for r in benefit.rows] == ["Netto totalt"]  # the empty varav row is not printed


def test_grouped_texts_follow_their_table_under_its_heading(hv_report):
    parts = tables.report_parts(hv_report)
    index = next(i for i, p in enumerate(parts) if isinstance(p, tables.Table) and p.heading == "Stadsmiljö")
    after = parts[index + 1 : index + 4]
    assert all(isinstance(p, tables.Narrative) and p.heading == "Stadsmiljö" for p in after)


def test_no_small_tables_where_the_layout_has_none(hv_report):
    use(hv_report, "stadsdelsnamnd_2022", area_tables=False)
    assert not any(key.startswith("area_") for key in by_key(hv_report))
    parts = tables.report_parts(hv_report)
    drift = next(i for i, p in enumerate(parts) if getattr(p, "key", "") == "drift_areas")
    assert isinstance(parts[drift + 1], tables.Narrative)  # the texts follow the per-area table


# --- Partial varav rows --------------------------------------------------------------------------------------


@pytest.fixture
def benefit(report):
    area = make_area(report, "Ekonomiskt bistånd", position=1)
    handling = make_area(report, "handläggning", parent=area, position=2)
    make_area_row(report, area, "146.8", None, "135.8")
    make_area_row(report, handling, "12", None, "11.5")
    return area


def _economy_findings(report):
    return [f for f in run_checks(report) if f.key.startswith("ekonomi:drift_areas")]


def test_a_full_breakdown_is_computed_and_cannot_be_a_fel(benefit):
    """Marked as a full breakdown, the area is the sum of its varav rows (12 / 11,5), whatever was typed for it."""
    report = AreaRow.objects.get(area=benefit).report
    assert _economy_findings(report) == []
    rows = {r.label: r for r in by_key(report)["drift_areas"].rows}
    assert [rows["Ekonomiskt bistånd"].values[i] for i in (0, 3)] == [Decimal("12"), Decimal("11.5")]
    assert "varav handläggning" in rows


def test_a_partial_breakdown_is_a_varning_that_can_be_acknowledged(benefit, users):
    benefit.partial_breakdown = True
    benefit.save()
    report = AreaRow.objects.get(area=benefit).report
    findings = _economy_findings(report)
    assert findings and {f.severity for f in findings} == {VARNING}
    assert "delredovisning" in findings[0].message
    for finding in findings:
        FindingAcknowledgement.objects.create(
            report=report, key=finding.key, message=finding.message, user=users["controller"], comment="Avsiktligt"
        )
    assert not [f for f in publication_blockers(report) if f.key.startswith("ekonomi:")]


def test_the_seed_report_has_no_economy_fel_but_its_balance_sheet(hv_report):
    fel = [f for f in run_checks(hv_report) if f.key.startswith("ekonomi:") and f.severity == FEL]
    assert [f.key for f in fel] == ["ekonomi:balans_skulder:Balansräkning 2022-08-31"]
