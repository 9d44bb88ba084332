"""The economy tables of a report as plain data, computed once and used by the web page, the exports and the
publication checks alike. Contract:

- `report_tables(report) -> list[Table]` every table of Uppföljning av ekonomi in document order, figures computed.
- `decision_items(report) -> list[str]` the numbered Förslag till beslut texts, item 1 first.
- `area_summary(report) -> tuple[list[tuple[str, Decimal, Decimal]], tuple[Decimal, Decimal]]`: per
  verksamhetsområde (name, budget, avvikelse prognos) and the computed total, for the slide deck.
- `consistency_problems(report) -> list[Problem]` totals, varav sums or balances that do not hold.
- `report_parts(report) -> list[Table | Section]` the tables and the economy narrative sections interleaved in
  document order (each area's table is followed by its narrative), for the Word export.
A fixed number of queries each, whatever the number of rows.

Amounts are `Decimal` in the table's unit (mnkr, or tkr for Resultatenheter); None is an empty cell. Percentages
(Förbrukn utf/budg) are already formatted strings. Sign conventions (DOMAIN.md): intäkter negative; drift and
investeringar Avvikelse = Budget + Begärda budgetjusteringar + Prestations-/omslutningsförändringar − Prognos;
Kapitalkostnader Avvikelse = Prognos − Budget; Resultatenheter till = −(från + resultat), överskott negative.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tertial.numbers import format_mnkr, format_percent

ZERO = Decimal(0)
THOUSAND = Decimal(1000)


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


@dataclass
class Problem:
    table_key: str
    place: str
    message: str
    edit_url_name: str = ""  # economy URL name (kwargs slug, period) where a controller fixes it


_FIX_AT = {
    "drift_areas": "economy:drift_edit",
    "drift_summary": "economy:drift_edit",
    "omslutningsforandringar": "economy:turnover_edit",
    "balans_skulder": "economy:balance_edit",
}


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


# --- Loading: one query per kind of row, whatever their number ---------------------------------------------------


@dataclass
class AreaFigures:
    """One verksamhetsområde with its typed figures and everything computed from requests and resultatenheter."""

    area: object
    row: object | None
    children: list = field(default_factory=list)
    requested: Decimal = ZERO  # begärda budgetjusteringar (own and varav rows')
    transfer_from: Decimal = ZERO  # resultatöverföring från föregående år, mnkr, överskott positive
    transfer_to: Decimal = ZERO  # resultatöverföring till nästa år, mnkr, överskott to keep negative

    @property
    def budget(self):
        return self.row.budget if self.row else None

    @property
    def change(self):
        return self.row.change if self.row else None

    @property
    def forecast(self):
        return self.row.forecast if self.row else None

    @property
    def section_id(self):
        return self.row.section_id if self.row else None

    @property
    def has_figures(self) -> bool:
        return _any([self.budget, self.change, self.forecast]) or bool(self.requested)

    @property
    def has_transfers(self) -> bool:
        return bool(self.transfer_from or self.transfer_to)

    @property
    def forecast_after(self):
        """Prognos efter resultatöverföringar: the units' net use of their funds is added to the forecast."""
        if self.forecast is None and not self.has_transfers:
            return None
        return _n(self.forecast) - (self.transfer_from + self.transfer_to)

    @property
    def deviation_before(self) -> Decimal:
        return _n(self.budget) + self.requested + _n(self.change) - _n(self.forecast)

    @property
    def deviation(self) -> Decimal:
        return _n(self.budget) + self.requested + _n(self.change) - _n(self.forecast_after)


@dataclass
class EconomyData:
    report: object
    areas: list  # top-level AreaFigures in catalogue order, children inside
    summary: object | None
    adjustments: list
    units: list
    categories: list
    investment_rows: dict
    capital_costs: dict
    turnover: list
    balance: list
    cost_types: list
    cost_type_rows: dict

    @property
    def year(self) -> int:
        return self.report.period.year

    def drift_requested(self) -> Decimal:
        return _sum(a.amount for a in self.adjustments if a.kind == "drift")

    def investment_requested(self) -> Decimal:
        return _sum(a.amount for a in self.adjustments if a.kind == "investering")


