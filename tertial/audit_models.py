"""The audit log: logins, failed and locked logins, logouts, admin changes, exports and role changes (`tertial.audit`).
Superusers read it in the admin; nobody changes it there."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "inloggning", "Inloggning"
        LOGIN_FAILED = "misslyckad_inloggning", "Misslyckad inloggning"
        LOCKED_OUT = "sparrad_inloggning", "Spärrad inloggning"
        LOGOUT = "utloggning", "Utloggning"
        ADMIN_ADD = "admin_tillagd", "Tillagd i administrationen"
        ADMIN_CHANGE = "admin_andrad", "Ändrad i administrationen"
        ADMIN_DELETE = "admin_borttagen", "Borttagen i administrationen"
        EXPORT = "export", "Export"
        ROLE = "rollandring", "Rolländring"
        SLIDE_TEMPLATE = "presentationsmall", "Presentationsmall"

    kind = models.CharField("händelse", max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="användare",
    )
    # As typed or as the user was called then: kept when the user is removed, and for logins of unknown names.
    username = models.CharField("användarnamn", max_length=150, blank=True)
    ip_address = models.GenericIPAddressField("IP-adress", null=True, blank=True)
    target = models.CharField("gäller", max_length=300, blank=True)
    detail = models.TextField("uppgifter", blank=True)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "händelse i granskningsloggen"
        verbose_name_plural = "granskningslogg"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        who = self.username or "okänd"
        return f"{self.get_kind_display()}: {who} {self.created_at:%Y-%m-%d %H:%M}"
