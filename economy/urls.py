from django.urls import path

from . import views

app_name = "economy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("drift/", views.drift_edit, name="drift_edit"),
    path("drift/tabell/", views.layout_edit, name="layout_edit"),
    path("resultatenheter/", views.units_edit, name="units_edit"),
    path("investeringar/", views.investments_edit, name="investments_edit"),
    path("investeringar/<int:pk>/text/", views.investment_text, name="investment_text"),
    path("omslutning/", views.turnover_edit, name="turnover_edit"),
    path("balansrakning/", views.balance_edit, name="balance_edit"),
    path("resultatrakning/", views.income_edit, name="income_edit"),
    path("budgetjusteringar/", views.adjustments, name="adjustments"),
    path("budgetjusteringar/<int:pk>/", views.adjustment_edit, name="adjustment_edit"),
    path("beslutspunkter/", views.decision_add, name="decision_add"),
    path(
        "budgetjusteringar/<int:pk>/ta-bort/", views.item_delete, {"kind": "budgetjustering"}, name="adjustment_delete"
    ),
    path("budgetjusteringar/<int:pk>/flytta/", views.item_move, {"kind": "budgetjustering"}, name="adjustment_move"),
    path("beslutspunkter/<int:pk>/ta-bort/", views.item_delete, {"kind": "beslutspunkt"}, name="decision_delete"),
    path("beslutspunkter/<int:pk>/flytta/", views.item_move, {"kind": "beslutspunkt"}, name="decision_move"),
    path("import/", views.import_view, name="import"),
    path("import/mall.xlsx", views.import_template, name="import_template"),
]
