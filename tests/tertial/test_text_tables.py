"""Tables in texts are figures too: their numbers printed the Swedish way on the page, in Word (and so the PDF)
and on the slides, never a year or a code; and a total row that does not add up is a Varning naming both."""

import io

import pytest
from docx import Document

from tertial import richtext
from tertial.checks import VARNING
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report, Section
from tertial.textfigures import display_cell, display_rows, total_problems

from .checks_support import findings, make_clean_report, set_text

NB = "\u00a0"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("1025", f"1{NB}025"),
        ("2412,5", f"2{NB}412,5"),
        ("1 025", f"1{NB}025"),  # an ordinary space: a no-break one, so the figure never breaks over two lines
        ("2\u202f091,5", f"2{NB}091,5"),
        ("3.5", "3,5"),  # an English decimal point: one or two decimals cannot be thousands
        ("0.07 %", f"0,07{NB}%"),
        ("12345.25", f"12{NB}345,25"),
        ("-3,5%", f"-3,5{NB}%"),
        ("−3,5 %", f"−3,5{NB}%"),  # the sign as typed
        ("146 st", "146 st".replace(" ", NB)),
        ("2091 mnkr", f"2{NB}091{NB}mnkr"),
        ("+20,1", "+20,1"),
        ("5", "5"),
        # never changed: what may be a year, a code, a date or something else than one figure
        ("2022", "2022"),
        ("1999", "1999"),
        ("0123", "0123"),
        ("2.091", "2.091"),  # 2 091 or 2,091? printed as typed (the editor asks when it is typed in a figure cell)
        ("1.025.000", "1.025.000"),
        ("2022-08-31", "2022-08-31"),
        ("1-3 år", "1-3 år"),
        ("301 Grimsta förskolor", "301 Grimsta förskolor"),
        ("12 15", "12 15"),
        ("", ""),
    ],
)
def test_a_cell_is_printed_the_swedish_way_when_that_is_safe(cell, shown):
    assert display_cell(cell) == shown


def test_the_header_row_and_code_and_year_columns_stay_as_typed():
    rows = [
        ["Ansvar", "År", "Verksamhet", "Budget 2022"],
        ["12345", "2021", "Förskola", "263400"],
        ["12346", "2022", "Äldreomsorg", "424.8"],
    ]
    assert display_rows(rows) == [
        ["Ansvar", "År", "Verksamhet", "Budget 2022"],
        ["12345", "2021", "Förskola", f"263{NB}400"],
        ["12346", "2022", "Äldreomsorg", "424,8"],
    ]


TABLE = (
    "<p>Prognos per verksamhet:</p><table><tbody>"
    "<tr><th><p>Verksamhet</p></th><th><p>Budget</p></th><th><p>Utfall 2022</p></th></tr>"
    "<tr><td><p>Förskola</p></td><td><p>1025</p></td><td><p>3.5</p></td></tr>"
    "<tr><td><p>År</p></td><td><p>2022</p></td><td><p>1 064</p></td></tr>"
    "</tbody></table>"
)


def test_the_page_prints_the_figures_the_swedish_way_and_stores_them_as_typed():
    html = richtext.to_html(richtext.clean(TABLE))
    assert f'<td class="text-end">1{NB}025</td>' in html
    assert '<td class="text-end">3,5</td>' in html
    assert '<td class="text-end">2022</td>' in html  # a year, as typed
    assert "1025" in richtext.clean(TABLE)  # what was typed is kept; only the printing is Swedish


def test_word_prints_the_figures_the_swedish_way(db):
    from .export_helpers import make_rich_report

    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.analysis = TABLE
    section.save()
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    doc = Document(io.BytesIO(build_docx(load_report(report))))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows if r.cells[0].text in ("Förskola", "År")]
    assert rows == [["Förskola", f"1{NB}025", "3,5"], ["År", "2022", f"1{NB}064"]]


def test_the_slides_print_the_figures_the_swedish_way(db, monkeypatch):
    from tests.tertial.test_export_pptx import _open, _tables

    from .export_helpers import make_rich_report

    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.presentation_summary = TABLE
    section.save()
    [(_title, rows, _table)] = [t for t in _tables(_open(report)) if t[0].startswith("1. ")]
    assert rows[1] == ["Förskola", f"1{NB}025", "3,5"]


