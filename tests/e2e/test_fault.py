"""The fault test: the database goes away in the middle of saving a section. The browser gets the Swedish page
(503), and nothing typed is lost: back on the section, the text is offered from the browser and saved once the
database is back."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from tertial.services import ensure_report_sections
from tests.conftest import PASSWORD
from tests.e2e.conftest import login, text_editor

pytestmark = pytest.mark.e2e

TEXT = "Analysen som skrevs när databasen föll."


def test_database_lost_mid_save_gives_the_swedish_page_and_keeps_the_text(page, live_server, report, users):
    ensure_report_sections(report=report)
    section = report.sections.get(goal__number="1.1")
    section_url = reverse(
        "section_edit", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": section.pk}
    )
    login(page, "skribent", PASSWORD)
    page.goto(section_url)
    text_editor(page, "Analys").fill(TEXT)

    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("tertial.views.section.save_section", side_effect=lost):
        page.get_by_role("button", name="Spara", exact=True).click()
        page.get_by_role("heading", name="Tertial är inte tillgängligt just nu").wait_for()
    assert page.get_by_text("Det du skrev är inte förlorat.").is_visible()
    section.refresh_from_db()
    assert section.analysis != TEXT

    # The database is back: the section page offers the text kept in the browser.
    page.goto(section_url)
    page.get_by_role("button", name="Återställ texten").click()
    assert text_editor(page, "Analys").inner_text() == TEXT
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat (version 2).").wait_for()
    section.refresh_from_db()
    assert section.analysis == f"<p>{TEXT}</p>"
