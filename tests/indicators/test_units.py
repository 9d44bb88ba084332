"""Figures that make sense: what each unit allows (a share 0–100 %, persons whole), the unit typed after the
number (`146 st`), on the section page, in the admin, in the plan import and in any service call."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from goals.services import plan_import
from indicators.models import Indicator, IndicatorResult
from indicators.units import figure_problem, strip_typed_unit
from tertial.demo import seed_hasselby_vallingby_2022, seed_socialnamnden_2024
from tertial.editing import save_section
from tertial.errors import ServiceError
from tertial.uploads import ImportRejected
from tests.goals.plan_files import indicator as plan_row
from tests.goals.plan_files import plan_bytes
from tests.goals.test_plan_import import YEAR, kf  # noqa: F401 (the fixture)
from tests.tertial.helpers import login, section_post_data, url
from tests.tertial.test_admin_versions import admin_form, admin_url


def _indicator(**fields):
    return Indicator(**{"unit": "%", "gender_split": "none", "person_based": False, "target_text": ""} | fields)


@pytest.mark.parametrize(
    ("fields", "value", "message"),
    [
        ({}, "-3.5", "En andel i procent ligger mellan 0 och 100 %: -3,5\xa0% går inte."),
        ({}, "100.4", "En andel i procent ligger mellan 0 och 100 %: 100,4\xa0% går inte."),
        ({}, "0", None),
        ({}, "100", None),
        # Nämndens prognossäkerhet: årsmål "+/- 1 %", Socialnämnden's VB 2023 printed −1 %.
        ({"target_text": "+/-1 %"}, "-1", None),
        ({"target_text": "+/-1 %"}, "-140", "En avvikelse i procent ligger mellan −100 och 100 %: -140\xa0% går inte."),
        # Antal aspiranter som fått Stockholmsjobb: 11 st = 2 + 9, a count of people.
        (
            {"unit": "st", "gender_split": "count"},
            "12.5",
            "Ett antal personer är ett heltal, 0 eller fler: 12,5\xa0st går inte.",
        ),
        (
            {"unit": "st", "person_based": True},
            "-2",
            "Ett antal personer är ett heltal, 0 eller fler: -2\xa0st går inte.",
        ),
        ({"unit": "personer"}, "12.5", "Ett antal personer är ett heltal, 0 eller fler: 12,5\xa0personer går inte."),
        # Antal förskolebarn per anställd (årsarbetare): 4,7 st, a ratio, not people counted.
        ({"unit": "st"}, "4.7", None),
        ({"unit": "GWh"}, "1945", None),
        ({"unit": ""}, "-251", None),  # Antal tillkomna permanenta genomgångsbostäder, a net change
    ],
)
def test_the_unit_decides_what_a_figure_may_be(fields, value, message):
    assert figure_problem(_indicator(**fields), D(value)) == message


@pytest.mark.parametrize(
    ("fields", "typed", "left"),
    [
        ({"unit": "st"}, "146 st", "146"),
        ({"unit": "st"}, "146 ST", "146"),
        ({"unit": "%"}, "0,31 %", "0,31"),
        ({"unit": "%"}, "0,31 procent", "0,31"),
        ({"unit": "st", "person_based": True}, "12 personer", "12"),
        ({"unit": "GWh"}, "1,5 GWh", "1,5"),
        ({"unit": "barn/avd."}, "14 barn/avd.", "14"),
        ({"unit": "kg CO2 per kg livsmedel"}, "1,7 kg CO2 per kg livsmedel", "1,7"),
        ({"unit": "st"}, "2 091", "2 091"),
        ({"unit": "st"}, "tolv", "tolv"),  # not a number: the parser says so
    ],
)
def test_the_indicators_own_unit_may_follow_the_number(fields, typed, left):
    assert strip_typed_unit(_indicator(**fields), typed) == left


def test_another_unit_is_refused_with_the_right_one():
    with pytest.raises(ValueError, match="”5 %”: indikatorn mäts i st. Skriv talet, till exempel 5 eller 5 st."):
        strip_typed_unit(_indicator(unit="st"), "5 %")
    with pytest.raises(ValueError, match="”85 %”: indikatorn har ingen enhet. Skriv bara talet, till exempel 85."):
        strip_typed_unit(_indicator(unit=""), "85 %")


@pytest.mark.parametrize("seed", [seed_hasselby_vallingby_2022, seed_socialnamnden_2024])
def test_every_figure_the_published_reports_print_passes_its_rule(seed):
    """The rules are read from the reports: none of their 126 indicators' printed figures is refused."""
    refused = []
    for row in seed.INDICATORS:
        ind = _indicator(**{k: row.get(k, "") for k in ("unit", "gender_split", "person_based", "target_text")})
        ind.kf_target_text = row.get("kf_target_text", "")
        for name in (*IndicatorResult.FIGURE_FIELDS, *Indicator.FIGURE_FIELDS):
            if problem := figure_problem(ind, row.get(name)):
                refused.append((row["name"], name, problem))
    assert refused == []


# --- every write path ------------------------------------------------------------------------------------------


@pytest.fixture
def kf_section(report):
    return report.sections.get(goal__number="1.1")


