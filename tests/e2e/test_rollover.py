"""The issue's end-to-end test: a controller creates Tertial 2 from Tertial 1 on the overview; a skribent sees the
carried-over text marked, edits it, and "Ändrat sedan Tertial 1" shows the change. axe-core scans the overview, the
section and the comparison for WCAG 2.1 A/AA violations."""

import pytest
from django.urls import reverse

from tertial.models import Report
from tests.conftest import PASSWORD, make_period, make_report
from tests.e2e.conftest import assert_no_axe_violations, login, text_editor

pytestmark = pytest.mark.e2e

TEXT = "Vi erbjöd 300 ungdomar feriejobb i sommar."


def overview_url(report):
    return reverse("report_overview", kwargs={"slug": report.namnd.slug, "period": report.period.code})


@pytest.fixture
def t1(namnd, users):
    report = make_report(namnd, make_period(2022, "T1"))
    goal = report.sections.get(goal__number="1.1.1")
    goal.assessment, goal.analysis, goal.responsible = "delvis", TEXT, users["skribent"]
    goal.save()
    return report


def test_tertial_2_from_tertial_1_marked_edited_and_compared(browser, page, live_server, t1, users):
    login(page, "controller", PASSWORD)
    page.goto(overview_url(t1))
    page.get_by_role("button", name="Skapa Tertial 2 från Tertial 1").click()
    page.get_by_text("Rapporten är skapad från").wait_for()
    t2 = Report.objects.get(period__kind="T2")
    assert page.url.endswith(overview_url(t2))
    assert_no_axe_violations(page)

    writer_context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    writer = writer_context.new_page()
    login(writer, "skribent", PASSWORD)
    writer.goto(overview_url(t2))
    row = writer.locator("tr").filter(has=writer.get_by_role("link", name="Nämndmål 1.1.1", exact=True))
    assert "Från Tertial 1 – ej uppdaterad" in row.inner_text()
    row.get_by_role("link", name="Nämndmål 1.1.1", exact=True).click()
    writer.locator("#carried-mark").wait_for()
    assert "Från Tertial 1 – ej uppdaterad" in writer.locator("#carried-mark").inner_text()
    assert_no_axe_violations(writer)
    analysis = text_editor(writer, "Analys")
    assert analysis.inner_text().strip() == TEXT
    analysis.fill(TEXT.replace("300", "450"))
    writer.get_by_role("button", name="Spara", exact=True).click()
    writer.get_by_text("Sparat (version 2).").wait_for()
    assert writer.locator("#carried-mark").count() == 0

    writer.get_by_role("link", name="Ändrat sedan Tertial 1").click()
    writer.get_by_role("heading", level=1, name="Ändrat sedan Tertial 1: Nämndmål: 1.1.1 Nämndmål").wait_for()
    assert writer.locator("del").first.inner_text().strip() == "300"
    assert writer.locator("ins").first.inner_text().strip() == "450"
    assert_no_axe_violations(writer)
    writer.get_by_role("link", name="Hela rapporten").click()
    writer.locator("#changes-summary").wait_for()
    assert writer.locator("ins").first.inner_text().strip() == "450"
    assert_no_axe_violations(writer)
    writer_context.close()
