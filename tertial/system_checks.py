"""Django system checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.database, deploy=True)
def sqlite_is_for_demonstration(app_configs, **kwargs):
    if settings.USING_SQLITE:
        return [
            Warning(
                "Databasen är SQLite, som bara är till för demonstration på en dator.",
                hint="Sätt DATABASE_URL till en PostgreSQL-databas (se README, Drift).",
                id="tertial.W001",
            )
        ]
    return []
