"""The overview, section and history pages run a fixed number of SQL queries whatever the report's size."""

from decimal import Decimal

import pytest

from goals.models import Goal
from tertial.editing import add_comment, save_section
from tertial.models import Section
from tertial.services import ensure_report_sections
from tertial.workflow import set_section_state
from tests.conftest import make_activity, make_goal, make_indicator, set_activity_result, set_indicator_result

from .helpers import login, url


def grow(report, users, goals=12, per_goal=8):
    """Make the report big: more nämndmål with sections, and per goal indicators, activities, results, comments,
    review transitions and saved versions (everything a page could be tempted to query per row)."""
    kf = Goal.objects.get(number="1.1", namnd=None)
    targets = [kf] + [
        make_goal(f"1.1.{n}", f"Nämndmål {n}", namnd=report.namnd, parent=kf) for n in range(2, goals + 2)
    ]
    planned = []
    for goal in targets:
        for i in range(per_goal):
            indicator = make_indicator(goal, report.namnd, f"{goal.number}-{i}")
            activity = make_activity(goal, report.namnd, f"Aktivitet {i}")
            planned.append((i, indicator, activity))
    ensure_report_sections(report=report)  # the new goals' sections and results, as after a plan import
    for i, indicator, activity in planned:
        set_indicator_result(report=report, indicator=indicator, outcome=Decimal(i))
        set_activity_result(report=report, activity=activity, deviation=bool(i % 2))
    for section in report.sections.all():
        section.report = report
        add_comment(section=section, user=users["skribent"], text="Kommentar")
        add_comment(section=section, user=users["controller"], text="Svar")
        set_section_state(section=section, user=users["skribent"], to_state=Section.State.KLAR)
        save_section(section=section, user=users["skribent"], version=1, changes={"section": {"analysis": "Text"}})
    report.sections.filter(goal__number="1.1").update(responsible=users["skribent"])


# The publication check's findings when this version of the report has been checked (tertial.checks.cache): the
# fingerprint of the report's version and the cached result.
CHECKS_CACHED = 2
# ... and the first time a version is seen: the check itself, its five reads of the report (tertial.checks.context)
# and the economy consistency checks' eight (economy.tables.load(for_checks=True): layout, areas, rows, summary,
# budgetjusteringar, resultatenheter, omslutning, balance sheet), then storing the result (five,
# the database cache's own inside the test's transaction).
CHECKS_COMPUTED = 5 + 8 + 5

# The section page's own reads (15, one of them the year's template for a goal's anvisningar), plus the publication
# check's findings for the section and their acknowledgements with who acknowledged (one, not one per Varning).
SECTION_PAGE_QUERIES = 15 + CHECKS_CACHED + 1

# The overview's own reads (9), whether the next period's report exists (1, the controller's roll-over button), plus
# the publication check's counts (tertial.checks.summarize): the findings and the acknowledged keys (1). Guards a
# per-section check query.
# And its tables of sections, a cached fragment (tertial.fragments): one read when these rows were shown before,
# else the read and storing it (five, the database cache's own inside the test's transaction).
FRAGMENT_CACHED = 1
FRAGMENT_STORED = 5
OVERVIEW_QUERIES = 9 + 1 + CHECKS_CACHED + 1 + FRAGMENT_CACHED


def _count(client, page_url, django_assert_num_queries, expected, checked=False, first_extra=0):
    """The page's queries the first time the report's version is checked, then the next time (cached).
    `checked`: an earlier page has already checked this version. `first_extra`: the first view's other stores."""
    # session + user, report, roles, then the page's own fixed reads
    if not checked:
        with django_assert_num_queries(expected + CHECKS_COMPUTED + first_extra):
            assert client.get(page_url).status_code == 200
    with django_assert_num_queries(expected):
        assert client.get(page_url).status_code == 200


def _count_overview(client, report, django_assert_num_queries):
    page_url = url("report_overview", report)
    _count(client, page_url, django_assert_num_queries, OVERVIEW_QUERIES, first_extra=FRAGMENT_STORED)


@pytest.mark.parametrize("big", [False, True])
def test_overview_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1s of the goal tree: goal and responsible per row, missing outcomes per goal; and of the
    # publication check counts (a fixed number whatever the report's size).
    if big:
        grow(report, users)
    login(client, users["controller"])
    _count_overview(client, report, django_assert_num_queries)


@pytest.mark.parametrize("big", [False, True])
def test_section_page_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1s of the tables: result and last year's VB outcome per indicator, result per activity,
    # author per comment, user per transition. 15 of the page's own, 10 of the publication checks
    # (tertial.checks.findings_for_section runs the report's checks, themselves a fixed number; the economy part
    # loads only what it checks: economy.tables.load(for_checks=True)).
    if big:
        grow(report, users)
    section = report.sections.get(goal__number="1.1")
    login(client, users["controller"])
    _count(client, url("section_edit", report, section), django_assert_num_queries, SECTION_PAGE_QUERIES)


@pytest.mark.parametrize("big", [False, True])
def test_history_page_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1 of the versions: the user and the figures of each version.
    if big:
        grow(report, users)
    section = report.sections.get(goal__number="1.1")
    login(client, users["controller"])
    _count(client, url("section_history", report, section), django_assert_num_queries, 8, checked=True)


@pytest.mark.parametrize("big", [False, True])
def test_home_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1 of the progress bars and returned sections per report (plus the user's roles, one query, for
    # the Ny rapport, Rapportmallar, Stadens år, Nämndens plan and Hela staden links, and which reports the user
    # sees: cached on the user), and of the to-do list (report, nämnd, period, goal, ansvarig per section: one query).
    if big:
        grow(report, users)
    login(client, users["skribent"])
    _count(client, "/", django_assert_num_queries, 6, checked=True)


@pytest.mark.parametrize(
    "size",
    [
        {"goals": 5, "indicators": 5, "activities": 5, "max_words": 600},
        {"goals": 30, "indicators": 150, "activities": 250, "max_words": 6000},  # the full-size benchmark report
    ],
)
def test_bench_report_pages_run_the_same_queries(db, client, size, django_assert_num_queries):
    # Guards every per-row query of the overview and of the goal page with the most indicators and activities.
    from django.db.models import Count

    from tertial.bench_data import create_bench_report
    from tertial.models import Membership
    from tests.conftest import make_user

    report = create_bench_report(slug="bench", name="Benchnämnd", period_code="2022-T2", min_words=500, **size)
    controller = make_user("bench-controller", namnd=report.namnd, role=Membership.Role.CONTROLLER)
    login(client, controller)
    _count_overview(client, report, django_assert_num_queries)
    heaviest = (
        report.sections.filter(goal__level__gt=1)
        .annotate(n=Count("goal__indicators", distinct=True) + Count("goal__activities", distinct=True))
        .order_by("-n")
        .first()
    )
    _count(client, url("section_edit", report, heaviest), django_assert_num_queries, SECTION_PAGE_QUERIES, checked=True)
