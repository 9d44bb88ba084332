"""One indicator table: the page, Word, Excel and the slides print the same columns (Period included) with the same
figures, because they all read `indicators.table`; a column added there reaches all four."""

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from indicators import table
from indicators.models import Indicator
from tertial.exports.docx import build_docx
from tertial.exports.pptx import build_pptx
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Membership, Period, Report
from tests.conftest import make_period, make_user
from tests.tertial.export_helpers import make_rich_report
from tests.tertial.helpers import login, url

pytestmark = pytest.mark.django_db


def _report():
    report = make_rich_report(size=1)
    section = report.sections.get(goal__number="1.1")
    section.presentation_summary = "- Färre hushåll har ekonomiskt bistånd."
    section.save()
    return Report.objects.select_related("namnd", "period").get(pk=report.pk), section


def _page_tables(client, report, section) -> list[list[list[str]]]:
    """The section page's indicator table: header and rows, the text of each cell (an input's value for a figure
    the page edits)."""
    html = client.get(url("section_edit", report, section)).content.decode()
    body = html[html.index('class="table table-sm align-middle indicator-table"') :]
    body = body[: body.index("</table>")]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = []
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S):
            value = re.search(r'<input[^>]*value="([^"]*)"', cell)
            text = value.group(1) if value else re.sub(r"<[^>]+>", "", cell)
            cells.append(unescape(text).strip())
        rows.append(cells)
    return [r for r in rows if len(r) > 1]


def _word_table(report):
    doc = Document(io.BytesIO(build_docx(load_report(report))))
    found = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indikator")
    return [[c.text for c in row.cells] for row in found.rows]


def _excel_sheet(report):
    """The sheet's rows from its header row on (row 1 is the title naming nämnd and report)."""
    wb = load_workbook(io.BytesIO(build_xlsx(load_report(report))))
    ws = wb["Indikatorer"]
    assert ws["A1"].value.endswith(": Indikatorer") and ws.freeze_panes == "A3"
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)], ws


def _slide_table(report):
    prs = Presentation(io.BytesIO(build_pptx(load_report(report))))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == "Indikator":
                return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError("no indicator table on any slide")


def _excel_indicator_columns(header):
    """Excel adds Målnummer, Mål (before) and Typ, Enhet (after the name) and Analys (last) around the table."""
    assert header[:5] == ["Målnummer", "Mål", "Indikator", "Typ", "Enhet"] and header[-1] == "Analys"
    return ["Indikator", *header[5:-1]]


def test_page_word_excel_and_slides_print_the_same_columns(client, users):
    report, section = _report()
    expected = table.indicator_headings(2022)
    assert expected[0] == "Indikator" and expected[-1] == "Period" and "Periodens utfall VB 2021" in expected

    skribent = make_user("skribent-hv", namnd=report.namnd, role=Membership.Role.SKRIBENT)
    login(client, skribent)
    page = _page_tables(client, report, section)
    word = _word_table(report)
    excel, _ = _excel_sheet(report)
    slides = _slide_table(report)

    assert page[0] == expected
    assert word[0] == expected
    assert _excel_indicator_columns(excel[0]) == expected
    assert slides[0] == expected


def test_a_row_reads_the_same_on_the_page_in_word_and_on_the_slides(client, users):
    report, section = _report()
    skribent = make_user("skribent-hv", namnd=report.namnd, role=Membership.Role.SKRIBENT)
    login(client, skribent)
    page_row = next(r for r in _page_tables(client, report, section) if r[0].startswith("Andel personer"))
    word_row = next(r for r in _word_table(report) if r[0].startswith("Andel personer"))
    slide_row = next(r for r in _slide_table(report) if r[0].startswith("Andel personer"))
    printed = ["1,89\xa0%", "1,99\xa0%", "2,09\xa0%", "2,11\xa0%", "1,89\xa0%", "2,15\xa0%", "1,5\xa0%"]
    assert word_row[1:8] == printed and word_row[8] == "Tertial 2 2022"
    assert slide_row == word_row
    # The page's inputs hold the figure without its unit (the unit stands beside the input).
    assert page_row[1:4] + page_row[5:6] == ["1,89", "1,99", "2,09", "1,89"]
    assert [page_row[4], page_row[6], page_row[7], page_row[8]] == [word_row[4], *word_row[6:9]]


