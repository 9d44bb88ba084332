"""Print views: a section, or the whole report, read-only with every text, analysis and column of the tables."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from indicators.selectors import SectionFollowUp, sections_follow_up

from .. import access
from ..selectors import print_report


@login_required
def report_print(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period)
    context = {"report": report, "printed": print_report(report), "whole_report": True}
    return render(request, "tertial/print.html", context)


@login_required
def section_print(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk)
    # The documents' columns (sections_follow_up), not the page's extra column of an earlier period.
    section.follow_up = (
        sections_follow_up(section.report, [section.goal_id])[section.goal_id] if section.goal_id else SectionFollowUp()
    )
    return render(request, "tertial/print.html", {"report": section.report, "sections": [section]})
