"""`manage.py load_demo`: the demo data (two real reports from the seeds) and one demo user per role."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
from tertial.demo import hasselby_vallingby_2022, socialnamnden_2024, users
from tertial.demo.loader import Tally, assign_responsible, load_report, load_users
from tertial.models import Membership


class Command(BaseCommand):
    help = "Läser in demodata (Hässelby-Vällingby T2 2022, Socialnämnden T1 2024) och demoanvändare."

    def handle(self, *args, **options):
        # The demo users have published passwords (one is a superuser): never in a production database.
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "load_demo körs bara i utvecklingsläge (DEBUG=1): demoanvändarna har kända lösenord och "
                "hör inte hemma i en riktig databas."
            )
        tally = Tally()
        # One step a line; a second run changes nothing.
        steps = [
            (
                "Hässelby-Vällingby, tertialrapport 2 2022",
                lambda: load_hasselby_vallingby_2022(load_report(hasselby_vallingby_2022, tally)),
            ),
            (
                "Socialnämnden, tertialrapport 1 2024",
                lambda: load_socialnamnden_2024(load_report(socialnamnden_2024, tally)),
            ),
            ("Demoanvändare", lambda: load_users(users.USERS, tally)),
            ("Ansvariga för avsnitt", lambda: assign_responsible(users.RESPONSIBLE, tally)),
        ]
        with transaction.atomic():  # all or nothing: a failed step leaves the database as it was
            for label, step in steps:
                step()
                self.stdout.write(f"  {label}: klar")
        self.stdout.write(f"Skapade {tally.created} rader, ändrade {tally.changed}.")
        if options["verbosity"] > 1:
            for line in tally.details:
                self.stdout.write(f"    ändrad: {line}")
        self.print_users()
        if settings.USING_SQLITE:
            self.stdout.write(
                "\nObs: databasen är SQLite, som bara är till för att prova Tertial på den egna datorn. "
                "Flera som skriver samtidigt kräver PostgreSQL (DATABASE_URL, se README)."
            )

    def print_users(self):
        self.stdout.write("\nDemoanvändare (endast för demonstration):")
        rows = [("Användarnamn", "Roll", "Nämnd", "Lösenord")]
        for spec in users.USERS:
            role = "Superanvändare" if spec.get("superuser") else Membership.Role(spec["role"]).label
            rows.append((spec["username"], role, spec.get("namnd", "–"), spec["password"]))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            self.stdout.write(("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))).rstrip())
