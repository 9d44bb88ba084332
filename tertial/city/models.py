"""What the city-wide view stores: the city's decisions on requested budgetjusteringar, the nämnder's proposed
årsmål changes, and how a KF indicator adds up across nämnder. Each in a model of its own, linked to the record it
is about, so that the economy and indicator models stay the nämnder's."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class AdjustmentDecision(models.Model):
    """The stadsledningskontoret's ställningstagande to one requested budgetjustering: tillstyrkt or avstyrkt."""

    class Decision(models.TextChoices):
        TILLSTYRKT = "tillstyrkt", "Tillstyrkt"
        AVSTYRKT = "avstyrkt", "Avstyrkt"

    adjustment = models.OneToOneField(
        "economy.BudgetAdjustment",
        on_delete=models.CASCADE,
        related_name="city_decision",
        verbose_name="budgetjustering",
    )
    decision = models.CharField("ställningstagande", max_length=20, choices=Decision.choices)
    comment = models.TextField("kommentar", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="beslutat av")
    updated_at = models.DateTimeField("ändrad", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "stadens ställningstagande till budgetjustering"
        verbose_name_plural = "stadens ställningstaganden till budgetjusteringar"

    def __str__(self):
        return f"{self.get_decision_display()}: {self.adjustment}"


class IndicatorProposal(models.Model):
    """A nämnd's proposal, in its report, to change an indicator's årsmål ("Årsmålet för indikatorn … föreslås
    höjas från 560 till 570"), with the reason. The city collects them for its own bilaga."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="indicator_proposals", verbose_name="rapport"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="proposals", verbose_name="indikator"
    )
    proposed_value = models.DecimalField(
        "föreslaget årsmål (tal)", max_digits=18, decimal_places=4, null=True, blank=True
    )
    proposed_text = models.CharField("föreslaget årsmål (text)", max_length=200, blank=True)
    reason = models.TextField("motivering")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="föreslaget av")
    created_at = models.DateTimeField("föreslaget", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "förslag till ändrat årsmål"
        verbose_name_plural = "förslag till ändrade årsmål"
        ordering = ["report", "indicator__goal__sort_key", "indicator__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="city_indicatorproposal_unique_per_report"),
        ]

    def __str__(self):
        return self.sentence

    def clean(self):
        if self.proposed_value is None and not self.proposed_text.strip():
            raise ValidationError({"proposed_value": "Ange det föreslagna årsmålet."})
        if self.proposed_value is not None and self.proposed_text.strip():
            raise ValidationError({"proposed_text": "Ange årsmålet antingen som tal eller som text, inte båda."})
        if not self.reason.strip():
            raise ValidationError({"reason": "Skriv varför årsmålet bör ändras."})
        report, indicator = self.report, self.indicator
        if indicator.namnd_id != report.namnd_id or indicator.year != report.period.year:
            raise ValidationError({"indicator": "Indikatorn hör inte till nämnden och rapportens år."})
        if self.proposed_value is not None and self.proposed_value == indicator.target_value:
            raise ValidationError({"proposed_value": "Det föreslagna årsmålet är detsamma som det nuvarande."})

    @property
    def current_label(self) -> str:
        from tertial.numbers import format_number

        indicator = self.indicator
        if indicator.target_value is not None:
            return format_number(indicator.target_value, None, indicator.unit if indicator.unit == "%" else "")
        return indicator.target_text

    @property
    def proposed_label(self) -> str:
        from tertial.numbers import format_number

        if self.proposed_value is not None:
            return format_number(self.proposed_value, None, self.indicator.unit if self.indicator.unit == "%" else "")
        return self.proposed_text

    @property
    def sentence(self) -> str:
        """As the reports write it: "Årsmålet för indikatorn ”…” föreslås höjas från 560 till 570." """
        old, new = self.indicator.target_value, self.proposed_value
        verb = "ändras"
        if old is not None and new is not None:
            verb = "höjas" if new > old else "sänkas"
        start = f"från {self.current_label} " if self.current_label else ""
        return f"Årsmålet för indikatorn ”{self.indicator.name}” föreslås {verb} {start}till {self.proposed_label}."


class CityIndicator(models.Model):
    """How a KF indicator (all the nämnder's rows with one `code`) adds up to a city-wide value."""

    class Method(models.TextChoices):
        SUM = "summa", "Summa (antal som läggs ihop)"
        MEAN = "medel", "Medelvärde (ovägt)"
        WEIGHTED = "vagt", "Vägt medelvärde"

    code = models.CharField("indikatorns kod", max_length=40, unique=True)
    method = models.CharField("beräkning för hela staden", max_length=10, choices=Method.choices)
    weight_code = models.CharField(
        "vikt: indikatorns kod",
        max_length=40,
        blank=True,
        help_text="För vägt medelvärde: den indikator vars utfall i varje nämnd är vikten (till exempel antal invånare).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "KF-indikator för hela staden"
        verbose_name_plural = "KF-indikatorer för hela staden"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.get_method_display()}"

    def clean(self):
        if self.method == self.Method.WEIGHTED and not self.weight_code.strip():
            raise ValidationError({"weight_code": "Ett vägt medelvärde behöver en vikt."})
        if self.method != self.Method.WEIGHTED and self.weight_code.strip():
            raise ValidationError({"weight_code": "Vikt anges bara för vägt medelvärde."})
