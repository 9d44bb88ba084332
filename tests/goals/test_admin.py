"""The import log and the city's KF catalogue in the admin: superusers see every import, a controller their own
nämnd's only, and nobody edits a log; controllers cannot change the KF catalogue."""

import pytest
from django.urls import reverse

from indicators.models import KfIndicator
from tertial.models import ImportLog
from tests.conftest import make_goal


@pytest.fixture
def logs(namnd, other_namnd):
    return [
        ImportLog.objects.create(kind="plan", namnd=namnd, year=2025, file_name="egen.xlsx", created=3),
        ImportLog.objects.create(kind="plan", namnd=other_namnd, year=2025, file_name="annans.xlsx"),
        ImportLog.objects.create(kind="kf_struktur", year=2025, file_name="kf.xlsx"),
    ]


def test_superuser_sees_every_import(client, superuser, logs):
    client.force_login(superuser)
    page = client.get(reverse("admin:tertial_importlog_changelist")).content.decode()
    assert "egen.xlsx" in page and "annans.xlsx" in page and "kf.xlsx" in page
    assert client.get(reverse("admin:tertial_importlog_add")).status_code == 403


def test_controller_sees_own_namnds_imports_only(client, users, logs):
    controller = users["controller"]
    controller.is_staff = True
    controller.save()
    client.force_login(controller)
    page = client.get(reverse("admin:tertial_importlog_changelist")).content.decode()
    assert "egen.xlsx" in page and "annans.xlsx" not in page and "kf.xlsx" not in page
    other = reverse("admin:tertial_importlog_change", args=[logs[1].pk])
    assert client.get(other).status_code == 302  # "does not exist" redirect, as for every other nämnd's row


def test_controller_cannot_change_the_kf_catalogue(client, users):
    goal = make_goal("1.1", year=2025, parent=make_goal("1", year=2025))
    indicator = KfIndicator.objects.create(year=2025, goal=goal, code="KF-1", name="Andel")
    controller = users["controller"]
    controller.is_staff = True
    controller.save()
    from django.contrib.auth.models import Permission

    controller.user_permissions.set(Permission.objects.filter(content_type__app_label="indicators"))
    client.force_login(controller)
    url = reverse("admin:indicators_kfindicator_change", args=[indicator.pk])
    response = client.post(url, {"year": 2025, "goal": goal.pk, "code": "KF-1", "name": "Ändrad"})
    assert response.status_code in {200, 403}
    indicator.refresh_from_db()
    assert indicator.name == "Andel"