def test_a_column_added_to_the_table_reaches_every_surface(client, users, monkeypatch):
    """What adding a column costs: a Column in indicators.table (and a model field, if it is a new figure)."""
    unit = table.Column("unit", "Enhet", 1.0, 8, numeric=False)
    columns = (table.INDICATOR_COLUMNS[0], unit, *table.INDICATOR_COLUMNS[1:])
    monkeypatch.setattr(table, "INDICATOR_COLUMNS", columns)
    report, section = _report()
    expected = table.indicator_headings(2022)
    assert expected[1] == "Enhet"

    skribent = make_user("skribent-hv", namnd=report.namnd, role=Membership.Role.SKRIBENT)
    login(client, skribent)
    page = _page_tables(client, report, section)
    word = _word_table(report)
    excel, _ = _excel_sheet(report)
    slides = _slide_table(report)
    assert page[0] == word[0] == slides[0] == expected
    assert _excel_indicator_columns(excel[0]) == ["Indikator", *expected[1:]]
    rate = next(r for r in word if r[0].startswith("Andel personer"))
    assert rate[1] == "%" and rate[2] == "1,89\xa0%"
    assert next(r for r in page if r[0].startswith("Andel personer"))[1] == "%"
    assert next(r for r in slides if r[0].startswith("Andel personer"))[1] == "%"


@pytest.mark.parametrize(
    "value, unit, printed, excel_format",
    [
        (Decimal("1.4000"), "%", "1,4\xa0%", "#,##0.0"),  # the report prints 1,4 %, not 1,40 %
        (Decimal("60.0000"), "%", "60\xa0%", "#,##0"),  # not 60,00 % beside 60 %
        (Decimal("98.5000"), "%", "98,5\xa0%", "#,##0.0"),  # never rounded to 99 %
        (Decimal("1.8900"), "%", "1,89\xa0%", "#,##0.00"),
        (Decimal("9120"), "st", "9\xa0120\xa0st", "#,##0"),
        (Decimal("-3.5"), "", "-3,5", "#,##0.0"),
    ],
)
def test_a_figure_is_written_as_entered_whatever_the_indicators_decimals(value, unit, printed, excel_format):
    indicator = Indicator(unit=unit, decimals=0 if value == Decimal("98.5") else 2)
    assert table.figure_text(value, indicator) == printed
    assert table.excel_number_format(value.normalize()) == excel_format


def test_excel_cells_show_the_decimals_the_documents_print():
    report, _ = _report()
    rate = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    result = rate.results.get(report=report)
    result.forecast = Decimal("1.4")
    result.save()
    rows, sheet = _excel_sheet(report)
    header = rows[0]
    row = next(i for i, r in enumerate(rows, start=2) if r[2] == rate.name)
    forecast = sheet.cell(row=row, column=header.index("Prognos helår") + 1)
    outcome = sheet.cell(row=row, column=header.index("Periodens utfall") + 1)
    assert (forecast.value, forecast.number_format) == (pytest.approx(1.4), "#,##0.0")
    assert (outcome.value, outcome.number_format) == (pytest.approx(1.89), "#,##0.00")
    assert next(r for r in _word_table(report) if r[0] == rate.name)[5] == "1,4\xa0%"


@pytest.mark.parametrize(
    "kind, period_kind, label",
    [
        ("T1", "tertial", "Tertial 1 2024"),
        ("T2", "tertial", "Tertial 2 2024"),
        ("VB", "tertial", "Helår 2024"),
        ("T1", "halvar", "Halvår 1 2024"),  # as Socialnämnden's T1 2024 prints it
        ("T2", "halvar", "Halvår 1 2024"),
        ("VB", "halvar", "Halvår 2 2024"),
        ("T1", "ar", "2024"),
        ("T2", "ar", "2024"),
        ("VB", "ar", "2024"),
    ],
)
def test_period_column_in_every_combination(kind, period_kind, label):
    period = make_period(2024, kind)
    assert period.kind == getattr(Period.Kind, kind)
    assert table.period_label(Indicator(period_kind=period_kind), period) == label
