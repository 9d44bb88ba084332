"""Figures that cannot hold: an indicator's gender split against its total, a share above 100 %, a decimal point
in a number in the text (`0.07 %` next to `0,11 %`), and every economy total, varav sum or balance that does not
add up (computed by `economy.tables.consistency_problems`, which this only reports).

Severity: arithmetic that cannot hold (men + women ≠ total for a count, a rate total outside its men/women
values, a figure its unit does not allow (`indicators.units`: a share outside 0–100 %, 12,5 persons), an economy table that does not add up) is **Fel**; varav rows marked as a partial
breakdown ("varav handläggning") that do not add up are a **Varning**. A person-based indicator without
gender split is a **Varning**: the city requires the split, but the source statistics sometimes lack it, and a
controller may accept that with a comment. A decimal point is a **Varning**: it is almost always a typing slip,
but the pattern cannot know every notation a text may quote. A figure far from last year's (`FAR`), a total
row of a table in a text that does not add up, and a table's `2.091` (2 091 or 2,091?) are each a **Varning** naming both figures: almost always a slip,
but a real change happens (and a table's total may count rows the writer left out), so it is explained and
acknowledged.
"""

import re
from decimal import Decimal

from economy.tables import consistency_problems
from indicators.models import Indicator
from indicators.table import column_label, figure_text
from indicators.units import DEVIATION, figure_rule, is_percent
from tertial import richtext
from tertial.models import Period
from tertial.numbers import NumberParseError, parse_number
from tertial.textfigures import ambiguous_cells, total_problems

from . import FEL, VARNING
from .textscan import scan

_WOMEN = re.compile(r"(?i)\b(?:kvinnor|kvinnliga|flickor|mammor|mödrar)\b")
_MEN = re.compile(r"(?i)\b(?:män|manliga|pojkar|pappor|fäder)\b")


def _one_gender(indicator) -> bool:
    """`Andel kvinnor med långvarigt ekonomiskt bistånd …` is about one gender: there is nothing to split."""
    return bool(_WOMEN.search(indicator.name)) != bool(_MEN.search(indicator.name))


def _fmt(value, indicator):
    return figure_text(value, indicator)


def _indicator_findings(ctx, indicator, result):
    place = ctx.indicator_place(indicator)
    gender_place = ctx.indicator_place(indicator, "outcome_men")
    key = f"indikator-{indicator.id}"
    outcome, men, women = result.outcome, result.outcome_men, result.outcome_women
    split = indicator.gender_split

    if indicator.person_based and outcome is not None and (men is None or women is None) and not _one_gender(indicator):
        yield gender_place.finding(
            VARNING,
            f"konsuppdelning:{key}",
            "Indikatorn avser personer men saknar utfall för män/pojkar och kvinnor/flickor. "
            "Staden kräver könsuppdelad statistik: fyll i båda eller kvittera med skälet.",
        )
    if outcome is not None and men is not None and women is not None:
        if split == Indicator.GenderSplit.COUNT and men + women != outcome:
            yield place.finding(
                FEL,
                f"summa-kon:{key}",
                f"Män/pojkar ({_fmt(men, indicator)}) + kvinnor/flickor ({_fmt(women, indicator)}) = "
                f"{_fmt(men + women, indicator)}, men periodens utfall är {_fmt(outcome, indicator)}.",
            )
        if split == Indicator.GenderSplit.RATE:
            # Rounding to the indicator's own decimals may put the total a hair outside the range.
            slack = Decimal(1).scaleb(-indicator.decimals) / 2
            low, high = min(men, women), max(men, women)
            if not low - slack <= outcome <= high + slack:
                yield place.finding(
                    FEL,
                    f"andel-kon:{key}",
                    f"Periodens utfall {_fmt(outcome, indicator)} ligger utanför utfallen för män/pojkar "
                    f"({_fmt(men, indicator)}) och kvinnor/flickor ({_fmt(women, indicator)}); "
                    "en andel för alla kan inte ligga utanför andelarna för respektive kön.",
                )
    rule = figure_rule(indicator)
    values = [
        ("periodens utfall", outcome),
        ("utfall män/pojkar", men),
        ("utfall kvinnor/flickor", women),
        ("prognos helår", result.forecast),
        ("årsmål", indicator.target_value),
    ]
    refused = [f"{label} {_fmt(v, indicator)}" for label, v in values if rule.problem(v, indicator.unit)]
    if refused:
        # Figures stored before the rule, or written past the services (a bulk import): the form refuses them.
        yield place.finding(FEL, f"enhet:{key}", f"{rule.rule}: {', '.join(refused)}.")


# A number written with a decimal point: `0.07 %`, `13.5 mnkr`. Not `mål 1.3`, `1.1.1`, dates or `SOSFS 2011:9`:
# the number must carry a unit or begin with `0.` (no goal or paragraph is numbered 0.x), must not be part of a
# longer dotted sequence, and must not follow a word that introduces a reference.
DECIMAL_POINT = re.compile(
    r"(?<![\d.,:§/])(?P<number>\d+\.\d+)(?![\d]|\.\d)(?P<unit>\s?(?:%|procent\b|mnkr\b|tkr\b|mdkr\b|kr\b|"
    r"kronor\b|miljoner\b|miljarder\b|st\b|GWh\b|MWh\b|kWh\b|ton\b|kg\b|timmar\b|dagar\b|år\b))?"
)
_DIGIT_POINT_DIGIT = re.compile(r"[0-9]\.[0-9]")
_REFERENCE_WORDS = re.compile(
    r"(?i)(?:mål|målet|målen|mål för verksamhetsområdet|verksamhetsområdesmål|nämndmål|inriktningsmål|punkt|"
    r"punkterna|avsnitt|avsnitten|kapitel|kap\.?|bilaga|bilagorna|tabell|figur|diagram|version|sosfs|kl\.?|§)"
    r"\s*$"
)


