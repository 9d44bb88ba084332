"""`python manage.py create_report hasselby-vallingby 2026-T1`: make a report the way the page does.

Prints what was created and exits non-zero with a Swedish message when it cannot (unknown nämnd, bad period, the
report exists already).
"""

from django.core.management.base import BaseCommand, CommandError

from tertial.errors import ServiceError
from tertial.models import Namnd, Period
from tertial.services import period_for, report_create


class Command(BaseCommand):
    help = "Skapa en rapport för en nämnd och period med avsnitt från årets rapportmall och nämndens plan."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens kortnamn, till exempel hasselby-vallingby.")
        parser.add_argument("period", help="Perioden, till exempel 2026-T1.")

    def handle(self, *args, namnd, period, **options):
        try:
            year, kind = Period.parse_code(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        found = Namnd.objects.filter(slug=namnd).first()
        if found is None:
            raise CommandError(f"Det finns ingen nämnd med kortnamnet {namnd}.")
        try:
            report = report_create(namnd=found, period=period_for(year=year, kind=kind))
        except ServiceError as error:
            raise CommandError(str(error)) from None
        goals = report.sections.filter(goal__isnull=False).count()
        self.stdout.write(
            f"{report.title} för {found} är skapad: {report.sections.count()} avsnitt ({goals} mål), "
            f"{report.indicator_results.count()} indikatorer, {report.activity_results.count()} aktiviteter."
        )
        if not goals:
            self.stdout.write("Nämnden har inga mål för året ännu: importera planen, så får målen sina avsnitt.")
