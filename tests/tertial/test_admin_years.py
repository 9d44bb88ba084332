"""Years in the admin's lists print as years (2022), never as numbers with the Swedish thousands separator (2 022):
every admin's year column, Perioder and the import log included."""

import re

from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from tertial.models import ImportLog
from tests.conftest import make_period


def test_no_admin_lists_a_year_field_as_a_number(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.get_list_display(request):
            if not isinstance(name, str):
                continue
            try:
                field = model._meta.get_field(name)
            except Exception:
                continue
            assert not (isinstance(field, models.IntegerField) and name.endswith("year")), (model, name)


def test_perioder_and_the_import_log_print_the_year_as_a_year(client, superuser):
    make_period(2022, "T2")
    ImportLog.objects.create(kind=ImportLog.Kind.ECONOMY, year=2024, file_name="ekonomi.xlsx", changed=3)
    client.force_login(superuser)
    for url, year in (("/admin/tertial/period/", "2022"), ("/admin/tertial/importlog/", "2024")):
        page = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        assert year in page and not re.search(r"\b2[\u00a0\u202f ]0\d\d\b", page), url


def test_the_city_says_which_year_has_no_kf_goals_as_a_year(client, db):
    from django.urls import reverse

    from tertial.models import Membership
    from tests.conftest import make_user

    make_period(2022, "T2")
    client.force_login(make_user("stadslasare", role=Membership.Role.CITY))
    page = client.get(reverse("city:goals", kwargs={"period": "2022-T2"})).content.decode()
    assert "Det finns inga KF-mål för 2022." in page
