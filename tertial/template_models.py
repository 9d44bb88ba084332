"""A budget year's report template: the section skeleton every nämnd's report of that year starts from, with the
anvisningar each section shows its writer. Set by the city (stadsledningskontoret), copied from the previous year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .fields import RichTextField
from .sections import ALL_PERIODS, Chapter


class ReportTemplate(models.Model):
    year = models.PositiveSmallIntegerField("budgetår", unique=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="kopierad från"
    )
    # Anvisningar for the goal sections, per level of the goal tree (the goals themselves come from the plan).
    instructions_inriktningsmal = RichTextField("anvisningar för KF:s inriktningsmål", blank=True)
    instructions_kf_mal = RichTextField("anvisningar för KF:s mål för verksamhetsområdet", blank=True)
    instructions_namndmal = RichTextField("anvisningar för nämndmål", blank=True)
    # The 2019–2022 reports give the inriktningsmål prose only (the förvaltning's bedömning is a sentence of the
    # text); from 2023 they have a bedömning line and an Analys of their own, like the goals below them.
    inriktningsmal_assessment = models.BooleanField(
        "inriktningsmålen har en bedömning",
        default=True,
        help_text="Av: inriktningsmålen redovisas bara med text, utan Uppfylls helt/delvis/inte och utan rubriken "
        "Analys (som i rapporterna 2019–2022). Gäller rapporter som skapas efter ändringen.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rapportmall"
        verbose_name_plural = "rapportmallar"
        ordering = ["-year"]

    def __str__(self):
        return f"Rapportmall {self.year}"

    def assesses(self, level: int) -> bool:
        """Whether a goal of `level` gets a bedömning in this year's reports (KF goals and nämndmål always do)."""
        return level != 1 or self.inriktningsmal_assessment

    def goal_instructions(self, level: int) -> str:
        return {1: self.instructions_inriktningsmal, 2: self.instructions_kf_mal, 3: self.instructions_namndmal}.get(
            level, ""
        )


class TemplateSection(models.Model):
    """One section of the year's template: a built-in kind (Sammanfattande analys, Intern kontroll, …) or a free
    section ("Lika rättigheter för alla", "Klagomål, synpunkter och beröm", …), optionally under another entry."""

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="entries", verbose_name="rapportmall"
    )
    kind = models.CharField("typ", max_length=40)
    key = models.SlugField(
        "nyckel", max_length=80, help_text="Stabil nyckel som följer avsnittet när mallen kopieras till nästa år."
    )
    title = models.CharField("rubrik", max_length=200)
    chapter = models.CharField("kapitel", max_length=20, choices=Chapter.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="underavsnitt till",
    )
    position = models.PositiveIntegerField("ordning", default=0)
    required = models.BooleanField("obligatoriskt", default=True)
    may_be_not_applicable = models.BooleanField("får markeras Inte aktuellt", default=True)
    on_slides = models.BooleanField(
        "med i presentationen", default=False, help_text="Avsnittet får en sammanfattning som blir en bild."
    )
    instructions = RichTextField("anvisningar", blank=True, help_text="Visas för skribenten ovanför texten.")
    # The periods whose reports get the section, as period kinds joined by commas ("T2,VB"): the analysis of the
    # balance sheet belongs to Tertial 2 and the verksamhetsberättelse, not to Tertial 1.
    periods = models.CharField(
        "gäller i",
        max_length=20,
        default=ALL_PERIODS,
        help_text="De perioder vars rapporter får avsnittet. Rapporter som redan finns behåller sina avsnitt.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avsnitt i rapportmallen"
        verbose_name_plural = "avsnitt i rapportmallen"
        ordering = ["template", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="tertial_templatesection_unique_key"),
            models.CheckConstraint(condition=~Q(kind="goal"), name="tertial_templatesection_no_goal_kind"),
        ]

    def __str__(self):
        return f"{self.title} ({self.template.year})"

    @property
    def period_kinds(self) -> list[str]:
        """The period kinds (`Period.Kind`) the entry applies to, in the year's order: ["T2", "VB"]."""
        chosen = set(self.periods.split(","))
        return [kind for kind in ALL_PERIODS.split(",") if kind in chosen]

    def applies_to(self, period) -> bool:
        """Whether a report of `period` (a `Period`) gets this entry's section."""
        return period.kind in self.period_kinds

    @property
    def periods_label(self) -> str:
        """ "Tertial 2, Verksamhetsberättelse": what the template page shows."""
        from .models import Period

        return ", ".join(Period.Kind(kind).label for kind in self.period_kinds)

    def clean(self):
        from .models import Period

        kinds = [k for k in self.periods.split(",") if k]
        if not kinds:
            raise ValidationError({"periods": "Välj minst en period."})
        if any(k not in Period.Kind.values for k in kinds):
            raise ValidationError({"periods": "Okänd period."})
        self.periods = ",".join(self.period_kinds)
