"""Permission matrix over every report page: anonymous, each role of the own nämnd, an outsider, the city role.

A user without a role in the nämnd gets 404 (the report's existence is not revealed), a role without the right
gets 403, and a refused write changes nothing.
"""

from decimal import Decimal

import pytest

from tertial.models import Comment, Membership, Report, Section

from .helpers import login, url

ROLES = ["skribent", "controller", "sekreterare", "outsider", "stad"]

# view name, needs a section, method, expected status per role (anonymous: redirect to login)
READ = {"skribent": 200, "controller": 200, "sekreterare": 200, "outsider": 404, "stad": 200}
WRITE_POST = {"skribent": 302, "controller": 302, "sekreterare": 403, "outsider": 404, "stad": 403}
CONTROL_POST = {"skribent": 403, "controller": 302, "sekreterare": 403, "outsider": 404, "stad": 403}

MATRIX = [
    ("report_overview", False, "get", {}, READ),
    ("section_edit", True, "get", {}, READ),
    ("section_history", True, "get", {}, READ),
    ("section_print", True, "get", {}, READ),
    ("report_print", False, "get", {}, READ),
    ("report_search", False, "get", {"q": "mål"}, READ),
    ("richtext_paste", False, "post", {"html": "<h1>Rubrik</h1>"}, {**WRITE_POST, "skribent": 200, "controller": 200}),
    ("section_edit", True, "post", "form", {**WRITE_POST}),
    ("section_transition", True, "post", {"to_state": "klar"}, WRITE_POST),
    ("section_comment", True, "post", {"text": "Ser bra ut"}, WRITE_POST),
    (
        "section_draft",
        True,
        "post",
        {"s-version": "1", "s-analysis": "x"},
        {**WRITE_POST, "skribent": 200, "controller": 200},
    ),
    ("section_assign", True, "post", {"responsible": ""}, CONTROL_POST),
    ("report_status", False, "post", {"to_status": "under_granskning"}, CONTROL_POST),
]


@pytest.mark.parametrize("name, with_section, method, data, expected", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, report, name, with_section, method, data, expected, role):
    section = report.sections.get(goal__number="1.1") if with_section else None
    if data == "form":
        data = {"s-version": "1", "s-analysis": "Ny text", "s-assessment": "helt"}
    login(client, users[role])
    response = getattr(client, method)(url(name, report, section), data)
    assert response.status_code == expected[role], (name, role, response.status_code)


@pytest.mark.parametrize("name, with_section, method, data, expected", MATRIX)
def test_anonymous_is_sent_to_login(client, report, name, with_section, method, data, expected):
    section = report.sections.first() if with_section else None
    response = getattr(client, method)(url(name, report, section), {} if data == "form" else data)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_restore_is_for_controllers_only(client, users, report):
    section = report.sections.get(goal__number="1.1")
    record = section.history.first()
    for role, status in {"skribent": 403, "sekreterare": 403, "stad": 403, "outsider": 404}.items():
        login(client, users[role])
        response = client.post(url("section_restore", report, section, history_id=record.history_id))
        assert response.status_code == status, role


def test_refused_writes_change_nothing(client, users, report):
    section = report.sections.get(goal__number="1.1")
    for role in ["sekreterare", "stad", "outsider"]:
        login(client, users[role])
        client.post(url("section_edit", report, section), {"s-version": "1", "s-analysis": "Intrång"})
        client.post(url("section_comment", report, section), {"text": "Intrång"})
    section.refresh_from_db()
    assert section.analysis == "" and section.version == 1
    assert not Comment.objects.exists()


def test_home_lists_only_own_namnd_reports(client, users, report, other_namnd):
    from tests.conftest import make_report

    other = make_report(other_namnd)
    login(client, users["skribent"])
    page = client.get("/").content.decode()
    assert report.namnd.name in page and other.namnd.name not in page
    login(client, users["stad"])
    page = client.get("/").content.decode()
    assert report.namnd.name in page and other.namnd.name in page


def test_home_requires_login(client, db):
    assert client.get("/").status_code == 302


def test_session_ping(client, users, report):
    response = client.get(url("session_ping", report))
    assert response.status_code == 401
    login(client, users["skribent"])
    assert client.get(url("session_ping", report)).json()["inloggad"] is True
    login(client, users["outsider"])
    assert client.get(url("session_ping", report)).status_code == 404


def test_section_of_another_report_is_404(client, users, report, other_namnd):
    from tests.conftest import make_report

    other = make_report(other_namnd)
    foreign = Section.objects.filter(report=other).first()
    login(client, users["controller"])
    assert client.get(url("section_edit", report, foreign)).status_code == 404


@pytest.mark.django_db
def test_city_admin_role_sets_up_the_year_and_reads_every_report():
    from tertial import access
    from tests.conftest import make_namnd, make_report, make_user

    report = make_report(make_namnd("Annan nämnd", "annan"))
    admin = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    reader = make_user("stadslasare", role=Membership.Role.CITY)
    assert access.is_city_admin(admin) and not access.is_city_admin(reader)
    assert list(Report.objects.for_user(admin)) == [report]
    assert access.can(admin, report.namnd_id, access.READ)
    assert not access.can(admin, report.namnd_id, access.WRITE)


# --- The city-wide view (/stad/): the city roles and superusers; every nämnd role and an outsider get 404 --------

