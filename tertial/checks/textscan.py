"""Scanning the report's texts with patterns: shared by the leftover, personal data and number-format checks."""

import re
from collections.abc import Callable, Iterable

from . import Finding
from .context import CheckContext


def excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    """The match with a little text either side, so the writer can find it: `… kartlägga (?) barnens …`."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start - width > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if end + width < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    return " ".join((before + text[start:end] + after).split())


def scan(
    ctx: CheckContext,
    pattern: re.Pattern,
    *,
    check: str,
    severity: str,
    message: Callable[[re.Match, str], str | None],
    hint: str | re.Pattern | None = None,
) -> Iterable[Finding]:
    """One finding per distinct match per text. `message(match, excerpt)` returns None to let a match pass.

    `hint` is something every match contains (a lower-case substring, or a cheap pattern): texts without it are
    skipped, which keeps a 100 000-word report well under a second (a full pattern costs ~0.1 µs a character).
    """
    for source in ctx.plain_texts():
        text = source.plain
        if isinstance(hint, str) and hint not in source.folded:
            continue
        if isinstance(hint, re.Pattern) and not hint.search(text):
            continue
        seen = set()
        for match in pattern.finditer(text):
            found = " ".join(match.group(0).split())
            if found.casefold() in seen:
                continue
            text_message = message(match, excerpt(text, match.start(), match.end()))
            if text_message is None:
                continue
            seen.add(found.casefold())
            yield source.place.finding(severity, f"{check}:{source.id}:{found.casefold()}", text_message)
