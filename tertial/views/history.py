"""Historik of a section: versions with who and when, diffs against the previous version, restoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import access
from ..editing import EditConflict, restore_version
from ..history import section_versions
from ..workflow import WorkflowError


@login_required
def section_history(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk)
    context = {
        "report": section.report,
        "section": section,
        "versions": section_versions(section),
        "can_restore": access.can(request.user, section.report.namnd_id, access.CONTROL)
        and not section.report.is_locked,
    }
    return render(request, "tertial/section_history.html", context)


@login_required
def section_restore(request, slug, period, pk, history_id):
    """A controller restores an earlier version; the restore is saved as a new version."""
    section = access.get_section_for_user(request.user, slug, period, pk, access.CONTROL)
    access.require_post(request)
    try:
        restored = restore_version(section=section, user=request.user, history_id=history_id)
        messages.success(request, f"Den tidigare versionen är återställd som version {restored.version}.")
    except (WorkflowError, EditConflict) as error:
        messages.error(request, str(error))
        return redirect("section_history", slug=slug, period=period, pk=pk)
    return redirect("section_edit", slug=slug, period=period, pk=pk)
