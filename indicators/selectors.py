"""Reads of a report's indicators and activities with their follow-up, for the section page and the exports.

A fixed number of queries whatever the number of goals, indicators or activities.
"""

from dataclasses import dataclass, field

from goals.models import Goal

from .models import Activity, ActivityResult, Indicator, IndicatorResult, previous_vb_outcomes
from .table import EDITABLE_FIGURES, ActivityRow, IndicatorRow, figure_text, indicator_columns, indicator_headings


@dataclass
class SectionFollowUp:
    """The indicator and activity rows of a goal section; results not yet created are unsaved instances."""

    indicators: list = field(default_factory=list)  # of Indicator, each with .result, .previous_vb and .row
    activities: list = field(default_factory=list)  # of Activity, each with .result
    headings: list = field(default_factory=list)  # the indicator table's header row (indicators.table)
    # In a report carried over from an earlier period (tertial.rollover): that period ("Tertial 1"), whose outcome the
    # page shows beside the input as `indicator.previous_period` (a column of the page only, not of the documents).
    previous_label: str = ""
    editable: tuple = tuple(c.label for c in EDITABLE_FIGURES)  # the figures the page edits, for the caption


def section_follow_up(section) -> SectionFollowUp:
    """Indicators (with results and last year's VB outcome) and activities of a goal section. Five queries, six in
    a report carried over from an earlier period (that period's outcomes, `report.carried_from__period` joined).

    `section.report` must have its period joined; an inriktningsmål has neither indicators nor activities.
    """
    report = section.report
    follow_up = SectionFollowUp(headings=indicator_headings(report.period.year))
    if not section.goal_id or section.goal.level == Goal.Level.INRIKTNINGSMAL:
        return follow_up
    scope = {"goal_id": section.goal_id, "namnd_id": report.namnd_id, "year": report.period.year}
    indicators = list(Indicator.objects.filter(**scope).order_by("position", "id"))
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report, indicator__in=indicators)}
    previous = previous_vb_outcomes(report, indicators)
    earlier = {}
    if report.carried_from_id and indicators:
        from tertial.rollover import period_name

        follow_up.previous_label = period_name(report.carried_from.period, report.period)
        after_outcome = [c.key for c in indicator_columns()].index("outcome") + 1
        follow_up.headings.insert(after_outcome, f"Utfall {follow_up.previous_label}")
        earlier = dict(
            IndicatorResult.objects.filter(
                report_id=report.carried_from_id, indicator__code__in=[i.code for i in indicators]
            ).values_list("indicator__code", "outcome")
        )
    _with_results(report, indicators, results, previous, earlier)
    activities = list(Activity.objects.filter(**scope).order_by("position", "id"))
    activity_results = {r.activity_id: r for r in ActivityResult.objects.filter(report=report, activity__in=activities)}
    _with_activity_results(report, activities, activity_results)
    follow_up.indicators = indicators
    follow_up.activities = activities
    return follow_up


def _with_results(report, indicators, results, previous, earlier=None) -> None:
    """Give each indicator its `.result` (an unsaved one if none), `.previous_vb`, `.previous_period` and `.row`."""
    earlier = earlier or {}
    for indicator in indicators:
        indicator.result = results.get(indicator.pk) or IndicatorResult(report=report, indicator=indicator)
        indicator.previous_vb = previous.get(indicator.pk)
        indicator.previous_period = figure_text(earlier.get(indicator.code), indicator)
        indicator.row = IndicatorRow(indicator, indicator.result, indicator.previous_vb, report.period)


def _with_activity_results(report, activities, results) -> None:
    for activity in activities:
        activity.result = results.get(activity.pk) or ActivityResult(report=report, activity=activity)


def sections_follow_up(report, goal_ids) -> dict[int, SectionFollowUp]:
    """`section_follow_up` of many goal sections at once (the print view of the whole report), by goal id, without
    the page's column of an earlier period. Five queries (four without indicators), whatever the number of goals.
    `report` must have its period joined."""
    scope = {"namnd_id": report.namnd_id, "year": report.period.year, "goal_id__in": list(goal_ids)}
    indicators = list(Indicator.objects.filter(**scope).order_by("position", "id"))
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report, indicator__in=indicators)}
    _with_results(report, indicators, results, previous_vb_outcomes(report, indicators) if indicators else {})
    activities = list(Activity.objects.filter(**scope).order_by("position", "id"))
    activity_results = {r.activity_id: r for r in ActivityResult.objects.filter(report=report, activity__in=activities)}
    _with_activity_results(report, activities, activity_results)
    headings = indicator_headings(report.period.year)
    by_goal = {goal_id: SectionFollowUp(headings=headings) for goal_id in goal_ids}
    for indicator in indicators:
        by_goal[indicator.goal_id].indicators.append(indicator)
    for activity in activities:
        by_goal[activity.goal_id].activities.append(activity)
    return by_goal


@dataclass
class GoalFollowUp:
    indicators: list = field(default_factory=list)  # of IndicatorRow
    activities: list = field(default_factory=list)  # of ActivityRow


def report_follow_up(report, goal_ids) -> dict[int, GoalFollowUp]:
    """Every indicator row and activity of `report` under the goals `goal_ids`, by goal id, in table order.
    Five queries (four without indicators). `report` must have its period joined."""
    year = report.period.year
    indicators = [
        i
        for i in Indicator.objects.filter(namnd_id=report.namnd_id, year=year).order_by("position", "id")
        if i.goal_id in goal_ids
    ]
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report)}
    previous = previous_vb_outcomes(report, indicators) if indicators else {}
    activities = [
        a
        for a in Activity.objects.filter(namnd_id=report.namnd_id, year=year).order_by("position", "id")
        if a.goal_id in goal_ids
    ]
    activity_results = {r.activity_id: r for r in ActivityResult.objects.filter(report=report)}
    by_goal = {goal_id: GoalFollowUp() for goal_id in goal_ids}
    for ind in indicators:
        row = IndicatorRow(ind, results.get(ind.id), previous.get(ind.id), report.period)
        by_goal[ind.goal_id].indicators.append(row)
    for act in activities:
        by_goal[act.goal_id].activities.append(ActivityRow(act, activity_results.get(act.id)))
    return by_goal


def conflicting_figures(section, forms) -> list[tuple[str, str, str, str]]:
    """Figures the writer typed that differ from the newer saved ones: (indicator, column, theirs, saved), written
    as the table writes them. One query."""
    saved = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(
            report=section.report, indicator_id__in=[f.indicator.pk for f in forms.indicator_forms]
        )
    }
    rows = []
    for form in forms.indicator_forms:
        result = saved.get(form.indicator.pk)
        for column in EDITABLE_FIGURES:
            theirs, current = form.cleaned_data.get(column.key), getattr(result, column.key, None)
            if theirs != current:
                rows.append(
                    (
                        form.indicator.name,
                        column.label,
                        figure_text(theirs, form.indicator),
                        figure_text(current, form.indicator),
                    )
                )
    return rows
