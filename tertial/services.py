"""Writes on the report itself: `report_create`, the one way a report is made, its structure of sections, and the
front matter and bilagor of the tjänsteutlåtande."""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from goals.models import Goal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult

from . import access, sections
from .errors import ServiceError
from .models import Attachment, Namnd, Period, Report, Section
from .numbers import format_number
from .report_template import ordered_entries, template_for_year
from .sections import CHAPTER_BASE, Chapter

# Position bands keep the document order of the printed report (`tertial.sections.CHAPTER_BASE`): Sammanfattande
# analys, the goal tree, the economy narratives, then Övrigt. Inside a band, the template's order.
_GOAL_POSITION = CHAPTER_BASE[Chapter.GOALS]
_ECONOMY_POSITION = CHAPTER_BASE[Chapter.ECONOMY]
# A controller's own sections come after the template's in their chapter's band (up to 100 of them).
_OWN_BASE = {Chapter.SUMMARY: 900, Chapter.ECONOMY: 59_000, Chapter.OTHER: 69_000}


def section_position(kind: str, goal_index: int = 0) -> int:
    """Where a section of `kind` sorts when no template says otherwise; goal sections by their index in the tree."""
    if kind == Section.Kind.GOAL:
        return _GOAL_POSITION + goal_index
    info = sections.kind(kind)
    if info.structural:  # an area's narrative, a budgetjustering's motivering
        return _ECONOMY_POSITION + 100
    defaults = [k.key for k in sections.default_template_kinds()]
    index = defaults.index(kind) if kind in defaults else len(defaults)
    return CHAPTER_BASE[info.chapter] + 10 * (index + 1)


def _sections_from_template(report, template, existing) -> tuple[list[Section], list[Section]]:
    """New sections for the template entries `report` does not have yet and that apply to its period (the balance
    sheet's analysis: Tertial 2 and VB), as (top level, subsections). Needs `report.period`."""
    have_entries = {s.template_entry_id for s in existing if s.template_entry_id}
    # Reports made before templates existed have the built-in kinds without an entry: no second copy.
    have_kinds = {s.kind for s in existing if not s.template_entry_id and not s.goal_id}
    top, subs, by_entry = [], [], {s.template_entry_id: s for s in existing if s.template_entry_id}
    index = {chapter: 0 for chapter in CHAPTER_BASE}
    for entry in ordered_entries(list(template.entries.all())):
        index[entry.chapter] += 1
        if entry.pk in have_entries or (entry.kind != Section.Kind.FREE and entry.kind in have_kinds):
            continue
        if not entry.applies_to(report.period):
            continue
        section = Section(
            report=report,
            kind=entry.kind,
            template_entry=entry,
            heading_text=entry.title,
            chapter=entry.chapter,
            required=entry.required,
            may_be_not_applicable=entry.may_be_not_applicable,
            on_slides=entry.on_slides,
            position=CHAPTER_BASE[entry.chapter] + 10 * index[entry.chapter],
        )
        by_entry[entry.pk] = section
        if entry.parent_id:
            section._parent_entry = entry.parent_id
            subs.append(section)
        else:
            top.append(section)
    for section in subs:
        section.parent = by_entry.get(section._parent_entry)
    return top, [s for s in subs if s.parent is not None]


