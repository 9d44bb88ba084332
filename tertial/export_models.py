"""A file made by the background worker: an export that takes too long to make while the user waits (PDF, zip)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ExportFile(models.Model):
    class Status(models.TextChoices):
        WAITING = "vantar", "Väntar på att börja"
        RUNNING = "skapas", "Skapas"
        DONE = "klar", "Klar"
        FAILED = "misslyckades", "Misslyckades"

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="export_files", verbose_name="rapport"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="beställd av"
    )
    format = models.CharField("format", max_length=10)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.WAITING)
    # Through the default storage (STORAGES): a shared one when several app servers and workers run.
    file = models.FileField("fil", upload_to="exporter/%Y/%m/", blank=True)
    filename = models.CharField("filnamn", max_length=255, blank=True)
    report_version = models.CharField("rapportens version", max_length=64, blank=True)
    error = models.TextField("fel", blank=True)
    created_at = models.DateTimeField("beställd", auto_now_add=True)
    finished_at = models.DateTimeField("klar", null=True, blank=True)

    class Meta:
        verbose_name = "exportfil"
        verbose_name_plural = "exportfiler"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.format.upper()} av {self.report} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


def slide_template_path(instance, filename: str) -> str:
    """A storage name (not a path of one machine): the storage backend decides where it lives."""
    return f"presentationsmallar/{instance.namnd_id}/{filename}"


class SlideTemplate(models.Model):
    """A förvaltning's own PowerPoint template (.pptx) for its nämnd's slide decks, instead of the city's base look.
    Checked when uploaded (`tertial.exports.slide_templates.check`): a real .pptx, 16:9, with the layouts the deck
    uses."""

    namnd = models.OneToOneField(
        "tertial.Namnd", on_delete=models.CASCADE, related_name="slide_template", verbose_name="nämnd"
    )
    file = models.FileField("fil", upload_to=slide_template_path, max_length=300)
    original_name = models.CharField("filnamn", max_length=200)
    size = models.PositiveIntegerField("storlek (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="uppladdad av"
    )
    uploaded_at = models.DateTimeField("uppladdad", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "presentationsmall"
        verbose_name_plural = "presentationsmallar"

    def __str__(self):
        return f"Presentationsmall för {self.namnd}: {self.original_name}"