def load(report) -> EconomyData:
    """Everything the economy tables need, in twelve queries."""
    from .models import (
        Area,
        AreaRow,
        BalanceItem,
        BudgetAdjustment,
        CapitalCost,
        CostType,
        CostTypeRow,
        DriftSummary,
        InvestmentCategory,
        InvestmentRow,
        ResultUnit,
        TurnoverChange,
    )

    year = report.period.year
    catalogue = {"namnd_id": report.namnd_id, "year": year}
    rows = {r.area_id: r for r in AreaRow.objects.filter(report=report)}
    figures = {a.id: AreaFigures(area=a, row=rows.get(a.id)) for a in Area.objects.filter(**catalogue)}
    top = []
    for fig in figures.values():
        if fig.area.parent_id and fig.area.parent_id in figures:
            figures[fig.area.parent_id].children.append(fig)
        else:
            top.append(fig)
    adjustments = list(
        BudgetAdjustment.objects.filter(report=report).select_related("area", "category").order_by("position", "id")
    )
    for adj in adjustments:
        if adj.kind == BudgetAdjustment.Kind.DRIFT and adj.area_id in figures:
            fig = figures[adj.area_id]
            fig.requested += adj.amount
            if fig.area.parent_id in figures:
                figures[fig.area.parent_id].requested += adj.amount
    units = list(ResultUnit.objects.filter(report=report).order_by("position", "code"))
    for unit in units:
        if unit.area_id in figures:
            transfer_from = -_n(unit.transfer_from) / THOUSAND
            transfer_to = (_n(unit.transfer_from) + _n(unit.result)) / THOUSAND
            fig = figures[unit.area_id]
            targets = [fig] + ([figures[fig.area.parent_id]] if fig.area.parent_id in figures else [])
            for target in targets:
                target.transfer_from += transfer_from
                target.transfer_to += transfer_to
    try:
        summary = DriftSummary.objects.get(report=report)
    except DriftSummary.DoesNotExist:
        summary = None
    cost_types = list(CostType.objects.filter(**catalogue).order_by("kind", "position", "id"))
    return EconomyData(
        report=report,
        areas=top,
        summary=summary,
        adjustments=adjustments,
        units=units,
        categories=list(InvestmentCategory.objects.filter(**catalogue)),
        investment_rows={r.category_id: r for r in InvestmentRow.objects.filter(report=report)},
        capital_costs={c.kind: c for c in CapitalCost.objects.filter(report=report)},
        turnover=list(TurnoverChange.objects.filter(report=report).select_related("area")),
        balance=list(BalanceItem.objects.filter(report=report).order_by("side", "position", "id")),
        cost_types=cost_types,
        cost_type_rows={r.cost_type_id: r for r in CostTypeRow.objects.filter(report=report)},
    )


# --- The tables ---------------------------------------------------------------------------------------------------

DRIFT_COLUMNS = [
    "Budget",
    "Begärda budgetjusteringar",
    "Prestations- och omslutningsförändringar",
    "Prognos",
    "Avvikelse",
]


def _deviation(budget, requested, change, forecast) -> Decimal:
    return _n(budget) + _n(requested) + _n(change) - _n(forecast)


def drift_summary_table(data: EconomyData) -> Table | None:
    s = data.summary
    if s is None:  # a facknämnd's report has no summary table
        return None
    year = data.year
    requested = data.drift_requested()
    cost = [getattr(s, f"cost_{f}", None) for f in ("budget", "change", "forecast")]
    income = [getattr(s, f"income_{f}", None) for f in ("budget", "change", "forecast")]
    netto = [None if a is None and b is None else _n(a) + _n(b) for a, b in zip(cost, income, strict=True)]
    before = _deviation(netto[0], requested, netto[1], netto[2])
    transfer_from = _sum(a.transfer_from for a in data.areas)
    transfer_to = _sum(a.transfer_to for a in data.areas)
    empty = [None] * 4
    return Table(
        key="drift_summary",
        heading="Uppföljning av driftbudget",
        title="Uppföljning av driftbudget",
        unit="mnkr",
        columns=["Mnkr", *DRIFT_COLUMNS],
        edit_url_name="economy:drift_edit",
        rows=[
            Row(
                "Anslag för nämndens verksamhet (netto)",
                [netto[0], requested or None, netto[1], netto[2], before],
                is_total=True,
            ),
            Row("Kostnader", [cost[0], requested or None, cost[1], cost[2], _deviation(cost[0], requested, *cost[1:])]),
            Row("Intäkter", [income[0], None, income[1], income[2], _deviation(income[0], None, *income[1:])]),
            Row("Prognos/avvikelse före resultatdispositioner", [*empty, before], is_total=True),
            Row(f"Resultatenheternas överskott från {year - 1}", [*empty, transfer_from]),
            Row(f"Resultatenheternas överskott till {year + 1}", [*empty, transfer_to]),
            Row(
                "Prognos/avvikelse efter resultatdispositioner",
                [*empty, before + transfer_from + transfer_to],
                is_total=True,
            ),
        ],
    )


