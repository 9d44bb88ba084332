"""The KF-indikatorer tab: one KF indicator (all the nämnder's rows with one `code`) across the nämnder, and its
city-wide value computed by the database where the indicator says how (`CityIndicator`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Min, OuterRef, Q, Subquery, Sum

from indicators.models import Indicator, IndicatorResult

from .models import CityIndicator

AMOUNT = DecimalField(max_digits=20, decimal_places=4)


@dataclass
class IndicatorChoice:
    code: str
    name: str
    goal_number: str
    namnd_count: int


def kf_indicator_choices(period, *, goal_number: str = "", text: str = "") -> list[IndicatorChoice]:
    """The year's KF indicators, one per code, with how many nämnder follow each up. One query."""
    qs = Indicator.objects.filter(year=period.year, kind=Indicator.Kind.KF)
    if goal_number:
        qs = qs.filter(goal__number=goal_number)
    if text:
        qs = qs.filter(name__icontains=text)
    rows = (
        qs.values("code")
        .annotate(name=Min("name"), goal_number=Min("goal__number"), sort=Min("goal__sort_key"), n=Count("id"))
        .order_by("sort", "code")
    )
    return [IndicatorChoice(r["code"], r["name"], r["goal_number"], r["n"]) for r in rows]


@dataclass
class CityValue:
    method: str  # CityIndicator.Method value, "" when the indicator says nothing
    method_label: str
    weight_code: str = ""
    outcome: Decimal | None = None
    forecast: Decimal | None = None


@dataclass
class IndicatorAcross:
    code: str
    indicators: list  # of Indicator, each with .result (IndicatorResult or None) and .report
    city: CityValue
    unit: str = ""
    decimals: int = 0
    name: str = ""
    kf_target: str = ""


INDICATOR_SORTS = {
    "namnd": lambda i: (i.namnd.name,),
    "utfall": lambda i: (i.result is None or i.result.outcome is None, i.result and i.result.outcome, i.namnd.name),
    "prognos": lambda i: (i.result is None or i.result.forecast is None, i.result and i.result.forecast, i.namnd.name),
    "arsmal": lambda i: (i.target_value is None, i.target_value, i.namnd.name),
}


def indicator_across(period, code: str, *, sort: str = "namnd", descending: bool = False) -> IndicatorAcross | None:
    """One KF indicator in every nämnd that follows it up, with the city-wide value where the indicator says how
    (`CityIndicator`). Four queries."""
    indicators = list(
        Indicator.objects.filter(year=period.year, code=code).select_related("namnd").order_by("namnd__name")
    )
    if not indicators:
        return None
    results = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(report__period=period, indicator__in=[i.id for i in indicators])
    }
    for indicator in indicators:
        indicator.result = results.get(indicator.id)
    rule = CityIndicator.objects.filter(code=code).first()
    city = city_value(period, code, rule)
    key = INDICATOR_SORTS.get(sort, INDICATOR_SORTS["namnd"])
    # None sorts last whichever the direction: sort the present and the missing apart.
    present = [i for i in indicators if key(i)[0] is not True]
    missing = [i for i in indicators if key(i)[0] is True]
    present.sort(key=lambda i: key(i)[1:], reverse=descending)
    first = indicators[0]
    kf_target = next((i for i in indicators if i.kf_target_value is not None or i.kf_target_text), first)
    return IndicatorAcross(
        code=code,
        indicators=present + missing,
        city=city,
        unit=first.unit,
        decimals=first.decimals,
        name=first.name,
        kf_target=_target_label(kf_target.kf_target_value, kf_target.kf_target_text, first),
    )


def _target_label(value, text, indicator) -> str:
    from tertial.numbers import format_number

    if value is not None:
        return format_number(value, indicator.decimals, "%" if indicator.unit == "%" else "")
    return text


def city_value(period, code: str, rule: CityIndicator | None) -> CityValue:
    """The city-wide outcome and prognos, by the database: a sum, a mean, or a mean weighted by another
    indicator's outcome in the same report (for example the number of inhabitants). One query."""
    if rule is None:
        return CityValue("", "Anges inte för hela staden")
    rows = IndicatorResult.objects.filter(report__period=period, indicator__code=code)
    label = rule.get_method_display()
    if rule.method == CityIndicator.Method.SUM:
        agg = rows.aggregate(outcome=Sum("outcome"), forecast=Sum("forecast"))
        return CityValue(rule.method, label, "", agg["outcome"], agg["forecast"])
    if rule.method == CityIndicator.Method.MEAN:
        agg = rows.aggregate(outcome=Avg("outcome", output_field=AMOUNT), forecast=Avg("forecast", output_field=AMOUNT))
        return CityValue(rule.method, label, "", _decimal(agg["outcome"]), _decimal(agg["forecast"]))
    weight = IndicatorResult.objects.filter(report=OuterRef("report"), indicator__code=rule.weight_code).values(
        "outcome"
    )[:1]
    weighted = rows.annotate(weight=Subquery(weight, output_field=AMOUNT)).filter(weight__isnull=False)
    agg = weighted.aggregate(
        outcome_sum=Sum(ExpressionWrapper(F("outcome") * F("weight"), output_field=AMOUNT)),
        outcome_weight=Sum("weight", filter=Q(outcome__isnull=False)),
        forecast_sum=Sum(ExpressionWrapper(F("forecast") * F("weight"), output_field=AMOUNT)),
        forecast_weight=Sum("weight", filter=Q(forecast__isnull=False)),
    )
    label = f"{label} (vikt: {rule.weight_code})"
    return CityValue(
        rule.method,
        label,
        rule.weight_code,
        _ratio(agg["outcome_sum"], agg["outcome_weight"]),
        _ratio(agg["forecast_sum"], agg["forecast_weight"]),
    )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ratio(total, weight) -> Decimal | None:
    if total is None or not weight:
        return None
    return Decimal(str(total)) / Decimal(str(weight))
