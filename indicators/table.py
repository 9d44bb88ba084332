"""The indicator and activity tables, once: their columns, each cell's value and how each figure is written.

The section page, the Word document, the Excel workbook and the slides all print `INDICATOR_COLUMNS` through
`IndicatorRow`, so a figure reads the same everywhere (`1,4 %` on the page is `1,4 %` in Word and has one decimal
in Excel) and a new column is added here (and in the model, when it is a new figure), nowhere else.
"""

from dataclasses import dataclass
from decimal import Decimal

from tertial.numbers import format_number

from .models import Indicator


@dataclass(frozen=True)
class Column:
    key: str  # what IndicatorRow.value reads
    label: str  # as the documents head the column; `{previous_year}` is filled in
    word_cm: float  # width in a portrait Word page (16,6 cm of text): each header word fits at 8 pt
    excel_width: int  # characters
    editable: bool = False  # an IndicatorResult field the section page edits (`key` is the field's name)
    numeric: bool = True  # right-aligned

    def heading(self, year: int) -> str:
        return self.label.format(previous_year=year - 1)


INDICATOR_COLUMNS = (
    Column("name", "Indikator", 3.6, 50, numeric=False),
    Column("outcome", "Periodens utfall", 1.65, 12, editable=True),
    Column("outcome_men", "Utfall män/pojkar", 1.8, 12, editable=True),
    Column("outcome_women", "Utfall kvinnor/flickor", 2.2, 12, editable=True),
    Column("previous_vb", "Periodens utfall VB {previous_year}", 1.65, 14),
    Column("forecast", "Prognos helår", 1.45, 12, editable=True),
    Column("target", "Årsmål", 1.4, 14),
    Column("kf_target", "KF:s årsmål", 1.4, 14),
    Column("period", "Period", 1.45, 15, numeric=False),
)
EDITABLE_FIGURES = tuple(c for c in INDICATOR_COLUMNS if c.editable)
FIGURE_LABELS = {c.key: c.label for c in EDITABLE_FIGURES}  # "outcome": "Periodens utfall", for messages and history

ACTIVITY_COLUMNS = (
    Column("text", "Aktivitet", 10.3, 60, numeric=False),
    Column("start_date", "Startdatum", 2.1, 12, numeric=False),
    Column("end_date", "Slutdatum", 2.1, 12, numeric=False),
    Column("deviation", "Avvikelse", 2.1, 10, numeric=False),
)


def indicator_columns() -> tuple[Column, ...]:
    """The indicator table's columns. Every surface asks here when it prints (not at import), so one list is the
    table of the page, Word, Excel and the slides."""
    return INDICATOR_COLUMNS


def indicator_headings(year: int) -> list[str]:
    """The indicator table's header row for a report of budget year `year`."""
    return [c.heading(year) for c in indicator_columns()]


def column_label(key: str) -> str:
    """How the documents head the indicator column `key` ("forecast": "Prognos helår"), for every page, export and
    message that names a column outside the table itself."""
    return next(c.label for c in indicator_columns() if c.key == key)


def activity_headings() -> list[str]:
    return [c.label for c in ACTIVITY_COLUMNS]


# --- how a figure is written ------------------------------------------------------------------------------------


def figure_decimals(value: Decimal) -> int:
    """The decimals a figure is written with: its own, as entered (`1,4`, `60`, `98,5`), never padded to the
    indicator's (`1,40`, `60,00`) and never rounded away (`98,5` is not `99`). The indicator's `decimals` is how
    precisely its figures are entered; a stored value keeps exactly that precision, so printing it as entered
    follows the indicator without inventing zeros the source did not have."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def figure_text(value, indicator: Indicator) -> str:
    """A figure of `indicator` with its unit, the Swedish way: `1,89 %`, `9 000 st`, `1,4 %`; empty for None."""
    if value is None:
        return ""
    return format_number(value, figure_decimals(value), indicator.unit.strip())


def excel_number_format(value) -> str:
    """The Excel format that shows `value` with the decimals `figure_text` writes (`#,##0.0` for `1,4`)."""
    decimals = figure_decimals(value) if isinstance(value, Decimal) else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def target(indicator: Indicator, kf: bool = False):
    """Årsmål (or KF:s årsmål) as stored: the number if there is one, else the text (`Öka`, `Tas fram av nämnd`)."""
    value, text = (
        (indicator.kf_target_value, indicator.kf_target_text) if kf else (indicator.target_value, indicator.target_text)
    )
    return value if value is not None else text


def period_label(indicator: Indicator, period) -> str:
    """The `Period` column: `Tertial 2 2022` for a tertial indicator (`Helår 2022` in the VB), `Halvår 1 2024`
    for a half-year indicator (the first half at T1 and T2, as Socialnämnden's T1 2024 prints it; the second in
    the VB), and the bare year for an annual indicator (surveys)."""
    kind = indicator.period_kind
    if kind == Indicator.PeriodKind.AR:
        return str(period.year)
    if kind == Indicator.PeriodKind.HALVAR:
        return f"Halvår {2 if period.kind == 'VB' else 1} {period.year}"
    return f"Helår {period.year}" if period.kind == "VB" else period.label


_RESULT_FIELDS = {"outcome", "outcome_men", "outcome_women", "forecast"}


# --- a row ------------------------------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    """One indicator in one report: its stored figures (result may be None) and last year's VB outcome."""

    indicator: Indicator
    result: object  # IndicatorResult | None
    previous_vb: object  # Decimal | None
    period: object  # tertial.models.Period

    def value(self, key: str):
        """The cell's stored value: a Decimal, a text, or None."""
        ind = self.indicator
        if key == "name":
            return ind.name
        if key == "previous_vb":
            return self.previous_vb
        if key in ("target", "kf_target"):
            return target(ind, kf=key == "kf_target") or None
        if key == "period":
            return period_label(ind, self.period)
        if key in _RESULT_FIELDS:
            return getattr(self.result, key) if self.result is not None else None
        return getattr(ind, key)  # a property of the indicator itself (its unit, its kind)

    def text(self, key: str) -> str:
        value = self.value(key)
        if isinstance(value, Decimal):
            return figure_text(value, self.indicator)
        return value or ""

    def cells(self) -> list[str]:
        """The row as every document prints it, one text per column of INDICATOR_COLUMNS."""
        return [self.text(c.key) for c in indicator_columns()]

    def columns(self) -> list[tuple[Column, str]]:
        """(column, text) per column: for the page, which aligns figures right and heads the row with the name."""
        return list(zip(indicator_columns(), self.cells(), strict=True))

    @property
    def analysis(self) -> str:
        return self.result.analysis if self.result is not None else ""


@dataclass
class ActivityRow:
    activity: object  # indicators.models.Activity
    result: object  # ActivityResult | None

    @property
    def deviation(self) -> bool:
        return bool(self.result is not None and self.result.deviation)

    @property
    def analysis(self) -> str:
        return self.result.analysis if self.result is not None else ""

    def cells(self) -> list[str]:
        """The row as the documents print it: dates as ISO dates, `Ja` where there is an avvikelse (the published
        reports leave the cell empty otherwise)."""
        act = self.activity
        return [
            act.text,
            act.start_date.isoformat() if act.start_date else "",
            act.end_date.isoformat() if act.end_date else "",
            "Ja" if self.deviation else "",
        ]
