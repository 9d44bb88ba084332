from django.contrib import admin
from django.urls import include, path

from .views.home import home
from .views.report import report_new

report_patterns = [
    path("", include("tertial.report_urls")),
    path("ekonomi/", include("economy.urls")),
    path("export/", include("tertial.exports.urls")),
    path("kontroll/", include("tertial.checks.urls")),
    path("indikatorforslag/", include("tertial.city.report_urls")),
]

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("konto/", include("django.contrib.auth.urls")),
    path("rapporter/ny/", report_new, name="report_new"),
    path("mall/", include("tertial.template_urls")),
    path("rapporter/<slug:slug>/<str:period>/", include(report_patterns)),
    path("stad/", include("tertial.city.urls")),
    path("", include("goals.urls")),
]
