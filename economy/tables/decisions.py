"""Förslag till beslut, generated from the requests: item 1, the omslutning request, one item per budgetjustering."""

from economy.models import BudgetAdjustment, DecisionItem
from tertial.numbers import format_typed

from .build import turnover_total
from .data import EconomyData, load

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
        f"{report.namnd.subject} ansöker om budgetjustering om {format_typed(adjustment.amount, unit='mnkr')} "
        f"för {purpose}. ({kind})"
    )


def adjustment_heading(adjustment) -> str:
    """`0,6 mnkr för trygghetsskapande åtgärder inom lekparken Oxtungan (investering)`: the motivering's title."""
    purpose = adjustment.purpose.strip().rstrip(".")
    status = " – redan beviljad" if adjustment.status == BudgetAdjustment.Status.GRANTED else ""
    kind = adjustment.get_kind_display().lower()
    return f"{format_typed(adjustment.amount, unit='mnkr')} för {purpose} ({kind}){status}"


def decision_items(report, data: EconomyData | None = None) -> list[str]:
    """Item 1 approves and forwards; then the omslutning request; then one item per budgetjustering; then extras."""
    items = [_approval_item(report)]
    data = data or load(report, for_checks=True)  # the omslutning total as the table computes it
    adjustments, costs = data.adjustments, turnover_total(data)[0]
    if costs:
        items.append(
            f"{report.namnd.subject} ansöker om omslutningsförändringar om {format_typed(costs, unit='mnkr')}."
        )
    items.extend(adjustment_item(report, a) for a in adjustments)
    items.extend(d.text for d in DecisionItem.objects.filter(report=report).order_by("position", "id"))
    return items
