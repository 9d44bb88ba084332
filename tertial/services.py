"""Writes on the report itself. `ensure_report_sections` gives a new report everything people write in; the
front matter and the bilagor of the tjänsteutlåtande."""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from goals.models import Goal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult

from .errors import ServiceError
from .models import Attachment, Report, Section
from .numbers import format_number

# Position bands keep the document order of the printed report: Sammanfattande analys, the goal tree,
# the economy narratives, then Övrigt (Intern kontroll, Särskilda redovisningar, Övrigt).
_GOAL_POSITION = 1_000
_ECONOMY_POSITION = 50_000
_OTHER_POSITION = 60_000


def section_position(kind: str, goal_index: int = 0) -> int:
    """Where a section of `kind` sorts in the report; goal sections by their index in the goal tree."""
    if kind == Section.Kind.GOAL:
        return _GOAL_POSITION + goal_index
    if kind == Section.Kind.SUMMARY:
        return 0
    if kind in Section.ECONOMY_TEXT_KINDS:
        return _ECONOMY_POSITION + Section.ECONOMY_TEXT_KINDS.index(kind)
    if kind in Section.REPORT_LEVEL_KINDS:
        return _OTHER_POSITION + Section.REPORT_LEVEL_KINDS.index(kind)
    return _ECONOMY_POSITION + len(Section.ECONOMY_TEXT_KINDS)


@transaction.atomic
def ensure_report_sections(*, report: Report) -> dict[str, int]:
    """Create what is missing for `report`: a Section per goal of the nämnd's tree for the year, per report-level
    text and per economy text, and an empty result per indicator and activity of the nämnd and year.

    Idempotent: existing rows are left untouched (no history rows), so it is safe to call after goals, indicators or
    activities are added to a year. Bulk inserts with history; a fixed number of queries whatever the report size.
    Returns how many rows of each kind were created.
    """
    namnd_id, year = report.namnd_id, report.period.year
    existing = list(report.sections.values_list("kind", "goal_id"))
    goal_ids_done = {goal_id for _, goal_id in existing if goal_id}
    kinds_done = {kind for kind, goal_id in existing if not goal_id}

    goals = Goal.objects.for_namnd(report.namnd, year).distinct().order_by("sort_key")
    new_sections = [
        Section(report=report, kind=Section.Kind.GOAL, goal=goal, position=section_position(Section.Kind.GOAL, index))
        for index, goal in enumerate(goals)
        if goal.id not in goal_ids_done
    ]
    new_sections += [
        Section(report=report, kind=kind, position=section_position(kind))
        for kind in [*Section.REPORT_LEVEL_KINDS, *Section.ECONOMY_TEXT_KINDS]
        if kind not in kinds_done
    ]

    indicator_ids_done = set(report.indicator_results.values_list("indicator_id", flat=True))
    new_indicator_results = [
        IndicatorResult(report=report, indicator_id=pk)
        for pk in Indicator.objects.filter(namnd_id=namnd_id, year=year).values_list("id", flat=True)
        if pk not in indicator_ids_done
    ]
    activity_ids_done = set(report.activity_results.values_list("activity_id", flat=True))
    new_activity_results = [
        ActivityResult(report=report, activity_id=pk)
        for pk in Activity.objects.filter(namnd_id=namnd_id, year=year).values_list("id", flat=True)
        if pk not in activity_ids_done
    ]

    for model, objs in (
        (Section, new_sections),
        (IndicatorResult, new_indicator_results),
        (ActivityResult, new_activity_results),
    ):
        if objs:
            bulk_create_with_history(objs, model, batch_size=500)
    return {
        "sections": len(new_sections),
        "indicator_results": len(new_indicator_results),
        "activity_results": len(new_activity_results),
    }


# -- front matter and bilagor -------------------------------------------------------------------------------------

# What a bilaga may be: the documents a nämnd attaches to a tjänsteutlåtande. Checked by name and by the file's first
# bytes, so a renamed executable is refused.
ATTACHMENT_TYPES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


def _check_editable(report: Report) -> None:
    if report.is_locked:
        raise ServiceError("Rapporten är fastställd och kan inte ändras.")


@transaction.atomic
def report_update_front_matter(*, report: Report, user, **values) -> Report:
    """Dnr, date, handläggare, recipient and signatories of the tjänsteutlåtande (controller, report not fastställd)."""
    report = Report.objects.select_for_update().select_related("namnd", "period").get(pk=report.pk)
    _check_editable(report)
    unknown = set(values) - set(Report.FRONT_MATTER_FIELDS)
    if unknown:
        raise ServiceError(f"Okända fält: {', '.join(sorted(unknown))}.")
    for name, value in values.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def attachment_add(*, report: Report, user, file, title: str = "") -> Attachment:
    """Store an uploaded bilaga through the default storage and give it the next number."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    name = Path(file.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ServiceError("En bilaga ska vara en PDF-, Word- eller Excelfil (.pdf, .docx, .doc, .xlsx, .xls).")
    if file.size > settings.MAX_ATTACHMENT_SIZE:
        limit = format_number(Decimal(settings.MAX_ATTACHMENT_SIZE) / 1024 / 1024, 0)
        raise ServiceError(f"Filen är för stor: en bilaga får vara högst {limit} MB.")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(ATTACHMENT_TYPES[suffix]):
        raise ServiceError(f"Filen {name} är inte en {suffix.lstrip('.').upper()}-fil.")
    number = (report.attachments.aggregate(Max("number"))["number__max"] or 0) + 1
    attachment = Attachment(
        report=report,
        number=number,
        title=(title or "").strip() or Path(name).stem,
        original_name=name,
        size=file.size,
        uploaded_by=user,
    )
    attachment.file.save(name, file, save=False)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no orphan file in the storage
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    """Remove a bilaga; the later ones move up so the numbers stay 1, 2, 3 … as the document lists them."""
    report = Report.objects.select_for_update().get(pk=attachment.report_id)
    _check_editable(report)
    stored = attachment.file.name
    attachment.delete()
    for later in report.attachments.filter(number__gt=attachment.number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    transaction.on_commit(lambda: default_storage.delete(stored))
