"""Mina rapporter as a to-do list (sections to write and to review, by deadline, overdue marked in words) and the
overview's progress per ansvarig."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tertial.deadlines import deadlines_update, today
from tertial.models import Membership, Report, Section
from tests.conftest import make_namnd, make_period, make_report

from .helpers import login, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(db):
    # A period of the current year, so that deadlines a few days from today are valid for it.
    return make_period((today() - timedelta(days=30)).year, "T2")


@pytest.fixture
def report(namnd, period):
    return make_report(namnd, period)


def _section(report, number):
    return report.sections.get(goal__number=number)


def _home(client):
    return client.get("/").content.decode()


def test_todo_lists_the_writers_sections_by_deadline_with_overdue_in_words(client, report, users):
    late, soon = _section(report, "1.1"), _section(report, "1.1.1")
    Section.objects.filter(pk__in=[late.pk, soon.pk]).update(responsible=users["skribent"])
    deadlines_update(
        report=report,
        user=None,
        deadline=today() + timedelta(days=5),
        section_deadlines={late.pk: today() - timedelta(days=3)},
    )
    login(client, users["skribent"])
    html = _home(client)
    todo = html[html.index('id="att-gora"') : html.index("<h2>Rapporter</h2>")]
    assert "Försenad, 3 dagar" in todo
    assert "5 dagar kvar" in todo
    assert "varav <strong>1 försenat</strong>" in todo
    # sorted by deadline: the late KF-mål before the nämndmål
    assert todo.index("verksamhetsområdet 1.1<") < todo.index("Nämndmål 1.1.1")


def test_todo_leaves_out_done_sections_faststalld_reports_and_other_writers(client, report, users, namnd, period):
    mine, others = _section(report, "1.1"), _section(report, "1.1.1")
    Section.objects.filter(pk=mine.pk).update(responsible=users["skribent"], state=Section.State.KLAR)
    Section.objects.filter(pk=others.pk).update(responsible=users["controller"])
    login(client, users["skribent"])
    assert "Du har inga avsnitt att skriva eller granska" in _home(client)

    Section.objects.filter(pk=mine.pk).update(state=Section.State.ATERREMITTERAD)
    assert "Skriva om (återremitterat)" in _home(client)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    assert "Du har inga avsnitt att skriva eller granska" in _home(client)


def test_todo_shows_the_controller_what_to_review(client, report, users):
    section = _section(report, "1.1.1")
    Section.objects.filter(pk=section.pk).update(responsible=users["skribent"], state=Section.State.KLAR)
    login(client, users["controller"])
    html = _home(client)
    todo = html[html.index('id="att-gora"') : html.index("<h2>Rapporter</h2>")]
    assert "Granska (skribent)" in todo and "Nämndmål 1.1.1" in todo
    # a writer sees nothing to review
    login(client, users["skribent"])
    assert "Granska" not in _home(client)


def test_todo_forgets_a_nämnd_where_the_user_lost_the_role(client, report, users):
    Section.objects.filter(report=report).update(responsible=users["skribent"])
    login(client, users["skribent"])
    assert "Nämndmål 1.1.1" in _home(client)
    Membership.objects.filter(user=users["skribent"]).delete()
    client.force_login(users["skribent"])
    assert "Nämndmål 1.1.1" not in _home(client)


def _grow(users, period, count):
    """`count` more nämnder where the skribent writes and the controller reviews every section, with deadlines."""
    for i in range(count):
        namnd = make_namnd(f"Nämnd {i}", f"namnd-{i}")
        for role, user in (("skribent", users["skribent"]), ("controller", users["controller"])):
            Membership.objects.create(user=user, namnd=namnd, role=role)
        report = make_report(namnd, period)
        sections = list(report.sections.all())
        Section.objects.filter(pk__in=[s.pk for s in sections[::2]]).update(responsible=users["skribent"])
        Section.objects.filter(pk__in=[s.pk for s in sections[1::2]]).update(state=Section.State.KLAR)
        deadlines_update(
            report=report,
            user=None,
            deadline=today() + timedelta(days=i),
            section_deadlines={sections[0].pk: today() - timedelta(days=2)},
        )


@pytest.mark.parametrize("who", ["skribent", "controller"])
def test_todo_query_count_is_constant_in_reports_and_sections(client, report, users, period, who):
    # Guards the N+1s of the to-do list: report, nämnd, period, goal and ansvarig per row.
    Section.objects.filter(report=report).update(responsible=users[who])
    login(client, users[who])
    with CaptureQueriesContext(connection) as small:
        small_html = _home(client)
    _grow(users, period, 6)
    client.force_login(users[who])
    with CaptureQueriesContext(connection) as large:
        large_html = _home(client)
    assert large_html.count("<tr") > small_html.count("<tr") + 10  # the list did grow
    assert len(large.captured_queries) == len(small.captured_queries), [q["sql"] for q in large.captured_queries]


# --- Framsteg per ansvarig on the overview ------------------------------------------------------------------------


def test_overview_shows_progress_and_overdue_per_person(client, report, users):
    sections = list(report.sections.all())
    first, second = sections[0], sections[1]
    Section.objects.filter(pk=first.pk).update(responsible=users["skribent"], state=Section.State.KLAR)
    Section.objects.filter(pk=second.pk).update(responsible=users["skribent"])
    deadlines_update(report=report, user=None, deadline=today() - timedelta(days=1))
    login(client, users["controller"])
    html = client.get(url("report_overview", report)).content.decode()
    block = html[html.index('id="framsteg"') : html.index("</table>", html.index('id="framsteg"'))]
    row = block[block.index(">skribent<") :]
    assert "1 av 2" in row[: row.index("</tr>")]
    assert ">1</strong>" in row[: row.index("</tr>")]
    rest = len(sections) - 2
    nobody = block[block.index("Ingen ansvarig") :]
    assert f"0 av {rest}" in nobody and f">{rest}</strong>" in nobody
    assert "Försenad, 1 dag" in html  # in the section's row
