"""The Word export opened with python-docx: document order, real styles, tables, Swedish figures, page header."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn

from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db


def _open(report) -> Document:
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    return Document(io.BytesIO(build_docx(load_report(report))))


def _body(doc):
    """Paragraphs and tables in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield "p", child
        elif child.tag == qn("w:tbl"):
            yield "t", child


def test_goal_headings_and_assessments_in_document_order():
    report = make_rich_report(size=3)
    doc = _open(report)
    sequence = [
        (p.text, p.style.name) for p in doc.paragraphs if p.style.name in {"Heading 2", "Heading 3", "Heading 4"}
    ]
    goal_headings = [text for text, _ in sequence if text.startswith(("KF:s", "Nämndmål"))]
    assert goal_headings == [
        "KF:s inriktningsmål: 1. En modern storstad med möjligheter och valfrihet för alla",
        "KF:s mål för verksamhetsområdet: 1.1 KF-mål nummer 1",
        "Nämndmål: 1.1.1 Nämndmål nummer 1",
        "KF:s mål för verksamhetsområdet: 1.2 KF-mål nummer 2",
        "Nämndmål: 1.2.1 Nämndmål nummer 2",
        "KF:s mål för verksamhetsområdet: 1.3 KF-mål nummer 3",
        "Nämndmål: 1.3.1 Nämndmål nummer 3",
    ]
    # The goal tree shows in Word's navigation pane: one heading level per goal level.
    levels = {text.split(": ")[0]: style for text, style in sequence if text.startswith(("KF:s", "Nämndmål"))}
    assert levels == {
        "KF:s inriktningsmål": "Heading 2",
        "KF:s mål för verksamhetsområdet": "Heading 3",
        "Nämndmål": "Heading 4",
    }
    assessments = [p.text for p in doc.paragraphs if p.style.name == "Bedömning"]
    assert assessments == ["Uppfylls helt", "Uppfylls helt", "Uppfylls helt", "Uppfylls delvis"] + ["Uppfylls helt"] * 3


def test_chapters_in_the_order_of_the_domain():
    doc = _open(make_rich_report(size=1))
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert chapters == [
        "Förslag till beslut",
        "Sammanfattande analys",
        "Uppföljning av Kommunfullmäktiges inriktningsmål",
        "Uppföljning av ekonomi",
        "Övrigt",
    ]
    decisions = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert decisions[0].startswith("Nämnden godkänner förvaltningens förslag till tertialrapport 2")


def test_analysis_subheadings_bullets_and_bold_become_word_structure():
    doc = _open(make_rich_report(size=1))
    paragraphs = doc.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "Nämndmål: 1.1.1 Nämndmål nummer 1")
    after = paragraphs[index : index + 14]
    styles = [(p.style.name, p.text) for p in after]
    assert ("Etikett", "Beskrivning") in styles
    assert ("Etikett", "Förväntat resultat") in styles
    assert ("Etikett", "Analys") in styles
    # A subheading of a nämndmål's analysis is a real heading one level below the goal (Heading 4 -> 5).
    assert ("Heading 5", "Jämställdhet") in styles
    assert ("List Bullet", "Andra punkten med fet text") in styles
    bullet = next(p for p in after if p.text == "Andra punkten med fet text")
    assert [(r.text, bool(r.bold)) for r in bullet.runs] == [
        ("Andra punkten med ", False),
        ("fet", True),
        (" text", False),
    ]
    assert "**" not in "\n".join(p.text for p in doc.paragraphs)


def test_indicator_and_activity_tables_have_the_documents_columns_and_swedish_figures():
    doc = _open(make_rich_report(size=1))
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert [
        "Indikator",
        "Periodens utfall",
        "Utfall män/pojkar",
        "Utfall kvinnor/flickor",
        "Periodens utfall VB 2021",
        "Prognos helår",
        "Årsmål",
        "KF:s årsmål",
        "Period",
    ] in headers
    assert ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"] in headers
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert [
        "Andel personer som har ekonomiskt bistånd 1",
        "1,89\xa0%",
        "1,99\xa0%",
        "2,09\xa0%",
        "2,11\xa0%",
        "1,89\xa0%",
        "2,15\xa0%",
        "1,5\xa0%",
        "Tertial 2 2022",
    ] in rows
    # Thousands with a no-break space, unit after; a text target printed as typed.
    assert ["Antal feriejobb 1", "9\xa0120\xa0st", "", "", "", "9\xa0000\xa0st", "9\xa0000\xa0st"] == next(
        r for r in rows if r[0] == "Antal feriejobb 1"
    )[:7]
    assert any(
        r[:4] == ["Kommunstyrelsen ska i samarbete med nämnden göra 1", "2022-01-01", "2022-12-31", "Ja"] for r in rows
    )
    # The Analys row of an indicator spans the whole table.
    analysis_rows = [row for t in doc.tables for row in t.rows if row.cells[0].text.startswith("Analys")]
    assert analysis_rows and all(len(row._tr.tc_lst) == 1 for row in analysis_rows)