def _area_values(fig: AreaFigures) -> list:
    return [
        fig.budget,
        fig.requested or None,
        fig.change,
        fig.forecast,
        fig.forecast_after,
        fig.deviation,
    ]


def drift_areas_table(data: EconomyData) -> Table | None:
    if not data.areas:
        return None
    rows = []
    for fig in data.areas:
        rows.append(Row(fig.area.name, _area_values(fig)))
        rows.extend(Row(child.area.label, _area_values(child), level=1) for child in fig.children)
    total = [
        _sum(f.budget for f in data.areas),
        _sum(f.requested for f in data.areas) or None,
        _sum(f.change for f in data.areas),
        _sum(f.forecast for f in data.areas),
        _sum(f.forecast_after for f in data.areas),
        _sum(f.deviation for f in data.areas),
    ]
    rows.append(Row("Totalt", total, is_total=True))
    return Table(
        key="drift_areas",
        heading="Uppföljning av driftbudget",
        title="Driftbudget per verksamhetsområde (netto)",
        unit="mnkr",
        columns=[
            "Mnkr Netto",
            "Budget",
            "Begärda budgetjusteringar",
            "Prestations- och omslutningsförändringar",
            "Prognos (före resultatöverföringar)",
            "Prognos (efter resultatöverföringar)",
            "Avvikelse",
        ],
        rows=rows,
        edit_url_name="economy:drift_edit",
    )


def area_tables(data: EconomyData) -> list[Table]:
    """The small table at the head of each verksamhetsområde's narrative."""
    year = data.year
    tables = []
    for fig in data.areas:
        rows = [
            Row(c.area.name, [c.budget, c.requested or None, c.change, c.forecast, c.deviation_before])
            for c in fig.children
        ]
        rows.append(
            Row(
                "Netto totalt",
                [fig.budget, fig.requested or None, fig.change, fig.forecast, fig.deviation_before],
                is_total=True,
            )
        )
        if fig.has_transfers:
            rows += [
                Row(f"Resultatöverföring från {year - 1}", [None] * 4 + [fig.transfer_from]),
                Row(f"Resultatöverföring till {year + 1}", [None] * 4 + [fig.transfer_to]),
                Row(
                    "Netto totalt efter resultatöverföringar",
                    [fig.budget, fig.requested or None, fig.change, fig.forecast_after, fig.deviation],
                    is_total=True,
                ),
            ]
        tables.append(
            Table(
                key=f"area_{fig.area.id}",
                heading=fig.area.name,
                title=fig.area.name,
                unit="mnkr",
                columns=[
                    fig.area.name,
                    f"Budget {year}",
                    "Begärda budgetjusteringar",
                    "Prestations- och omslutningsförändringar",
                    f"Prognos {year}",
                    "Avvikelse",
                ],
                rows=rows,
                section_id=fig.section_id,
                edit_url_name="economy:drift_edit",
            )
        )
    return tables


def unit_transfer_to(unit) -> Decimal:
    """Beräknad resultatöverföring till nästa år: the opposite sign of what was brought in plus this year's result."""
    return -(_n(unit.transfer_from) + _n(unit.result))


