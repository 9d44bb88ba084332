"""Writes of the city-wide view: the city's ställningstagande to a requested budgetjustering (the one thing the
city roles write here), and a nämnd's proposal to change an indicator's årsmål. Every change is in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction

from tertial.access import WRITE, can, is_city_admin, is_city_reader
from tertial.errors import ServiceError, validation_message

from .models import AdjustmentDecision, CityIndicator, IndicatorProposal


class CityError(ServiceError):
    """A refused write of the city-wide view, with its Swedish message."""


@transaction.atomic
def adjustment_decide(*, adjustment, user, decision: str, comment: str = "") -> AdjustmentDecision:
    """Mark a requested budgetjustering tillstyrkt or avstyrkt with a comment; a later call changes the decision
    (the history keeps every earlier one). An avstyrkt request needs a reason."""
    if not is_city_reader(user):
        raise CityError("Bara stadsledningskontoret kan ta ställning till budgetjusteringar.")
    comment = (comment or "").strip()
    if decision not in AdjustmentDecision.Decision.values:
        raise CityError("Välj tillstyrkt eller avstyrkt.")
    if decision == AdjustmentDecision.Decision.AVSTYRKT and not comment:
        raise CityError("Skriv varför budgetjusteringen avstyrks.")
    record = AdjustmentDecision.objects.select_for_update().filter(adjustment=adjustment).first()
    if record is None:
        record = AdjustmentDecision(adjustment=adjustment)
    elif record.decision == decision and record.comment == comment:
        return record  # unchanged: no new version
    record.decision, record.comment, record.user = decision, comment, user
    try:
        record.full_clean()
    except ValidationError as error:
        raise CityError(validation_message(error)) from None
    record.save()
    return record


def _check_can_propose(report, user) -> None:
    if not can(user, report.namnd_id, WRITE):
        raise CityError("Bara nämndens skribenter och controller kan föreslå ändrade årsmål.")
    if report.is_locked:
        raise CityError("Rapporten är fastställd och kan inte ändras.")


@transaction.atomic
def proposal_create(
    *, report, user, indicator, proposed_value=None, proposed_text: str = "", reason: str
) -> IndicatorProposal:
    """A nämnd proposes in its report a new årsmål for one of its indicators, with the reason."""
    _check_can_propose(report, user)
    if IndicatorProposal.objects.filter(report=report, indicator=indicator).exists():
        raise CityError("Det finns redan ett förslag för indikatorn i rapporten: ta bort det först.")
    proposal = IndicatorProposal(
        report=report,
        indicator=indicator,
        proposed_value=proposed_value,
        proposed_text=(proposed_text or "").strip(),
        reason=(reason or "").strip(),
        user=user,
    )
    try:
        proposal.full_clean()
    except ValidationError as error:
        raise CityError(validation_message(error)) from None
    proposal.save()
    return proposal


@transaction.atomic
def proposal_delete(*, proposal, user) -> None:
    _check_can_propose(proposal.report, user)
    proposal.delete()


@transaction.atomic
def city_indicator_set(*, user, code: str, method: str, weight_code: str = "", instance=None) -> CityIndicator:
    """Say how a KF indicator adds up for the whole city (sum, mean, or mean weighted by another indicator's
    outcome). City administrators and superusers; `instance` is the admin's object being saved."""
    if not is_city_admin(user):
        raise CityError("Bara stadens administratörer kan ange hur en indikator räknas för hela staden.")
    record = instance or CityIndicator.objects.select_for_update().filter(code=code).first() or CityIndicator()
    record.code, record.method, record.weight_code = code.strip(), method, (weight_code or "").strip()
    try:
        record.full_clean()
    except ValidationError as error:
        raise CityError(validation_message(error)) from None
    record.save()
    return record
