"""Writes of the publication check: a controller acknowledges a Varning with a comment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tertial.access import CONTROL, can
from tertial.models import FindingAcknowledgement

from . import VARNING, run_checks


@transaction.atomic
def acknowledge_finding(*, report, user, key: str, comment: str) -> FindingAcknowledgement:
    """Record that `user` has seen the Varning `key` and accepts it, and why. Fel cannot be acknowledged."""
    if not can(user, report.namnd_id, CONTROL):
        raise PermissionDenied("Bara nämndens controller kan kvittera varningar.")
    if report.is_locked:
        raise ValidationError("Rapporten är fastställd och kan inte ändras.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Skriv varför varningen kan godtas."})
    finding = next((f for f in run_checks(report) if f.key == key), None)
    if finding is None:
        raise ValidationError("Varningen finns inte längre: texten eller siffrorna har redan ändrats.")
    if finding.severity != VARNING:
        raise ValidationError("Ett fel kan inte kvitteras: det måste rättas.")
    if FindingAcknowledgement.objects.filter(report=report, key=key).exists():
        raise ValidationError("Varningen är redan kvitterad.")
    acknowledgement = FindingAcknowledgement(
        report=report, key=key, message=f"{finding.place}: {finding.message}", comment=comment, user=user
    )
    acknowledgement.full_clean()
    acknowledgement.save()
    return acknowledgement
