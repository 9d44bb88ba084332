"""The catalogues (verksamhetsområden with varav rows, investeringskategorier, kostnadsslag) per nämnd and year are
managed by controllers here, each seeing only their own nämnder (tertial.admin_scope); the report's figures are edited on the economy pages."""

from django.contrib import admin

from tertial.admin_scope import HistoryAdmin, NamndScopedAdminMixin
from tertial.admin_versions import VersionedAdminForm

from . import services
from .models import Area, BudgetAdjustment, CostType, InvestmentCategory, TableVersion


class BudgetAdjustmentAdminForm(VersionedAdminForm):
    def current_version(self) -> int:
        return services.table_version(report=self.instance.report, table=TableVersion.Table.ADJUSTMENTS)


@admin.register(Area)
class AreaAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["label", "parent", "heading", "partial_breakdown", "namnd", "year", "position"]
    list_filter = [("namnd", admin.RelatedOnlyFieldListFilter), "year"]
    list_select_related = ["namnd", "parent"]
    list_editable = ["position"]
    search_fields = ["name"]
    raw_id_fields = ["parent"]


@admin.register(InvestmentCategory)
class InvestmentCategoryAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["name", "namnd", "year", "position"]
    list_filter = [("namnd", admin.RelatedOnlyFieldListFilter), "year"]
    list_select_related = ["namnd"]
    list_editable = ["position"]


@admin.register(CostType)
class CostTypeAdmin(NamndScopedAdminMixin, HistoryAdmin):
    list_display = ["name", "kind", "namnd", "year", "position"]
    list_filter = [("namnd", admin.RelatedOnlyFieldListFilter), "year", "kind"]
    list_select_related = ["namnd"]
    list_editable = ["position"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(NamndScopedAdminMixin, HistoryAdmin):
    namnd_path = "report__namnd"
    list_display = ["__str__", "report", "kind", "status", "amount"]
    list_filter = ["kind", "status", ("report__namnd", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["report__namnd", "report__period"]
    raw_id_fields = ["report", "area", "category"]
    exclude = ["section"]  # the motivering's section is made and titled by the service
    form = BudgetAdjustmentAdminForm  # saved as the Budgetjusteringar page saves, its table's version checked

    def save_model(self, request, obj, form, change):
        services.save_adjustment(report=obj.report, adjustment=obj, version=form.cleaned_data.get("version_seen"))

    def delete_model(self, request, obj):
        services.delete_adjustment(report=obj.report, adjustment=obj)

    def delete_queryset(self, request, queryset):
        for adjustment in queryset.select_related("report__period"):
            self.delete_model(request, adjustment)
