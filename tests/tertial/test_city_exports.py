"""The city-wide view's exports: Excel with numbers as numbers and user text never a formula, and the city's
summary in Word with a heading per KF goal, its count sentence and the nämnder's bedömningar."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from economy.models import BudgetAdjustment
from tertial.models import Membership
from tests.conftest import make_city, make_user

from .helpers import login


@pytest.fixture
def reader(db):
    return make_user("stadslasare", role=Membership.Role.CITY)


def _workbook(client, view, query=""):
    response = client.get(reverse("city:export_excel", args=["2022-T2", view]) + query)
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def test_economy_excel_has_numbers_as_numbers_and_the_total(client, reader):
    make_city(3)
    login(client, reader)
    ws = _workbook(client, "ekonomi")["Per nämnd (mnkr)"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Nämnd" and rows[0][-1] == "Avvikelse"
    assert rows[-1][0] == "Samtliga nämnder" and rows[-1][1] == 300 and rows[-1][-1] == pytest.approx(4.5)
    assert ws.cell(row=2, column=2).number_format == "#,##0.0"


def test_adjustments_excel_keeps_formula_like_text_as_text(client, reader):
    make_city(1)
    adjustment = BudgetAdjustment.objects.get()
    adjustment.purpose = '=HYPERLINK("http://example.org")'
    adjustment.save()
    login(client, reader)
    wb = _workbook(client, "budgetjusteringar")
    cell = wb["Budgetjusteringar"].cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert wb["Budgetjusteringar"].cell(row=2, column=3).value == pytest.approx(0.5)
    assert wb["Budgetjusteringar"].cell(row=2, column=6).value == "Ej behandlad"
    assert [c.value for c in wb["Omslutningsförändringar"][2]] == ["Nämnd 00", "Äldreomsorg", 2, -2, 0]


def test_indicator_excel_has_the_city_value_row(client, reader):
    from tertial.city.models import CityIndicator

    make_city(2)  # outcomes 10 and 11
    CityIndicator.objects.create(code="KF-1", method=CityIndicator.Method.SUM)
    login(client, reader)
    ws = _workbook(client, "indikatorer", "?indikator=KF-1").active
    assert [c.value for c in ws[4]][:3] == ["Hela staden", 21, 41]
    assert client.get(reverse("city:export_excel", args=["2022-T2", "indikatorer"]) + "?indikator=x").status_code == 404


def test_unknown_export_is_404(client, reader):
    login(client, reader)
    make_city(1)
    assert client.get(reverse("city:export_excel", args=["2022-T2", "okand"])).status_code == 404


def test_word_summary_has_a_heading_per_goal_with_its_sentence_and_bedomningar(client, reader):
    make_city(4)  # 1.1: helt, helt, delvis, inte
    login(client, reader)
    response = client.get(reverse("city:export_word", args=["2022-T2"]))
    doc = Document(io.BytesIO(response.content))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 2", "KF:s mål för verksamhetsområdet: 1.1 KF-mål") in headings
    texts = [p.text for p in doc.paragraphs]
    assert (
        "Två av fyra nämnder bedömer att målet uppfylls helt, en att det uppfylls delvis och en att det inte uppfylls."
        in texts
    )
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "◐ Uppfylls delvis" in cells and "Nämnd 02" in cells
    assert any(c == "2,0" for c in cells)  # the deviation per nämnd, Swedish


def test_word_summary_has_the_pages_charts_as_pictures_with_alternative_text(client, reader):
    from PIL import Image

    make_city(4)
    login(client, reader)
    doc = Document(io.BytesIO(client.get(reverse("city:export_word", args=["2022-T2"])).content))
    pictures = doc.inline_shapes
    assert len(pictures) == 2
    alts = [shape._inline.docPr.get("descr") for shape in pictures]
    assert alts == [
        "Nämndernas bedömningar per mål: helt, delvis, inte, ej bedömd. Siffrorna står i tabellen nedan.",
        "Avvikelse per nämnd, mnkr. Siffrorna står i tabellen nedan.",
    ]
    blobs = [
        doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob for shape in pictures
    ]
    image = Image.open(io.BytesIO(blobs[1]))
    assert image.format == "PNG" and image.width == 1440  # the SVG's 720 units, twice as sharp
    # A drawn chart, not an empty picture: the bars' blue and the negative red are there.
    colours = {colour for _count, colour in image.getcolors(maxcolors=1_000_000)}
    assert (0x1B, 0x5E, 0x9E) in colours


def test_the_page_and_the_word_picture_draw_the_same_figure(client, reader):
    """One drawing, two outputs: every bar of the SVG on the page is a rectangle of the PNG's figure."""
    from tertial.city import charts, selectors
    from tertial.models import Period

    make_city(4)
    figure = charts.deviation_figure(selectors.city_economy(Period.objects.get(year=2022, kind="T2")))
    svg = figure.svg("x")
    rects = [s for s in figure.shapes if s[0] == "rect"]
    assert len(rects) == 4 and svg.count("<rect") == 4
    assert all(f'width="{w:.1f}"' in svg for _k, _x, _y, w, _h, _f in rects)


def test_economy_and_indicator_excel_carry_a_native_chart_of_the_table(client, reader):
    make_city(4)
    login(client, reader)
    sheet = _workbook(client, "ekonomi")["Per nämnd (mnkr)"]
    (chart,) = sheet._charts
    series = chart.series[0]
    # The Avvikelse column of the four nämnder, without the total row; the nämnder's names as categories.
    assert series.val.numRef.f == "'Per nämnd (mnkr)'!$G$2:$G$5"
    assert series.cat.numRef.f == "'Per nämnd (mnkr)'!$A$2:$A$5"
    assert (sheet.max_row, sheet.cell(row=6, column=1).value) == (6, "Samtliga nämnder")  # the total, not charted


def test_the_city_indicator_page_and_excel_head_their_columns_as_the_indicator_table(client, reader, monkeypatch):
    """One home for a column's heading (indicators.table): renamed there, the KF-indikatorer page, its sort
    choices and its Excel sheet follow."""
    import dataclasses

    from indicators import table

    columns = tuple(
        dataclasses.replace(c, label="Prognos för helåret") if c.key == "forecast" else c
        for c in table.INDICATOR_COLUMNS
    )
    monkeypatch.setattr(table, "INDICATOR_COLUMNS", columns)
    make_city(2)
    login(client, reader)
    page = client.get(reverse("city:indicators", args=["2022-T2"]) + "?indikator=KF-1").content.decode()
    assert ">Prognos för helåret<" in page and "Prognos helår" not in page
    header = [c.value for c in _workbook(client, "indikatorer", "?indikator=KF-1").active[1]]
    assert header[:4] == ["Nämnd", "Periodens utfall", "Prognos för helåret", "Årsmål"]
