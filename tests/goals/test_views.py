"""Nämndens plan and Stadens år in the browser: who may use them, upload → preview → confirm, the file kept between
the two steps in the database, bad files shown with their rows, and query counts that do not grow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import Goal
from indicators.models import Indicator, KfIndicator
from tertial.models import ImportLog, Membership, PendingImport
from tests.conftest import make_user

from .plan_files import full_size_plan, indicator, plan_bytes
from .test_kf_import import kf_bytes
from .test_plan_import import YEAR, kf, simple_plan  # noqa: F401

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def city_admin(db):
    return make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)


@pytest.fixture
def everyone(users, city_admin):
    return {**users, "stadsadmin": city_admin}


def login(client, user):
    client.force_login(user)


def plan_url(namnd, name="goals:plan", **extra):
    return reverse(name, kwargs={"slug": namnd.slug, "year": YEAR, **extra})


def upload(data, name="plan.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


PLAN_STATUS = {"controller": 200, "skribent": 403, "sekreterare": 403, "outsider": 404, "stad": 403, "stadsadmin": 403}


@pytest.mark.parametrize("role", PLAN_STATUS)
def test_plan_page_permissions(client, everyone, namnd, role):
    login(client, everyone[role])
    assert client.get(plan_url(namnd)).status_code == PLAN_STATUS[role]
    assert client.post(plan_url(namnd), {"file": upload(b"x")}).status_code in {PLAN_STATUS[role], 400}


def test_anonymous_is_sent_to_login(client, namnd):
    for url in (plan_url(namnd), reverse("goals:city_years")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["skribent", "sekreterare", "stad"])
def test_plan_template_readable_by_every_role_of_the_namnd(client, everyone, namnd, kf, role):  # noqa: F811
    login(client, everyone[role])
    response = client.get(plan_url(namnd, "goals:plan_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX


def test_plan_template_hidden_from_another_namnd(client, everyone, namnd):
    login(client, everyone["outsider"])
    assert client.get(plan_url(namnd, "goals:plan_template")).status_code == 404


CITY_STATUS = {"controller": 403, "skribent": 403, "outsider": 403, "stad": 403, "stadsadmin": 200}


@pytest.mark.parametrize("role", CITY_STATUS)
def test_city_years_permissions(client, everyone, role):
    login(client, everyone[role])
    assert client.get(reverse("goals:city_years")).status_code == CITY_STATUS[role]
    assert client.get(reverse("goals:city_template", kwargs={"year": 2025})).status_code == CITY_STATUS[role]
    status = client.post(reverse("goals:city_copy"), {"year": 2025}).status_code
    assert status == (302 if role == "stadsadmin" else 403)


def test_upload_preview_confirm(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    data = simple_plan()
    response = client.post(plan_url(namnd), {"file": upload(data)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Inget är sparat ännu" in page and "Nytt nämndmål: 1.1.1 Vi gör det bra" in page
    assert not Goal.objects.filter(namnd=namnd).exists()
    pending = PendingImport.objects.get()
    assert bytes(pending.data) == data and pending.user == users["controller"]

    confirm = plan_url(namnd, "goals:plan_confirm", pk=pending.pk)
    digest = response.context["preview"].digest
    response = client.post(confirm, {"digest": digest})
    assert response.status_code == 302 and response.url == plan_url(namnd)
    assert Goal.objects.filter(namnd=namnd).count() == 2
    assert not PendingImport.objects.exists()
    assert [log.dry_run for log in ImportLog.objects.order_by("id")] == [True, False]
    page = client.get(plan_url(namnd)).content.decode()
    assert "Importen är klar: 10 nya" in page


def test_missing_rows_removed_only_when_ticked(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    from goals.services import plan_import

    plan_import(namnd=namnd, year=YEAR, data=simple_plan(), file_name="p.xlsx")
    smaller = simple_plan(goals=[("1.1.1", "Vi gör det bra", "Med bra menas", "Att det blir bra")], indicators=[])
    response = client.post(plan_url(namnd), {"file": upload(smaller)})
    assert "Ta också bort raderna som saknas i filen" in response.content.decode()
    pending, digest = PendingImport.objects.get(), response.context["preview"].digest
    client.post(plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": digest})
    assert Goal.objects.filter(namnd=namnd, number="1.2.1").exists()

    response = client.post(plan_url(namnd), {"file": upload(smaller)})
    pending, digest = PendingImport.objects.get(), response.context["preview"].digest
    client.post(plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": digest, "remove_missing": "on"})
    assert not Goal.objects.filter(namnd=namnd, number="1.2.1").exists()


def test_bad_file_shows_rows_and_keeps_nothing(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    bad = plan_bytes(followed=["1.1"], goals=[("1.1.1", "A"), ("1.1.1", "B")])
    response = client.post(plan_url(namnd), {"file": upload(bad)})
    assert response.status_code == 400
    assert "Nämndmål, rad 3, kolumn A (Nummer): Nämndmålet 1.1.1 står mer än en gång." in response.content.decode()
    assert not PendingImport.objects.exists() and not Goal.objects.filter(namnd=namnd).exists()


def test_pending_file_of_another_user_is_not_found(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    client.post(plan_url(namnd), {"file": upload(simple_plan())})
    pending = PendingImport.objects.get()
    colleague = make_user("controller2", namnd=namnd, role=Membership.Role.CONTROLLER)
    login(client, colleague)
    response = client.post(plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": "x"})
    assert response.status_code == 404
    assert not Goal.objects.filter(namnd=namnd).exists()


def test_confirm_after_the_plan_changed_shows_the_preview_again(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    response = client.post(plan_url(namnd), {"file": upload(simple_plan())})
    pending = PendingImport.objects.get()
    from goals.services import plan_import

    plan_import(namnd=namnd, year=YEAR, data=plan_bytes(followed=["1.1"], goals=[("1.1.1", "X")]), file_name="x")
    response = client.post(
        plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": response.context["preview"].digest}
    )
    assert response.status_code == 400
    assert "har ändrats sedan förhandsgranskningen" in response.content.decode()
    assert Goal.objects.get(namnd=namnd, number="1.1.1").text == "X"


def test_copy_last_years_plan(client, users, namnd, kf):  # noqa: F811
    from goals.services import plan_import
    from tests.conftest import make_goal

    g1 = make_goal("1", "Inriktning", year=YEAR - 1)
    for number in ("1.1", "1.2"):
        make_goal(number, "KF", year=YEAR - 1, parent=g1)
    last_year = plan_bytes(
        followed=["1.1"], goals=[("1.1.1", "Förra året")], indicators=[indicator("N-1", "Besök", "1.1.1", Årsmål=5)]
    )
    plan_import(namnd=namnd, year=YEAR - 1, data=last_year, file_name="p.xlsx")
    login(client, users["controller"])
    response = client.post(plan_url(namnd, "goals:plan_copy"))
    assert response.status_code == 200
    pending = PendingImport.objects.get()
    client.post(plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": response.context["preview"].digest})
    assert Goal.objects.get(namnd=namnd, year=YEAR, number="1.1.1").text == "Förra året"
    assert Indicator.objects.get(namnd=namnd, year=YEAR, code="N-1").target_value == 5


def test_city_admin_imports_and_copies_a_year(client, city_admin):
    login(client, city_admin)
    response = client.post(reverse("goals:city_years"), {"year": 2024, "file": upload(kf_bytes(), "kf.xlsx")})
    assert response.status_code == 200
    pending = PendingImport.objects.get()
    client.post(
        reverse("goals:city_confirm", kwargs={"pk": pending.pk}), {"digest": response.context["preview"].digest}
    )
    assert KfIndicator.objects.filter(year=2024).count() == 2
    page = client.get(reverse("goals:city_years")).content.decode()
    assert "Skapa 2025 från 2024" in page

    response = client.post(reverse("goals:city_copy"), {"year": 2025})
    assert response.status_code == 200 and "Nytt mål: 1.1 Alla har arbete" in response.content.decode()
    pending = PendingImport.objects.get()
    client.post(
        reverse("goals:city_confirm", kwargs={"pk": pending.pk}), {"digest": response.context["preview"].digest}
    )
    assert Goal.objects.filter(year=2025, namnd=None).count() == 4


def test_home_links_to_the_set_up_pages(client, users, city_admin, namnd):
    login(client, users["controller"])
    page = client.get("/").content.decode()
    assert reverse("goals:plan_current", kwargs={"slug": namnd.slug}) in page
    assert reverse("goals:city_years") not in page
    login(client, city_admin)
    assert reverse("goals:city_years") in client.get("/").content.decode()
    login(client, users["skribent"])
    assert "Nämndens plan" not in client.get("/").content.decode()


@pytest.mark.parametrize("size", [(3, 4, 4), (20, 35, 35)])
def test_page_query_counts_do_not_grow(client, users, namnd, kf, size, django_assert_num_queries):  # noqa: F811
    # Guards a query per goal, indicator or activity in the plan page's counts, the preview and the confirmation
    # (bulk inserts are split only by SQLite's parameter limit, see tests/goals/test_plan_import.py).
    from goals.services import plan_import

    goals, indicators, activities = size
    data = full_size_plan(goals=goals, indicators=indicators, activities=activities)
    plan_import(namnd=namnd, year=YEAR, data=data, file_name="p.xlsx")
    login(client, users["controller"])
    with django_assert_num_queries(9):
        assert client.get(plan_url(namnd)).status_code == 200
    with django_assert_num_queries(19):  # an unchanged re-import's preview
        response = client.post(plan_url(namnd), {"file": upload(data)})
    pending = PendingImport.objects.get()
    with CaptureQueriesContext(connection) as confirm:
        client.post(
            plan_url(namnd, "goals:plan_confirm", pk=pending.pk), {"digest": response.context["preview"].digest}
        )
    assert len(confirm.captured_queries) == 22


def test_impossible_year_is_404(client, users, namnd):
    login(client, users["controller"])
    assert client.get(reverse("goals:plan", kwargs={"slug": namnd.slug, "year": 99999})).status_code == 404


def test_copy_without_last_years_plan_says_so(client, users, namnd, kf):  # noqa: F811
    login(client, users["controller"])
    response = client.post(plan_url(namnd, "goals:plan_copy"), follow=True)
    assert "Testnämnd har ingen plan för 2024 att kopiera." in response.content.decode()
    assert not PendingImport.objects.exists()
