"""Loading a report's economy in a fixed number of queries, with requests and transfers attributed to areas."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef

from economy.layouts import layout_for
from economy.models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostType,
    CostTypeRow,
    DriftLayout,
    DriftSummary,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
    TurnoverChange,
)
from tertial.models import Section

from .base import THOUSAND, ZERO, _any, _n, _sum

# --- Loading: one query per kind of row, whatever their number ---------------------------------------------------


def children_sum(values):
    """The sum of the typed values, None when none is typed (an empty column stays empty)."""
    return _sum(values) if _any(values) else None


def computed_parents(areas) -> set:
    """The ids of the areas whose figures are computed: those with varav rows that are a full breakdown."""
    parents = {a.parent_id for a in areas if a.parent_id}
    return {a.id for a in areas if a.id in parents and not a.partial_breakdown}


def link_children(figures: dict) -> list:
    """Put each varav row under its parent ({area id: AreaFigures} in catalogue order) and mark the parents whose
    breakdown is full as computed; the top-level figures in order. The one place that decides which parent rows
    are computed: the tables, the drift page, the import and the city's Ekonomi all read it."""
    top = []
    for fig in figures.values():
        if fig.area.parent_id and fig.area.parent_id in figures:
            figures[fig.area.parent_id].children.append(fig)
        else:
            top.append(fig)
    computed = computed_parents([f.area for f in figures.values()])
    for fig in top:
        fig.computed = fig.area.id in computed
    return top


@dataclass
class AreaFigures:
    """One verksamhetsområde with its typed figures and everything computed from requests and resultatenheter."""

    area: object
    row: object | None
    children: list = field(default_factory=list)
    # A full "varav" breakdown: the figures are the sum of the children, never typed (a partial one keeps the
    # typed figures, `Area.partial_breakdown`). Set by `link_children`.
    computed: bool = False
    requested: Decimal = ZERO  # begärda budgetjusteringar (own and varav rows')
    granted: Decimal = ZERO  # budgetjusteringar already granted during the year (in the justerad budget)
    includes_requested: bool = False  # the typed budget already includes the requested budgetjusteringar
    transfer_from: Decimal = ZERO  # resultatöverföring från föregående år, mnkr, överskott positive
    transfer_to: Decimal = ZERO  # resultatöverföring till nästa år, mnkr, överskott to keep negative

    def figure(self, name):
        """A typed AreaRow field, or for a full breakdown the sum of the children's (None when none has it)."""
        if self.computed:
            return children_sum([c.figure(name) for c in self.children])
        return getattr(self.row, name) if self.row else None

    @property
    def previous_outcome(self):
        return self.figure("previous_outcome")

    @property
    def budget(self):
        return self.figure("budget")

    @property
    def change(self):
        return self.figure("change")

    @property
    def forecast(self):
        return self.figure("forecast")

    @property
    def outcome(self):
        return self.figure("outcome")

    @property
    def adjusted_budget(self):
        """Justerad nettobudget: the budget with the budgetjusteringar granted during the year."""
        if self.budget is None and not self.granted:
            return None
        return _n(self.budget) + self.granted

    @property
    def budget_before_requested(self) -> Decimal:
        """The budget the requested budgetjusteringar are added to: the justerad budget, less the requests where
        the typed budget already includes them. Budget + begärda + förändringar − prognos efter is then the
        Avvikelse whatever the table's setting (the city's Ekonomi adds the nämnder up this way)."""
        requested = self.requested if self.includes_requested else ZERO
        return _n(self.adjusted_budget) - requested

    @property
    def requested_in_deviation(self) -> Decimal:
        return ZERO if self.includes_requested else self.requested

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
        return _n(self.adjusted_budget) + self.requested_in_deviation + _n(self.change) - _n(self.forecast)

    @property
    def deviation(self) -> Decimal:
        return _n(self.adjusted_budget) + self.requested_in_deviation + _n(self.change) - _n(self.forecast_after)


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
    layout: object = None  # economy.layouts.Layout
    granted: list = field(default_factory=list)  # budgetjusteringar granted during the year

    @property
    def year(self) -> int:
        return self.report.period.year

    @property
    def is_facknamnd(self) -> bool:
        return self.report.namnd.kind == "facknamnd"

    def drift_requested_in_deviation(self) -> Decimal:
        return ZERO if self.layout.budget_includes_requested else self.drift_requested()

    def drift_requested(self) -> Decimal:
        return _sum(a.amount for a in self.adjustments if a.kind == "drift")

    def investment_requested(self) -> Decimal:
        return _sum(a.amount for a in self.adjustments if a.kind == "investering")


