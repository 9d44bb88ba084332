"""The economy's edit pages: nothing is written on a GET, every input is named, two controllers on one table get a
conflict page instead of overwriting each other, and the bugs found when a new user tried the pages stay fixed."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from economy import tables
from economy.models import (
    AreaRow,
    BudgetAdjustment,
    CapitalCost,
    CostType,
    CostTypeRow,
    DriftSummary,
    InvestmentRow,
    TableVersion,
)
from tertial.models import Section
from tests.conftest import make_namnd, make_period, make_report, make_user

from .factories import make_area, make_area_row, make_category

D = Decimal
EDIT_PAGES = [
    "economy:drift_edit",
    "economy:units_edit",
    "economy:investments_edit",
    "economy:turnover_edit",
    "economy:balance_edit",
    "economy:income_edit",
    "economy:adjustments",
    "economy:import",
]


def url(report, name="economy:overview", **kwargs):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs})


@pytest.fixture
def eco(report):
    """A catalogue added after the report was made: no rows of the report exist for it yet."""
    area = make_area(report, "Ekonomiskt bistånd", position=1)
    area.partial_breakdown = True  # "varav handläggning" is one part of it, as in the seed
    area.save()
    make_area(report, "handläggning", parent=area, position=2)
    make_category(report, "Parkinvesteringar")
    CostType.objects.create(namnd=report.namnd, year=2022, name="Avgifter", kind="intakt")
    return area


def _counts():
    models = [AreaRow, InvestmentRow, CapitalCost, CostTypeRow, DriftSummary, Section, TableVersion]
    return [m.objects.count() for m in models] + [m.history.count() for m in models if hasattr(m, "history")]


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_opening_an_edit_page_writes_nothing(client, users, report, eco, name):
    client.force_login(users["controller"])
    before = _counts()
    assert client.get(url(report, name)).status_code == 200
    assert _counts() == before


def test_capital_costs_are_labelled_by_their_kind(client, users, report, eco):
    client.force_login(users["controller"])
    page = client.get(url(report, "economy:investments_edit")).content.decode()
    assert "functools.partial" not in page
    assert ">Avskrivningar</th>" in page and ">Internräntor</th>" in page


def test_an_empty_capital_cost_table_is_not_printed(report, eco):
    """Rows left behind by an earlier GET, all empty: no table of zeros in the exports."""
    for kind in CapitalCost.Kind:
        CapitalCost.objects.create(report=report, kind=kind)
    assert "kapitalkostnader" not in {t.key for t in tables.report_tables(report)}
    CapitalCost.objects.filter(kind="avskrivningar").update(budget=D("14.6"))
    assert "kapitalkostnader" in {t.key for t in tables.report_tables(report)}


def test_capital_costs_emptied_on_the_page_are_removed(client, users, report, eco):
    client.force_login(users["controller"])
    data = {"version": "0", "cap-avskrivningar-budget": "14,6"}
    assert client.post(url(report, "economy:investments_edit"), data).status_code == 302
    assert CapitalCost.objects.get().budget == D("14.6")
    data = {"version": "1", "cap-avskrivningar-budget": ""}
    assert client.post(url(report, "economy:investments_edit"), data).status_code == 302
    assert not CapitalCost.objects.exists()


def test_saving_the_drift_page_without_a_summary_makes_none(client, users, report, eco):
    client.force_login(users["controller"])
    data = {"version": "0", f"area-{eco.id}-budget": "146,8", f"area-{eco.id}-forecast": "135,8"}
    assert client.post(url(report, "economy:drift_edit"), data).status_code == 302
    assert not DriftSummary.objects.exists()
    assert AreaRow.objects.get(area=eco).budget == D("146.8")
    assert tables.consistency_problems(report) == []


def test_a_summary_can_be_emptied_and_asks_only_for_what_it_has(client, users, report, eco):
    client.force_login(users["controller"])
    data = {
        "version": "0",
        "summary-cost_budget": "160",
        "summary-income_budget": "-13,2",
        f"area-{eco.id}-budget": "146,8",
        f"area-{eco.id}-forecast": "135,8",
    }
    assert client.post(url(report, "economy:drift_edit"), data).status_code == 302
    assert DriftSummary.objects.count() == 1
    assert tables.consistency_problems(report) == []  # no Prognos split asked for: the summary has none
    data.update({"version": "1", "summary-cost_budget": "", "summary-income_budget": ""})
    assert client.post(url(report, "economy:drift_edit"), data).status_code == 302
    assert not DriftSummary.objects.exists()


def test_a_new_area_gets_its_narrative_when_its_figures_are_saved(client, users, report, eco):
    client.force_login(users["controller"])
    data = {"version": "0", f"area-{eco.id}-budget": "146,8"}
    client.post(url(report, "economy:drift_edit"), data)
    row = AreaRow.objects.get(area=eco)
    assert row.section is not None and row.section.kind == Section.Kind.ECONOMY_AREA


def test_kostnadsslag_are_added_on_the_resultatrakning_page(client, users, report, eco):
    client.force_login(users["controller"])
    page = client.get(url(report, "economy:income_edit")).content.decode()
    assert "Nytt kostnadsslag" in page
    data = {
        "version": "0",
        "new-0-name": "Personalkostnader",
        "new-0-kind": "kostnad",
        "new-0-budget": "632,0",
        "new-0-outcome": "205,3",
        "new-1-kind": "kostnad",
        "new-2-kind": "kostnad",
    }
    assert client.post(url(report, "economy:income_edit"), data).status_code == 302
    row = CostTypeRow.objects.get(cost_type__name="Personalkostnader")
    assert (row.budget, row.outcome, row.cost_type.kind) == (D("632"), D("205.3"), "kostnad")
    again = client.post(url(report, "economy:income_edit"), {**data, "version": "1"})
    assert again.status_code == 400 and "finns redan" in again.content.decode()


def test_a_budgetjustering_is_printed_as_typed(report, eco):
    from economy import services

    services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=D("1.25"), purpose="särskilda insatser", area=eco),
    )
    items = tables.decision_items(report)
    assert "budgetjustering om 1,25\xa0mnkr för särskilda insatser" in items[1]
    assert "drift 1,25\xa0mnkr" in tables.adjustments_sentence(tables.load(report))


def test_a_budgetjustering_of_1_25_is_1_25_in_every_table_page_and_export(client, users, report, eco):
    """Not only in Förslag till beslut: the Budgetjusteringar table, the Begärda column, the controller's list, the
    city's list, Word and Excel print the amount as typed."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    from economy import services
    from tertial.exports.docx import build_docx
    from tertial.exports.selectors import load_report
    from tertial.exports.xlsx import build_xlsx

    make_area_row(report, eco, "146.8", None, "135.8")
    services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=D("1.25"), purpose="särskilda insatser", area=eco),
    )
    by_key = {t.key: t for t in tables.report_tables(report)}
    from economy.templatetags.economy_tags import cell

    assert cell(by_key["budgetjusteringar"].rows[1].values[1]) == "1,25"
    assert cell(by_key["drift_areas"].rows[0].values[1]) == "1,25"
    client.force_login(users["controller"])
    assert ">1,25</td>" in client.get(url(report)).content.decode()
    assert ">1,25</td>" in client.get(url(report, "economy:adjustments")).content.decode()
    data = load_report(report)
    doc = Document(io.BytesIO(build_docx(data)))
    assert "1,25" in [c.text for t in doc.tables for r in t.rows for c in r.cells]
    book = load_workbook(io.BytesIO(build_xlsx(data)))
    formats = [c.number_format for ws in book for r in ws.iter_rows() for c in r if c.value == 1.25]
    assert formats and all(f == "#,##0.00" for f in formats)
    city = make_user("stadslasare2", role="stadsovergripande")
    client.force_login(city)
    page = client.get(reverse("city:adjustments", kwargs={"period": report.period.code})).content.decode()
    assert ">1,25</td>" in page


