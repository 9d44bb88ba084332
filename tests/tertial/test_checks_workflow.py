"""Fastställd is refused while the publication check has a Fel or an unacknowledged Varning (no mocks)."""

import pytest
from django.core.exceptions import ValidationError

from tertial.checks import FEL, VARNING, run_checks
from tertial.checks.services import acknowledge_finding
from tertial.models import FindingAcknowledgement, Report, ReportTransition, Section
from tertial.workflow import WorkflowError, set_report_status

from .checks_support import make_clean_report, reload, set_text


@pytest.fixture
def under_review(namnd):
    """A report under granskning with the //Johanna note (Fel) and a telephone number (Varning)."""
    report = make_clean_report(namnd)
    set_text(report, "Resultatet ska redovisas i VB. //Johanna")
    set_text(report, "Frågor besvaras av förvaltningens växel på 08-508 08 508.", kind=Section.Kind.INTERNAL_CONTROL)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.UNDER_GRANSKNING)  # test set-up only
    return reload(report)


def _faststall(report, user):
    set_report_status(report=report, user=user, to_status=Report.Status.FASTSTALLD)


def test_faststalld_refused_until_errors_fixed_and_warnings_acknowledged(under_review, users):
    controller = users["controller"]
    with pytest.raises(WorkflowError) as refused:
        _faststall(under_review, controller)
    assert [f.severity for f in refused.value.blockers] == [FEL, VARNING]

    set_text(under_review, "Resultatet ska redovisas i VB.")  # the Fel fixed, the Varning left
    with pytest.raises(WorkflowError) as refused:
        _faststall(reload(under_review), controller)
    [warning] = refused.value.blockers
    assert warning.severity == VARNING

    acknowledge_finding(report=under_review, user=controller, key=warning.key, comment="Växelns nummer ska stå.")
    _faststall(reload(under_review), controller)
    assert reload(under_review).status == Report.Status.FASTSTALLD
    assert ReportTransition.objects.get(report=under_review).to_status == Report.Status.FASTSTALLD


def test_acknowledgement_trail(under_review, users):
    """Who acknowledged which warning, when and why, is kept (and in history); a fastställd report takes no more."""
    controller = users["controller"]
    warning = next(f for f in run_checks(under_review) if f.severity == VARNING)
    with pytest.raises(ValidationError, match="Skriv varför"):
        acknowledge_finding(report=under_review, user=controller, key=warning.key, comment="  ")
    ack = acknowledge_finding(report=under_review, user=controller, key=warning.key, comment="Växeln.")
    assert (ack.user, ack.comment, ack.key) == (controller, "Växeln.", warning.key)
    assert ack.created_at is not None and "08-508 08 508" in ack.message
    assert ack.history.get().history_type == "+"
    with pytest.raises(ValidationError, match="redan kvitterad"):
        acknowledge_finding(report=under_review, user=controller, key=warning.key, comment="Igen.")
    with pytest.raises(Exception, match="Bara nämndens controller"):
        acknowledge_finding(report=under_review, user=users["skribent"], key=warning.key, comment="Ok.")
    Report.objects.filter(pk=under_review.pk).update(status=Report.Status.FASTSTALLD)
    with pytest.raises(ValidationError, match="fastställd"):
        acknowledge_finding(report=reload(under_review), user=controller, key="annan", comment="Ok.")
    assert FindingAcknowledgement.objects.count() == 1
