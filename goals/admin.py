from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Goal, ReportedGoal


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["number", "text", "level", "year", "namnd"]
    list_filter = ["year", "level", "namnd"]
    list_select_related = ["namnd"]
    search_fields = ["number", "text"]
    raw_id_fields = ["parent"]


@admin.register(ReportedGoal)
class ReportedGoalAdmin(SimpleHistoryAdmin):
    list_display = ["namnd", "goal"]
    list_filter = ["namnd", "goal__year"]
    list_select_related = ["namnd", "goal"]
    raw_id_fields = ["goal"]
