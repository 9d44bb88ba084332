"""URLs under /mall/: the city's report template per budget year."""

from django.urls import path

from .views import template

app_name = "template"

urlpatterns = [
    path("", template.template_list, name="list"),
    path("<int:year>/", template.template_edit, name="edit"),
    path("skapa/", template.template_create, name="create"),
    path("<int:year>/anvisningar-for-mal/", template.goal_instructions, name="goal_instructions"),
    path("<int:year>/avsnitt/nytt/", template.entry_edit, name="entry_new"),
    path("<int:year>/avsnitt/<int:pk>/", template.entry_edit, name="entry_edit"),
    path("<int:year>/avsnitt/<int:pk>/flytta/", template.entry_move, name="entry_move"),
    path("<int:year>/avsnitt/<int:pk>/ta-bort/", template.entry_delete, name="entry_delete"),
]
