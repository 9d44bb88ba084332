"""Writes to the economy figures. Every function is keyword-only, atomic, validates with `full_clean()` and refuses a
fastställd report, so no view or import can change figures the nämnd has already decided on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from tertial.models import Section
from tertial.services import section_position

from .models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CostType,
    CostTypeRow,
    DecisionItem,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
    TurnoverChange,
)

LOCKED_MESSAGE = "Rapporten är fastställd och kan inte ändras."


def check_editable(report):
    if report.is_locked:
        raise ValidationError(LOCKED_MESSAGE)


@transaction.atomic
def ensure_economy_rows(*, report):
    """Create the report's rows for every catalogue entry, and a narrative section per verksamhetsområde.

    Idempotent; a handful of queries when nothing is missing. Rows are created with history by `save()`.
    """
    year = report.period.year
    catalogue = {"namnd_id": report.namnd_id, "year": year}
    existing = {r.area_id: r for r in AreaRow.objects.filter(report=report)}
    areas = list(Area.objects.filter(**catalogue))
    for position, area in enumerate(areas):
        row = existing.get(area.id) or AreaRow(report=report, area=area)
        changed = row.pk is None
        if area.parent_id is None and row.section_id is None:
            row.section = Section.objects.create(
                report=report,
                kind=Section.Kind.ECONOMY_AREA,
                position=section_position(Section.Kind.ECONOMY_AREA) + position,
            )
            changed = True
        if changed:
            row.save()
    have = set(InvestmentRow.objects.filter(report=report).values_list("category_id", flat=True))
    for category in InvestmentCategory.objects.filter(**catalogue).exclude(id__in=have):
        InvestmentRow.objects.create(report=report, category=category)
    have = set(CostTypeRow.objects.filter(report=report).values_list("cost_type_id", flat=True))
    for cost_type in CostType.objects.filter(**catalogue).exclude(id__in=have):
        CostTypeRow.objects.create(report=report, cost_type=cost_type)
    # The economy's text sections (Försäljningar, Verksamhetsprojekt, …) come from the year's report template
    # (tertial.services.ensure_report_sections): a text the city left out of the template is not made here.


@transaction.atomic
def save_rows(*, report, rows, deleted=()):
    """Save edited rows of one economy table (each validated), delete removed ones. Rows must belong to `report`."""
    check_editable(report)
    for row in [*rows, *deleted]:
        if row.report_id != report.id:
            raise ValidationError("Raden hör inte till rapporten.")
    for row in deleted:
        if row.pk:
            row.delete()
    for row in rows:
        row.full_clean()
        row.save()


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def save_adjustment(*, report, adjustment):
    """Create or update a budgetjustering; its amount then shows in the column, the text and Förslag till beslut."""
    check_editable(report)
    adjustment.report = report
    if adjustment.pk is None:
        adjustment.position = _next_position(BudgetAdjustment.objects.filter(report=report))
    adjustment.full_clean()
    adjustment.save()
    return adjustment


@transaction.atomic
def delete_adjustment(*, report, adjustment):
    check_editable(report)
    if adjustment.report_id != report.id:
        raise ValidationError("Budgetjusteringen hör inte till rapporten.")
    adjustment.delete()


@transaction.atomic
def save_decision_item(*, report, item):
    check_editable(report)
    item.report = report
    if item.pk is None:
        item.position = _next_position(DecisionItem.objects.filter(report=report))
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def delete_decision_item(*, report, item):
    check_editable(report)
    if item.report_id != report.id:
        raise ValidationError("Beslutspunkten hör inte till rapporten.")
    item.delete()


@transaction.atomic
def move_item(*, report, item, up: bool):
    """Swap a budgetjustering or extra Förslag item with its neighbour; renumbers so positions stay distinct."""
    check_editable(report)
    siblings = list(type(item).objects.select_for_update().filter(report=report).order_by("position", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def save_result_unit(*, report, unit):
    check_editable(report)
    unit.report = report
    if unit.pk is None:
        unit.position = _next_position(ResultUnit.objects.filter(report=report))
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def save_balance_item(*, report, item):
    check_editable(report)
    item.report = report
    if item.pk is None:
        item.position = _next_position(BalanceItem.objects.filter(report=report, side=item.side))
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def set_turnover(*, report, area, costs, income):
    """Enter or change one verksamhet's omslutningsförändring; both empty removes it."""
    check_editable(report)
    change = TurnoverChange.objects.filter(report=report, area=area).first()
    if costs is None and income is None:
        if change:
            change.delete()
        return None
    change = change or TurnoverChange(report=report, area=area)
    change.costs, change.income = costs, income
    change.full_clean()
    change.save()
    return change
