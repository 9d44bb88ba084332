"""The tjänsteutlåtande as a Word document, in the order of DOMAIN.md, from `selectors.load_report`.

Styles come from the committed base.docx (see make_base_docx.py) and are looked up once, then referenced by id:
python-docx's style lookup scans every style on each use. Body paragraphs, runs and table rows are written as
XML in order (a 270-page report in under a second); tables are filled row by row, cell after cell, never
through `Table.cell(i, j)`, which is quadratic in the size of the table.
"""

import io
from copy import deepcopy
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.section import Section as DocxSection
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from lxml import etree

from economy import tables as economy_tables
from indicators.table import ACTIVITY_COLUMNS, activity_headings, indicator_columns, indicator_headings

from .. import richtext
from ..models import Namnd, Section
from ..numbers import format_number, format_typed
from ..sections import Chapter
from ..textfigures import display_rows
from ..textsafety import strip_unsafe
from .make_base_docx import (
    ASSESSMENT_STYLE,
    BASE_DOCX,
    CELL_PT,
    CELL_STYLE,
    DENSE_CELL_PT,
    DENSE_CELL_STYLE,
    LABEL_STYLE,
    TABLE_STYLE,
)
from .measure import longest_word_pt, text_width_pt
from .properties import administration_name, document_date, replace_app_properties, set_document_properties
from .selectors import GoalItem, ReportData, printable

TEXT_WIDTH = Cm(16.6)
LANDSCAPE_TEXT_WIDTH = Cm(25.3)
# Points: a table's header row and its cells. Tables print at 10 pt (the Tabelltext style), as the city's reports
# do; a table whose columns do not fit at that size without breaking a word prints dense (Tabelltext tät): the
# indicator table's nine columns always, a wide economy table or a pasted table when it must.
SIZES = {False: (9, CELL_PT), True: (8, DENSE_CELL_PT)}
# A cell's left and right margins (the table style's tblCellMar, 70 twips each) and a little slack.
CELL_PADDING = Pt(7 + 2)
# One meaning per heading style, whatever the chapter: Heading 1 the chapter, 2 an inriktningsmål or a chapter's
# text section, 3 a KF goal (or a text section's subsection), 4 a nämndmål; a subheading inside any text (an
# analysis, the Sammanfattande analys) is Heading 5 (`## `) or 6 (`### `), never a goal's style. Word's navigation
# pane and the PDF's bookmarks follow the outline level, which each subheading (and a goal's `Analys`) gets from
# its place in the tree: a KF goal > its Analys > the analysis's subheadings, and beside its Analys its nämndmål.
SUBHEADING_LEVEL = 5
# The table of contents lists the document's structure (chapters, inriktningsmål and text sections, KF goals).
TOC_LEVELS = 3


