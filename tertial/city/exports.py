"""The city-wide view's exports: each page to Excel (numbers as numbers, user text never a formula) and the city's
summary to Word, built with the report's export machinery (`tertial.exports.xlsx._Sheet`, `tertial.exports.docx`)."""

import io
from dataclasses import dataclass
from types import SimpleNamespace

from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tertial.exports.docx import _Writer
from tertial.exports.xlsx import _normalized, _Sheet
from tertial.numbers import format_mnkr

from . import charts, indicators, selectors
from .forms import sort_columns

MNKR = "#,##0.0"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BILAGA_ADJUSTMENTS = (
    "Av nämnderna begärda och av stadsledningskontoret avstyrkta/tillstyrkta budgetjusteringar samt av nämnderna "
    "redovisade omslutningsförändringar"
)
BILAGA_PROPOSALS = "Förändring av indikatorer, årsmål eller ansvarig nämnd"


@dataclass
class SheetSpec:
    title: str
    columns: list  # of (header, width)
    rows: list  # of (values, {"bold": bool})
    formats: dict  # column index (1-based) -> number format
    # A native Excel bar chart beside the table: (title, column index of the values); the last row (the total)
    # is left out of it.
    chart: tuple[str, int] | None = None


def _add_chart(sheet, spec: SheetSpec) -> None:
    from openpyxl.chart import BarChart, Reference

    title, column = spec.chart
    last = sheet.row - 1  # without the total row
    if last < 2:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    chart.y_axis.title = spec.columns[column - 1][0]
    chart.x_axis.scaling.orientation = "maxMin"  # the first nämnd at the top, as in the table
    chart.add_data(Reference(sheet.ws, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=2, max_row=last))
    chart.height, chart.width = max(7.5, 0.6 * (last - 1) + 3), 16
    sheet.ws.add_chart(chart, f"{get_column_letter(len(spec.columns) + 2)}2")


