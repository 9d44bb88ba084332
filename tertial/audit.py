"""What goes into the audit log (`AuditEvent`) and from where.

- Logins, failed logins and logouts: Django's auth signals (the only hook auth offers), locked-out attempts:
  django-axes' `user_locked_out`; connected in `TertialConfig.ready`. Passwords are never recorded.
- Admin changes: every ModelAdmin registered on the site gets `AuditedAdminMixin` (`TertialAdminSite.register`),
  which records each addition, change and deletion beside Django's own LogEntry; a change of a role (Membership) or
  of a user's superuser, staff or active flag, groups or permissions is recorded as a Rolländring.
- Exports: `tertial.exports.services.log_export`, which every export passes (page, command, worker).
"""

import json

from django.contrib.admin.models import LogEntry

from .security import client_ip

# A user's fields that give or take away rights: a change of them is a Rolländring.
USER_ROLE_FIELDS = {"is_superuser", "is_staff", "is_active", "groups", "user_permissions"}


def _ip(request):
    if request is None:
        return None
    return client_ip(request) or None


def record(*, kind, request=None, user=None, username: str = "", target: str = "", detail: str = ""):
    from .models import AuditEvent

    if user is not None and not user.is_authenticated:
        user = None
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip_address=_ip(request),
        target=str(target)[:300],
        detail=detail,
    )


# --- logins (signals) -----------------------------------------------------------------------------------------------


def on_login(sender, request, user, **kwargs):
    from .models import AuditEvent

    record(kind=AuditEvent.Kind.LOGIN, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    from .models import AuditEvent

    # `credentials` has the password cleansed by Django; only the name typed is kept.
    username = str(credentials.get("username", ""))
    record(kind=AuditEvent.Kind.LOGIN_FAILED, request=request, username=username)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    from .models import AuditEvent

    record(kind=AuditEvent.Kind.LOCKED_OUT, request=request, username=username or "", detail="Spärrad av axes")


def on_logout(sender, request, user, **kwargs):
    from .models import AuditEvent

    if user is not None:
        record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)


def connect_signals():
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(on_login, dispatch_uid="tertial_audit_login")
    user_login_failed.connect(on_login_failed, dispatch_uid="tertial_audit_login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="tertial_audit_logout")
    user_locked_out.connect(on_locked_out, dispatch_uid="tertial_audit_locked_out")


# --- the admin ------------------------------------------------------------------------------------------------------


def _target(obj) -> str:
    return f"{obj._meta.verbose_name}: {obj}"


def _message_text(message) -> str:
    """The admin's change message (a list or JSON) as the readable sentence LogEntry gives it."""
    entry = LogEntry(change_message=message if isinstance(message, str) else json.dumps(message))
    return entry.get_change_message()


class AuditedAdminMixin:
    """Records the admin's additions, changes and deletions in the audit log (see the module docstring)."""

    def construct_change_message(self, request, form, formsets, add=False):
        request._audit_changed_fields = set(getattr(form, "changed_data", []) or [])
        return super().construct_change_message(request, form, formsets, add)

    def _kind_for(self, request, obj, default):
        from django.contrib.auth import get_user_model

        from .models import AuditEvent, Membership

        if isinstance(obj, Membership):
            return AuditEvent.Kind.ROLE
        if isinstance(obj, get_user_model()) and getattr(request, "_audit_changed_fields", set()) & USER_ROLE_FIELDS:
            return AuditEvent.Kind.ROLE
        return default

    def log_addition(self, request, obj, message):
        from .models import AuditEvent

        kind = self._kind_for(request, obj, AuditEvent.Kind.ADMIN_ADD)
        detail = _message_text(message)
        record(kind=kind, request=request, user=request.user, target=_target(obj), detail=f"Tillagd. {detail}")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        from .models import AuditEvent

        kind = self._kind_for(request, obj, AuditEvent.Kind.ADMIN_CHANGE)
        record(kind=kind, request=request, user=request.user, target=_target(obj), detail=_message_text(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        from .models import AuditEvent, Membership

        for obj in queryset:
            kind = AuditEvent.Kind.ROLE if isinstance(obj, Membership) else AuditEvent.Kind.ADMIN_DELETE
            record(kind=kind, request=request, user=request.user, target=_target(obj), detail="Borttagen.")
        return super().log_deletions(request, queryset)
