"""Economy texts against their tables: a verksamhetsområde's text says "underskott om 7,1 mnkr", "överskott mot
budget med 4,4 mnkr" or "i balans", and the table says how the area deviates. The first such statement of the text
is the area's own and must agree with the area's Avvikelse (before or after resultatöverföringar, both are written
about); the statements after it, when there are two or more, are its parts and must add up to it.

`narrative_problems(data, texts)` gives (section id, key, message) for every disagreement; the publication check
reports them as Varningar (a text may well explain something else), naming both figures.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tertial.numbers import format_mnkr

# "underskott om 1,2 mnkr", "överskott mot budget med 4,4 mnkr", "ett överskott på 0,2 mnkr"
_CLAIM = re.compile(
    r"(?P<kind>underskott|överskott)\b[^.\d]{0,40}?\b(?:om|med|på)\s+(?P<amount>\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)"
    r"\s*mnkr",
    re.IGNORECASE,
)
_BALANCE = re.compile(r"\bi balans\b", re.IGNORECASE)
HALF = Decimal("0.05")  # a text writes one decimal (or none: "2 mnkr"); closer than this is the same figure


@dataclass
class Claim:
    amount: Decimal  # signed as the tables write it: överskott positive, underskott negative
    text: str  # as written, for the message
    start: int


def claims(plain: str) -> list[Claim]:
    found = []
    for match in _CLAIM.finditer(plain):
        try:
            amount = Decimal(match.group("amount").replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except InvalidOperation:
            continue
        sign = -1 if match.group("kind").lower() == "underskott" else 1
        found.append(Claim(sign * amount, match.group(0), match.start()))
    for match in _BALANCE.finditer(plain):
        found.append(Claim(Decimal(0), match.group(0), match.start()))
    return sorted(found, key=lambda c: c.start)


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < HALF


def _signed(value: Decimal) -> str:
    if value == 0:
        return "i balans (0,0 mnkr)"
    kind = "underskott" if value < 0 else "överskott"
    return f"{kind} om {format_mnkr(abs(value), unit=True)}"


def narrative_problems(data, texts: dict) -> list[tuple[int, str, str]]:
    """`texts`: {section id: plain text} of the areas' narratives."""
    problems = []
    for fig in data.areas:
        plain = texts.get(fig.section_id)
        if not plain or not fig.has_figures:
            continue
        found = claims(plain)
        if not found:
            continue
        first, parts = found[0], found[1:]
        table = [fig.deviation, fig.deviation_before]
        name = fig.area.name
        if not any(_same(first.amount, t) for t in table):
            problems.append(
                (
                    fig.section_id,
                    f"ekonomi-text:{fig.area.id}",
                    f"Texten skriver ”{first.text}” men tabellen visar {_signed(fig.deviation)} för {name}. "
                    "Rätta texten eller siffrorna.",
                )
            )
        elif len(parts) >= 2:
            total = sum((p.amount for p in parts), Decimal(0))
            if not _same(total, first.amount):
                problems.append(
                    (
                        fig.section_id,
                        f"ekonomi-text-delar:{fig.area.id}",
                        f"Texten skriver ”{first.text}” men delarna den räknar upp summerar till {_signed(total)}. "
                        "Kontrollera beloppen.",
                    )
                )
    return problems
