"""Admin saves are version-checked like the pages: a section, an indicator outcome and a budgetjustering saved in the
admin go through the page's service, a stale admin form gets the conflict page (409) with what was typed, and an
admin save bumps the version so that an older section page cannot overwrite it."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from economy import services as economy_services
from economy.models import Area, BudgetAdjustment, TableVersion
from indicators.models import IndicatorResult
from tertial.models import Report, Section
from tests.tertial.helpers import login, section_post_data, url
from tests.tertial.test_admin_scope import form_data


def admin_url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def admin_form(client, obj):
    """The admin change form as the browser would post it unchanged, with the hidden version it was opened at."""
    page = client.get(admin_url(obj)).content.decode()
    version = re.search(r'name="version_seen" value="(\d+)"', page)
    assert version, "the admin form carries the version it was opened at"
    return form_data(obj, version_seen=version.group(1))


@pytest.fixture
def section(report):
    return report.sections.get(goal__number="1.1")


@pytest.fixture
def staff_controller(users):
    users["controller"].is_staff = True
    users["controller"].save()
    return users["controller"]


@pytest.mark.parametrize("admin_user", ["superuser", "staff_controller"])
def test_page_after_admin_gets_the_conflict(client, report, section, users, request, admin_user):
    writer = client
    login(writer, users["skribent"])
    page = section_post_data(writer, report, section)  # the writer's tab, opened at version 1

    from django.test import Client

    admin_client = Client()
    admin_client.force_login(request.getfixturevalue(admin_user))
    data = admin_form(admin_client, section)
    data["analysis"] = "Controllerns text"
    assert admin_client.post(admin_url(section), data).status_code == 302
    section.refresh_from_db()
    assert "Controllerns text" in section.analysis and section.version == 2
    assert section.history.first().history_user.is_staff

    page["s-analysis"] = "Skribentens text"
    response = writer.post(url("section_edit", report, section), page)
    assert response.status_code == 409
    section.refresh_from_db()
    assert "Controllerns text" in section.analysis


def test_admin_after_page_gets_the_conflict_and_sees_what_it_typed(client, report, section, users, superuser):
    client.force_login(superuser)
    data = admin_form(client, section)  # opened at version 1

    from django.test import Client

    writer = Client()
    login(writer, users["skribent"])
    page = section_post_data(writer, report, section)
    page["s-analysis"] = "Skribentens text"
    assert writer.post(url("section_edit", report, section), page).status_code == 302

    data["analysis"] = "Administratörens text"
    response = client.post(admin_url(section), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "sparats av någon annan" in body and "Administratörens text" in body
    section.refresh_from_db()
    assert "Skribentens text" in section.analysis and section.version == 2


def test_any_admin_change_bumps_the_version(client, report, section, users, superuser):
    client.force_login(superuser)
    data = admin_form(client, section)
    data["responsible"] = users["skribent"].pk
    assert client.post(admin_url(section), data).status_code == 302
    section.refresh_from_db()
    assert section.responsible == users["skribent"] and section.version == 2


def test_admin_cannot_set_the_review_state_or_the_report_status(client, report, section, superuser):
    """Godkänd and Fastställd are moves of the workflow, with a record and the publication checks."""
    client.force_login(superuser)
    data = admin_form(client, section)
    data["state"] = Section.State.GODKAND
    client.post(admin_url(section), data)
    section.refresh_from_db()
    assert section.state == Section.State.UTKAST
    client.post(admin_url(report), form_data(report, status=Report.Status.FASTSTALLD))
    report.refresh_from_db()
    assert report.status == Report.Status.UNDER_ARBETE


def test_admin_result_save_goes_through_the_section(client, report, section, users, superuser):
    result = IndicatorResult.objects.get(report=report, indicator__code="KF-1")
    client.force_login(superuser)
    data = admin_form(client, result)
    data["outcome"] = "1,5"
    assert client.post(admin_url(result), data).status_code == 302
    result.refresh_from_db()
    section.refresh_from_db()
    assert result.outcome == Decimal("1.5") and section.version == 2

    # An admin form opened before that save is stale now.
    data["outcome"] = "7"
    data["version_seen"] = "1"
    response = client.post(admin_url(result), data)
    assert response.status_code == 409
    result.refresh_from_db()
    assert result.outcome == Decimal("1.5")


def test_a_page_opened_before_an_admin_result_save_cannot_overwrite_it(client, report, section, users, superuser):
    from django.test import Client

    writer = Client()
    login(writer, users["skribent"])
    page = section_post_data(writer, report, section)
    result = IndicatorResult.objects.get(report=report, indicator__code="KF-1")
    client.force_login(superuser)
    data = admin_form(client, result)
    data["outcome"] = "1,5"
    client.post(admin_url(result), data)
    page[f"ind-{result.indicator_id}-outcome"] = "9"
    assert writer.post(url("section_edit", report, section), page).status_code == 409
    result.refresh_from_db()
    assert result.outcome == Decimal("1.5")


def test_stale_version_number_out_of_range_is_a_form_error(client, section, superuser):
    client.force_login(superuser)
    data = admin_form(client, section)
    data["version_seen"] = str(2**40)
    data["analysis"] = "x"
    response = client.post(admin_url(section), data)
    assert response.status_code == 200  # the form again, with its error
    section.refresh_from_db()
    assert section.analysis == ""


@pytest.fixture
def adjustment(report):
    area = Area.objects.create(namnd=report.namnd, year=report.period.year, name="Äldreomsorg")
    return economy_services.save_adjustment(
        report=report, adjustment=BudgetAdjustment(kind="drift", amount=Decimal("1"), purpose="insatser", area=area)
    )


def test_admin_budgetjustering_is_version_checked_against_its_table(client, report, adjustment, superuser):
    client.force_login(superuser)
    data = admin_form(client, adjustment)
    # The Budgetjusteringar page saves in between.
    version = economy_services.table_version(report=report, table=TableVersion.Table.ADJUSTMENTS)
    adjustment.purpose = "ändrat på sidan"
    economy_services.save_adjustment(report=report, adjustment=adjustment, version=version)
    data["purpose"], data["amount"] = "ändrat i admin", "1"  # typed as a controller types it
    response = client.post(admin_url(adjustment), data)
    assert response.status_code == 409
    adjustment.refresh_from_db()
    assert adjustment.purpose == "ändrat på sidan"

    data = admin_form(client, adjustment)
    data["purpose"], data["amount"] = "ändrat i admin", "1"  # typed as a controller types it
    assert client.post(admin_url(adjustment), data).status_code == 302
    adjustment.refresh_from_db()
    assert adjustment.purpose == "ändrat i admin"
    assert economy_services.table_version(report=report, table=TableVersion.Table.ADJUSTMENTS) == version + 2


def test_admin_budgetjustering_with_the_report_left_empty_is_a_form_error(client, adjustment, superuser):
    client.force_login(superuser)
    data = {"kind": "drift", "amount": "1", "purpose": "x", "area": adjustment.area_id, "position": "0"}
    response = client.post(reverse("admin:economy_budgetadjustment_add"), data)
    assert response.status_code == 200
    assert BudgetAdjustment.objects.count() == 1
