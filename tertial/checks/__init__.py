"""Publiceringskontroll: the findings that stop a report from being fastställd (filled in by the checks work)."""


def publication_blockers(report) -> list:
    """Findings that block Fastställd: every Fel, and every Varning not acknowledged."""
    return []