def result_units_table(data: EconomyData) -> Table | None:
    if not data.units:
        return None
    year = data.year
    rows = [
        Row(f"{u.code} {u.name}", [u.gross_budget, u.transfer_from, u.result, unit_transfer_to(u)]) for u in data.units
    ]
    rows.append(
        Row(
            "Summa resultatenheter",
            [
                _sum(u.gross_budget for u in data.units),
                _sum(u.transfer_from for u in data.units),
                _sum(u.result for u in data.units),
                _sum(unit_transfer_to(u) for u in data.units),
            ],
            is_total=True,
        )
    )
    return Table(
        key="resultatenheter",
        heading="Resultatenheter",
        title="Resultatenheter",
        unit="tkr",
        columns=[
            "Resultatenhetens namn",
            f"Resultatenheternas bruttobudget {year}",
            f"Resultatöverföring från {year - 1} Överskott (-) Underskott (+)",
            f"Beräknat resultat {year} Överskott (-) Underskott (+)",
            f"Beräknad resultatöverföring till {year + 1} Överskott (+) Underskott (-)",
        ],
        rows=rows,
        edit_url_name="economy:units_edit",
    )


def investments_table(data: EconomyData) -> Table | None:
    if not data.categories:
        return None
    requested = {}
    for adj in data.adjustments:
        if adj.kind == "investering":
            requested[adj.category_id] = requested.get(adj.category_id, ZERO) + adj.amount
    rows, totals = [], [ZERO] * 4
    for category in data.categories:
        row = data.investment_rows.get(category.id)
        budget, forecast = (row.budget, row.forecast) if row else (None, None)
        req = requested.get(category.id)
        values = [budget, req, forecast, _deviation(budget, req, None, forecast)]
        totals = [t + _n(v) for t, v in zip(totals, values, strict=True)]
        rows.append(Row(category.name, values))
    rows.append(Row("Totalt", totals, is_total=True))
    return Table(
        key="investeringar",
        heading="Investeringar",
        title="Investeringar",
        unit="mnkr",
        columns=["Mnkr, netto", "Budget", "Begärda budgetjusteringar", "Prognos", "Avvikelse"],
        rows=rows,
        edit_url_name="economy:investments_edit",
    )


def capital_costs_table(data: EconomyData) -> Table | None:
    from .models import CapitalCost

    if not data.capital_costs:
        return None
    rows, totals = [], [ZERO] * 4
    for kind in CapitalCost.Kind:
        cost = data.capital_costs.get(kind.value)
        budget, booked, forecast = (cost.budget, cost.booked, cost.forecast) if cost else (None, None, None)
        values = [budget, booked, forecast, _n(forecast) - _n(budget)]  # here Avvikelse = Prognos − Budget
        totals = [t + _n(v) for t, v in zip(totals, values, strict=True)]
        rows.append(Row(kind.label, values))
    rows.append(Row("Summa kapitalkostnader", totals, is_total=True))
    return Table(
        key="kapitalkostnader",
        heading="Investeringar",
        title="Kapitalkostnader",
        unit="mnkr",
        columns=["Kapitalkostnader", f"Budget {data.year}", "Bokfört", "Prognos", "Avvikelse"],
        rows=rows,
        edit_url_name="economy:investments_edit",
    )


def _turnover_tree(data: EconomyData):
    """Omslutningsförändringar as (row, children) in catalogue order; a varav row without its parent stands alone."""
    order = {}
    for i, fig in enumerate(data.areas):
        order[fig.area.id] = (i, 0)
        for j, child in enumerate(fig.children, start=1):
            order[child.area.id] = (i, j)
    changes = sorted(data.turnover, key=lambda t: order.get(t.area_id, (len(order), t.area_id)))
    by_area = {t.area_id: t for t in changes}
    tree = []
    for change in changes:
        parent_id = change.area.parent_id
        if parent_id in by_area:
            continue
        children = [c for c in changes if c.area.parent_id == change.area_id]
        tree.append((change, children))
    return tree


def turnover_netto(change) -> Decimal:
    return _n(change.costs) + _n(change.income)


def turnover_total(data: EconomyData) -> tuple[Decimal, Decimal]:
    tree = _turnover_tree(data)
    return _sum(c.costs for c, _ in tree), _sum(c.income for c, _ in tree)


