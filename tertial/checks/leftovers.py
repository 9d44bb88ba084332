"""Leftovers: internal notes and placeholders that were published in real reports (`//Johanna`,
`kartlägga (?)`, `xx barn`, "Klicka på STHLM bilder för att lägga till en bild").

Severity: always **Fel**. None of these can be meant for the reader, and each is fixed by editing the text.
The patterns are narrow on purpose: `xx` only as a word of its own (not `XXL`, not `XX-talet`), `(?)` literally,
`//` only before a name (not in `https://`).
"""

import re

from . import FEL
from .textscan import scan

_PATTERNS = [
    # `//Johanna`, `// Johanna`: a note to a colleague; not the `//` of a web address.
    (r"(?<![:/\w])//\s?[A-ZÅÄÖ][\wåäöÅÄÖ-]*", "en intern anteckning"),
    (r"\(\s*\?+\s*\)", "ett frågetecken inom parentes"),
    (r"\?{2,}", "frågetecken som platshållare"),
    (r"(?<![\w\-/])[xX]{2,}(?![\w\-/])", "platshållaren xx"),
    (r"\b(?:TODO|FIXME)\b", "en att göra-anteckning"),
    (r"\[\s*(?:\.{2,}|…)\s*\]", "platshållaren [...]"),
    (r"(?i:\bklicka\b[^.\n]{0,80}?\blägga\s+till\b[^.\n]{0,40})", "mallens instruktionstext"),
    (r"(?i:\bskriv\s+(?:(?:din|er)\s+)?(?:text\s+)?här\b)", "mallens instruktionstext"),
    (r"(?i:\blorem\s+ipsum\b)", "blindtext (Lorem ipsum)"),
]
PATTERN = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PATTERNS)))


def _message(match, context):
    what = _PATTERNS[int(match.lastgroup[1:])][1]
    return f"Texten innehåller {what}: ”{context}”. Ta bort eller skriv klart före publicering."


def check(ctx):
    return scan(ctx, PATTERN, check="kvarglomt", severity=FEL, message=_message)
