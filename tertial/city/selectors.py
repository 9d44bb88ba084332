"""Reads of the city-wide view. Each page reads a fixed number of queries whatever the number of nämnder, and
every count and sum is computed by the database (GROUP BY over the period's reports), never by loading reports."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum
from django.http import Http404

from economy.models import BudgetAdjustment, TurnoverChange
from goals.models import Goal
from tertial import deadlines
from tertial.checks import CheckSummary, summaries_for_reports
from tertial.checks.counts import DELVIS, HELT, INTE, NONE, namnd_sentence
from tertial.models import Assessment, Namnd, Period, Report, Section

from .models import IndicatorProposal

ZERO = Decimal(0)
AMOUNT = DecimalField(max_digits=20, decimal_places=4)
# The bedömning as text and symbol, never colour alone (the symbols are the documents' own circle scale).
ASSESSMENT_SYMBOLS = {HELT: "●", DELVIS: "◐", INTE: "○", NONE: "–"}
ASSESSMENT_LABELS = {**{a.value: a.label for a in Assessment}, NONE: "Ej bedömd"}
# In the matrix, where thirty columns must fit: the word that tells the bedömning apart (the legend has the rest).
SHORT_LABELS = {HELT: "Helt", DELVIS: "Delvis", INTE: "Inte", NONE: "Ej bedömd"}


def get_period(code: str) -> Period:
    """The period of a /stad/<period>/ URL, or 404 (an unknown or badly written period)."""
    try:
        year, kind = Period.parse_code(code)
    except ValueError:
        raise Http404("Ogiltig period.") from None
    period = Period.objects.filter(year=year, kind=kind).first()
    if period is None:
        raise Http404("Perioden finns inte.")
    return period


def periods_with_reports() -> list[Period]:
    return list(Period.objects.filter(reports__isnull=False).distinct().order_by("-year", "-kind"))


def period_reports(period) -> list[Report]:
    """The period's reports with their nämnd, in name order. One query."""
    return list(Report.objects.filter(period=period).select_related("namnd", "period").order_by("namnd__name"))


# --- Måluppfyllelse ----------------------------------------------------------------------------------------------


_PK = 987654321  # stands for the pk in a reversed URL pattern


def url_maker(name: str, **kwargs):
    """`pk -> URL` for one URL name and fixed kwargs, reversed once: a page with a thousand links to sections of the
    same report would otherwise spend its time in `reverse`."""
    from django.urls import reverse

    pattern = reverse(name, kwargs={**kwargs, "pk": _PK})
    return lambda pk: pattern.replace(str(_PK), str(pk))


@dataclass
class Cell:
    namnd: Namnd
    report: Report
    section_id: int | None = None  # None: the nämnd does not follow the goal up
    assessment: str = NONE
    url: str = ""  # the nämnd's goal section

    @property
    def symbol(self) -> str:
        return ASSESSMENT_SYMBOLS[self.assessment]

    @property
    def label(self) -> str:
        return ASSESSMENT_LABELS[self.assessment]

    @property
    def short_label(self) -> str:
        return SHORT_LABELS[self.assessment]


@dataclass
class GoalColumn:
    goal: Goal
    counts: dict = field(default_factory=lambda: {HELT: 0, DELVIS: 0, INTE: 0, NONE: 0})

    @property
    def sentence(self) -> str:
        return namnd_sentence(self.counts)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def unassessed(self) -> int:
        return self.counts[NONE]


@dataclass
class GoalMatrix:
    goals: list  # of GoalColumn, KF goals in document order (inriktningsmål and mål för verksamhetsområdet)
    rows: list  # of (Report, [Cell per goal])


def goal_matrix(period) -> GoalMatrix:
    """Nämnder × KF:s goals with each nämnd's bedömning, and per goal the counts. Four queries."""
    goals = [
        GoalColumn(goal)
        for goal in Goal.objects.filter(year=period.year, namnd=None, level__lte=Goal.Level.KF_MAL).order_by("sort_key")
    ]
    by_goal = {c.goal.id: c for c in goals}
    counted = (
        Section.objects.filter(report__period=period, kind=Section.Kind.GOAL, goal__namnd=None)
        .values("goal_id", "assessment")
        .annotate(n=Count("id"))
    )
    for row in counted:  # the database counts; Python only files the counts under their goal
        if row["goal_id"] in by_goal:
            by_goal[row["goal_id"]].counts[row["assessment"]] += row["n"]
    reports = period_reports(period)
    sections = {
        (s["report_id"], s["goal_id"]): s
        for s in Section.objects.filter(report__period=period, kind=Section.Kind.GOAL, goal__namnd=None).values(
            "id", "report_id", "goal_id", "assessment"
        )
    }
    rows = []
    for report in reports:
        cells = []
        section_url = url_maker("section_edit", slug=report.namnd.slug, period=period.code)
        for column in goals:
            s = sections.get((report.id, column.goal.id))
            cell = Cell(report.namnd, report)
            if s:
                cell.section_id, cell.assessment, cell.url = s["id"], s["assessment"], section_url(s["id"])
            cells.append(cell)
        rows.append((report, cells))
    return GoalMatrix(goals=goals, rows=rows)