def _decimal_message(match, context):
    number = match.group("number")
    if not number.startswith("0."):
        if not match.group("unit"):
            return None
        if _REFERENCE_WORDS.search(match.string[max(0, match.start() - 40) : match.start()]):
            return None
    return (
        f"Talet {number} är skrivet med decimalpunkt (”{context}”). "
        f"Skriv decimaler med komma: {number.replace('.', ',')}{match.group('unit') or ''}."
    )


# "Far" from last year: more than double, or less than half (a sign that flips is less than half). A comma
# slipped one place (1,44 → 14,4), a figure typed in another unit (mnkr as tkr) or in the wrong row are all more;
# real year-on-year changes of the published reports' indicators are far less (the largest in the seeds is
# 70,29 % → 48,91 %, Andel utredningar där barnet varit delaktigt).
FAR = Decimal(2)


def _far(value, previous) -> str | None:
    if value is None or previous is None or previous == 0:
        return None
    ratio = value / previous
    if ratio > FAR:
        return "är mer än dubbelt så högt som"
    if ratio < 1 / FAR:
        return "är mindre än hälften av"
    return None


def _compares_outcome(ctx, indicator) -> bool:
    """Whether the period's outcome is comparable with last year's full-year outcome: a level (a share, an index,
    a ratio such as barn/avd.) is; an amount that accumulates over the year (st, personer, kr, GWh) is not
    before the VB (Prognos helår is compared instead)."""
    unit = indicator.unit.strip()
    level = is_percent(indicator) or not unit or "/" in unit or " per " in unit
    return level or ctx.period.kind == "VB"


def _far_from_previous_period(ctx, indicator, result):
    """Each figure against the previous period's: the same figure in the nämnd's earlier report of the year (T1
    at T2), else last year's VB outcome."""
    if figure_rule(indicator) is DEVIATION:
        return  # a deviation around zero (prognossäkerhet 0 % against 1 %): a ratio of it says nothing
    outcome, forecast = column_label("outcome"), column_label("forecast")
    vb = (indicator.previous_vb, column_label("previous_vb").format(previous_year=ctx.period.year - 1))
    kind = getattr(indicator, "previous_period_kind", None)
    label = Period(year=ctx.period.year, kind=kind).label if kind else ""
    comparisons = [("forecast", forecast, getattr(indicator, "previous_period_forecast", None), f"{forecast} {label}")]
    if _compares_outcome(ctx, indicator):
        previous = getattr(indicator, "previous_period_outcome", None)
        comparisons.insert(0, ("outcome", outcome, previous, f"{outcome} {label}"))
    for field, name, previous, previous_label in comparisons:
        if previous is None or not kind:
            previous, previous_label = vb
        value = getattr(result, field)
        if words := _far(value, previous):
            yield ctx.indicator_place(indicator, field).finding(
                VARNING,
                f"langt-fran-forra:indikator-{indicator.id}:{field}",
                f"{name} {_fmt(value, indicator)} {words} {previous_label} ({_fmt(previous, indicator)}). "
                "Kontrollera siffran och förklara förändringen i analysen, eller kvittera varningen.",
            )


def _text_tables(ctx):
    """A total row of a table in a text that does not add up (`tertial.textfigures.total_problems`)."""
    for source in ctx.plain_texts():
        if "<table" not in source.text:
            continue  # the earlier line markup has no tables
        for block in richtext.parse(source.text):
            if block.kind != "table":
                continue
            for cell, column in ambiguous_cells(block.rows):
                try:
                    parse_number(cell)
                except NumberParseError as error:  # the section page's question: 2 091 or 2,091?
                    question = str(error).split(": ", 1)[1]
                    yield source.place.finding(
                        VARNING,
                        f"tabelltal:{source.id}:{column}:{cell}".casefold(),
                        f"Tabellen i texten: ”{cell}” i kolumnen ”{column}”: {question}",
                    )
            for problem in total_problems(block.rows):
                message = problem.message
                yield source.place.finding(
                    VARNING,
                    f"tabellsumma:{source.id}:{problem.label}:{problem.column}".casefold(),
                    f"Tabellen i texten: {message[0].lower()}{message[1:]}",
                )


def check(ctx):
    for indicator in ctx.indicators:
        result = ctx.indicator_results.get(indicator.id)
        if result is not None:
            yield from _indicator_findings(ctx, indicator, result)
            yield from _far_from_previous_period(ctx, indicator, result)

    yield from _text_tables(ctx)
    yield from scan(
        ctx, DECIMAL_POINT, check="decimalpunkt", severity=VARNING, message=_decimal_message, hint=_DIGIT_POINT_DIGIT
    )

    for index, problem in enumerate(consistency_problems(ctx.report, ctx.economy)):
        place = ctx.economy_place(problem.table_key, problem.place, index)
        severity = VARNING if problem.warning else FEL
        yield place.finding(severity, f"ekonomi:{problem.table_key}:{problem.place}", problem.message)
