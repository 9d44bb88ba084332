"""Writes to the economy figures. Every function is keyword-only, atomic, validates with `full_clean()` and refuses a
fastställd report, so no view or import can change figures the nämnd has already decided on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from tertial.errors import Conflict, ServiceError, validation_message
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
    DriftLayout,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
    TableVersion,
    TurnoverChange,
)

LOCKED_MESSAGE = "Rapporten är fastställd och kan inte ändras."


class TableConflict(Conflict):
    """Somebody saved the table after the page was opened: nothing was written, the page shows both sides."""

    def __init__(self, table, current_version):
        super().__init__(
            f"{TableVersion.Table(table).label} har sparats av någon annan medan du skrev. Ingenting av det du "
            "skrev har sparats ännu: dina värden står kvar nedan, och det som nu är sparat visas under dem. "
            "Spara igen för att ersätta det sparade med dina värden."
        )
        self.current_version = current_version


def table_version(*, report, table) -> int:
    """The version a page opens a table at (0 before its first save). One query; never writes."""
    return TableVersion.objects.filter(report=report, table=table).values_list("version", flat=True).first() or 0


def table_versions(*, report) -> dict:
    return dict(TableVersion.objects.filter(report=report).values_list("table", "version"))


def claim_table(*, report, table, version) -> int:
    """Lock the table's version row, refuse a stale `version` (TableConflict), bump it; inside the caller's
    transaction, so the figures and the new version are written together or not at all."""
    current, _ = TableVersion.objects.select_for_update().get_or_create(report=report, table=table)
    if version is not None and current.version != version:
        raise TableConflict(table, current.version)
    current.version += 1
    current.save(update_fields=["version"])
    return current.version


def check_editable(report):
    if report.is_locked:
        raise ValidationError(LOCKED_MESSAGE)


@transaction.atomic
def ensure_economy_rows(*, report):
    """Create the report's rows for every catalogue entry, and a narrative section per verksamhetsområde.

    Idempotent; a handful of queries when nothing is missing. Rows are created with history by `save()`.
    A fastställd report gets nothing (`tertial.freeze`).
    """
    if report.is_locked:
        return
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


def _link_saved_parents(row):
    """A row made together with its catalogue entry (a new kostnadsslag) points at it once it is saved."""
    for field in row._meta.concrete_fields:
        if field.is_relation and getattr(row, field.attname) is None and field.is_cached(row):
            parent = field.get_cached_value(row)
            if parent is not None and parent.pk:
                setattr(row, field.attname, parent.pk)


def _is_empty(row, fields) -> bool:
    return all(getattr(row, f) is None for f in fields)


@transaction.atomic
def save_rows(*, report, rows, deleted=(), table=None, version=None, empty_deletes=()):
    """Save edited rows of one economy table (each validated), delete removed ones. Rows must belong to `report`.

    With `table`, the table's version is checked first (`claim_table`): a stale page raises TableConflict and
    writes nothing. `empty_deletes` are (row, fields) pairs whose row is deleted, or not created, when all the
    fields are empty: a table nobody filled in (Kapitalkostnader, the Kostnader/Intäkter summary) does not exist.
    """
    check_editable(report)
    if table is not None:
        claim_table(report=report, table=table, version=version)
    for row in [*rows, *deleted, *(r for r, _ in empty_deletes)]:
        if hasattr(row, "report_id") and row.report_id != report.id:
            raise ServiceError("Raden hör inte till rapporten.")
        if not hasattr(row, "report_id") and (row.namnd_id, row.year) != (report.namnd_id, report.period.year):
            raise ServiceError("Raden hör inte till nämndens katalog för rapportens år.")
    for row in deleted:
        if row.pk:
            row.delete()
    empty = {id(r) for r, fields in empty_deletes if _is_empty(r, fields)}
    for row, _ in empty_deletes:
        if id(row) in empty and row.pk:
            row.delete()
    for row in rows:
        if id(row) in empty:
            continue
        _link_saved_parents(row)
        try:
            row.full_clean()
        except ValidationError as error:
            raise ServiceError(validation_message(error)) from None
        row.save()
    if any(isinstance(r, AreaRow) and r.area.parent_id is None and r.section_id is None for r in rows):
        ensure_economy_rows(report=report)  # a new area's narrative section, made on save (never on a GET)


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def save_adjustment(*, report, adjustment, version=None):
    """Create or update a budgetjustering; its amount then shows in the column, the text and Förslag till beslut.

    A change of an existing one is checked against the version its page was opened at (`version`)."""
    check_editable(report)
    claim_table(
        report=report, table=TableVersion.Table.ADJUSTMENTS, version=version if adjustment.pk is not None else None
    )
    adjustment.report = report
    if adjustment.pk is None:
        adjustment.position = _next_position(BudgetAdjustment.objects.filter(report=report))
    adjustment.full_clean()
    adjustment.save()
    _adjustment_section(report, adjustment)
    return adjustment


def _adjustment_section(report, adjustment):
    """The budgetjustering's motivering, a section of its own (written on the section page, checked by the
    Kontroll, printed under Budgetjusteringar), titled by the request so that lists need no join."""
    from .tables import adjustment_heading

    heading = adjustment_heading(adjustment)[:200]
    section = adjustment.section
    if section is None:
        section = Section.objects.create(
            report=report,
            kind=Section.Kind.ECONOMY_ADJUSTMENT,
            position=section_position(Section.Kind.ECONOMY_ADJUSTMENT) + 500 + adjustment.position,
            heading_text=heading,
        )
        adjustment.section = section
        adjustment.save(update_fields=["section"])
    elif section.heading_text != heading:
        section.heading_text = heading
        section.save(update_fields=["heading_text"])


@transaction.atomic
def investment_text(*, report, category):
    """The text about one investeringskategori, made when a controller asks for it (a report prints texts only for
    the categories it writes about), titled by the category and printed after the Investeringar text, in the
    categories' order. Returns the section; asking again returns the same one."""
    check_editable(report)
    if (category.namnd_id, category.year) != (report.namnd_id, report.period.year):
        raise ServiceError("Kategorin hör inte till nämndens katalog för rapportens år.")
    row = InvestmentRow.objects.select_for_update().filter(report=report, category=category).first()
    row = row or InvestmentRow.objects.create(report=report, category=category)
    if row.section is None:
        row.section = Section.objects.create(
            report=report,
            kind=Section.Kind.ECONOMY_INVESTMENT,
            position=section_position(Section.Kind.ECONOMY_INVESTMENT) + 200 + category.position,
            heading_text=category.name[:200],
        )
        row.save(update_fields=["section"])
    return row.section


