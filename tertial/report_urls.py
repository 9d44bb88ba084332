"""URLs under /rapporter/<nämnd>/<period>/ for the report's own pages."""

from django.urls import path

from tertial.views.placeholder import placeholder

urlpatterns = [
    path("", placeholder, {"title": "Rapport"}, name="report_overview"),
    path("avsnitt/<int:pk>/", placeholder, {"title": "Avsnitt"}, name="section_edit"),
    path("avsnitt/<int:pk>/historik/", placeholder, {"title": "Historik"}, name="section_history"),
]
