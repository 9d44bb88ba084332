"""Roll-over: the next period's report made from the previous one (T1 → T2 → VB, and VB → next year's T1 for the
goals that continue), and the pairing of two reports' sections, indicators and activities that it and the
"Ändrat sedan" comparison share.

The new report is made by `tertial.services.report_create` (the one creation path, with its permission check);
then the texts, bedömningar and ansvariga of the previous report are copied as a starting point and each copied
section is marked `carried_unchanged` until someone saves it. Outcomes and forecasts are not copied: the section
page shows the previous period's beside the inputs. A fixed number of queries whatever the report's size (bulk
updates with history), plus one per section of the nämnd's own.
"""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from indicators.models import ActivityResult, IndicatorResult

from .errors import ServiceError
from .models import Period, Report, RolloverLog, Section
from .selectors import assignable_users_queryset
from .services import report_create, report_section_add

SECTION_COPY_FIELDS = ["assessment", "analysis", "presentation_summary", "not_applicable"]
_ORDER = {Period.Kind.T1: 1, Period.Kind.T2: 2, Period.Kind.VB: 3}


def next_period(period: Period) -> tuple[int, str]:
    """The period that follows `period`: T1 → T2 → VB → next year's T1, as (year, kind)."""
    return {
        Period.Kind.T1: (period.year, Period.Kind.T2),
        Period.Kind.T2: (period.year, Period.Kind.VB),
    }.get(period.kind, (period.year + 1, Period.Kind.T1))


def may_follow(source: Period, target: Period) -> bool:
    """A report may be carried over into a later period of the same year, or from a VB into next year's T1."""
    if source.year == target.year:
        return _ORDER[target.kind] > _ORDER[source.kind]
    return source.kind == Period.Kind.VB and target.year == source.year + 1 and target.kind == Period.Kind.T1


def period_name(source: Period, target: Period) -> str:
    """How the later report names the earlier period: `Tertial 1` within a year, `Verksamhetsberättelse 2022` across."""
    return source.get_kind_display() if source.year == target.year else source.label


def carried_label(report: Report) -> str:
    """The mark of a copied section not yet saved: `Från Tertial 1 – ej uppdaterad`. Needs `carried_from__period`."""
    if report.carried_from_id is None:
        return "Kopierad – ej uppdaterad"
    return f"Från {period_name(report.carried_from.period, report.period)} – ej uppdaterad"


# -- pairing --------------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def section_key(section: Section) -> tuple | None:
    """What makes a section "the same" in two reports: a goal by its number and wording (next year's goal 1.1 of a
    new mandate period is another goal), a template entry by its stable key, an economy area by its name, a section
    of the nämnd's own by chapter and heading. Needs goal, template_entry and economy_area_row__area joined."""
    if section.goal_id:
        return ("goal", section.goal.number, _norm(section.goal.text))
    if section.kind == Section.Kind.ECONOMY_AREA:
        row = getattr(section, "economy_area_row", None)
        return ("area", _norm(row.area.name)) if row is not None else None
    if section.kind == Section.Kind.ECONOMY_INVESTMENT:  # one per investeringskategori, titled by it
        return ("investment", _norm(section.heading_text))
    if section.template_entry_id:
        return ("entry", section.template_entry.key)
    if section.kind == Section.Kind.FREE:
        return ("own", section.chapter_key, _norm(section.heading_text))
    return ("kind", section.kind)


def indicator_key(indicator) -> str:
    return indicator.code  # stable across years (`Indicator.code`)


def activity_key(activity) -> tuple:
    return (activity.goal.number, _norm(activity.goal.text), _norm(activity.text))


