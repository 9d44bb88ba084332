"""`python manage.py import_plan <nämnd> <år> <fil.xlsx> [--dry-run] [--remove-missing]`: a nämnd's plan from the
Excel template, through the same service as the page. Prints what it did; exits non-zero on a bad file."""

from django.core.management.base import BaseCommand, CommandError

from goals.services import plan_import
from tertial.errors import ServiceError
from tertial.models import Namnd

from ._import_output import fail, print_preview, read_file


class Command(BaseCommand):
    help = "Importera nämndens plan (nämndmål, indikatorer, aktiviteter, KF-mål som följs upp) från Excelmallen."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens kortnamn, till exempel hasselby-vallingby.")
        parser.add_argument("year", type=int, help="Budgetåret, till exempel 2025.")
        parser.add_argument("file", help="Excelfilen (.xlsx) enligt mallen.")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle hända utan att spara.")
        parser.add_argument(
            "--remove-missing", action="store_true", help="Ta bort rader som finns i Tertial men saknas i filen."
        )

    def handle(self, *args, namnd, year, file, dry_run, remove_missing, **options):
        found = Namnd.objects.filter(slug=namnd).first()
        if found is None:
            raise CommandError(f"Det finns ingen nämnd med kortnamnet {namnd}.")
        data, name = read_file(file)
        try:
            preview = plan_import(
                namnd=found, year=year, data=data, file_name=name, dry_run=dry_run, remove_missing=remove_missing
            )
        except ServiceError as error:
            fail(error)
        print_preview(self, preview, dry_run=dry_run)
