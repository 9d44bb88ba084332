"""axe-core on every economy page of a report as its controller sees them, with the seed report's figures, texts,
budgetjusteringar and balance sheet loaded (Hässelby-Vällingby T2 2022) and Socialnämnden's facknämnd layout."""

import pytest
from django.urls import reverse

from economy.models import BudgetAdjustment
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e

PAGES = [
    "economy:overview",
    "economy:drift_edit",
    "economy:layout_edit",
    "economy:units_edit",
    "economy:investments_edit",
    "economy:turnover_edit",
    "economy:balance_edit",
    "economy:income_edit",
    "economy:adjustments",
    "economy:import",
]


@pytest.fixture
def reports(economy_reports):
    return economy_reports


def _visit(page, report, name, **kwargs):
    page.goto(reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs}))
    assert page.get_by_role("heading", level=1).is_visible(), name
    assert_no_axe_violations(page)


def test_every_economy_page_of_a_stadsdelsnamnd_has_no_axe_violations(page, reports):
    hv, _sn = reports
    login(page, "hvcontroller", PASSWORD)
    for name in PAGES:
        _visit(page, hv, name)
    adjustment = BudgetAdjustment.objects.filter(report=hv).first()
    _visit(page, hv, "economy:adjustment_edit", pk=adjustment.pk)


def test_the_facknamnd_economy_pages_have_no_axe_violations(page, reports):
    _hv, sn = reports
    login(page, "sncontroller", PASSWORD)
    for name in ["economy:overview", "economy:drift_edit", "economy:income_edit", "economy:layout_edit"]:
        _visit(page, sn, name)


def test_the_layout_page_chooses_a_preset_in_the_browser(page, reports):
    hv, _sn = reports
    login(page, "hvcontroller", PASSWORD)
    _visit(page, hv, "economy:layout_edit")
    page.get_by_label("Mall").select_option("stadsdelsnamnd_justerad")
    page.get_by_role("button", name="Använd mallen som den är").click()
    assert page.get_by_text("Justerad nettobudget").first.is_visible()
    assert_no_axe_violations(page)
