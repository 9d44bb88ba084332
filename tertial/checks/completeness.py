"""Completeness: what a report must contain before it is published.

A verksamhetsområde's economy narrative is required when the area deviates from its budget (the text explains
the deviation); one at 0,0 mnkr may go without, as in the published reports. Other texts are required where the year's report
template says so (`Section.required`); an empty optional text is left out of the document and is no finding. An empty
section offers `Inte aktuellt` where its template entry allows it (`Section.may_be_not_applicable`). A report
without goals is a Fel: a report created before the plan was imported cannot be published empty.

Severity: a goal without bedömning or Analys, an empty section (report text or economy narrative) and an
indicator with no outcome and no word of explanation are **Fel**: the document would print an empty place.
An indicator whose outcome is missing but whose Analys explains why (the statistics come later) is a **Varning**,
and so is an activity past its Slutdatum without a written follow-up: both can be right, a controller decides.

A tjänsteutlåtande without its date is a **Varning** (the document prints `Datum saknas`, never the export's day).

A section copied from the previous period's report (roll-over, `tertial.rollover`) and never saved since is a
**Varning**: the copied text may well still hold, but someone has to have read it.

When is an indicator due: `Tertial` indicators in every report, `Halvår` from T2, `År` (annual surveys) only in
the verksamhetsberättelse. An activity is past its Slutdatum when that date is on or before the period's last day.
"""

from django.urls import reverse

from indicators.models import Indicator
from tertial import sections
from tertial.models import Period, Section
from tertial.numbers import format_mnkr
from tertial.richtext import plain_text

from . import FEL, VARNING
from .context import (
    ANCHOR_ANALYSIS,
    ANCHOR_ASSESSMENT,
    ANCHOR_NOT_APPLICABLE,
    ORDER_ANALYSIS,
    ORDER_ASSESSMENT,
    Place,
)

FRONT_MATTER_GROUP = "Tjänsteutlåtande och bilagor"  # the page where the date is set
_DUE_IN = {
    Indicator.PeriodKind.TERTIAL: {Period.Kind.T1, Period.Kind.T2, Period.Kind.VB},
    Indicator.PeriodKind.HALVAR: {Period.Kind.T2, Period.Kind.VB},
    Indicator.PeriodKind.AR: {Period.Kind.VB},
}


def is_due(indicator, period) -> bool:
    return period.kind in _DUE_IN[indicator.period_kind]


def _structure(ctx):
    """A report without goals has nothing to follow up: it cannot be published (a report made before the nämnd's
    plan was imported, or for a nämnd that follows up no KF goal)."""
    if not any(section.goal_id for section in ctx.sections):
        url = reverse("report_overview", kwargs={"slug": ctx.namnd.slug, "period": ctx.period.code})
        yield Place(None, "Rapporten", url, (-1, 0, 0), group="Rapporten").finding(
            FEL,
            "inga-mal",
            f"Rapporten har inga mål att följa upp: nämndens plan för {ctx.period.year} saknar mål, "
            "eller nämnden följer inte upp något av KF:s mål. Importera planen och välj målen.",
        )


def _front_matter(ctx):
    """The tjänsteutlåtande's date is the report's own: without one the document prints `Datum saknas` (never the
    day of the export), and the Kontroll says so, with a link to where the controller sets it."""
    report = ctx.report
    if report.decision_date is None:
        url = reverse("front_matter", kwargs={"slug": ctx.namnd.slug, "period": ctx.period.code})
        place = Place(
            None, "Tjänsteutlåtandet – Datum", url + "#id_decision_date", (-1, 1, 0), group=FRONT_MATTER_GROUP
        )
        yield place.finding(
            VARNING,
            f"datum-saknas:rapport-{report.pk}",
            "Tjänsteutlåtandet har inget datum: dokumentet skriver ”Datum saknas” i sidhuvudet och på första "
            "sidan. Ange datumet under Tjänsteutlåtande och bilagor.",
        )


