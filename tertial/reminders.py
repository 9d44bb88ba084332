"""Reminder e-mails to a section's ansvarig: TERTIAL_REMINDER_DAYS_BEFORE days before its sista dag and once when it
is overdue. `send_reminders` is what the `send_reminders` command (cron, daily) runs; `ReminderLog` makes it
idempotent: a section's reminder of a kind about a deadline goes to a person once, however often it runs."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from .deadlines import DeadlineState, today
from .models import Membership, ReminderLog, Report, Section

Kind = ReminderLog.Kind


@dataclass
class Reminder:
    section: Section
    kind: str
    deadline: date
    state: DeadlineState

    @property
    def url(self) -> str:
        report = self.section.report
        path = reverse(
            "section_edit", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": self.section.pk}
        )
        return settings.TERTIAL_BASE_URL + path

    @property
    def heading(self) -> str:
        section = self.section
        if section.goal_id:
            return f"{section.goal.get_level_display()} {section.goal.number} {section.goal.text}"
        return section.title


@dataclass
class Outcome:
    sent: list[Reminder] = field(default_factory=list)
    recipients: int = 0
    without_email: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def due_reminders(on: date) -> list[Reminder]:
    """The reminders due on `on` that have not been sent: sections not handed over (Utkast, Återremitterad), not
    Inte aktuellt, in a report that is not fastställd, whose ansvarig still writes in the nämnd and whose sista dag
    (own, else the report's) is at most TERTIAL_REMINDER_DAYS_BEFORE days away or past. Two queries."""
    horizon = on + timedelta(days=settings.TERTIAL_REMINDER_DAYS_BEFORE)
    sections = (
        Section.objects.filter(
            responsible__isnull=False,
            responsible__is_active=True,
            state__in=[Section.State.UTKAST, Section.State.ATERREMITTERAD],
            not_applicable=False,
            report__namnd__memberships__user=F("responsible"),
            report__namnd__memberships__role__in=[Membership.Role.SKRIBENT, Membership.Role.CONTROLLER],
        )
        .exclude(report__status=Report.Status.FASTSTALLD)
        .annotate(due=Coalesce("deadline", "report__deadline"))
        .filter(due__lte=horizon)
        .select_related("report__namnd", "report__period", "goal", "responsible", "economy_area_row__area")
        .order_by("due", "report_id", "position", "id")
        .distinct()
    )
    reminders = []
    for section in sections:
        kind = Kind.OVERDUE if section.due < on else Kind.BEFORE
        reminders.append(Reminder(section, kind, section.due, DeadlineState(section.due, on)))
    sent = set(
        ReminderLog.objects.filter(section__in=[r.section.pk for r in reminders]).values_list(
            "section_id", "user_id", "kind", "deadline"
        )
    )
    return [r for r in reminders if (r.section.pk, r.section.responsible_id, r.kind, r.deadline) not in sent]


def _line(reminder: Reminder) -> str:
    report = reminder.section.report
    return (
        f"- {reminder.heading}\n"
        f"  {report.title}, {report.namnd}. Sista dag {reminder.deadline:%Y-%m-%d} ({reminder.state.text}).\n"
        f"  {reminder.url}"
    )


def compose(user, reminders: list[Reminder]) -> EmailMessage:
    """The Swedish mail to one ansvarig about their due sections, overdue first, each with its link."""
    overdue = [r for r in reminders if r.kind == Kind.OVERDUE]
    soon = [r for r in reminders if r.kind == Kind.BEFORE]
    if overdue:
        subject = f"Tertial: {len(overdue)} {'avsnitt är försenat' if len(overdue) == 1 else 'avsnitt är försenade'}"
    else:
        subject = f"Tertial: sista dag närmar sig för {len(soon)} avsnitt"
    parts = [f"Hej {user.get_full_name() or user.username}!", ""]
    if overdue:
        parts += ["Sista dag har passerat för de här avsnitten som du är ansvarig för:", ""]
        parts += [_line(r) for r in overdue] + [""]
    if soon:
        days = settings.TERTIAL_REMINDER_DAYS_BEFORE
        parts += [
            f"Sista dag är inom {days} {'dag' if days == 1 else 'dagar'} för de här avsnitten som du är ansvarig för:",
            "",
        ]
        parts += [_line(r) for r in soon] + [""]
    parts += [
        "Markera avsnittet som Klar för granskning när texten är färdig. Frågor om sista dag besvarar nämndens "
        "controller.",
        "",
        "Det här är ett automatiskt meddelande från Tertial. Du får en påminnelse före sista dag och en när "
        "avsnittet är försenat.",
    ]
    return EmailMessage(subject=subject, body="\n".join(parts), to=[user.email])


def send_reminders(*, on: date | None = None, dry_run: bool = False) -> Outcome:
    """Send the due reminders, one mail per person. A reminder is claimed in the log before its mail is sent, in one
    transaction per person: a failed mail leaves nothing logged (it is tried again on the next run), and two runs at
    once cannot both send it (the log's unique constraint)."""
    on = on or today()
    outcome = Outcome()
    by_user = defaultdict(list)
    for reminder in due_reminders(on):
        by_user[reminder.section.responsible].append(reminder)
    connection = None if dry_run else get_connection()
    for user, reminders in sorted(by_user.items(), key=lambda item: item[0].username):
        if not user.email:
            outcome.without_email.append(user.get_full_name() or user.username)
            continue
        if dry_run:
            outcome.sent += reminders
            outcome.recipients += 1
            continue
        try:
            with transaction.atomic():
                claimed = [r for r in reminders if _claim(r, user)]
                if claimed and connection.send_messages([compose(user, claimed)]) != 1:
                    raise OSError("e-postservern tog inte emot meddelandet")
        except OSError as error:  # SMTP refused or unreachable: nothing logged, retried next run
            outcome.failed.append(f"{user.email}: {error}")
            continue
        if claimed:
            outcome.sent += claimed
            outcome.recipients += 1
    return outcome


def _claim(reminder: Reminder, user) -> bool:
    """Log the reminder as sent; False when it already was (by another run since `due_reminders` read the log)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                section=reminder.section, user=user, kind=reminder.kind, deadline=reminder.deadline, email=user.email
            )
    except IntegrityError:
        return False
    return True
