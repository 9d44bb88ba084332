"""The scoped admin changelists run a fixed number of queries, whatever the size of the report: a controller's
list of 100 sections or indicators costs what a list of five does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tertial.bench_data import create_bench_report
from tertial.models import Membership
from tests.conftest import make_user

# Each list_display would read a related row per line without its list_select_related:
CHANGELISTS = {
    "tertial_report": "the report's title (period) and nämnd",
    "tertial_section": "the section's title: its goal, and its report's period and nämnd; the responsible user",
    "goals_goal": "the goal's nämnd",
    "goals_reportedgoal": "the nämnd and the KF goal",
    "indicators_indicator": "the indicator's goal and nämnd",
    "indicators_activity": "the activity's goal and nämnd",
    "indicators_indicatorresult": "the result's indicator and its report's period and nämnd",
    "indicators_activityresult": "the result's activity and its report's period and nämnd",
}


def controller_of(report, username):
    return make_user(username, namnd=report.namnd, role=Membership.Role.CONTROLLER, is_staff=True)


def build(slug, size):
    return create_bench_report(
        slug=slug, name=f"Nämnd {slug}", period_code="2025-T2", min_words=5, max_words=10, **size
    )


@pytest.mark.django_db
@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_changelist_query_count_does_not_grow_with_the_report(client, django_assert_num_queries, changelist):
    small = build("liten", {"goals": 6, "indicators": 4, "activities": 4})
    large = build("stor", {"goals": 40, "indicators": 120, "activities": 150})
    url = reverse(f"admin:{changelist}_changelist")

    client.force_login(controller_of(small, "controller-liten"))
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(url).status_code == 200
    rows_small = small_queries.captured_queries

    client.force_login(controller_of(large, "controller-stor"))
    # Guards the N+1 of list_display: CHANGELISTS[changelist] read per row.
    with django_assert_num_queries(len(rows_small)):
        response = client.get(url)
    assert response.status_code == 200
    # The large list really is longer (up to a page of 100): otherwise the comparison proves nothing.
    if changelist != "tertial_report":  # one report per nämnd and period
        assert response.context["cl"].result_count > 10
