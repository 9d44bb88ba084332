"""The nämnd's page for proposed årsmål changes, under /rapporter/<nämnd>/<period>/indikatorforslag/."""

from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.report_proposals, name="list"),
    path("<int:pk>/ta-bort/", views.report_proposal_delete, name="delete"),
]
