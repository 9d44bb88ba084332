"""The economy tables of a report as plain data, computed once and used by the web page, the exports and the
publication checks alike. Contract (filled in by the economy work):

- `report_tables(report) -> list[Table]` every table of Uppföljning av ekonomi in document order, figures computed.
- `decision_items(report) -> list[str]` the numbered Förslag till beslut texts, item 1 first.
- `area_summary(report) -> tuple[list[tuple[str, Decimal, Decimal]], tuple[Decimal, Decimal]]`: per
  verksamhetsområde (name, budget, avvikelse prognos) and the computed total, for the slide deck.
- `consistency_problems(report) -> list[Problem]` totals, varav sums or balances that do not hold.
A fixed number of queries each, whatever the number of rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Row:
    label: str
    values: list  # Decimal | str | None per column after the label column
    level: int = 0  # 0 = row, 1 = varav row (indented)
    is_total: bool = False


@dataclass
class Table:
    key: str  # stable id, e.g. "drift_summary"
    heading: str  # the document heading the table stands under, e.g. "Uppföljning av driftbudget"
    title: str  # caption
    unit: str  # "mnkr" or "tkr"
    columns: list[str]  # column headers including the first (label) column
    rows: list[Row] = field(default_factory=list)


@dataclass
class Problem:
    table_key: str
    place: str
    message: str


def report_tables(report) -> list[Table]:
    return []


def decision_items(report) -> list[str]:
    return [
        f"Nämnden godkänner förvaltningens förslag till {report.title[0].lower() + report.title[1:]} "
        "och överlämnar den till kommunstyrelsen och stadens revisorer."
    ]


def area_summary(report):
    return [], (Decimal(0), Decimal(0))


def consistency_problems(report) -> list[Problem]:
    return []
