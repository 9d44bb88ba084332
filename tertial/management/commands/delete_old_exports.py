"""`python manage.py delete_old_exports`: delete the files the background worker made (PDF, zip) once they are
EXPORT_FILE_HOURS old, through the storage API, with their rows. The worker does the same after each export; run
this by cron (hourly, say) so that files go also when nobody exports."""

from django.conf import settings
from django.core.management.base import BaseCommand

from tertial.exports.services import export_files_delete_old


class Command(BaseCommand):
    help = "Ta bort exportfiler som bakgrundsarbetaren gjort och som är äldre än EXPORT_FILE_HOURS timmar."

    def handle(self, *args, **options):
        count = export_files_delete_old()
        files = "exportfil" if count == 1 else "exportfiler"
        self.stdout.write(f"Tog bort {count} {files} äldre än {settings.EXPORT_FILE_HOURS} timmar.")
