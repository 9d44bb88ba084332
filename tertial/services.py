"""Writes on the report itself. `ensure_report_sections` gives a new report everything people write in."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from goals.models import Goal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult

from .models import Report, Section

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
