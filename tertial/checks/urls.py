from django.urls import path

from . import views

app_name = "checks"
urlpatterns = [
    path("", views.report_checks, name="report"),
    path("kvittera/", views.acknowledge, name="acknowledge"),
]
