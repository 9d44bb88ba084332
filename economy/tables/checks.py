"""What does not add up: varav sums, the summary against the areas, omslutning netto, the balance sheet."""

from decimal import Decimal

from economy.models import BalanceItem
from tertial.numbers import format_mnkr

from .base import Problem, _any, _n, _sum, period_end
from .build import _turnover_tree, turnover_netto
from .data import EconomyData, load

ROUNDING = Decimal("0.1")
_FIX_AT = {
    "drift_areas": "economy:drift_edit",
    "drift_summary": "economy:drift_edit",
    "omslutningsforandringar": "economy:turnover_edit",
    "balans_skulder": "economy:balance_edit",
}


# --- Consistency -------------------------------------------------------------------------------------------------


def _mnkr(value) -> str:
    return f"{format_mnkr(value)} mnkr"


def _rounding(difference) -> bool:
    """Less than a printed unit (0,1 mnkr) apart: figures typed with more decimals than the document prints agree
    (the table says so under it, `economy.tables.rounding_note`); 0,1 or more is a real difference."""
    return abs(difference) < ROUNDING


def consistency_problems(report, data: EconomyData | None = None) -> list[Problem]:
    data = data or load(report, for_checks=True)
    problems = []
    labels = {"budget": "Budget", "change": "Prestations- och omslutningsförändringar", "forecast": "Prognos"}
    for fig in data.areas:
        # A full breakdown is computed from its varav rows (it cannot disagree with them); a partial one is typed
        # and shows one part of the area ("varav handläggning"): it may be less, so only a Varning.
        entered = [c for c in fig.children if _any([c.budget, c.change, c.forecast])]
        if fig.computed or not entered:
            continue
        for attr, label in labels.items():
            parent, varav = _n(getattr(fig, attr)), _sum(getattr(c, attr) for c in fig.children)
            if _rounding(parent - varav):
                continue
            message = (
                f"Varav-raderna är en delredovisning och summerar till {_mnkr(varav)} av {fig.area.name}s "
                f"{_mnkr(parent)}. Kontrollera att det är avsikten."
            )
            problems.append(Problem("drift_areas", f"{fig.area.name} – {label}", message, warning=True))
    s = data.summary
    if s is not None and data.areas:
        netto = {
            "budget": (s.cost_budget, s.income_budget),
            "change": (s.cost_change, s.income_change),
            "forecast": (s.cost_forecast, s.income_forecast),
        }
        for attr, label in labels.items():
            if netto[attr] == (None, None):
                continue  # a column the summary does not have (a report without the prognosis split)
            summary_value = _n(netto[attr][0]) + _n(netto[attr][1])
            areas_value = _sum(getattr(f, attr) for f in data.areas)
            if not _rounding(summary_value - areas_value):
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
        if children and not change.computed:  # a partial breakdown: one part of the verksamhet, a Varning
            for attr, label in (("costs", "Kostnader"), ("income", "Intäkter")):
                parent, varav = _n(getattr(change, attr)), _sum(getattr(c, attr) for c in children)
                if parent != varav:
                    problems.append(
                        Problem(
                            "omslutningsforandringar",
                            f"{change.area.label} – {label}",
                            f"Varav-raderna är en delredovisning och summerar till {_mnkr(varav)} av "
                            f"{change.area.label}s {_mnkr(parent)}. Kontrollera att det är avsikten.",
                            warning=True,
                        )
                    )
    problems.extend(_balance_problems(data))
    for problem in problems:
        problem.edit_url_name = _FIX_AT.get(problem.table_key, "")
    return problems


def _balance_problems(data: EconomyData) -> list[Problem]:
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