def turnover_table(data: EconomyData) -> Table | None:
    if not data.turnover:
        return None
    rows = []
    tree = _turnover_tree(data)
    for change, children in tree:
        rows.append(Row(change.area.label, [change.costs, change.income, turnover_netto(change)]))
        rows.extend(Row(c.area.label, [c.costs, c.income, turnover_netto(c)], level=1) for c in children)
    costs, income = turnover_total(data)
    rows.append(Row("Omslutningsförändringar totalt", [costs, income, costs + income], is_total=True))
    return Table(
        key="omslutningsforandringar",
        heading="Omslutningsförändringar",
        title="Omslutningsförändringar",
        unit="mnkr",
        columns=["Omslutningsförändringar", "Kostnader", "Intäkter", "Netto"],
        rows=rows,
        edit_url_name="economy:turnover_edit",
    )


def adjustments_table(data: EconomyData) -> Table | None:
    if not data.adjustments:
        return None
    rows = []
    for kind, label in (("investering", "Investeringar"), ("drift", "Drift")):
        items = [a for a in data.adjustments if a.kind == kind]
        if not items:
            continue
        rows.append(Row(label, [None, _sum(a.amount for a in items)], is_total=True))
        for adj in items:
            target = adj.area or adj.category
            rows.append(Row(adj.purpose, [str(target) if target else "", adj.amount], level=1))
    return Table(
        key="budgetjusteringar",
        heading="Budgetjusteringar",
        title="Begärda budgetjusteringar",
        unit="mnkr",
        columns=["Budgetjustering", "Avser", "Mnkr"],
        rows=rows,
        edit_url_name="economy:adjustments",
    )


def adjustments_sentence(data: EconomyData) -> str:
    """The Budgetjusteringar section's opening sentence, from the same records."""
    return (
        f"Nämnden begär budgetjustering för drift {format_mnkr(data.drift_requested())} mnkr "
        f"och investeringar {format_mnkr(data.investment_requested())} mnkr."
    )


def balance_tables(data: EconomyData) -> list[Table]:
    from .models import BalanceItem

    if not data.balance:
        return []
    report = data.report
    dates = [period_end(report.period, report.period.year - 1), period_end(report.period)]
    headers = [d.isoformat() for d in dates]
    tables = []
    for side, key, total_label in (
        (BalanceItem.Side.ASSETS, "balans_tillgangar", "Summa tillgångar"),
        (BalanceItem.Side.LIABILITIES, "balans_skulder", "Summa skulder och eget kapital"),
    ):
        items = [b for b in data.balance if b.side == side]
        rows = [Row(b.name, [b.previous, b.current]) for b in items]
        rows.append(Row(total_label, [_sum(b.previous for b in items), _sum(b.current for b in items)], is_total=True))
        tables.append(
            Table(
                key=key,
                heading="Analys av balansräkning",
                title=side.label,
                unit="mnkr",
                columns=[f"{side.label} (mnkr)", *headers],
                rows=rows,
                edit_url_name="economy:balance_edit",
            )
        )
    return tables


def benchmark(period) -> Decimal:
    """Riktvärde for förbrukning: months elapsed / 12, in percent (33,3 at T1, 66,7 at T2)."""
    return Decimal(period.months) * 100 / Decimal(12)


def consumption(outcome, budget) -> Decimal | None:
    """Förbrukn utf/budg in percent; None when there is no budget to consume."""
    if not budget:
        return None
    return _n(outcome) * 100 / budget


def _percent(value) -> str | None:
    return None if value is None else format_percent(value)


def income_statement_table(data: EconomyData) -> Table | None:
    if not data.cost_types:
        return None
    period = data.report.period
    year = data.year
    month = MONTH_NAMES[period.months]
    rows, sums = [], {}
    for kind, total_label in (("intakt", "Summa intäkter"), ("kostnad", "Summa kostnader")):
        fours = []
        for cost_type in (c for c in data.cost_types if c.kind == kind):
            r = data.cost_type_rows.get(cost_type.id)
            four = [r.budget_previous, r.outcome_previous, r.budget, r.outcome] if r else [None] * 4
            fours.append(four)
            rows.append(Row(cost_type.name, _with_consumption(four)))
        total = [_sum(f[i] for f in fours) for i in range(4)]
        sums[kind] = total
        rows.append(Row(total_label, _with_consumption(total), is_total=True))
    netto = [a + b for a, b in zip(sums["intakt"], sums["kostnad"], strict=True)]
    rows.append(Row("Netto", _with_consumption(netto), is_total=True))
    return Table(
        key="resultatrakning",
        heading="Analys av resultaträkning – uppföljning av driftbudget",
        title=f"Resultaträkning per kostnadsslag, {month} {year - 1} och {month} {year}",
        unit="mnkr",
        columns=[
            f"Riktvärde {format_percent(benchmark(period))}",
            f"Budget {year - 1}",
            f"Utfall {month} {year - 1}",
            f"Förbrukn utf/budg {year - 1}",
            f"Budget {year}",
            f"Utfall {month} {year}",
            f"Förbrukn utf/budg {year}",
        ],
        rows=rows,
        edit_url_name="economy:income_edit",
    )


