"""Layouts of the driftbudget per verksamhetsområde: columns chosen from column kinds, with presets for the layouts
of the city's documents (stadsdelsnämnd 2022, the older stadsdelsnämnd layout, facknämnd 2024, the slide table of
2025), and the settings of the table. One home for what a column is called, what it shows and which typed field,
if any, is entered in it; `economy.tables` prints them, the drift page offers the typed ones as inputs.
"""

from dataclasses import dataclass

from django.db import models


class Col(models.TextChoices):
    """The column kinds, in the order a table chosen column by column prints them."""

    BOKSLUT = "bokslut", "Bokslut föregående år"
    BUDGET = "budget", "Budget"
    JUSTERAD_BUDGET = "justerad_budget", "Justerad nettobudget"
    BEVILJADE = "beviljade", "Beviljade budgetjusteringar"
    BEGARDA = "begarda", "Begärda budgetjusteringar"
    FORANDRINGAR = "forandringar", "Prestations- och omslutningsförändringar"
    UTFALL = "utfall", "Utfall"
    RESULTAT = "resultat", "Resultat per tertial"
    FORBRUKNING = "forbrukning", "Förbrukning"
    PROGNOS = "prognos", "Prognos"
    PROGNOS_EFTER = "prognos_efter", "Prognos efter resultatöverföringar"
    AVVIKELSE_PROGNOS = "avvikelse_prognos", "Avvikelse budget mot prognos"
    RESULTATOVERFORING = "resultatoverforing", "Resultatöverföring"
    AVVIKELSE = "avvikelse", "Avvikelse"
    JUSTERAD_AVVIKELSE = "justerad_avvikelse", "Justerad avvikelse"


# The AreaRow field typed into a column; the other kinds are computed (economy.tables.layout_value).
TYPED = {
    Col.BOKSLUT: "previous_outcome",
    Col.BUDGET: "budget",
    Col.JUSTERAD_BUDGET: "budget",
    Col.FORANDRINGAR: "change",
    Col.UTFALL: "outcome",
    Col.RESULTAT: "outcome",
    Col.PROGNOS: "forecast",
}


@dataclass(frozen=True)
class Column:
    kind: str
    label: str  # may hold {year}, {previous}, {next}, {period}: `Budget {year}` prints `Budget 2024`

    def heading(self, report) -> str:
        period = report.period
        year = period.year
        return self.label.format(
            year=year, previous=year - 1, next=year + 1, period=f"T{period.number}" if period.number else "helår"
        )


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    first_column: str
    columns: tuple
    total_label: str = "Totalt"
    budget_includes_requested: bool = False
    area_tables: bool = False
    zero_totals: bool = False  # the total row prints 0,0 where a column has nothing (Socialnämnden's)

    def column_list(self) -> list[Column]:
        return [Column(kind, label or Col(kind).label) for kind, label in self.columns]


PRESETS = {
    p.key: p
    for p in [
        Preset(
            "stadsdelsnamnd_2022",
            "Stadsdelsnämnd (tertialrapport 2022)",
            "Mnkr Netto",
            (
                (Col.BUDGET, "Budget"),
                (Col.BEGARDA, None),
                (Col.FORANDRINGAR, None),
                (Col.PROGNOS, "Prognos (före resultatöverföringar)"),
                (Col.PROGNOS_EFTER, "Prognos (efter resultatöverföringar)"),
                (Col.AVVIKELSE, None),
            ),
            area_tables=True,
        ),
        Preset(
            "stadsdelsnamnd_justerad",
            "Stadsdelsnämnd (justerad nettobudget, resultat per tertial)",
            "Mnkr Netto",
            (
                (Col.JUSTERAD_BUDGET, None),
                (Col.PROGNOS, "Prognos årsutfall"),
                (Col.AVVIKELSE, None),
                (Col.RESULTAT, "Resultat per {period}"),
                (Col.BOKSLUT, "Bokslut {previous}"),
            ),
            budget_includes_requested=True,
        ),
        Preset(
            "facknamnd_2024",
            "Facknämnd (tertialrapport 2024)",
            "Verksamhetsområde, mnkr",
            (
                (Col.BOKSLUT, "Bokslut {previous}"),
                (Col.BUDGET, "Budget {year}"),
                (Col.PROGNOS, "Prognos {year}"),
                (Col.AVVIKELSE_PROGNOS, "Avvikelse"),
                (Col.FORANDRINGAR, "Prognos Prestationsförändr."),
                (Col.BEGARDA, "Prognos Budgetjustering"),
                (Col.RESULTATOVERFORING, "Prognos Resultatöverföring"),
                (Col.JUSTERAD_AVVIKELSE, None),
            ),
            total_label="Nämnden totalt",
            zero_totals=True,
        ),
        Preset(
            "presentation_2025",
            "Presentationens tabell (2025)",
            "Mnkr netto",
            ((Col.BUDGET, None), (Col.AVVIKELSE, "Avvikelse prognos {period}")),
            total_label="TOTALT",
        ),
    ]
}


def default_preset(namnd) -> Preset:
    return PRESETS["facknamnd_2024" if namnd.kind == "facknamnd" else "stadsdelsnamnd_2022"]


@dataclass(frozen=True)
class Layout:
    """A report's drift table: what the `DriftLayout` row says, or the nämnd type's preset when there is none."""

    preset: Preset
    columns: list
    budget_includes_requested: bool
    area_tables: bool
    saved: object = None  # the DriftLayout row, if any

    @property
    def first_column(self) -> str:
        return self.preset.first_column

    @property
    def total_label(self) -> str:
        return self.preset.total_label

    def typed_fields(self) -> list[str]:
        """The AreaRow fields the drift page asks for, in column order, each once."""
        fields = []
        for column in self.columns:
            name = TYPED.get(column.kind)
            if name and name not in fields:
                fields.append(name)
        return fields

    def input_label(self, field_name, report) -> str:
        for column in self.columns:
            if TYPED.get(column.kind) == field_name:
                return column.heading(report)
        return field_name


def custom_columns(kinds, preset: Preset) -> list[Column]:
    """Columns picked one by one: the preset's columns that were kept, in its order and with its labels, then the
    others in the order of `Col`."""
    kinds = [k for k in kinds if k in Col.values]
    chosen = [c for c in preset.column_list() if c.kind in kinds]
    have = {c.kind for c in chosen}
    chosen += [Column(k, Col(k).label) for k in Col.values if k in kinds and k not in have]
    return chosen


def layout_for(report, saved=None) -> Layout:
    """`saved` is the report's DriftLayout (or None): the caller loads it so that no query hides here."""
    if saved is None:
        preset = default_preset(report.namnd)
        return Layout(preset, preset.column_list(), preset.budget_includes_requested, preset.area_tables)
    preset = PRESETS.get(saved.preset) or default_preset(report.namnd)
    columns = custom_columns(saved.columns, preset) if saved.columns else preset.column_list()
    return Layout(preset, columns, saved.budget_includes_requested, saved.area_tables, saved)
