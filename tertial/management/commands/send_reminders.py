"""`python manage.py send_reminders`: e-mail each section's ansvarig TERTIAL_REMINDER_DAYS_BEFORE days before its
sista dag and once when it is overdue (`tertial.reminders`). Run daily by cron; running it again sends nothing twice.

Prints what was sent; `--dry-run` prints what would be sent and sends nothing. Exits non-zero when a mail could not
be sent (those reminders are tried again on the next run)."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tertial.reminders import send_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser med e-post om avsnitt vars sista dag närmar sig eller har passerat."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle skickas, skicka inget.")
        parser.add_argument("--date", help="Räkna som om det vore den här dagen (ÅÅÅÅ-MM-DD), till exempel för test.")

    def handle(self, *args, dry_run=False, date=None, **options):
        on = _parse_date(date) if date else None
        if not settings.EMAIL_HOST and not dry_run:
            self.stderr.write("E-post är inte inställd (EMAIL_HOST saknas): påminnelserna skrivs ut här i stället.")
        outcome = send_reminders(on=on, dry_run=dry_run)
        verb = "Skulle skicka" if dry_run else "Skickade"
        for reminder in outcome.sent:
            who = reminder.section.responsible
            self.stdout.write(
                f"{reminder.section.responsible.email} ({who.get_full_name() or who.username}): "
                f"{reminder.heading[:60]} – {reminder.state.text}"
            )
        count, people = len(outcome.sent), outcome.recipients
        self.stdout.write(
            f"{verb} {count} {'påminnelse' if count == 1 else 'påminnelser'} "
            f"till {people} {'person' if people == 1 else 'personer'}."
        )
        for name in outcome.without_email:
            self.stderr.write(f"{name} har ingen e-postadress och fick ingen påminnelse.")
        if outcome.failed:
            raise CommandError("Kunde inte skicka till: " + "; ".join(outcome.failed) + ". Försöks igen nästa körning.")


def _parse_date(value: str):
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"Ogiltigt datum {value!r}: skriv till exempel 2026-09-15.") from None