class _Writer:
    """Holds the document and its cached style objects while the report is written into it."""

    def __init__(self, data: ReportData):
        self.data = data
        self.report = data.report
        self.doc = Document(str(BASE_DOCX))
        styles = self.doc.styles
        self.heading = {level: styles[f"Heading {level}"] for level in range(1, 7)}
        self.normal = styles["Normal"]
        self.bullet = styles["List Bullet"]
        self.numbered = styles["List Number"]
        self.list_styles = {
            (False, 1): self.bullet,
            (False, 2): styles["List Bullet 2"],
            (True, 1): self.numbered,
            (True, 2): styles["List Number 2"],
        }
        self.title = styles["Title"]
        self.caption = styles["Caption"]
        self.header_style = styles["Header"]
        self.assessment = styles[ASSESSMENT_STYLE]
        self.label = styles[LABEL_STYLE]
        self.cell = styles[CELL_STYLE]
        self.table_style = styles[TABLE_STYLE]
        self.cell_ids = {False: self.cell.style_id, True: styles[DENSE_CELL_STYLE].style_id}  # by `dense`
        self.table_style_id = self.table_style.style_id
        self.sect_pr = self.doc.element.body.find(qn("w:sectPr"))
        self.toc_heading = styles["TOC Heading"]
        self.toc_styles = {level: styles[f"toc {level}"].style_id for level in range(1, TOC_LEVELS + 1)}
        self.toc: list[tuple[int, str, str]] = []  # (level, text, bookmark) of every heading the contents list
        self.toc_at = None  # the paragraph the table of contents is written after
        self.toc_field = True
        self.landscape = False
        self._landscape_sect_pr = None

    # -- small building blocks -------------------------------------------------------------------------------
    # Paragraphs are written as XML and placed before the section properties directly: python-docx's
    # `add_paragraph` searches the whole body for sectPr and the style table for the default style on every
    # call, which makes a 100-page report take minutes instead of a second.

    def para(self, style, text: str = "", *, bold: bool = False, runs: list[richtext.Run] = ()):
        p = _paragraph(style.style_id, (_run_xml(text, bold) if text else "") + _runs_xml(runs))
        self.sect_pr.addprevious(p)
        return p

    def add_heading(self, text: str, level: int, *, new_page: bool = False, outline: int | None = None):
        """A heading in the style of `level`; `outline`: its level in the document's tree when that differs."""
        p = self.para(self.heading[min(level, 6)])
        if new_page:
            _sub(p.find(_W_PPR), _W_PAGEBREAK)  # a chapter starts on a new page
        if outline is not None:
            _outline_level(p, outline)
        if level <= TOC_LEVELS:
            # A bookmark for the table of contents' entry (its hyperlink and PAGEREF field point here).
            name = f"_Toc{len(self.toc) + 1:06d}"
            self.toc.append((level, text, name))
            start = _sub(p, _W_BOOKMARK_START)
            start.set(_W_ID, str(len(self.toc)))
            start.set(_W_NAME, name)
            _run(p, text)
            _sub(p, _W_BOOKMARK_END).set(_W_ID, str(len(self.toc)))
        elif text:
            _run(p, text)
        return p

    def add_chapter(self, text: str):
        return self.add_heading(text, 1, new_page=True)

    def add_paragraph(self, text: str = "", style=None):
        return self.para(style or self.normal, text)

    def add_runs(self, p, runs: list[richtext.Run]) -> None:
        for run in runs:
            _run(p, run.text, run.bold, italic=run.italic)

    def add_richtext(self, text: str, outline: int) -> None:
        """A text (`tertial.richtext`): its h2 become Heading 5 (h3 Heading 6) at outline level `outline` (h3 one
        further) of the document's tree, lists List Bullet / List Number (and their level 2 styles), tables real
        Word tables with a repeating header row."""
        for block in richtext.parse(text):
            if block.kind == "heading":
                step = block.level - 1
                p = self.add_heading("", SUBHEADING_LEVEL + step, outline=outline + step)
                self.add_runs(p, block.runs)
            elif block.is_list:
                self.add_list(block)
            elif block.kind == "table":
                self.add_text_table(block.rows)
            else:
                self.para(self.normal, runs=block.runs)

    def add_list(self, block: richtext.Block, depth: int = 1) -> None:
        numbered = block.kind == "numbers"
        style = self.list_styles[(numbered, min(depth, 2))]
        num_id = self.restarted_numbering(style) if numbered else None  # each numbered list starts at 1
        for item in block.list_items:
            p = self.para(style, runs=item.runs)
            if num_id:
                _set_num(p, num_id, 0)
            for child in item.children:
                self.add_list(child, depth + 1)

    def restarted_numbering(self, style) -> str | None:
        """A new w:num on the style's numbering with its counter restarted (Word continues a list style's numbers
        through the whole document otherwise)."""
        num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return str(num.numId)

    def add_text_table(self, rows: list[list[str]]) -> None:
        """A table typed or pasted into a text: the first row its header, figures right-aligned and printed the
        Swedish way (`tertial.textfigures`)."""
        head, *body = display_rows(rows)
        widths, dense = column_widths(head, [(row, False) for row in body], TEXT_WIDTH)
        table = self.add_table(head, widths=widths, dense=dense)
        for row in body:
            cells = "".join(
                _cell_xml(width, _p_xml(table._cell_id, _run_xml(text) if text else "", right=richtext.is_figure(text)))
                for width, text in zip(table._widths, row, strict=True)
            )
            table._tbl.append(_row(cells))
        self.para(self.cell)  # air below, as above

    def add_table(
        self, columns: list[str], widths_cm: list[float] | None = None, *, widths=None, air: bool = True, dense=False
    ):
        """A table in the house style with a header row that repeats on every page. `widths` in EMU; `dense`: in
        the small sizes (`SIZES`)."""
        # Written as XML and placed directly: Document.add_table looks up the page width through an XPath over
        # the whole body, and python-docx's property setters search the schema's order, once per table.
        if widths is None:
            widths = [Cm(w) for w in widths_cm] if widths_cm else [int(TEXT_WIDTH / len(columns))] * len(columns)
        widths = [int(w) for w in widths]
        cell_id = self.cell_ids[dense]
        size = SIZES[dense][0] * 2
        header = "".join(
            _cell_xml(width, _p_xml(cell_id, _run_xml(text, True, size)))
            for text, width in zip(columns, widths, strict=True)
        )
        grid = "".join(f'<w:gridCol w:w="{width // 635}"/>' for width in widths)
        tbl = parse_xml(
            f"<w:tbl {_W_NS}><w:tblPr>"
            f'<w:tblStyle w:val="{xml_escape(self.table_style_id, _QUOTE)}"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'  # left-aligned, fixed column widths
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0"'
            ' w:noVBand="1" w:val="04A0"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
        )
        tbl.append(_row(header, header=True))
        if air:
            self.para(self.cell)  # a little air between the text above and the table
        self.sect_pr.addprevious(tbl)
        table = Table(tbl, self.doc._body)
        table._widths = widths
        table._cell_id = cell_id
        return table

    def add_row(self, table, values: list[str], *, right_from: int = 1, bold: bool = False, indent: bool = False):
        # Rows are written cell after cell as XML (never through Table.cell(i, j), which is quadratic in the
        # size of the table; python-docx's add_row costs a schema lookup per cell property).
        cell_id = table._cell_id
        cells = "".join(
            _cell_xml(
                width,
                _p_xml(
                    cell_id,
                    _run_xml(text, bold) if text else "",
                    right=index >= right_from,
                    indent=indent and index == 0,
                ),
            )
            for index, (width, text) in enumerate(zip(table._widths, values, strict=True))
        )
        tr = _row(cells)
        table._tbl.append(tr)
        return tr

    def add_spanning_row(self, table, label: str, text: str) -> None:
        """An `Analys` row under an indicator or activity: one cell across the whole table."""
        cell_id = table._cell_id
        paragraphs = [_p_xml(cell_id, _run_xml(label, True))]
        for line, runs in _cell_lines(text):
            paragraphs.append(_p_xml(cell_id, (_run_xml(line) if line else "") + _runs_xml(runs)))
        table._tbl.append(_row(_cell_xml(sum(table._widths), "".join(paragraphs), span=len(table._widths))))

    # -- the page header ---------------------------------------------------------------------------------------

    def _field(self, paragraph, instruction: str, placeholder: str) -> None:
        """A live Word field (PAGE, NUMPAGES): python-docx has no API for fields, so the XML is written here."""
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        run._r.append(begin)
        run = paragraph.add_run()
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        run = paragraph.add_run()
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        run._r.append(separate)
        paragraph.add_run(placeholder)
        run = paragraph.add_run()
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run._r.append(end)

    def write_header(self) -> None:
        """The running header. A stadsdelsnämnd's tjänsteutlåtande: `Tjänsteutlåtande`, Dnr, `Sid X (Y)`, the
        nämnd and the report's date; a facknämnd's report: `Socialnämnden, Tertialrapport 5(56)`. The date is the
        report's own: a report without one says so, it never prints the day of the export."""
        self.fill_header(self.doc.sections[0])

    def fill_header(self, section) -> None:
        """The header of `section`, its right tab stop at that section's right margin (portrait or landscape)."""
        header = section.header
        header.is_linked_to_previous = False
        right = section.page_width - section.left_margin - section.right_margin
        report = self.report
        header_id = self.header_style.style_id  # by id: the style setter scans every style for the default one
        first = header.paragraphs[0]
        first._p.get_or_add_pPr().style = header_id
        first.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        if report.namnd.kind == Namnd.Kind.FACKNAMND:
            first.add_run(strip_unsafe(f"{report.namnd.name}, {report.title.split(' ')[0]} "))
            self._field(first, "PAGE", "1")
            first.add_run("(")
            self._field(first, "NUMPAGES", "1")
            first.add_run(")")
            first.add_run("\t" + document_date(report))
        else:
            first.add_run("Tjänsteutlåtande").bold = True
            first.add_run("\t")
            first.add_run("Sid ")
            self._field(first, "PAGE", "1")
            first.add_run(" (")
            self._field(first, "NUMPAGES", "1")
            first.add_run(")")
            second = _header_paragraph(header, header_id)
            second.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
            second.add_run(strip_unsafe(f"Dnr {report.dnr}" if report.dnr else report.namnd.name))
            second.add_run("\t" + document_date(report))
        if not report.is_locked:
            draft = _header_paragraph(header, header_id)
            draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = draft.add_run("UTKAST")
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    def write_front_page(self) -> None:
        """The first page of a Stockholm tjänsteutlåtande: förvaltning, handläggare and telephone, the recipient,
        the title; after Förslag till beslut the signatories and the list of bilagor."""
        report = self.report
        self.add_paragraph(administration_name(report.namnd.name), self.label)
        for label, value in (
            ("Dnr", report.dnr),
            ("Handläggare", report.officer_name),
            ("Telefon", report.officer_phone),
        ):
            if value:
                self.add_paragraph(f"{label}: {value}")
        self.add_paragraph(document_date(report))
        recipient = self.add_paragraph()
        _run(recipient, report.recipient_line, True)
        self.para(self.title, f"{report.title} för {report.namnd.name}")
        if not report.is_locked:
            self.add_paragraph(f"Utkast – status: {report.get_status_display().lower()}")

    def write_signatures(self) -> None:
        """Förvaltningsdirektör and avdelningschef side by side, as the tjänsteutlåtande is signed."""
        names = [
            (self.report.director_name, "Förvaltningsdirektör"),
            (self.report.department_head_name, "Avdelningschef"),
        ]
        names = [(name, role) for name, role in names if name]
        if not names:
            return
        self.add_paragraph()
        for line in (0, 1):
            p = self.add_paragraph()
            _tab_stop(p, TEXT_WIDTH // 2)
            _run(p, "\t".join(pair[line] for pair in names), line == 0)

    def write_attachments(self) -> None:
        if not self.data.attachments:
            return
        self.add_heading("Bilagor", 2)
        for attachment in self.data.attachments:
            self.add_paragraph(f"{attachment.number}. {attachment.title}")

    # -- the table of contents --------------------------------------------------------------------------------

    def write_toc_placeholder(self) -> None:
        """Innehållsförteckning on a page of its own; its entries are written when every heading is known."""
        title = self.para(self.toc_heading, "Innehållsförteckning")
        _sub(title.find(_W_PPR), _W_PAGEBREAK)
        self.toc_at = title

    def write_toc(self) -> None:
        """A real TOC field (Word updates it: `updateFields` in the settings) whose result is already filled in:
        each entry a link to its heading's bookmark with a PAGEREF field for the page, which LibreOffice computes
        when it lays out the PDF, so the contents are right before anyone presses F9."""
        anchor = self.toc_at
        entries = self.toc or [(1, "", "")]
        for index, (level, text, bookmark) in enumerate(entries):
            p = _sub(self.doc.element.body, _P)
            anchor.addnext(p)
            anchor = p
            ppr = _ppr(p, self.toc_styles[level])  # pStyle, then the tab stop at the margin with a dot leader
            tabs = _sub(ppr, _W_TABS)
            tab = _sub(tabs, _W_TAB)
            tab.set(_W_VAL, "right")
            tab.set(_W_LEADER, "dot")
            tab.set(_W_POS, str(int(TEXT_WIDTH) // 635))
            # Heading styles 1–3 only (no \\u): the outline levels given to Analys and subheadings stay out.
            if index == 0 and self.toc_field:
                _field_chars(p, f' TOC \\o "1-{TOC_LEVELS}" \\h \\z ', end=False)
            if bookmark:
                link = _sub(p, _W_HYPERLINK)
                link.set(_W_ANCHOR, bookmark)
                link.set(_W_HISTORY, "1")
                _run(link, text)
                _sub(_sub(link, _W_R), _W_TAB_CHAR)
                _field_chars(link, f" PAGEREF {bookmark} \\h ", result="")
            if index == len(entries) - 1 and self.toc_field:
                _sub(_sub(p, _W_R), _W_FLDCHAR).set(_W_FLDCHARTYPE, "end")
        # Word refreshes the contents and page numbers when the document is opened.
        settings = self.doc.settings.element
        update = settings.find(_W_UPDATEFIELDS)
        if update is None:
            update = OxmlElement("w:updateFields")
            settings.insert(0, update)
        update.set(_W_VAL, "true")

    # -- the report ------------------------------------------------------------------------------------------

    def write(self) -> None:
        data = self.data
        self.write_header()
        self.write_front_page()

        self.add_heading("Förslag till beslut", 1)
        for item in data.decisions:
            self.para(self.numbered, item)
        self.write_signatures()
        self.write_attachments()

        # The chapters in document order; their text sections come from the year's template (tertial.sections).
        if self.report.table_of_contents:
            self.write_toc_placeholder()

        self.add_chapter(Chapter.SUMMARY.label)
        self.write_chapter_texts(Chapter.SUMMARY)

        self.add_chapter(Chapter.GOALS.label)
        for item in data.goals:
            self.write_goal(item)

        self.write_economy()
        self.write_chapter_texts(Chapter.ECONOMY)

        if self.data.chapters.get(Chapter.OTHER) and any(
            printable(s) for item in self.data.chapters[Chapter.OTHER] for s in [item.section, *item.children]
        ):
            self.add_chapter(Chapter.OTHER.label)  # an empty Övrigt is left out, never a bare heading
            self.write_chapter_texts(Chapter.OTHER)
        if self.toc_at is not None:
            self.write_toc()

    def write_chapter_texts(self, chapter: str) -> None:
        for item in self.data.chapters.get(chapter, []):
            children = [child for child in item.children if printable(child)]
            if not printable(item.section) and children and not item.lead:
                # An empty section over written subsections: its heading still heads them (no orphans).
                self.add_heading(item.section.title, 2)
            else:
                self.write_text(item.section, 2, lead=item.lead)
            for child in children:
                self.write_text(child, 3)

    def write_text(self, section: Section, level: int, *, lead: bool = False) -> None:
        """A text section: its heading (none for a chapter's lead text) and its text, or Inte aktuellt."""
        if not printable(section):
            return  # no empty heading
        if not lead:
            self.add_heading(section.title, level)
        if section.not_applicable:
            self.add_paragraph("Inte aktuellt")
        else:
            # A lead text's subheadings stand right under the chapter; a section's under its heading.
            self.add_richtext(section.analysis, level if lead else level + 1)

    def write_goal(self, item: GoalItem) -> None:
        goal = item.goal
        level = goal.level + 1  # inriktningsmål under the chapter heading (Heading 1)
        self.add_heading(goal.heading, level)
        if item.assessed:
            self.para(self.assessment, item.assessment_label)
        if goal.level == 3:
            for label, text in (("Beskrivning", goal.description), ("Förväntat resultat", goal.expected_result)):
                if text.strip():
                    self.para(self.label, label)
                    self.add_richtext(text, level + 1)
        if item.section.analysis.strip() and not item.assessed:
            # An inriktningsmål of a year without its bedömning (2019–2022): its prose straight under the heading.
            self.add_richtext(item.section.analysis, level + 1)
        elif item.section.analysis.strip():
            # `Analys` is the goal's child in the outline (beside its nämndmål), its subheadings are Analys's.
            _outline_level(self.para(self.label, "Analys"), level + 1)
            self.add_richtext(item.section.analysis, level + 2)
        if item.indicators:
            widths = [c.word_cm for c in indicator_columns()]
            table = self.add_table(indicator_headings(self.report.period.year), widths, dense=True)
            for row in item.indicators:
                self.add_row(table, row.cells())
                if row.analysis.strip():
                    self.add_spanning_row(table, "Analys", row.analysis)
            self.add_paragraph()
        if item.activities:
            table = self.add_table(activity_headings(), [c.word_cm for c in ACTIVITY_COLUMNS])
            for row in item.activities:
                self.add_row(table, row.cells())
                if row.analysis.strip():
                    self.add_spanning_row(table, "Analys", row.analysis)
            self.add_paragraph()

    def write_economy(self) -> None:
        """Every economy table under its document heading, each verksamhetsområde's narrative after its table,
        the economy texts (Försäljningar, Verksamhetsprojekt, …) where the economy module places them."""
        parts = self.data.economy_parts
        if parts and isinstance(parts[0], economy_tables.Table) and parts[0].wide:
            # The chapter heading goes with its first table onto the landscape page (the section break starts
            # the page), not alone on a portrait one.
            self.switch_orientation()
            self.add_heading(Chapter.ECONOMY.label, 1)
        else:
            self.add_chapter(Chapter.ECONOMY.label)
        current = None
        number = 0
        for part in parts:
            wide = isinstance(part, economy_tables.Table) and part.wide
            if wide != self.landscape:
                self.switch_orientation()
            if isinstance(part, economy_tables.Narrative):
                section = part.section
                if not (section.analysis.strip() or section.not_applicable):
                    continue  # no empty heading
                # Under the heading it shares with the table above (an area), or its own (Försäljningar, …); a
                # table under the same heading follows without repeating it (Analys av balansräkning).
                if part.heading != current:
                    current = part.heading
                    self.add_heading(current, 2)
                if part.subheading:  # Tertialbokslut, the budgetjustering a motivering explains
                    self.add_heading(part.subheading, 3)
                if section.not_applicable:
                    self.add_paragraph("Inte aktuellt")
                else:
                    self.add_richtext(section.analysis, 3)
                continue
            if part.heading != current:
                current = part.heading
                self.add_heading(current, 2)
            if part.intro:
                self.add_paragraph(part.intro)
            number += 1
            self.add_caption(number, part.caption_title())
            rows = [([row.label] + [_cell_text(v) for v in row.values], row) for row in part.rows]
            available = LANDSCAPE_TEXT_WIDTH if wide else TEXT_WIDTH
            widths, dense = column_widths(part.columns, [(values, row.is_total) for values, row in rows], available)
            table = self.add_table(part.columns, widths=widths, air=False, dense=dense)
            for values, row in rows:
                self.add_row(table, values, bold=row.is_total, indent=row.level > 0)
            self.add_paragraph(part.note)  # the rounding note, or the usual empty paragraph after a table
        if self.landscape:
            self.switch_orientation()

    def add_caption(self, number: int, title: str) -> None:
        """`Tabell 3. Driftbudget per verksamhetsområde (netto), mnkr`: the number is a SEQ field (Word's own
        caption numbering, so a table added by hand renumbers the rest), its result written in already."""
        p = self.para(self.caption)
        _run(p, "Tabell ")
        _field_chars(p, " SEQ Tabell \\* ARABIC ", result=str(number))
        _run(p, f". {title}")

    def switch_orientation(self) -> None:
        """End the current section and start one in the other orientation: a table of seven columns or more
        gets landscape pages (with a header of its own, right-aligned to the wider margin), then portrait
        again. A section's properties sit in its last paragraph, so the section that ends is the one written."""
        ending = deepcopy(self.landscape_sect_pr() if self.landscape else self.sect_pr)
        p = self.para(self.normal)
        p.find(_W_PPR).append(ending)
        self.landscape = not self.landscape

    def landscape_sect_pr(self):
        """The landscape section's properties, made once (its header part too) and copied for every wide table."""
        if self._landscape_sect_pr is None:
            sect_pr = deepcopy(self.sect_pr)
            for reference in sect_pr.findall(qn("w:headerReference")):
                sect_pr.remove(reference)
            section = DocxSection(sect_pr, self.doc.part)
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = section.page_width, section.page_height
            section.page_width, section.page_height = height, width
            self.fill_header(section)
            self._landscape_sect_pr = sect_pr
        return self._landscape_sect_pr

    def finish(self) -> bytes:
        report = self.report
        set_document_properties(
            self.doc.core_properties,
            title=f"Tjänsteutlåtande: {report.title} {report.namnd.name}",
            report=report,
        )
        replace_app_properties(self.doc.part.package, "Tertial")
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


_P = qn("w:p")
# Characters XML cannot hold (pasted from other programs): dropped rather than failing the whole export.


_W_PPR, _W_PSTYLE = qn("w:pPr"), qn("w:pStyle")
_W_R, _W_RPR, _W_B, _W_SZ, _W_T = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:sz"), qn("w:t")
_W_I, _W_NUMPR, _W_ILVL, _W_NUMID = qn("w:i"), qn("w:numPr"), qn("w:ilvl"), qn("w:numId")


def _set_num(p, num_id: str, level: int) -> None:
    """Put a paragraph in numbering `num_id` at `level` (numPr comes right after pStyle in pPr)."""
    ppr = p.find(_W_PPR)
    num_pr = OxmlElement("w:numPr")
    _sub(num_pr, _W_ILVL).set(_W_VAL, str(level))
    _sub(num_pr, _W_NUMID).set(_W_VAL, num_id)
    ppr.find(_W_PSTYLE).addnext(num_pr)


def _cell_lines(text: str) -> list[tuple[str, list]]:
    """A text inside a table cell (an indicator's Analys): one paragraph per block, list item and table row, a
    prefix for items (`• `, `– ` one level down, `1. `) and cells joined with ` | `."""
    lines = []

    def add_list(block, depth):
        for number, item in enumerate(block.list_items, 1):
            prefix = f"{number}. " if block.kind == "numbers" else ("• " if depth == 1 else "– ")
            lines.append(("    " * (depth - 1) + prefix, item.runs))
            for child in item.children:
                add_list(child, depth + 1)

    for block in richtext.parse(text):
        if block.is_list:
            add_list(block, 1)
        elif block.kind == "table":
            lines.extend((" | ".join(row), []) for row in block.rows)
        else:
            lines.append(("", block.runs))
    return lines


_W_VAL, _XML_SPACE = qn("w:val"), qn("xml:space")
# lxml's SubElement keeps python-docx's element classes (it uses the parent's parser) and is several times
# faster than OxmlElement, which parses the prefixed tag name on every call: this is the export's inner loop.
_sub = etree.SubElement


def _ppr(p, style_id: str):
    """Paragraph properties holding the style (a paragraph built element by element; most are `_p_xml`)."""
    ppr = _sub(p, _W_PPR)
    _sub(ppr, _W_PSTYLE).set(_W_VAL, style_id)
    return ppr


_W_PAGEBREAK, _W_TABS, _W_TAB, _W_TAB_CHAR = qn("w:pageBreakBefore"), qn("w:tabs"), qn("w:tab"), qn("w:tab")
_W_LEADER, _W_POS, _W_HYPERLINK, _W_ANCHOR = qn("w:leader"), qn("w:pos"), qn("w:hyperlink"), qn("w:anchor")
_W_HISTORY, _W_BOOKMARK_START, _W_BOOKMARK_END = qn("w:history"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_W_ID, _W_NAME, _W_FLDCHAR, _W_FLDCHARTYPE = qn("w:id"), qn("w:name"), qn("w:fldChar"), qn("w:fldCharType")
_W_INSTR, _W_UPDATEFIELDS = qn("w:instrText"), qn("w:updateFields")


def _field_chars(parent, instruction: str, *, result: str | None = None, end: bool = True) -> None:
    """A complex field's runs (begin, instruction, separate[, result][, end]) appended to `parent`."""
    _sub(_sub(parent, _W_R), _W_FLDCHAR).set(_W_FLDCHARTYPE, "begin")
    instr = _sub(_sub(parent, _W_R), _W_INSTR)
    instr.set(_XML_SPACE, "preserve")
    instr.text = instruction
    _sub(_sub(parent, _W_R), _W_FLDCHAR).set(_W_FLDCHARTYPE, "separate")
    if result:
        _run(parent, result)
    if end:
        _sub(_sub(parent, _W_R), _W_FLDCHAR).set(_W_FLDCHARTYPE, "end")


_W_OUTLINE = qn("w:outlineLvl")


def _outline_level(p, level: int) -> None:
    """The paragraph's level in the navigation pane and the PDF's bookmarks (1 = a chapter), whatever its style.
    Last in pPr, as the schema orders it (the export writes nothing after it)."""
    ppr = p.find(_W_PPR)
    _sub(ppr, _W_OUTLINE).set(_W_VAL, str(level - 1))


# Paragraphs and table rows are written as XML text and parsed by python-docx's parser (its element classes):
# one parse in C costs a third of building the same elements one SubElement call at a time.
_W_NS = nsdecls("w")
_QUOTE = {'"': "&quot;"}


def _xml_text(text: str) -> str:
    # Printable text holds none of the unsafe characters (all are Cc, Cs or Cn): skip the regex, the inner loop.
    if not text.isprintable():
        text = strip_unsafe(text)
    return xml_escape(text) if "&" in text or "<" in text or ">" in text else text


def _run_xml(text: str, bold: bool = False, size: int | None = None, *, italic: bool = False) -> str:
    """A run of text as XML; `size` in half points."""
    rpr = ""
    if bold or italic or size:
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        rpr += (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r>'


def _runs_xml(runs: list[richtext.Run]) -> str:
    """A text's runs (`tertial.richtext.Run`: bold, italic) as XML."""
    return "".join(_run_xml(run.text, run.bold, italic=run.italic) for run in runs)


def _p_xml(style_id: str, content: str = "", *, right: bool = False, indent: bool = False, ns: str = "") -> str:
    """A paragraph as XML: its properties in schema order (pStyle, ind, jc), then `content` (runs); `ns` the
    namespace declaration of a paragraph parsed on its own."""
    ppr = f'<w:pStyle w:val="{xml_escape(style_id, _QUOTE)}"/>'
    if indent:
        ppr += '<w:ind w:left="227"/>'  # 0,4 cm: a varav row under its parent
    if right:
        ppr += '<w:jc w:val="right"/>'
    return f"<w:p{ns}><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def _cell_xml(width: int, paragraphs: str, span: int = 1) -> str:
    """A table cell of `width` EMU (spanning `span` grid columns) holding `paragraphs`."""
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width // 635}" w:type="dxa"/>{grid_span}</w:tcPr>{paragraphs}</w:tc>'


def _row(cells: str, *, header: bool = False):
    """A table row of `cells` that stays on one page (split, its figures would lose the indicator's name); the
    header row repeats on every page."""
    repeat = '<w:tblHeader w:val="true"/>' if header else ""
    return parse_xml(f"<w:tr {_W_NS}><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>")


def _header_paragraph(header, style_id: str):
    paragraph = header.add_paragraph()
    paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _paragraph(style_id: str, content: str = ""):
    return parse_xml(_p_xml(style_id, content, ns=" " + _W_NS))


def _tab_stop(p, position_emu: int) -> None:
    """A left tab stop (pPr/tabs, in twentieths of a point) so two signatures stand side by side."""
    ppr = p.find(_W_PPR)
    if ppr is None:
        ppr = _sub(p, _W_PPR)
        p.remove(ppr)
        p.insert(0, ppr)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "left")
    tab.set(qn("w:pos"), str(int(position_emu) // 635))
    tabs.append(tab)
    style = ppr.find(_W_PSTYLE)
    if style is not None:
        style.addnext(tabs)
    else:
        ppr.insert(0, tabs)


def _run(p, text: str, bold: bool = False, size: int | None = None, *, italic: bool = False) -> None:
    """A run of text; `size` in half points."""
    r = _sub(p, _W_R)
    if bold or italic or size:
        rpr = _sub(r, _W_RPR)
        if bold:
            _sub(rpr, _W_B)
        if italic:
            _sub(rpr, _W_I)
        if size:
            _sub(rpr, _W_SZ).set(_W_VAL, str(size))
    t = _sub(r, _W_T)
    t.set(_XML_SPACE, "preserve")
    # Printable text holds none of the unsafe characters (all are Cc, Cs or Cn): skip the regex, the inner loop.
    t.text = text if text.isprintable() else strip_unsafe(text)


def _cell_text(value) -> str:
    """Economy figures with one decimal (`2 412,5`); text cells as they are."""
    if value is None:
        return ""
    if isinstance(value, economy_tables.Typed):  # a budgetjustering typed as 1,25 stays 1,25
        return format_typed(value)
    if isinstance(value, Decimal | int):
        return format_number(value, 1)
    return str(value)  # text, or a share (economy.tables.Percent prints `47,0 %`)


def column_widths(columns: list[str], rows: list[tuple[list[str], bool]], available: int) -> tuple[list[int], bool]:
    """Column widths (EMU) from the content, filling `available`, and whether the table prints dense: at the
    usual sizes when every column fits there, else in the small sizes (`SIZES`)."""
    widths = _fitted_widths(columns, rows, available, *SIZES[False])
    if widths is not None:
        return widths, False
    dense = _fitted_widths(columns, rows, available, *SIZES[True])
    if dense is not None:
        return dense, True
    minimum = _minimum_widths(columns, rows, *SIZES[True])[0]
    return [int(w * available / sum(minimum)) for w in minimum], True  # even dense it does not fit: shrink


def _minimum_widths(columns, rows, header_size, cell_size) -> tuple[list[int], list[int]]:
    """Each column at least as wide as its widest header word (bold) and its widest figure, so no word breaks
    mid-word and no figure wraps; the first column (the row labels) at least its widest word. And each column's
    wanted width: its header on at most three lines, the label column its longest label on one line."""
    minimum, wanted = [], []
    for j, header in enumerate(columns):
        cells = [(values[j], bold) for values, bold in rows if j < len(values) and values[j]]
        header_word = longest_word_pt(header, header_size, bold=True)
        three_lines = text_width_pt(header, header_size, bold=True) / 3
        if j == 0:
            words = max((longest_word_pt(text, cell_size, bold=bold) for text, bold in cells), default=0.0)
            whole = max((text_width_pt(text, cell_size, bold=bold) for text, bold in cells), default=0.0)
            minimum.append(max(header_word, words))
            wanted.append(max(minimum[-1], whole, three_lines))
        else:
            figures = max((text_width_pt(text, cell_size, bold=bold) for text, bold in cells), default=0.0)
            minimum.append(max(header_word, figures))
            wanted.append(max(minimum[-1], three_lines))
    return [Pt(w) + CELL_PADDING for w in minimum], [Pt(w) + CELL_PADDING for w in wanted]


def _fitted_widths(columns, rows, available, header_size, cell_size) -> list[int] | None:
    """The minimum widths (or None when they do not fit in `available`), and what is left given first to
    headers that would take more than three lines, then to the label column up to its longest label, then
    evenly to all columns."""
    widths, wanted = _minimum_widths(columns, rows, header_size, cell_size)
    spare = available - sum(widths)
    if spare < 0:
        return None
    for order in (range(1, len(columns)), [0]):  # the figures' headers first, then the labels
        deficit = sum(wanted[j] - widths[j] for j in order)
        if deficit > 0:
            share = min(1.0, spare / deficit)
            for j in order:
                given = (wanted[j] - widths[j]) * share
                widths[j] += given
                spare -= given
    return [int(w + spare / len(columns)) for w in widths]


def build_docx(data: ReportData, *, for_pdf: bool = False) -> bytes:
    """The tjänsteutlåtande. `for_pdf`: the table of contents as entries with PAGEREF fields outside a TOC field,
    because LibreOffice keeps a TOC field's result as it is (without page numbers) but computes PAGEREF."""
    writer = _Writer(data)
    writer.toc_field = not for_pdf
    writer.write()
    return writer.finish()
