""" "Ändrat sedan Tertial 1": the changes of texts and figures per section and for the whole report."""

from decimal import Decimal

import pytest

from indicators.models import Indicator
from tertial.changes import report_changes
from tertial.editing import save_section
from tertial.rollover import report_rollover
from tests.conftest import make_period, make_report, set_indicator_result
from tests.tertial.helpers import login, url

TEXT = "## Feriejobb\nVi erbjöd 300 ungdomar feriejobb i sommar.\nAndelen flickor ökade."


@pytest.fixture
def t1(namnd, users):
    report = make_report(namnd, make_period(2022, "T1"))
    goal = report.sections.get(goal__number="1.1.1")
    goal.assessment, goal.analysis = "delvis", TEXT
    goal.save()
    indicator = Indicator.objects.get(namnd=namnd, code="N-1")
    set_indicator_result(report=report, indicator=indicator, outcome=Decimal(1200), forecast=Decimal(2000))
    return report


@pytest.fixture
def t2(t1, users):
    """Tertial 2 made from Tertial 1; the writer changes one sentence, the bedömning and the outcome."""
    report = report_rollover(source=t1, period=make_period(2022, "T2"), user=users["controller"]).target
    goal = report.sections.get(goal__number="1.1.1")
    indicator = Indicator.objects.get(namnd=t1.namnd, code="N-1")
    changes = {
        "section": {"assessment": "helt", "analysis": TEXT.replace("300 ungdomar", "450 ungdomar")},
        "indicators": {indicator.pk: {"outcome": Decimal(1850), "forecast": Decimal(2000)}},
    }
    save_section(section=goal, user=users["skribent"], version=goal.version, changes=changes)
    return report


def test_the_diff_shows_a_changed_sentence_a_changed_figure_and_the_bedomning(t2):
    changes = report_changes(t2)
    assert changes.since == "Tertial 1" and changes.previous.period.kind == "T1"
    goal = next(c for c in changes.sections if c.section.goal_id and c.section.goal.number == "1.1.1")
    by_label = {c.label: c for c in goal.changes}
    assert (by_label["Bedömning"].before, by_label["Bedömning"].after) == ("Uppfylls delvis", "Uppfylls helt")
    outcome = by_label["Indikator N-1 – Periodens utfall"]
    assert (outcome.before, outcome.after) == ("1\xa0200\xa0st", "1\xa0850\xa0st")
    assert "Indikator N-1 – Prognos helår" not in by_label  # the same forecast is no change
    (row,) = [r for r in by_label["Analys"].diff if r[0] == "replace"]
    assert ("delete", "300 ") in row[1] and ("insert", "450 ") in row[1]
    # The unchanged lines around it are context, compared as plain text (the heading's markup is not shown).
    assert ("equal", [("equal", "Andelen flickor ökade.")]) in by_label["Analys"].diff
    assert ("equal", [("equal", "Feriejobb")]) in by_label["Analys"].diff


def test_the_summary_copied_unchanged_is_no_change(t1, t2):
    summary = t2.sections.get(kind="sammanfattande_analys")
    changes = report_changes(t2, only_section=summary)
    assert changes.sections == [] and changes.unchanged == 1


def test_the_diff_page_for_the_report_and_for_one_section(client, t2, users):
    login(client, users["skribent"])
    page = client.get(url("report_changes", t2)).content.decode()
    assert "Ändrat sedan Tertial 1" in page
    assert "<del>300 </del><ins>450 </ins>" in page
    assert "1\xa0200\xa0st → 1\xa0850\xa0st" in page
    section = t2.sections.get(goal__number="1.1.1")
    page = client.get(url("section_changes", t2, section)).content.decode()
    assert "<del>300 </del><ins>450 </ins>" in page and "Hela rapporten" in page
    other = t2.sections.get(goal__number="1.1")
    assert "<del>300 " not in client.get(url("section_changes", t2, other)).content.decode()


def test_a_report_without_a_previous_one_says_so(client, report, users):
    login(client, users["skribent"])
    page = client.get(url("report_changes", report)).content.decode()
    assert "Det finns ingen rapport för föregående period att jämföra med." in page


def test_a_report_made_empty_compares_with_the_previous_period_anyway(client, t1, users):
    t2 = make_report(t1.namnd, make_period(2022, "T2"))
    changes = report_changes(t2)
    assert changes.previous == t1
    goal = next(c for c in changes.sections if c.section.goal_id and c.section.goal.number == "1.1.1")
    assert "Analys" in {c.label for c in goal.changes}


def test_outsiders_do_not_see_the_diff(client, t2, users):
    login(client, users["outsider"])
    assert client.get(url("report_changes", t2)).status_code == 404
    client.logout()
    assert client.get(url("report_changes", t2)).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("goals", [6, 18])
def test_the_diff_page_runs_the_same_queries_whatever_the_report_size(client, goals, django_assert_num_queries):
    """Both reports are read whole, once, and paired in memory: no query per section, indicator or activity."""
    from tertial.bench_data import create_bench_report
    from tertial.models import Membership
    from tests.conftest import make_user

    source = create_bench_report(
        slug="bench",
        name="Bench",
        period_code="2022-T1",
        goals=goals,
        indicators=goals * 4,
        activities=goals * 6,
        min_words=20,
        max_words=60,
    )
    t2 = report_rollover(source=source, period=make_period(2022, "T2")).target
    writer = make_user("bench-skribent", namnd=t2.namnd, role=Membership.Role.SKRIBENT)
    login(client, writer)
    # session, user, report, roles (4), then each report's sections, indicator and activity results (3 + 3)
    with django_assert_num_queries(DIFF_PAGE_QUERIES):
        page = client.get(url("report_changes", t2))
    assert "Periodens utfall" in page.content.decode()  # T1's outcomes are gone in T2: every one is a change


DIFF_PAGE_QUERIES = 4 + 3 + 3
