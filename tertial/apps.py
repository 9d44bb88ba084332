from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TertialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tertial"
    verbose_name = "Rapporter"

    def ready(self):
        from . import audit, middleware, system_checks  # noqa: F401  (the idle timeout's login stamp; deploy checks)

        audit.connect_signals()  # logins, failed and locked logins, logouts into the audit log
        from .checks import background

        background.connect_signals()  # a saved report's publication check made by the worker


class TertialAdminConfig(admin_apps.AdminConfig):
    """Installed instead of `django.contrib.admin`: `admin.site` becomes the controller-scoped site
    (see `tertial.admin_scope`). Lives here because the models may not be imported while apps load."""

    default = False  # `tertial` itself stays TertialConfig
    default_site = "tertial.admin_scope.TertialAdminSite"
