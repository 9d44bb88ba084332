"""The review workflow: section states and report statuses, who may move them, and the record of every move.

Contract used by other parts (the checks page): `set_report_status(*, report, user, to_status, reason="")` raises
`WorkflowError` with a Swedish message; Fastställd is refused while `tertial.checks.publication_blockers(report)`
is non-empty (the blockers are on the error as `.blockers`).
"""

from django.db import transaction

from . import access
from .errors import Frozen, ServiceError
from .models import Report, ReportTransition, Section, SectionTransition

State = Section.State
Status = Report.Status


class WorkflowError(ServiceError):
    """A refused transition; `str(error)` is the Swedish message shown to the user."""

    def __init__(self, message, blockers=None):
        super().__init__(message)
        self.blockers = blockers or []


class ReportLocked(WorkflowError, Frozen):
    """A write to a fastställd report: a WorkflowError for the views that show it as a message, status 409."""


# (from, to) -> (the access action needed, reason required)
SECTION_TRANSITIONS = {
    (State.UTKAST, State.KLAR): (access.WRITE, False),
    (State.ATERREMITTERAD, State.KLAR): (access.WRITE, False),
    (State.KLAR, State.UTKAST): (access.WRITE, False),  # the writer takes it back to keep working
    (State.KLAR, State.GODKAND): (access.CONTROL, False),
    (State.KLAR, State.ATERREMITTERAD): (access.CONTROL, True),
    (State.UTKAST, State.ATERREMITTERAD): (access.CONTROL, True),
    (State.GODKAND, State.ATERREMITTERAD): (access.CONTROL, True),
}

REPORT_TRANSITIONS = {
    (Status.UNDER_ARBETE, Status.UNDER_GRANSKNING): False,
    (Status.UNDER_GRANSKNING, Status.UNDER_ARBETE): True,
    (Status.UNDER_GRANSKNING, Status.FASTSTALLD): False,
    (Status.FASTSTALLD, Status.UNDER_ARBETE): True,  # reopening a fastställd report always needs a reason
}

# The label of the button that makes each move, as the user reads it.
SECTION_ACTION_LABELS = {
    State.KLAR: "Markera som klar för granskning",
    State.UTKAST: "Ta tillbaka till utkast",
    State.GODKAND: "Godkänn",
    State.ATERREMITTERAD: "Återremittera",
}
REPORT_ACTION_LABELS = {
    (Status.UNDER_ARBETE, Status.UNDER_GRANSKNING): "Skicka till granskning",
    (Status.UNDER_GRANSKNING, Status.UNDER_ARBETE): "Tillbaka till Under arbete",
    (Status.UNDER_GRANSKNING, Status.FASTSTALLD): "Fastställ rapporten",
    (Status.FASTSTALLD, Status.UNDER_ARBETE): "Öppna rapporten igen",
}


def section_transitions_for(user, section) -> list[tuple[str, str, bool]]:
    """The moves the user may make now: (to_state, button label, reason required)."""
    if section.report.is_locked:
        return []
    result = []
    for (from_state, to_state), (action, needs_reason) in SECTION_TRANSITIONS.items():
        if from_state == section.state and access.can(user, section.report.namnd_id, action):
            result.append((to_state, SECTION_ACTION_LABELS[to_state], needs_reason))
    return result


def report_transitions_for(user, report) -> list[tuple[str, str, bool]]:
    if not access.can(user, report.namnd_id, access.CONTROL):
        return []
    return [
        (to_status, REPORT_ACTION_LABELS[(from_status, to_status)], needs_reason)
        for (from_status, to_status), needs_reason in REPORT_TRANSITIONS.items()
        if from_status == report.status
    ]


@transaction.atomic
def set_section_state(*, section, user, to_state, reason=""):
    """Move a section to `to_state`, recording who, when and why. Raises WorkflowError."""
    section = Section.objects.select_for_update().select_related("report").get(pk=section.pk)
    if section.report.is_locked:
        raise WorkflowError("Rapporten är fastställd och kan inte ändras. En controller kan öppna den igen.")
    rule = SECTION_TRANSITIONS.get((section.state, to_state))
    if rule is None:
        raise WorkflowError(
            f"Avsnittet kan inte gå från {State(section.state).label} till {State(to_state).label}."
            if to_state in State.values
            else "Okänd granskningsstatus."
        )
    action, needs_reason = rule
    if not access.can(user, section.report.namnd_id, action):
        raise WorkflowError("Bara nämndens controller kan göra detta.")
    reason = (reason or "").strip()
    if needs_reason and not reason:
        raise WorkflowError("Skriv varför avsnittet återremitteras.")
    SectionTransition.objects.create(
        section=section, from_state=section.state, to_state=to_state, user=user, reason=reason
    )
    section.state = to_state
    if to_state == State.ATERREMITTERAD:
        section.return_reason = reason
    elif to_state == State.GODKAND:
        section.return_reason = ""
    section._history_user = user
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def set_report_status(*, report, user, to_status, reason=""):
    """Move a report to `to_status`, recording who, when and why. Raises WorkflowError (with `.blockers`)."""
    from tertial.checks import publication_blockers

    report = Report.objects.select_for_update().select_related("namnd", "period").get(pk=report.pk)
    if not access.can(user, report.namnd_id, access.CONTROL):
        raise WorkflowError("Bara nämndens controller kan ändra rapportens status.")
    if (report.status, to_status) not in REPORT_TRANSITIONS:
        raise WorkflowError(
            f"Rapporten kan inte gå från {Status(report.status).label} till {Status(to_status).label}."
            if to_status in Status.values
            else "Okänd status."
        )
    reason = (reason or "").strip()
    if REPORT_TRANSITIONS[(report.status, to_status)] and not reason:
        raise WorkflowError("Skriv ett skäl till ändringen.")
    if to_status == Status.FASTSTALLD:
        blockers = publication_blockers(report)
        if blockers:
            raise WorkflowError(
                "Rapporten kan inte fastställas förrän publiceringskontrollens fel är rättade "
                "och varningarna kvitterade.",
                blockers=blockers,
            )
    ReportTransition.objects.create(
        report=report, from_status=report.status, to_status=to_status, user=user, reason=reason
    )
    from tertial.exports.slide_templates import keep_for_faststalld, release_kept

    if to_status == Status.FASTSTALLD:
        report.slide_template_file = keep_for_faststalld(report)
    elif report.status == Status.FASTSTALLD:
        release_kept(report.slide_template_file)
        report.slide_template_file = ""
    report.status = to_status
    report._history_user = user
    report.full_clean()
    report.save()
    return report
