"""`python manage.py export_report hasselby-vallingby 2022-T2 --format docx --output rapport.docx`: batch exports."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tertial.exports.services import FORMATS, ExportError, export_report
from tertial.models import Namnd, Period, Report


class Command(BaseCommand):
    help = "Exporterar en rapport till Word, Excel, PowerPoint eller PDF utan webbläsare."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens kortnamn, till exempel hasselby-vallingby.")
        parser.add_argument("period", help="Perioden, till exempel 2022-T2.")
        parser.add_argument("--format", dest="fmt", default="docx", help=f"Ett av: {', '.join(FORMATS)}.")
        parser.add_argument("--output", "-o", help="Filen att skriva (standard: rapportens svenska filnamn).")

    def handle(self, *args, namnd, period, fmt, output, **options):
        fmt = fmt.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(f"Okänt format ”{fmt}”. Välj något av: {', '.join(FORMATS)}.")
        if not Namnd.objects.filter(slug=namnd).exists():
            known = ", ".join(Namnd.objects.values_list("slug", flat=True)) or "inga"
            raise CommandError(f"Nämnden ”{namnd}” finns inte. Kända nämnder: {known}.")
        try:
            year, kind = Period.parse_code(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        report = (
            Report.objects.select_related("namnd", "period")
            .filter(namnd__slug=namnd, period__year=year, period__kind=kind)
            .first()
        )
        if report is None:
            raise CommandError(f"Nämnden ”{namnd}” har ingen rapport för perioden {year}-{kind}.")
        try:
            export = export_report(report=report, fmt=fmt, user=None)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        target = Path(output or export.filename)
        try:
            target.write_bytes(export.content)
        except OSError as exc:
            raise CommandError(f"Kunde inte skriva {target}: {exc.strerror}.") from None
        self.stdout.write(f"Skrev {target} ({len(export.content) // 1024} kB, version {export.version}).")
