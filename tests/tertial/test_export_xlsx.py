"""The Excel export opened with openpyxl: sheets, numbers stored as numbers, user text never a formula."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from economy import tables as economy_tables
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Report
from tests.conftest import make_namnd

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db


def _load(report):
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


def _open(report):
    return load_workbook(io.BytesIO(build_xlsx(load_report(_load(report)))))


def _rows(ws):
    """The header row (under the sheet's title row) and the rows under it."""
    header = [c.value for c in ws[2]]
    return header, [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=3)]


def test_sheets_frozen_headers_and_filters():
    wb = _open(make_rich_report(size=2))
    assert wb.sheetnames[:4] == ["Om rapporten", "Indikatorer", "Aktiviteter", "Bedömningar"]
    for ws in wb.worksheets[1:]:
        # Each sheet says which nämnd, report and table it is: a sheet copied out of the workbook still does.
        assert ws["A1"].value == f"Hässelby-Vällingby stadsdelsnämnd, Tertialrapport 2 2022: {ws.title}"
        assert ws["A1"].font.b
        # The header row is a real header: bold, frozen with the title above it, filtered, printed on each page.
        assert all(c.font.b for c in ws[2] if c.value)
        assert ws.freeze_panes == "A3"
        assert ws.auto_filter.ref.startswith("A2:")
        assert ws.print_title_rows == "$2:$2"
        assert ws.column_dimensions["A"].width >= 10


def test_indicator_figures_are_numbers_with_formats_and_belong_to_their_goal():
    wb = _open(make_rich_report(size=2))
    header, rows = _rows(wb["Indikatorer"])
    assert "Periodens utfall VB 2021" in header and "Utfall kvinnor/flickor" in header
    rate = next(r for r in rows if r["Indikator"].value == "Andel personer som har ekonomiskt bistånd 2")
    assert rate["Målnummer"].value == "1.2"
    assert rate["Mål"].value == "KF-mål nummer 2"
    assert rate["Periodens utfall"].data_type == "n"
    assert rate["Periodens utfall"].value == pytest.approx(1.89)
    assert rate["Periodens utfall"].number_format == "#,##0.00"
    assert rate["Utfall män/pojkar"].value == pytest.approx(1.99)
    assert rate["Periodens utfall VB 2021"].value == pytest.approx(2.11)
    assert rate["Årsmål"].value == pytest.approx(2.15)
    assert rate["Enhet"].value == "%"
    assert rate["Period"].value == "Tertial 2 2022"
    count = next(r for r in rows if r["Indikator"].value == "Antal feriejobb 1")
    assert count["Periodens utfall"].value == 9120
    assert count["Periodens utfall"].number_format == "#,##0"
    assert count["KF:s årsmål"].value == "Tas fram av nämnd"
    assert count["Målnummer"].value == "1.1.1"


def test_text_that_looks_like_a_formula_stays_text():
    wb = _open(make_rich_report(size=1))
    _, rows = _rows(wb["Indikatorer"])
    cell = rows[0]["Analys"]
    assert cell.value == '=HYPERLINK("http://example.org") är inte en formel'
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_activities_and_assessments():
    wb = _open(make_rich_report(size=1))
    _, activities = _rows(wb["Aktiviteter"])
    kf = next(r for r in activities if r["Aktivitet"].value.startswith("Kommunstyrelsen"))
    assert kf["Startdatum"].value == datetime(2022, 1, 1)
    assert kf["Startdatum"].number_format == "yyyy-mm-dd"
    assert kf["Avvikelse"].value == "Ja"
    _, assessments = _rows(wb["Bedömningar"])
    assert [(r["Målnummer"].value, r["Bedömning"].value) for r in assessments] == [
        ("1", "Uppfylls helt"),
        ("1.1", "Uppfylls helt"),
        ("1.1.1", "Uppfylls helt"),
    ]


