"""The economy in the exported files: Förbrukning as numbers in Excel, the unit tkr and the Budgetjusteringar
sentence in Word."""

import io
import re

from docx import Document
from openpyxl import load_workbook

from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Namnd
from tests.conftest import make_namnd, make_period, make_report


def _hv(db):
    report = make_report(
        make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hv"), make_period(2022, "T2"), with_tree=False
    )
    load_hasselby_vallingby_2022(report)
    return report


def _texts(report):
    doc = Document(io.BytesIO(build_docx(load_report(report))))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return paragraphs, cells


def test_forbrukning_is_a_number_in_excel(db):
    namnd = make_namnd("Socialnämnden", "socialnamnden", Namnd.Kind.FACKNAMND)
    report = make_report(namnd, make_period(2024, "T1"), with_tree=False)
    load_socialnamnden_2024(report)
    book = load_workbook(io.BytesIO(build_xlsx(load_report(report))))
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("Resultaträkning"))
    avgifter = next(r for r in sheet.iter_rows() if r[0].value == "Avgifter")
    share = avgifter[3]
    assert isinstance(share.value, float | int) and round(share.value, 3) == 0.471  # 47,1 % as the seed prints
    assert share.number_format == "0.0%"


def test_word_prints_the_unit_tkr_and_the_budgetjusteringar_sentence(db):
    paragraphs, _ = _texts(_hv(db))
    # The numbered caption names the unit (economy.tables Table.caption_title, in Word after its SEQ field).
    assert any(re.fullmatch(r"Tabell \d+\. Resultatenheter, tkr", p) for p in paragraphs)
    assert any(p.startswith("Nämnden begär budgetjustering för drift") for p in paragraphs)
