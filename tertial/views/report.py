"""The report overview: the goal tree with each section's state, assigning, and the report's status."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import access, checks
from ..deadlines import deadline_state, progress_per_person, today
from ..editing import assign_responsible
from ..errors import ServiceError
from ..forms import AssignForm, ReportCreateForm, ReportStatusForm, SectionAddForm
from ..fragments import render_fragment
from ..models import Report, Section
from ..rollover import carried_label, next_period, report_rollover, rollover_info
from ..sections import Chapter
from ..selectors import assignable_users, assignable_users_queryset, report_sections
from ..services import period_for, report_create, report_section_add, report_section_remove
from ..templatetags.tertial_tags import person
from ..workflow import WorkflowError, report_transitions_for, set_report_status


@dataclass(frozen=True)
class SectionRow:
    """A section as the overview's tables show it, in plain values (the cached fragment's key, tertial.fragments)."""

    pk: int
    level: int
    is_goal: bool
    link_text: str  # `KF:s mål för verksamhetsområdet 1.1`, or the section's title
    goal_text: str
    title: str
    text_only: bool  # an inriktningsmål the year's template gives no bedömning
    assessment: str
    responsible_id: int | None
    responsible: str
    not_applicable: bool
    has_analysis: bool
    required: bool
    carried_unchanged: bool
    indicator_count: int
    missing_outcomes: int
    state: str
    state_label: str
    deadline: date | None
    overdue: bool
    deadline_text: str


def section_row(section, report, on) -> SectionRow:
    """`section` read by `report_sections` (or with `.has_analysis` and the counts set)."""
    goal = section.goal if section.goal_id else None
    state = deadline_state(section, report, on)
    return SectionRow(
        pk=section.pk,
        level=getattr(section, "level", goal.level if goal else 0),
        is_goal=goal is not None,
        link_text=f"{goal.get_level_display()} {goal.number}" if goal else section.title,
        goal_text=goal.text if goal else "",
        title=section.title,
        text_only=bool(goal and goal.level == 1 and not report.inriktningsmal_assessment),
        assessment=section.get_assessment_display() if goal else "",
        responsible_id=section.responsible_id,
        responsible=person(section.responsible),
        not_applicable=section.not_applicable,
        has_analysis=getattr(section, "has_analysis", False),
        required=section.required,
        carried_unchanged=section.carried_unchanged,
        indicator_count=getattr(section, "indicator_count", 0),
        missing_outcomes=getattr(section, "missing_outcomes", 0),
        state=section.state,
        state_label=section.get_state_display(),
        deadline=state.deadline,
        overdue=state.overdue,
        deadline_text=state.text,
    )


def person_choices(users) -> tuple:
    """(id, name) of the people a section can be given to, as the pickers list them."""
    return tuple((user.pk, person(user)) for user in users)


def _section_tables(request, report, sections, *, on, mine, can_assign, carried):
    """The overview's three tables of sections (goals, other, economy): a cached fragment."""
    rows = [(section_row(s, report, on), s) for s in sections]
    values = {
        "slug": report.namnd.slug,
        "period": report.period.code,
        "goal_rows": tuple(r for r, s in rows if s.goal_id),
        "other_rows": tuple(r for r, s in rows if not s.goal_id and s.chapter_key != Chapter.ECONOMY),
        "economy_rows": tuple(r for r, s in rows if s.chapter_key == Chapter.ECONOMY),
        "mine": mine,
        "can_assign": can_assign,
        "choices": person_choices(assignable_users(report)) if can_assign else (),
        "carried_label": carried,
    }
    return render_fragment(request, "tertial/_overview_sections.html", values)