def test_one_sheet_per_economy_table(monkeypatch):
    table = economy_tables.Table(
        key="drift_summary",
        heading="Uppföljning av driftbudget",
        title="Driftbudget: sammanfattning",
        unit="mnkr",
        columns=["Mnkr", "Budget", "Prognos", "Avvikelse"],
        rows=[
            economy_tables.Row("Kostnader", [Decimal("2412.5"), Decimal("2426.5"), Decimal("-14.0")]),
            economy_tables.Row("=varav farlig", [Decimal("1.0"), None, Decimal("1.0")], level=1),
            economy_tables.Row("Totalt", [Decimal("2413.5"), Decimal("2426.5"), Decimal("-13.0")], is_total=True),
        ],
    )
    monkeypatch.setattr(economy_tables, "report_parts", lambda report, data=None: [table])
    wb = _open(make_rich_report(size=1))
    ws = wb["Driftbudget sammanfattning"]  # ":" is not allowed in a sheet name
    assert [c.value for c in ws[2]] == ["Mnkr", "Budget", "Prognos", "Avvikelse"]
    assert ws["B3"].value == pytest.approx(2412.5) and ws["B3"].data_type == "n"
    assert ws["B3"].number_format == "#,##0.0"
    assert ws["A4"].value == "=varav farlig" and ws["A4"].data_type == "s"
    assert ws["A5"].font.b


def test_query_count_does_not_grow_with_the_report():
    """Guards the N+1 of one query per indicator result, activity result or goal."""
    counts = []
    for size, slug in ((1, "liten"), (6, "stor")):
        report = _load(make_rich_report(make_namnd(f"Nämnd {slug}", slug), size=size))
        with CaptureQueriesContext(connection) as queries:
            build_xlsx(load_report(report))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 22


def test_first_sheet_names_the_report():
    wb = _open(make_rich_report(size=1))
    about = {row[0].value: row[1].value for row in wb["Om rapporten"].iter_rows()}
    assert about["Nämnd"] == "Hässelby-Vällingby stadsdelsnämnd"
    assert about["Period"] == "Tertial 2 2022" and about["Status"] == "Under arbete"
    assert about["Exporterad"].startswith(timezone.localtime().strftime("%Y-%m-%d"))
    assert wb.properties.creator == "Hässelby-Vällingby stadsdelsförvaltning"


def test_sheet_names_are_whole_unique_and_short_enough():
    from tertial.exports.xlsx import _sheet_name

    used = set()
    titles = [
        "Begärda budgetjusteringar och omslutningsförändringar",
        "Begärda budgetjusteringar och omslutningsförändringar",
        "Uppföljning av investeringsverksamheten: parker",
        "Prestations- och omslutningsförändringar drift",
    ]
    names = [_sheet_name(t, used) for t in titles]
    assert names[:2] == ["Begärda budgetjusteringar och", "Begärda budgetjusteringar (2)"]
    for title, name in zip(titles, names, strict=True):
        assert len(name) <= 31 and name == name.strip() and not name.endswith("-")
        words = name.removesuffix(" (2)").split()
        whole = " ".join(title.replace(":", " ").split()).split()
        assert words[:-1] == whole[: len(words) - 1], name
        # The last word is whole, or abbreviated with a full stop where whole words would leave too little.
        assert words[-1] == whole[len(words) - 1] or whole[len(words) - 1].startswith(words[-1].rstrip(".")), name
    assert len({n.lower() for n in names}) == len(names)
    # The published workbook's tab read `Driftbudget per` (cut between words): now the name says what it is.
    assert _sheet_name("Driftbudget per verksamhetsområde (netto)", set()) == "Driftbudget per verksamhetsomr."
    assert _sheet_name("Prestations- och omslutningsförändringar drift", set()) == "Prestations- och omslutningsfö."


def test_a_table_in_a_text_prints_its_figures_the_swedish_way():
    """As Word and the slides do (tertial.textfigures): 1025 → 1 025, 3.5 → 3,5; the year and the header as typed."""
    report = make_rich_report(size=1)
    section = report.sections.filter(goal__isnull=True).order_by("pk").first()
    table = (
        "<table><tr><th>Område</th><th>År</th><th>Antal</th><th>Andel</th></tr>"
        "<tr><td>1-3 år</td><td>2022</td><td>1025</td><td>3.5</td></tr></table>"
    )
    type(section).objects.filter(pk=section.pk).update(analysis=f"<p>Inledning.</p>{table}")
    _, rows = _rows(_open(report)["Avsnitt"])
    text = next(r["Text"].value for r in rows if r["Avsnitt"].value == section.title)
    assert text.splitlines() == ["Inledning.", "Område | År | Antal | Andel", "1-3 år | 2022 | 1\xa0025 | 3,5"]
