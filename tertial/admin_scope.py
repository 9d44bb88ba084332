"""The admin as the controllers' scoped power tool.

Who gets in: superusers (everything, as Django grants it) and active staff users with a *controller*
Membership in at least one nämnd. Nobody else, whatever `is_staff` says: a skribent who was made staff by
mistake still gets the admin login page.

What a controller may do is derived from their Membership, not from Django model permissions: the role in
the nämnd is the single source of truth, so there is no group to keep in step with it. Superusers still go
through Django's own permission checks. Concretely, for a ModelAdmin that mixes in `NamndScopedAdminMixin`:

- the changelist, change page and history pages show only rows whose nämnd (reached by `namnd_path`) is one
  where the user is controller; another nämnd's object answers "does not exist" (change page) or 404 (history);
- every foreign-key choice is narrowed the same way, so a POST cannot move an object into another nämnd or
  hang it under another nämnd's goal: the form refuses the choice. By default any key to a nämnd, or to a model
  with its own `namnd` or `report`, is narrowed (`default_fk_queryset`); `scoped_fk_querysets` overrides per field;
- `controller_can_add` / `controller_can_change` / `controller_can_delete` say whether controllers may add,
  change or delete at all (a read-only admin sets `controller_can_change = False`);
- rows that a fastställd report owns or prints (`tertial.freeze`) are read-only for everybody, superusers
  included (`FrozenAdminMixin`): the report is reopened through the workflow, with a reason, not by editing here.

`economy/admin.py` uses the same mixin: set `namnd_path = "report__namnd"`.

Every other admin (nämnder, perioder, users, roles, the KF structure, the workflow records) is for superusers only:
Django's model permissions grant nothing (`tertial.auth_backends.RoleBackend`), so a group cannot open them.

History pages (`HistoryAdmin`) show earlier versions read-only: django-simple-history's revert form would save the
old row as it was, read-only fields, review state and version included, past the workflow and the version check.
A section's earlier version is restored on its Historik page (`tertial.editing.restore_version`).
"""

import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from . import freeze
from .errors import ServiceError, validation_message
from .models import Membership, Report


def controller_namnd_ids(user) -> frozenset[int]:
    """The ids of the nämnder where `user` is controller. One query, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_tertial_controller_namnds", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(user=user, role=Membership.Role.CONTROLLER).values_list("namnd_id", flat=True)
        )
        user._tertial_controller_namnds = cached
    return cached


def is_scoped_user(user) -> bool:
    """A user the admin scopes to their nämnder: a staff controller who is not a superuser."""
    return user.is_active and user.is_staff and not user.is_superuser and bool(controller_namnd_ids(user))


def _valid_id(value) -> bool:
    """An object or history id as typed in a URL: ASCII digits that fit a 64-bit key (else: 404, not 500)."""
    return bool(re.fullmatch(r"[0-9]{1,18}", str(value)))


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id widget prints the chosen object's name beside the box. Django looks it up among all rows, so a
    pk typed in (or posted back) would show another nämnd's object: this one looks only among `queryset`."""

    def __init__(self, rel, admin_site, queryset, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        if not _valid_id(value) or not self.queryset.filter(**{key: value}).exists():
            return "", ""
        return super().label_and_url_for_value(value)


def _with_freeze_check(form_class):
    """The admin's form for a model, refusing (as a form error, in Swedish) a row a fastställd report owns or
    prints: the page may have been opened before the report was fastställd."""

    class FreezeCheckedForm(form_class):
        def _post_clean(self):
            super()._post_clean()
            message = freeze.frozen_message(self.instance)
            if message:
                self.add_error(None, message)

    FreezeCheckedForm.__name__ = form_class.__name__
    return FreezeCheckedForm


class YearColumnMixin:
    """A year column (`year`, budgetår) printed as a year, 2022, never as a number with a thousands separator
    (2 022, what the admin makes of an integer field with the Swedish number format)."""

    def get_list_display(self, request):
        fields = list(super().get_list_display(request))
        return [_year_column(self.model, f) if isinstance(f, str) and _is_year(self.model, f) else f for f in fields]


def _is_year(model, name) -> bool:
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.IntegerField) and name.endswith("year")


def _year_column(model, name):
    def column(obj):
        value = getattr(obj, name)
        return "" if value is None else str(value)

    column.short_description = model._meta.get_field(name).verbose_name
    column.admin_order_field = name
    column.__name__ = name
    return column


