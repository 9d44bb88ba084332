"""Tables typed or pasted into texts are figures too: how their cells are printed (the page, Word and so the
PDF, the slides) and whether their total rows add up (the publication checks, `tertial.checks.figures`).

What is stored stays as the writer typed it; only the printing is Swedish (`1025` → `1 025`, `3.5` → `3,5`,
with no-break spaces). A cell is reprinted only when it is one figure beyond doubt: never the header row, never a
column headed as years or codes (`År`, `Ansvar`, `Kod`, …), never what may be a year (`2022`) or a code
(`0123`), never `2.091` (2 091 or 2,091?) or `1.025.000`, never a date, a range or words with a number. The
number of decimals is never changed.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import NBSP, format_number

_UNITS = r"%|procent|st|personer|tkr|mnkr|mdkr|kr|kronor|GWh|MWh|kWh|ton"
_CELL = re.compile(
    rf"^(?P<sign>[-\u2212\u2013+]?)(?P<number>\d[\d \u00a0\u202f\u2009]*(?:[.,]\d+)?)\s*(?P<unit>{_UNITS})?$"
)
_GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*$")
# Headers of columns whose numbers are not amounts: years, codes, numbers of things.
_NOT_FIGURES = re.compile(
    r"(?i)^(?:år|årtal|kod|koder|nr|nummer|id|konto|ansvar|ansvarsnummer|objekt|kostnadsställe|verksamhetskod|"
    r"enhet|enhetsnummer|datum|period|org\.?\s*nr|organisationsnummer|postnummer|telefon)\b"
)
_TOTAL = re.compile(r"(?i)^\s*(?:totalt|total|totalsumma|summa|sum)\b")
_VARAV = re.compile(r"(?i)^\s*varav\b")


@dataclass(frozen=True)
class _Figure:
    value: Decimal
    decimals: int
    sign: str
    unit: str


def _read(cell: str) -> _Figure | None:
    """The figure a cell holds, when it is one figure beyond doubt (see the module's docstring), else None."""
    match = _CELL.match(cell.strip())
    if match is None:
        return None
    sign, number, unit = match.group("sign"), match.group("number").rstrip(), match.group("unit") or ""
    point = re.search(r"[.,]", number)
    whole, separator, fraction = (
        (number[: point.start()], point.group(), number[point.end() :]) if point else (number, "", "")
    )
    whole = whole.strip()
    if separator == "." and len(fraction) == 3:
        return None  # 2.091: 2 091 or 2,091?
    if not _GROUPED.match(whole) and not whole.isdigit():
        return None  # `12 15`: two numbers, or something else
    digits = re.sub(r"\D", "", whole)
    if len(digits) > 1 and digits.startswith("0"):
        return None  # 0123: a code
    if not (sign or unit or separator) and whole.isdigit() and 1900 <= int(digits) <= 2100:
        return None  # a year
    value = Decimal(f"{digits}.{fraction}" if separator else digits)
    if sign in ("-", "\u2212", "\u2013"):
        value = -value
    return _Figure(value, len(fraction), sign, unit)


def display_cell(cell: str) -> str:
    """A cell as printed: the Swedish way when it is one figure beyond doubt, else exactly as typed."""
    figure = _read(cell)
    if figure is None:
        return cell
    text = format_number(abs(figure.value), figure.decimals)
    return figure.sign + text + (NBSP + figure.unit if figure.unit else "")


def figure_columns(header: list[str]) -> list[bool]:
    """Which columns may hold figures: all but the first (the rows' labels) and those headed as years or codes."""
    return [index > 0 and not _NOT_FIGURES.match(h.strip()) for index, h in enumerate(header)]


def display_rows(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows as printed: the header row as typed, figures the Swedish way (`display_cell`)."""
    if not rows:
        return rows
    header, *body = rows
    columns = figure_columns(header)
    return [header] + [[display_cell(c) if columns[i] else c for i, c in enumerate(row)] for row in body]


_AMBIGUOUS = re.compile(r"^[-\u2212\u2013]?\d{1,3}\.\d{3}$")


def ambiguous_cells(rows: list[list[str]]) -> list[tuple[str, str]]:
    """(cell, column header) of each figure such as `2.091` in a column of figures: 2 091 or 2,091? Printed as
    typed (`display_cell` cannot know); the checks ask, as the figure cells of the section page do."""
    if len(rows) < 2:
        return []
    header, *body = rows
    columns = figure_columns(header)
    return [
        (cell.strip(), header[index].strip())
        for row in body
        for index, cell in enumerate(row)
        if index < len(columns) and columns[index] and _AMBIGUOUS.match(cell.strip())
    ]


# --- total rows -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TotalProblem:
    label: str  # the total row's first cell, `Totalt`
    column: str  # the column's header
    total: str  # as printed
    sum: str  # of the rows above, as printed

    @property
    def message(self) -> str:
        return (
            f"Raden ”{self.label}” har {self.total} i kolumnen ”{self.column}”, "
            f"men raderna ovanför summerar till {self.sum}."
        )


def _column_sum(rows: list[list[str]], index: int) -> tuple[Decimal, int, int] | None:
    """(sum, decimals, count) of a column's figures in `rows`, or None if a cell holds something else."""
    total, decimals, count = Decimal(0), 0, 0
    for row in rows:
        cell = row[index].strip() if index < len(row) else ""
        if not cell:
            continue
        figure = _read(cell)
        if figure is None or figure.unit in ("%", "procent"):
            return None  # words, a year, a share: not a column to sum
        total, decimals, count = total + figure.value, max(decimals, figure.decimals), count + 1
    return total, decimals, count


def total_problems(rows: list[list[str]]) -> list[TotalProblem]:
    """Each total row (`Totalt`, `Summa …`) whose figure is not the sum of the rows above it (since the previous
    total row; `varav` rows are part of the row above and not counted) nor, right after other total rows, their
    sum. Figures printed rounded may differ from their sum by half a unit of the last decimal per row."""
    if len(rows) < 3:
        return []
    header, *body = rows
    columns = figure_columns(header)
    problems, block, subtotals = [], [], []
    for row in body:
        label = row[0].strip() if row else ""
        if not _TOTAL.match(label):
            if not _VARAV.match(label):
                block.append(row)
            continue
        parts = block or subtotals  # `Totalt` right under `Summa …` rows: the sum of those
        for index, column in enumerate(columns):
            if not column or index >= len(row):
                continue
            total = _read(row[index])
            summed = _column_sum(parts, index)
            if total is None or total.unit in ("%", "procent") or summed is None or summed[2] == 0:
                continue
            value, decimals, count = summed
            decimals = max(decimals, total.decimals)
            if abs(value - total.value) > Decimal(count) * Decimal(1).scaleb(-decimals) / 2:
                unit = NBSP + total.unit if total.unit else ""
                problems.append(
                    TotalProblem(
                        label,
                        header[index].strip(),
                        display_cell(row[index].strip()),
                        format_number(value, decimals) + unit,
                    )
                )
        subtotals = [*subtotals, row] if block else [row]
        block = []
    return problems
