"""`python manage.py check_report hasselby-vallingby 2022-T2`: the publication check on the command line.

Prints one finding a line (severity, place, message) and exits non-zero while any Fel remains.
"""

from django.core.management.base import BaseCommand, CommandError

from tertial.checks import FEL, run_checks, summarize
from tertial.models import Period, Report


class Command(BaseCommand):
    help = "Kör publiceringskontrollen på en rapport: skriv ut varje fynd och avsluta med felkod om fel finns."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens kortnamn, till exempel hasselby-vallingby.")
        parser.add_argument("period", help="Perioden, till exempel 2022-T2.")

    def handle(self, *args, namnd, period, **options):
        try:
            year, kind = Period.parse_code(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = (
            Report.objects.select_related("namnd", "period")
            .filter(namnd__slug=namnd, period__year=year, period__kind=kind)
            .first()
        )
        if report is None:
            raise CommandError(f"Det finns ingen rapport för {namnd} {period}.")
        findings = run_checks(report)
        for finding in findings:
            self.stdout.write(f"{finding.severity_label.upper()}\t{finding.place}\t{finding.message}")
        summary = summarize(report, findings)
        self.stdout.write(f"{summary.errors} fel, {summary.warnings} varningar ({summary.acknowledged} kvitterade).")
        if any(f.severity == FEL for f in findings):
            raise CommandError(f"{summary.errors} fel måste rättas innan rapporten kan fastställas.", returncode=1)
