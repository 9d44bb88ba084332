"""In the browser: the controller sets the report's sista dag and a section's own on the Tidsplan page; the writer's
Mina rapporter lists the section as overdue in words; the overview shows Framsteg per ansvarig. axe-core scans the
Tidsplan page, the to-do list and the overview for WCAG 2.1 A/AA violations."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tertial.deadlines import today
from tests.conftest import PASSWORD, make_period, make_report
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_tidsplan_to_do_list_and_progress(browser, page, live_server, namnd, users):
    report = make_report(namnd, make_period((today() - timedelta(days=30)).year, "T2"))
    section = report.sections.get(goal__number="1.1.1")
    section.responsible = users["skribent"]
    section.save()
    kwargs = {"slug": namnd.slug, "period": report.period.code}

    login(page, "controller", PASSWORD)
    page.goto(reverse("report_deadlines", kwargs=kwargs))
    page.get_by_label("Rapportens sista dag").fill(f"{today() + timedelta(days=10):%Y-%m-%d}")
    page.get_by_label(f"Sista dag för {section.title}").fill(f"{today() - timedelta(days=3):%Y-%m-%d}")
    page.get_by_role("button", name="Spara tidsplanen").click()
    page.get_by_text("Tidsplanen är sparad.").wait_for()
    assert "Försenad, 3 dagar" in page.locator("table").inner_text()
    assert_no_axe_violations(page)
    page.goto(reverse("report_overview", kwargs=kwargs))
    progress = page.locator("table.progress-people")
    assert "0 av 1" in progress.locator("tr").filter(has_text="skribent").inner_text()
    assert_no_axe_violations(page)

    writer_context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    writer = writer_context.new_page()
    login(writer, "skribent", PASSWORD)
    writer.goto("/")
    row = writer.locator("table.todo-table tr").filter(has=writer.get_by_role("link", name="Nämndmål 1.1.1"))
    assert "Försenad, 3 dagar" in row.inner_text() and "Skriva" in row.inner_text()
    assert_no_axe_violations(writer)
    writer_context.close()
