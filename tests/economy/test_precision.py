"""Figures kept at the precision typed, computed from the unrounded figures, rows and totals rounded as the
documents round them: a difference of less than 0,1 between rounded rows and their total is rounding, said so
under the table, never a Fel; 0,1 or more still is."""

from decimal import Decimal

from economy import tables

from .factories import make_area, make_area_row


def _drift(report):
    return next(t for t in tables.report_tables(report) if t.key == "drift_areas")


def test_rows_that_round_away_from_their_total_get_the_note(report):
    for position, name in enumerate(["Förskola", "Äldreomsorg", "Fritid"], start=1):
        make_area_row(report, make_area(report, name, position=position), "10.04", None, "10")
    t = _drift(report)
    assert t.rows[-1].values[0] == Decimal("30.12")  # the total from the typed figures: prints 30,1
    assert "±0,1" in t.note  # while the rows print 10,0 + 10,0 + 10,0


def test_rows_that_add_up_as_printed_get_no_note(report):
    for position, name in enumerate(["Förskola", "Äldreomsorg"], start=1):
        make_area_row(report, make_area(report, name, position=position), "10.1", None, "10")
    assert _drift(report).note == ""


def _partial_ifo(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    ifo.partial_breakdown = True
    ifo.save()
    make_area_row(report, ifo, "282.2", None, "283.4")
    return ifo


def test_a_varav_split_typed_with_more_decimals_is_not_a_varning(report):
    ifo = _partial_ifo(report)
    make_area_row(report, make_area(report, "barn och ungdom", parent=ifo, position=2), "174.74", None, "182.7")
    make_area_row(report, make_area(report, "vuxna", parent=ifo, position=3), "107.43", None, "100.7")
    assert tables.consistency_problems(report) == []  # 282,17 against 282,2: rounding


def test_a_varav_split_off_by_a_tenth_is_still_a_varning(report):
    ifo = _partial_ifo(report)
    make_area_row(report, make_area(report, "barn och ungdom", parent=ifo, position=2), "174.7", None, "182.7")
    make_area_row(report, make_area(report, "vuxna", parent=ifo, position=3), "107.4", None, "100.7")
    problems = tables.consistency_problems(report)
    assert [p.place for p in problems] == ["Individ- och familjeomsorg – Budget"]
    assert problems[0].warning


def test_a_full_breakdown_typed_with_more_decimals_sums_unrounded(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    make_area_row(report, make_area(report, "barn och ungdom", parent=ifo, position=2), "174.74", None, "182.7")
    make_area_row(report, make_area(report, "vuxna", parent=ifo, position=3), "107.43", None, "100.7")
    assert _drift(report).rows[0].values[0] == Decimal("282.17")  # prints 282,2, as the seed does
