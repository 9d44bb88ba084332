"""`python manage.py import_kf_structure <år> <fil.xlsx> [--dry-run] [--remove-missing]`: the city's KF structure of
a budget year from the Excel template, through the same service as the page."""

from django.core.management.base import BaseCommand

from goals.services import kf_structure_import
from tertial.errors import ServiceError

from ._import_output import fail, print_preview, read_file


class Command(BaseCommand):
    help = (
        "Importera budgetårets KF-struktur (inriktningsmål, KF-mål, KF-indikatorer, KF-aktiviteter) från Excelmallen."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Budgetåret, till exempel 2025.")
        parser.add_argument("file", help="Excelfilen (.xlsx) enligt mallen.")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle hända utan att spara.")
        parser.add_argument(
            "--remove-missing", action="store_true", help="Ta bort rader som finns i Tertial men saknas i filen."
        )

    def handle(self, *args, year, file, dry_run, remove_missing, **options):
        data, name = read_file(file)
        try:
            preview = kf_structure_import(
                year=year, data=data, file_name=name, dry_run=dry_run, remove_missing=remove_missing
            )
        except ServiceError as error:
            fail(error)
        print_preview(self, preview, dry_run=dry_run)
