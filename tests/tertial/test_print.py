"""The print views of a section and of the whole report: every analysis written out and every column of the
indicator table, for every role that reads the report, in a fixed number of queries."""

import pytest

from indicators.table import indicator_headings

from .helpers import login, url, write_goal_section
from .test_query_counts import grow


def _fill(report, user):
    return write_goal_section(report, user, "Analysen av målet i sin helhet.", "Indikatorns egen analys.")


@pytest.mark.parametrize("name", ["report_print", "section_print"])
def test_print_view_access(client, users, report, name):
    section = report.sections.get(goal__number="1.1")
    page_url = url(name, report, section if name == "section_print" else None)
    assert client.get(page_url).status_code == 302  # anonymous: to the login
    login(client, users["outsider"])
    assert client.get(page_url).status_code == 404
    for role in ("skribent", "controller", "sekreterare", "stad"):
        login(client, users[role])
        assert client.get(page_url).status_code == 200, role


@pytest.mark.parametrize("name", ["report_print", "section_print"])
def test_print_view_keeps_the_analyses_and_every_column(client, users, report, name):
    section, indicator = _fill(report, users["skribent"])
    login(client, users["skribent"])
    page = client.get(url(name, report, section if name == "section_print" else None)).content.decode()
    assert "Analysen av målet i sin helhet." in page and "Indikatorns egen analys." in page
    assert "Uppfylls delvis" in page and "1,44" in page
    table = page[page.index('class="table table-sm indicator-table"') :]
    for heading in indicator_headings(report.period.year):  # the last ones too (Årsmål, KF:s årsmål, Period)
        assert f'<th scope="col">{heading}</th>' in table, heading
    assert "<details" not in page and "<textarea" not in page  # nothing folded, nothing to edit


@pytest.mark.parametrize("big", [False, True])
def test_report_print_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1s of the whole report: a text per section, the indicators, their results and last year's VB
    # outcome per goal, the activities and their results per goal.
    if big:
        grow(report, users)
    _fill(report, users["skribent"])
    login(client, users["controller"])
    # session, user, report, the user's roles (2), then print_sections: sections (3), texts (1), indicators,
    # results, VB outcomes, activities, activity results (5); print_report: the economy (12 tables, its texts,
    # Förslag items: 15, a fixed number whatever the rows)
    with django_assert_num_queries(28):
        assert client.get(url("report_print", report)).status_code == 200


def test_the_overview_and_the_section_page_link_to_their_print_views(client, users, report):
    section = report.sections.get(goal__number="1.1")
    login(client, users["stad"])
    assert (
        f'href="{url("report_print", report)}">Skriv ut rapporten<'
        in client.get(url("report_overview", report)).content.decode()
    )
    page = client.get(url("section_edit", report, section)).content.decode()
    assert f'href="{url("section_print", report, section)}">Utskrift<' in page