def test_varav_rows_of_a_mini_table_say_varav(report, eco):
    child = eco.children.get()
    make_area_row(report, eco, "146.8", None, "135.8")
    make_area_row(report, child, "0", None, "0")
    mini = next(t for t in tables.report_tables(report) if t.key == f"area_{eco.id}")
    assert [r.label for r in mini.rows][0] == "varav handläggning"


def test_every_input_of_every_edit_page_has_a_name_for_screen_readers(client, users, report, eco):
    client.force_login(users["controller"])
    for name in EDIT_PAGES:
        page = client.get(url(report, name)).content.decode()
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', page))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page):
            if 'type="hidden"' in tag:
                continue
            ident = re.search(r'id="([^"]+)"', tag)
            assert "aria-label=" in tag or (ident and ident.group(1) in labelled), (name, tag)


def test_the_overview_links_back_to_the_report_and_prints_the_year_plainly(client, users):
    namnd = make_namnd("Tomma nämnden", "tomma")
    report = make_report(namnd, make_period(2019, "T1"), with_tree=False)
    report.sections.filter(chapter="ekonomi").delete()
    report.sections.filter(kind__in=Section.ECONOMY_TEXT_KINDS).delete()
    client.force_login(make_user("c-tom", namnd=namnd, role="controller"))
    page = client.get(url(report)).content.decode()
    report_url = reverse("report_overview", kwargs={"slug": "tomma", "period": report.period.code})
    assert f'href="{report_url}"' in page
    assert "för 2019 i administrationen" in page


