"""Admin for goals. Controllers add and change their own nämnd's nämndmål; the shared KF goal structure
(inriktningsmål, KF:s mål) and which KF goals a nämnd reports on are read-only for them: superusers only."""

from django.contrib import admin
from django.db.models import Q

from tertial.admin_scope import HistoryAdmin, NamndScopedAdminMixin, is_scoped_user
from tertial.models import ImportLog

from .models import Goal, ReportedGoal


@admin.register(Goal)
class GoalAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["number", "text", "level", "year", "namnd"]
    list_filter = ["year", "level", ("namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["namnd"]
    search_fields = ["number", "text"]
    raw_id_fields = ["parent"]

    def scope_q(self, namnd_ids):
        # KF goals (no nämnd) are shared by all nämnder: visible, but not changeable (see has_change_permission).
        return super().scope_q(namnd_ids) | Q(namnd__isnull=True)

    def scoped_fk_querysets(self, request, namnd_ids):
        # A nämndmål hangs under a KF:s mål för verksamhetsområdet.
        return {
            "parent": Goal.objects.filter(level=Goal.Level.KF_MAL),
        }

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "level" and is_scoped_user(request.user):
            kwargs["choices"] = [(Goal.Level.NAMNDMAL.value, Goal.Level.NAMNDMAL.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(ReportedGoal)
class ReportedGoalAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["namnd", "goal"]
    list_filter = [("namnd", admin.RelatedOnlyFieldListFilter), "goal__year"]
    list_select_related = ["namnd", "goal"]
    raw_id_fields = ["goal"]
    controller_can_add = False
    controller_can_change = False


@admin.register(ImportLog)
class ImportLogAdmin(NamndScopedAdminMixin, admin.ModelAdmin):
    """Every import (trial runs included), read only: superusers see all, a controller their nämnder's."""

    list_display = [
        "created_at",
        "kind",
        "namnd",
        "year",
        "file_name",
        "user",
        "dry_run",
        "created",
        "changed",
        "removed",
    ]
    list_filter = ["kind", "dry_run", "year", ("namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["namnd", "user"]
    controller_can_add = False
    controller_can_change = False

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
