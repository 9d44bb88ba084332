"""Consistency: the assessments against the figures and against each other, and the summary's count sentences
against the assessments.

An economy text whose first "underskott/överskott om … mnkr" or "i balans" disagrees with its verksamhetsområde's
Avvikelse, or whose parts do not add up to it, is a **Varning** naming both figures.

Severity: a hand-written count sentence that contradicts the goals' bedömningar is **Fel**: it states a fact the
report itself disproves ("sexton … helt och två delvis" when the goals say 17 helt and one without assessment).
A goal assessed `Uppfylls helt` while most of its indicators forecast missing their årsmål, and a KF goal assessed
better than all its nämndmål or worse than all of them, are **Varning**: the bedömning weighs more than the
indicators, so these are questions for a controller, who acknowledges with the reason.
"""

from decimal import Decimal

from indicators.models import Indicator
from tertial.models import Assessment, Section

from . import FEL, VARNING
from .context import ANCHOR_ANALYSIS, ANCHOR_ASSESSMENT, ORDER_ANALYSIS, ORDER_ASSESSMENT, short_goal_title
from .counts import actual_counts, claims_in, describe, mismatches, sentence_for

_RANK = {Assessment.HELT: 3, Assessment.DELVIS: 2, Assessment.INTE: 1}


def misses_target(indicator, forecast: Decimal | None) -> bool | None:
    """Whether the full-year forecast misses the årsmål (the nämnd's, else the KF's); None when it cannot say."""
    target = indicator.target_value if indicator.target_value is not None else indicator.kf_target_value
    if forecast is None or target is None or indicator.direction == Indicator.Direction.NONE:
        return None
    if indicator.direction == Indicator.Direction.LOWER:
        return forecast > target
    return forecast < target


def _helt_against_indicators(ctx):
    by_goal = {}
    for indicator in ctx.indicators:
        result = ctx.indicator_results.get(indicator.id)
        verdict = misses_target(indicator, result.forecast if result else None)
        if verdict is not None:
            by_goal.setdefault(indicator.goal_id, []).append((indicator, verdict))
    for section in ctx.goal_sections:
        judged = by_goal.get(section.goal_id, [])
        missing = [i for i, misses in judged if misses]
        if section.assessment == Assessment.HELT and judged and len(missing) * 2 > len(judged):
            names = "; ".join(f"”{i.name}”" for i in missing[:3]) + (" …" if len(missing) > 3 else "")
            place = ctx.section_place(section, ANCHOR_ASSESSMENT, ORDER_ASSESSMENT, "Bedömning")
            yield place.finding(
                VARNING,
                f"helt-mot-indikatorer:mal-{section.goal_id}",
                f"Målet bedöms Uppfylls helt men {len(missing)} av {len(judged)} indikatorer med prognos och årsmål "
                f"väntas inte nå årsmålet ({names}). Pröva bedömningen eller förklara den i analysen.",
            )


def _kf_against_namndmal(ctx):
    assessed_children = {}
    for s in ctx.goal_sections:
        if s.goal.level == 3 and s.assessment in _RANK:
            assessed_children.setdefault(s.goal.parent_id, []).append(s)
    for section in ctx.goal_sections:
        goal = section.goal
        if goal.level != 2 or section.assessment not in _RANK:
            continue
        children = assessed_children.get(goal.id, [])
        if not children:
            continue
        own = _RANK[section.assessment]
        ranks = [_RANK[s.assessment] for s in children]
        if own > max(ranks) or own < min(ranks):
            relation = "bättre" if own > max(ranks) else "sämre"
            below = ", ".join(f"{short_goal_title(s.goal)} {s.get_assessment_display()}" for s in children)
            place = ctx.section_place(section, ANCHOR_ASSESSMENT, ORDER_ASSESSMENT, "Bedömning")
            yield place.finding(
                VARNING,
                f"kf-mot-namndmal:mal-{goal.id}:{section.assessment}",
                f"Målet bedöms {section.get_assessment_display()}, {relation} än alla dess nämndmål ({below}). "
                "Förklara skillnaden i analysen eller pröva bedömningen.",
            )


def _count_sentences(ctx):
    inriktningsmal = [s.goal for s in ctx.goal_sections if s.goal.level == 1]
    for section in ctx.sections:
        if section.kind == Section.Kind.SUMMARY:
            scope = None
        elif section.goal_id and section.goal.level == 1:
            scope = section.goal
        else:
            continue
        for index, claim in enumerate(claims_in(section.analysis, inriktningsmal, scope)):
            actual = actual_counts(ctx.goal_sections, claim.level, claim.scope)
            wrong = mismatches(claim, actual)
            if not wrong:
                continue
            where = f" under {short_goal_title(claim.scope)}" if claim.scope is not None else ""
            proposal = sentence_for(claim.level, actual) if claim.level > 1 else ""
            place = ctx.section_place(section, ANCHOR_ANALYSIS, ORDER_ANALYSIS, "Analys", index)
            yield place.finding(
                FEL,
                f"antal:avsnitt-{section.id}:{index}",
                f"Texten säger ”{claim.sentence}” men bedömningarna av målen{where} är: {describe(actual)} "
                f"({'; '.join(wrong)})." + (f" Till exempel: ”{proposal}”" if proposal else ""),
            )


def _economy_texts(ctx):
    """A verksamhetsområde's text against its row of the table (economy.tables.narratives): a Varning naming both
    figures, since the text may explain a part rather than the whole."""
    from economy.tables.narratives import narrative_problems

    areas = {s.id: s for s in ctx.sections if s.kind == Section.Kind.ECONOMY_AREA and s.analysis}
    if not areas:
        return
    texts = {
        source.place.section.id: source.plain
        for source in ctx.plain_texts()
        if source.place.section is not None and source.place.section.id in areas and source.id.endswith("-analys")
    }
    for section_id, key, message in narrative_problems(ctx.economy, texts):
        place = ctx.section_place(areas[section_id], ANCHOR_ANALYSIS, ORDER_ANALYSIS, "Analys")
        yield place.finding(VARNING, key, message)


def check(ctx):
    yield from _economy_texts(ctx)
    yield from _count_sentences(ctx)
    yield from _helt_against_indicators(ctx)
    yield from _kf_against_namndmal(ctx)
