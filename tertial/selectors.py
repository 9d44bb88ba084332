"""Reads for the report pages, each with its joins built in so that a page runs a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, Func, Q, TextField, Value, When
from django.db.models.functions import Left

from indicators.models import Indicator, IndicatorResult

from . import access
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


@dataclass
class TodoItem:
    """One thing on the user's to-do list: a section to write (or rewrite) or to review, and its deadline."""

    section: Section
    task: str  # "Skriva", "Skriva om (återremitterat)", "Granska"
    state: object  # tertial.deadlines.DeadlineState

    @property
    def report(self):
        return self.section.report


def todo_for_user(user, on=None) -> list[TodoItem]:
    """Mina rapporter's to-do list: the sections the user is ansvarig for that are not yet handed over (Utkast,
    Återremitterad) and, where the user is controller, the sections Klar för granskning; only in reports that are not
    fastställd and in nämnder where the user still has a role. Sorted by deadline (overdue first, none last). One
    query (plus the user's roles, cached on the user)."""
    from .deadlines import deadline_state, today

    if not user.is_authenticated:
        return []
    access.roles_in(user, None)  # fills the cache of the user's roles per nämnd
    roles = user._tertial_roles
    writer_in = [
        n for n, r in roles.items() if n is not None and r & {Membership.Role.SKRIBENT, Membership.Role.CONTROLLER}
    ]
    controller_in = [n for n, r in roles.items() if n is not None and Membership.Role.CONTROLLER in r]
    if not writer_in:
        return []
    to_write = Q(
        responsible=user,
        report__namnd_id__in=writer_in,
        state__in=[Section.State.UTKAST, Section.State.ATERREMITTERAD],
        not_applicable=False,
    )
    to_review = Q(report__namnd_id__in=controller_in, state=Section.State.KLAR)
    sections = (
        Section.objects.filter(to_write | to_review)
        .exclude(report__status=Report.Status.FASTSTALLD)
        .select_related("report__namnd", "report__period", "goal", "responsible", "economy_area_row__area")
    )
    on = on or today()
    items = []
    for section in sections:
        if section.state == Section.State.KLAR:
            task = "Granska"
        elif section.state == Section.State.ATERREMITTERAD:
            task = "Skriva om (återremitterat)"
        else:
            task = "Skriva"
        items.append(TodoItem(section, task, deadline_state(section, section.report, on)))
    far = date.max
    items.sort(
        key=lambda i: (
            i.state.deadline or far,
            i.report.period.year,
            i.report.period.kind,
            i.report.namnd.name,
            i.section.position,
            i.section.pk,
        )
    )
    return items


# --- Report overview --------------------------------------------------------------------------------------------


# What Python's str.strip() removes (str.isspace()), for the database's ltrim: a text of only these is not written.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def _ltrim(text):
    return Func(text, Value(WHITESPACE), function="LTRIM", output_field=TextField())


def report_sections(report) -> list[Section]:
    """All sections of a report in document order (the goal tree depth first, then the report-level texts),
    each with `.missing_outcomes`: its goal's indicators without a Periodens utfall, and `.has_analysis`: whether
    its text is written (not only whitespace). The texts themselves are not read (a full report's analyses are a
    megabyte). Three queries."""
    sections = list(
        report.sections.select_related("goal", "responsible", "economy_area_row__area")
        .defer("analysis", "presentation_summary")
        # Its first character that is not whitespace: looked for in the text's beginning (the database's ltrim with
        # a character set reads the whole text), in the whole text only when the beginning is all whitespace.
        .annotate(analysis_head=Left(_ltrim(Left("analysis", 200)), 1))
        .annotate(
            analysis_start=Case(When(analysis_head="", then=Left(_ltrim(F("analysis")), 1)), default=F("analysis_head"))
        )
    )
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
        section.has_analysis = bool(section.analysis_start)
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


def print_sections(report) -> list[Section]:
    """Every section of the report in document order with its texts and `.follow_up` (indicators and activities
    with their results), for the print view of the whole report. Nine queries, whatever the report's size."""
    from indicators.selectors import SectionFollowUp, sections_follow_up

    sections = report_sections(report)
    texts = {
        pk: (analysis, summary)
        for pk, analysis, summary in report.sections.values_list("pk", "analysis", "presentation_summary")
    }
    follow_ups = sections_follow_up(report, {s.goal_id for s in sections if s.goal_id})
    for section in sections:
        section.analysis, section.presentation_summary = texts[section.pk]
        section.follow_up = follow_ups.get(section.goal_id) or SectionFollowUp()
    return sections


@dataclass
class PrintedReport:
    """The whole report as the print view shows it, in the Word export's order: Förslag till beslut, the summary
    texts, the goals, the economy tables with their texts between them (`economy.tables.report_parts`, the same
    figures as the economy page and the Word export), then the economy chapter's and Övrigt's own texts."""

    decisions: list[str]
    before: list[Section]  # Sammanfattande analys's texts, then the goal sections in the goal tree's order
    # (part, its heading is new, the Section of a Narrative or a Table's numbered caption) in document order
    economy: list
    after: list[Section]


def print_report(report) -> PrintedReport:
    """`print_sections` and the economy module's tables, Narratives and Förslag till beslut, read once (the
    economy module's fixed number of queries)."""
    from economy import tables as economy_tables

    from .sections import Chapter

    sections = print_sections(report)
    by_id = {s.pk: s for s in sections}
    data = economy_tables.load(report)
    parts = economy_tables.report_parts(report, data)
    placed = {p.section.pk for p in parts if isinstance(p, economy_tables.Narrative)}
    economy, current, number = [], None, 0
    for part in parts:
        if isinstance(part, economy_tables.Narrative):
            economy.append((part, part.heading != current, by_id.get(part.section.pk)))
        else:
            number += 1  # the Word export's numbering: Tabell 1 is the chapter's first table
            economy.append((part, part.heading != current, part.caption(number)))
        current = part.heading
    texts = [s for s in sections if not s.goal_id and s.pk not in placed and not s.kind_info.placed_by_economy]
    before = [s for s in texts if s.chapter_key == Chapter.SUMMARY] + [s for s in sections if s.goal_id]
    after = [s for s in texts if s.chapter_key != Chapter.SUMMARY]
    _heading_levels(before, None)
    _heading_levels(after, Chapter.ECONOMY if economy else None)
    return PrintedReport(
        decisions=economy_tables.decision_items(report, data), before=before, economy=economy, after=after
    )


def _heading_levels(sections: list[Section], chapter: str | None) -> None:
    """Each section's `print_level` and `chapter_heading`, the Word export's tree in HTML headings: a chapter (h2,
    printed before its first section unless that section is named as the chapter, as Sammanfattande analys is),
    then its text sections (h3), or the goal tree (inriktningsmål h3, KF:s mål h4, nämndmål h5)."""
    from .sections import Chapter

    for section in sections:
        label = Chapter(section.chapter_key).label
        lead = section.title == label
        section.chapter_heading = label if section.chapter_key != chapter and not lead else ""
        chapter = section.chapter_key
        section.print_level = 2 + section.goal.level if section.goal_id else (2 if lead else 3)