CITY_ROLES = [*ROLES, "stadsadmin", "superuser"]
CITY_READ = {**dict.fromkeys(ROLES, 404), "stad": 200, "stadsadmin": 200, "superuser": 200}
CITY_PAGES = [
    ("city:index", {}),
    ("city:goals", {}),
    ("city:status", {}),
    ("city:economy", {}),
    ("city:indicators", {}),
    ("city:adjustments", {}),
    ("city:proposals", {}),
    ("city:export_word", {}),
    *[
        ("city:export_excel", {"view": view})
        for view in ["maluppfyllelse", "status", "ekonomi", "indikatorer", "budgetjusteringar", "indikatorforslag"]
    ],
]


def _city_user(role, users, superuser):
    from tests.conftest import make_user

    if role == "stadsadmin":
        return make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    if role == "superuser":
        return superuser
    return users[role]


@pytest.mark.parametrize("name, extra", CITY_PAGES)
@pytest.mark.parametrize("role", CITY_ROLES)
def test_city_pages_permission_matrix(client, users, superuser, report, name, extra, role):
    from django.urls import reverse

    kwargs = {} if name == "city:index" else {"period": report.period.code, **extra}
    client.force_login(_city_user(role, users, superuser))
    query = "?indikator=KF-1" if extra.get("view") == "indikatorer" else ""
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == CITY_READ[role], (name, role, response.status_code)


@pytest.mark.parametrize("name, extra", CITY_PAGES)
def test_city_pages_send_anonymous_to_login(client, report, name, extra):
    from django.urls import reverse

    kwargs = {} if name == "city:index" else {"period": report.period.code, **extra}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("role", CITY_ROLES)
def test_only_the_city_decides_on_a_budgetjustering(client, users, superuser, report, role):
    from decimal import Decimal

    from django.urls import reverse

    from economy.models import Area, BudgetAdjustment
    from tertial.city.models import AdjustmentDecision

    area = Area.objects.create(namnd=report.namnd, year=report.period.year, name="Äldreomsorg")
    adjustment = BudgetAdjustment.objects.create(
        report=report, kind="drift", amount=Decimal("0.6"), purpose="lekparken", area=area
    )
    client.force_login(_city_user(role, users, superuser))
    url = reverse("city:adjustment_decide", kwargs={"period": report.period.code, "pk": adjustment.pk})
    assert client.get(url).status_code == CITY_READ[role]  # the form
    response = client.post(url, {"decision": "tillstyrkt", "comment": "Bra"})
    assert response.status_code == {**CITY_READ, "stad": 302, "stadsadmin": 302, "superuser": 302}[role]
    assert AdjustmentDecision.objects.filter(adjustment=adjustment).exists() == (response.status_code == 302)
    client.logout()
    response = client.post(url, {"decision": "avstyrkt", "comment": "Nej"})
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    assert not AdjustmentDecision.objects.filter(adjustment=adjustment, decision="avstyrkt").exists()


@pytest.mark.parametrize("role", CITY_ROLES)
def test_only_a_city_administrator_sets_how_an_indicator_adds_up(client, users, superuser, report, role):
    from django.urls import reverse

    from tertial.city.models import CityIndicator

    client.force_login(_city_user(role, users, superuser))
    url = reverse("city:indicator_rule", kwargs={"period": report.period.code})
    response = client.post(url, {"code": "KF-1", "method": "summa", "weight_code": ""})
    # Nämnd roles and outsiders: 404; the city reader is sent back with an error and sets nothing.
    assert response.status_code == {**CITY_READ, "stad": 302, "stadsadmin": 302, "superuser": 302}[role]
    assert CityIndicator.objects.filter(code="KF-1").exists() == (role in ("stadsadmin", "superuser"))
    # A GET does not reveal the address either: 404 for those who may not see the city pages, 405 for city roles.
    assert client.get(url).status_code == {**CITY_READ, "stad": 405, "stadsadmin": 405, "superuser": 405}[role]


# The nämnd's page for proposed årsmål changes: read by every role of the nämnd and the city, written by writers.
PROPOSAL_READ = {**READ}
PROPOSAL_WRITE = {"skribent": 302, "controller": 302, "sekreterare": 403, "outsider": 404, "stad": 403}


@pytest.mark.parametrize("role", ROLES)
def test_report_proposals_permission_matrix(client, users, report, role):
    from django.urls import reverse

    from indicators.models import Indicator

    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    login(client, users[role])
    assert client.get(reverse("proposals:list", kwargs=kwargs)).status_code == PROPOSAL_READ[role]
    indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    data = {"indicator": indicator.pk, "proposed_value": "3,5", "reason": "Nivån nås redan."}
    response = client.post(reverse("proposals:list", kwargs=kwargs), data)
    assert response.status_code == PROPOSAL_WRITE[role], (role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_report_proposal_delete_permission_matrix(client, users, report, role):
    """Only writers delete a proposal; a GET tells nobody else that the address exists (404 for an outsider, 403
    for a reader, 405 only for those who may post to it)."""
    from django.urls import reverse

    from indicators.models import Indicator
    from tertial.city import services
    from tertial.city.models import IndicatorProposal

    indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    proposal = services.proposal_create(
        report=report,
        user=users["controller"],
        indicator=indicator,
        proposed_value=Decimal("3.5"),
        reason="Nivån nås redan.",
    )
    delete = reverse(
        "proposals:delete", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": proposal.pk}
    )
    login(client, users[role])
    assert client.get(delete).status_code == {**PROPOSAL_WRITE, "skribent": 405, "controller": 405}[role]
    assert IndicatorProposal.objects.filter(pk=proposal.pk).exists()
    assert client.post(delete).status_code == PROPOSAL_WRITE[role]
    assert IndicatorProposal.objects.filter(pk=proposal.pk).exists() == (PROPOSAL_WRITE[role] != 302)