def _overview_context(request, report, **extra):
    user = request.user
    sections = report_sections(report)
    on = today()
    people = progress_per_person(sections, report, on)
    mine = request.GET.get("mina") == "1"
    if mine:
        sections = [s for s in sections if s.responsible_id == user.pk]
    can_assign = access.can(user, report.namnd_id, access.CONTROL) and not report.is_locked
    rollover = rollover_info(report, user)
    carried = carried_label(report)
    return {
        "report": report,
        "sections": sections,
        "section_tables": _section_tables(
            request, report, sections, on=on, mine=mine, can_assign=can_assign, carried=carried
        ),
        "own_sections": [s for s in sections if s.kind == Section.Kind.FREE and not s.required],
        "section_add_form": SectionAddForm() if can_assign else None,
        "mine": mine,
        "can_assign": can_assign,
        "can_export": access.can(user, report.namnd_id, access.EXPORT),  # offered only to whom may
        "report_actions": report_transitions_for(user, report),
        "report_history": list(report.transitions.select_related("user")[:10]),
        "check_summary": checks.summarize(report),
        "rollover": rollover,
        "carried_label": carried,
        "carried_count": sum(1 for s in sections if s.carried_unchanged),
        "people": people,
        **extra,
    }


@login_required
def report_overview(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period)
    return render(request, "tertial/report_overview.html", _overview_context(request, report))


@login_required
def report_status(request, slug, period):
    """A controller moves the report on (or back, with a reason); refused moves show why, blockers listed."""
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    form = ReportStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Ogiltig status.")
    try:
        set_report_status(report=report, user=request.user, **form.cleaned_data)
    except WorkflowError as error:
        context = _overview_context(request, report, status_error=str(error), blockers=error.blockers)
        return render(request, "tertial/report_overview.html", context, status=400)
    messages.success(request, f"Rapporten har status {Report.Status(form.cleaned_data['to_status']).label}.")
    return redirect("report_overview", slug=slug, period=period)


@login_required
def section_assign(request, slug, period, pk):
    """A controller gives a section to a writer; with htmx only the row's cell is sent back."""
    section = access.get_section_for_user(request.user, slug, period, pk, access.CONTROL)
    access.require_post(request)
    report = section.report
    form = AssignForm(request.POST, users=assignable_users_queryset(report))
    if form.is_valid():
        try:
            section = assign_responsible(section=section, user=request.user, **form.cleaned_data)
            section.report = report
            message = f"Ansvarig för {section.title}: {person(form.cleaned_data['responsible'])}."
        except WorkflowError as error:
            message = str(error)
    else:
        message = "Välj en person i listan."
    if request.htmx:
        context = {
            "row": section_row(section, report, today()),
            "slug": slug,
            "period": period,
            "choices": person_choices(assignable_users(report)),
            "can_assign": True,
            "assign_message": message,
        }
        return render(request, "tertial/_assign_cell.html", context)
    messages.info(request, message)
    return redirect("report_overview", slug=slug, period=period)


@login_required
def report_new(request):
    """A controller makes a report for one of their nämnder: the sections come from the year's template."""
    form = ReportCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = period_for(year=data["year"], kind=data["kind"])
            report = report_create(namnd=data["namnd"], period=period, user=request.user)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"{report.title} för {report.namnd} är skapad med {report.sections.count()} avsnitt."
            )
            return redirect("report_overview", slug=report.namnd.slug, period=period.code)
    status = 400 if form.errors else 200
    return render(request, "tertial/report_new.html", {"form": form}, status=status)


@login_required
def section_add(request, slug, period):
    """The controller adds a section of the nämnd's own to the report."""
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    form = SectionAddForm(request.POST)
    if form.is_valid():
        try:
            section = report_section_add(report=report, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Avsnittet {section.title} är tillagt.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("report_overview", kwargs={"slug": slug, "period": period}) + "#egna-avsnitt")


@login_required
def section_remove(request, slug, period, pk):
    """The controller removes a section that is not required (its text stays in the history)."""
    section = access.get_section_for_user(request.user, slug, period, pk, access.CONTROL)
    access.require_post(request)
    title = section.title
    try:
        report_section_remove(section=section, user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Avsnittet {title} är borttaget.")
    return redirect(reverse("report_overview", kwargs={"slug": slug, "period": period}) + "#egna-avsnitt")


@login_required
def report_carry_over(request, slug, period):
    """The controller makes the next period's report from this one ("Skapa Tertial 2 från Tertial 1")."""
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    year, kind = next_period(report.period)
    try:
        log = report_rollover(source=report, period=period_for(year=year, kind=kind), user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("report_overview", slug=slug, period=period)
    messages.success(request, f"{log.target.title} är skapad. {log.summary}")
    return redirect("report_overview", slug=slug, period=log.target.period.code)
