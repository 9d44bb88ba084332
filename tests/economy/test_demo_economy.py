"""load_demo brings the economy of both seed reports: figures, narratives and Förslag till beslut."""

import pytest
from django.urls import reverse

from economy import tables
from tertial.models import Report, Section
from tertial.numbers import format_mnkr
from tests.demo_db import demo_db  # noqa: F401


@pytest.fixture
def demo(demo_db, db):  # noqa: F811
    return demo_db


def test_hasselby_vallingby_economy_is_loaded(demo):
    report = Report.objects.select_related("namnd", "period").get(namnd__slug="hasselby-vallingby")
    areas = next(t for t in tables.report_tables(report) if t.key == "drift_areas")
    assert [format_mnkr(v) for v in areas.rows[-1].values] == [
        "2\xa0091,0",
        "-0,1",
        "-5,9",
        "2\xa0079,0",
        "2\xa0077,6",
        "7,4",
    ]
    assert len(tables.decision_items(report)) == 9
    elderly = Section.objects.get(report=report, economy_area_row__area__name="Äldreomsorg")
    assert elderly.analysis.startswith("<p>Äldreomsorgen prognosticerar ett underskott om 3,2 mnkr.")  # as printed
    premises = Section.objects.get(report=report, kind=Section.Kind.ECONOMY_PREMISES)
    assert "LSS boende" in premises.analysis


def test_socialnamnden_economy_is_loaded(demo, client):
    report = Report.objects.select_related("namnd", "period").get(namnd__slug="socialnamnden")
    keys = [t.key for t in tables.report_tables(report)]
    assert keys[:2] == ["resultatrakning", "drift_areas"]
    assert Section.objects.get(report=report, kind=Section.Kind.ECONOMY_PREMISES).not_applicable
    client.force_login(report.namnd.memberships.first().user)
    page = client.get(reverse("economy:overview", kwargs={"slug": "socialnamnden", "period": "2024-T1"}))
    assert page.status_code == 200 and "Riktvärde 33,3" in page.content.decode()
