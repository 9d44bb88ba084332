from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Comment,
    Draft,
    ExportLog,
    FindingAcknowledgement,
    Membership,
    Namnd,
    Period,
    Report,
    ReportTransition,
    Section,
    SectionTransition,
)

admin.site.site_header = "Tertial – administration"
admin.site.site_title = "Tertial"
admin.site.index_title = "Administration"


@admin.register(Namnd)
class NamndAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "kind"]
    list_filter = ["kind", "year"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "namnd", "period", "status"]
    list_filter = ["status", "period", "namnd"]
    list_select_related = ["namnd", "period"]
    search_fields = ["namnd__name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "namnd", "role"]
    list_filter = ["role", "namnd"]
    list_select_related = ["user", "namnd"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "assessment", "state", "responsible"]
    list_filter = ["kind", "state", "assessment", "report__namnd", "report__period"]
    list_select_related = ["report__namnd", "report__period", "goal", "responsible"]
    search_fields = ["goal__number", "goal__text", "analysis"]
    raw_id_fields = ["goal"]
    autocomplete_fields = ["responsible"]
    readonly_fields = ["version"]


@admin.register(SectionTransition)
class SectionTransitionAdmin(admin.ModelAdmin):
    list_display = ["section", "from_state", "to_state", "user", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "user"]
    list_filter = ["to_state"]
    raw_id_fields = ["section"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(admin.ModelAdmin):
    list_display = ["report", "from_status", "to_status", "user", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["section", "author", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "author"]
    raw_id_fields = ["section"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["section", "user", "created_at"]
    list_select_related = ["section__report__namnd", "section__report__period", "section__goal", "user"]
    raw_id_fields = ["section"]


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ["report", "format", "user", "report_status", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]
    list_filter = ["format"]


@admin.register(FindingAcknowledgement)
class FindingAcknowledgementAdmin(SimpleHistoryAdmin):
    list_display = ["report", "key", "user", "created_at"]
    list_select_related = ["report__namnd", "report__period", "user"]