# --- Status ------------------------------------------------------------------------------------------------------


def check_summaries(reports, *, pending: bool = False) -> dict[int, CheckSummary]:
    """The publication check's counts (Fel, Varningar, kvitterade) per report: the one place the city view reads
    them: the cached counts of every report at once (two queries) and the acknowledged keys (one). With `pending`,
    a report changed since its last check whose check the worker has been asked for is left out (the page says
    that the check is being made) instead of checked now."""
    return summaries_for_reports(reports, pending=pending)


# A section is done when handed in for review or approved: nothing more is due from its writer.
DONE_STATES = [Section.State.KLAR, Section.State.GODKAND]


@dataclass
class StatusRow:
    report: Report
    section_count: int
    done_count: int
    checks: CheckSummary | None  # None: not asked for, or (check_pending) being made by the worker
    deadline: date | None
    # Sections past their sista dag (their own, else the report's) and not done: `tertial.deadlines`' rule.
    overdue_count: int = 0
    check_pending: bool = False

    @property
    def done_share(self) -> int:
        """Per cent of the sections done (Klar för granskning or Godkänd)."""
        return round(100 * self.done_count / self.section_count) if self.section_count else 0

    @property
    def overdue(self) -> bool:
        """Some section's sista dag has passed and it is not done (a fastställd report is never late)."""
        return self.overdue_count > 0 and not self.report.is_locked


STATUS_SORTS = {
    "namnd": lambda r: r.report.namnd.name,
    "status": lambda r: (list(Report.Status.values).index(r.report.status), r.report.namnd.name),
    "klara": lambda r: (r.done_share, r.report.namnd.name),
    "fel": lambda r: (r.checks.errors if r.checks else -1, r.report.namnd.name),
    "varningar": lambda r: (r.checks.unacknowledged if r.checks else -1, r.report.namnd.name),
    "sista-dag": lambda r: (r.deadline or date.max, r.report.namnd.name),
}


def report_status(
    period, *, sort: str = "namnd", descending: bool = False, with_checks: bool = True, pending: bool = False
) -> list:
    """Per nämnd: status, sections done of all and sections overdue (counted by the database, in the same query),
    the check's counts and the report's sista dag. With `pending`, a check the worker is making is marked
    `check_pending` rather than made now (the page; an export waits for every count)."""
    on = deadlines.today()
    past_due = Q(sections__deadline__lt=on) | Q(sections__deadline__isnull=True, deadline__lt=on)
    reports = list(
        Report.objects.filter(period=period)
        .select_related("namnd", "period")
        .annotate(
            section_count=Count("sections"),
            done_count=Count("sections", filter=Q(sections__state__in=DONE_STATES)),
            overdue_count=Count(
                "sections",
                filter=past_due & ~Q(sections__state__in=DONE_STATES) & Q(sections__not_applicable=False),
            ),
        )
        .order_by("namnd__name")
    )
    checks = check_summaries(reports, pending=pending) if with_checks else {}
    rows = [
        StatusRow(
            r,
            r.section_count,
            r.done_count,
            checks.get(r.id),
            r.deadline,
            r.overdue_count,
            with_checks and r.id not in checks,
        )
        for r in reports
    ]
    rows.sort(key=STATUS_SORTS.get(sort, STATUS_SORTS["namnd"]), reverse=descending)
    return rows


# --- Ekonomi -----------------------------------------------------------------------------------------------------


@dataclass
class EconomyRow:
    """Netto figures in mnkr: Avvikelse = Budget + Begärda budgetjusteringar + Prestations-/omslutningsförändringar
    − Prognos (positive = överskott), after resultatdispositioner when the nämnd has resultatenheter."""

    label: str
    budget: Decimal = ZERO
    requested: Decimal = ZERO
    change: Decimal = ZERO
    forecast: Decimal = ZERO
    transfers: Decimal = ZERO  # the resultatenheter's net result (över- and underskott to and from other years)
    report: Report | None = None
    namnd_count: int = 0

    @property
    def deviation_before(self) -> Decimal:
        return self.budget + self.requested + self.change - self.forecast

    @property
    def deviation(self) -> Decimal:
        return self.deviation_before + self.transfers

    @property
    def deviation_share(self) -> Decimal | None:
        """Avvikelse as per cent of the budget."""
        base = self.budget + self.requested + self.change
        return (100 * self.deviation / base).quantize(Decimal("0.01")) if base else None