def _with_consumption(four) -> list:
    bp, op, b, o = four
    return [bp, op, _percent(consumption(op, bp)), b, o, _percent(consumption(o, b))]


def _tables(data: EconomyData) -> list[Table]:
    tables = [
        income_statement_table(data),
        drift_summary_table(data),
        drift_areas_table(data),
        *area_tables(data),
        result_units_table(data),
        investments_table(data),
        capital_costs_table(data),
        turnover_table(data),
        adjustments_table(data),
        *balance_tables(data),
    ]
    return [t for t in tables if t is not None]


def report_tables(report, data: EconomyData | None = None) -> list[Table]:
    return _tables(data or load(report))


def report_parts(report, data: EconomyData | None = None) -> list:
    """Tables and the economy narrative sections in document order (one more query, for the sections)."""
    from tertial.models import Section

    data = data or load(report)
    sections = {
        s.id: s for s in Section.objects.filter(report=report, kind__in=[Section.Kind.ECONOMY_AREA, *ECONOMY_TEXTS])
    }
    by_kind = {s.kind: s for s in sections.values() if s.kind != Section.Kind.ECONOMY_AREA}
    parts = []
    placed_after = {
        "kapitalkostnader": [Section.Kind.ECONOMY_SALES, Section.Kind.ECONOMY_PROJECTS],
        "budgetjusteringar": [Section.Kind.ECONOMY_PREMISES],
    }
    tables = _tables(data)
    keys = {t.key for t in tables}
    for table in tables:
        if table.key.startswith("balans_") and Section.Kind.ECONOMY_BALANCE in by_kind:
            parts.append(by_kind.pop(Section.Kind.ECONOMY_BALANCE))
        parts.append(table)
        if table.section_id in sections:
            parts.append(sections[table.section_id])
        for kind in placed_after.get(table.key, []):
            if kind in by_kind:
                parts.append(by_kind.pop(kind))
        if table.key == "investeringar" and "kapitalkostnader" not in keys:
            parts.extend(by_kind.pop(k) for k in placed_after["kapitalkostnader"] if k in by_kind)
    parts.extend(by_kind[k] for k in ECONOMY_TEXTS if k in by_kind)
    return parts


ECONOMY_TEXTS = [
    "forsaljningar",
    "verksamhetsprojekt",
    "medel_lokalandamal",
    "analys_balansrakning",
]


# --- Förslag till beslut ----------------------------------------------------------------------------------------


def _approval_item(report) -> str:
    period = report.period
    document = f"tertialrapport {period.number}" if period.number else f"verksamhetsberättelse {period.year}"
    return (
        f"Nämnden godkänner förvaltningens förslag till {document} "
        "och överlämnar den till kommunstyrelsen och stadens revisorer."
    )


def adjustment_item(report, adjustment) -> str:
    purpose = adjustment.purpose.strip().rstrip(".")
    kind = adjustment.get_kind_display().lower()
    return (
        f"{report.namnd.subject} ansöker om budgetjustering om {format_mnkr(adjustment.amount)} mnkr "
        f"för {purpose}. ({kind})"
    )


def decision_items(report, data: EconomyData | None = None) -> list[str]:
    """Item 1 approves and forwards; then the omslutning request; then one item per budgetjustering; then extras."""
    from .models import BudgetAdjustment, DecisionItem, TurnoverChange

    items = [_approval_item(report)]
    if data is not None:
        adjustments, costs = data.adjustments, turnover_total(data)[0]
    else:
        adjustments = list(BudgetAdjustment.objects.filter(report=report).order_by("position", "id"))
        turnover = TurnoverChange.objects.filter(report=report, area__parent__isnull=True)
        costs = _sum(t.costs for t in turnover)
    if costs:
        items.append(f"{report.namnd.subject} ansöker om omslutningsförändringar om {format_mnkr(costs)} mnkr.")
    items.extend(adjustment_item(report, a) for a in adjustments)
    items.extend(d.text for d in DecisionItem.objects.filter(report=report).order_by("position", "id"))
    return items


