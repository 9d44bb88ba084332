"""Deadlines: a report's sista dag and a section's own, which overrides it; how late a section is.

Writes go through `deadlines_update` (the Tidsplan page, the admin, tests): the controller of the nämnd, report not
fastställd, every change in the models' history. Reads (`section_deadline`, `DeadlineState`) cost no query."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from . import access
from .errors import ServiceError
from .models import Report, Section

# A section is done for its writer once it is handed over for review (or approved).
DONE_STATES = {Section.State.KLAR, Section.State.GODKAND}


def today() -> date:
    """The date in the project's time zone (Europe/Stockholm), which deadlines are about."""
    return timezone.localdate()


def section_deadline(section, report=None) -> date | None:
    """The deadline that applies to `section`: its own, else its report's (`report` if given, else `section.report`,
    which callers join)."""
    if section.deadline:
        return section.deadline
    return (report or section.report).deadline


def is_done(section) -> bool:
    return section.state in DONE_STATES or section.not_applicable


def _days(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagar"


@dataclass(frozen=True)
class DeadlineState:
    """How a deadline stands on `on` for a section that is `done` or not: the words the pages and mails print."""

    deadline: date | None
    on: date
    done: bool = False

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - self.on).days

    @property
    def overdue(self) -> bool:
        return not self.done and self.deadline is not None and self.deadline < self.on

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def text(self) -> str:
        """`Försenad, 3 dagar`, `Sista dag i dag`, `2 dagar kvar`, `Klar`, `` (no deadline)."""
        if self.done:
            return "Klar"
        if self.deadline is None:
            return ""
        if self.overdue:
            return f"Försenad, {_days(self.days_overdue)}"
        if self.days_left == 0:
            return "Sista dag i dag"
        return f"{_days(self.days_left)} kvar"


def deadline_state(section, report=None, on: date | None = None) -> DeadlineState:
    return DeadlineState(section_deadline(section, report), on or today(), is_done(section))


def _check_deadline(report: Report, value: date | None) -> None:
    if value is None:
        return
    year = report.period.year
    # A verksamhetsberättelse is written in the following winter: the year after is allowed too.
    first, last = date(year, 1, 1), date(year + 1, 12, 31)
    if not first <= value <= last:
        raise ServiceError(f"Sista dag ska ligga mellan {first:%Y-%m-%d} och {last:%Y-%m-%d}.")


@transaction.atomic
def deadlines_update(
    *, report: Report, user, deadline=..., section_deadlines: dict[int, date | None] | None = None
) -> int:
    """Set the report's deadline (if `deadline` is given; None clears it) and sections' own deadlines
    (`{section id: date or None}`). Only what changed is saved, each save with its history row. `user` None is the
    system; anyone else must be the nämnd's controller. Returns how many rows changed."""
    report = Report.objects.select_for_update().select_related("period").get(pk=report.pk)
    if report.is_locked:
        raise ServiceError("Rapporten är fastställd och kan inte ändras.")
    if user is not None and not access.can(user, report.namnd_id, access.CONTROL):
        raise ServiceError("Bara nämndens controller kan ändra rapportens sista dag.")
    changed = 0
    if deadline is not ... and deadline != report.deadline:
        _check_deadline(report, deadline)
        report.deadline = deadline
        report._history_user = user
        report.save(update_fields=["deadline"])
        changed += 1
    if section_deadlines:
        sections = {
            s.pk: s for s in Section.objects.select_for_update().filter(report=report, pk__in=section_deadlines)
        }
        unknown = set(section_deadlines) - set(sections)
        if unknown:
            raise ServiceError("Avsnittet finns inte i rapporten.")
        for pk, value in section_deadlines.items():
            section = sections[pk]
            if section.deadline == value:
                continue
            _check_deadline(report, value)
            section.deadline = value
            section._history_user = user
            section.save(update_fields=["deadline"])
            changed += 1
    return changed


@dataclass
class PersonProgress:
    """One ansvarig's part of a report: sections done (handed over or approved) of total, and how many are late."""

    person: object  # a user, or None for the sections nobody is ansvarig for
    total: int = 0
    done: int = 0
    overdue: int = 0


def progress_per_person(sections, report, on: date | None = None) -> list[PersonProgress]:
    """The report overview's Framsteg per ansvarig, from the sections it has already read (no query): one row per
    ansvarig by name, the sections without one last."""
    on = on or today()
    rows: dict[int | None, PersonProgress] = {}
    for section in sections:
        row = rows.setdefault(section.responsible_id, PersonProgress(section.responsible))
        state = deadline_state(section, report, on)
        row.total += 1
        row.done += state.done
        row.overdue += state.overdue
    named = sorted(
        (r for key, r in rows.items() if key is not None),
        key=lambda r: ((r.person.get_full_name() or r.person.username).lower(), r.person.pk),
    )
    return named + ([rows[None]] if None in rows else [])