def test_the_area_list_in_the_admin_has_a_real_column_header(client, report, eco):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:economy_area_changelist")).content.decode()
    assert "Rad i tabellen" in page and ">Label<" not in page
    assert ">2022<" in page and "2\xa0022" not in page


# --- Two controllers on one table ---------------------------------------------------------------------------------


@pytest.fixture
def two_controllers(users, report):
    second = make_user("controller2", namnd=report.namnd, role="controller")
    return users["controller"], second


def test_the_later_save_gets_a_conflict_page_and_loses_nothing(client, report, eco, two_controllers):
    from django.test import Client

    first, second = two_controllers
    other = Client()
    client.force_login(first)
    other.force_login(second)
    assert 'name="version" value="0"' in client.get(url(report, "economy:drift_edit")).content.decode()
    assert 'name="version" value="0"' in other.get(url(report, "economy:drift_edit")).content.decode()
    saved = client.post(url(report, "economy:drift_edit"), {"version": "0", f"area-{eco.id}-budget": "146,8"})
    assert saved.status_code == 302
    late = other.post(url(report, "economy:drift_edit"), {"version": "0", f"area-{eco.id}-budget": "150,0"})
    assert late.status_code == 409
    page = late.content.decode()
    assert "har sparats av någon annan" in page
    assert 'value="150,0"' in page  # the late writer's figure is still in the form
    assert "146,8" in page  # and what is saved now is shown beside it
    assert AreaRow.objects.get(area=eco).budget == D("146.8")
    assert 'name="version" value="1"' in page
    overwrite = other.post(url(report, "economy:drift_edit"), {"version": "1", f"area-{eco.id}-budget": "150,0"})
    assert overwrite.status_code == 302
    assert AreaRow.objects.get(area=eco).budget == D("150")


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("economy:investments_edit", "inv-{cat}-budget"),
        ("economy:turnover_edit", "t-{area}-costs"),
        ("economy:income_edit", "ct-{ct}-budget"),
    ],
)
def test_every_table_page_checks_the_version(client, report, eco, two_controllers, name, field):
    first, _ = two_controllers
    client.force_login(first)
    keys = {
        "cat": report.namnd.investment_categories.get().id,
        "area": eco.id,
        "ct": CostType.objects.get().id,
    }
    field = field.format(**keys)
    assert client.post(url(report, name), {"version": "0", field: "1"}).status_code == 302
    stale = client.post(url(report, name), {"version": "0", field: "2"})
    assert stale.status_code == 409 and "har sparats av någon annan" in stale.content.decode()


@pytest.mark.parametrize(
    ("name", "prefix", "row"),
    [
        ("economy:units_edit", "units", {"code": "301", "name": "Grimsta förskolor", "result": "400"}),
        ("economy:balance_edit", "balance", {"side": "tillgangar", "name": "Kassa", "current": "12"}),
    ],
)
def test_the_row_pages_check_the_version_too(client, report, eco, two_controllers, name, prefix, row):
    """Resultatenheter and Balansräkning, whose rows the controller adds: a stale page is a conflict, no row twice."""
    client.force_login(two_controllers[0])
    management = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"}
    data = {"version": "0", **management, **{f"{prefix}-0-{k}": v for k, v in row.items()}}
    assert client.post(url(report, name), data).status_code == 302
    stale = client.post(url(report, name), data)
    assert stale.status_code == 409 and "har sparats av någon annan" in stale.content.decode()
    model = {"units": "resultunit", "balance": "balanceitem"}[prefix]
    from django.apps import apps

    assert apps.get_model("economy", model).objects.count() == 1


def test_a_budgetjustering_changed_by_two_controllers(client, report, eco, two_controllers):
    from economy import services

    adjustment = services.save_adjustment(
        report=report, adjustment=BudgetAdjustment(kind="drift", amount=D("0.8"), purpose="insatser", area=eco)
    )
    version = services.table_version(report=report, table="budgetjusteringar")
    client.force_login(two_controllers[0])
    data = {"kind": "drift", "amount": "0,9", "purpose": "insatser", "area": eco.id, "version": version}
    edit = url(report, "economy:adjustment_edit", pk=adjustment.pk)
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "amount": "1,0"})
    assert stale.status_code == 409
    assert BudgetAdjustment.objects.get().amount == D("0.9")


def test_the_import_counts_as_a_save_of_the_drift_table(client, users, report, eco):
    from openpyxl import Workbook

    from economy.importer import import_figures

    book = Workbook()
    sheet = book.active
    sheet.title = "Verksamhetsområden"
    sheet.append(["Verksamhetsområde", "Budget", "Prestations- och omslutningsförändringar", "Prognos"])
    sheet.append(["Ekonomiskt bistånd", 146.8, None, 135.8])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ekonomi.xlsx"
    import_figures(report=report, uploaded=buffer)
    client.force_login(users["controller"])
    stale = client.post(url(report, "economy:drift_edit"), {"version": "0", f"area-{eco.id}-budget": "1"})
    assert stale.status_code == 409


