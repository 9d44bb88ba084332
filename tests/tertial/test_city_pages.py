"""The city-wide view (/stad/<period>/): what the stadsledningskontoret reads on each page, the sorting and
filtering, and that every page reads a fixed number of queries whatever the number of nämnder."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tertial.models import Membership
from tests.conftest import make_city, make_period, make_user

from .helpers import login

PERIOD = "2022-T2"
PAGES = ["city:goals", "city:status", "city:economy", "city:indicators", "city:adjustments", "city:proposals"]


def city_url(name, **kwargs):
    return reverse(name, kwargs={"period": PERIOD, **kwargs})


@pytest.fixture
def reader(db):
    return make_user("stadslasare", role=Membership.Role.CITY)


def test_goal_matrix_shows_each_bedomning_as_text_and_symbol_and_the_count_sentence(client, reader):
    reports = make_city(5)
    login(client, reader)
    page = client.get(city_url("city:goals")).content.decode()
    # 1.1: helt, helt, delvis, inte, none over the five nämnder
    assert "Två av fem nämnder bedömer att målet uppfylls helt, en att det uppfylls delvis, en att det inte " in page
    assert "● Helt" not in page  # the symbol is aria-hidden, the word follows it
    assert '<span aria-hidden="true">◐</span> Delvis' in page
    section = reports[2].sections.get(goal__number="1.1")
    assert reverse("section_edit", kwargs={"slug": "namnd-02", "period": PERIOD, "pk": section.pk}) in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page


def test_status_is_sortable_and_shows_the_check_counts(client, reader):
    reports = make_city(3)
    reports[1].sections.update(state="godkand")
    login(client, reader)
    page = client.get(city_url("city:status") + "?sortera=klara&fallande=1").content.decode()
    assert page.index("Nämnd 01") < page.index("Nämnd 00")
    assert "100 %" in page and 'aria-sort="descending"' in page
    assert "Fel" in page and "Ingen angiven" in page


def test_economy_totals_are_computed_across_namnder_and_areas(client, reader):
    make_city(3)  # budget 100 each, prognos 100, 99, 98, requested 0,5 each: avvikelse 0,5 + 1,5 + 2,5
    login(client, reader)
    response = client.get(city_url("city:economy"))
    economy = response.context["economy"]
    assert economy.total.budget == Decimal(300) and economy.total.deviation == Decimal("4.5")
    assert [a.label for a in economy.areas] == ["Äldreomsorg"]
    assert economy.areas_total.deviation == economy.total.deviation
    assert "4,5" in response.content.decode()


def test_indicator_across_namnder_with_a_weighted_city_value(client, reader):
    from indicators.models import Indicator, IndicatorResult
    from tertial.city.models import CityIndicator

    reports = make_city(2)  # KF-1 outcomes 10 and 11
    for weight, report in zip([Decimal(1), Decimal(3)], reports, strict=True):
        w = Indicator.objects.create(
            year=2022,
            namnd=report.namnd,
            goal=Indicator.objects.get(code="KF-1", namnd=report.namnd).goal,
            code="INV",
            name="Invånare",
            kind="kf",
        )
        IndicatorResult.objects.create(report=report, indicator=w, outcome=weight)
    CityIndicator.objects.create(code="KF-1", method=CityIndicator.Method.WEIGHTED, weight_code="INV")
    login(client, reader)
    response = client.get(city_url("city:indicators") + "?indikator=KF-1&sortera=utfall&fallande=1")
    across = response.context["across"]
    assert across.city.outcome == Decimal("10.75")  # (10·1 + 11·3) / 4
    assert [i.namnd.slug for i in across.indicators] == ["namnd-01", "namnd-00"]
    assert "10,8" in response.content.decode()  # one decimal, as the indicator says


def test_indicator_filter_by_goal_and_name(client, reader):
    make_city(2)
    login(client, reader)
    response = client.get(city_url("city:indicators") + "?sok=finns-inte")
    assert response.context["across"] is None and "Ingen KF-indikator matchar urvalet." in response.content.decode()
    response = client.get(city_url("city:indicators") + "?mal=1.1")
    assert response.context["across"].code == "KF-1"


def test_city_pages_are_linked_from_home_for_the_city_roles_only(client, reader, users):
    make_city(1)
    login(client, reader)
    assert reverse("city:index") in client.get("/").content.decode()
    login(client, users["skribent"])
    assert reverse("city:index") not in client.get("/").content.decode()


def test_unknown_period_is_404(client, reader):
    login(client, reader)
    assert client.get("/stad/2022-T9/").status_code == 404
    assert client.get("/stad/1999-T1/").status_code == 404


# The query count of each page at 2 and at 6 nämnder: guards a query per nämnd (its report, goals, sections,
# economy rows, indicator results, decisions) in the matrix, the sums, the lists and the charts.
# Each: session, user and the user's roles (3), the period (1), then the page's own reads.
CITY_QUERIES = {
    "city:goals": 4 + 4,  # goals, counts per goal and bedömning, reports, sections
    "city:economy": 4 + 6,  # reports, then layouts, areas, their rows, drift budgetjusteringar, resultatenheter
    "city:indicators": 4 + 4,  # choices, the indicator's rows, their results, the city rule (no rule: no sum)
    "city:adjustments": 4 + 3,  # budgetjusteringar with nämnd and decision, their sums, omslutningsförändringar
    "city:proposals": 4 + 1,
}


@pytest.mark.parametrize("name", list(CITY_QUERIES))
@pytest.mark.parametrize("count", [2, 6])
def test_city_page_query_count_does_not_grow_with_the_namnder(client, reader, name, count, django_assert_num_queries):
    make_city(count)
    login(client, reader)
    with django_assert_num_queries(CITY_QUERIES[name]):
        assert client.get(city_url(name)).status_code == 200


def test_period_without_reports_renders_every_page(client, reader):
    make_period()
    login(client, reader)
    for name in PAGES:
        assert client.get(city_url(name)).status_code == 200, name


# The status page's own reads are fixed (session, user, roles, period, the reports with their section counts), and
# so are the publication check's counts of every nämnd once each report's version has been checked: the versions'
# fingerprints and the cached results (tertial.checks.cache, one query each for all reports) and the acknowledged
# Varningar (one).
STATUS_QUERIES = 5 + 2 + 1


@pytest.mark.parametrize("count", [3, 10])
def test_status_page_reads_the_same_queries_for_3_and_10_namnder(client, reader, count, django_assert_num_queries):
    # Guards a query per nämnd for its sections' counts, its nämnd, or its publication check.
    make_city(count)
    login(client, reader)
    assert client.get(city_url("city:status")).status_code == 200  # the first look checks each report once
    with django_assert_num_queries(STATUS_QUERIES):
        assert client.get(city_url("city:status")).status_code == 200


def test_status_page_rechecks_only_the_edited_report_and_shows_its_new_counts(client, reader, users):
    from tests.tertial.test_query_counts import CHECKS_COMPUTED

    reports = make_city(4)
    login(client, reader)
    before = client.get(city_url("city:status")).context["rows"]
    errors = {row.report.id: row.checks.errors for row in before}
    edited = reports[0].sections.get(goal__number="1.1")
    edited.assessment = "helt" if edited.assessment == "" else ""  # a goal without bedömning is a Fel
    edited.save()
    with CaptureQueriesContext(connection) as queries:
        after = client.get(city_url("city:status")).context["rows"]
    # One report checked again (its findings looked for, whether the worker is making them looked for (no: the
    # save was not committed in the test, so no check was ordered), computed and stored, then its counts stored: the
    # database cache's five and one), three from the cache.
    assert len(queries) == STATUS_QUERIES + 1 + CHECKS_COMPUTED + 5 + 1
    changed = {row.report.id: row.checks.errors for row in after}
    assert changed[reports[0].id] != errors[reports[0].id]
    assert {k: v for k, v in changed.items() if k != reports[0].id} == {
        k: v for k, v in errors.items() if k != reports[0].id
    }


def test_city_admin_sets_how_an_indicator_adds_up_and_a_reader_cannot(client, reader):
    from tertial.city.models import CityIndicator

    make_city(2)  # outcomes 10 and 11
    admin = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    url = city_url("city:indicator_rule")
    login(client, reader)
    assert "Spara beräkningen" not in client.get(city_url("city:indicators")).content.decode()
    client.post(url, {"code": "KF-1", "method": "summa"})
    assert not CityIndicator.objects.exists()
    login(client, admin)
    response = client.post(url, {"code": "KF-1", "method": "vagt"})  # weighted without a weight: refused
    assert not CityIndicator.objects.exists()
    response = client.post(url, {"code": "KF-1", "method": "medel"}, follow=True)
    assert response.context["across"].city.outcome == Decimal("10.5")
    assert "Beräkningen för hela staden är sparad." in response.content.decode()
    assert CityIndicator.objects.get().history.count() == 1


@pytest.mark.parametrize("key", ["namnd", "status", "klara", "fel", "varningar", "sista-dag"])
def test_status_sorts_by_every_column_without_script(client, reader, key):
    from tertial.city.selectors import STATUS_SORTS

    make_city(4)
    login(client, reader)
    for descending in (False, True):
        response = client.get(city_url("city:status") + f"?sortera={key}" + ("&fallande=1" if descending else ""))
        rows = response.context["rows"]
        assert rows == sorted(rows, key=STATUS_SORTS[key], reverse=descending)
        page = response.content.decode()
        assert f'aria-sort="{"descending" if descending else "ascending"}"' in page
        assert f'href="?sortera={key}{"" if descending else "&amp;fallande=1"}"' in page  # the link turns it round


def test_indicator_sort_links_keep_the_indicator_and_the_filter(client, reader):
    """The column headers' links once read `?indikator=KF-1&amp;amp;sortera=…`: the browser then sent `amp;sortera`,
    and a click on a header sorted nothing."""
    import re

    make_city(2)
    login(client, reader)
    html = client.get(city_url("city:indicators") + "?mal=1.1&indikator=KF-1").content.decode()
    href = re.search(r'<a href="(\?[^"]*sortera=utfall[^"]*)"', html).group(1)
    assert "&amp;amp;" not in href
    response = client.get(city_url("city:indicators") + href.replace("&amp;", "&"))
    assert response.context["sort"] == "utfall" and response.context["code"] == "KF-1"
    assert response.context["form"]["mal"].value() == "1.1"
