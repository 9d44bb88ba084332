"""The registry of section kinds: the one place that says what each kind of section is, where the report prints it,
and how. The section page, the publication checks, the report template and every export read it from here, so a
kind added to `Section.Kind` reaches them all (a test fails, naming the kind, if it has no entry).

A year's report template (`tertial.template_models`) lists which of these sections a report has, in which order
and with which titles; free sections (`Section.Kind.FREE`) are template entries, not code.
"""

from dataclasses import dataclass

from django.db import models


class Chapter(models.TextChoices):
    """The report's chapters, in document order (Förslag till beslut, computed, comes before them all)."""

    SUMMARY = "sammanfattning", "Sammanfattande analys"
    GOALS = "mal", "Uppföljning av Kommunfullmäktiges inriktningsmål"
    ECONOMY = "ekonomi", "Uppföljning av ekonomi"
    OTHER = "ovrigt", "Övrigt"


CHAPTER_ORDER = list(Chapter.values)
# The period kinds (`tertial.models.Period.Kind`) a template entry applies to unless the city chooses fewer, in the
# compact form `TemplateSection.periods` stores them.
ALL_PERIODS = "T1,T2,VB"
# Sections sort by `Section.position`; each chapter has its own band so that the document order holds.
CHAPTER_BASE = {Chapter.SUMMARY: 0, Chapter.GOALS: 1_000, Chapter.ECONOMY: 50_000, Chapter.OTHER: 60_000}


class Render(models.TextChoices):
    """How the exports print a section: the only three shapes there are."""

    GOAL = "goal", "mål med indikatorer och aktiviteter"
    TEXT = "text", "rubrik och text"
    ECONOMY_AREA = "economy_area", "verksamhetsområdets text under dess tabell"


@dataclass(frozen=True)
class SectionKind:
    key: str
    label: str
    chapter: str
    render: str = Render.TEXT
    # Printed straight under the chapter heading, without a heading of its own (Sammanfattande analys, Övrigt).
    lead: bool = False
    # In a new year's default template, and whether it is required there.
    in_default_template: bool = True
    default_required: bool = True
    may_be_not_applicable: bool = True
    # What the Kontroll says when the section is empty (the section's title is used when this is empty).
    missing_message: str = ""
    # Economy texts are placed among the economy tables by `economy.tables.report_parts`: before or after the first
    # table of `economy_anchors` ((table key, "before" | "after"), …) that the report has; with none of them, after
    # the last table. `economy_heading`: "table" shares the table's heading (Resultatenheter), "own" prints its own
    # title (Medel för lokaländamål), "sub" its title as a subheading under the table's (Tertialbokslut).
    placed_by_economy: bool = False
    economy_anchors: tuple = ()
    economy_heading: str = "table"
    # Made by the report's structure (one per goal, one per verksamhetsområde), never a template entry.
    structural: bool = False
    # The anvisningar a new year's default template gives the writer (the city edits them per year).
    default_instructions: str = ""
    # The periods a new year's default template gives the entry (`TemplateSection.periods`).
    default_periods: str = ALL_PERIODS


def _kinds():
    from .models import Section

    K = Section.Kind
    return [
        SectionKind(
            K.GOAL,
            K.GOAL.label,
            Chapter.GOALS,
            Render.GOAL,
            in_default_template=False,
            may_be_not_applicable=False,
            structural=True,
        ),
        SectionKind(
            K.SUMMARY,
            K.SUMMARY.label,
            Chapter.SUMMARY,
            lead=True,
            may_be_not_applicable=False,
            default_instructions=(
                "Sammanfatta måluppfyllelsen per inriktningsmål och ange hur många verksamhetsområdesmål och "
                "nämndmål som bedöms uppfyllas helt, delvis eller inte (förslaget till mening under texten "
                "räknar från bedömningarna)."
            ),
        ),
        SectionKind(
            K.ECONOMY_AREA,
            K.ECONOMY_AREA.label,
            Chapter.ECONOMY,
            Render.ECONOMY_AREA,
            in_default_template=False,
            missing_message="Verksamhetsområdet saknar text om ekonomin.",
            placed_by_economy=True,
            structural=True,
        ),
        *_economy_texts(K),
        SectionKind(K.OTHER, K.OTHER.label, Chapter.OTHER, lead=True, default_required=False),
        SectionKind(
            K.INTERNAL_CONTROL,
            K.INTERNAL_CONTROL.label,
            Chapter.OTHER,
            default_instructions="Redovisa de avvikelser som den interna kontrollen har funnit, per process.",
        ),
        SectionKind(
            K.SPECIAL_REPORTS,
            K.SPECIAL_REPORTS.label,
            Chapter.OTHER,
            default_instructions="Redovisa det som kommunfullmäktige har begärt särskilt, under egna rubriker.",
        ),
        SectionKind(K.FREE, K.FREE.label, Chapter.OTHER, in_default_template=False, default_required=False),
    ]


