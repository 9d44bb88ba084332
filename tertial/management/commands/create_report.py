"""`python manage.py create_report hasselby-vallingby 2026-T1`: make a report the way the page does;
`… 2026-T2 --from 2026-T1` makes it from the earlier report (roll-over, `tertial.rollover`).

Prints what was created (and copied) and exits non-zero with a Swedish message when it cannot (unknown nämnd, bad
period, the report exists already, no report to copy from).
"""

from django.core.management.base import BaseCommand, CommandError

from tertial.errors import ServiceError
from tertial.models import Namnd, Period, Report
from tertial.rollover import report_rollover
from tertial.services import period_for, report_create


class Command(BaseCommand):
    help = "Skapa en rapport för en nämnd och period med avsnitt från årets rapportmall och nämndens plan."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens kortnamn, till exempel hasselby-vallingby.")
        parser.add_argument("period", help="Perioden, till exempel 2026-T1.")
        parser.add_argument(
            "--from",
            dest="source",
            metavar="PERIOD",
            help="Skapa rapporten från nämndens rapport för en tidigare period (till exempel 2026-T1): texter, "
            "bedömningar och ansvariga kopieras, utfall inte.",
        )

    def handle(self, *args, namnd, period, source=None, **options):
        try:
            year, kind = Period.parse_code(period)
            source_code = Period.parse_code(source) if source else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        found = Namnd.objects.filter(slug=namnd).first()
        if found is None:
            raise CommandError(f"Det finns ingen nämnd med kortnamnet {namnd}.")
        log = None
        try:
            if source_code:
                earlier = Report.objects.filter(
                    namnd=found, period__year=source_code[0], period__kind=source_code[1]
                ).first()
                if earlier is None:
                    raise CommandError(f"{found} har ingen rapport för {source.upper()} att skapa rapporten från.")
                log = report_rollover(source=earlier, period=period_for(year=year, kind=kind))
                report = log.target
            else:
                report = report_create(namnd=found, period=period_for(year=year, kind=kind))
        except ServiceError as error:
            raise CommandError(str(error)) from None
        goals = report.sections.filter(goal__isnull=False).count()
        self.stdout.write(
            f"{report.title} för {found} är skapad: {report.sections.count()} avsnitt ({goals} mål), "
            f"{report.indicator_results.count()} indikatorer, {report.activity_results.count()} aktiviteter."
        )
        if log is not None:
            self.stdout.write(
                f"Från {log.source_label}: {log.sections} avsnitt med text och bedömning, "
                f"{log.indicator_texts} indikatoranalyser och {log.activity_texts} aktivitetsuppföljningar kopierade "
                "(utfall och prognoser kopieras inte)."
            )
            for line in log.summary.splitlines()[1:]:
                self.stdout.write(line)
        if not goals:
            self.stdout.write("Nämnden har inga mål för året ännu: importera planen, så får målen sina avsnitt.")
