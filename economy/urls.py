from django.urls import path

from tertial.views.placeholder import placeholder

app_name = "economy"
urlpatterns = [
    path("", placeholder, {"title": "Uppföljning av ekonomi"}, name="overview"),
]
