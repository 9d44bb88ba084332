"""Publiceringskontroll: the findings that stop a report from being fastställd.

Contract used by the rest of the app:
- `run_checks(report) -> list[Finding]` every finding of a report, in document order, cached per report version
  (`tertial.checks.cache`: page views do not recompute it).
- `findings_for_section(report, section) -> list[Finding]` those of one section (shown to its writers), each
  Varning with its `acknowledgement` (who, when, why) or None.
- `publication_blockers(report) -> list[Finding]` every Fel, and every Varning not acknowledged: while this is
  non-empty the report cannot be fastställd.
- `summarize(report) -> CheckSummary` the counts the overview shows (partial `tertial/checks/_counts.html`).

The checks live one kind a module (completeness, leftovers, personal_data, figures, consistency); each module's
docstring says which severity it gives and why. In short: what is certainly wrong or must never be published
(a placeholder, a personnummer, a missing bedömning, figures that cannot hold, an unbalanced table) is **Fel**;
what needs a human judgement (a goal assessed more kindly than its indicators, a missing gender split that the
source does not have, an activity without a written follow-up) is **Varning**, which a controller acknowledges
with a comment.

Every run reads the report with a fixed number of queries (see `context.CheckContext`), whatever its size.
"""

from dataclasses import dataclass, field

FEL = "fel"
VARNING = "varning"
SEVERITY_LABELS = {FEL: "Fel", VARNING: "Varning"}


@dataclass
class Finding:
    severity: str  # FEL or VARNING
    key: str  # stable identity, used for acknowledgements
    place: str  # human-readable place, e.g. "Nämndmål 1.1.1 – indikator Andel …"
    message: str  # Swedish
    section_id: int | None = None  # the section to fix it in (None: economy tables etc.)
    url: str = ""  # the exact place to fix it
    group: str = ""  # the heading the Kontroll page groups the finding under (the section's title)
    order: tuple = field(default=(), compare=False, repr=False)  # document order
    # a Varning's FindingAcknowledgement, set by `attach_acknowledgements` (never cached: it is not the check's)
    acknowledgement: object = field(default=None, compare=False, repr=False)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def local_place(self) -> str:
        """The place within its group: `indikator ”Andel …”` under the heading `Nämndmål 1.1.1`."""
        prefix = f"{self.group} – "
        return self.place[len(prefix) :] if self.place.startswith(prefix) else self.place

    @property
    def is_error(self) -> bool:
        return self.severity == FEL


@dataclass
class CheckSummary:
    errors: int
    warnings: int
    acknowledged: int

    @property
    def unacknowledged(self) -> int:
        return self.warnings - self.acknowledged

    @property
    def blocking(self) -> int:
        return self.errors + self.unacknowledged


def run_checks(report, *, fresh: bool = False) -> list[Finding]:
    """Every finding of the report, in document order: from the cache when this version of the report has been
    checked (two queries, see `tertial.checks.cache`), else checked now and stored. `fresh` always checks now."""
    if fresh:
        return check_report(report)
    return run_checks_for_reports([report])[report.id]


def run_checks_for_reports(reports) -> dict[int, list[Finding]]:
    """`run_checks` of many reports (with their period loaded): two queries when every result is cached."""
    from .cache import cached_findings

    return cached_findings(reports, check_report)


def finding_counts(findings: list[Finding]) -> tuple[int, tuple[str, ...]]:
    """What the counts of a report need: the number of Fel and the keys of the Varningar (acknowledged or not)."""
    return sum(1 for f in findings if f.severity == FEL), tuple(f.key for f in findings if f.severity == VARNING)


def summaries_for_reports(reports, *, pending: bool = False) -> dict[int, CheckSummary]:
    """`summarize` of many reports (with their period loaded), from their cached counts: three queries. With
    `pending`, a report whose check of its new version the worker has yet to make is left out (see
    `cache.cached_findings`)."""
    from .cache import cached_findings

    cached = cached_findings(reports, check_report, digest=finding_counts, pending=pending)
    acknowledged = acknowledged_keys_for_reports(reports)
    result = {}
    for report in reports:
        if report.id not in cached:
            continue
        errors, warnings = cached[report.id]
        acked = acknowledged.get(report.id, set())
        result[report.id] = CheckSummary(
            errors=errors, warnings=len(warnings), acknowledged=sum(1 for key in warnings if key in acked)
        )
    return result


def check_report(report) -> list[Finding]:
    """Run every check on the report now, uncached. A fixed number of queries."""
    from . import completeness, consistency, figures, leftovers, personal_data
    from .context import CheckContext

    ctx = CheckContext(report)
    findings: dict[str, Finding] = {}
    for module in (completeness, leftovers, personal_data, figures, consistency):
        for finding in module.check(ctx):
            # The same defect found twice (e.g. one text scanned by two patterns) is shown once.
            findings.setdefault(finding.key, finding)
    return sorted(findings.values(), key=lambda f: f.order)


def findings_for_section(report, section) -> list[Finding]:
    """The section's findings with their acknowledgements: the cached findings (two queries) and one more."""
    findings = [f for f in run_checks(report) if f.section_id == section.id]
    attach_acknowledgements(report, findings)
    return findings


def attach_acknowledgements(report, findings: list[Finding]) -> dict:
    """Set each finding's `acknowledgement` (with its user) or None, and return the report's acknowledgements by
    key. One query, whatever the number of findings (a Fel is never acknowledged)."""
    from tertial.models import FindingAcknowledgement

    acknowledgements = {a.key: a for a in FindingAcknowledgement.objects.filter(report=report).select_related("user")}
    for finding in findings:
        finding.acknowledgement = acknowledgements.get(finding.key) if finding.severity == VARNING else None
    return acknowledgements


def acknowledged_keys(report) -> set[str]:
    """The keys of the Varningar a controller has acknowledged on this report. One query."""
    from tertial.models import FindingAcknowledgement

    return set(FindingAcknowledgement.objects.filter(report=report).values_list("key", flat=True))


def acknowledged_keys_for_reports(reports) -> dict[int, set[str]]:
    """`acknowledged_keys` of many reports. One query."""
    from tertial.models import FindingAcknowledgement

    keys: dict[int, set[str]] = {}
    for report_id, key in FindingAcknowledgement.objects.filter(report__in=reports).values_list("report_id", "key"):
        keys.setdefault(report_id, set()).add(key)
    return keys


def publication_blockers(report, findings: list[Finding] | None = None) -> list[Finding]:
    """Every Fel, and every Varning without an acknowledgement. Without `findings` the report is checked now, not
    read from the cache: this is the gate of Fastställd, the one decision that must not rest on a stored result."""
    findings = check_report(report) if findings is None else findings
    acknowledged = acknowledged_keys(report)
    return [f for f in findings if f.severity == FEL or f.key not in acknowledged]


def summarize(report, findings: list[Finding] | None = None, acknowledged: set[str] | None = None) -> CheckSummary:
    """Counts for the overview page: Fel, Varningar and how many of those are acknowledged."""
    findings = run_checks(report) if findings is None else findings
    acknowledged = acknowledged_keys(report) if acknowledged is None else acknowledged
    warnings = [f for f in findings if f.severity == VARNING]
    return CheckSummary(
        errors=sum(1 for f in findings if f.severity == FEL),
        warnings=len(warnings),
        acknowledged=sum(1 for f in warnings if f.key in acknowledged),
    )
