"""The log of reminder e-mails: one row per section, recipient, kind and deadline, so no reminder is sent twice."""

from django.conf import settings
from django.db import models


class ReminderLog(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "fore", "Före sista dag"
        OVERDUE = "forsenad", "Försenad"

    section = models.ForeignKey(
        "tertial.Section", on_delete=models.CASCADE, related_name="reminders", verbose_name="avsnitt"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="mottagare"
    )
    kind = models.CharField("typ", max_length=10, choices=Kind.choices)
    # The deadline the reminder was about: a moved deadline earns a new reminder, the same one never a second.
    deadline = models.DateField("sista dag")
    email = models.EmailField("e-postadress")
    sent_at = models.DateTimeField("skickad", auto_now_add=True)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "user", "kind", "deadline"], name="tertial_reminderlog_once_per_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.section} till {self.user} ({self.deadline:%Y-%m-%d})"
