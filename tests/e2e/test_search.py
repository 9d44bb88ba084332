"""Sök i rapporten in a real browser: from the overview's search box to the hit, no axe violation, onto the place
in the section."""

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.e2e.test_print import _url

pytestmark = pytest.mark.e2e


def test_the_search_page_has_no_axe_violations_and_lands_on_the_section(page, report, filled):
    login(page, "skribent", PASSWORD)
    page.goto(_url("report_overview", filled))
    page.get_by_label("Sök i rapporten (mål, texter, indikatorer och aktiviteter)").fill("skrivs ut i sin helhet")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="1 träff").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=filled.title).click()
    page.wait_for_url(f"**{_url('section_edit', filled, pk=filled.pk)}#id_s-analysis")
