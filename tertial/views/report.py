"""The report overview: the goal tree with each section's state, assigning, and the report's status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import access, checks
from ..editing import assign_responsible
from ..forms import AssignForm, ReportStatusForm
from ..models import Report, Section
from ..selectors import assignable_users, assignable_users_queryset, report_sections
from ..templatetags.tertial_tags import person
from ..workflow import WorkflowError, report_transitions_for, set_report_status

_ECONOMY_KINDS = {Section.Kind.ECONOMY_AREA, *Section.ECONOMY_TEXT_KINDS}


def _overview_context(request, report, **extra):
    user = request.user
    sections = report_sections(report)
    mine = request.GET.get("mina") == "1"
    if mine:
        sections = [s for s in sections if s.responsible_id == user.pk]
    can_assign = access.can(user, report.namnd_id, access.CONTROL) and not report.is_locked
    return {
        "report": report,
        "sections": sections,
        "goal_sections": [s for s in sections if s.goal_id],
        "other_sections": [s for s in sections if not s.goal_id and s.kind not in _ECONOMY_KINDS],
        "economy_sections": [s for s in sections if s.kind in _ECONOMY_KINDS],
        "mine": mine,
        "users": assignable_users(report) if can_assign else [],
        "can_assign": can_assign,
        "report_actions": report_transitions_for(user, report),
        "report_history": list(report.transitions.select_related("user")[:10]),
        "check_summary": checks.summarize(report),
        **extra,
    }


@login_required
def report_overview(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period)
    return render(request, "tertial/report_overview.html", _overview_context(request, report))


@login_required
@require_POST
def report_status(request, slug, period):
    """A controller moves the report on (or back, with a reason); refused moves show why, blockers listed."""
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
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
@require_POST
def section_assign(request, slug, period, pk):
    """A controller gives a section to a writer; with htmx only the row's cell is sent back."""
    section = access.get_section_for_user(request.user, slug, period, pk, access.CONTROL)
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
        context = {"section": section, "users": assignable_users(report), "can_assign": True}
        return render(request, "tertial/_assign_cell.html", context | {"assign_message": message})
    messages.info(request, message)
    return redirect("report_overview", slug=slug, period=period)
