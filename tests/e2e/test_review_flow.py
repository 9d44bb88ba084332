"""The issue's end-to-end test in a real browser: a skribent writes a goal's Analys with a subheading and a bullet
list, enters an outcome with a decimal comma and marks the section ready; the controller returns it with a
reason; the skribent sees the reason on the section and on Mina rapporter. And an axe-core scan of the report
overview and the goal page finds no WCAG 2.1 A/AA violations."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import IndicatorResult
from tertial.models import Section
from tertial.services import ensure_report_sections
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login, text_editor

pytestmark = pytest.mark.e2e

REASON = "Utfallet för indikatorn saknar analys av skillnaden mellan kvinnor och män."


@pytest.fixture
def goal_section(report):
    """The section of KF-mål 1.1 in the conftest report (an indicator KF-1 in %, an activity), with its results."""
    ensure_report_sections(report=report)
    return report.sections.select_related("goal").get(goal__number="1.1")


def section_url(section):
    report = section.report
    return reverse("section_edit", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": section.pk})


def overview_url(report):
    return reverse("report_overview", kwargs={"slug": report.namnd.slug, "period": report.period.code})


def test_write_mark_ready_return_and_see_the_reason(browser, page, live_server, report, users, goal_section):
    # The skribent finds the goal from Mina rapporter through the overview.
    login(page, "skribent", PASSWORD)
    page.get_by_role("link", name=report.title).click()
    page.get_by_role("link", name="KF:s mål för verksamhetsområdet 1.1", exact=True).click()
    page.wait_for_url(f"**{section_url(goal_section)}")

    # The Analys: a subheading and a bullet list made with the toolbar, a paragraph typed in between.
    analysis = text_editor(page, "Analys")
    toolbar = page.get_by_role("toolbar", name="Formatering: Analys", exact=True)
    analysis.click()
    analysis.press_sequentially("Arbetsmarknaden")
    toolbar.get_by_role("button", name="Rubrik", exact=True).click()
    analysis.press("End")
    analysis.press_sequentially("\nFler har fått arbete under perioden.\nFeriejobb till unga")
    toolbar.get_by_role("button", name="Punktlista", exact=True).click()
    analysis.press("End")
    analysis.press_sequentially("\nStöd till vuxna")  # Enter in a list: the next item
    # What you see is what is stored: the heading and the list are in the editor itself.
    analysis.get_by_role("heading", name="Arbetsmarknaden").wait_for()
    assert analysis.get_by_role("listitem").all_inner_texts() == ["Feriejobb till unga", "Stöd till vuxna"]

    # The outcome with a decimal comma, in the table's Periodens utfall cell.
    page.get_by_label("Periodens utfall – Indikator KF-1").fill("1,89")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat (version 2).").wait_for()
    assert page.get_by_label("Periodens utfall – Indikator KF-1").input_value() == "1,89"

    goal_section.refresh_from_db()
    assert goal_section.analysis == (
        "<h2>Arbetsmarknaden</h2><p>Fler har fått arbete under perioden.</p>"
        "<ul><li><p>Feriejobb till unga</p></li><li><p>Stöd till vuxna</p></li></ul>"
    )
    result = IndicatorResult.objects.get(report=report, indicator__code="KF-1")
    assert result.outcome == Decimal("1.89")

    page.get_by_role("button", name="Markera som klar för granskning").click()
    page.get_by_text("Avsnittet är nu klart för granskning.").wait_for()
    goal_section.refresh_from_db()
    assert goal_section.state == Section.State.KLAR

    # The controller, in a browser of their own, returns it with a reason.
    controller_context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    controller_page = controller_context.new_page()
    login(controller_page, "controller", PASSWORD)
    controller_page.goto(section_url(goal_section))
    controller_page.get_by_label("Skäl till återremiss").fill(REASON)
    controller_page.get_by_role("button", name="Återremittera").click()
    controller_page.get_by_text("Avsnittet är nu återremitterat.").wait_for()
    controller_context.close()
    goal_section.refresh_from_db()
    assert goal_section.state == Section.State.ATERREMITTERAD
    assert goal_section.return_reason == REASON

    # The skribent sees the reason on the section and on Mina rapporter.
    page.reload()
    assert page.get_by_role("alert").filter(has_text="Återremitterad").inner_text().endswith(REASON)
    assert_no_axe_violations(page)
    # The section's Historik lists the saved version (and is scanned as well).
    page.get_by_role("link", name="Historik").click()
    page.get_by_role("heading", level=1).wait_for()
    saved_version = page.locator("section.version").filter(has=page.get_by_role("heading", name="Version 2"))
    assert "Arbetsmarknaden" in saved_version.inner_text()
    assert_no_axe_violations(page)
    page.go_back()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mina rapporter").click()
    returned = page.locator(".returned-row")
    assert REASON in returned.inner_text()
    assert returned.get_by_role("link", name="KF:s mål för verksamhetsområdet: 1.1 KF-mål").is_visible()
    assert_no_axe_violations(page)


def test_a_bad_figure_is_shown_at_its_cell_accessibly(page, report, users, goal_section):
    login(page, "skribent", PASSWORD)
    page.goto(section_url(goal_section))
    text_editor(page, "Analys").fill("Texten finns kvar.")
    cell = page.get_by_label("Periodens utfall – Indikator KF-1")
    cell.fill("ett komma åtta")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.locator("#form-errors").wait_for()
    assert cell.get_attribute("aria-invalid") == "true"
    assert text_editor(page, "Analys").inner_text() == "Texten finns kvar."
    assert_no_axe_violations(page)


@pytest.mark.parametrize("role", ["skribent", "controller"])
def test_overview_and_goal_page_have_no_axe_violations(page, report, users, goal_section, role):
    login(page, role, PASSWORD)
    page.goto(overview_url(report))
    page.get_by_role("heading", level=1).wait_for()
    assert_no_axe_violations(page)
    page.goto(section_url(goal_section))
    text_editor(page, "Analys").wait_for()  # the editor has started
    assert_no_axe_violations(page)
