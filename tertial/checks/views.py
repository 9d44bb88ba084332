"""The Kontroll page: every finding of a report grouped by section, and the controller's acknowledgements."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from tertial.access import CONTROL, can, get_report_for_user, require_post

from . import FEL, attach_acknowledgements, publication_blockers, run_checks
from .counts import count_sentences
from .services import acknowledge_finding


class AcknowledgeForm(forms.Form):
    key = forms.CharField(max_length=255, widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Kommentar",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Skriv varför varningen kan godtas."},
    )


def group_findings(findings):
    """[(group heading, [findings])] in document order."""
    groups: list[tuple[str, list]] = []
    for finding in findings:
        if not groups or groups[-1][0] != finding.group:
            groups.append((finding.group, []))
        groups[-1][1].append(finding)
    return groups


def _render(request, report, *, form=None, status=200):
    findings = run_checks(report)
    acknowledgements = attach_acknowledgements(report, findings)
    current = {f.key for f in findings}
    blockers = len(publication_blockers(report, findings))
    errors = sum(1 for f in findings if f.severity == FEL)
    context = {
        "report": report,
        "groups": group_findings(findings),
        "errors": errors,
        "warnings": len(findings) - errors,
        "blockers": blockers,
        "unacknowledged": blockers - errors,
        "stale": [a for key, a in acknowledgements.items() if key not in current],
        "can_acknowledge": can(request.user, report.namnd_id, CONTROL) and not report.is_locked,
        "form": form,
        "proposal": count_sentences(report),
    }
    return render(request, "tertial/checks/report.html", context, status=status)


@login_required
def report_checks(request, slug, period):
    report = get_report_for_user(request.user, slug, period)
    return _render(request, report)


@login_required
def acknowledge(request, slug, period):
    report = get_report_for_user(request.user, slug, period, CONTROL)
    require_post(request)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            acknowledge_finding(report=report, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            anchor = slugify(form.cleaned_data["key"])
            return redirect(reverse("checks:report", kwargs={"slug": slug, "period": period}) + f"#fynd-{anchor}")
    return _render(request, report, form=form, status=400)
