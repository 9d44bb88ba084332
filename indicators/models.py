"""Indicators and activities of a budget year, and their follow-up in each report."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from simple_history.models import HistoricalRecords

from tertial.fields import RichTextField

from .units import figure_problem


class Indicator(models.Model):
    """An indicator one nämnd follows up in a year (a KF indicator under a KF goal, or the nämnd's own).

    `code` links the same indicator across years, which is how `Periodens utfall VB <year-1>` is found.
    """

    class Kind(models.TextChoices):
        KF = "kf", "KF-indikator"
        NAMND = "namnd", "Nämndindikator"

    class GenderSplit(models.TextChoices):
        NONE = "none", "Ej könsuppdelad"
        RATE = "rate", "Andel inom respektive kön"
        COUNT = "count", "Antal som summeras"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Högre är bättre"
        LOWER = "lower", "Lägre är bättre"
        NONE = "none", "Ingen riktning"

    class PeriodKind(models.TextChoices):
        TERTIAL = "tertial", "Tertial"
        HALVAR = "halvar", "Halvår"
        AR = "ar", "År"

    year = models.PositiveSmallIntegerField("budgetår")
    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.PROTECT, related_name="indicators", verbose_name="nämnd"
    )
    goal = models.ForeignKey("goals.Goal", on_delete=models.PROTECT, related_name="indicators", verbose_name="mål")
    code = models.CharField("kod", max_length=40, help_text="Stabil kod som kopplar samma indikator mellan år.")
    name = models.TextField("indikator")
    kind = models.CharField("typ", max_length=10, choices=Kind.choices)
    unit = models.CharField("enhet", max_length=40, blank=True, help_text="Till exempel %, st, kr.")
    decimals = models.PositiveSmallIntegerField("antal decimaler", default=0)
    gender_split = models.CharField(
        "könsuppdelning", max_length=10, choices=GenderSplit.choices, default=GenderSplit.NONE
    )
    person_based = models.BooleanField(
        "avser personer", default=False, help_text="Statistik om personer ska vara könsuppdelad."
    )
    direction = models.CharField("riktning", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    target_value = models.DecimalField("årsmål (tal)", max_digits=18, decimal_places=4, null=True, blank=True)
    target_text = models.CharField("årsmål (text)", max_length=200, blank=True, help_text="Till exempel Öka.")
    kf_target_value = models.DecimalField("KF:s årsmål (tal)", max_digits=18, decimal_places=4, null=True, blank=True)
    kf_target_text = models.CharField(
        "KF:s årsmål (text)", max_length=200, blank=True, help_text="Till exempel Tas fram av nämnd."
    )
    period_kind = models.CharField(
        "periodicitet", max_length=10, choices=PeriodKind.choices, default=PeriodKind.TERTIAL
    )
    historical_vb_outcome = models.DecimalField(
        "historiskt utfall VB föregående år",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Används bara när föregående års verksamhetsberättelse inte finns i systemet.",
    )
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["year", "goal__sort_key", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "namnd", "code"], name="indicators_indicator_unique_code"),
        ]

    def __str__(self):
        return self.name

    FIGURE_FIELDS = ("target_value", "kf_target_value", "historical_vb_outcome")

    def clean(self):
        # The unit's rule (indicators.units) for the figures stored on the indicator itself: admin and plan import.
        _check_figures(self, self, self.FIGURE_FIELDS)


class Activity(models.Model):
    class Kind(models.TextChoices):
        KF = "kf", "KF-aktivitet"
        NAMND = "namnd", "Nämndaktivitet"

    year = models.PositiveSmallIntegerField("budgetår")
    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.PROTECT, related_name="activities", verbose_name="nämnd"
    )
    goal = models.ForeignKey("goals.Goal", on_delete=models.PROTECT, related_name="activities", verbose_name="mål")
    text = models.TextField("aktivitet")
    kind = models.CharField("typ", max_length=10, choices=Kind.choices)
    start_date = models.DateField("startdatum", null=True, blank=True)
    end_date = models.DateField("slutdatum", null=True, blank=True)
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        ordering = ["year", "goal__sort_key", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="indicators_activity_end_after_start",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class KfIndicator(models.Model):
    """The city's definition of a KF indicator for a year, under a KF:s mål för verksamhetsområdet.

    A nämnd that follows up the goal gets its own `Indicator` (kind KF, same `code`) made from this row by the plan
    import; the nämnd's rows are what reports and every existing read use (they all filter by nämnd), and the shared
    code is what a city-wide view compares across nämnder.
    """

    year = models.PositiveSmallIntegerField("budgetår")
    goal = models.ForeignKey(
        "goals.Goal", on_delete=models.PROTECT, related_name="kf_indicators", verbose_name="KF:s mål"
    )
    code = models.CharField("kod", max_length=40)
    name = models.TextField("indikator")
    unit = models.CharField("enhet", max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField("antal decimaler", default=0)
    gender_split = models.CharField(
        "könsuppdelning", max_length=10, choices=Indicator.GenderSplit.choices, default=Indicator.GenderSplit.NONE
    )
    person_based = models.BooleanField("avser personer", default=False)
    direction = models.CharField(
        "riktning", max_length=10, choices=Indicator.Direction.choices, default=Indicator.Direction.HIGHER
    )
    kf_target_value = models.DecimalField("KF:s årsmål (tal)", max_digits=18, decimal_places=4, null=True, blank=True)
    kf_target_text = models.CharField("KF:s årsmål (text)", max_length=200, blank=True)
    period_kind = models.CharField(
        "periodicitet", max_length=10, choices=Indicator.PeriodKind.choices, default=Indicator.PeriodKind.TERTIAL
    )
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "KF-indikator i stadens struktur"
        verbose_name_plural = "KF-indikatorer i stadens struktur"
        ordering = ["year", "goal__sort_key", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="indicators_kfindicator_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        _check_figures(self, self, ("kf_target_value",))  # the unit's rule (indicators.units), in the admin


class KfActivity(models.Model):
    """A KF activity or budget assignment of a year under a KF goal; made into each following nämnd's Activity."""

    year = models.PositiveSmallIntegerField("budgetår")
    goal = models.ForeignKey(
        "goals.Goal", on_delete=models.PROTECT, related_name="kf_activities", verbose_name="KF:s mål"
    )
    text = models.TextField("aktivitet")
    start_date = models.DateField("startdatum", null=True, blank=True)
    end_date = models.DateField("slutdatum", null=True, blank=True)
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "KF-aktivitet i stadens struktur"
        verbose_name_plural = "KF-aktiviteter i stadens struktur"
        ordering = ["year", "goal__sort_key", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="indicators_kfactivity_end_after_start",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class IndicatorResult(models.Model):
    """An indicator's figures in one report. Figures are Decimal; empty means not reported."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="indicator_results", verbose_name="rapport"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results", verbose_name="indikator")
    outcome = models.DecimalField("periodens utfall", max_digits=18, decimal_places=4, null=True, blank=True)
    outcome_men = models.DecimalField("utfall män/pojkar", max_digits=18, decimal_places=4, null=True, blank=True)
    outcome_women = models.DecimalField(
        "utfall kvinnor/flickor", max_digits=18, decimal_places=4, null=True, blank=True
    )
    forecast = models.DecimalField("prognos helår", max_digits=18, decimal_places=4, null=True, blank=True)
    analysis = RichTextField("analys", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikatorutfall"
        verbose_name_plural = "indikatorutfall"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicators_result_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.indicator} ({self.report})"

    FIGURE_FIELDS = ("outcome", "outcome_men", "outcome_women", "forecast")

    def clean(self):
        # Every write of the figures (section page, admin, services) full_cleans: the unit's rule holds for all.
        _check_figures(self.indicator, self, self.FIGURE_FIELDS)


class ActivityResult(models.Model):
    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="activity_results", verbose_name="rapport"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="results", verbose_name="aktivitet")
    deviation = models.BooleanField("avvikelse", default=False)
    analysis = RichTextField("analys", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aktivitetsuppföljning"
        verbose_name_plural = "aktivitetsuppföljningar"
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="indicators_activityresult_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.activity} ({self.report})"


def _check_figures(indicator, obj, fields) -> None:
    errors = {name: problem for name in fields if (problem := figure_problem(indicator, getattr(obj, name)))}
    if errors:
        raise ValidationError(errors)


def _previous_vb_results(report):
    """Last year's VB results of the report's nämnd: where `Periodens utfall VB <year-1>` is read from."""
    return IndicatorResult.objects.filter(
        report__namnd_id=report.namnd_id, report__period__year=report.period.year - 1, report__period__kind="VB"
    )


def previous_vb_outcomes(report, indicators) -> dict[int, Decimal | None]:
    """`Periodens utfall VB <year-1>` for each indicator of `report`, keyed by indicator id. One query.

    Read from last year's VB report of the same nämnd for the same indicator code; where that year is not in
    the system, the indicator's stored historical outcome is used.
    """
    indicators = list(indicators)
    codes = [i.code for i in indicators]
    rows = _previous_vb_results(report).filter(indicator__code__in=codes).values_list("indicator__code", "outcome")
    by_code = dict(rows)
    return {i.id: by_code[i.code] if i.code in by_code else i.historical_vb_outcome for i in indicators}


def with_previous_period(indicators, report):
    """The indicators queryset with the figures of the nämnd's latest earlier report of the same year (T1 before
    T2, T2 before the VB): `previous_period_kind` (None when there is none), `previous_period_outcome` and
    `previous_period_forecast`, in the same query."""
    earlier = IndicatorResult.objects.filter(
        indicator=OuterRef("pk"),
        report__namnd_id=report.namnd_id,
        report__period__year=report.period.year,
        report__period__kind__lt=report.period.kind,  # T1 < T2 < VB
    ).order_by("-report__period__kind")
    return indicators.annotate(
        previous_period_kind=Subquery(earlier.values("report__period__kind")[:1]),
        previous_period_outcome=Subquery(earlier.values("outcome")[:1]),
        previous_period_forecast=Subquery(earlier.values("forecast")[:1]),
    )


def with_previous_vb(indicators, report):
    """The indicators queryset with `previous_vb` (as `previous_vb_outcomes` reads it) in the same query."""
    same = _previous_vb_results(report).filter(indicator__code=OuterRef("code"))
    return indicators.annotate(
        previous_vb=Case(
            When(Exists(same), then=Subquery(same.values("outcome")[:1])),
            default=F("historical_vb_outcome"),
        )
    )
