"""Deadlines: the controller sets a report's sista dag and sections' own on the Tidsplan page or in the admin, through
one service that keeps the history; a section's own deadline overrides the report's; how late a section is."""

from datetime import date

import pytest
from django.urls import reverse

from tertial.deadlines import DeadlineState, deadline_state, deadlines_update
from tertial.errors import ServiceError
from tertial.models import Report, Section

from .helpers import login, url

pytestmark = pytest.mark.django_db


def _goal_section(report):
    return report.sections.get(goal__number="1.1.1")


def test_section_deadline_overrides_the_reports(report, users):
    section = _goal_section(report)
    other = report.sections.get(goal__number="1.1")
    deadlines_update(
        report=report,
        user=users["controller"],
        deadline=date(2022, 9, 15),
        section_deadlines={section.pk: date(2022, 9, 1)},
    )
    section.refresh_from_db()
    other.refresh_from_db()
    report.refresh_from_db()
    assert report.deadline == date(2022, 9, 15)
    assert deadline_state(section, report, date(2022, 9, 5)).text == "Försenad, 4 dagar"
    assert deadline_state(other, report, date(2022, 9, 5)).text == "10 dagar kvar"
    # history: who set it, and the previous value
    assert report.history.latest().history_user == users["controller"]
    assert section.history.latest().deadline == date(2022, 9, 1)
    assert section.history.latest().prev_record.deadline is None


def test_unchanged_deadlines_write_no_history(report, users):
    section = _goal_section(report)
    deadlines_update(report=report, user=users["controller"], deadline=date(2022, 9, 15))
    before = Section.history.count() + Report.history.count()
    changed = deadlines_update(
        report=report, user=users["controller"], deadline=date(2022, 9, 15), section_deadlines={section.pk: None}
    )
    assert changed == 0
    assert Section.history.count() + Report.history.count() == before


@pytest.mark.parametrize("who", ["skribent", "sekreterare", "outsider", "stad"])
def test_only_the_controller_sets_deadlines(report, users, who):
    with pytest.raises(ServiceError, match="Bara nämndens controller"):
        deadlines_update(report=report, user=users[who], deadline=date(2022, 9, 15))
    report.refresh_from_db()
    assert report.deadline is None


def test_a_faststalld_report_keeps_its_deadlines(report, users):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    with pytest.raises(ServiceError, match="fastställd"):
        deadlines_update(report=report, user=users["controller"], deadline=date(2022, 9, 15))


def test_a_deadline_outside_the_year_is_refused_in_swedish(report, users):
    with pytest.raises(ServiceError, match="Sista dag ska ligga mellan 2022-01-01 och 2023-12-31"):
        deadlines_update(report=report, user=users["controller"], deadline=date(2031, 9, 15))


def test_a_section_of_another_report_is_refused(report, users, other_namnd):
    from tests.conftest import make_report

    other = make_report(other_namnd)
    foreign = other.sections.first()
    with pytest.raises(ServiceError, match="finns inte i rapporten"):
        deadlines_update(report=report, user=users["controller"], section_deadlines={foreign.pk: date(2022, 9, 1)})
    foreign.refresh_from_db()
    assert foreign.deadline is None


@pytest.mark.parametrize(
    "deadline, on, done, text, overdue",
    [
        (date(2022, 9, 1), date(2022, 9, 4), False, "Försenad, 3 dagar", True),
        (date(2022, 9, 1), date(2022, 9, 2), False, "Försenad, 1 dag", True),
        (date(2022, 9, 1), date(2022, 9, 1), False, "Sista dag i dag", False),
        (date(2022, 9, 1), date(2022, 8, 31), False, "1 dag kvar", False),
        (date(2022, 9, 1), date(2022, 9, 4), True, "Klar", False),
        (None, date(2022, 9, 4), False, "", False),
    ],
)
def test_deadline_state_words(deadline, on, done, text, overdue):
    state = DeadlineState(deadline, on, done)
    assert (state.text, state.overdue) == (text, overdue)


