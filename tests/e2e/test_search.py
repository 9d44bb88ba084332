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


def test_a_reader_lands_on_the_indicator_analysis_found(page, report, filled, users):
    """The city's reader gets the read-only section page: the hit's link scrolls to the text found there too."""
    login(page, "stad", PASSWORD)
    page.goto(_url("report_search", filled) + "?q=Indikatorns+analys")
    page.get_by_role("status").filter(has_text="1 träff").wait_for()
    page.get_by_role("link", name=filled.title).click()
    page.wait_for_url("**#id_ind-*-analysis")
    target = page.locator(page.url[page.url.index("#") :])
    assert target.inner_text() == "Indikatorns analys skrivs ut."
    assert target.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
