"""The Word document's structure: heading levels with one meaning each, chapters on new pages, the table of
contents (a real TOC field in Word, computed page numbers in the PDF) and PDF bookmarks that follow the headings."""

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from tertial.exports import pdf
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report, Section
from tertial.services import report_update_front_matter

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db

OTHER_KINDS = [Section.Kind.OTHER, Section.Kind.INTERNAL_CONTROL, Section.Kind.SPECIAL_REPORTS]


def _doc(report, **kwargs) -> Document:
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    return Document(io.BytesIO(build_docx(load_report(report), **kwargs)))


def _headings(doc):
    return [(int(p.style.name.split()[1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def test_each_heading_level_has_one_meaning():
    """A KF goal's analysis subheadings (`## Jämställdhet`) used to get Heading 4 like its `Nämndmål: 1.1.1`
    headings: in the navigation pane a nämndmål read as one more topic of the analysis."""
    doc = _doc(make_rich_report(size=2))
    headings = _headings(doc)
    goals_chapter = headings[
        headings.index((1, "Uppföljning av Kommunfullmäktiges inriktningsmål")) + 1 : headings.index(
            (1, "Uppföljning av ekonomi")
        )
    ]
    meaning = {2: "KF:s inriktningsmål:", 3: "KF:s mål för verksamhetsområdet:", 4: "Nämndmål:"}
    for level, text in goals_chapter:
        if level in meaning:
            assert text.startswith(meaning[level]), (level, text)
        else:
            assert level == 5 and text in {"Jämställdhet", "Barns rättigheter"}, (level, text)
    # Every goal's analysis keeps its subheadings: inriktningsmål, two KF goals, two nämndmål.
    assert [t for lvl, t in goals_chapter if lvl == 5].count("Jämställdhet") == 5


def test_a_lower_subheading_is_one_level_further_down():
    report = make_rich_report(size=1)
    section = report.sections.get(goal__number="1.1")
    section.analysis = "## Agenda 2030\n### Mål 5 Jämställdhet\nText."
    section.save()
    headings = _headings(_doc(report))
    assert (5, "Agenda 2030") in headings and (6, "Mål 5 Jämställdhet") in headings


def _page_break_before(p) -> bool:
    ppr = p._p.pPr
    return ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None


def test_chapters_start_on_a_new_page():
    doc = _doc(make_rich_report(size=1))
    chapters = {p.text: _page_break_before(p) for p in doc.paragraphs if p.style.name == "Heading 1"}
    # Förslag till beslut is on the first page, under the front matter.
    assert chapters.pop("Förslag till beslut") is False
    assert chapters and all(chapters.values()), chapters
    assert not any(_page_break_before(p) for p in doc.paragraphs if p.style.name.startswith("Heading 2"))


def _instructions(doc) -> list[str]:
    return [t.text.strip() for t in doc.element.body.iter(qn("w:instrText"))]


def test_table_of_contents_is_a_toc_field_linked_to_the_headings():
    doc = _doc(make_rich_report(size=2))
    title = next(p for p in doc.paragraphs if p.text == "Innehållsförteckning")
    assert title.style.name == "TOC Heading" and _page_break_before(title)
    assert _instructions(doc)[0] == 'TOC \\o "1-3" \\h \\z'
    entries = [p for p in doc.paragraphs if p.style.name.startswith("toc ")]
    texts = [(p.style.name, p.text.rstrip("\t")) for p in entries]
    assert texts[:4] == [
        ("toc 1", "Förslag till beslut"),
        ("toc 1", "Sammanfattande analys"),
        ("toc 1", "Uppföljning av Kommunfullmäktiges inriktningsmål"),
        ("toc 2", "KF:s inriktningsmål: 1. En modern storstad med möjligheter och valfrihet för alla"),
    ]
    assert ("toc 3", "KF:s mål för verksamhetsområdet: 1.2 KF-mål nummer 2") in texts
    assert not any(t.startswith("Nämndmål") for _, t in texts)  # level 4 is below the contents
    # Each entry links to its heading's bookmark and takes its page from it (PAGEREF).
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    anchors = [link.get(qn("w:anchor")) for p in entries for link in p._p.iter(qn("w:hyperlink"))]
    assert len(anchors) == len(entries) and set(anchors) <= bookmarks
    assert [i for i in _instructions(doc) if i.startswith("PAGEREF")] == [f"PAGEREF {a} \\h" for a in anchors]
    # Word refreshes the field (and so the page numbers) when the document is opened.
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_for_the_pdf_the_contents_are_pageref_entries_without_the_toc_field():
    """LibreOffice keeps a TOC field's stored result (no page numbers) but computes PAGEREF fields."""
    doc = _doc(make_rich_report(size=1), for_pdf=True)
    instructions = _instructions(doc)
    assert not any(i.startswith("TOC") for i in instructions)
    assert sum(i.startswith("PAGEREF") for i in instructions) == len(
        [p for p in doc.paragraphs if p.style.name.startswith("toc ")]
    )


def test_the_controller_can_leave_out_the_table_of_contents(users_for_rich):
    report, controller = users_for_rich
    report_update_front_matter(report=report, user=controller, table_of_contents=False)
    doc = _doc(report)
    assert "Innehållsförteckning" not in [p.text for p in doc.paragraphs]
    assert not any(i.startswith("TOC") for i in _instructions(doc))
    assert report.history.first().table_of_contents is False  # the change is in the report's history


@pytest.fixture
def users_for_rich():
    from tests.conftest import make_user

    report = make_rich_report(size=1)
    return report, make_user("controller", namnd=report.namnd, role="controller")


def _outline(pdf_bytes: bytes) -> list[tuple[int, str]]:
    """(depth, title) of the PDF's bookmarks in order, read from its objects (LibreOffice writes them plain)."""
    objects = {}
    data = pdf_bytes
    for match in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        objects[int(match.group(1))] = match.group(2)
    assert b"/ObjStm" not in data, "object streams: this reader cannot see the outline"

    def title(body: bytes) -> str:
        hexed = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", body)
        if hexed:
            return bytes.fromhex(hexed.group(1).decode()).decode("utf-16")
        return re.search(rb"/Title\s*\((.*?)\)", body, re.S).group(1).decode("latin-1")

    def ref(body: bytes, key: bytes) -> int | None:
        m = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
        return int(m.group(1)) if m else None

    root = int(re.search(rb"/Outlines\s*(\d+) 0 R", data).group(1))  # in the document catalog
    result = []

    def walk(number: int | None, depth: int):
        while number is not None:
            body = objects[number]
            result.append((depth, title(body)))
            walk(ref(body, b"First"), depth + 1)
            number = ref(body, b"Next")

    walk(ref(objects[root], b"First"), 0)
    return result


@pytest.mark.skipif(pdf.unavailable_reason() is not None, reason="LibreOffice is not installed here")
def test_pdf_bookmarks_follow_the_heading_tree():
    report = Report.objects.select_related("namnd", "period").get(pk=make_rich_report(size=2).pk)
    data = load_report(report)
    content = pdf.docx_to_pdf(build_docx(data, for_pdf=True))
    outline = _outline(content)
    depth = dict((t, d) for d, t in outline)
    assert depth["Uppföljning av Kommunfullmäktiges inriktningsmål"] == 0
    assert depth["KF:s inriktningsmål: 1. En modern storstad med möjligheter och valfrihet för alla"] == 1
    assert depth["KF:s mål för verksamhetsområdet: 1.1 KF-mål nummer 1"] == 2
    assert depth["Nämndmål: 1.1.1 Nämndmål nummer 1"] == 3
    # The KF goal's Analys, the analysis's subheadings under it, and beside the Analys the nämndmål: the
    # nämndmål is no longer a sibling of the subheading before it.
    titles = [t for _, t in outline]
    kf = titles.index("KF:s mål för verksamhetsområdet: 1.1 KF-mål nummer 1")
    assert outline[kf + 1 : kf + 5] == [
        (3, "Analys"),
        (4, "Jämställdhet"),
        (4, "Barns rättigheter"),
        (3, "Nämndmål: 1.1.1 Nämndmål nummer 1"),
    ]
    assert "Innehållsförteckning" not in titles


@pytest.mark.skipif(
    pdf.unavailable_reason() is not None or shutil.which("pdftotext") is None, reason="LibreOffice or poppler missing"
)
def test_pdf_contents_have_the_page_numbers_of_their_headings():
    report = Report.objects.select_related("namnd", "period").get(pk=make_rich_report(size=2).pk)
    content = pdf.docx_to_pdf(build_docx(load_report(report), for_pdf=True))
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True).stdout
    pages = text.decode().split("\f")
    contents = next(page for page in pages if "Innehållsförteckning" in page)
    for chapter in ("Sammanfattande analys", "Uppföljning av ekonomi"):
        printed = int(re.search(re.escape(chapter) + r"\.+\s*(\d+)", contents).group(1))
        page = pages[printed - 1]
        assert page != contents and chapter in page, chapter  # the chapter is on the page the contents give


# -- economy tables: widths from their words, landscape when wide, numbered captions with units -----------------

HV_AREAS = [
    "Mnkr Netto",
    "Budget",
    "Begärda budgetjusteringar",
    "Prestations- och omslutningsförändringar",
    "Prognos (före resultatöverföringar)",
    "Prognos (efter resultatöverföringar)",
    "Avvikelse",
]


def _economy(monkeypatch, tables):
    from economy import tables as economy_tables

    monkeypatch.setattr(economy_tables, "report_parts", lambda report, data=None: tables)


def _table(key, heading, title, columns, rows=(), unit="mnkr"):
    from decimal import Decimal

    from economy import tables as economy_tables

    rows = list(rows) or [
        economy_tables.Row(
            "Stöd och service till personer med funktionsnedsättning", [Decimal("406.6")] * (len(columns) - 1)
        ),
        economy_tables.Row("Totalt", [Decimal("2091")] * (len(columns) - 1), is_total=True),
    ]
    return economy_tables.Table(key, heading, title, unit, columns, rows)


def _twips_to_pt(value) -> float:
    return int(value) / 20


def test_economy_table_columns_fit_their_longest_header_word(monkeypatch):
    """The published tables break `budgetjusteri|ngar` and `Justera|d avvikel|se`: every column is now at least as
    wide as its widest header word in the bold header font, plus the cell margins."""
    from tertial.exports.measure import longest_word_pt

    soc = ["Verksamhetsområde, mnkr", "Bokslut 2023", "Budget 2024", "Prognos 2024", "Avvikelse"]
    soc += [
        "Prognos Prestationsförändr.",
        "Prognos Budgetjustering",
        "Prognos Resultatöverföring",
        "Justerad avvikelse",
    ]
    summary = ["Mnkr", "Budget", "Begärda budgetjusteringar", "Prestations- och omslutningsförändringar", "Prognos"]
    _economy(
        monkeypatch,
        [
            _table(
                "drift_summary", "Uppföljning av driftbudget", "Uppföljning av driftbudget", summary + ["Avvikelse"]
            ),
            _table("drift_areas", "Uppföljning av driftbudget", "Driftbudget per verksamhetsområde", HV_AREAS),
            _table("soc", "Prognos", "Driftbudget per verksamhetsområde", soc),
        ],
    )
    doc = _doc(make_rich_report(size=1))
    tables = [t for t in doc.tables if t.rows[0].cells[0].text in {"Mnkr", "Mnkr Netto", "Verksamhetsområde, mnkr"}]
    assert len(tables) == 3
    for table in tables:
        grid = [_twips_to_pt(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for width, cell in zip(grid, table.rows[0].cells, strict=True):
            # 7 pt of cell margins (70 twips a side), the word must fit inside, at the size it is printed in.
            size = cell.paragraphs[0].runs[0].font.size.pt
            assert size in (8, 9)
            assert width - 7 >= longest_word_pt(cell.text, size, bold=True), (cell.text, width)
        # A figure never wraps either.
        assert all(w - 7 >= 20 for w in grid[1:])


def test_tables_of_seven_columns_or_more_go_on_landscape_pages_with_their_own_header(monkeypatch):
    summary = ["Mnkr", "Budget", "Begärda budgetjusteringar", "Prognos", "Avvikelse"]
    _economy(
        monkeypatch,
        [
            _table("drift_summary", "Uppföljning av driftbudget", "Uppföljning av driftbudget", summary),
            _table("drift_areas", "Uppföljning av driftbudget", "Driftbudget per verksamhetsområde (netto)", HV_AREAS),
            _table("investeringar", "Investeringar", "Investeringar", summary),
        ],
    )
    doc = _doc(make_rich_report(size=1))
    orientations = [(s.orientation, round(s.page_width.cm, 1)) for s in doc.sections]
    assert orientations == [(0, 21.0), (1, 29.7), (0, 21.0)]
    landscape = doc.sections[1]
    # The wide table is in the landscape section: it ends at the section break after it.
    body = list(doc.element.body.iterchildren())
    breaks = [i for i, el in enumerate(body) if el.tag == qn("w:p") and el.find(".//" + qn("w:sectPr")) is not None]
    wide = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl") and len(el.find(qn("w:tblGrid"))) == 7)
    assert breaks[0] < wide < breaks[1]
    grid = [int(c.get(qn("w:w"))) for c in body[wide].find(qn("w:tblGrid"))]
    assert abs(sum(grid) * 635 - (landscape.page_width - landscape.left_margin - landscape.right_margin)) < Pt(2)
    # Its header is its own, with the page number and the date at the wider right margin; the same texts.
    assert not landscape.header.is_linked_to_previous
    tab = landscape.header.paragraphs[0].paragraph_format.tab_stops[0].position
    assert abs(tab - (landscape.page_width - landscape.left_margin - landscape.right_margin)) < Pt(1)
    assert [p.text for p in landscape.header.paragraphs] == [p.text for p in doc.sections[0].header.paragraphs]


def test_economy_tables_have_numbered_captions_with_their_unit(monkeypatch):
    summary = ["Mnkr", "Budget", "Prognos", "Avvikelse"]
    _economy(
        monkeypatch,
        [
            _table("drift_summary", "Uppföljning av driftbudget", "Uppföljning av driftbudget", summary),
            _table("drift_areas", "Uppföljning av driftbudget", "Driftbudget per verksamhetsområde (netto)", summary),
            _table("resultatenheter", "Resultatenheter", "Resultatenheter", summary, unit="tkr"),
        ],
    )
    doc = _doc(make_rich_report(size=1))
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == [
        "Tabell 1. Uppföljning av driftbudget, mnkr",
        "Tabell 2. Driftbudget per verksamhetsområde (netto), mnkr",
        "Tabell 3. Resultatenheter, tkr",
    ]
    # Word's own numbering (a SEQ field), so a table added by hand renumbers the others.
    assert [i for i in _instructions(doc) if i.startswith("SEQ")] == ["SEQ Tabell \\* ARABIC"] * 3
    # The caption is right above its table (nothing between them) and keeps with it across a page break.
    for caption in captions:
        assert caption._p.getnext().tag == qn("w:tbl")
    assert captions[0].style.paragraph_format.keep_with_next
    # The header row repeats on every page.
    table = captions[0]._p.getnext()
    assert table.find(qn("w:tr")).find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


# -- empty sections: left out, never a bare heading; a written subsection keeps its parent's heading ------------


def test_an_empty_ovrigt_is_left_out_and_a_written_subsection_keeps_its_heading():
    from tertial.sections import Chapter
    from tertial.services import report_section_add

    report = make_rich_report(size=1)
    Section.objects.filter(report=report, kind__in=OTHER_KINDS).update(
        analysis="", not_applicable=False
    )  # no history needed
    chapters = [p.text for p in _doc(report).paragraphs if p.style.name == "Heading 1"]
    assert "Övrigt" not in chapters  # the published demo had an empty Övrigt heading on its last page

    parent = report_section_add(report=report, title="Lika rättigheter för alla", chapter=Chapter.OTHER)
    child = report_section_add(report=report, title="Klagomål och synpunkter", chapter=Chapter.OTHER, parent=parent)
    child.analysis = "Förvaltningen har tagit emot 12 klagomål."
    child.save()
    headings = _headings(_doc(report))
    at = headings.index((1, "Övrigt"))
    assert headings[at + 1 : at + 3] == [(2, "Lika rättigheter för alla"), (3, "Klagomål och synpunkter")]


def test_a_not_applicable_section_prints_inte_aktuellt_under_its_heading():
    report = make_rich_report(size=1)
    section = Section.objects.filter(report=report, kind=Section.Kind.INTERNAL_CONTROL).get()
    section.analysis, section.not_applicable = "", True
    section.save()
    paragraphs = [(p.style.name, p.text) for p in _doc(report).paragraphs]
    at = paragraphs.index(("Heading 2", "Intern kontroll"))
    assert paragraphs[at + 1] == ("Normal", "Inte aktuellt")


def test_tables_print_at_ten_points_and_the_indicator_table_dense():
    """The city's reports print their tables about as large as the text (an activity's text wraps at some 60
    characters); the indicator table's nine columns fit a portrait page only in the dense style."""
    doc = _doc(make_rich_report(size=1))
    styles = {}
    for table in doc.tables:
        first = table.rows[0].cells[0].text
        styles.setdefault(first, set()).update(
            p.style.name for row in table.rows for c in row.cells for p in c.paragraphs
        )
    assert styles["Indikator"] == {"Tabelltext tät"}
    assert styles["Aktivitet"] == {"Tabelltext"}
    assert doc.styles["Tabelltext"].font.size.pt == 10
    assert doc.styles["Tabelltext tät"].font.size.pt == 8.5
    header = next(t for t in doc.tables if t.rows[0].cells[0].text == "Aktivitet").rows[0].cells[0]
    assert header.paragraphs[0].runs[0].font.size.pt == 9


def test_a_table_too_wide_for_ten_points_prints_dense_and_breaks_no_word():
    from tertial.exports.docx import TEXT_WIDTH, column_widths
    from tertial.exports.measure import longest_word_pt

    narrow = ["Verksamhet", "Budget", "Prognos", "Avvikelse"]
    widths, dense = column_widths(narrow, [(["Förskola", "1 205,3", "1 210,0", "-4,7"], False)], TEXT_WIDTH)
    assert not dense and sum(widths) == pytest.approx(TEXT_WIDTH, abs=len(widths))

    wide = ["Verksamhetsområde", "Bokslut", "Budgetjustering", "Prestationsförändring", "Resultatöverföring"]
    wide += ["Prognos", "Avvikelse"]
    rows = [(["Äldreomsorg", "1 205,3", "10,0", "4,7", "0,0", "1 210,0", "-4,7"], False)]
    widths, dense = column_widths(wide, rows, TEXT_WIDTH)
    assert dense  # at 9 pt the header words take more than the 16,6 cm
    for width, header in zip(widths, wide, strict=True):
        assert width / 12700 - 7 >= longest_word_pt(header, 8, bold=True), header
