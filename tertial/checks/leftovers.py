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
    # (pattern, what it is, a lower-case text every match contains)
    # `//Johanna`, `// Johanna`: a note to a colleague; not the `//` of a web address.
    (r"(?<![:/\w])//\s?[A-ZÅÄÖ][\wåäöÅÄÖ-]*", "en intern anteckning", "//"),
    (r"\(\s*\?+\s*\)", "ett frågetecken inom parentes", "?"),
    (r"\?{2,}", "frågetecken som platshållare", "??"),
    (r"(?<![\w\-/])[xX]{2,}(?![\w\-/])", "platshållaren xx", "xx"),
    (r"\bTODO\b", "en att göra-anteckning", "todo"),
    (r"\bFIXME\b", "en att göra-anteckning", "fixme"),
    (r"\[\s*(?:\.{2,}|…)\s*\]", "platshållaren [...]", "["),
    (r"(?i:\bklicka\b[^.\n]{0,80}?\blägga\s+till\b[^.\n]{0,40})", "mallens instruktionstext", "klicka"),
    (r"(?i:\bskriv\s+(?:(?:din|er)\s+)?(?:text\s+)?här\b)", "mallens instruktionstext", "skriv"),
    (r"(?i:\blorem\s+ipsum\b)", "blindtext (Lorem ipsum)", "lorem"),
]
# One pattern each: a plain alternation of all of them is several times slower on a 30 000-word report, as the
# engine then tries every branch at every character instead of jumping to each pattern's literal start.
PATTERNS = [(re.compile(pattern), what, hint) for pattern, what, hint in _PATTERNS]


def check(ctx):
    for pattern, what, hint in PATTERNS:
        yield from scan(
            ctx,
            pattern,
            check="kvarglomt",
            severity=FEL,
            hint=hint,
            message=lambda match, context, what=what: (
                f"Texten innehåller {what}: ”{context}”. Ta bort eller skriv klart före publicering."
            ),
        )
