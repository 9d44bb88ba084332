"""Admin for indicators, activities and their follow-up, scoped to the controller's nämnder
(`tertial.admin_scope`): every list, page and foreign-key choice shows only their own nämnd's rows."""

from django.contrib import admin
from django.db.models import Q

from goals.models import Goal
from tertial.admin_scope import HistoryAdmin, NamndScopedAdminMixin
from tertial.admin_versions import ActivityResultAdminForm, IndicatorResultAdminForm, save_result_from_admin

from .models import Activity, ActivityResult, Indicator, IndicatorResult, KfActivity, KfIndicator


class _GoalScopedAdmin(NamndScopedAdminMixin, HistoryAdmin):
    def scoped_fk_querysets(self, request, namnd_ids):
        # Under a shared KF:s mål för verksamhetsområdet or one of the nämnd's own nämndmål, never another's.
        return {
            "goal": Goal.objects.filter(Q(level=Goal.Level.KF_MAL) | Q(namnd_id__in=namnd_ids)),
        }


@admin.register(Indicator)
class IndicatorAdmin(_GoalScopedAdmin):
    list_display = ["name", "goal", "kind", "unit", "year", "namnd", "period_kind"]
    list_filter = ["year", "kind", ("namnd", admin.RelatedOnlyFieldListFilter), "period_kind", "gender_split"]
    list_select_related = ["goal", "namnd"]
    search_fields = ["name", "code"]
    raw_id_fields = ["goal"]


@admin.register(Activity)
class ActivityAdmin(_GoalScopedAdmin):
    list_display = ["__str__", "goal", "kind", "start_date", "end_date", "namnd"]
    list_filter = ["year", "kind", ("namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["goal", "namnd"]
    search_fields = ["text"]
    raw_id_fields = ["goal"]


class _ResultAdmin(NamndScopedAdminMixin, HistoryAdmin):
    """Figures saved through their section, as the page saves them (`tertial.admin_versions`)."""

    namnd_path = "report__namnd"
    result_kind = ""  # "indicators" or "activities": the key of save_section's changes
    target = ""  # the catalogue row the result follows up

    def get_readonly_fields(self, request, obj=None):
        # A result stays with its report and its indicator or activity; the figures are what is edited.
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["report", self.target] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        save_result_from_admin(request, obj, form, change, kind=self.result_kind)


@admin.register(IndicatorResult)
class IndicatorResultAdmin(_ResultAdmin):
    form = IndicatorResultAdminForm
    result_kind, target = "indicators", "indicator"
    list_display = ["indicator", "report", "outcome", "outcome_men", "outcome_women", "forecast"]
    list_filter = ["report__period", ("report__namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["indicator", "report__namnd", "report__period"]
    search_fields = ["indicator__name"]
    raw_id_fields = ["indicator", "report"]


@admin.register(ActivityResult)
class ActivityResultAdmin(_ResultAdmin):
    form = ActivityResultAdminForm
    result_kind, target = "activities", "activity"
    list_display = ["activity", "report", "deviation"]
    list_filter = ["report__period", ("report__namnd", admin.RelatedOnlyFieldListFilter), "deviation"]
    list_select_related = ["activity", "report__namnd", "report__period"]
    search_fields = ["activity__text"]
    raw_id_fields = ["activity", "report"]


class _CityStructureAdmin(HistoryAdmin):
    """The city's KF structure: changed by superusers (or through the KF-structure import on Stadens år), only
    read by controllers, whatever model permissions their group has."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(KfIndicator)
class KfIndicatorAdmin(_CityStructureAdmin):
    list_display = ["code", "name", "goal", "unit", "year"]
    list_filter = ["year"]
    list_select_related = ["goal"]
    search_fields = ["name", "code"]
    raw_id_fields = ["goal"]


@admin.register(KfActivity)
class KfActivityAdmin(_CityStructureAdmin):
    list_display = ["text", "goal", "start_date", "end_date", "year"]
    list_filter = ["year"]
    list_select_related = ["goal"]
    raw_id_fields = ["goal"]
