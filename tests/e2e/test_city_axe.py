"""axe-core on every page of the city-wide view (/stad/<period>/), with several nämnder, a decision and a
proposal on them, as the stadsledningskontoret's reader sees them; and the ställningstagande form."""

from decimal import Decimal

import pytest
from django.urls import reverse

from economy.models import BudgetAdjustment
from indicators.models import Indicator
from tertial.city import services
from tertial.models import Membership
from tests.conftest import PASSWORD, make_city, make_user
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

PAGES = ["city:goals", "city:status", "city:economy", "city:indicators", "city:adjustments", "city:proposals"]


@pytest.fixture
def city(db):
    reports = make_city(4)
    reader = make_user("stadslasare", role=Membership.Role.CITY)
    adjustment = BudgetAdjustment.objects.filter(report=reports[0]).get()
    services.adjustment_decide(adjustment=adjustment, user=reader, decision="avstyrkt", comment="Ryms inom ram.")
    writer = make_user("skrivare", namnd=reports[1].namnd, role=Membership.Role.SKRIBENT)
    services.proposal_create(
        report=reports[1],
        user=writer,
        indicator=Indicator.objects.get(namnd=reports[1].namnd, code="KF-1"),
        proposed_value=Decimal(3),
        reason="Nivån nås redan.",
    )
    return reports, adjustment


def test_city_pages_have_no_axe_violations(page, city):
    login(page, "stadslasare", PASSWORD)
    page.goto(reverse("city:index"))
    assert_no_axe_violations(page)
    for name in PAGES:
        page.goto(reverse(name, args=["2022-T2"]))
        assert page.get_by_role("heading", level=1).is_visible(), name
        assert_no_axe_violations(page)


def test_decision_form_has_no_axe_violations_and_saves(page, city):
    _reports, adjustment = city
    login(page, "stadslasare", PASSWORD)
    page.goto(reverse("city:adjustment_decide", args=["2022-T2", adjustment.pk]))
    assert_no_axe_violations(page)
    page.get_by_label("Tillstyrkt").check()
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Ställningstagandet är sparat.").is_visible()
    assert_no_axe_violations(page)


def test_namnd_proposals_page_has_no_axe_violations(page, city):
    reports, _adjustment = city
    login(page, "skrivare", PASSWORD)
    page.goto(reverse("proposals:list", args=[reports[1].namnd.slug, "2022-T2"]))
    assert page.get_by_text("föreslås höjas från 2 % till 3 %").is_visible()
    assert_no_axe_violations(page)


def test_indicator_page_for_a_city_admin_has_no_axe_violations(page, city):
    make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    login(page, "stadsadmin", PASSWORD)
    page.goto(reverse("city:indicators", args=["2022-T2"]) + "?indikator=KF-1")
    page.get_by_label("Beräkning för hela staden").select_option("summa")
    page.get_by_role("button", name="Spara beräkningen").click()
    assert page.get_by_text("Beräkningen för hela staden är sparad.").is_visible()
    assert_no_axe_violations(page)