# --- the total row ------------------------------------------------------------------------------------------

# The seed deck (skarpnack-T2-2025-presentation): nine rows that sum to 1 354,0 under TOTALT 1 369,2.
SEED_ROWS = [
    ["Verksamhet", "Budget", "Avvikelse"],
    ["Nämnd- och administration", "47,2", "-0,5"],
    ["Individ- och familjeomsorg", "158,8", "3,5"],
    ["Arbetsmarknadsåtgärder", "10,9", "-0,5"],
    ["Ekonomiskt bistånd", "67,2", "-1,5"],
    ["Stadsmiljö", "18,1", "0,0"],
    ["Förskola", "263,4", "-3,0"],
    ["Äldreomsorg", "424,8", "8,0"],
    ["Stöd och service till personer med funktionsnedsättning", "338,3", "0,0"],
    ["Barn, kultur och fritid", "25,3", "-0,5"],
    ["TOTALT", "1 369,2", "5,5"],
]


def test_a_total_that_does_not_add_up_is_found_with_both_figures():
    [problem] = total_problems(SEED_ROWS)
    assert (problem.label, problem.column) == ("TOTALT", "Budget")
    assert problem.message == (
        f"Raden ”TOTALT” har 1{NB}369,2 i kolumnen ”Budget”, men raderna ovanför summerar till 1{NB}354,0."
    )


@pytest.mark.parametrize(
    "rows",
    [
        [r if r[0] != "TOTALT" else ["TOTALT", "1 354,0", "5,5"] for r in SEED_ROWS],  # as it should have been
        # subtotals, then a total of the subtotals; a varav row is part of the row above it
        [
            ["", "Budget"],
            ["Förskola", "263,4"],
            ["varav pedagogisk omsorg", "12,0"],
            ["Äldreomsorg", "424,8"],
            ["Summa vård och omsorg", "688,2"],
            ["Stadsmiljö", "18,1"],
            ["Summa stadsmiljö", "18,1"],
            ["Totalt", "706,3"],
        ],
        # rounded figures: three rows of 0,3 (each 0,33 rounded) under a total of 1,0
        [["", "Andel"], ["A", "0,3"], ["B", "0,3"], ["C", "0,3"], ["Summa", "1,0"]],
        # shares are not summed; a column with words is not a column of figures
        [["", "Andel", "Kommentar"], ["A", "40 %", "ok"], ["B", "30 %", "12"], ["Totalt", "35 %", "10"]],
        # a year in the total row's label column, no figures to sum
        [["", "År"], ["Förskola", "2021"], ["Totalt", "2021"]],
    ],
)
def test_totals_that_hold_or_are_not_sums_pass(rows):
    assert total_problems(rows) == []


def test_the_publication_check_gives_a_varning_at_the_text(namnd):
    report = make_clean_report(namnd)
    html = "<table><tbody>" + "".join(
        "<tr>" + "".join(f"<{'th' if i == 0 else 'td'}><p>{c}</p></{'th' if i == 0 else 'td'}>" for c in row) + "</tr>"
        for i, row in enumerate(SEED_ROWS)
    )
    section = set_text(report, richtext.clean(html + "</tbody></table>"))
    [found] = findings(report, "tabellsumma")
    assert found.severity == VARNING
    assert found.section_id == section.id
    assert "1\xa0369,2" in found.message and "1\xa0354,0" in found.message
    assert found.message.startswith("Tabellen i texten: raden ”TOTALT”")


def test_an_ambiguous_figure_in_a_table_is_a_varning_with_the_question(namnd):
    report = make_clean_report(namnd)
    html = (
        "<table><tbody><tr><th><p>Verksamhet</p></th><th><p>Platser</p></th></tr>"
        "<tr><td><p>Förskola</p></td><td><p>2.091</p></td></tr>"
        "<tr><td><p>År 2.091</p></td><td><p>3.5</p></td></tr></tbody></table>"
    )
    set_text(report, richtext.clean(html))
    [found] = findings(report, "tabelltal")
    assert found.severity == VARNING
    assert found.message == "Tabellen i texten: ”2.091” i kolumnen ”Platser”: menar du 2\xa0091 eller 2,091?"
