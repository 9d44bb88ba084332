"""The economy pages: who may read and edit, what a save changes, and a page whose query count does not grow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from economy import services
from economy.models import AreaRow, BudgetAdjustment, DecisionItem, TurnoverChange
from tertial.models import Report
from tests.conftest import PASSWORD

from .factories import make_area, make_area_row, make_category, make_summary

D = Decimal


def url(report, name="economy:overview", **kwargs):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs})


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def eco(report):
    area = make_area(report, "Äldreomsorg", position=1)
    make_area_row(report, area, "685,5".replace(",", "."), None, "688.7")
    make_category(report, "Parkinvesteringar")
    make_summary(report, cost_budget="700", income_budget="-14.5", cost_forecast="703.2", income_forecast="-14.5")
    return area


def test_anonymous_is_sent_to_login(client, report):
    response = client.get(url(report))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"), [("skribent", 200), ("controller", 200), ("sekreterare", 200), ("stad", 200), ("outsider", 404)]
)
def test_everyone_with_a_role_reads(client, users, report, eco, role, status):
    login(client, users[role])
    response = client.get(url(report))
    assert response.status_code == status
    if status == 200:
        assert "685,5" in response.content.decode()
        assert ("Budgetjusteringar och Förslag till beslut" in response.content.decode()) == (role == "controller")


EDIT_PAGES = [
    "economy:drift_edit",
    "economy:units_edit",
    "economy:investments_edit",
    "economy:turnover_edit",
    "economy:balance_edit",
    "economy:income_edit",
    "economy:adjustments",
    "economy:import",
]


@pytest.mark.parametrize("name", EDIT_PAGES)
@pytest.mark.parametrize(
    ("role", "status"), [("skribent", 403), ("controller", 200), ("sekreterare", 403), ("stad", 403), ("outsider", 404)]
)
def test_only_the_namnds_controllers_edit(client, users, report, eco, name, role, status):
    login(client, users[role])
    assert client.get(url(report, name)).status_code == status


def drift_post(report, budget, version="0"):
    rows = list(AreaRow.objects.filter(report=report).order_by("area__position"))
    data = {
        "version": version,
        "summary-cost_budget": "700",
        "summary-income_budget": "-14,5",
        "summary-cost_forecast": "703,2",
        "summary-income_forecast": "-14,5",
    }
    for r in rows:
        data[f"area-{r.area_id}-budget"] = budget
        data[f"area-{r.area_id}-forecast"] = "688,7"
    return data


def test_controller_saves_drift_figures_typed_the_swedish_way(client, users, report, eco):
    login(client, users["controller"])
    client.get(url(report, "economy:drift_edit"))  # creates the rows and the narrative section
    response = client.post(url(report, "economy:drift_edit"), drift_post(report, "\u2212 1\u202f685,5"))
    assert response.status_code == 302
    row = AreaRow.objects.get(report=report, area=eco)
    assert row.budget == D("-1685.5")
    assert row.history.count() >= 2  # every save leaves history


def test_a_bad_number_is_explained_and_nothing_saved(client, users, report, eco):
    login(client, users["controller"])
    client.get(url(report, "economy:drift_edit"))
    response = client.post(url(report, "economy:drift_edit"), drift_post(report, "12x"))
    assert response.status_code == 400
    assert "”12x” är inte ett tal" in response.content.decode()
    assert AreaRow.objects.get(report=report, area=eco).budget == D("685.5")


def test_skribent_cannot_post_figures(client, users, report, eco):
    login(client, users["controller"])
    client.get(url(report, "economy:drift_edit"))
    login(client, users["skribent"])
    response = client.post(url(report, "economy:drift_edit"), drift_post(report, "1"))
    assert response.status_code == 403
    assert AreaRow.objects.get(report=report, area=eco).budget == D("685.5")


def test_fastställd_report_refuses_edits(client, users, report, eco):
    report.status = Report.Status.FASTSTALLD
    report.save()
    login(client, users["controller"])
    assert client.get(url(report, "economy:drift_edit")).status_code == 403
    response = client.post(
        url(report, "economy:adjustments"), {"kind": "drift", "amount": "1", "purpose": "x", "area": eco.id}
    )
    assert response.status_code == 403
    assert not BudgetAdjustment.objects.exists()
    assert "fastställd" in client.get(url(report)).content.decode()


def test_request_entered_once_shows_in_column_and_forslag(client, users, report, eco):
    login(client, users["controller"])
    response = client.post(
        url(report, "economy:adjustments"),
        {"kind": "drift", "amount": "\u22120,4", "purpose": "minskade hyror", "area": eco.id},
    )
    assert response.status_code == 302
    page = client.get(url(report)).content.decode()
    assert "Stadsdelsnämnden ansöker om budgetjustering om -0,4\xa0mnkr för minskade hyror. (drift)" in page
    assert "Nämnden begär budgetjustering för drift -0,4\xa0mnkr." in page
    adjustment = BudgetAdjustment.objects.get()
    client.post(url(report, "economy:adjustment_delete", pk=adjustment.pk))
    assert not BudgetAdjustment.objects.exists()


def test_extra_decision_items(client, users, report, eco):
    login(client, users["controller"])
    client.post(url(report, "economy:decision_add"), {"text": "Nämnden beslutar att justera protokollet omedelbart."})
    client.post(url(report, "economy:decision_add"), {"text": "Andra punkten."})
    second = DecisionItem.objects.get(text="Andra punkten.")
    client.post(url(report, "economy:decision_move", pk=second.pk), {"direction": "upp"})
    page = client.get(url(report, "economy:adjustments")).content.decode()
    assert page.index("Andra punkten.") < page.index("justera protokollet")


def test_turnover_form(client, users, report, eco):
    login(client, users["controller"])
    data = {"version": "0", f"t-{eco.id}-costs": "11"}  # Intäkter -11 follow
    assert client.post(url(report, "economy:turnover_edit"), data).status_code == 302
    change = TurnoverChange.objects.get()
    assert (change.costs, change.income) == (D("11"), D("-11"))
    assert "omslutningsförändringar om 11,0\xa0mnkr" in client.get(url(report)).content.decode()


def test_economy_page_query_count_does_not_grow_with_rows(
    client, users, report, django_assert_num_queries, django_assert_max_num_queries
):
    """Guards the N+1 of a query per area row, request, resultatenhet or balance line on the economy page."""
    from economy.models import BalanceItem, ResultUnit

    login(client, users["stad"])

    def add(n, start):
        for i in range(start, start + n):
            area = make_area(report, f"Område {i}", position=i)
            make_area_row(report, area, "10", "1", "9")
            make_area_row(report, make_area(report, f"del {i}", parent=area, position=i), "10", "1", "9")
            services.save_adjustment(  # with its motivering's section, printed under Budgetjusteringar
                report=report,
                adjustment=BudgetAdjustment(kind="drift", amount=D("0.1"), purpose=f"ändamål {i}", area=area),
            )
            ResultUnit.objects.create(report=report, code=str(i), name=f"Enhet {i}", area=area, result=D(i))
            BalanceItem.objects.create(report=report, side="tillgangar", name=f"Post {i}", current=D(i))
            make_category(report, f"Kategori {i}", position=i)

    add(2, 0)
    client.get(url(report))  # warm the session and role caches
    with django_assert_max_num_queries(25) as few:  # 18 today: session, user, roles, report, 12 tables, sections
        assert client.get(url(report)).status_code == 200
    count = len(few.captured_queries)
    add(20, 10)
    with django_assert_num_queries(count):
        assert client.get(url(report)).status_code == 200


def test_result_units_added_and_duplicate_codes_explained(client, users, report, eco):
    login(client, users["controller"])
    base = {"version": "0", "units-TOTAL_FORMS": "2", "units-INITIAL_FORMS": "0"}
    unit = {
        "code": "301",
        "name": "Grimsta förskolor",
        "area": eco.id,
        "gross_budget": "37 390,0",
        "transfer_from": "-4 134,0",
        "result": "400,0",
    }
    data = {**base, **{f"units-0-{k}": v for k, v in unit.items()}, **{f"units-1-{k}": v for k, v in unit.items()}}
    response = client.post(url(report, "economy:units_edit"), data)
    assert response.status_code == 400 and "Koden 301 finns två gånger." in response.content.decode()
    data["units-TOTAL_FORMS"] = "1"
    assert client.post(url(report, "economy:units_edit"), data).status_code == 302
    page = client.get(url(report)).content.decode()
    assert "301 Grimsta förskolor" in page and "3\xa0734,0" in page


@pytest.mark.parametrize(
    "name",
    [
        "economy:drift_edit",
        "economy:layout_edit",
        "economy:units_edit",
        "economy:investments_edit",
        "economy:turnover_edit",
        "economy:balance_edit",
        "economy:income_edit",
        "economy:adjustments",
    ],
)
def test_edit_pages_query_count_does_not_grow(
    client, users, report, name, django_assert_num_queries, django_assert_max_num_queries
):
    """Guards the N+1 of a query per row form (the area select of each resultatenhet, each area's label, each
    budgetjustering's area and city decision, each kostnadsslag, balance line and omslutningsförändring)."""
    from economy.models import BalanceItem, CostType, CostTypeRow, ResultUnit, TurnoverChange

    login(client, users["controller"])

    def add(n, start):
        for i in range(start, start + n):
            area = make_area(report, f"Område {i}", position=i)
            make_area(report, f"del {i}", parent=area, position=i)
            ResultUnit.objects.create(report=report, code=str(i), name=f"Enhet {i}", area=area)
            make_category(report, f"Kategori {i}", position=i)
            cost_type = CostType.objects.create(
                namnd=report.namnd, year=report.period.year, name=f"Kostnadsslag {i}", kind="kostnad", position=i
            )
            CostTypeRow.objects.create(report=report, cost_type=cost_type, budget=D(i))
            BalanceItem.objects.create(report=report, side="tillgangar", name=f"Post {i}", current=D(i))
            TurnoverChange.objects.create(report=report, area=area, costs=D(1), income=D(-1))
            services.save_adjustment(
                report=report,
                adjustment=BudgetAdjustment(kind="drift", amount=D("0.1"), purpose=f"ändamål {i}", area=area),
            )

    add(2, 0)
    client.get(url(report, name))  # creates the report's rows and narrative sections
    with django_assert_max_num_queries(30) as few:  # 6 to 17 today, depending on the page
        assert client.get(url(report, name)).status_code == 200
    count = len(few.captured_queries)  # read now: the next request resets Django's query log
    add(15, 10)
    client.get(url(report, name))
    with django_assert_num_queries(count):
        assert client.get(url(report, name)).status_code == 200


def test_controllers_manage_only_their_namnds_catalogue_in_the_admin(client, users, report, other_namnd):
    from economy.models import Area

    make_area(report, "Vårt område")
    Area.objects.create(namnd=other_namnd, year=2022, name="Deras område")
    controller = users["controller"]
    controller.is_staff = True
    controller.save()
    login(client, controller)
    page = client.get(reverse("admin:economy_area_changelist")).content.decode()
    assert "Vårt område" in page and "Deras område" not in page


def test_area_narratives_are_titled_by_their_area(client, users, report):
    """Not the generic "Verksamhetsområde (ekonomi)": the overview, the section page and the Kontroll page."""
    from economy import services
    from tertial.models import Section

    from .factories import make_area, make_area_row

    for position, name in enumerate(["Äldreomsorg", "Stadsmiljö"]):
        make_area_row(report, make_area(report, name, position=position), "10", None, "11")
    services.ensure_economy_rows(report=report)
    section = Section.objects.get(report=report, economy_area_row__area__name="Stadsmiljö")
    assert section.title == "Stadsmiljö"
    client.force_login(users["controller"])
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    overview = client.get(reverse("report_overview", kwargs=kwargs)).content.decode()
    assert ">Äldreomsorg</a>" in overview and ">Stadsmiljö</a>" in overview
    assert "Verksamhetsområde (ekonomi)" not in overview
    page = client.get(reverse("section_edit", kwargs={**kwargs, "pk": section.pk})).content.decode()
    assert "Verksamhetsområde (ekonomi)" not in page and "Stadsmiljö" in page
    kontroll = client.get(reverse("checks:report", kwargs=kwargs)).content.decode()
    assert "Verksamhetsområde (ekonomi)" not in kontroll


def test_area_titles_cost_no_query_per_area(client, users, report):
    # Guards the N+1 of Section.title on economy areas: the lists join economy_area_row__area.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from economy import services

    from .factories import make_area, make_area_row

    client.force_login(users["controller"])
    counts = []
    for names in (["Ett"], ["Två", "Tre", "Fyra", "Fem"]):
        for name in names:
            make_area_row(report, make_area(report, name), "10", None, "11")
        services.ensure_economy_rows(report=report)
        for view, extra in (("report_overview", {}), ("section_edit", {"pk": report.sections.first().pk})):
            with CaptureQueriesContext(connection) as queries:
                kwargs = {"slug": report.namnd.slug, "period": report.period.code, **extra}
                assert client.get(reverse(view, kwargs=kwargs)).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
