"""The publication check is made by the worker after a save, so that the city's Status finds it ready; while the
worker has yet to make it the page says so, and it never shows the result of an older version as current.

The tests run the task with the immediate backend (tests/settings.py) once a save commits; the worker-behind tests
run it through the database queue and `db_worker`, as in production."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from goals.models import Goal
from tertial.checks import background
from tertial.editing import save_section
from tertial.models import Membership
from tests.conftest import make_city, make_user

from .helpers import login
from .test_city_pages import STATUS_QUERIES, city_url

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def reader(db):
    return make_user("stadslasare", role=Membership.Role.CITY)


def _toggle_assessment(report):
    """The nämnd's controller removes (or sets) the bedömning of goal 1.1 through the page's service: a Fel more
    (or less)."""
    user = Membership.objects.filter(namnd=report.namnd, role=Membership.Role.CONTROLLER).first()
    user = (
        user.user
        if user
        else make_user(f"controller-{report.namnd.slug}", namnd=report.namnd, role=Membership.Role.CONTROLLER)
    )
    section = report.sections.get(goal__number="1.1")
    save_section(
        section=section,
        user=user,
        version=section.version,
        changes={"section": {"assessment": "" if section.assessment else "helt"}},
    )


def _errors(client):
    return {
        row.report.namnd.slug: row.checks and row.checks.errors
        for row in client.get(city_url("city:status")).context["rows"]
    }


def test_a_committed_save_has_the_check_made_so_the_status_page_finds_it_ready(
    client, reader, django_capture_on_commit_callbacks, django_assert_num_queries
):
    reports = make_city(3)
    login(client, reader)
    before = _errors(client)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _toggle_assessment(reports[0])
    assert len(callbacks) == 1  # one order for the transaction, however many rows it saved
    # The page reads the new counts from the cache: no check is made in the request.
    with django_assert_num_queries(STATUS_QUERIES):
        after = _errors(client)
    assert after[reports[0].namnd.slug] != before[reports[0].namnd.slug]
    assert {k: v for k, v in after.items() if k != reports[0].namnd.slug} == {
        k: v for k, v in before.items() if k != reports[0].namnd.slug
    }


def test_a_save_orders_the_check_of_the_reports_it_concerns(users, django_capture_on_commit_callbacks, monkeypatch):
    """A report's own row: that report. The city's KF goal: every nämnd's report of its year. A rolled back save:
    nothing."""
    reports = make_city(3)
    ordered = []
    monkeypatch.setattr(background, "refresh_later", lambda ids: ordered.append(sorted(ids)))
    with django_capture_on_commit_callbacks(execute=True):
        _toggle_assessment(reports[1])
    assert ordered == [[reports[1].id]]

    ordered.clear()
    kf_goal = Goal.objects.filter(namnd__isnull=True, year=reports[0].period.year).first()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # as the admin saves it
        kf_goal.text += " (ändrad)"
        kf_goal.save()
    assert ordered == [sorted(r.id for r in reports)]

    ordered.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _toggle_assessment(reports[2])
                raise RuntimeError("avbruten")
        except RuntimeError:
            pass
        _toggle_assessment(reports[0])
    assert ordered == [[reports[0].id]] and len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_while_the_worker_is_behind_the_page_says_the_check_is_pending_then_shows_it(client, reader):
    reports = make_city(3)
    login(client, reader)
    before = _errors(client)
    with override_settings(TASKS=DATABASE_QUEUE):
        _toggle_assessment(reports[0])  # committed: the check waits in the queue
        response = client.get(city_url("city:status"))
        page = response.content.decode()
        assert "Publiceringskontrollen av 1 rapport görs just nu" in page and "Kontrolleras" in page
        rows = {row.report.namnd.slug: row for row in response.context["rows"]}
        assert rows[reports[0].namnd.slug].checks is None and rows[reports[0].namnd.slug].check_pending
        assert all(rows[r.namnd.slug].checks.errors == before[r.namnd.slug] for r in reports[1:])

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    after = client.get(city_url("city:status"))
    assert "Kontrolleras" not in after.content.decode()
    assert _errors(client)[reports[0].namnd.slug] != before[reports[0].namnd.slug]


@pytest.mark.django_db(transaction=True)
def test_when_no_worker_has_come_the_page_checks_the_report_itself(client, reader):
    """The order is older than CHECKS_PENDING_SECONDS (the worker is down): the page computes the result rather
    than wait longer, and never shows the older version's counts."""
    reports = make_city(2)
    login(client, reader)
    before = _errors(client)
    with override_settings(TASKS=DATABASE_QUEUE):
        _toggle_assessment(reports[0])
    cache.delete(background.queued_key(reports[0].id))  # the marker's time is up
    response = client.get(city_url("city:status"))
    assert "Kontrolleras" not in response.content.decode()
    assert _errors(client)[reports[0].namnd.slug] != before[reports[0].namnd.slug]


