from django.urls import path

from tertial.views.placeholder import placeholder

app_name = "exports"
urlpatterns = [
    path("", placeholder, {"title": "Exportera"}, name="index"),
    path("<str:fmt>/", placeholder, {"title": "Exportera"}, name="download"),
]
