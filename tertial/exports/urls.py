from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("fil/<int:pk>/", views.file, name="file"),
    path("fil/<int:pk>/status/", views.file_status, name="file_status"),
    path("fil/<int:pk>/hamta/", views.file_download, name="file_download"),
    path("<str:fmt>/skapa/", views.start, name="start"),
    path("<str:fmt>/", views.download, name="download"),
]
