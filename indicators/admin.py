from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, ActivityResult, Indicator, IndicatorResult


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "goal", "kind", "unit", "year", "namnd", "period_kind"]
    list_filter = ["year", "kind", "namnd", "period_kind", "gender_split"]
    list_select_related = ["goal", "namnd"]
    search_fields = ["name", "code"]
    raw_id_fields = ["goal"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "goal", "kind", "start_date", "end_date", "namnd"]
    list_filter = ["year", "kind", "namnd"]
    list_select_related = ["goal", "namnd"]
    search_fields = ["text"]
    raw_id_fields = ["goal"]


@admin.register(IndicatorResult)
class IndicatorResultAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "report", "outcome", "outcome_men", "outcome_women", "forecast"]
    list_filter = ["report__period", "report__namnd"]
    list_select_related = ["indicator", "report__namnd", "report__period"]
    search_fields = ["indicator__name"]
    raw_id_fields = ["indicator", "report"]


@admin.register(ActivityResult)
class ActivityResultAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "report", "deviation"]
    list_filter = ["report__period", "report__namnd", "deviation"]
    list_select_related = ["activity", "report__namnd", "report__period"]
    search_fields = ["activity__text"]
    raw_id_fields = ["activity", "report"]