def test_the_import_template_lists_kostnadsslag_and_the_import_creates_them(client, users, report):
    from openpyxl import load_workbook

    from economy.importer import import_figures

    client.force_login(users["controller"])
    response = client.get(url(report, "economy:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    names = [r[0].value for r in book["Kostnadsslag"].iter_rows(min_row=2)]
    assert names[:2] == ["Avgifter", "Hyresintäkter mm"] and "Personalkostnader" in names
    book["Kostnadsslag"]["D2"] = -78.8
    book["Kostnadsslag"]["E2"] = -24.5
    del book["Verksamhetsområden"]
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ekonomi.xlsx"
    import_figures(report=report, uploaded=buffer)
    row = CostTypeRow.objects.get(report=report)
    assert (row.cost_type.name, row.cost_type.kind, row.budget, row.outcome) == (
        "Avgifter",
        "intakt",
        D("-78.8"),
        D("-24.5"),
    )


def _served_form(html: str) -> dict:
    """The page's table form (the one with the version) as the browser sends it untouched: inputs, checked boxes,
    selects, textareas."""
    version = html.index('name="version"')
    start = html.rindex("<form", 0, version)
    form = html[start : html.index("</form>", start)]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken" or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag or 'type="radio"' in tag:
            if " checked" in tag:
                data[name.group(1)] = value.group(1) if value else "on"
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = body.strip()
    return data


@pytest.mark.parametrize("name", [p for p in EDIT_PAGES if p not in ("economy:import", "economy:adjustments")])
def test_every_table_page_can_be_saved_as_served(client, users, report, eco, name):
    """The Resultatenheter page once refused its own blank rows ("Koden finns två gånger.")."""
    client.force_login(users["controller"])
    data = _served_form(client.get(url(report, name)).content.decode())
    assert "version" in data
    response = client.post(url(report, name), data)
    assert response.status_code == 302, response.content.decode()[:3000]


# --- A parent whose varav rows are a full breakdown: computed, shown, never typed ----------------------------


@pytest.fixture
def ifo(report):
    parent = make_area(report, "Individ- och familjeomsorg", position=5)
    kids = make_area(report, "barn och ungdom", parent=parent, position=6)
    adults = make_area(report, "vuxna", parent=parent, position=7)
    make_area_row(report, kids, "174.7", None, "182.7")
    make_area_row(report, adults, "107.5", None, "100.7")
    return parent, kids, adults


def test_the_drift_page_shows_a_computed_parent_read_only(client, users, report, ifo):
    parent, kids, _adults = ifo
    client.force_login(users["controller"])
    page = client.get(url(report, "economy:drift_edit")).content.decode()
    field = re.search(rf'<input[^>]*name="area-{parent.id}-budget"[^>]*>', page).group(0)
    assert "disabled" in field and 'value="282,2"' in field
    assert "beräknas ur varav-raderna" in field  # its accessible name says so
    child = re.search(rf'<input[^>]*name="area-{kids.id}-budget"[^>]*>', page).group(0)
    assert "disabled" not in child


def test_a_value_posted_for_a_computed_parent_is_not_written(client, users, report, ifo):
    parent, kids, adults = ifo
    client.force_login(users["controller"])
    data = {
        "version": "0",
        f"area-{parent.id}-budget": "999",
        f"area-{kids.id}-budget": "174,7",
        f"area-{kids.id}-forecast": "183,7",
        f"area-{adults.id}-budget": "107,5",
        f"area-{adults.id}-forecast": "100,7",
    }
    assert client.post(url(report, "economy:drift_edit"), data).status_code == 302
    assert not AreaRow.objects.filter(area=parent, budget__isnull=False).exists()
    t = next(t for t in tables.report_tables(report) if t.key == "drift_areas")
    assert t.rows[0].label == "Individ- och familjeomsorg" and t.rows[0].values[3] == D("284.4")


def test_the_turnover_page_shows_a_computed_parent_read_only(client, users, report, ifo):
    parent, kids, adults = ifo
    client.force_login(users["controller"])
    data = {"version": "0", f"t-{parent.id}-costs": "5", f"t-{kids.id}-costs": "12", f"t-{adults.id}-costs": "-0,7"}
    assert client.post(url(report, "economy:turnover_edit"), data).status_code == 302
    page = client.get(url(report, "economy:turnover_edit")).content.decode()
    field = re.search(rf'<input[^>]*name="t-{parent.id}-costs"[^>]*>', page).group(0)
    assert "disabled" in field and 'value="11,3"' in field
    t = next(t for t in tables.report_tables(report) if t.key == "omslutningsforandringar")
    assert t.rows[0].values == [D("11.3"), D("-11.3"), D("0")]
