"""Reflow (WCAG 2.1, 1.4.10) at a phone's width: the pages do not scroll sideways as a whole; a wide data table
scrolls inside its own box (reachable by keyboard), and the menu's name and Logga ut stay on screen."""

import pytest
from django.urls import reverse

from tertial.models import Membership
from tests.conftest import PASSWORD, make_city, make_user
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e
WIDTH = 400

REPORT_PAGES = [
    "report_overview",
    "report_deadlines",
    "report_print",
    "exports:index",
    "front_matter",
    "checks:report",
    "economy:overview",
]
CITY_PAGES = ["city:goals", "city:status", "city:economy", "city:indicators", "city:adjustments", "city:proposals"]


def _assert_reflows(page, urls):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    wide = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")  # the editors are built
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[url] = width
        logout = page.get_by_role("button", name="Logga ut").bounding_box()
        assert logout["x"] + logout["width"] <= WIDTH, url
        assert_no_axe_violations(page)
    assert not wide, f"sidan är bredare än {WIDTH} px: {wide}"


def test_the_report_pages_reflow_at_a_phone_width(page, report, filled):
    login(page, "controller", PASSWORD)
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    urls = [reverse("home")] + [reverse(name, kwargs=kwargs) for name in REPORT_PAGES]
    urls.append(reverse("section_edit", kwargs={**kwargs, "pk": filled.pk}))
    _assert_reflows(page, urls)


def test_the_read_only_section_and_the_city_pages_reflow(page, db):
    reports = make_city(2)
    make_user("stadslasare", role=Membership.Role.CITY, first_name="Stina", last_name="Stadsläsarsson")
    section = reports[0].sections.filter(goal__isnull=False).exclude(goal__parent=None).first()
    login(page, "stadslasare", PASSWORD)
    report_kwargs = {"slug": reports[0].namnd.slug, "period": reports[0].period.code}
    urls = [reverse("home"), reverse("section_edit", kwargs={**report_kwargs, "pk": section.pk})]
    _assert_reflows(page, urls + [reverse(name, args=[reports[0].period.code]) for name in CITY_PAGES])
