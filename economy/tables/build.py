"""The tables of Uppföljning av ekonomi, in document order, with every avvikelse, total and transfer computed."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from economy.layouts import Col
from economy.models import BalanceItem, CapitalCost
from tertial.models import Section
from tertial.numbers import format_number, format_percent, format_typed
from tertial.sections import registry as section_registry

from .base import MONTH_NAMES, ZERO, Narrative, Percent, Row, Table, Typed, _any, _n, _sum, period_end, typed
from .data import AreaFigures, EconomyData, children_sum, load

# --- The tables ---------------------------------------------------------------------------------------------------

DRIFT_COLUMNS = [
    "Budget",
    "Begärda budgetjusteringar",
    "Prestations- och omslutningsförändringar",
    "Prognos",
    "Avvikelse",
]


# A facknämnd's driftbudget follow-up: its Tertialbokslut (with the resultaträkning) and its Prognos (with the
# per-area table) under it.
STATEMENT_HEADING = "Analys av resultaträkning – uppföljning av driftbudget"


def _deviation(budget, requested, change, forecast) -> Decimal:
    return _n(budget) + _n(requested) + _n(change) - _n(forecast)


def drift_summary_table(data: EconomyData) -> Table | None:
    s = data.summary
    if s is None:  # a facknämnd's report has no summary table
        return None
    year = data.year
    requested = data.drift_requested()
    in_deviation = data.drift_requested_in_deviation()
    cost = [getattr(s, f"cost_{f}", None) for f in ("budget", "change", "forecast")]
    income = [getattr(s, f"income_{f}", None) for f in ("budget", "change", "forecast")]
    netto = [None if a is None and b is None else _n(a) + _n(b) for a, b in zip(cost, income, strict=True)]
    before = _deviation(netto[0], in_deviation, netto[1], netto[2])
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
                [netto[0], typed(requested), netto[1], netto[2], before],
                is_total=True,
            ),
            Row(
                "Kostnader",
                [cost[0], typed(requested), cost[1], cost[2], _deviation(cost[0], in_deviation, *cost[1:])],
            ),
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


def layout_value(fig: AreaFigures, kind: str):
    """What a column kind shows for one verksamhetsområde (or a total, `fig` then being the column sums)."""
    transfers = fig.transfer_from + fig.transfer_to
    return {
        Col.BOKSLUT: lambda: fig.previous_outcome,
        Col.BUDGET: lambda: fig.budget,
        Col.JUSTERAD_BUDGET: lambda: fig.adjusted_budget,
        Col.BEVILJADE: lambda: fig.granted or None,
        Col.BEGARDA: lambda: typed(fig.requested),
        Col.FORANDRINGAR: lambda: fig.change,
        Col.UTFALL: lambda: fig.outcome,
        Col.RESULTAT: lambda: fig.outcome,
        Col.FORBRUKNING: lambda: _percent(consumption(fig.outcome, fig.adjusted_budget)),
        Col.PROGNOS: lambda: fig.forecast,
        Col.PROGNOS_EFTER: lambda: fig.forecast_after,
        Col.AVVIKELSE_PROGNOS: lambda: _n(fig.adjusted_budget) - _n(fig.forecast),
        Col.RESULTATOVERFORING: lambda: transfers or None,
        Col.AVVIKELSE: lambda: fig.deviation,
        Col.JUSTERAD_AVVIKELSE: lambda: fig.deviation,
    }[kind]()


@dataclass
class _Totals:
    """The column sums of the top-level areas, shaped like an AreaFigures so that `layout_value` reads them."""

    areas: list

    def __getattr__(self, name):
        values = [getattr(f, name) for f in self.__dict__["areas"]]
        if name in ("previous_outcome", "budget", "change", "outcome", "forecast", "forecast_after", "adjusted_budget"):
            return _sum(values) if _any(values) else None
        return _sum(values)


def drift_areas_table(data: EconomyData) -> Table | None:
    if not data.areas:
        return None
    layout = data.layout
    kinds = [c.kind for c in layout.columns]

    def values(fig):
        return [layout_value(fig, k) for k in kinds]

    rows = []
    for fig in data.areas:
        rows.append(Row(fig.area.name, values(fig)))
        rows.extend(Row(child.area.label, values(child), level=1) for child in fig.children)
    total = values(_Totals(data.areas))
    if layout.preset.zero_totals:  # Nämnden totalt prints every column's sum, 0,0 too
        total = [ZERO if v is None else v for v in total]
    rows.append(Row(layout.total_label, total, is_total=True))
    facknamnd = data.is_facknamnd
    return Table(
        key="drift_areas",
        # A facknämnd's per-area table closes its driftbudget's follow-up, under the Prognos text (a subheading)
        heading=STATEMENT_HEADING if facknamnd else "Uppföljning av driftbudget",
        title="Driftbudget per verksamhetsområde" if facknamnd else "Driftbudget per verksamhetsområde (netto)",
        unit="mnkr",
        columns=[layout.first_column, *(c.heading(data.report) for c in layout.columns)],
        rows=rows,
        edit_url_name="economy:drift_edit",
    )


def area_groups(data: EconomyData) -> list[tuple[str, list[AreaFigures]]]:
    """The top-level areas under the headings the report prints them under, in catalogue order: areas that share
    a heading (Stadsmiljö: Stadsmiljöverksamhet, Avskrivningar, Internräntor) form one group at the first one's
    place; every other area is a group of its own under its name."""
    groups: dict[str, list] = {}
    for fig in data.areas:
        groups.setdefault(fig.area.group_heading, []).append(fig)
    return list(groups.items())


def _mini_values(fig, forecast, deviation) -> list:
    return [fig.budget, typed(fig.requested), fig.change, forecast, deviation]


def area_tables(data: EconomyData) -> list[Table]:
    """The small table at the head of each group's narrative, only where the layout asks for them (a
    stadsdelsnämnd's 2022 layout) and only for a group with figures: an area nobody budgeted has no table."""
    if not data.layout.area_tables:
        return []
    year = data.year
    tables = []
    for heading, figs in area_groups(data):
        if not any(f.has_figures or f.has_transfers for f in figs):
            continue
        total = _Totals(figs)
        if len(figs) == 1:
            rows = [
                Row(c.area.label, _mini_values(c, c.forecast, c.deviation_before))
                for c in figs[0].children
                if c.has_figures
            ]
        else:
            rows = [Row(f.area.name, _mini_values(f, f.forecast, f.deviation_before)) for f in figs]
        requested = total.requested
        netto = [total.budget, typed(requested), total.change]
        rows.append(Row("Netto totalt", [*netto, total.forecast, total.deviation_before], is_total=True))
        if any(f.has_transfers for f in figs):
            rows += [
                Row(f"Resultatöverföring från {year - 1}", [None] * 4 + [total.transfer_from]),
                Row(f"Resultatöverföring till {year + 1}", [None] * 4 + [total.transfer_to]),
                Row(
                    "Netto totalt efter resultatöverföringar",
                    [*netto, total.forecast_after, total.deviation],
                    is_total=True,
                ),
            ]
        tables.append(
            Table(
                key=f"area_{figs[0].area.id}",
                heading=heading,
                title=heading,
                unit="mnkr",
                columns=[
                    heading,
                    f"Budget {year}",
                    "Begärda budgetjusteringar",
                    "Prestations- och omslutningsförändringar",
                    f"Prognos {year}",
                    "Avvikelse",
                ],
                rows=rows,
                section_id=figs[0].section_id,
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
        values = [budget, typed(req), forecast, _deviation(budget, req, None, forecast)]
        totals = [t + _n(v) for t, v in zip(totals, values, strict=True)]
        rows.append(Row(category.name, values))
    totals[1] = Typed(totals[1])  # the sum of typed requests, printed with their decimals
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
    """None when nobody typed a figure: a report without Kapitalkostnader prints no empty table of zeros."""
    if not any(_any([c.budget, c.booked, c.forecast]) for c in data.capital_costs.values()):
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


@dataclass
class TurnoverLine:
    """A row of Omslutningsförändringar: a verksamhet's typed change, or a full breakdown's sum of its varav rows."""

    area: object
    costs: Decimal | None
    income: Decimal | None
    computed: bool = False


def _line(change) -> TurnoverLine:
    return TurnoverLine(change.area, change.costs, change.income)


def _turnover_tree(data: EconomyData):
    """Omslutningsförändringar as (row, children) in catalogue order. A parent whose varav rows are a full breakdown
    is their sum (`AreaFigures.computed`), whatever was once typed for it; a partial one keeps its typed row, and a
    varav row without it stands alone."""
    by_area = {t.area_id: t for t in data.turnover}
    tree, placed = [], set()
    for fig in data.areas:
        own = by_area.get(fig.area.id)
        kids = [_line(by_area[c.area.id]) for c in fig.children if c.area.id in by_area]
        placed.update([fig.area.id, *(c.area.id for c in fig.children)])
        if fig.computed:
            if kids:
                costs = children_sum([k.costs for k in kids])
                income = children_sum([k.income for k in kids])
                tree.append((TurnoverLine(fig.area, costs, income, computed=True), kids))
        elif own is not None:
            tree.append((_line(own), kids))
        else:
            tree.extend((kid, []) for kid in kids)
    tree.extend((_line(t), []) for t in data.turnover if t.area_id not in placed)
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
        rows.append(Row(label, [None, typed(_sum(a.amount for a in items))], is_total=True))
        for adj in items:
            target = adj.area or adj.category
            rows.append(Row(adj.purpose, [str(target) if target else "", typed(adj.amount)], level=1))
    return Table(
        key="budgetjusteringar",
        heading="Budgetjusteringar",
        title="Begärda budgetjusteringar",
        unit="mnkr",
        columns=["Budgetjustering", "Avser", "Mnkr"],
        rows=rows,
        edit_url_name="economy:adjustments",
        intro=adjustments_sentence(data),
    )


def adjustments_sentence(data: EconomyData) -> str:
    """The Budgetjusteringar section's opening sentence, from the same records: `Nämnden begär budgetjustering för
    drift -0,1 mnkr och investeringar 1,1 mnkr.`, naming only the kinds it asks for (never `drift 0,0 mnkr`)."""
    kinds = {a.kind for a in data.adjustments}
    parts = [
        f"{label} {format_typed(amount, unit='mnkr')}"
        for kind, label, amount in (
            ("drift", "drift", data.drift_requested()),
            ("investering", "investeringar", data.investment_requested()),
        )
        if kind in kinds
    ]
    if not parts:
        return "Nämnden begär ingen budgetjustering."
    return f"Nämnden begär budgetjustering för {' och '.join(parts)}."


def balance_tables(data: EconomyData) -> list[Table]:
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


def _percent(value) -> Percent | None:
    return None if value is None else Percent(value)


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
        heading=STATEMENT_HEADING,
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


ROUNDING_NOTE = (
    "Beloppen är avrundade till en decimal och summorna räknade på de oavrundade beloppen: summan av de avrundade "
    "raderna kan därför skilja sig ±0,1 {unit} från totalen."
)


def rounding_note(table: Table) -> str:
    """The note a table with one total row gets when its rounded rows do not add up to its rounded total (Bokslut
    2023: the rows print 1 386,1, Nämnden totalt 1 386,2): the difference is rounding, said so, not an error."""
    totals = [r for r in table.rows if r.is_total]
    if len(totals) != 1 or totals[0] is not table.rows[-1]:
        return ""
    rows = [r for r in table.rows[:-1] if r.level == 0]
    if not rows:  # the total alone (Nämnd och administration's Netto totalt): nothing to add up apart from it
        return ""
    quantum = Decimal("0.1")
    for i, total in enumerate(totals[0].values):
        if not isinstance(total, Decimal):
            continue
        printed = [r.values[i] for r in rows if isinstance(r.values[i], Decimal)]
        rounded = sum((v.quantize(quantum, rounding=ROUND_HALF_UP) for v in printed), ZERO)
        if rounded != total.quantize(quantum, rounding=ROUND_HALF_UP):
            return ROUNDING_NOTE.format(unit=table.unit)
    return ""


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
    tables = [t for t in tables if t is not None]
    for table in tables:
        table.note = rounding_note(table)
    return tables


def report_tables(report, data: EconomyData | None = None) -> list[Table]:
    return _tables(data or load(report))


def area_heading(fig: AreaFigures, facknamnd: bool) -> str:
    """`Äldreomsorg`; a facknämnd writes the deviation in the heading: `Barn och ungdom -1,7 mnkr`, `… ±0 mnkr`."""
    if not facknamnd:
        return fig.area.name
    deviation = fig.deviation.quantize(Decimal("0.1"))
    amount = "±0\xa0mnkr" if deviation == 0 else format_number(deviation, 1, "mnkr", sign=True)
    return f"{fig.area.name} {amount}"


def _placed(info, table, section) -> Narrative:
    """Under its own table's heading; beside another table (the report has none of its own: a facknämnd without
    resultatenheter or omslutningsförändringar) under its own title, never under that table's heading."""
    if info.economy_heading == "own" or table.key != info.economy_anchors[0][0]:
        return Narrative(section.title, section)
    return Narrative(table.heading, section, subheading=section.title if info.economy_heading == "sub" else "")


def report_parts(report, data: EconomyData | None = None) -> list:
    """Tables and `Narrative`s in document order. Each text kind says in the registry (`tertial.sections`,
    `economy_anchors`) which table it goes before or after; each group of areas' texts follows its small table
    (where the layout has none, all of them follow the per-area table); a budgetjustering's motivering follows
    Budgetjusteringar in the requests' order. One query more than the tables.

    A Narrative's heading is what the document prints over it: the table's heading it belongs to, the area's
    group heading (a facknämnd's with its deviation, `Barn och ungdom -1,7 mnkr`), or the text's own title when
    the report has none of its tables; `subheading` a title printed under it (Tertialbokslut, a budgetjustering)."""
    data = data or load(report)
    kinds = [k for k in section_registry().values() if k.placed_by_economy]
    sections = list(Section.objects.filter(report=report, kind__in=[k.key for k in kinds]).order_by("position", "id"))
    by_id = {s.id: s for s in sections}
    groups = area_groups(data)
    headings = {}
    for heading, figs in groups:
        for fig in figs:
            if fig.section_id:
                headings[fig.section_id] = area_heading(fig, data.is_facknamnd) if len(figs) == 1 else heading
    order = {a.section_id: a.position for a in data.adjustments + data.granted}
    texts: dict[str, list] = {}
    for section in sections:
        if section.kind != Section.Kind.ECONOMY_AREA:
            texts.setdefault(section.kind, []).append(section)
    texts.get(Section.Kind.ECONOMY_ADJUSTMENT, []).sort(key=lambda s: order.get(s.id, 0))
    categories = [data.investment_rows.get(c.id) for c in data.categories]
    category_order = {r.section_id: i for i, r in enumerate(categories) if r is not None and r.section_id}
    texts.get(Section.Kind.ECONOMY_INVESTMENT, []).sort(key=lambda s: category_order.get(s.id, len(categories)))

    tables = _tables(data)
    area_table = {t.key: t for t in tables if t.key.startswith("area_")}
    main = [t for t in tables if t.key not in area_table]
    by_key = {t.key: t for t in main}
    before: dict[str, list] = {}
    after: dict[str, list] = {}
    unplaced = []
    for info in kinds:
        if info.key not in texts:
            continue
        anchor = next(((key, where) for key, where in info.economy_anchors if key in by_key), None)
        if anchor is None:
            unplaced.extend(Narrative(s.title, s) for s in texts[info.key])
            continue
        key, where = anchor
        table = by_key[key]
        items = [_placed(info, table, s) for s in texts[info.key]]
        (before if where == "before" else after).setdefault(key, []).extend(items)

    parts = []
    for table in main:
        parts.extend(before.get(table.key, []))
        parts.append(table)
        parts.extend(after.get(table.key, []))
        if table.key == "drift_areas":
            for _heading, figs in groups:
                small = area_table.get(f"area_{figs[0].area.id}")
                if small is not None:
                    parts.append(small)
                parts.extend(
                    Narrative(headings[f.section_id], by_id[f.section_id]) for f in figs if f.section_id in by_id
                )
    parts.extend(unplaced)
    return parts


# --- For the slide deck ------------------------------------------------------------------------------------------


def area_summary(report, data: EconomyData | None = None):
    data = data or load(report)
    areas = [(f.area.name, _n(f.budget), f.deviation) for f in data.areas if f.has_figures or f.has_transfers]
    return areas, (_sum(a[1] for a in areas), _sum(a[2] for a in areas))
