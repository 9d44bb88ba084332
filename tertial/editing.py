"""Writes of the section pages: saving a section with its figures (optimistic locking), drafts, comments,
assigning, and restoring an earlier version. Every write checks access and the report's lock here, server-side.

(The report's other services live in `tertial/services.py`; these are the browser-editing ones.)
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from indicators.models import ActivityResult, IndicatorResult
from indicators.table import EDITABLE_FIGURES

from . import access
from .errors import Conflict, ServiceError, validation_message
from .models import Comment, Draft, Section, SectionTransition
from .textsafety import strip_unsafe
from .workflow import ReportLocked, WorkflowError

SECTION_FIELDS = ["assessment", "analysis", "presentation_summary", "not_applicable"]
INDICATOR_FIELDS = [*(c.key for c in EDITABLE_FIGURES), "analysis"]
ACTIVITY_FIELDS = ["deviation", "analysis"]


class EditConflict(Conflict):
    """Somebody saved the section after the writer opened it; `current` is the newer saved section."""

    def __init__(self, current):
        super().__init__("Avsnittet har sparats av någon annan sedan du öppnade det.")
        self.current = current


def _result_target(result) -> str:
    return str(result.indicator if isinstance(result, IndicatorResult) else result.activity)


def _check_writable(user, report):
    if report.is_locked:
        raise ReportLocked("Rapporten är fastställd och kan inte ändras. En controller kan öppna den igen.")
    if not access.can(user, report.namnd_id, access.WRITE):
        raise WorkflowError("Du har inte behörighet att ändra rapporten.")


def normalize_newlines(value):
    """Texts as stored: lines end in `\n`, without characters no export can hold (`tertial.textsafety`). Browsers
    send a textarea's lines with `\r\n`; stored as sent, an unchanged text would count as a change (a new version)
    and the exports would carry stray carriage returns."""
    if isinstance(value, str):
        return strip_unsafe(value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def _apply(obj, values: dict, fields: list[str]) -> bool:
    changed = False
    for name in fields:
        if name not in values:
            continue
        value = normalize_newlines(values[name])
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def save_section(*, section, user, version: int, changes: dict, other: dict | None = None) -> tuple[Section, bool]:
    """Save what the writer changed, if the section is still at `version`; returns (section, anything changed).

    The row is locked (select_for_update) while the version is compared and bumped, so two simultaneous saves
    cannot both pass. Raises EditConflict (nothing written) or WorkflowError. `other`: fields beside the page's
    (responsible, heading, position …) that the admin's form changed, saved on the same row in the same version.
    """
    current = Section.objects.select_for_update(of=("self",)).select_related("report", "goal").get(pk=section.pk)
    _check_writable(user, current.report)
    if current.version != version:
        raise EditConflict(current)
    report = current.report
    # Figures first in memory, then the section row, then the figures: the history of a figure is attributed to the
    # section version saved just before it (see tertial.history).
    dirty = []
    indicator_changes = changes.get("indicators", {})
    existing = {
        r.indicator_id: r
        for r in IndicatorResult.objects.select_for_update(of=("self",))
        .select_related("indicator")  # the unit's rule (IndicatorResult.clean) reads it
        .filter(report=report, indicator_id__in=indicator_changes)
    }
    for indicator_id, values in indicator_changes.items():
        result = existing.get(indicator_id) or IndicatorResult(report=report, indicator_id=indicator_id)
        if _apply(result, values, INDICATOR_FIELDS) or (result.pk is None and any(values.values())):
            dirty.append(result)
    activity_changes = changes.get("activities", {})
    existing = {
        r.activity_id: r
        for r in ActivityResult.objects.select_for_update().filter(report=report, activity_id__in=activity_changes)
    }
    for activity_id, values in activity_changes.items():
        result = existing.get(activity_id) or ActivityResult(report=report, activity_id=activity_id)
        if _apply(result, values, ACTIVITY_FIELDS) or (result.pk is None and any(values.values())):
            dirty.append(result)
    changed = _apply(current, changes.get("section", {}), SECTION_FIELDS) or bool(dirty)
    if other:
        changed = _apply(current, other, [name for name in other if name not in SECTION_FIELDS]) or changed
    if current.carried_unchanged:
        # A text copied from the previous period is "ej uppdaterad" until its writer saves it, changed or not:
        # saving it as it stands is the writer's word that it still holds.
        current.carried_unchanged = False
        changed = True
    if changed:
        if current.state == Section.State.GODKAND and not access.can(user, report.namnd_id, access.CONTROL):
            # An approved text that a writer changes must be reviewed again: back in the controller's queue.
            SectionTransition.objects.create(
                section=current,
                from_state=current.state,
                to_state=Section.State.KLAR,
                user=user,
                reason="Ändrat efter godkännande.",
            )
            current.state = Section.State.KLAR
        # The section's version counts every save of its content, figures included, so that a writer holding
        # an older page cannot overwrite figures either.
        current.version += 1
        current._history_user = user
        current.full_clean()
        current.save()
    for result in dirty:
        result._history_user = user
        try:
            result.full_clean()
        except ValidationError as error:
            # The page's form said so at the cell already; an admin, import or command save is told here.
            raise ServiceError(f"{_result_target(result)}: {validation_message(error)}") from None
        result.save()
    Draft.objects.filter(section=current, user=user).delete()
    return current, changed


@transaction.atomic
def keep_draft(*, section, user, data: dict, base_version: int) -> Draft:
    """Keep what a writer typed but has not saved, to restore later (one draft per writer and section)."""
    _check_writable(user, section.report)
    draft, _ = Draft.objects.update_or_create(
        section=section, user=user, defaults={"data": data, "base_version": base_version}
    )
    return draft


def discard_draft(*, section, user) -> None:
    Draft.objects.filter(section=section, user=user).delete()


@transaction.atomic
def add_comment(*, section, user, text: str) -> Comment:
    _check_writable(user, section.report)
    comment = Comment(section=section, author=user, text=normalize_newlines(text).strip())
    comment._history_user = user
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def assign_responsible(*, section, user, responsible) -> Section:
    """A controller gives a section to a writer or controller of the nämnd (or to nobody)."""
    current = Section.objects.select_for_update().select_related("report").get(pk=section.pk)
    if not access.can(user, current.report.namnd_id, access.CONTROL):
        raise WorkflowError("Bara nämndens controller kan fördela avsnitt.")
    if current.report.is_locked:
        raise WorkflowError("Rapporten är fastställd och kan inte ändras. En controller kan öppna den igen.")
    if responsible is not None and not (
        access.can(responsible, current.report.namnd_id, access.WRITE)
        and responsible.memberships.filter(namnd_id=current.report.namnd_id).exists()
    ):
        raise WorkflowError("Den ansvariga ska vara skribent eller controller i nämnden.")
    current.responsible = responsible
    current._history_user = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def restore_version(*, section, user, history_id: int) -> Section:
    """A controller brings back the section as it was in an earlier version, figures included.

    The restore is itself a new version (nothing in the history is removed or rewritten).
    """
    from .history import state_at

    if not access.can(user, section.report.namnd_id, access.CONTROL):
        raise WorkflowError("Bara nämndens controller kan återställa en tidigare version.")
    record = section.history.filter(history_id=history_id).first()
    if record is None:
        raise WorkflowError("Versionen finns inte.")
    changes = state_at(section, record)
    current = Section.objects.get(pk=section.pk)
    restored, _ = save_section(section=section, user=user, version=current.version, changes=changes)
    return restored
