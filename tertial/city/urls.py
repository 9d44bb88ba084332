from django.urls import path

from . import views

app_name = "city"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:period>/", views.goals, name="goals"),
    path("<str:period>/status/", views.status, name="status"),
    path("<str:period>/ekonomi/", views.economy, name="economy"),
    path("<str:period>/indikatorer/", views.indicators, name="indicators"),
    path("<str:period>/indikatorer/berakning/", views.indicator_rule, name="indicator_rule"),
    path("<str:period>/budgetjusteringar/", views.adjustments, name="adjustments"),
    path("<str:period>/budgetjusteringar/<int:pk>/", views.adjustment_decide, name="adjustment_decide"),
    path("<str:period>/indikatorforslag/", views.proposals, name="proposals"),
    path("<str:period>/sammanfattning.docx", views.export_word, name="export_word"),
    path("<str:period>/<str:view>.xlsx", views.export_excel, name="export_excel"),
]
