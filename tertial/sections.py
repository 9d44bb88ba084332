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
    # Economy texts are placed among the economy tables by `economy.tables.report_parts`.
    placed_by_economy: bool = False
    # Made by the report's structure (one per goal, one per verksamhetsområde), never a template entry.
    structural: bool = False
    # The anvisningar a new year's default template gives the writer (the city edits them per year).
    default_instructions: str = ""


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
        SectionKind(
            K.ECONOMY_SALES,
            K.ECONOMY_SALES.label,
            Chapter.ECONOMY,
            missing_message="Texten om försäljningar av anläggningstillgångar saknas.",
            placed_by_economy=True,
        ),
        SectionKind(
            K.ECONOMY_PROJECTS,
            K.ECONOMY_PROJECTS.label,
            Chapter.ECONOMY,
            missing_message="Texten om verksamhetsprojekt saknas.",
            placed_by_economy=True,
        ),
        SectionKind(
            K.ECONOMY_PREMISES,
            K.ECONOMY_PREMISES.label,
            Chapter.ECONOMY,
            missing_message="Texten om medel för lokaländamål saknas.",
            placed_by_economy=True,
        ),
        SectionKind(
            K.ECONOMY_BALANCE,
            K.ECONOMY_BALANCE.label,
            Chapter.ECONOMY,
            missing_message="Analysen av balansräkningen saknas.",
            placed_by_economy=True,
        ),
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
