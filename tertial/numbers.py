"""Swedish numbers, one place for HTML, Word and Excel: `2 091,0`, `1,89 %`, `-0,1`; and parsing what people type."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\xa0"
# What people paste from Word and Excel: minus signs, dashes, narrow and ordinary no-break spaces, thin spaces.
_MINUSES = {"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007\u200a']+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class NumberParseError(ValueError):
    """Raised with a Swedish message when a typed number cannot be read."""


_AMBIGUOUS = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")


def parse_number(raw, *, allow_percent: bool = True) -> Decimal | None:
    """Read a number as Swedes type it: `1,89`, `2 091`, `-3,5`, `−3,5`, `2 091,5 %`, `1.5`. Empty -> None.

    A point is accepted as decimal separator only when there is no comma (`1.5`); `2.091,5` reads as 2091,5.
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    text = str(raw).strip()
    for char, replacement in _MINUSES.items():
        text = text.replace(char, replacement)
    if allow_percent and text.endswith("%"):
        text = text[:-1]
    text = _SPACES.sub("", text)
    if text == "":
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _AMBIGUOUS.match(text):
        # `2.091`: an English decimal point or a thousands point? Asked, never guessed (it was stored as 2,091).
        whole, part = text.lstrip("-").split(".")
        sign = "-" if text.startswith("-") else ""
        raise NumberParseError(f"”{raw}”: menar du {sign}{whole}\u00a0{part} eller {sign}{whole},{part}?")
    if not _NUMBER.match(text):
        raise NumberParseError(f"”{raw}” är inte ett tal. Skriv till exempel 1,89 eller 2 091.")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NumberParseError(f"”{raw}” är inte ett tal.") from None


def format_number(value, decimals: int | None = None, unit: str = "", *, sign: bool = False, empty: str = "") -> str:
    """Format a Decimal the Swedish way with no-break spaces: `2 091,0`, `1,89 %`, `-0,1 mnkr`.

    `decimals=None` keeps the value's own precision (trailing zeros of the stored scale removed).
    """
    if value is None or value == "":
        return empty
    value = Decimal(value)
    if decimals is None:
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
        text = format(value, "f")
    else:
        quantum = Decimal(1).scaleb(-decimals)
        value = value.quantize(quantum, rounding=ROUND_HALF_UP)
        if value == 0:
            value = abs(value)  # no "-0,0"
        text = format(value, "f")
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NBSP.join(groups)
    if frac:
        result += "," + frac
    if negative:
        result = "-" + result
    elif sign and value > 0:
        result = "+" + result
    if unit:
        result += NBSP + unit
    return result


def format_mnkr(value, *, unit: bool = False) -> str:
    """Amounts in mnkr with one decimal, as every economy table prints them."""
    return format_number(value, 1, "mnkr" if unit else "")


def format_typed(value, *, decimals: int = 1, unit: str = "") -> str:
    """An amount with the table's `decimals`, or with every further decimal that was typed: a budgetjustering of
    1,25 mnkr is printed 1,25, never silently rounded to 1,3."""
    if value is None:
        return ""
    typed = -Decimal(value).normalize().as_tuple().exponent
    return format_number(value, max(decimals, typed), unit)


def format_tkr(value, *, unit: bool = False) -> str:
    """Amounts in tkr with one decimal (Resultatenheter)."""
    return format_number(value, 1, "tkr" if unit else "")


def format_percent(value, decimals: int = 1) -> str:
    return format_number(value, decimals, "%")


_SMALL = [
    "noll",
    "ett",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
    "tretton",
    "fjorton",
    "femton",
    "sexton",
    "sjutton",
    "arton",
    "nitton",
]
_TENS = {20: "tjugo", 30: "trettio", 40: "fyrtio", 50: "femtio", 60: "sextio", 70: "sjuttio", 80: "åttio", 90: "nittio"}


def number_in_words(n: int, *, common: bool = False) -> str:
    """0–99 in Swedish words, as the count sentences write them (`tolv`, `arton`, `tjugotre`); digits above.

    `common=True` for en-words: "en nämnd", "trettioen nämnder" (the neuter "ett mål", "tjugoett mål" otherwise).
    """
    if 0 <= n < 100:
        tens, ones = divmod(n, 10) if n >= 20 else (0, n)
        ones_word = "en" if common and ones == 1 else _SMALL[ones]
        if tens == 0:
            return ones_word
        return _TENS[tens * 10] + (ones_word if ones else "")
    return str(n)
