"""The report's Tidsplan: the controller sets the report's sista dag and sections' own (`tertial.deadlines`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import access
from ..deadlines import deadline_state, deadlines_update, today
from ..errors import ServiceError
from ..forms import DeadlinesForm
from ..selectors import report_sections


@login_required
def report_deadlines(request, slug, period):
    """Everyone in the nämnd reads the Tidsplan; the controller saves it (one service call for every change)."""
    action = access.CONTROL if request.method == "POST" else access.READ
    report = access.get_report_for_user(request.user, slug, period, action)
    sections = report_sections(report)
    form = DeadlinesForm(request.POST or None, report=report, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            changed = deadlines_update(
                report=report,
                user=request.user,
                deadline=form.cleaned_data["deadline"],
                section_deadlines=form.section_deadlines(),
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Tidsplanen är sparad." if changed else "Inget ändrades i tidsplanen.")
            return redirect("report_deadlines", slug=slug, period=period)
    on = today()
    for section in sections:
        section.deadline_state = deadline_state(section, report, on)
    context = {
        "report": report,
        "form": form,
        "can_edit": access.can(request.user, report.namnd_id, access.CONTROL) and not report.is_locked,
    }
    return render(request, "tertial/report_deadlines.html", context, status=400 if form.errors else 200)
