"""How a KF indicator adds up for the whole city, in the admin (superusers; city administrators set it on the
KF-indikatorer page, through the same service). The city's decisions and the nämnder's proposals are not in the
admin: they are written and read on their own pages, through `tertial.city.services`."""

from django.contrib import admin

from tertial.admin_scope import HistoryAdmin

from . import services
from .models import CityIndicator


@admin.register(CityIndicator)
class CityIndicatorAdmin(HistoryAdmin):
    list_display = ["code", "method", "weight_code"]
    search_fields = ["code"]

    def save_model(self, request, obj, form, change):
        services.city_indicator_set(
            user=request.user, code=obj.code, method=obj.method, weight_code=obj.weight_code, instance=obj
        )
