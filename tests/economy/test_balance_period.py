"""The balance sheet belongs to Tertial 2 and the verksamhetsberättelse: a report without the balance entry (a
Tertial 1 report) is not offered the Balansräkning page, and no export prints its table."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from economy.models import BalanceItem
from economy.tables import consistency_problems, report_parts, report_tables
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Report
from tests.conftest import PASSWORD, make_period, make_report

pytestmark = pytest.mark.django_db


def _url(report, name):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code})


def _with_items(report):
    # A sheet that does not balance: its check would be a Fel if the table were in the report.
    BalanceItem.objects.create(
        report=report, side="tillgangar", name="Kassa", previous=Decimal("1"), current=Decimal("2")
    )
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


def _keys(report):
    return [t.key for t in report_tables(report)]


def _sheet_text(report):
    book = load_workbook(io.BytesIO(build_xlsx(load_report(report))))
    return " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)


def test_a_t1_report_neither_offers_nor_prints_the_balance_sheet(client, namnd, users):
    report = _with_items(make_report(namnd, make_period(2024, "T1")))
    client.login(username=users["controller"].username, password=PASSWORD)
    overview = client.get(_url(report, "economy:overview")).content.decode()
    assert _url(report, "economy:balance_edit") not in overview
    assert client.get(_url(report, "economy:balance_edit")).status_code == 404
    assert "balans_tillgangar" not in _keys(report)
    assert not any(getattr(p, "key", "").startswith("balans") for p in report_parts(report))
    assert not any("Balansräkning" in p.place for p in consistency_problems(report))
    assert "Kassa" not in _sheet_text(report)


def test_a_t2_report_offers_and_prints_it(client, namnd, users):
    report = _with_items(make_report(namnd, make_period(2024, "T2")))
    client.login(username=users["controller"].username, password=PASSWORD)
    assert _url(report, "economy:balance_edit") in client.get(_url(report, "economy:overview")).content.decode()
    assert client.get(_url(report, "economy:balance_edit")).status_code == 200
    assert "balans_tillgangar" in _keys(report)
    assert any("Balansräkning" in p.place for p in consistency_problems(report))
    assert "Kassa" in _sheet_text(report)
