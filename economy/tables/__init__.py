"""The economy tables of a report as plain data, computed once and used by the web page, the exports and the
publication checks alike. Contract:

- `report_tables(report) -> list[Table]` every table of Uppföljning av ekonomi in document order, figures computed.
- `decision_items(report) -> list[str]` the numbered Förslag till beslut texts, item 1 first.
- `area_summary(report) -> tuple[list[tuple[str, Decimal, Decimal]], tuple[Decimal, Decimal]]`: per
  verksamhetsområde (name, budget, avvikelse prognos) and the computed total, for the slide deck.
- `consistency_problems(report) -> list[Problem]` totals, varav sums or balances that do not hold.
- `report_parts(report) -> list[Table | Narrative]` the tables and the economy narrative sections (with the heading
  to print over them) interleaved in document order, for the Word export.
A fixed number of queries each, whatever the number of rows.

Amounts are `Decimal` in the table's unit (mnkr, or tkr for Resultatenheter); None is an empty cell. Percentages
(Förbrukn utf/budg) are already formatted strings. Sign conventions (DOMAIN.md): intäkter negative; drift and
investeringar Avvikelse = Budget + Begärda budgetjusteringar + Prestations-/omslutningsförändringar − Prognos;
Kapitalkostnader Avvikelse = Prognos − Budget; Resultatenheter till = −(från + resultat), överskott negative.
"""

from .base import Narrative, Problem, Row, Table, Typed, period_end
from .build import (
    adjustments_sentence,
    area_summary,
    benchmark,
    consumption,
    report_parts,
    report_tables,
    unit_transfer_to,
)
from .checks import consistency_problems
from .data import AreaFigures, EconomyData, load, offers_balance_sheet, period_area_figures
from .decisions import adjustment_heading, adjustment_item, decision_items

__all__ = [
    "AreaFigures",
    "EconomyData",
    "Narrative",
    "Problem",
    "Row",
    "Table",
    "Typed",
    "adjustment_heading",
    "adjustment_item",
    "adjustments_sentence",
    "area_summary",
    "benchmark",
    "consistency_problems",
    "consumption",
    "decision_items",
    "load",
    "offers_balance_sheet",
    "period_area_figures",
    "period_end",
    "report_parts",
    "report_tables",
    "unit_transfer_to",
]
