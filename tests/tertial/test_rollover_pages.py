"""The roll-over in the browser: the overview's button, the mark on copied sections, the previous period's outcomes
beside the inputs, the Kontroll's warning."""

from decimal import Decimal

import pytest

from indicators.models import Indicator
from tertial.checks import run_checks
from tertial.models import Report
from tertial.numbers import format_number
from tertial.rollover import report_rollover
from tests.conftest import make_period, make_report, set_indicator_result
from tests.tertial.helpers import login, section_post_data, url


@pytest.fixture
def t1(namnd, users):
    report = make_report(namnd, make_period(2022, "T1"))
    goal = report.sections.get(goal__number="1.1.1")
    goal.assessment, goal.analysis, goal.responsible = "helt", "Målet nås under året.", users["skribent"]
    goal.save()
    indicator = Indicator.objects.get(namnd=namnd, code="N-1")
    set_indicator_result(report=report, indicator=indicator, outcome=Decimal(1234))
    return report


def test_the_controller_creates_tertial_2_from_tertial_1_on_the_overview(client, t1, users):
    login(client, users["controller"])
    page = client.get(url("report_overview", t1)).content.decode()
    assert "Skapa Tertial 2 från Tertial 1" in page
    response = client.post(url("report_carry_over", t1))
    t2 = Report.objects.get(period__kind="T2")
    assert response.status_code == 302 and response["Location"] == url("report_overview", t2)
    page = client.get(response["Location"]).content.decode()
    assert "Rapporten är skapad från" in page and "Tertialrapport 1 2022" in page
    assert "1 avsnitt är inte uppdaterade sedan kopieringen" in page
    assert "Från Tertial 1 – ej uppdaterad" in page
    assert "Skapa Verksamhetsberättelse från Tertial 2" in page
    # Tertial 1's own button is gone once Tertial 2 exists; a second POST says why.
    assert "Skapa Tertial 2 från Tertial 1" not in client.get(url("report_overview", t1)).content.decode()
    response = client.post(url("report_carry_over", t1), follow=True)
    assert "har redan en rapport för Tertial 2 2022" in response.content.decode()
    assert Report.objects.count() == 2


@pytest.mark.parametrize("name", ["skribent", "sekreterare", "stad"])
def test_only_the_controller_sees_and_uses_the_button(client, t1, users, name):
    login(client, users[name])
    assert "Skapa Tertial 2" not in client.get(url("report_overview", t1)).content.decode()
    assert client.post(url("report_carry_over", t1)).status_code == 403
    assert Report.objects.count() == 1


def test_an_outsider_gets_404_and_get_writes_nothing(client, t1, users):
    login(client, users["outsider"])
    assert client.post(url("report_carry_over", t1)).status_code == 404
    login(client, users["controller"])
    assert client.get(url("report_carry_over", t1)).status_code == 405
    assert Report.objects.count() == 1


def test_the_writer_sees_the_mark_and_the_previous_outcome_and_saving_clears_it(client, t1, users):
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    section = t2.sections.get(goal__number="1.1.1")
    login(client, users["skribent"])
    page = client.get(url("section_edit", t2, section)).content.decode()
    assert 'id="carried-mark"' in page and "Från Tertial 1 – ej uppdaterad" in page
    # T1's outcome beside the empty input
    assert "Utfall Tertial 1" in page and f'previous-period">{format_number(Decimal(1234), 0, "st")}<' in page
    data = section_post_data(client, t2, section)
    assert data["s-analysis"].strip() == "<p>Målet nås under året.</p>"
    response = client.post(url("section_edit", t2, section), data)
    assert response.status_code == 302
    page = client.get(url("section_edit", t2, section)).content.decode()
    assert 'id="carried-mark"' not in page and "Sparat (version 2)" in page


def test_a_reader_sees_the_previous_outcome_under_its_own_heading(client, t1, users):
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    section = t2.sections.get(goal__number="1.1.1")
    login(client, users["stad"])  # the read-only page
    page = client.get(url("section_edit", t2, section)).content.decode()
    assert 'id="section-form"' not in page and "Utfall Tertial 1" in page
    # as many cells in the row as headings above it, the T1 outcome in the column after Periodens utfall
    table = page[page.index('class="table table-sm indicator-table"') :]
    headings = table[: table.index("</thead>")].count('<th scope="col">')
    row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    assert row.count("<td") + row.count("<th") == headings
    assert f'previous-period">{format_number(Decimal(1234), 0, "st")}<' in row


def test_the_kontroll_warns_on_sections_never_updated_since_the_copy(t1, users):
    t2 = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    section = t2.sections.get(goal__number="1.1.1")
    warnings = [f for f in run_checks(t2) if f.key == f"ej-uppdaterad:avsnitt-{section.pk}"]
    assert len(warnings) == 1 and not warnings[0].is_error
    assert "kopierat från Tertial 1 och har inte uppdaterats" in warnings[0].message
    section.carried_unchanged = False
    section.save()
    assert not [f for f in run_checks(t2) if f.key.startswith("ej-uppdaterad")]


@pytest.mark.django_db
@pytest.mark.parametrize("goals", [6, 18])
def test_a_carried_over_reports_pages_run_the_same_queries_whatever_its_size(client, goals, django_assert_num_queries):
    """The roll-over's log (overview) and the previous period's outcomes (section page) are one query each, not
    one per section or indicator."""
    from tertial.bench_data import create_bench_report
    from tertial.models import Membership
    from tests.conftest import make_user
    from tests.tertial.test_query_counts import (
        CHECKS_COMPUTED,
        FRAGMENT_STORED,
        OVERVIEW_QUERIES,
        SECTION_PAGE_QUERIES,
    )

    source = create_bench_report(
        slug="bench", name="Bench", period_code="2022-T1", goals=goals, indicators=goals * 4, min_words=20, max_words=40
    )
    t2 = report_rollover(source=source, period=make_period(2022, "T2")).target
    controller = make_user("bench-controller", namnd=t2.namnd, role=Membership.Role.CONTROLLER)
    login(client, controller)
    # the first look at this version: the check computed, the section tables stored
    with django_assert_num_queries(OVERVIEW_QUERIES + CHECKS_COMPUTED + FRAGMENT_STORED + 1):
        assert client.get(url("report_overview", t2)).status_code == 200
    heaviest = t2.sections.filter(goal__level=2).first()
    with django_assert_num_queries(SECTION_PAGE_QUERIES + 1):  # the check's result cached by the overview
        page = client.get(url("section_edit", t2, heaviest))
    assert "Utfall Tertial 1" in page.content.decode()
