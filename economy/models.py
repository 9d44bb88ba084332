"""Uppföljning av ekonomi: catalogues per nämnd and year, the typed figures of a report, and the requests
(budgetjusteringar, omslutningsförändringar) that feed the tables and Förslag till beslut.

Only typed input is stored. Every avvikelse, total, varav sum and transfer is computed in `economy.tables`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

AMOUNT = {"max_digits": 15, "decimal_places": 3, "null": True, "blank": True}


def amount_field(verbose_name):
    return models.DecimalField(verbose_name, **AMOUNT)


# --- Catalogues: per nämnd and budget year, managed by the nämnd's controllers ----------------------------------


class Area(models.Model):
    """A verksamhetsområde of the driftbudget. An area with a parent is a `varav` row of that parent."""

    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.CASCADE, related_name="economy_areas", verbose_name="nämnd"
    )
    year = models.PositiveSmallIntegerField("budgetår")
    name = models.CharField("namn", max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="varav under",
    )
    position = models.PositiveIntegerField("ordning", default=0)
    heading = models.CharField(
        "rubrik",
        max_length=200,
        blank=True,
        help_text="Områden med samma rubrik redovisas under den rubriken i en gemensam tabell (till exempel "
        "Stadsmiljö med Avskrivningar och Internräntor). Tom: områdets eget namn.",
    )
    partial_breakdown = models.BooleanField(
        "varav-raderna är en delredovisning",
        default=False,
        help_text="Varav-raderna visar bara en del av området (till exempel ”varav handläggning”) och behöver inte "
        "summera till området.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "verksamhetsområde"
        verbose_name_plural = "verksamhetsområden"
        ordering = ["namnd", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["namnd", "year", "name"], name="economy_area_unique_name"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """As the tables print it: `Individ- och familjeomsorg`, `varav barn och ungdom`."""
        return f"varav {self.name}" if self.parent_id else self.name

    label.fget.short_description = "rad i tabellen"  # the admin's column header (not "LABEL")

    @property
    def group_heading(self) -> str:
        return self.heading.strip() or self.name

    def clean(self):
        if self.parent_id:
            parent = self.parent
            if parent.parent_id:
                raise ValidationError({"parent": "En varav-rad kan inte ha egna varav-rader."})
            if parent.namnd_id != self.namnd_id or parent.year != self.year:
                raise ValidationError({"parent": "Varav-raden måste höra till samma nämnd och år."})


class InvestmentCategory(models.Model):
    """A fixed row of the Investeringar table (kept even when empty)."""

    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.CASCADE, related_name="investment_categories", verbose_name="nämnd"
    )
    year = models.PositiveSmallIntegerField("budgetår")
    name = models.CharField("namn", max_length=200)
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "investeringskategori"
        verbose_name_plural = "investeringskategorier"
        ordering = ["namnd", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["namnd", "year", "name"], name="economy_investmentcategory_unique_name"),
        ]

    def __str__(self):
        return self.name


class CostType(models.Model):
    """A kostnadsslag of the resultaträkning (Avgifter, Personalkostnader, …)."""

    class Kind(models.TextChoices):
        INCOME = "intakt", "Intäkt"
        COST = "kostnad", "Kostnad"

    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.CASCADE, related_name="cost_types", verbose_name="nämnd"
    )
    year = models.PositiveSmallIntegerField("budgetår")
    name = models.CharField("namn", max_length=200)
    kind = models.CharField("typ", max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kostnadsslag"
        verbose_name_plural = "kostnadsslag"
        ordering = ["namnd", "year", "kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["namnd", "year", "name"], name="economy_costtype_unique_name"),
        ]

    def __str__(self):
        return self.name


# --- Figures of one report ---------------------------------------------------------------------------------------


class DriftSummary(models.Model):
    """The Kostnader and Intäkter rows of the driftbudget summary (the netto row is their sum)."""

    report = models.OneToOneField(
        "tertial.Report", on_delete=models.CASCADE, related_name="drift_summary", verbose_name="rapport"
    )
    cost_budget = amount_field("kostnader, budget")
    cost_change = amount_field("kostnader, prestations- och omslutningsförändringar")
    cost_forecast = amount_field("kostnader, prognos")
    income_budget = amount_field("intäkter, budget")
    income_change = amount_field("intäkter, prestations- och omslutningsförändringar")
    income_forecast = amount_field("intäkter, prognos")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "driftbudget (sammanfattning)"
        verbose_name_plural = "driftbudget (sammanfattningar)"

    def __str__(self):
        return f"Driftbudget {self.report_id}"


class AreaRow(models.Model):
    """One verksamhetsområde's netto figures in a report, and its narrative section."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="area_rows", verbose_name="rapport"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="rows", verbose_name="verksamhetsområde")
    previous_outcome = amount_field("bokslut föregående år")  # printed by facknämnder
    budget = amount_field("budget")
    change = amount_field("prestations- och omslutningsförändringar")
    forecast = amount_field("prognos (före resultatöverföringar)")
    outcome = amount_field("utfall hittills i år (resultat per tertial)")
    section = models.OneToOneField(
        "tertial.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="economy_area_row",
        verbose_name="avsnitt",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "verksamhetsområde i rapport"
        verbose_name_plural = "verksamhetsområden i rapport"
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="economy_arearow_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.area} ({self.report_id})"


class ResultUnit(models.Model):
    """A resultatenhet (keeps its surplus), figures in tkr. Överskott negative, as the documents write it."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="result_units", verbose_name="rapport"
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="result_units", verbose_name="område"
    )
    code = models.CharField("kod", max_length=20)
    name = models.CharField("namn", max_length=200)
    gross_budget = amount_field("bruttobudget (tkr)")
    transfer_from = amount_field("resultatöverföring från föregående år (tkr)")
    result = amount_field("beräknat resultat (tkr)")
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "resultatenhet"
        verbose_name_plural = "resultatenheter"
        ordering = ["report", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="economy_resultunit_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class InvestmentRow(models.Model):
    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="investment_rows", verbose_name="rapport"
    )
    category = models.ForeignKey(
        InvestmentCategory, on_delete=models.PROTECT, related_name="rows", verbose_name="kategori"
    )
    budget = amount_field("budget")
    forecast = amount_field("prognos")
    section = models.OneToOneField(
        "tertial.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="economy_investment_row",
        verbose_name="text om kategorin",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "investering i rapport"
        verbose_name_plural = "investeringar i rapport"
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="economy_investmentrow_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.category} ({self.report_id})"


class CapitalCost(models.Model):
    class Kind(models.TextChoices):
        DEPRECIATION = "avskrivningar", "Avskrivningar"
        INTEREST = "internrantor", "Internräntor"

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="capital_costs", verbose_name="rapport"
    )
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    budget = amount_field("budget")
    booked = amount_field("bokfört")
    forecast = amount_field("prognos")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kapitalkostnad"
        verbose_name_plural = "kapitalkostnader"
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="economy_capitalcost_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.report_id})"


class TurnoverChange(models.Model):
    """An omslutningsförändring for one verksamhet: entered once, it feeds the table and Förslag till beslut."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="turnover_changes", verbose_name="rapport"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="turnover_changes", verbose_name="verksamhet")
    costs = amount_field("kostnader")
    income = amount_field("intäkter")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "omslutningsförändring"
        verbose_name_plural = "omslutningsförändringar"
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="economy_turnoverchange_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.area} ({self.report_id})"


class BudgetAdjustment(models.Model):
    """A requested budgetjustering. The one record behind the column, the section text and the Förslag item."""

    class Kind(models.TextChoices):
        DRIFT = "drift", "Drift"
        INVESTMENT = "investering", "Investering"

    class Status(models.TextChoices):
        REQUESTED = "begard", "Begärd nu"
        GRANTED = "beviljad", "Redan beviljad under året"

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="budget_adjustments", verbose_name="rapport"
    )
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    status = models.CharField(
        "status",
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text="En beviljad budgetjustering ingår i den justerade budgeten och står inte i Förslag till beslut.",
    )
    amount = models.DecimalField("belopp (mnkr)", max_digits=15, decimal_places=3)
    purpose = models.CharField("ändamål", max_length=500, help_text="Fortsätter meningen ”… om 0,6 mnkr för …”.")
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_adjustments",
        verbose_name="verksamhetsområde",
    )
    category = models.ForeignKey(
        InvestmentCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_adjustments",
        verbose_name="investeringskategori",
    )
    position = models.PositiveIntegerField("ordning", default=0)
    section = models.OneToOneField(
        "tertial.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_adjustment",
        verbose_name="motivering",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "budgetjustering"
        verbose_name_plural = "budgetjusteringar"
        ordering = ["report", "position", "id"]

    def __str__(self):
        return f"{self.amount} mnkr för {self.purpose} ({self.get_kind_display().lower()})"

    def clean(self):
        if self.kind == self.Kind.DRIFT:
            if not self.area_id:
                raise ValidationError({"area": "Ange vilket verksamhetsområde budgetjusteringen avser."})
            if self.category_id:
                raise ValidationError({"category": "En driftbudgetjustering avser ett verksamhetsområde."})
        elif self.kind == self.Kind.INVESTMENT:
            if not self.category_id:
                raise ValidationError({"category": "Ange vilken investeringskategori budgetjusteringen avser."})
            if self.area_id:
                raise ValidationError({"area": "En investeringsbudgetjustering avser en investeringskategori."})
        if self.amount is not None and self.amount == 0:
            raise ValidationError({"amount": "Beloppet kan inte vara noll."})
        if self.report_id is None:  # the form says the report is missing; nothing to compare with
            return
        report = self.report
        for target in (self.area, self.category):
            if target is not None and (target.namnd_id != report.namnd_id or target.year != report.period.year):
                raise ValidationError("Raden hör inte till nämndens katalog för rapportens år.")


class BalanceItem(models.Model):
    """A line of the balansräkning at two dates. Skulder och eget kapital are negative, as the documents write them."""

    class Side(models.TextChoices):
        ASSETS = "tillgangar", "Tillgångar"
        LIABILITIES = "skulder", "Skulder och eget kapital"

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="balance_items", verbose_name="rapport"
    )
    side = models.CharField("sida", max_length=20, choices=Side.choices)
    name = models.CharField("post", max_length=200)
    previous = amount_field("samma datum föregående år")
    current = amount_field("periodens slut")
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "post i balansräkning"
        verbose_name_plural = "poster i balansräkning"
        ordering = ["report", "side", "position", "id"]

    def __str__(self):
        return self.name