def _empty_text_section(ctx, section):
    """An empty text: a Fel when the year's template requires it (or the area deviates), otherwise nothing, since
    the exports leave an empty optional section out."""
    info = sections.kind(section.kind)
    first = info.missing_message or f"Avsnittet {section.title} är tomt."
    if section.kind == Section.Kind.ECONOMY_AREA:
        # An area is explained when it deviates; Avskrivningar at 0,0 mnkr has no text in real reports.
        deviation = ctx.economy_area_deviation(section)
        if not deviation:
            return
        first = f"Verksamhetsområdet avviker med {format_mnkr(deviation, unit=True)} men saknar text om ekonomin."
    elif not section.required:
        return
    else:
        first += " Avsnittet är obligatoriskt i årets rapportmall."
    if section.may_be_not_applicable:
        place = ctx.section_place(section, ANCHOR_NOT_APPLICABLE, ORDER_ANALYSIS)
        advice = "Skriv texten, eller markera avsnittet Inte aktuellt om det inte gäller perioden."
    else:
        place = ctx.section_place(section, ANCHOR_ANALYSIS, ORDER_ANALYSIS)
        advice = "Skriv texten."
    yield place.finding(FEL, f"tomt-avsnitt:avsnitt-{section.id}", f"{first} {advice}")


def _sections(ctx):
    for section in ctx.sections:
        if section.not_applicable:
            continue
        empty = not plain_text(section.analysis).strip()
        if section.goal_id:
            if not section.assessment and ctx.report.assesses(section.goal):  # prose-only inriktningsmål: none
                place = ctx.section_place(section, ANCHOR_ASSESSMENT, ORDER_ASSESSMENT, "Bedömning")
                yield place.finding(
                    FEL,
                    f"bedomning-saknas:avsnitt-{section.id}",
                    "Målet saknar bedömning: välj Uppfylls helt, Uppfylls delvis eller Uppfylls inte.",
                )
            if empty:
                place = ctx.section_place(section, ANCHOR_ANALYSIS, ORDER_ANALYSIS, "Analys")
                yield place.finding(FEL, f"analys-saknas:avsnitt-{section.id}", "Målet saknar analys.")
        elif empty:
            yield from _empty_text_section(ctx, section)


def _indicators(ctx):
    for indicator in ctx.indicators:
        if not is_due(indicator, ctx.period):
            continue
        section = ctx.section_by_goal.get(indicator.goal_id)
        if section is not None and section.not_applicable:
            continue
        result = ctx.indicator_results.get(indicator.id)
        if result is not None and result.outcome is not None:
            continue
        place = ctx.indicator_place(indicator)
        explained = result is not None and plain_text(result.analysis).strip()
        if explained:
            yield place.finding(
                VARNING,
                f"utfall-saknas:indikator-{indicator.id}",
                f"Periodens utfall saknas fast indikatorn ska redovisas i {ctx.period.label}. "
                "Analysen förklarar varför; kvittera om förklaringen räcker.",
            )
        else:
            yield place.finding(
                FEL,
                f"utfall-saknas:indikator-{indicator.id}",
                f"Periodens utfall saknas fast indikatorn ska redovisas i {ctx.period.label}. "
                "Fyll i utfallet, eller förklara i indikatorns analys varför det saknas.",
            )


def _activities(ctx):
    for activity in ctx.activities:
        if activity.end_date is None or activity.end_date > ctx.period_end:
            continue
        section = ctx.section_by_goal.get(activity.goal_id)
        if section is not None and section.not_applicable:
            continue
        result = ctx.activity_results.get(activity.id)
        if result is not None and plain_text(result.analysis).strip():
            continue
        deviation = " Avvikelse är markerad men inte förklarad." if result is not None and result.deviation else ""
        yield ctx.activity_place(activity).finding(
            VARNING,
            f"aktivitet-uppfoljning:aktivitet-{activity.id}",
            f"Aktiviteten hade slutdatum {activity.end_date:%Y-%m-%d} men saknar uppföljning: "
            f"skriv om den har genomförts.{deviation}",
        )


def _carried(ctx):
    """Sections the roll-over copied and nobody has saved since (`Section.carried_unchanged`)."""
    carried = [s for s in ctx.sections if s.carried_unchanged]
    if not carried:
        return
    from tertial.rollover import period_name

    report = ctx.report
    since = period_name(report.carried_from.period, report.period) if report.carried_from_id else "föregående period"
    for section in carried:
        place = ctx.section_place(section, ANCHOR_ANALYSIS, ORDER_ANALYSIS)
        yield place.finding(
            VARNING,
            f"ej-uppdaterad:avsnitt-{section.id}",
            f"Avsnittet är kopierat från {since} och har inte uppdaterats sedan. Gå igenom text och bedömning "
            "och spara avsnittet, ändrat eller inte.",
        )


def check(ctx):
    yield from _structure(ctx)
    yield from _front_matter(ctx)
    yield from _sections(ctx)
    yield from _carried(ctx)
    yield from _indicators(ctx)
    yield from _activities(ctx)
