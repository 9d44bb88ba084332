from django.urls import path

from tertial.views.placeholder import placeholder

app_name = "checks"
urlpatterns = [
    path("", placeholder, {"title": "Kontroll"}, name="report"),
]