class CostTypeRow(models.Model):
    """Budget and utfall per kostnadsslag, last year and this year, for the resultaträkning."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="cost_type_rows", verbose_name="rapport"
    )
    cost_type = models.ForeignKey(CostType, on_delete=models.PROTECT, related_name="rows", verbose_name="kostnadsslag")
    budget_previous = amount_field("budget föregående år")
    outcome_previous = amount_field("utfall föregående år")
    budget = amount_field("budget")
    outcome = amount_field("utfall")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kostnadsslag i rapport"
        verbose_name_plural = "kostnadsslag i rapport"
        constraints = [
            models.UniqueConstraint(fields=["report", "cost_type"], name="economy_costtyperow_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.cost_type} ({self.report_id})"


class DecisionItem(models.Model):
    """A free extra Förslag till beslut item, after the generated ones."""

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="decision_items", verbose_name="rapport"
    )
    text = models.TextField("text")
    position = models.PositiveIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslutspunkt"
        verbose_name_plural = "beslutspunkter"
        ordering = ["report", "position", "id"]

    def __str__(self):
        return self.text[:60]


class DriftLayout(models.Model):
    """How a report prints its driftbudget per verksamhetsområde: the columns (column kinds from
    `economy.layouts`, a preset or the controller's own choice), whether the typed budget already includes the
    requested budgetjusteringar, and whether each area gets its own small table. No row: the nämnd type's preset."""

    report = models.OneToOneField(
        "tertial.Report", on_delete=models.CASCADE, related_name="drift_layout", verbose_name="rapport"
    )
    preset = models.CharField("mall", max_length=40)
    columns = models.JSONField("kolumner", default=list, blank=True)
    budget_includes_requested = models.BooleanField(
        "budgeten inkluderar begärda budgetjusteringar",
        default=False,
        help_text="Budgetkolumnen innehåller redan de budgetjusteringar som begärs nu: de räknas inte in i "
        "avvikelsen en gång till.",
    )
    area_tables = models.BooleanField("en tabell per verksamhetsområde", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "driftbudgetens tabell"
        verbose_name_plural = "driftbudgetens tabeller"

    def __str__(self):
        return f"Driftbudgetens tabell ({self.report_id})"


class TableVersion(models.Model):
    """How many times one economy table of a report has been saved: the version a page was opened at is compared
    under a row lock on save, so a controller who saved after another gets a conflict page instead of overwriting."""

    class Table(models.TextChoices):
        DRIFT = "drift", "Driftbudget"
        UNITS = "resultatenheter", "Resultatenheter"
        INVESTMENTS = "investeringar", "Investeringar och kapitalkostnader"
        TURNOVER = "omslutning", "Omslutningsförändringar"
        BALANCE = "balansrakning", "Balansräkning"
        INCOME = "resultatrakning", "Resultaträkning"
        ADJUSTMENTS = "budgetjusteringar", "Budgetjusteringar och Förslag till beslut"
        LAYOUT = "tabellayout", "Driftbudgetens tabell"

    report = models.ForeignKey(
        "tertial.Report", on_delete=models.CASCADE, related_name="economy_table_versions", verbose_name="rapport"
    )
    table = models.CharField("tabell", max_length=20, choices=Table.choices)
    version = models.PositiveIntegerField("version", default=0)

    class Meta:
        verbose_name = "tabellversion"
        verbose_name_plural = "tabellversioner"
        constraints = [
            models.UniqueConstraint(fields=["report", "table"], name="economy_tableversion_unique_per_report"),
        ]

    def __str__(self):
        return f"{self.get_table_display()} v{self.version} ({self.report_id})"
