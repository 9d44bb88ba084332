"""The two writes of the city-wide view: the city's ställningstagande to a budgetjustering (seen by the nämnd on
its own page) and a nämnd's proposal to change an indicator's årsmål (collected by the city)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from economy.models import BudgetAdjustment
from indicators.models import Indicator
from tertial.city import services
from tertial.city.models import AdjustmentDecision, IndicatorProposal
from tertial.models import Membership
from tests.conftest import make_city, make_user

from .helpers import login


@pytest.fixture
def reader(db):
    return make_user("stadslasare", role=Membership.Role.CITY)


@pytest.fixture
def adjustment(db):
    make_city(1)
    return BudgetAdjustment.objects.get()


def test_decision_is_kept_with_history_and_changed_by_a_later_decision(reader, adjustment):
    services.adjustment_decide(adjustment=adjustment, user=reader, decision="tillstyrkt", comment="")
    services.adjustment_decide(adjustment=adjustment, user=reader, decision="tillstyrkt", comment="")  # unchanged
    record = services.adjustment_decide(
        adjustment=adjustment, user=reader, decision="avstyrkt", comment="Ryms inom ram."
    )
    assert record.get_decision_display() == "Avstyrkt"
    assert [h.decision for h in record.history.order_by("history_date")] == ["tillstyrkt", "avstyrkt"]
    assert AdjustmentDecision.objects.count() == 1


def test_avstyrkt_needs_a_reason_and_only_the_city_decides(reader, adjustment, users):
    with pytest.raises(services.CityError, match="varför"):
        services.adjustment_decide(adjustment=adjustment, user=reader, decision="avstyrkt", comment=" ")
    with pytest.raises(services.CityError, match="stadsledningskontoret"):
        services.adjustment_decide(adjustment=adjustment, user=users["controller"], decision="tillstyrkt")
    assert not AdjustmentDecision.objects.exists()


def test_the_page_refuses_a_decision_without_reason_with_a_swedish_message(client, reader, adjustment):
    login(client, reader)
    url = reverse("city:adjustment_decide", kwargs={"period": "2022-T2", "pk": adjustment.pk})
    response = client.post(url, {"decision": "avstyrkt", "comment": ""})
    assert response.status_code == 400
    assert "Skriv varför budgetjusteringen avstyrks." in response.content.decode()


def test_the_namnd_sees_the_decision_on_its_budgetjusteringar_page(client, reader, adjustment):
    services.adjustment_decide(adjustment=adjustment, user=reader, decision="avstyrkt", comment="Ryms inom ram.")
    report = adjustment.report
    controller = make_user("ctrl", namnd=report.namnd, role=Membership.Role.CONTROLLER)
    login(client, controller)
    page = client.get(reverse("economy:adjustments", args=[report.namnd.slug, "2022-T2"])).content.decode()
    assert "<strong>Avstyrkt</strong>: Ryms inom ram." in page
    login(client, reader)
    page = client.get(reverse("city:adjustments", args=["2022-T2"])).content.decode()
    assert "<strong>Avstyrkt</strong>" in page and "Ryms inom ram." in page and "ändamål 0" in page
    totals = client.get(reverse("city:adjustments", args=["2022-T2"])).context["totals"]
    assert totals == {"requested": Decimal("0.5"), "tillstyrkt": 0, "avstyrkt": Decimal("0.5"), "open": 0}


def _proposal_setup():
    report = make_city(1)[0]
    indicator = Indicator.objects.get(namnd=report.namnd, code="KF-1")
    indicator.target_value, indicator.unit = Decimal(560), "st"
    indicator.save()
    writer = make_user("skrivare", namnd=report.namnd, role=Membership.Role.SKRIBENT)
    return report, indicator, writer


@pytest.mark.django_db
def test_proposal_reads_as_the_reports_write_it_and_reaches_the_city(client, reader):
    report, indicator, writer = _proposal_setup()
    login(client, writer)
    url = reverse("proposals:list", args=[report.namnd.slug, "2022-T2"])
    response = client.post(url, {"indicator": indicator.pk, "proposed_value": "570", "reason": "Målet nås redan."})
    assert response.status_code == 302
    proposal = IndicatorProposal.objects.get()
    assert proposal.sentence == "Årsmålet för indikatorn ”Indikator KF-1” föreslås höjas från 560 till 570."
    login(client, reader)
    page = client.get(reverse("city:proposals", args=["2022-T2"])).content.decode()
    assert "föreslås höjas från 560 till 570" in page and "Målet nås redan." in page


@pytest.mark.django_db
def test_proposal_refused_without_reason_in_a_locked_report_or_for_another_namnds_indicator():
    report, indicator, writer = _proposal_setup()
    with pytest.raises(services.CityError, match="Skriv varför"):
        services.proposal_create(report=report, user=writer, indicator=indicator, proposed_value=Decimal(1), reason="")
    with pytest.raises(services.CityError, match="samma som det nuvarande"):
        services.proposal_create(
            report=report, user=writer, indicator=indicator, proposed_value=Decimal(560), reason="x"
        )
    other = make_city(1, start=1)[0]
    foreign = Indicator.objects.get(namnd=other.namnd, code="KF-1")
    with pytest.raises(services.CityError, match="hör inte till nämnden"):
        services.proposal_create(report=report, user=writer, indicator=foreign, proposed_value=Decimal(1), reason="x")
    report.status = report.Status.FASTSTALLD
    report.save()
    with pytest.raises(services.CityError, match="fastställd"):
        services.proposal_create(report=report, user=writer, indicator=indicator, proposed_value=Decimal(1), reason="x")
    assert not IndicatorProposal.objects.exists()


@pytest.mark.django_db
def test_proposal_can_be_removed_by_its_writers(client):
    report, indicator, writer = _proposal_setup()
    proposal = services.proposal_create(
        report=report, user=writer, indicator=indicator, proposed_text="Öka", reason="Ny mätmetod."
    )
    assert proposal.sentence == "Årsmålet för indikatorn ”Indikator KF-1” föreslås ändras från 560 till Öka."
    login(client, writer)
    client.post(reverse("proposals:delete", args=[report.namnd.slug, "2022-T2", proposal.pk]))
    assert not IndicatorProposal.objects.exists()
    assert proposal.history.count() == 2  # created, deleted