# --- the Tidsplan page ---------------------------------------------------------------------------------------------


def test_controller_saves_the_tidsplan_page(client, report, users):
    section = _goal_section(report)
    login(client, users["controller"])
    page = client.get(url("report_deadlines", report))
    assert page.status_code == 200
    assert "Spara tidsplanen" in page.content.decode()
    response = client.post(url("report_deadlines", report), {"deadline": "2022-09-15", f"s{section.pk}": "2022-09-01"})
    assert response.status_code == 302
    report.refresh_from_db()
    section.refresh_from_db()
    assert (report.deadline, section.deadline) == (date(2022, 9, 15), date(2022, 9, 1))
    assert "sista dag 2022-09-15" in client.get(url("report_overview", report)).content.decode()


def test_tidsplan_bad_date_is_a_swedish_error_and_keeps_the_rest(client, report, users):
    section = _goal_section(report)
    login(client, users["controller"])
    response = client.post(url("report_deadlines", report), {"deadline": "15 sept", f"s{section.pk}": "2022-09-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rätta de markerade datumen" in html
    assert 'value="2022-09-01"' in html  # what was typed elsewhere is kept
    report.refresh_from_db()
    assert report.deadline is None


def test_tidsplan_out_of_range_date_is_refused_on_the_page(client, report, users):
    login(client, users["controller"])
    response = client.post(url("report_deadlines", report), {"deadline": "2030-09-15"})
    assert response.status_code == 400
    assert "Sista dag ska ligga mellan" in response.content.decode()


def test_tidsplan_access(client, report, users):
    login(client, users["skribent"])
    page = client.get(url("report_deadlines", report))
    assert page.status_code == 200 and "Spara tidsplanen" not in page.content.decode()
    assert client.post(url("report_deadlines", report), {"deadline": "2022-09-15"}).status_code == 403
    login(client, users["outsider"])
    assert client.get(url("report_deadlines", report)).status_code == 404
    client.logout()
    assert client.get(url("report_deadlines", report)).status_code == 302
    report.refresh_from_db()
    assert report.deadline is None


def test_tidsplan_query_count_does_not_grow_with_the_report(client, report, users, django_assert_max_num_queries):
    from tests.conftest import make_namnd
    from tests.tertial.export_helpers import make_rich_report

    login(client, users["controller"])
    # session, user, roles, report, sections (3: report_sections), messages: a fixed number whatever the size
    with django_assert_max_num_queries(12) as small:
        client.get(url("report_deadlines", report))
    big_namnd = make_namnd("Stor nämnd", "stor")
    big = make_rich_report(big_namnd, size=3)
    users["controller"].memberships.create(namnd=big_namnd, role="controller")
    client.force_login(users["controller"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("report_deadlines", big))


# --- the admin -----------------------------------------------------------------------------------------------------


def _admin_post(client, url_, **changes):
    form = client.get(url_).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return client.post(url_, data)


def test_admin_sets_deadlines_through_the_service(client, report, superuser):
    client.force_login(superuser)
    response = _admin_post(client, reverse("admin:tertial_report_change", args=[report.pk]), deadline="2022-09-15")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.deadline == date(2022, 9, 15)
    assert report.history.latest().history_user == superuser
    section = _goal_section(report)
    response = _admin_post(client, reverse("admin:tertial_section_change", args=[section.pk]), deadline="2022-09-01")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.deadline == date(2022, 9, 1)


def test_admin_deadline_out_of_range_is_refused(client, report, superuser):
    client.force_login(superuser)
    response = _admin_post(client, reverse("admin:tertial_report_change", args=[report.pk]), deadline="2035-09-15")
    report.refresh_from_db()
    assert report.deadline is None
    messages = [str(m) for m in response.wsgi_request._messages] if response.status_code == 302 else []
    follow = client.get(response.url).content.decode() if response.status_code == 302 else ""
    assert "Sista dag sparades inte" in follow or any("Sista dag sparades inte" in m for m in messages)