@transaction.atomic
def ensure_report_sections(*, report: Report) -> dict[str, int]:
    """Create what is missing for `report`: a Section per goal of the nämnd's tree for the year, per entry of the
    year's report template, and an empty result per indicator and activity of the nämnd and year.

    Idempotent: existing rows are left untouched (no history rows), so it is safe to call after goals, indicators or
    activities are added to a year. Bulk inserts with history; a fixed number of queries whatever the report size.
    Returns how many rows of each kind were created. A fastställd report gets nothing (`tertial.freeze`).
    """
    if report.is_locked:
        return {"sections": 0, "indicator_results": 0, "activity_results": 0}
    namnd_id, year = report.namnd_id, report.period.year
    existing = list(report.sections.only("id", "kind", "goal_id", "template_entry_id"))
    goal_ids_done = {s.goal_id for s in existing if s.goal_id}

    goals = Goal.objects.for_namnd(report.namnd, year).distinct().order_by("sort_key")
    new_sections = [
        Section(
            report=report,
            kind=Section.Kind.GOAL,
            goal=goal,
            chapter=Chapter.GOALS,
            required=True,
            may_be_not_applicable=False,
            position=section_position(Section.Kind.GOAL, index),
        )
        for index, goal in enumerate(goals)
        if goal.id not in goal_ids_done
    ]
    top, subs = _sections_from_template(report, template_for_year(year=year), existing)
    new_sections += top

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
        (Section, subs),  # after their parents, which need their ids
        (IndicatorResult, new_indicator_results),
        (ActivityResult, new_activity_results),
    ):
        if objs:
            bulk_create_with_history(objs, model, batch_size=500)
    return {
        "sections": len(new_sections) + len(subs),
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
    stored, storage = attachment.file.name, attachment.file.storage  # the field's storage, as it was saved through
    attachment.delete()
    for later in report.attachments.filter(number__gt=attachment.number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    transaction.on_commit(lambda: storage.delete(stored))


def period_for(*, year: int, kind: str) -> Period:
    """The period `year`/`kind` (T1, T2, VB), made when a report first needs it."""
    if kind not in Period.Kind.values:
        raise ServiceError("Perioden ska vara T1, T2 eller VB.")
    if not 2000 <= year <= 2100:
        raise ServiceError(f"Budgetåret {year} är inte rimligt.")
    return Period.objects.get_or_create(year=year, kind=kind)[0]


@transaction.atomic
def report_create(*, namnd: Namnd, period: Period, user=None) -> Report:
    """The one way a report is made (page, admin, command, demo, bench, tests): the report of `namnd` for `period`
    with a section per entry of the year's template that applies to the period, per goal the nämnd follows up, a
    result per indicator and activity, and the economy's rows. `user` (None for the system) must be the nämnd's controller."""
    if user is not None and not access.can(user, namnd.pk, access.CONTROL):
        raise ServiceError("Bara nämndens controller kan skapa nämndens rapporter.")
    if Report.objects.filter(namnd=namnd, period=period).exists():
        raise ServiceError(f"{namnd} har redan en rapport för {period.label}.")
    template = template_for_year(year=period.year)
    report = Report(namnd=namnd, period=period, inriktningsmal_assessment=template.inriktningsmal_assessment)
    report.full_clean()
    report.save()
    ensure_report_sections(report=report)

    from economy.services import ensure_economy_rows  # economy builds on the report: imported where used

    ensure_economy_rows(report=report)
    return report


def _check_structure_editable(report, user):
    if report.is_locked:
        raise ServiceError("Rapporten är fastställd och kan inte ändras.")
    if user is not None and not access.can(user, report.namnd_id, access.CONTROL):
        raise ServiceError("Bara nämndens controller kan ändra rapportens avsnitt.")


@transaction.atomic
def report_section_add(
    *, report: Report, title: str, chapter: str, user=None, parent: Section | None = None
) -> Section:
    """A section of the nämnd's own in its report (what commercial systems call enhetsanpassning)."""
    _check_structure_editable(report, user)
    title = " ".join(title.split())
    if not title:
        raise ServiceError("Skriv avsnittets rubrik.")
    if len(title) > 200:
        raise ServiceError("Rubriken får vara högst 200 tecken.")
    if parent is not None:
        if parent.report_id != report.pk or parent.goal_id or parent.parent_id:
            raise ServiceError("Ett underavsnitt ligger under ett textavsnitt på översta nivån i samma rapport.")
        chapter = parent.chapter_key
    if chapter not in {Chapter.SUMMARY, Chapter.ECONOMY, Chapter.OTHER}:
        raise ServiceError("Välj kapitel: Sammanfattande analys, Uppföljning av ekonomi eller Övrigt.")
    base = _OWN_BASE[chapter]
    last = report.sections.filter(position__gte=base, position__lt=base + 100).aggregate(m=Max("position"))
    position = (last["m"] or base) + 1
    section = Section(
        report=report,
        kind=Section.Kind.FREE,
        heading_text=title,
        chapter=chapter,
        parent=parent,
        required=False,
        position=position,
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def report_section_remove(*, section: Section, user=None) -> None:
    """Remove a section that is not required (its text stays in the history). Goal sections follow the plan."""
    _check_structure_editable(section.report, user)
    if section.goal_id or section.kind_info.structural:
        raise ServiceError(
            "Målens, verksamhetsområdenas och budgetjusteringarnas avsnitt följer planen och ekonomin och kan inte "
            "tas bort här."
        )
    if section.required:
        raise ServiceError(f"Avsnittet {section.title} är obligatoriskt och kan inte tas bort.")
    for child in section.children.all():
        if child.required:
            raise ServiceError(f"Underavsnittet {child.title} är obligatoriskt och kan inte tas bort.")
        child.delete()
    section.delete()