# --- For the slide deck ------------------------------------------------------------------------------------------


def area_summary(report, data: EconomyData | None = None):
    data = data or load(report)
    areas = [(f.area.name, _n(f.budget), f.deviation) for f in data.areas if f.has_figures or f.has_transfers]
    return areas, (_sum(a[1] for a in areas), _sum(a[2] for a in areas))


# --- Consistency -------------------------------------------------------------------------------------------------


def _mnkr(value) -> str:
    return f"{format_mnkr(value)} mnkr"


def consistency_problems(report, data: EconomyData | None = None) -> list[Problem]:
    data = data or load(report)
    problems = []
    labels = {"budget": "Budget", "change": "Prestations- och omslutningsförändringar", "forecast": "Prognos"}
    for fig in data.areas:
        entered = [c for c in fig.children if _any([c.budget, c.change, c.forecast])]
        if not entered:
            continue
        for attr, label in labels.items():
            parent, varav = _n(getattr(fig, attr)), _sum(getattr(c, attr) for c in fig.children)
            if parent != varav:
                problems.append(
                    Problem(
                        "drift_areas",
                        f"{fig.area.name} – {label}",
                        f"Varav-raderna summerar till {_mnkr(varav)} men {fig.area.name} har {_mnkr(parent)}.",
                    )
                )
    s = data.summary
    if s is not None and data.areas:
        netto = {
            "budget": (s.cost_budget, s.income_budget),
            "change": (s.cost_change, s.income_change),
            "forecast": (s.cost_forecast, s.income_forecast),
        }
        for attr, label in labels.items():
            summary_value = _n(netto[attr][0]) + _n(netto[attr][1])
            areas_value = _sum(getattr(f, attr) for f in data.areas)
            if summary_value != areas_value:
                problems.append(
                    Problem(
                        "drift_summary",
                        f"Anslag för nämndens verksamhet (netto) – {label}",
                        f"Sammanfattningen har {_mnkr(summary_value)} men verksamhetsområdena summerar till "
                        f"{_mnkr(areas_value)}.",
                    )
                )
    for change, children in _turnover_tree(data):
        if turnover_netto(change) != 0:
            problems.append(
                Problem(
                    "omslutningsforandringar",
                    change.area.label,
                    f"Netto ska vara 0 men är {_mnkr(turnover_netto(change))}: kostnader och intäkter ska ta ut "
                    "varandra.",
                )
            )
        if children:
            for attr, label in (("costs", "Kostnader"), ("income", "Intäkter")):
                parent, varav = _n(getattr(change, attr)), _sum(getattr(c, attr) for c in children)
                if parent != varav:
                    problems.append(
                        Problem(
                            "omslutningsforandringar",
                            f"{change.area.label} – {label}",
                            f"Varav-raderna summerar till {_mnkr(varav)} men {change.area.label} har {_mnkr(parent)}.",
                        )
                    )
    problems.extend(_balance_problems(data))
    for problem in problems:
        problem.edit_url_name = _FIX_AT.get(problem.table_key, "")
    return problems


def _balance_problems(data: EconomyData) -> list[Problem]:
    from .models import BalanceItem

    if not data.balance:
        return []
    report = data.report
    problems = []
    dates = [period_end(report.period, report.period.year - 1), period_end(report.period)]
    for attr, when in zip(("previous", "current"), dates, strict=True):
        assets = _sum(getattr(b, attr) for b in data.balance if b.side == BalanceItem.Side.ASSETS)
        liabilities = _sum(getattr(b, attr) for b in data.balance if b.side == BalanceItem.Side.LIABILITIES)
        if assets + liabilities != 0:
            problems.append(
                Problem(
                    "balans_skulder",
                    f"Balansräkning {when.isoformat()}",
                    f"Balansräkningen balanserar inte: summa tillgångar {_mnkr(assets)} men summa skulder och eget "
                    f"kapital {_mnkr(-liabilities)} (skillnad {_mnkr(abs(assets + liabilities))}).",
                )
            )
    return problems