@pytest.mark.django_db(transaction=True)
def test_the_status_excel_waits_for_every_count(client, reader):
    """An export is a document: it never says 'pending', it checks what the worker has not."""
    from io import BytesIO

    from openpyxl import load_workbook

    reports = make_city(2)
    login(client, reader)
    with override_settings(TASKS=DATABASE_QUEUE):
        _toggle_assessment(reports[0])
        content = client.get(city_url("city:export_excel", view="status")).content
    sheet = load_workbook(BytesIO(content), read_only=True).active
    text = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    assert "Kontrolleras" not in text and "Nämnd 00" in text


def test_queue_checks_orders_every_report_of_the_period_for_after_a_deploy(monkeypatch):
    from io import StringIO

    from tertial.models import Period, Report

    reports = make_city(2)
    other = make_city(1, Period.objects.create(year=2022, kind="T1"), start=5)
    ordered = []
    monkeypatch.setattr("tertial.management.commands.queue_checks.refresh_later", ordered.extend)
    out = StringIO()
    call_command("queue_checks", "2022-T2", stdout=out)
    assert sorted(ordered) == sorted(r.id for r in reports) and "av 2 rapporter" in out.getvalue()
    ordered.clear()
    Report.objects.filter(pk=reports[0].pk).update(status=Report.Status.FASTSTALLD)
    call_command("queue_checks", stdout=StringIO())
    assert sorted(ordered) == sorted([reports[1].id, other[0].id])  # not the fastställd one


def test_queue_checks_fills_the_cache_through_the_worker(client, reader, django_assert_num_queries):
    """Through the real path (immediate backend): afterwards the Status page reads every count from the cache."""
    from io import StringIO

    make_city(3)
    cache.clear()  # as after a deploy: no result of this code's version
    call_command("queue_checks", "2022-T2", stdout=StringIO())
    login(client, reader)
    with django_assert_num_queries(STATUS_QUERIES):
        assert client.get(city_url("city:status")).status_code == 200


def test_a_save_of_an_earlier_report_orders_the_check_of_the_later_reports_that_compare_with_it(
    django_capture_on_commit_callbacks, monkeypatch
):
    """T2 compares its figures with T1's, and every report of a year with last year's VB: a save of T1 orders T2's
    check too (and the VB's of the year), a save of the VB next year's; never another nämnd's nor an earlier's."""
    from tests.conftest import make_namnd, make_period, make_report, set_indicator_result

    from .checks_support import indicator

    namnd = make_namnd()
    t1, t2, vb = (make_report(namnd, make_period(2022, kind)) for kind in ("T1", "T2", "VB"))
    next_t1 = make_report(namnd, make_period(2023, "T1"))
    make_report(make_namnd("Annan nämnd", "annan"), make_period(2022, "T2"))
    ordered = []
    monkeypatch.setattr(background, "refresh_later", lambda ids: ordered.append(sorted(ids)))

    def save(report, outcome):
        ordered.clear()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            set_indicator_result(report=report, indicator=indicator(report, "KF-1"), outcome=outcome)
        return ordered

    assert save(t1, 2) == [sorted([t1.id, t2.id, vb.id])]
    assert save(t2, 2) == [sorted([t2.id, vb.id])]
    assert save(vb, 2) == [sorted([vb.id, next_t1.id])]
