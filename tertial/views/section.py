"""The section page: bedömning, Analys, indicator and activity tables, review, comments, drafts, conflicts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from indicators.selectors import conflicting_figures, section_follow_up

from .. import access, richtext
from ..checks import findings_for_section
from ..checks.counts import count_sentences
from ..editing import EditConflict, add_comment, discard_draft, keep_draft, save_section
from ..forms import CommentForm, SectionEditForms, SectionTransitionForm, draft_data, draft_querydict, parse_version
from ..history import version_author
from ..models import Assessment, Section
from ..rollover import carried_label, period_name
from ..selectors import (
    assignable_users,
    section_comments,
    section_instructions,
    section_transitions,
    user_draft,
)
from ..workflow import WorkflowError, section_transitions_for, set_section_state

# "Avsnittet är nu …": the state as a predicate of the neuter "avsnittet" (the labels agree with "status").
STATE_AFTER = {
    Section.State.UTKAST: "ett utkast igen",
    Section.State.KLAR: "klart för granskning",
    Section.State.GODKAND: "godkänt",
    Section.State.ATERREMITTERAD: "återremitterat",
}


def _section_context(request, section, follow_up, forms, **extra):
    user, report = request.user, section.report
    is_controller = access.can(user, report.namnd_id, access.CONTROL)
    return {
        "report": report,
        "section": section,
        "follow_up": follow_up,
        "forms": forms,
        "can_edit": access.can_edit(user, report),
        "is_controller": is_controller,
        "users": assignable_users(report) if is_controller and not report.is_locked else [],
        "actions": section_transitions_for(user, section),
        "transitions": section_transitions(section),
        "comments": section_comments(section),
        "comment_form": CommentForm(),
        # the GET has read the draft already (whether to restore it): not read twice
        "draft": extra.pop("draft") if "draft" in extra else user_draft(section, user),
        "findings": findings_for_section(report, section),
        "count_sentence": count_sentences(report) if section.kind == Section.Kind.SUMMARY else "",
        "instructions": section_instructions(section),
        "carried_label": carried_label(report),
        "carried_since": period_name(report.carried_from.period, report.period) if report.carried_from_id else "",
        **extra,
    }


@login_required
def section_edit(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk)
    follow_up = section_follow_up(section)
    if request.method == "POST":
        if not access.can(request.user, section.report.namnd_id, access.WRITE):
            raise PermissionDenied("Du har inte behörighet att ändra rapporten.")
        forms = SectionEditForms(section, follow_up, request.POST)
        if forms.is_valid():
            return _save(request, section, forms)
        context = _section_context(request, section, follow_up, forms, invalid=True)
        return render(request, "tertial/section_edit.html", context, status=400)
    draft = user_draft(section, request.user)
    restoring = request.GET.get("utkast") == "1" and draft is not None
    data = None
    if restoring:
        # Opening the draft is the writer's informed choice (the page says when the section changed since):
        # it is saved over the current version, else every later save would conflict again.
        data = draft_querydict({**draft.data, "s-version": str(section.version)})
    forms = SectionEditForms(section, follow_up, data)
    context = _section_context(request, section, follow_up, forms, restoring=restoring, draft=draft)
    return render(request, "tertial/section_edit.html", context)


def _save(request, section, forms):
    try:
        saved, changed = save_section(
            section=section, user=request.user, version=forms.version, changes=forms.changes()
        )
    except EditConflict as conflict:
        return _conflict(request, section, forms, conflict.current)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(section_url(section))
    messages.success(request, f"Sparat (version {saved.version})." if changed else "Inget var ändrat.")
    return redirect(section_url(section))


def _conflict(request, section, forms, current):
    """Somebody saved in between: keep what this writer typed as a draft and show both side by side."""
    data = draft_data(request.POST)
    keep_draft(section=section, user=request.user, data=data, base_version=forms.version)
    current.report = section.report
    theirs = forms.changes()
    assessment = theirs["section"].get("assessment")
    context = {
        "report": section.report,
        "section": current,
        "theirs": theirs,
        "their_assessment": Assessment(assessment).label if assessment else "Ingen bedömning",
        "figures": conflicting_figures(section, forms),
        "saved_by": version_author(current),
        "data": data,
    }
    return render(request, "tertial/conflict.html", context, status=409)


@login_required
def section_transition(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk, access.WRITE)
    access.require_post(request)
    form = SectionTransitionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Ogiltig granskningsstatus.")
    try:
        set_section_state(section=section, user=request.user, **form.cleaned_data)
        messages.success(request, f"Avsnittet är nu {STATE_AFTER[form.cleaned_data['to_state']]}.")
    except WorkflowError as error:
        messages.error(request, str(error))
    return redirect("section_edit", slug=slug, period=period, pk=pk)


@login_required
def section_comment(request, slug, period, pk):
    section = access.get_section_for_user(request.user, slug, period, pk, access.WRITE)
    access.require_post(request)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            add_comment(section=section, user=request.user, text=form.cleaned_data["text"])
            messages.success(request, "Kommentaren är publicerad.")
        except WorkflowError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, "Skriv en kommentar först.")
    return redirect(section_url(section) + "#kommentarer")


def section_url(section) -> str:
    report = section.report
    return reverse("section_edit", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": section.pk})


@login_required
def section_draft(request, slug, period, pk):
    """Keep (from the page's script, every minute and before leaving) or discard the writer's unsaved text."""
    section = access.get_section_for_user(request.user, slug, period, pk, access.WRITE)
    access.require_post(request)
    if request.POST.get("kasta"):
        discard_draft(section=section, user=request.user)
        messages.info(request, "Utkastet är slängt.")
        return redirect("section_edit", slug=slug, period=period, pk=pk)
    base_version = parse_version(request.POST.get("s-version"))
    if base_version is None:
        return HttpResponseBadRequest("Versionen saknas eller är ogiltig.")
    keep_draft(section=section, user=request.user, data=draft_data(request.POST), base_version=base_version)
    return JsonResponse({"sparat": timezone.localtime().strftime("%H:%M")})


def session_ping(request, slug, period):
    """Is the session still alive? Answers with a fresh CSRF token, so that a save after logging in again works."""
    if not request.user.is_authenticated:
        return JsonResponse({"inloggad": False}, status=401)
    access.get_report_for_user(request.user, slug, period)
    return JsonResponse({"inloggad": True, "csrf": get_token(request)})


@login_required
def richtext_paste(request, slug, period):
    """What the editor pastes: the clipboard's HTML (Word, Excel, a web page) through the sanitizer every save
    goes through, so that a paste shows what will be stored. Writes nothing."""
    access.get_report_for_user(request.user, slug, period, access.WRITE)
    access.require_post(request)
    return HttpResponse(richtext.clean(request.POST.get("html", "")), content_type="text/html; charset=utf-8")