@transaction.atomic
def delete_adjustment(*, report, adjustment):
    check_editable(report)
    if adjustment.report_id != report.id:
        raise ValidationError("Budgetjusteringen hör inte till rapporten.")
    # A page opened before the removal would otherwise save the row back: its table version is now stale.
    claim_table(report=report, table=TableVersion.Table.ADJUSTMENTS, version=None)
    section = adjustment.section
    adjustment.delete()
    if section is not None:
        section.delete()  # its text stays in the history


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
def save_turnover(*, report, changes, version=None):
    """The Omslutningsförändringar page: (area, costs) per changed verksamhet, under the table's version."""
    check_editable(report)
    claim_table(report=report, table=TableVersion.Table.TURNOVER, version=version)
    for area, costs in changes:
        set_turnover(report=report, area=area, costs=costs)


@transaction.atomic
def set_turnover(*, report, area, costs):
    """Enter or change one verksamhet's omslutningsförändring; empty removes it. Intäkter follow from Kostnader
    (an omslutningsförändring changes both by the same amount, netto 0): they are computed here, never typed."""
    check_editable(report)
    if not area.partial_breakdown and area.children.exists():
        raise ServiceError(f"{area.name} räknas fram ur sina varav-rader: ange omslutningsförändringen på dem.")
    change = TurnoverChange.objects.filter(report=report, area=area).first()
    if costs is None:
        if change:
            change.delete()
        return None
    change = change or TurnoverChange(report=report, area=area)
    change.costs, change.income = costs, -costs
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def layout_save(*, report, preset, columns=(), budget_includes_requested, area_tables, version=None):
    """Choose how the report prints its driftbudget per verksamhetsområde: a preset of `economy.layouts`, and the
    columns kept of it or added (empty: the preset's own), under the table's version. Typed figures are kept
    whatever the columns: a column taken away and put back shows its figures again."""
    from .layouts import PRESETS, Col

    check_editable(report)
    if preset not in PRESETS:
        raise ServiceError("Okänd tabellmall.")
    unknown = [c for c in columns if c not in Col.values]
    if unknown:
        raise ServiceError(f"Okänd kolumn: {', '.join(unknown)}.")
    chosen = list(dict.fromkeys(columns))
    if chosen == [c for c, _ in PRESETS[preset].columns]:
        chosen = []  # the preset as it is: it follows the preset's own order and labels
    if columns and Col.AVVIKELSE not in columns and Col.JUSTERAD_AVVIKELSE not in columns:
        raise ServiceError("Tabellen behöver en kolumn Avvikelse eller Justerad avvikelse.")
    claim_table(report=report, table=TableVersion.Table.LAYOUT, version=version)
    layout = DriftLayout.objects.filter(report=report).first() or DriftLayout(report=report)
    layout.preset = preset
    layout.columns = chosen
    layout.budget_includes_requested = budget_includes_requested
    layout.area_tables = area_tables
    layout.full_clean()
    layout.save()
    return layout
