from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("stadens-ar/", views.city_years, name="city_years"),
    path("stadens-ar/kopiera/", views.city_copy, name="city_copy"),
    path("stadens-ar/import/<int:pk>/", views.city_confirm, name="city_confirm"),
    path("stadens-ar/<int:year>/kf-struktur.xlsx", views.city_template, name="city_template"),
    path("namnder/<slug:slug>/plan/", views.plan_current, name="plan_current"),
    path("namnder/<slug:slug>/plan/<int:year>/", views.plan, name="plan"),
    path("namnder/<slug:slug>/plan/<int:year>/kopiera/", views.plan_copy, name="plan_copy"),
    path("namnder/<slug:slug>/plan/<int:year>/import/<int:pk>/", views.plan_confirm, name="plan_confirm"),
    path("namnder/<slug:slug>/plan/<int:year>/plan.xlsx", views.plan_template, name="plan_template"),
]
