"""Sök i rapporten: goals, texts and indicators found with their context and a link to the place in the section;
only in a report the user may read; a fixed number of queries whatever the report's size."""

import pytest

from goals.models import Goal
from indicators.models import Activity
from tertial.models import Report, Section
from tertial.search import search_report
from tests.conftest import set_activity_result

from .helpers import assert_links_land, login, page_ids, url, write_goal_section
from .test_query_counts import grow


@pytest.fixture
def written(report, users):
    analysis = "<h2>Äldreomsorg</h2><p>Förvaltningen har öppnat <strong>två nya</strong> förskolor.</p>"
    return write_goal_section(report, users["skribent"], analysis, "Feriejobben blev fler än väntat.")


def _search(client, report, q):
    return client.get(url("report_search", report), {"q": q})


def test_search_access(client, users, report, written):
    assert _search(client, report, "förskolor").status_code == 302  # anonymous: to the login
    login(client, users["outsider"])  # a controller of another nämnd
    assert _search(client, report, "förskolor").status_code == 404
    for role in ("skribent", "controller", "sekreterare", "stad"):
        login(client, users[role])
        assert "1 träff för ”förskolor”" in _search(client, report, "förskolor").content.decode(), role


def test_a_hit_shows_its_context_and_links_to_the_place_in_the_section(client, users, report, written):
    section, indicator = written
    login(client, users["skribent"])
    page = _search(client, report, "TVÅ NYA").content.decode()
    edit = url("section_edit", report, section)
    assert f'<a href="{edit}#id_s-analysis">' in page
    # the words of the text, not its markup, with the match marked
    assert "Äldreomsorg Förvaltningen har öppnat <mark>två nya</mark> förskolor." in page
    page = _search(client, report, "feriejobben").content.decode()
    assert f'<a href="{edit}#id_ind-{indicator.pk}-analysis">' in page and "Analys av indikatorn" in page
    assert "<mark>Feriejobben</mark> blev fler än väntat." in page


def test_search_finds_goals_and_indicators_and_folds_swedish_case(report, written):
    section, indicator = written
    assert [h.place for h in search_report(report, "äldreomsorg")[0]] == ["Analys"]  # Ä in the text, ä typed
    goal_hits = search_report(report, section.goal.text.upper())[0]
    assert goal_hits and goal_hits[0].place == "Rubrik" and goal_hits[0].section == section
    indicator_hits = [h for h in search_report(report, indicator.name)[0] if h.place.startswith("Indikator")]
    assert indicator_hits and indicator_hits[0].url.endswith(f"#id_ind-{indicator.pk}-outcome")
    assert search_report(report, "strong")[0] == []  # the stored markup is not searched
    assert search_report(report, "x")[0] == []  # too short


def test_a_presentation_summary_is_searched_only_where_the_section_has_a_slide(report):
    """A nämndmål and a text section the year's template leaves off the slides have no presentation summary on
    their page (nor in the deck): a text stored there (from an earlier template) is no hit linking to nothing."""
    hidden = "<ul><li><p>Bildtext utan bild</p></li></ul>"
    for number in ("1.1", "1.1.1"):
        report.sections.filter(goal__number=number).update(presentation_summary=hidden)
    text = report.sections.get(kind=Section.Kind.INTERNAL_CONTROL)
    assert not text.on_slides
    text.presentation_summary = hidden
    text.save()
    hits = search_report(report, "utan bild")[0]
    kf = report.sections.get(goal__number="1.1")
    assert [(h.section.pk, h.place) for h in hits] == [(kf.pk, "Sammanfattning för presentation")]
    text.on_slides = True
    text.save()
    assert len(search_report(report, "utan bild")[0]) == 2


def test_no_hits_and_too_short_are_said_in_swedish(client, users, report):
    login(client, users["skribent"])
    assert "Inga träffar för ”zyxwv”." in _search(client, report, "zyxwv").content.decode()
    assert "Skriv minst 2 tecken." in _search(client, report, "a").content.decode()


def test_the_overview_has_the_search_box(client, users, report):
    login(client, users["skribent"])
    page = client.get(url("report_overview", report)).content.decode()
    assert f'<form role="search" method="get" action="{url("report_search", report)}"' in page
    assert '<label class="form-label mb-1" for="sok-i-rapporten">' in page


@pytest.mark.parametrize("big", [False, True])
def test_search_query_count_does_not_grow(client, users, report, big, django_assert_num_queries):
    # Guards the N+1s of searching each section's texts, indicators and activities and their results.
    if big:
        grow(report, users)
    login(client, users["skribent"])
    # session, user, report, the user's roles (2), then the report as the print view reads it (9)
    with django_assert_num_queries(13):
        assert _search(client, report, "text").status_code == 200


@pytest.fixture
def everywhere(report, users):
    """One word in every kind of text the search links to a field of: the analysis, the presentation summary, a
    nämndmål's description and expected result, an indicator's name and analysis, an activity's text and analysis."""
    section, indicator = write_goal_section(report, users["skribent"], "<p>Ordet sökbart i analysen.</p>", "Sökbart.")
    section.refresh_from_db()
    section.presentation_summary = "<ul><li><p>Sökbart på bilden</p></li></ul>"
    section.save()
    indicator.name = "Sökbart antal"
    indicator.save()
    activity = Activity.objects.filter(goal=section.goal).get()
    activity.text = "Sökbart uppdrag"
    activity.save()
    set_activity_result(report=report, activity=activity, analysis="<p>Sökbart även här.</p>")
    goal = Goal.objects.get(number="1.1.1")
    goal.description, goal.expected_result = "Sökbart mål.", "Sökbart resultat."
    goal.save()
    return report


@pytest.mark.parametrize(
    "role, locked",
    [("stad", False), ("sekreterare", False), ("controller", True), ("skribent", False)],
    ids=["stad", "sekreterare", "fastställd", "skribent"],
)
def test_every_link_of_the_search_lands_on_an_element_with_its_id(client, users, everywhere, role, locked):
    """A reader's section page is the read-only one; its texts and rows carry the ids of the editable page's fields,
    so that a hit's link lands on the text found, not at the top of the page."""
    report = everywhere
    if locked:
        report.status = Report.Status.FASTSTALLD
        report.save()
    login(client, users[role])
    links = page_ids(_search(client, report, "sökbart")).links
    anchors = {link.split("#")[1] for link in links}
    assert {"id_s-analysis", "id_s-presentation_summary", "beskrivning", "forvantat-resultat"} <= anchors
    assert {a.split("-", 2)[2] for a in anchors if a.startswith(("id_ind-", "id_akt-"))} == {
        "outcome",
        "analysis",
        "deviation",
    }
    assert_links_land(client, links, role)
