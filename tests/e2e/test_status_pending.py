"""The city's Status while the worker has yet to check a saved report: the note and the pending cells in a real
browser, with axe-core, then the counts once the worker has run."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tertial.editing import save_section
from tertial.models import Membership
from tests.conftest import PASSWORD, make_city, make_user
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e


def test_status_says_which_checks_are_being_made(page, settings):
    reports = make_city(3)
    make_user("stadslasare", role=Membership.Role.CITY)
    controller = make_user("controller-0", namnd=reports[0].namnd, role=Membership.Role.CONTROLLER)
    # The production queue, so that the check really waits for a worker (the tests' default runs tasks at once).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    section = reports[0].sections.get(goal__number="1.1")
    save_section(section=section, user=controller, version=section.version, changes={"section": {"assessment": ""}})

    login(page, "stadslasare", PASSWORD)
    page.goto(reverse("city:status", kwargs={"period": reports[0].period.code}))
    note = page.get_by_role("status")
    assert "Publiceringskontrollen av 1 rapport görs just nu" in note.inner_text()
    row = page.get_by_role("row", name="Nämnd 00")
    assert row.get_by_text("Kontrolleras").count() == 2  # Fel and Varningar
    assert_no_axe_violations(page)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_role("link", name="ladda om sidan").click()
    assert page.get_by_text("Kontrolleras").count() == 0
    assert page.get_by_role("link", name=re.compile(r"^[1-9]\d* fel i Nämnd 00$")).count() == 1  # the new Fel
