"""A background export in the browser: ordered on Exportera, followed on its page while the worker makes it (the
page's script asks the server, no reload), then downloaded; axe-core on both pages."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.tertial.export_helpers import make_rich_report

pytestmark = pytest.mark.e2e


def test_the_zip_is_made_by_the_worker_while_its_page_waits(page, settings, tmp_path, users, namnd):
    settings.MEDIA_ROOT = tmp_path
    # The production queue, so that the page really waits for a worker (the tests' default runs tasks at once).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    report = make_rich_report(namnd, size=1)
    login(page, users["sekreterare"].username, PASSWORD)
    page.goto(reverse("exports:index", args=[report.namnd.slug, report.period.code]))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Skapa Tjänsteutlåtande med bilagor").click()
    status = page.get_by_role("status")
    assert "görs nu" in status.inner_text()
    assert_no_axe_violations(page)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    link = page.get_by_role("link", name="Hämta Tertialrapport 2 2022 Testnämnd.zip")
    link.wait_for()  # the script's next question to the server brings it, without reloading the page
    assert "är klar" in status.inner_text()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Tertialrapport 2 2022 Testnämnd.zip"
