"""The Django admin, where a controller inspects and corrects the report: every page answers, every edit is history."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import IndicatorResult
from tertial.models import (
    AuditEvent,
    Comment,
    Draft,
    ExportLog,
    FindingAcknowledgement,
    ImportLog,
    ReminderLog,
    Report,
    ReportTransition,
    Section,
    SectionTransition,
)
from tests.demo_db import demo_db  # noqa: F401


@pytest.fixture
def superuser(demo_db, db):  # noqa: F811
    """The demo's superuser `admin` (the conftest one would clash with it by username)."""
    return get_user_model().objects.get(username="admin", is_superuser=True)


@pytest.fixture
def filled(superuser):
    """The demo data (every model the loaders fill, including economy when it is wired into load_demo), plus one
    row of each workflow model."""
    report = Report.objects.get(namnd__slug="hasselby-vallingby")
    section = report.sections.get(goal__number="1.1")
    SectionTransition.objects.create(section=section, from_state="utkast", to_state="klar", user=superuser)
    ReportTransition.objects.create(
        report=report, from_status="under_arbete", to_status="under_granskning", user=superuser
    )
    Comment.objects.create(section=section, author=superuser, text="Kontrollera utfallet.")
    Draft.objects.create(section=section, user=superuser, data={"analysis": "Utkast"}, base_version=1)
    ExportLog.objects.create(
        report=report, user=superuser, format="docx", report_status="under_arbete", report_version="1"
    )
    FindingAcknowledgement.objects.create(report=report, key="k", message="Varning", comment="Ok", user=superuser)
    ReminderLog.objects.create(section=section, user=superuser, kind="fore", deadline="2022-09-01", email="a@b.se")
    from tertial.city.models import CityIndicator

    CityIndicator.objects.create(code="kf-ekb-barn-andel", method=CityIndicator.Method.MEAN)
    from django.contrib.auth.models import Group

    Group.objects.create(name="Grupp")  # grants nothing (rights come from roles), but the admin page must answer
    return report


def test_every_admin_page_answers(client, superuser, filled):
    client.force_login(superuser)
    assert "Administration" in client.get(reverse("admin:index")).content.decode()
    missing = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = client.get(reverse(f"{prefix}_changelist"))
        assert changelist.status_code == 200, model
        # The import, reminder and audit logs are records of what happened: nobody adds to them by hand.
        records = model in {ImportLog, ReminderLog, AuditEvent}
        assert client.get(reverse(f"{prefix}_add")).status_code == (403 if records else 200), model
        obj = model._default_manager.order_by("pk").last()
        if obj is None:
            missing.append(model._meta.label)
            continue
        assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200, model
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert client.get(reverse(f"{prefix}_history", args=[obj.pk])).status_code == 200, model
    # A model without a row here has an untested change page: create one in `filled`.
    assert missing == []


def test_admin_is_swedish_and_shows_the_goal_tree(client, superuser, filled):
    client.force_login(superuser)
    page = client.get(reverse("admin:tertial_section_changelist"), {"report__namnd__id__exact": filled.namnd_id})
    html = page.content.decode()
    assert "Välj avsnitt att ändra" in html
    assert "1.1.1 Kvinnor och män försörjer sig själva och är etablerade" in html


def test_admin_edit_writes_history_with_the_user(client, superuser, filled):
    result = IndicatorResult.objects.get(report=filled, indicator__code="kf-ekb-barn-andel")
    client.force_login(superuser)
    url = reverse("admin:indicators_indicatorresult_change", args=[result.pk])
    response = client.post(
        url,
        {
            "report": result.report_id,
            "indicator": result.indicator_id,
            "outcome": "2,8",  # typed the Swedish way
            "outcome_men": "",
            "outcome_women": "",
            "forecast": "2,7",
            "analysis": "Rättat efter kontroll.",
            # The version of the goal's section the form was opened at (the figures are saved through it).
            "version_seen": Section.objects.get(report=filled, goal=result.indicator.goal).version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = result.history.latest()
    assert latest.history_user == superuser and latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes["outcome"] == (Decimal("2.7"), Decimal("2.8"))
    assert changes["analysis"] == ("", "<p>Rättat efter kontroll.</p>")
    assert set(changes) == {"outcome", "analysis"}


def test_section_edit_through_the_admin_form(client, superuser, filled):
    section = Section.objects.get(report=filled, goal__number="1.4.1")
    client.force_login(superuser)
    url = reverse("admin:tertial_section_change", args=[section.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(assessment="delvis", not_applicable="")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    section.refresh_from_db()
    assert section.assessment == "delvis"
    assert section.history.latest().history_user == superuser
