"""Setting up a year in a real browser: the city admin imports the KF structure, the controller imports the plan
(upload, preview, confirm), and the set-up pages and previews have no WCAG 2.1 A/AA violations (axe-core)."""

import pytest

from goals.models import Goal
from indicators.models import Indicator
from tertial.models import Membership
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.goals.plan_files import indicator, plan_bytes
from tests.goals.test_kf_import import kf_bytes

pytestmark = pytest.mark.e2e


def test_kf_structure_then_plan_through_the_pages(page, users, namnd, tmp_path):
    make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    kf_file, plan_file = tmp_path / "kf.xlsx", tmp_path / "plan.xlsx"
    kf_file.write_bytes(kf_bytes())
    plan_file.write_bytes(
        plan_bytes(followed=["1.1"], goals=[("1.1.1", "Eget mål")], indicators=[indicator("N-1", "Besök", "1.1.1")])
    )

    login(page, "stadsadmin", PASSWORD)
    page.get_by_role("link", name="Stadens år").click()
    assert_no_axe_violations(page)
    page.get_by_label("Budgetår").fill("2025")
    page.get_by_label("Excelfil (.xlsx) enligt mallen").set_input_files(str(kf_file))
    page.get_by_role("button", name="Förhandsgranska importen").click()
    page.get_by_text("Inget är sparat ännu").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bekräfta och spara").click()
    page.get_by_text("Importen är klar").wait_for()
    assert Goal.objects.filter(year=2025, namnd=None).count() == 4

    page.context.clear_cookies()
    login(page, "controller", PASSWORD)
    page.get_by_role("link", name="Nämndens plan").click()
    assert "Nämndens plan 2025" in page.content()
    assert_no_axe_violations(page)
    page.get_by_label("Excelfil (.xlsx) enligt mallen").set_input_files(str(plan_file))
    page.get_by_role("button", name="Förhandsgranska importen").click()
    page.get_by_text("Nytt nämndmål: 1.1.1 Eget mål").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bekräfta och spara").click()
    page.get_by_text("Importen är klar").wait_for()
    assert set(Indicator.objects.filter(namnd=namnd).values_list("code", flat=True)) == {"N-1", "KF-1", "KF-2"}
