"""The plain data the economy tables are made of, and the small arithmetic every table shares."""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)
THOUSAND = Decimal(1000)
# A table this many columns wide prints on a landscape page (the print view and the Word export: `Table.wide`).
LANDSCAPE_COLUMNS = 7


@dataclass(frozen=True)
class Percent:
    """A share in percent (Förbrukn utf/budg 47,0 %): a number to Excel, `47,0 %` to a page or Word."""

    value: Decimal
    decimals: int = 1

    def __str__(self):
        from tertial.numbers import format_percent

        return format_percent(self.value, self.decimals)


class Typed(Decimal):
    """A typed amount (a budgetjustering, the Begärda budgetjusteringar of a row): printed with every decimal that was
    typed, 1,25 mnkr as 1,25, never silently rounded to 1,3 (`tertial.numbers.format_typed`)."""


def typed(value) -> Typed | None:
    """`value` as a Typed amount; None (an empty cell) for None or zero."""
    return Typed(value) if value else None


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
    section_id: int | None = None  # the narrative Section printed after this table (verksamhetsområden)
    edit_url_name: str = ""  # economy URL name where a controller edits the figures
    intro: str = ""  # a sentence printed over the table from the same records (Budgetjusteringar)
    note: str = ""  # printed under the table: the rounding difference between the rows and the total

    @property
    def wide(self) -> bool:
        """Too wide for a portrait page's width: printed on a landscape page."""
        return len(self.columns) >= LANDSCAPE_COLUMNS

    def caption_title(self) -> str:
        """`Driftbudget per verksamhetsområde (netto), mnkr`: the caption after its number."""
        title = self.title or self.heading
        return f"{title.removesuffix(' ' + self.unit)}, {self.unit}" if self.unit else title

    def caption(self, number: int) -> str:
        """`Tabell 3. Driftbudget per verksamhetsområde (netto), mnkr`: the print view's caption, the Word export's
        (whose number is a SEQ field)."""
        return f"Tabell {number}. {self.caption_title()}"


@dataclass
class Narrative:
    """An economy text section with the heading the document prints over it (a verksamhetsområde's name)."""

    heading: str
    section: object  # tertial.models.Section
    subheading: str = ""  # printed under the heading: Tertialbokslut, the budgetjustering a motivering explains


@dataclass
class Problem:
    table_key: str
    place: str
    message: str
    edit_url_name: str = ""  # economy URL name (kwargs slug, period) where a controller fixes it
    warning: bool = False  # a Varning (may hold, the controller acknowledges it), not a Fel


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _n(value) -> Decimal:
    return ZERO if value is None else value


def _any(values) -> bool:
    return any(v is not None for v in values)


def period_end(period, year=None) -> date:
    """The last day of the period's last month: 2022-08-31 for T2 2022."""
    year = year or period.year
    month = period.months
    return date(year, month, calendar.monthrange(year, month)[1])


MONTH_NAMES = {4: "april", 8: "augusti", 12: "december"}
