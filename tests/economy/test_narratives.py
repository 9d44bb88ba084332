"""Economy texts against their tables: the first "underskott/överskott om … mnkr" (or "i balans") of an area's
text against the area's Avvikelse, and the parts the text lists against that figure: a Varning naming both."""

from decimal import Decimal

import pytest

from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
from economy.tables.narratives import claims
from tertial.checks import VARNING, run_checks
from tertial.models import Namnd
from tests.conftest import make_namnd, make_period, make_report

from .factories import make_area, make_area_row


def _write(row, text):
    row.section.analysis = text
    row.section.save()


def _text_findings(report):
    return [f for f in run_checks(report) if f.key.startswith("ekonomi-text")]


@pytest.fixture
def area_row(report):
    from economy import services

    row = make_area_row(report, make_area(report, "Äldreomsorg", position=1), "100", None, "107")
    services.ensure_economy_rows(report=report)
    row.refresh_from_db()
    return row  # Avvikelse -7,0


def test_claims_are_read_with_their_sign():
    found = claims("Området prognostiserar ett underskott om 1 234,5 mnkr. Delen visar ett överskott på 0,2 mnkr.")
    assert [c.amount for c in found] == [Decimal("-1234.5"), Decimal("0.2")]
    assert [c.amount for c in claims("Verksamheten prognostiserar en budget i balans.")] == [Decimal(0)]
    assert claims("Underskottet beror på konsulter.") == []


def test_overskott_in_the_text_while_the_table_shows_underskott(area_row):
    _write(area_row, "Äldreomsorgen prognostiserar ett överskott om 7,0 mnkr.")
    findings = _text_findings(area_row.report)
    assert [f.severity for f in findings] == [VARNING]
    assert "överskott om 7,0 mnkr" in findings[0].message and "underskott om 7,0\xa0mnkr" in findings[0].message


def test_a_figure_that_does_not_match_the_table(area_row):
    _write(area_row, "Äldreomsorgen prognostiserar ett underskott om 7,1 mnkr.")
    (finding,) = _text_findings(area_row.report)
    assert "7,1" in finding.message and "7,0" in finding.message


def test_parts_that_do_not_add_up(area_row):
    _write(
        area_row,
        "Äldreomsorgen prognostiserar ett underskott om 7,0 mnkr. Hemtjänsten visar ett underskott om 5,0 mnkr "
        "och boendena ett underskott om 2,1 mnkr.",
    )
    (finding,) = _text_findings(area_row.report)
    assert finding.key.startswith("ekonomi-text-delar")
    assert "7,0 mnkr" in finding.message and "7,1\xa0mnkr" in finding.message


def test_a_text_that_agrees_gives_nothing(area_row):
    _write(
        area_row,
        "Äldreomsorgen prognostiserar ett underskott om 7 mnkr. Hemtjänsten visar ett underskott om 5,0 mnkr "
        "och boendena ett underskott om 2,0 mnkr.",
    )
    assert _text_findings(area_row.report) == []


def test_the_seed_reports_texts_agree_with_their_tables(db):
    hv = make_report(make_namnd("Hässelby-Vällingby", "hv"), make_period(2022, "T2"), with_tree=False)
    load_hasselby_vallingby_2022(hv)
    sn = make_report(make_namnd("Socialnämnden", "sn", Namnd.Kind.FACKNAMND), make_period(2024, "T1"), with_tree=False)
    load_socialnamnden_2024(sn)
    assert _text_findings(hv) == [] and _text_findings(sn) == []