@dataclass
class Contents:
    """A report's sections and results, read with their joins: what the roll-over and the comparison read."""

    report: Report
    sections: list = field(default_factory=list)
    indicator_results: list = field(default_factory=list)
    activity_results: list = field(default_factory=list)

    def sections_by_key(self) -> dict:
        by_key = {}
        for section in self.sections:
            key = section_key(section)
            if key is not None:
                by_key.setdefault(key, section)
        return by_key

    def indicators_by_key(self) -> dict:
        return {indicator_key(r.indicator): r for r in self.indicator_results}

    def activities_by_key(self) -> dict:
        by_key = {}
        for result in self.activity_results:
            by_key.setdefault(activity_key(result.activity), result)
        return by_key


def report_contents(report: Report) -> Contents:
    """Sections (with goal, template entry, economy area, responsible), indicator and activity results. 3 queries."""
    sections = list(
        report.sections.select_related("goal", "template_entry", "economy_area_row__area", "parent").order_by(
            "position", "id"
        )
    )
    for section in sections:
        section.report = report
    indicator_results = list(
        IndicatorResult.objects.filter(report=report).select_related("indicator").order_by("indicator__position")
    )
    activity_results = list(
        ActivityResult.objects.filter(report=report).select_related("activity__goal").order_by("activity__position")
    )
    return Contents(report, sections, indicator_results, activity_results)


def pairs(later_rows, key_of, earlier_by_key: dict) -> list[tuple]:
    """(later row, earlier row or None) for every row of the later report, in its order."""
    return [(row, earlier_by_key.get(key_of(row))) for row in later_rows]


# -- the roll-over --------------------------------------------------------------------------------------------------


def _has_content(section: Section) -> bool:
    return bool(section.analysis.strip() or section.assessment or section.presentation_summary.strip()) or (
        section.not_applicable
    )


@transaction.atomic
def report_rollover(*, source: Report, period: Period, user=None) -> RolloverLog:
    """Make the nämnd's report for `period` from `source`: a new report (`report_create`, controller only) whose
    sections get the source's texts, bedömningar and ansvariga, marked as not yet updated; indicator analyses and
    activity follow-ups (Avvikelse, Analys) are copied, outcomes and forecasts are not. Logged in `RolloverLog` and
    in every row's history. Raises ServiceError (nothing written) when it cannot."""
    source = Report.objects.select_related("namnd", "period").get(pk=source.pk)
    if not may_follow(source.period, period):
        raise ServiceError(
            f"{period.label} kan inte skapas från {source.period.label}: en rapport förs över till en senare period "
            "samma år (Tertial 1 → Tertial 2 → Verksamhetsberättelse) eller från verksamhetsberättelsen till nästa "
            "års Tertial 1."
        )
    target = report_create(namnd=source.namnd, period=period, user=user)
    reason = f"Kopierad från {source.title}"
    target.carried_from = source
    target._change_reason = reason
    target._history_user = user
    target.save(update_fields=["carried_from"])

    earlier = report_contents(source)
    own = _copy_own_sections(earlier, target, user)
    later = report_contents(target)
    writers = set(assignable_users_queryset(target).values_list("id", flat=True))

    by_key = earlier.sections_by_key()
    copied, missing = [], []
    for section, previous in pairs(later.sections, section_key, by_key):
        if previous is None:
            continue
        has_content, keeps_writer = _has_content(previous), previous.responsible_id in writers
        if has_content:
            for name in SECTION_COPY_FIELDS:
                setattr(section, name, getattr(previous, name))
            section.carried_unchanged = True
        if keeps_writer:  # the ansvarig still writes for the nämnd
            section.responsible_id = previous.responsible_id
        if has_content or keeps_writer:
            copied.append(section)
    later_keys = {section_key(s) for s in later.sections}
    for previous in earlier.sections:
        if previous.goal_id and section_key(previous) not in later_keys and _has_content(previous):
            missing.append(f"{previous.goal.number} {previous.goal.text}")
    if copied:
        bulk_update_with_history(
            copied,
            Section,
            [*SECTION_COPY_FIELDS, "responsible", "carried_unchanged"],
            batch_size=500,
            default_user=user,
            default_change_reason=reason,
        )

    indicators = earlier.indicators_by_key()
    indicator_rows = [
        (row, previous)
        for row, previous in pairs(later.indicator_results, lambda r: indicator_key(r.indicator), indicators)
        if previous is not None and previous.analysis.strip()
    ]
    for row, previous in indicator_rows:
        row.analysis = previous.analysis
    activities = earlier.activities_by_key()
    activity_rows = [
        (row, previous)
        for row, previous in pairs(later.activity_results, lambda r: activity_key(r.activity), activities)
        if previous is not None and (previous.analysis.strip() or previous.deviation)
    ]
    for row, previous in activity_rows:
        row.analysis, row.deviation = previous.analysis, previous.deviation
    for model, rows, fields in (
        (IndicatorResult, [r for r, _ in indicator_rows], ["analysis"]),
        (ActivityResult, [r for r, _ in activity_rows], ["analysis", "deviation"]),
    ):
        if rows:
            bulk_update_with_history(
                rows, model, fields, batch_size=500, default_user=user, default_change_reason=reason
            )

    marked = sum(1 for s in copied if s.carried_unchanged)
    lines = [f"{marked} avsnitt kopierade från {source.title}."]
    if own:
        lines.append(f"Nämndens egna avsnitt: {', '.join(own)}.")
    if missing:
        lines.append(f"Mål som inte finns i {period.label} (texten är inte kopierad): " + "; ".join(missing) + ".")
    return RolloverLog.objects.create(
        source=source,
        source_label=str(source),
        target=target,
        user=user if user is not None and user.is_authenticated else None,
        sections=marked,
        indicator_texts=len(indicator_rows),
        activity_texts=len(activity_rows),
        summary="\n".join(lines),
    )


