"""Personal data in the public text: personnummer, samordningsnummer, telephone numbers and e-mail addresses.

Severity: a personnummer or samordningsnummer is **Fel** (it identifies a person and must never be published).
A telephone number or e-mail address is a **Varning**: it may be a person's, but it may also be the förvaltning's
own switchboard or a functional address that belongs in the text; a controller decides and acknowledges.

To keep ordinary numbers out: an identity number needs a valid Luhn check digit and a real date (day + 60 for a
samordningsnummer); a telephone number needs the Swedish form (`08-123 45 67`, `070-123 45 67`, `+46 70 …`) with
8–10 digits, so years, dates (`2022-01-01`, `22-08-23`), amounts and `SOSFS 2011:9` do not match.
"""

import re
from datetime import date

from . import FEL, VARNING
from .textscan import scan

# YYMMDD-NNNN, YYYYMMDD-NNNN, with `-`, `+` (over 100 years) or nothing between; not inside a longer number.
IDENTITY_NUMBER = re.compile(
    r"(?<![\d\-+])(?<!\d[,.])(?P<century>(?:18|19|20))?(?P<date>\d{6})[-+]?(?P<serial>\d{4})(?!\d|[,.]\d)"
)
# Domestic: an area code of two to four digits starting with 0, a dash or space, then the subscriber number in groups. International: +46/0046.
PHONE = re.compile(
    r"(?<![\w\-+/])(?<!\d[,.:])"
    r"(?:(?:\+46|0046)[\s-]?(?:\(0\)\s?)?[1-9]\d{0,2}|0[1-9]\d{0,3})"
    r"(?:[\s-]?\d{2,4}){2,4}"
    r"(?!\w|[,.:/-]\d)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def identity_kind(match) -> str | None:
    """`personnummer`, `samordningsnummer` or None when the digits cannot be one (bad date or check digit)."""
    yymmdd, serial = match.group("date"), match.group("serial")
    if not luhn_ok(yymmdd + serial):
        return None
    year = int(match.group("century") or "20") * 100 + int(yymmdd[:2])
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    kind = "personnummer"
    if day > 60:
        day -= 60
        kind = "samordningsnummer"
    # Without the century any year fits one of 19xx/20xx; a leap day is checked against a leap year then.
    for candidate in [year] if match.group("century") else [year, year - 100]:
        try:
            date(candidate, month, day)
        except ValueError:
            continue
        return kind
    return None


def _identity_message(match, context):
    kind = identity_kind(match)
    if kind is None:
        return None
    return f"Texten innehåller ett {kind} (”{context}”). Personuppgifter får inte publiceras: ta bort det."


def _phone_message(match, context):
    digits = re.sub(r"\D", "", match.group(0))
    if digits.startswith("0046"):
        digits = "0" + digits[4:]
    elif digits.startswith("46"):
        digits = "0" + digits[2:]
    if digits.startswith("00") or not 8 <= len(digits) <= 10:
        return None
    return (
        f"Texten innehåller ett telefonnummer (”{context}”). Ta bort det om det är en persons nummer; "
        "är det förvaltningens eget nummer kan controllern kvittera varningen."
    )


def _email_message(match, context):
    return (
        f"Texten innehåller en e-postadress (”{context}”). Ta bort den om den är en persons adress; "
        "är det en funktionsadress kan controllern kvittera varningen."
    )


# Cheap tests a text must pass before the full patterns run (see `textscan.scan`).
_SIX_DIGITS = re.compile(r"[0-9]{6}")
_PHONE_START = re.compile(r"\+46|0046|(?<![0-9-])0[1-9][0-9]{0,3}[ -][0-9]{2}")


def check(ctx):
    yield from scan(
        ctx, IDENTITY_NUMBER, check="personnummer", severity=FEL, message=_identity_message, hint=_SIX_DIGITS
    )
    yield from scan(ctx, PHONE, check="telefon", severity=VARNING, message=_phone_message, hint=_PHONE_START)
    yield from scan(ctx, EMAIL, check="epost", severity=VARNING, message=_email_message, hint="@")