def _economy_texts(K):
    """The texts of Uppföljning av ekonomi in document order, each placed by the table it belongs to."""

    def text(key, missing, anchors, *, required=False, heading="table", instructions="", periods=ALL_PERIODS):
        return SectionKind(
            key,
            key.label,
            Chapter.ECONOMY,
            default_required=required,
            missing_message=missing,
            placed_by_economy=True,
            economy_anchors=anchors,
            economy_heading=heading,
            default_instructions=instructions,
            default_periods=periods,
        )

    return [
        text(
            K.ECONOMY_STATEMENT,
            "Texten om tertialbokslutet saknas.",
            (("resultatrakning", "before"),),
            heading="sub",
            instructions="Kommentera utfallet till och med periodens slut mot riktvärdet, per kostnadsslag (facknämnd).",
        ),
        text(
            K.ECONOMY_DRIFT,
            "Driftbudgetens inledning saknas.",
            (("drift_summary", "after"), ("drift_areas", "before")),
            instructions="Beskriv driftbudgeten, prestationsförändringar och begärda budgetjusteringar och "
            "prognosen för året före och efter resultatdispositioner.",
        ),
        text(
            K.ECONOMY_FORECAST,
            "Texten om prognosen saknas.",
            (("drift_areas", "before"),),
            heading="sub",
            instructions="Sammanfatta nämndens prognos och de större avvikelserna mot budget (facknämnd).",
        ),
        text(K.ECONOMY_DRIFT_NOTE, "Driftbudgetens fotnot saknas.", (("drift_areas", "after"),)),
        text(
            K.ECONOMY_UNITS,
            "Texten om resultatenheterna saknas.",
            (("resultatenheter", "before"), ("investeringar", "before")),
        ),
        text(K.ECONOMY_INVESTMENTS, "Texten om investeringarna saknas.", (("investeringar", "before"),)),
        SectionKind(  # a text per investeringskategori, where the report has one: after the general text
            K.ECONOMY_INVESTMENT,
            K.ECONOMY_INVESTMENT.label,
            Chapter.ECONOMY,
            in_default_template=False,
            default_required=False,
            missing_message="Investeringskategorins text saknas.",
            placed_by_economy=True,
            economy_anchors=(("investeringar", "before"),),
            structural=True,
        ),
        text(
            K.ECONOMY_CAPITAL,
            "Texten om kapitalkostnaderna saknas.",
            (("kapitalkostnader", "after"), ("investeringar", "after")),
        ),
        text(
            K.ECONOMY_SALES,
            "Texten om försäljningar av anläggningstillgångar saknas.",
            (("kapitalkostnader", "after"), ("investeringar", "after")),
            required=True,
            heading="own",
        ),
        text(
            K.ECONOMY_PROJECTS,
            "Texten om verksamhetsprojekt saknas.",
            (("kapitalkostnader", "after"), ("investeringar", "after")),
            required=True,
            heading="own",
        ),
        text(
            K.ECONOMY_TURNOVER,
            "Texten om omslutningsförändringarna saknas.",
            (("omslutningsforandringar", "before"), ("budgetjusteringar", "before")),
        ),
        text(K.ECONOMY_ADJUSTMENTS, "Texten om budgetjusteringarna saknas.", (("budgetjusteringar", "after"),)),
        SectionKind(
            K.ECONOMY_ADJUSTMENT,
            K.ECONOMY_ADJUSTMENT.label,
            Chapter.ECONOMY,
            in_default_template=False,
            default_required=False,
            missing_message="Budgetjusteringen saknar motivering.",
            placed_by_economy=True,
            economy_anchors=(("budgetjusteringar", "after"),),
            economy_heading="sub",
            structural=True,
        ),
        text(
            K.ECONOMY_PREMISES,
            "Texten om medel för lokaländamål saknas.",
            (("budgetjusteringar", "after"),),
            required=True,
            heading="own",
        ),
        text(
            K.ECONOMY_BALANCE,
            "Analysen av balansräkningen saknas.",
            (("balans_tillgangar", "before"),),
            required=True,
            heading="own",
            periods="T2,VB",  # the balance sheet is analysed in Tertial 2 and the verksamhetsberättelse only
        ),
    ]


_REGISTRY: dict[str, SectionKind] | None = None


def registry() -> dict[str, SectionKind]:
    """Every section kind by its `Section.Kind` value, in default-template order."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = {k.key: k for k in _kinds()}
    return _REGISTRY


def kind(key: str) -> SectionKind:
    """The registry entry of a kind; a KeyError names a kind that was added to the model but not here."""
    try:
        return registry()[key]
    except KeyError:
        raise KeyError(f"Section kind {key!r} has no entry in tertial.sections") from None


def template_kinds() -> list[SectionKind]:
    """The kinds a template entry can have (everything that is not made by the goal tree or the economy areas)."""
    return [k for k in registry().values() if not k.structural]


def default_template_kinds() -> list[SectionKind]:
    return [k for k in template_kinds() if k.in_default_template]