def _total(label: str, rows: list[EconomyRow]) -> EconomyRow:
    total = EconomyRow(label)
    for row in rows:
        for name in ("budget", "requested", "change", "forecast", "transfers"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.namnd_count += row.namnd_count
    return total


@dataclass
class CityEconomy:
    namnder: list  # of EconomyRow per report
    total: EconomyRow
    areas: list  # of EconomyRow per verksamhetsområde summed across the stadsdelsnämnder
    areas_total: EconomyRow


def _economy_row(label, figures, **extra) -> EconomyRow:
    """The nämnd's (or an area's) netto figures as its report computes them (`economy.tables.area_figures`): the
    justerad budget without the requests it may already include, so Budget + Begärda + Förändringar − Prognos +
    Resultatenheternas resultat is the report's Avvikelse whatever its table's setting."""
    return EconomyRow(
        label,
        budget=sum((f.budget_before_requested for f in figures), ZERO),
        requested=sum((f.requested for f in figures), ZERO),
        change=sum((_n(f.change) for f in figures), ZERO),
        forecast=sum((_n(f.forecast) for f in figures), ZERO),
        transfers=sum((f.transfer_from + f.transfer_to for f in figures), ZERO),
        **extra,
    )


def _n(value) -> Decimal:
    return ZERO if value is None else value


def city_economy(period) -> CityEconomy:
    """Budget, prognos and avvikelse per nämnd and per verksamhetsområde, each nämnd's figures computed as its own
    report computes them (one home: `economy.tables.period_area_figures`, the table setting "budgeten inkluderar
    begärda budgetjusteringar", granted adjustments and varav rows computed from a full breakdown included). Six
    queries whatever the number of nämnder.

    A nämnd's figures are its verksamhetsområden's (top-level rows; a varav row is part of its parent), so that
    the nämnd rows and the area rows add up to the same totals."""
    from economy.tables import period_area_figures

    reports = period_reports(period)
    figures = period_area_figures(reports)
    rows = [_economy_row(r.namnd.name, figures[r.id], report=r, namnd_count=1) for r in reports]
    # Per verksamhetsområde across the stadsdelsnämnder, by the area's name (each nämnd has its own catalogue).
    by_name: dict[str, list] = {}
    first: dict[str, tuple] = {}
    for report in reports:
        if report.namnd.kind != Namnd.Kind.STADSDELSNAMND:
            continue
        for fig in figures[report.id]:
            if fig.row is None and not (fig.has_figures or fig.has_transfers or fig.granted):
                continue  # an area of the catalogue without figures in this report
            name = fig.area.name
            by_name.setdefault(name, []).append((report.id, fig))
            first[name] = min(first.get(name, (fig.area.position, name)), (fig.area.position, name))
    area_rows = [
        _economy_row(name, [f for _, f in by_name[name]], namnd_count=len({r for r, _ in by_name[name]}))
        for name in sorted(by_name, key=lambda n: first[n])
    ]
    return CityEconomy(
        namnder=rows,
        total=_total("Samtliga nämnder", rows),
        areas=area_rows,
        areas_total=_total("Stadsdelsnämnderna totalt", area_rows),
    )


# --- Budgetjusteringar and proposals -----------------------------------------------------------------------------


def city_adjustments(period) -> list[BudgetAdjustment]:
    """Every requested budgetjustering of the period with its nämnd and the city's decision (`.decide_url`, the
    page where the city takes its stand). One query."""
    decide_url = url_maker("city:adjustment_decide", period=period.code)
    adjustments = list(
        BudgetAdjustment.objects.filter(report__period=period, status=BudgetAdjustment.Status.REQUESTED)
        .select_related("report__namnd", "report__period", "area", "category", "city_decision__user")
        .order_by("report__namnd__name", "kind", "position", "id")
    )
    for adjustment in adjustments:
        adjustment.decide_url = decide_url(adjustment.pk)
    return adjustments


def adjustment_totals(period) -> dict:
    """The sums of the requested budgetjusteringar (drift and investering) by the city's ställningstagande, mnkr.
    One query."""
    decided = "city_decision__decision"
    rows = BudgetAdjustment.objects.filter(report__period=period, status=BudgetAdjustment.Status.REQUESTED)
    totals = rows.aggregate(
        requested=Sum("amount"),
        tillstyrkt=Sum("amount", filter=Q(**{decided: "tillstyrkt"})),
        avstyrkt=Sum("amount", filter=Q(**{decided: "avstyrkt"})),
        open=Sum("amount", filter=Q(city_decision__isnull=True)),
    )
    return {key: value or ZERO for key, value in totals.items()}


def city_turnover(period) -> list[TurnoverChange]:
    """Every reported omslutningsförändring of the period with its nämnd and verksamhet. One query."""
    return list(
        TurnoverChange.objects.filter(report__period=period)
        .select_related("report__namnd", "area")
        .order_by("report__namnd__name", "area__position", "id")
    )


def city_proposals(period) -> list[IndicatorProposal]:
    """Every nämnd's proposed årsmål change of the period. One query."""
    return list(
        IndicatorProposal.objects.filter(report__period=period)
        .select_related("report__namnd", "report__period", "indicator__goal", "user")
        .order_by("report__namnd__name", "indicator__goal__sort_key", "indicator__position", "id")
    )