def workbook(title: str, sheets: list[SheetSpec]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for spec in sheets:
        sheet = _Sheet(wb, spec.title, spec.columns, used)
        for values, style in spec.rows:
            sheet.add([_normalized(v) if not isinstance(v, str) else v for v in values], spec.formats, **style)
        if spec.chart:
            _add_chart(sheet, spec)
        sheet.finish()
    wb.properties.title = title
    wb.properties.creator = "Tertial"
    wb.properties.language = "sv-SE"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def goals_sheets(period) -> list[SheetSpec]:
    matrix = selectors.goal_matrix(period)
    columns = [("Nämnd", 36)] + [(c.goal.number, 14) for c in matrix.goals]
    rows = [
        ([report.namnd.name] + [c.label if c.section_id else "" for c in cells], {}) for report, cells in matrix.rows
    ]
    goals = SheetSpec(
        "Mål",
        [
            ("Nummer", 9),
            ("Mål", 60),
            ("Helt", 8),
            ("Delvis", 8),
            ("Inte", 8),
            ("Ej bedömd", 10),
            ("Sammanfattning", 80),
        ],
        [
            (
                [c.goal.number, c.goal.text, *(c.counts[k] for k in ("helt", "delvis", "inte", "")), c.sentence],
                {},
            )
            for c in matrix.goals
        ],
        {},
    )
    return [SheetSpec("Måluppfyllelse", columns, rows, {}), goals]


def status_sheets(period) -> list[SheetSpec]:
    rows = selectors.report_status(period)
    columns = [
        ("Nämnd", 36),
        ("Status", 18),
        ("Avsnitt", 9),
        ("Klara (för granskning eller godkända)", 12),
        ("Andel klara", 10),
        ("Fel", 8),
        ("Ej kvitterade varningar", 12),
        ("Sista dag", 12),
        ("Försenad", 10),
    ]
    values = [
        (
            [
                r.report.namnd.name,
                r.report.get_status_display(),
                r.section_count,
                r.done_count,
                r.done_share / 100,
                r.checks.errors if r.checks else None,
                r.checks.unacknowledged if r.checks else None,
                r.deadline,
                "Ja" if r.overdue else "Nej",
            ],
            {},
        )
        for r in rows
    ]
    return [SheetSpec("Status", columns, values, {5: "0%", 8: "yyyy-mm-dd"})]


def _economy_values(row) -> list:
    return [row.label, row.budget, row.requested, row.change, row.forecast, row.transfers, row.deviation]


ECONOMY_COLUMNS = [
    ("Budget", 14),
    ("Begärda budgetjusteringar", 14),
    ("Prestations- och omslutningsförändringar", 16),
    ("Prognos", 14),
    ("Resultatenheternas resultat", 14),
    ("Avvikelse", 14),
]


def economy_sheets(period) -> list[SheetSpec]:
    economy = selectors.city_economy(period)
    fmt = dict.fromkeys(range(2, 8), MNKR)
    namnder = [(_economy_values(r), {}) for r in economy.namnder] + [(_economy_values(economy.total), {"bold": True})]
    areas = [(_economy_values(r), {}) for r in economy.areas] + [(_economy_values(economy.areas_total), {"bold": True})]
    return [
        SheetSpec(
            "Per nämnd (mnkr)", [("Nämnd", 36), *ECONOMY_COLUMNS], namnder, fmt, ("Avvikelse per nämnd, mnkr", 7)
        ),
        SheetSpec("Per verksamhetsområde (mnkr)", [("Verksamhetsområde", 36), *ECONOMY_COLUMNS], areas, fmt),
    ]


def indicator_sheets(period, code: str) -> list[SheetSpec]:
    across = indicators.indicator_across(period, code)
    if across is None:
        return []
    fmt = "#,##0" + ("." + "0" * across.decimals if across.decimals else "")
    rows = [
        (
            [
                i.namnd.name,
                i.result.outcome if i.result else None,
                i.result.forecast if i.result else None,
                i.target_value if i.target_value is not None else i.target_text,
            ],
            {},
        )
        for i in across.indicators
    ]
    rows.append((["Hela staden", across.city.outcome, across.city.forecast, across.kf_target], {"bold": True}))
    columns = [(label, 36 if key == "namnd" else 14) for key, label, _ in sort_columns()]
    chart = (f"{across.name}: periodens utfall per nämnd", 2)
    return [SheetSpec(across.code, columns, rows, {2: fmt, 3: fmt, 4: fmt}, chart)]


def adjustment_sheets(period) -> list[SheetSpec]:
    adjustments = [
        (
            [
                a.report.namnd.name,
                a.get_kind_display(),
                a.amount,
                a.purpose,
                str(a.area or a.category or ""),
                a.city_decision.get_decision_display() if _decision(a) else "Ej behandlad",
                a.city_decision.comment if _decision(a) else "",
            ],
            {},
        )
        for a in selectors.city_adjustments(period)
    ]
    turnover = [
        (
            [t.report.namnd.name, t.area.name, t.costs, t.income, (t.costs or 0) + (t.income or 0)],
            {},
        )
        for t in selectors.city_turnover(period)
    ]
    return [
        SheetSpec(
            "Budgetjusteringar",
            [
                ("Nämnd", 36),
                ("Typ", 12),
                ("Mnkr", 10),
                ("Ändamål", 60),
                ("Avser", 30),
                ("Stadsledningskontorets ställningstagande", 16),
                ("Kommentar", 50),
            ],
            adjustments,
            {3: MNKR},
        ),
        SheetSpec(
            "Omslutningsförändringar",
            [("Nämnd", 36), ("Verksamhet", 36), ("Kostnader", 12), ("Intäkter", 12), ("Netto", 12)],
            turnover,
            {3: MNKR, 4: MNKR, 5: MNKR},
        ),
    ]


def proposal_sheets(period) -> list[SheetSpec]:
    rows = [
        (
            [
                p.report.namnd.name,
                p.indicator.goal.number,
                p.indicator.name,
                p.indicator.target_value if p.indicator.target_value is not None else p.indicator.target_text,
                p.proposed_value if p.proposed_value is not None else p.proposed_text,
                p.sentence,
                p.reason,
            ],
            {},
        )
        for p in selectors.city_proposals(period)
    ]
    columns = [
        ("Nämnd", 36),
        ("Mål", 9),
        ("Indikator", 50),
        ("Nuvarande årsmål", 12),
        ("Föreslaget årsmål", 12),
        ("Förslag", 70),
        ("Motivering", 70),
    ]
    return [SheetSpec("Förslag årsmål", columns, rows, {})]


def _decision(adjustment):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return adjustment.city_decision
    except ObjectDoesNotExist:
        return None


# name in the URL -> (file title, sheets builder)
EXCEL_VIEWS = {
    "maluppfyllelse": ("Måluppfyllelse", goals_sheets),
    "status": ("Status", status_sheets),
    "ekonomi": ("Ekonomi", economy_sheets),
    "indikatorer": ("KF-indikator", indicator_sheets),
    "budgetjusteringar": ("Budgetjusteringar och omslutningsförändringar", adjustment_sheets),
    "indikatorforslag": ("Förslag till ändrade årsmål", proposal_sheets),
}


class _SummaryWriter(_Writer):
    """The city's summary in the report's Word styles: per KF goal a heading, the count sentence and the
    nämnder's bedömningar; then the economy per nämnd."""

    def __init__(self, period):
        super().__init__(SimpleNamespace(report=None))
        self.period = period

    def write(self) -> None:
        period = self.period
        self.para(self.title, f"Nämndernas tertialrapporter – {period.label}")
        matrix = selectors.goal_matrix(period)
        self.add_heading("Bedömningar per mål", 1)
        self.add_figure(charts.assessment_figure(matrix))
        for index, column in enumerate(matrix.goals):
            goal = column.goal
            self.add_heading(goal.heading, goal.level)
            if column.sentence:
                self.add_paragraph(column.sentence)
            table = self.add_table(["Nämnd", "Bedömning"], [11.6, 5.0])
            for _report, cells in matrix.rows:
                cell = cells[index]
                if cell.section_id:
                    self.add_row(table, [cell.namnd.name, f"{cell.symbol} {cell.label}"], right_from=2)
        economy = selectors.city_economy(period)
        self.add_heading("Ekonomi per nämnd", 1)
        self.add_figure(charts.deviation_figure(economy))
        columns = ["Nämnd, mnkr", "Budget", "Begärda budgetjusteringar", "Prognos", "Avvikelse"]
        table = self.add_table(columns, [6.6, 2.5, 2.5, 2.5, 2.5])
        for row in [*economy.namnder, economy.total]:
            values = [row.budget, row.requested, row.forecast, row.deviation]
            self.add_row(table, [row.label, *(format_mnkr(v) for v in values)], bold=row is economy.total)

    def add_figure(self, figure: charts.Figure) -> None:
        """The page's chart as a picture 16 cm wide, its title as the alternative text (the table follows)."""
        self.doc.add_picture(io.BytesIO(figure.png()), width=Cm(16))
        doc_pr = self.doc.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
        doc_pr.set("descr", f"{figure.title}. Siffrorna står i tabellen nedan.")
        doc_pr.set("title", figure.title)
        self.para(self.caption, figure.title)

    def finish(self) -> bytes:
        props = self.doc.core_properties
        props.title = f"Nämndernas tertialrapporter – {self.period.label}"
        props.language = "sv-SE"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def summary_docx(period) -> bytes:
    writer = _SummaryWriter(period)
    writer.write()
    return writer.finish()