class FrozenAdminMixin(YearColumnMixin):
    """Rows a fastställd report owns or prints (`tertial.freeze`) are shown read-only, and a save or delete of one
    is refused with the Swedish reason, for superusers too. Every admin of a frozen model has this mixin
    (`tests/tertial/test_freeze.py` checks it).

    A save or delete that goes through a service (`tertial.admin_versions`) and is refused by it gets the service's
    Swedish message, and a version conflict (`error.is_conflict`) the conflict page, 409: never a server error."""

    def frozen_message(self, obj, *, deleting=False) -> str | None:
        if obj is None or obj.pk is None:
            return None
        cache = obj.__dict__.setdefault("_tertial_frozen", {})
        if deleting not in cache:
            cache[deleting] = freeze.frozen_message(obj, deleting=deleting, changed_only=False)
        return cache[deleting]

    def has_change_permission(self, request, obj=None):
        if self.frozen_message(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.frozen_message(obj, deleting=True):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return _with_freeze_check(super().get_form(request, obj, change, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        return _with_freeze_check(super().get_changelist_form(request, **kwargs))

    def _frozen_object(self, request, object_id, *, deleting=False):
        if not _valid_id(object_id):
            raise Http404("Objektet finns inte.")
        obj = self.get_object(request, unquote(object_id))
        return obj, self.frozen_message(obj, deleting=deleting)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            obj, message = self._frozen_object(request, object_id)
            if message and request.method == "POST":
                self.message_user(request, message, messages.ERROR)
                return HttpResponseRedirect(request.path)
            if message:
                self.message_user(request, message, messages.INFO)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as error:  # raised by a service the save went through; the transaction is rolled back
            return self._refused(request, error)
        except ValidationError as error:
            return self._refused(request, ServiceError(validation_message(error)))

    def _refused(self, request, error):
        """A save a service refused: a conflict gets its page (409) with what was typed, anything else its message."""
        if getattr(error, "is_conflict", False):
            context = {
                **self.admin_site.each_context(request),
                "title": "Ändringen sparades inte",
                "message": str(error),
                "typed": getattr(request, "_tertial_typed", []),
                "reload_url": request.path,
                "opts": self.model._meta,
            }
            return TemplateResponse(request, "admin/tertial_conflict.html", context, status=409)
        self.message_user(request, f"Ändringen sparades inte: {error}", messages.ERROR)
        return HttpResponseRedirect(request.path)

    def delete_view(self, request, object_id, extra_context=None):
        obj, message = self._frozen_object(request, object_id, deleting=True)
        if message:
            self.message_user(request, message, messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceError as error:
            return self._refused(request, error)
        except ValidationError as error:
            return self._refused(request, ServiceError(validation_message(error)))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            freeze.check(obj, deleting=True)  # delete_selected has already refused these (no delete permission)
        super().delete_queryset(request, queryset)


class _ChangeHelper(HistoricalRecordContextHelper):
    """The history list's changes, with an empty reference (no ansvarig) shown as "Ingen": simple-history shows
    a foreign key that was None as a deleted object, "Borttagen: användare (pk=None)"."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            return "Ingen"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(FrozenAdminMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose earlier versions are shown, never saved back (see the module docstring)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return _ChangeHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    def history_view(self, request, object_id, extra_context=None):
        if not _valid_id(object_id):
            raise Http404("Objektet finns inte.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (_valid_id(object_id) and _valid_id(version_id)):
            raise Http404("Versionen finns inte.")
        if request.method != "GET":
            raise PermissionDenied(
                "Tidigare versioner visas här men återställs inte. Ett avsnitts tidigare version återställs på "
                "avsnittets Historik-sida; ändra annars raden och spara den."
            )
        return super().history_form_view(request, object_id, version_id, extra_context)


class TertialAdminSite(admin.AdminSite):
    site_header = "Tertial – administration"
    site_title = "Tertial"
    index_title = "Administration"

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and (user.is_superuser or bool(controller_namnd_ids(user)))

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin of the site records its changes in the audit log (`tertial.audit.AuditedAdminMixin`)."""
        from .audit import AuditedAdminMixin

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(
                admin_class.__name__, (AuditedAdminMixin, admin_class), {"__module__": admin_class.__module__}
            )
        return super().register(model_or_iterable, admin_class, **options)


def _follow(obj, path: str):
    """`obj.report.namnd_id` for path `report__namnd`: the related object's id, without loading the last hop."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id")


class NamndScopedAdminMixin(FrozenAdminMixin):
    """Mix in before `admin.ModelAdmin` / `SimpleHistoryAdmin`. See the module docstring."""

    namnd_path = "namnd"  # lookup from the model to its nämnd
    controller_can_add = True
    controller_can_change = True
    controller_can_delete = False
    controller_readonly_fields = ()  # fields only superusers may change (e.g. workflow state)

    # --- which rows a controller sees -------------------------------------------------------------------
    def scope_q(self, namnd_ids) -> Q:
        """The rows visible to a controller of `namnd_ids`. Override to add shared rows (e.g. KF goals)."""
        return Q(**{f"{self.namnd_path}__in": namnd_ids})

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_scoped_user(request.user):
            qs = qs.filter(self.scope_q(controller_namnd_ids(request.user)))
        return qs

    def _owns(self, request, obj) -> bool:
        return _follow(obj, self.namnd_path) in controller_namnd_ids(request.user)

    def _locked(self, obj) -> bool:
        return bool(self.frozen_message(obj))

    # --- permissions --------------------------------------------------------------------------------------
    def has_module_permission(self, request):
        return is_scoped_user(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        if not is_scoped_user(request.user):
            return super().has_view_permission(request, obj)
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        if not is_scoped_user(request.user):
            return super().has_change_permission(request, obj)
        if not self.controller_can_change:
            return False
        return obj is None or (self._owns(request, obj) and not self._locked(obj))

    def has_add_permission(self, request, *args):
        if not is_scoped_user(request.user):
            return super().has_add_permission(request, *args)
        return self.controller_can_add

    def has_delete_permission(self, request, obj=None):
        if not is_scoped_user(request.user):
            return super().has_delete_permission(request, obj)
        return self.controller_can_delete and (
            obj is None or (self._owns(request, obj) and not self.frozen_message(obj, deleting=True))
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_scoped_user(request.user):
            fields += [f for f in self.controller_readonly_fields if f not in fields]
        return fields

    # --- foreign-key choices ------------------------------------------------------------------------------
    def scoped_fk_querysets(self, request, namnd_ids) -> dict:
        """{field name: queryset} of the allowed choices for a controller, for keys the default rule below
        does not fit (e.g. a goal, which may also be a shared KF goal)."""
        return {}

    @staticmethod
    def default_fk_queryset(related_model, namnd_ids):
        """The default rule: a key to a nämnd, or to anything with a `namnd` or `report` of its own, offers only
        the controller's nämnder' rows. None for other keys (users, periods): left as they are."""
        from .models import Namnd

        fields = {f.name for f in related_model._meta.get_fields()}
        if related_model is Namnd:
            return Namnd.objects.filter(pk__in=namnd_ids)
        if related_model is Report:  # its __str__ reads the period and the nämnd
            return Report.objects.filter(namnd_id__in=namnd_ids).select_related("namnd", "period")
        if "namnd" in fields:
            return related_model._default_manager.filter(namnd_id__in=namnd_ids)
        if "report" in fields:
            return related_model._default_manager.filter(report__namnd_id__in=namnd_ids)
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if is_scoped_user(request.user):
            namnd_ids = controller_namnd_ids(request.user)
            queryset = self.scoped_fk_querysets(request, namnd_ids).get(db_field.name)
            if queryset is None:
                queryset = self.default_fk_queryset(db_field.related_model, namnd_ids)
            if queryset is not None:
                kwargs["queryset"] = queryset
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, ForeignKeyRawIdWidget) and is_scoped_user(request.user):
            field.widget = ScopedRawIdWidget(
                db_field.remote_field, self.admin_site, field.queryset, using=kwargs.get("using")
            )
        if field is not None and is_scoped_user(request.user) and db_field.name == self.namnd_path.split("__")[0]:
            # Without this, a controller could leave the nämnd empty and create a shared (city-wide) row.
            field.required = True
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Controllers type and paste figures the Swedish way here too (`2 091,5`, `−3,5`), as on the report pages.
        if isinstance(db_field, models.DecimalField) and db_field.editable and not db_field.choices:
            from .forms import SwedishDecimalField

            return SwedishDecimalField(
                required=not db_field.blank,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # --- history pages ------------------------------------------------------------------------------------
    def _check_in_scope(self, request, object_id):
        # simple_history falls back to the historical record when the object is not in get_queryset():
        # answer 404 instead, so another nämnd's object does not reveal that it exists.
        if not _valid_id(object_id):
            raise Http404("Objektet finns inte.")
        if is_scoped_user(request.user) and not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404("Objektet finns inte.")

    def history_view(self, request, object_id, extra_context=None):
        self._check_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not _valid_id(version_id):
            raise Http404("Versionen finns inte.")
        self._check_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
