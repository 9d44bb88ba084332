"""Admin for reports and sections. Reports and sections are scoped to the controller's nämnder
(`tertial.admin_scope`); roles, periods, nämnder and the workflow records are for superusers only."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from goals.models import Goal

from .admin_scope import FrozenAdminMixin, HistoryAdmin, NamndScopedAdminMixin, is_scoped_user
from .admin_versions import SectionAdminForm, save_section_from_admin
from .deadlines import deadlines_update
from .errors import ServiceError
from .models import (
    AuditEvent,
    Comment,
    Draft,
    ExportLog,
    FindingAcknowledgement,
    Membership,
    Namnd,
    Period,
    ReminderLog,
    Report,
    ReportTransition,
    Section,
    SectionTransition,
)
from .services import report_create


def save_deadline_through_service(admin_obj, request, obj, form, report, section=None) -> None:
    """The admin saves a changed sista dag as the Tidsplan page does: through `deadlines_update` (controller,
    report not fastställd, history), after the row's other fields. A refusal is shown and the old date kept."""
    new = obj.deadline
    try:
        if section is None:
            deadlines_update(report=report, user=request.user, deadline=new)
        else:
            deadlines_update(report=report, user=request.user, section_deadlines={section.pk: new})
    except ServiceError as error:
        admin_obj.message_user(request, f"Sista dag sparades inte: {error}", level="error")


@admin.register(Namnd)
class NamndAdmin(HistoryAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Period)
class PeriodAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["code", "year", "kind"]
    list_filter = ["kind", "year"]


@admin.register(Report)
class ReportAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["__str__", "namnd", "period", "status"]
    list_filter = ["status", "period", ("namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["namnd", "period"]
    search_fields = ["namnd__name"]
    # Reports are created with their sections by the system; the status moves only through the workflow,
    # which records who, when and why.
    controller_can_add = False
    controller_readonly_fields = ["namnd", "period"]
    # The status moves only through the workflow (superusers too: Fastställd needs the publication checks);
    # carried_from is set by the roll-over (tertial.rollover), which the diff compares with.
    readonly_fields = ["status", "carried_from"]

    def get_fields(self, request, obj=None):
        # A new report is made by report_create (sections, results, economy rows): only nämnd and period are asked.
        return ["namnd", "period"] if obj is None else super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            deadline_changed = "deadline" in form.changed_data
            if deadline_changed:
                new, obj.deadline = obj.deadline, form.initial.get("deadline")
            super().save_model(request, obj, form, change)
            if deadline_changed:
                obj.deadline = new
                save_deadline_through_service(self, request, obj, form, report=obj)
            return
        try:
            created = report_create(namnd=obj.namnd, period=obj.period, user=request.user)
        except ServiceError as error:  # the form's unique check has already refused a second report
            self.message_user(request, str(error), level="error")
            return
        obj.pk, obj.status = created.pk, created.status
        obj._state.adding = False


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "namnd", "role"]
    list_filter = ["role", "namnd"]
    list_select_related = ["user", "namnd"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(Section)
class SectionAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["__str__", "kind", "assessment", "state", "responsible"]
    list_filter = ["kind", "state", "assessment", ("report__namnd", admin.RelatedOnlyFieldListFilter), "report__period"]
    list_select_related = ["report__namnd", "report__period", "goal", "responsible"]
    search_fields = ["goal__number", "goal__text", "analysis"]
    raw_id_fields = ["goal"]
    form = SectionAdminForm  # the hidden version it was opened at (tertial.admin_versions)
    # The review state moves only through the workflow, which records who, when and why (superusers too).
    readonly_fields = ["version", "carried_unchanged", "state", "return_reason"]
    # Each history row with the section's version, the number its page and Historik show (a review step or a new
    # ansvarig is a row of its own within the same version).
    history_list_display = ["version"]
    namnd_path = "report__namnd"
    # A section belongs to its report for good.
    controller_can_add = False
    controller_readonly_fields = ["report", "kind", "goal"]

    def scoped_fk_querysets(self, request, namnd_ids):
        return {
            "goal": Goal.objects.filter(Q(namnd__isnull=True) | Q(namnd_id__in=namnd_ids)),
            "responsible": get_user_model()
            .objects.filter(memberships__namnd_id__in=namnd_ids)
            .distinct()
            .order_by("username"),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "responsible" and not is_scoped_user(request.user):
            # Anyone with a role somewhere; a plain select, since controllers cannot use the user autocomplete.
            kwargs["queryset"] = get_user_model().objects.filter(memberships__isnull=False).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:  # superusers only (controller_can_add)
            return super().save_model(request, obj, form, change)
        # Through the page's service: a stale form gets the conflict page, and the version goes up, so a browser
        # editor opened before this save gets the conflict page instead of overwriting it.
        save_section_from_admin(request, obj, form)
        if "deadline" in form.changed_data:
            save_deadline_through_service(self, request, obj, form, report=obj.report, section=obj)


@admin.register(SectionTransition)
class SectionTransitionAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["section", "from_state", "to_state", "user", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "user"]
    list_filter = ["to_state"]
    raw_id_fields = ["section"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["report", "from_status", "to_status", "user", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]


@admin.register(Comment)
class CommentAdmin(HistoryAdmin):
    list_display = ["section", "author", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "author"]
    raw_id_fields = ["section"]


@admin.register(Draft)
class DraftAdmin(FrozenAdminMixin, admin.ModelAdmin):
    list_display = ["section", "user", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "user"]
    raw_id_fields = ["section"]


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ["report", "format", "user", "report_status", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]
    list_filter = ["format"]


@admin.register(FindingAcknowledgement)
class FindingAcknowledgementAdmin(HistoryAdmin):
    list_display = ["report", "key", "user", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """Which reminders went to whom: written by `send_reminders` only, read here."""

    list_display = ["section", "user", "kind", "deadline", "email", "sent_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "user"]
    list_filter = ["kind"]
    raw_id_fields = ["section"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# django-tasks-db's admin of the task queue is left out, as axes' is (AXES_ENABLE_ADMIN): an export's state and
# Swedish error are on its page, and a failed task's traceback is in the worker's log.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, for superusers only and read only: written by `tertial.audit`, never by hand."""

    list_display = ["created_at", "kind", "username", "ip_address", "target"]
    list_filter = ["kind"]
    search_fields = ["username", "target", "detail", "ip_address"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "kind", "user", "username", "ip_address", "target", "detail"]
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
