from django.apps import AppConfig


class TertialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tertial"
    verbose_name = "Rapporter"
