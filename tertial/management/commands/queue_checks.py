"""`python manage.py queue_checks 2025-T2`: order the publication check of every report of the period (or, without a
period, of every report not yet fastställd) from the background worker.

Run it after a deploy: a new version of the code reads no result of the old one (`tertial.checks.cache`), so
without it the city's Status checks every report on its first view.
"""

from django.core.management.base import BaseCommand, CommandError

from tertial.checks.background import refresh_later
from tertial.models import Period, Report


class Command(BaseCommand):
    help = "Beställ publiceringskontrollen av periodens rapporter (eller alla ej fastställda) av bakgrundsarbetaren."

    def add_arguments(self, parser):
        parser.add_argument("period", nargs="?", help="Perioden, till exempel 2025-T2.")

    def handle(self, *args, period=None, **options):
        reports = Report.objects.all()
        if period:
            try:
                year, kind = Period.parse_code(period)
            except ValueError as error:
                raise CommandError(str(error)) from None
            reports = reports.filter(period__year=year, period__kind=kind)
        else:
            reports = reports.exclude(status=Report.Status.FASTSTALLD)
        ids = list(reports.values_list("pk", flat=True))
        refresh_later(ids)
        self.stdout.write(f"Beställde kontrollen av {len(ids)} {'rapport' if len(ids) == 1 else 'rapporter'}.")
