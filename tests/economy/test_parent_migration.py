"""economy 0006: parent rows of a full breakdown are computed from now on; where that would lose a figure typed for
the parent (its varav rows were left empty), the area is marked a partial breakdown, so nothing printed changes."""

import importlib
from decimal import Decimal

from django.apps import apps

from economy import tables
from economy.models import Area, TurnoverChange

from .factories import make_area, make_area_row

keep_typed_parents = importlib.import_module("economy.migrations.0006_keep_typed_parents").keep_typed_parents


def _drift(report):
    return {r.label: r for r in next(t for t in tables.report_tables(report) if t.key == "drift_areas").rows}


def test_a_typed_parent_with_empty_varav_rows_becomes_a_partial_breakdown(report):
    benefit = make_area(report, "Ekonomiskt bistånd", position=1)
    make_area(report, "handläggare", parent=benefit, position=2)
    make_area_row(report, benefit, "146.8", None, "135.8")
    assert _drift(report)["Ekonomiskt bistånd"].values[0] is None  # computed from nothing: the figure is lost
    keep_typed_parents(apps, None)
    assert Area.objects.get(pk=benefit.pk).partial_breakdown
    assert _drift(report)["Ekonomiskt bistånd"].values[0] == Decimal("146.8")


def test_a_typed_turnover_without_varav_rows_keeps_its_parent(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    kids = make_area(report, "barn och ungdom", parent=ifo, position=2)
    make_area_row(report, kids, "174.7", None, "182.7")
    TurnoverChange.objects.create(report=report, area=ifo, costs=Decimal("11.3"), income=Decimal("-11.3"))
    keep_typed_parents(apps, None)
    assert Area.objects.get(pk=ifo.pk).partial_breakdown


def test_a_breakdown_with_varav_figures_stays_computed(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    kids = make_area(report, "barn och ungdom", parent=ifo, position=2)
    adults = make_area(report, "vuxna", parent=ifo, position=3)
    make_area_row(report, ifo, "282.2", None, "283.4")
    make_area_row(report, kids, "174.7", None, "182.7")
    make_area_row(report, adults, "107.5", None, "100.7")
    keep_typed_parents(apps, None)
    assert not Area.objects.get(pk=ifo.pk).partial_breakdown
    assert _drift(report)["Individ- och familjeomsorg"].values[0] == Decimal("282.2")


keep_locked_parents = importlib.import_module("economy.migrations.0008_keep_locked_parents").keep_locked_parents


def test_a_faststalld_report_keeps_the_parent_it_printed(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    make_area_row(report, ifo, "282.2", None, "283.4")
    make_area_row(report, make_area(report, "barn och ungdom", parent=ifo, position=2), "174.7", None, "182.7")
    make_area_row(report, make_area(report, "vuxna", parent=ifo, position=3), "107.44", None, "100.7")
    keep_locked_parents(apps, None)
    assert not Area.objects.get(pk=ifo.pk).partial_breakdown  # a report under work: computed (282,14)
    type(report).objects.filter(pk=report.pk).update(status="faststalld")
    keep_locked_parents(apps, None)
    assert Area.objects.get(pk=ifo.pk).partial_breakdown
    assert _drift(report)["Individ- och familjeomsorg"].values[0] == Decimal("282.2")  # as it was printed
