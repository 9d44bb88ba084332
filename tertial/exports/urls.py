from django.urls import path

from . import slide_template_views, views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("presentationsmall/", slide_template_views.slide_template, name="slide_template"),
    path("presentationsmall/ta-bort/", slide_template_views.slide_template_delete, name="slide_template_delete"),
    path("fil/<int:pk>/", views.file, name="file"),
    path("fil/<int:pk>/status/", views.file_status, name="file_status"),
    path("fil/<int:pk>/hamta/", views.file_download, name="file_download"),
    path("<str:fmt>/skapa/", views.start, name="start"),
    path("<str:fmt>/", views.download, name="download"),
]
