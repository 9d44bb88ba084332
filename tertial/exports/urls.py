from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:fmt>/", views.download, name="download"),
]
