""" "Ändrat sedan Tertial 1": the report's changes since the previous period's report, whole or one section."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access
from ..changes import report_changes


@login_required
def report_changes_page(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period)
    context = {"report": report, "changes": report_changes(report)}
    return render(request, "tertial/report_changes.html", context)


@login_required
def section_changes_page(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk)
    context = {
        "report": section.report,
        "section": section,
        "changes": report_changes(section.report, only_section=section),
    }
    return render(request, "tertial/report_changes.html", context)
