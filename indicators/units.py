"""What an indicator's figures may be, by its unit: one rule per kind of unit, read by every write (the section
page's cells, the admin and the plan import, through `IndicatorResult.clean` / `Indicator.clean`) and by the
publication checks.

The kinds, from the units the published reports use (`tertial.demo`, `../shared/seeds/`):
- `%` is a **share** (`Andel …`, `Sjukfrånvaro`, `Stockholmarnas nöjdhet …`): 0–100 %. A `%` indicator whose
  årsmål is a band (`+/- 1 %`, Nämndens prognossäkerhet) measures a **deviation**: −100–100 % (Socialnämnden's
  VB 2023 printed −1 %).
- A count of **persons** (men + women = total, unit `personer`, or `st` of an indicator about persons: `Antal
  aspiranter som fått Stockholmsjobb`, `Antal ungdomar som fått feriejobb`) is a whole number, never negative.
- Every other unit (`st` of places or ratios such as `Antal förskolebarn per anställd` = 4,7 st, `kr`, `GWh`,
  `barn/avd.`, `kg CO2 per kg livsmedel`, none for an index) has no range: the checks' comparison with last
  year (`tertial.checks.figures`) is what catches a slip there.
A writer may type the unit after the number (`146 st`, `0,31 %`, `1,5 GWh`); another unit is refused, since it
means the figure was meant for another cell.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from tertial.numbers import format_number

PERSON_UNITS = ("personer", "person", "pers.", "pers")
_BAND = re.compile(r"\+\s*/\s*-|±")


@dataclass(frozen=True)
class FigureRule:
    rule: str  # the sentence a refused figure is told with, before ": <figure> går inte."
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    whole: bool = False

    def problem(self, value, unit: str) -> str | None:
        """The Swedish message for a figure this rule does not allow, or None."""
        if value is None:
            return None
        value = Decimal(value)
        allowed = (
            (self.minimum is None or value >= self.minimum)
            and (self.maximum is None or value <= self.maximum)
            and (not self.whole or value == value.to_integral_value())
        )
        if allowed:
            return None
        return f"{self.rule}: {format_number(value, None, unit)} går inte."


SHARE = FigureRule("En andel i procent ligger mellan 0 och 100 %", Decimal(0), Decimal(100))
DEVIATION = FigureRule("En avvikelse i procent ligger mellan −100 och 100 %", Decimal(-100), Decimal(100))
PERSONS = FigureRule("Ett antal personer är ett heltal, 0 eller fler", Decimal(0), whole=True)
ANY = FigureRule("")


def _unit(indicator) -> str:
    return (indicator.unit or "").strip()


def is_percent(indicator) -> bool:
    return _unit(indicator) in ("%", "procent")


def counts_persons(indicator) -> bool:
    unit = _unit(indicator).casefold()
    if unit in PERSON_UNITS:
        return True
    if indicator.gender_split == "count":  # men + women = total: people counted
        return True
    return unit == "st" and bool(indicator.person_based)


def figure_rule(indicator) -> FigureRule:
    """The rule of `indicator`'s figures (its outcomes, forecast, targets and last year's outcome)."""
    if is_percent(indicator):
        # KfIndicator (the city's definition) has only KF:s årsmål
        bands = (getattr(indicator, "target_text", "") or "", getattr(indicator, "kf_target_text", "") or "")
        return DEVIATION if any(_BAND.search(t) for t in bands) else SHARE
    if counts_persons(indicator):
        return PERSONS
    return ANY


def figure_problem(indicator, value) -> str | None:
    """Why `value` cannot be a figure of `indicator` (Swedish), or None."""
    return figure_rule(indicator).problem(value, _unit(indicator))


def typed_units(indicator) -> tuple[str, ...]:
    """The units a writer may type after a figure of `indicator`, lower case (`146 st`, `0,31 %`)."""
    unit = _unit(indicator).casefold()
    if not unit:
        return ()
    units = {unit, unit.rstrip(".")}
    if is_percent(indicator):
        units |= {"%", "procent"}
    if counts_persons(indicator):
        units |= {"st", *PERSON_UNITS}
    return tuple(sorted(units, key=len, reverse=True))  # the longest first: `personer` before `pers`


_LEADING_NUMBER = re.compile(r"^[+\-\u2212\u2013]?[\d\s\u00a0\u202f\u2009.,']*\d")


def strip_typed_unit(indicator, raw) -> str:
    """`raw` without the unit typed after its number; raises ValueError (Swedish) for the unit of another cell."""
    text = str(raw).strip()
    match = _LEADING_NUMBER.match(text)
    typed = text[match.end() :].strip() if match else ""
    if not typed or not any(c.isalpha() or c == "%" for c in typed):
        return text  # no unit (or no number at all: the parser says so)
    number = match.group().strip()
    if typed.casefold() in typed_units(indicator):
        return number
    unit = _unit(indicator)
    if unit:
        raise ValueError(
            f"”{text}”: indikatorn mäts i {unit}. Skriv talet, till exempel {number} eller {number} {unit}."
        )
    raise ValueError(f"”{text}”: indikatorn har ingen enhet. Skriv bara talet, till exempel {number}.")
