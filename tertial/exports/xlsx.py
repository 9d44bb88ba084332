"""The report's tables as an Excel workbook, for the city's collection and for anyone who computes further.

Numbers are stored as numbers with number formats (Excel shows them Swedish in a Swedish locale); text typed by
users is stored as text even when it begins like a formula (`=`, `+`, `-`, `@`, tab, CR): no formula injection.
"""

import io
import re
from datetime import UTC
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from economy.tables.base import Percent, Typed
from indicators.table import ACTIVITY_COLUMNS, excel_number_format, indicator_columns

from .. import richtext
from ..sections import Chapter
from ..textsafety import strip_unsafe
from .properties import administration_name, document_date
from .selectors import ReportData

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
TOTAL_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def put(ws, row: int, column: int, value, fmt: str | None = None):
    """Write one cell: numbers as numbers, user text always as text."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        return cell
    if isinstance(value, str):
        value = strip_unsafe(value)
        cell.value = value
        if value.startswith(_FORMULA_START):
            # openpyxl would store this as a formula; Excel would run it. Keep it text, shown as typed.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if fmt:
            cell.number_format = fmt
    return cell


class _Sheet:
    """A sheet of one table: a title row naming the nämnd, the report and the table (a sheet copied out of the
    workbook still says what it is), then the header row (bold, frozen, filtered, on every printed page), then the
    rows. Without a `report` (the city's workbook) the header is the first row."""

    def __init__(self, wb, title: str, columns: list[tuple[str, int]], used: set[str], *, report=None):
        self.ws = wb.create_sheet(_sheet_name(title, used))
        self.header_row = 1
        if report is not None:
            put(self.ws, 1, 1, f"{report.namnd.name}, {report.title}: {title}").font = TITLE_FONT
            self.header_row = 2
        self.row = self.header_row
        for index, (name, width) in enumerate(columns, start=1):
            cell = put(self.ws, self.header_row, index, name)  # an area's name heads its sheet: text, never a formula
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = f"A{self.header_row + 1}"  # the title and the header stay in view
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        self.columns = len(columns)

    def add(self, values: list, formats: dict[int, str] | None = None, *, bold=False, indent=0):
        self.row += 1
        formats = formats or {}
        for index, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, index, value, formats.get(index))
            if bold:
                cell.font = TOTAL_FONT
            if index == 1 and indent:
                cell.alignment = Alignment(indent=indent)

    def finish(self):
        last = get_column_letter(self.columns)
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{self.row}"