def test_table_header_rows_repeat_on_every_page():
    doc = _open(make_rich_report(size=1))
    assert doc.tables
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert table.style.name == "Tertial tabell"


def _header_xml(doc) -> str:
    return "".join(p._p.xml for p in doc.sections[0].header.paragraphs)


def test_page_header_has_live_page_fields_and_marks_drafts():
    doc = _open(make_rich_report(size=1))
    header = doc.sections[0].header
    text = "\n".join(p.text for p in header.paragraphs)
    assert "Tjänsteutlåtande" in text
    assert "Hässelby-Vällingby stadsdelsnämnd" in text
    assert "2022-09-08" in text
    assert "Sid 1 (1)" in text  # the fields' cached values; Word and LibreOffice recompute them
    instructions = [e.text.strip() for p in header.paragraphs for e in p._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "UTKAST" in text


def test_a_faststalld_report_carries_no_draft_mark():
    doc = _open(make_rich_report(size=1, status=Report.Status.FASTSTALLD))
    text = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "Tjänsteutlåtande" in text
    assert "UTKAST" not in text
    assert "UTKAST" not in "\n".join(p.text for p in doc.paragraphs)


def test_document_language_is_swedish_and_styles_are_real():
    doc = _open(make_rich_report(size=1))
    styles_xml = doc.styles.element.xml
    assert 'w:val="sv-SE"' in styles_xml
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "sv-SE"
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet"):
        style = doc.styles[name]
        assert style.builtin, name  # Word's own style: the navigation pane and the table of contents use it


def test_query_count_does_not_grow_with_the_report():
    """Guards the N+1 of one query per goal, indicator, result, previous-year outcome or activity."""
    counts = []
    for size, slug in ((1, "liten"), (6, "stor")):
        from tests.conftest import make_namnd

        report = make_rich_report(make_namnd(f"Nämnd {slug}", slug), size=size)
        report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
        with CaptureQueriesContext(connection) as queries:
            build_docx(load_report(report))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 22


def test_economy_tables_print_under_their_headings_with_swedish_figures(monkeypatch):
    from decimal import Decimal

    from economy import tables as economy_tables

    def table(key, heading, title, rows):
        return economy_tables.Table(key, heading, title, "mnkr", ["Mnkr", "Budget", "Prognos", "Avvikelse"], rows)

    tables = [
        table(
            "drift_summary",
            "Uppföljning av driftbudget",
            "Driftbudget",
            [
                economy_tables.Row("Kostnader", [Decimal("2412.5"), Decimal("2426.5"), Decimal("-14")]),
                economy_tables.Row("varav personal", [Decimal("1200"), None, Decimal("0.1")], level=1),
                economy_tables.Row("Totalt", [Decimal("2412.5"), Decimal("2426.5"), Decimal("6")], is_total=True),
            ],
        ),
        table("drift_areas", "Uppföljning av driftbudget", "Per verksamhetsområde", []),
        table("investeringar", "Investeringar", "Investeringar", []),
    ]
    monkeypatch.setattr(economy_tables, "report_parts", lambda report, data=None: tables)
    doc = _open(make_rich_report(size=1))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    start = paragraphs.index(("Heading 1", "Uppföljning av ekonomi"))
    end = paragraphs.index(("Heading 1", "Övrigt"))
    headings = [text for style, text in paragraphs[start:end] if style.startswith("Heading")]
    assert headings == ["Uppföljning av ekonomi", "Uppföljning av driftbudget", "Investeringar"]
    driftbudget = next(t for t in doc.tables if t.rows[0].cells[0].text == "Mnkr" and len(t.rows) == 4)
    rows = [[c.text for c in row.cells] for row in driftbudget.rows]
    assert rows[1] == ["Kostnader", "2\xa0412,5", "2\xa0426,5", "-14,0"]
    assert rows[2] == ["varav personal", "1\xa0200,0", "", "0,1"]
    total = driftbudget.rows[3].cells[0].paragraphs[0].runs[0]
    assert total.bold
