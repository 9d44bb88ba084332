"""The log of roll-overs: which report was carried over into which, by whom, when, and what was copied."""

from django.conf import settings
from django.db import models


class RolloverLog(models.Model):
    source = models.ForeignKey(
        "tertial.Report",
        on_delete=models.SET_NULL,
        null=True,
        related_name="rollovers_out",
        verbose_name="från rapport",
    )
    source_label = models.CharField("från", max_length=200)  # kept if the source report is ever removed
    target = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="rollovers_in", verbose_name="till rapport"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="användare"
    )
    sections = models.PositiveIntegerField("kopierade avsnitt", default=0)
    indicator_texts = models.PositiveIntegerField("kopierade indikatoranalyser", default=0)
    activity_texts = models.PositiveIntegerField("kopierade aktivitetsuppföljningar", default=0)
    summary = models.TextField("sammanfattning", blank=True)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        verbose_name = "kopiering från föregående period"
        verbose_name_plural = "kopieringar från föregående period"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.source_label} → {self.target}"