def _copy_own_sections(earlier: Contents, target: Report, user) -> list[str]:
    """The nämnd's own sections (added on the overview, not from the template) are made again in the new report
    through the same service as on the overview; subsections under their parent's counterpart."""
    own = [s for s in earlier.sections if s.is_own]
    if not own:
        return []
    later_by_key = report_contents(target).sections_by_key()
    made = []
    for section in sorted(own, key=lambda s: s.parent_id is not None):
        parent = None
        if section.parent_id:
            parent = later_by_key.get(section_key(section.parent))
            if parent is None:
                continue
        copy = report_section_add(
            report=target, title=section.heading_text, chapter=section.chapter_key, user=user, parent=parent
        )
        later_by_key[section_key(copy)] = copy
        made.append(copy.heading_text)
    return made


# -- what the overview shows ----------------------------------------------------------------------------------------


@dataclass
class RolloverInfo:
    """The overview's roll-over box: how the report was made, and the button for the next period."""

    made_from: RolloverLog | None  # with source__period and user joined
    since_label: str  # "Tertial 1": the period "Ändrat sedan …" compares with ("" when not carried over)
    next_label: str  # "Skapa Tertial 2 från Tertial 1" ("" when the user may not or the next report exists)


def rollover_info(report: Report, user) -> RolloverInfo:
    """At most two queries: the log of the roll-over that made `report`, and whether the next period's report exists
    (asked only of the nämnd's controller). `report` comes with `carried_from__period` joined (`access`)."""
    from . import access

    made_from = (
        RolloverLog.objects.filter(target=report).select_related("source__period", "user").first()
        if report.carried_from_id
        else None
    )
    since = period_name(report.carried_from.period, report.period) if report.carried_from_id else ""
    next_label = ""
    if access.can(user, report.namnd_id, access.CONTROL):
        year, kind = next_period(report.period)
        if not Report.objects.filter(namnd_id=report.namnd_id, period__year=year, period__kind=kind).exists():
            target = Period(year=year, kind=kind)
            name = target.get_kind_display() if year == report.period.year else target.label
            next_label = f"Skapa {name} från {period_name(report.period, target)}"
    return RolloverInfo(made_from, since, next_label)
