"""Every page and export of the city-wide view (/stad/…) reads the same number of SQL queries at 3 and at 10
nämnder, each nämnd with a report, a KF indicator's figures (summed for the city by a weighted rule), an area's
economy, a budgetjustering with the city's ställningstagande, an omslutningsförändring and a proposed årsmål: a
query per nämnd, report, row or decision anywhere in a page, its charts or an export shows as a difference.
(tests/tertial/test_city_pages.py pins the pages' exact counts; this covers every URL, the exports included.)"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from economy.models import BudgetAdjustment
from indicators.models import Indicator
from tertial.city import services
from tertial.city.exports import EXCEL_VIEWS
from tertial.models import Membership
from tests.conftest import make_city, make_period, make_user

PERIOD = "2022-T2"

URLS = [
    ("city:index", {}, ""),
    ("city:goals", {}, ""),
    ("city:status", {}, ""),
    ("city:status", {}, "?sortera=sista-dag&fallande=1"),
    ("city:economy", {}, ""),
    ("city:indicators", {}, "?indikator=KF-1"),
    ("city:indicators", {}, "?indikator=KF-1&sortera=utfall&mal=1"),
    ("city:adjustments", {}, ""),
    ("city:adjustment_decide", {}, ""),
    ("city:proposals", {}, ""),
    ("city:export_word", {}, ""),
    *[("city:export_excel", {"view": view}, "?indikator=KF-1") for view in EXCEL_VIEWS],
]


def _add(count, period, start, writer, admin):
    reports = make_city(count, period, start=start)
    for report in reports:
        adjustment = BudgetAdjustment.objects.get(report=report)
        services.adjustment_decide(adjustment=adjustment, user=admin, decision="avstyrkt", comment="Inte nu.")
        indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
        services.proposal_create(
            report=report, user=writer, indicator=indicator, proposed_value=Decimal(5), reason="Nås redan."
        )
    return reports


def _queries(client, url):
    client.get(url)  # the first look fills the publication check's cache (Status); counted is the next
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.mark.parametrize("name, extra, query", URLS)
def test_every_city_url_reads_the_same_queries_at_3_and_10_namnder(client, superuser, name, extra, query):
    admin = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    period = make_period()
    services.city_indicator_set(user=admin, code="KF-1", method="vagt", weight_code="KF-1")
    reports = _add(3, period, 0, superuser, admin)
    client.force_login(make_user("stadslasare", role=Membership.Role.CITY))

    def url():
        kwargs = {} if name == "city:index" else {"period": PERIOD, **extra}
        if name == "city:adjustment_decide":
            kwargs["pk"] = BudgetAdjustment.objects.get(report=reports[0]).pk
        return reverse(name, kwargs=kwargs) + query

    at_3 = _queries(client, url())
    _add(7, period, 3, superuser, admin)
    at_10 = _queries(client, url())
    assert at_3 == at_10, f"{name}{query}: {at_3} frågor vid 3 nämnder, {at_10} vid 10"
