"""Publiceringskontroll: the findings that stop a report from being fastställd (filled in by the checks work).

Contract used by the rest of the app:
- `run_checks(report) -> list[Finding]` every finding of a report, in document order.
- `findings_for_section(report, section) -> list[Finding]` those of one section (shown to its writers).
- `publication_blockers(report) -> list[Finding]` every Fel, and every Varning not acknowledged: while this is
  non-empty the report cannot be fastställd.
"""

from dataclasses import dataclass

FEL = "fel"
VARNING = "varning"


@dataclass
class Finding:
    severity: str  # FEL or VARNING
    key: str  # stable identity, used for acknowledgements
    place: str  # human-readable place, e.g. "Nämndmål 1.1.1 – indikator Andel …"
    message: str  # Swedish
    section_id: int | None = None  # the section to fix it in (None: economy tables etc.)
    url: str = ""  # the exact place to fix it


def run_checks(report) -> list[Finding]:
    return []


def findings_for_section(report, section) -> list[Finding]:
    return [f for f in run_checks(report) if f.section_id == section.id]


def publication_blockers(report) -> list[Finding]:
    return []