def area_figures(layout, areas, rows, adjustments, units) -> list[AreaFigures]:
    """One report's verksamhetsområden (top level, varav rows inside) from its catalogue, AreaRows, budgetjusteringar
    (drift ones count, requested or granted) and resultatenheter: the one computation behind the report's tables
    and the city's Ekonomi. No query: the caller loads the rows."""
    by_area = {r.area_id: r for r in rows}
    figures = {
        a.id: AreaFigures(area=a, row=by_area.get(a.id), includes_requested=layout.budget_includes_requested)
        for a in areas
    }
    top = link_children(figures)

    def targets(area_id):
        fig = figures[area_id]
        return [fig] + ([figures[fig.area.parent_id]] if fig.area.parent_id in figures else [])

    for adj in adjustments:
        if adj.kind == BudgetAdjustment.Kind.DRIFT and adj.area_id in figures:
            for target in targets(adj.area_id):
                if adj.status == BudgetAdjustment.Status.GRANTED:
                    target.granted += adj.amount
                else:
                    target.requested += adj.amount
    for unit in units:
        if unit.area_id in figures:
            transfer_from = -_n(unit.transfer_from) / THOUSAND
            transfer_to = (_n(unit.transfer_from) + _n(unit.result)) / THOUSAND
            for target in targets(unit.area_id):
                target.transfer_from += transfer_from
                target.transfer_to += transfer_to
    return top


def period_area_figures(reports) -> dict:
    """{report id: its top-level AreaFigures} for many reports of one budget year (the city's Ekonomi), computed as
    each report computes its own, in five queries whatever the number of reports."""
    reports = list(reports)
    if not reports:
        return {}
    ids = [r.id for r in reports]
    layouts = {d.report_id: d for d in DriftLayout.objects.filter(report_id__in=ids)}
    areas, rows, adjustments, units = {}, {}, {}, {}
    years = {r.period.year for r in reports}
    for area in Area.objects.filter(namnd_id__in={r.namnd_id for r in reports}, year__in=years):
        areas.setdefault((area.namnd_id, area.year), []).append(area)
    for row in AreaRow.objects.filter(report_id__in=ids):
        rows.setdefault(row.report_id, []).append(row)
    for adj in BudgetAdjustment.objects.filter(report_id__in=ids, kind=BudgetAdjustment.Kind.DRIFT):
        adjustments.setdefault(adj.report_id, []).append(adj)
    for unit in ResultUnit.objects.filter(report_id__in=ids, area__isnull=False):
        units.setdefault(unit.report_id, []).append(unit)
    return {
        r.id: area_figures(
            layout_for(r, layouts.get(r.id)),
            areas.get((r.namnd_id, r.period.year), []),
            rows.get(r.id, []),
            adjustments.get(r.id, []),
            units.get(r.id, []),
        )
        for r in reports
    }


def balance_sheet(report) -> list:
    """The report's balance sheet lines, where the report has the analysis of the balance sheet (its template entry
    applies to Tertial 2 and the VB): a Tertial 1 report prints no balance sheet and checks none. One query."""
    analysed = Section.objects.filter(report=OuterRef("report"), kind=Section.Kind.ECONOMY_BALANCE)
    return list(BalanceItem.objects.filter(report=report).filter(Exists(analysed)).order_by("side", "position", "id"))


def offers_balance_sheet(report) -> bool:
    """Whether the report has a balance sheet to fill in (the Balansräkning page). One query."""
    return report.sections.filter(kind=Section.Kind.ECONOMY_BALANCE).exists()


def load(report, *, for_checks: bool = False) -> EconomyData:
    """Everything the economy tables need, in fourteen queries; `for_checks` only what the consistency and text
    checks read (layout, areas and their rows, budgetjusteringar and resultatenheter for each area's Avvikelse,
    summary, omslutning, balance sheet), in eight."""
    year = report.period.year
    catalogue = {"namnd_id": report.namnd_id, "year": year}
    layout = layout_for(report, DriftLayout.objects.filter(report=report).first())
    everything = list(
        BudgetAdjustment.objects.filter(report=report).select_related("area", "category").order_by("position", "id")
    )
    adjustments = [a for a in everything if a.status == BudgetAdjustment.Status.REQUESTED]
    granted = [a for a in everything if a.status == BudgetAdjustment.Status.GRANTED]
    units = list(ResultUnit.objects.filter(report=report).order_by("position", "code"))
    top = area_figures(
        layout, Area.objects.filter(**catalogue), AreaRow.objects.filter(report=report), everything, units
    )
    if for_checks:
        return EconomyData(
            report=report,
            areas=top,
            summary=DriftSummary.objects.filter(report=report).first(),
            adjustments=adjustments,
            granted=granted,
            layout=layout,
            units=units,
            categories=[],
            investment_rows={},
            capital_costs={},
            turnover=list(TurnoverChange.objects.filter(report=report).select_related("area")),
            balance=balance_sheet(report),
            cost_types=[],
            cost_type_rows={},
        )
    summary = DriftSummary.objects.filter(report=report).first()
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
        balance=balance_sheet(report),
        cost_types=cost_types,
        cost_type_rows={r.cost_type_id: r for r in CostTypeRow.objects.filter(report=report)},
        layout=layout,
        granted=granted,
    )
