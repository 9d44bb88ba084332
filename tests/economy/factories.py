"""Small economy factories: a catalogue for the report's nämnd and year, and typed figures."""

from decimal import Decimal

from economy.models import Area, AreaRow, DriftSummary, InvestmentCategory


def make_area(report, name, *, parent=None, position=0):
    return Area.objects.create(namnd=report.namnd, year=report.period.year, name=name, parent=parent, position=position)


def make_area_row(report, area, budget=None, change=None, forecast=None):
    values = {
        k: None if v is None else Decimal(v)
        for k, v in (("budget", budget), ("change", change), ("forecast", forecast))
    }
    return AreaRow.objects.update_or_create(report=report, area=area, defaults=values)[0]


def make_category(report, name, position=0):
    return InvestmentCategory.objects.create(namnd=report.namnd, year=report.period.year, name=name, position=position)


def make_summary(report, **values):
    return DriftSummary.objects.update_or_create(report=report, defaults={k: Decimal(v) for k, v in values.items()})[0]
