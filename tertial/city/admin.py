"""The city-wide view's records in the admin: how a KF indicator adds up for the whole city (set by superusers here,
by city administrators on the KF-indikatorer page, through the same service); the decisions and proposals are
read-only here, written only on their pages through `tertial.city.services`."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import AdjustmentDecision, CityIndicator, IndicatorProposal


@admin.register(CityIndicator)
class CityIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "method", "weight_code"]
    search_fields = ["code"]

    def save_model(self, request, obj, form, change):
        services.city_indicator_set(
            user=request.user, code=obj.code, method=obj.method, weight_code=obj.weight_code, instance=obj
        )


class _ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdjustmentDecision)
class AdjustmentDecisionAdmin(_ReadOnly):
    list_display = ["adjustment", "decision", "user", "updated_at"]
    list_select_related = ["adjustment__report__namnd", "adjustment__report__period", "user"]
    list_filter = ["decision"]


@admin.register(IndicatorProposal)
class IndicatorProposalAdmin(_ReadOnly):
    list_display = ["report", "indicator", "proposed_value", "proposed_text", "user"]
    list_select_related = ["report__namnd", "report__period", "indicator", "user"]