def _whole_words(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut between words (never ending in a space or a dangling dash), or
    with its last word abbreviated where a cut between words would leave less than two thirds."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    cut = cut[:limit].rstrip(" -–,;") or text[:limit]
    if len(cut) < limit * 2 // 3:
        # Cutting between words would drop most of the name (`Driftbudget per`): shorten the last word as an
        # abbreviation instead (`Driftbudget per verksamhetsomr.`).
        cut = text[: limit - 1].rstrip(" -–,;(") + "."
    return cut


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook; cut between words."""
    clean = " ".join(_SHEET_FORBIDDEN.sub(" ", title).split()) or "Tabell"
    name, n = _whole_words(clean, 31), 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = _whole_words(clean, 31 - len(suffix)) + suffix
        n += 1
    used.add(name.lower())
    return name


def _about_sheet(wb, data: ReportData, used: set[str]) -> None:
    """The first sheet says which report the workbook is: nämnd, period, status, when it was exported."""
    report = data.report
    ws = wb.create_sheet(_sheet_name("Om rapporten", used))
    rows = [
        ("Nämnd", report.namnd.name),
        ("Period", report.period.label),
        ("Rapport", report.title),
        ("Status", report.get_status_display()),
        ("Datum för tjänsteutlåtandet", document_date(report)),
        ("Exporterad", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ("Version", data.version[:12]),
    ]
    for index, (label, value) in enumerate(rows, start=1):
        put(ws, index, 1, label).font = HEADER_FONT
        put(ws, index, 2, value)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 45


def build_xlsx(data: ReportData) -> bytes:
    report = data.report
    period = report.period
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    _about_sheet(wb, data, used)
    # The document's indicator columns (indicators.table), between the goal and the indicator's analysis.
    columns = [c for c in indicator_columns() if c.key != "name"]
    sheet = _Sheet(
        wb,
        "Indikatorer",
        [
            ("Målnummer", 11),
            ("Mål", 40),
            ("Indikator", 50),
            ("Typ", 14),
            ("Enhet", 9),
            *[(c.heading(period.year), c.excel_width) for c in columns],
            ("Analys", 60),
        ],
        used,
        report=report,
    )
    first = 6  # the column of the first figure
    for item in data.goals:
        goal = item.goal
        for row in item.indicators:
            ind = row.indicator
            values = [_normalized(row.value(c.key)) for c in columns]
            formats = {
                first + index: excel_number_format(value)
                for index, value in enumerate(values)
                if isinstance(value, Decimal | int)
            }
            sheet.add(
                [goal.number, goal.text, ind.name, ind.get_kind_display(), ind.unit, *values]
                + [richtext.plain_text(row.analysis)],
                formats,
            )
    sheet.finish()

    sheet = _Sheet(
        wb,
        "Aktiviteter",
        [
            ("Målnummer", 11),
            ("Mål", 40),
            *[(c.label, c.excel_width) for c in ACTIVITY_COLUMNS[:1]],
            ("Typ", 14),
            *[(c.label, c.excel_width) for c in ACTIVITY_COLUMNS[1:]],
            ("Analys", 60),
        ],
        used,
        report=report,
    )
    for item in data.goals:
        for row in item.activities:
            act = row.activity
            values = [
                item.goal.number,
                item.goal.text,
                act.text,
                act.get_kind_display(),
                act.start_date,
                act.end_date,
                "Ja" if row.deviation else "Nej",  # a value to filter on, where the documents leave the cell empty
                richtext.plain_text(row.analysis),
            ]
            sheet.add(values, {5: "yyyy-mm-dd", 6: "yyyy-mm-dd"})
    sheet.finish()

    sheet = _Sheet(
        wb,
        "Bedömningar",
        [("Målnummer", 11), ("Nivå", 30), ("Mål", 70), ("Bedömning", 18), ("Granskningsstatus", 20)],
        used,
        report=report,
    )
    for item in data.goals:
        section = item.section
        sheet.add(
            [
                item.goal.number,
                item.goal.get_level_display(),
                item.goal.text,
                section.get_assessment_display() if section.assessment and item.assessed else "",
                section.get_state_display(),
            ]
        )
    sheet.finish()

    # Every text section the Word export prints, in document order: a section added to the year's template
    # reaches Excel without code here (tertial.sections).
    sheet = _Sheet(
        wb,
        "Avsnitt",
        [("Kapitel", 30), ("Avsnitt", 40), ("Obligatoriskt", 14), ("Granskningsstatus", 20), ("Text", 100)],
        used,
        report=report,
    )
    for chapter in Chapter:
        for item in data.chapters.get(chapter, []):
            for section in [item.section, *item.children]:
                text = (
                    "Inte aktuellt" if section.not_applicable else richtext.plain_text(section.analysis, displayed=True)
                )
                required = "Ja" if section.required else "Nej"
                sheet.add([chapter.label, section.title, required, section.get_state_display(), text])
    sheet.finish()

    for table in data.economy:
        columns = [(table.columns[0], 45)] + [(c, 16) for c in table.columns[1:]]
        sheet = _Sheet(wb, table.title or table.heading, columns, used, report=report)
        for row in table.rows:
            values = [row.label, *[_normalized(v) for v in row.values]]
            # Förbrukning is a number formatted as a share (0,470 shown 47,0 %), not the text "47,0 %".
            # A typed amount (a budgetjustering of 1,25) shows the decimals typed, as in Word.
            formats = {i: _economy_format(v) for i, v in enumerate(row.values, start=2)}
            sheet.add(values, formats, bold=row.is_total, indent=row.level * 2)
        sheet.finish()

    props = wb.properties
    props.title = f"{report.title} {report.namnd.name}"
    props.subject = f"{report.title}, {report.namnd.name}"
    props.keywords = report.namnd.name
    props.creator = props.lastModifiedBy = administration_name(report.namnd.name)
    props.created = props.modified = timezone.now().astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.language = "sv-SE"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _economy_format(value) -> str:
    if isinstance(value, Percent):
        return "0.0%"
    if isinstance(value, Typed):
        return "#,##0." + "0" * max(1, -value.normalize().as_tuple().exponent)
    return "#,##0.0"


def _normalized(value):
    """Whole numbers as int, others as Decimal without trailing zeros (stored exactly); empty text as empty."""
    if isinstance(value, Percent):
        return (value.value / 100).normalize()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else value.normalize()
    return value or None