@pytest.fixture
def own_section(report):
    return report.sections.get(goal__number="1.1.1")


def _post(client, report, section, code, field, typed):
    data = section_post_data(client, report, section)
    indicator = Indicator.objects.get(namnd=report.namnd, code=code)
    data[f"ind-{indicator.pk}-{field}"] = typed
    return client.post(url("section_edit", report, section), data), indicator


def test_page_refuses_a_negative_share_at_its_cell(client, users, report, kf_section):
    login(client, users["skribent"])
    response, indicator = _post(client, report, kf_section, "KF-1", "outcome", "−3,5")
    assert response.status_code == 400
    page = response.content.decode()
    assert "En andel i procent ligger mellan 0 och 100 %: -3,5\xa0% går inte." in page
    assert f'aria-describedby="id_ind-{indicator.pk}-outcome-fel"' in page
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome is None


def test_page_refuses_half_a_person(client, users, report, own_section):
    Indicator.objects.filter(code="N-1").update(person_based=True)  # Antal aspiranter som fått Stockholmsjobb
    login(client, users["skribent"])
    response, indicator = _post(client, report, own_section, "N-1", "outcome", "12,5 personer")
    assert response.status_code == 400
    assert "Ett antal personer är ett heltal, 0 eller fler: 12,5\xa0st går inte." in response.content.decode()
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome is None


def test_page_accepts_146_st(client, users, report, own_section):
    login(client, users["skribent"])
    response, indicator = _post(client, report, own_section, "N-1", "outcome", "146 st")
    assert response.status_code == 302
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome == D(146)


def test_page_refuses_a_unit_of_another_cell(client, users, report, own_section):
    login(client, users["skribent"])
    response, _ = _post(client, report, own_section, "N-1", "forecast", "5 %")
    assert response.status_code == 400
    assert "”5 %”: indikatorn mäts i st." in response.content.decode()


def test_admin_refuses_a_negative_share(report, superuser):
    result = IndicatorResult.objects.get(report=report, indicator__code="KF-1")
    client = Client()
    client.force_login(superuser)
    data = admin_form(client, result)
    data["outcome"] = "−3,5"
    response = client.post(admin_url(result), data)
    assert response.status_code == 200  # the form again, with the error at the field
    assert "En andel i procent ligger mellan 0 och 100 %: -3,5\xa0% går inte." in response.content.decode()
    result.refresh_from_db()
    assert result.outcome is None


def test_admin_refuses_an_arsmal_above_100_percent(superuser, report):
    indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    client = Client()
    client.force_login(superuser)
    page = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk])).content.decode()
    assert "Årsmål (tal)" in page
    from tests.tertial.test_admin_scope import form_data

    data = form_data(indicator)
    data["target_value"] = "140"
    response = client.post(reverse("admin:indicators_indicator_change", args=[indicator.pk]), data)
    assert response.status_code == 200
    assert "En andel i procent ligger mellan 0 och 100 %: 140\xa0% går inte." in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target_value == D("2.0")


def test_service_refuses_a_figure_the_unit_does_not_allow(report, kf_section, users):
    """A command or any other caller of the page's service is refused the same way, with nothing written."""
    indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    with pytest.raises(ServiceError, match="Indikator KF-1: En andel i procent ligger mellan 0 och 100 %"):
        save_section(
            section=kf_section,
            user=users["controller"],
            version=kf_section.version,
            changes={"indicators": {indicator.pk: {"outcome": D("-3.5")}}},
        )
    kf_section.refresh_from_db()
    assert kf_section.version == 1
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome is None


def test_plan_import_refuses_a_share_above_100_at_its_cell(kf, namnd):  # noqa: F811 (the fixture)
    data = plan_bytes(
        followed=["1.1"],
        goals=[("1.1.1", "Ett")],
        indicators=[plan_row("N", "Andel nöjda", "1.1.1", Enhet="%", Årsmål="140")],
    )
    with pytest.raises(ImportRejected) as rejected:
        plan_import(namnd=namnd, year=YEAR, data=data, file_name="plan.xlsx")
    assert any(
        line.startswith("Indikatorer, rad 2, kolumn I (Årsmål): En andel i procent ligger mellan 0 och 100 %: 140")
        for line in rejected.value.details
    ), rejected.value.details
    assert not Indicator.objects.filter(code="N").exists()


def test_admin_refuses_a_kf_arsmal_above_100_percent_in_the_citys_structure(superuser, report):
    from indicators.models import KfIndicator
    from tests.tertial.test_admin_scope import form_data

    kf_indicator = KfIndicator.objects.create(
        year=2022, goal=Indicator.objects.get(code="KF-1").goal, code="KF-1", name="Andel", unit="%"
    )
    client = Client()
    client.force_login(superuser)
    data = form_data(kf_indicator)
    data["kf_target_value"] = "140"
    response = client.post(reverse("admin:indicators_kfindicator_change", args=[kf_indicator.pk]), data)
    assert response.status_code == 200
    assert "En andel i procent ligger mellan 0 och 100 %: 140\xa0% går inte." in response.content.decode()
