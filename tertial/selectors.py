"""Reads for the report pages, each with its joins built in so that a page runs a fixed number of queries."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from indicators.models import Indicator, IndicatorResult

from .models import Comment, Draft, Membership, Report, ReportTemplate, Section


def section_instructions(section) -> str:
    """The anvisningar the year's report template gives the section's writer: the entry's own, or for a goal
    section those of its level. At most one query (`template_entry` is joined by `access.get_section_for_user`)."""
    if section.template_entry_id:
        return section.template_entry.instructions
    if section.goal_id:
        template = ReportTemplate.objects.filter(year=section.report.period.year).first()
        return template.goal_instructions(section.goal.level) if template else ""
    return ""


# --- Mina rapporter ---------------------------------------------------------------------------------------------


def reports_for_home(user) -> list[Report]:
    """The user's reports with their progress (sections Godkänd of all) and their returned sections. Two queries."""
    reports = list(
        Report.objects.for_user(user)
        .select_related("namnd", "period")
        # distinct: for_user joins memberships, a user with two roles in a nämnd would count every section twice
        .annotate(
            section_count=Count("sections", distinct=True),
            approved_count=Count("sections", filter=Q(sections__state=Section.State.GODKAND), distinct=True),
        )
    )
    returned = defaultdict(list)
    for section in (
        Section.objects.filter(report__in=[r.pk for r in reports], state=Section.State.ATERREMITTERAD)
        .select_related("goal", "responsible", "economy_area_row__area")
        .order_by("goal__sort_key", "position", "id")
    ):
        returned[section.report_id].append(section)
    for report in reports:
        report.returned_sections = returned[report.pk]
        report.progress = round(100 * report.approved_count / report.section_count) if report.section_count else 0
    return reports


# --- Report overview --------------------------------------------------------------------------------------------


def report_sections(report) -> list[Section]:
    """All sections of a report in document order (the goal tree depth first, then the report-level texts),
    each with `.missing_outcomes`: its goal's indicators without a Periodens utfall. Three queries."""
    sections = list(report.sections.select_related("goal", "responsible", "economy_area_row__area"))
    year = report.period.year
    indicator_counts = dict(
        Indicator.objects.filter(namnd_id=report.namnd_id, year=year)
        .values("goal_id")
        .annotate(n=Count("id"))
        .values_list("goal_id", "n")
    )
    with_outcome = dict(
        IndicatorResult.objects.filter(report=report, outcome__isnull=False, indicator__year=year)
        .values("indicator__goal_id")
        .annotate(n=Count("id"))
        .values_list("indicator__goal_id", "n")
    )
    for section in sections:
        section.report = report
        section.indicator_count = indicator_counts.get(section.goal_id, 0)
        section.missing_outcomes = section.indicator_count - with_outcome.get(section.goal_id, 0)
        section.level = section.goal.level if section.goal_id else 0
    goal_sections = sorted((s for s in sections if s.goal_id), key=lambda s: s.goal.sort_key)
    other_sections = [s for s in sections if not s.goal_id]
    return goal_sections + other_sections


def assignable_users_queryset(report):
    """Writers and controllers of the report's nämnd, the people a section can be given to."""
    return (
        get_user_model()
        .objects.filter(
            memberships__namnd_id=report.namnd_id,
            memberships__role__in=[Membership.Role.SKRIBENT, Membership.Role.CONTROLLER],
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assignable_users(report) -> list:
    """As `assignable_users_queryset`, evaluated. One query."""
    return list(assignable_users_queryset(report))


# --- Section page -----------------------------------------------------------------------------------------------


def section_comments(section) -> list[Comment]:
    return list(section.comments.select_related("author"))


def section_transitions(section) -> list:
    return list(section.transitions.select_related("user")[:20])


def user_draft(section, user) -> Draft | None:
    return Draft.objects.filter(section=section, user=user).first()
