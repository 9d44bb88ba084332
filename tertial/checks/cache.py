"""The publication check's result, cached per report version in Django's cache (a database table shared by every
process and server, see CACHES in settings), so that page views do not recompute it.

The cache key is a fingerprint of everything the checks read: for each model they read (`SOURCES`), the number of
its history rows and the newest history row id within the report's scope, plus a hash of the code. Every write
goes through a service that saves with django-simple-history, so any change (an edit, a delete, a new row) adds a
history row and changes the key: there is nothing to invalidate, a stale result is simply never asked for again.
The count is part of the key, not only the newest id, because ids are handed out before commit: a transaction
holding a lower id may commit after one holding a higher id, and only the count then tells the two states apart.

The far-from-previous check (`figures`) reads other reports too: the indicator results of the nämnd's earlier
reports of the year (T1 at T2) and of last year's VB, matched by last year's indicator codes. Those are in the
fingerprint as `PREVIOUS` (stamped per nämnd, year and period) and last year's Indicator rows: an edit of T1 after
it is reopened is a new version of T2's check.

The fingerprint of any number of reports is one query; the cached results one more.
"""

import hashlib
from pathlib import Path

from django.core.cache import cache
from django.db import connection

from economy.models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostType,
    CostTypeRow,
    DriftLayout,
    DriftSummary,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
    TurnoverChange,
)
from goals.models import Goal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult
from tertial.models import Namnd, Report, Section

# What the checks read, by how a row belongs to a report (tests/tertial/test_checks_cache.py checks that every
# table the checks query is here).
REPORT_ROWS = [  # rows of the report itself: report_id
    Section,
    IndicatorResult,
    ActivityResult,
    AreaRow,
    DriftLayout,
    DriftSummary,
    ResultUnit,
    InvestmentRow,
    CapitalCost,
    TurnoverChange,
    BudgetAdjustment,
    BalanceItem,
    CostTypeRow,
]
CATALOGUE_ROWS = [Goal, Indicator, Activity, Area, CostType, InvestmentCategory]  # the nämnd's (or the city's) year
SOURCES = [Report, Namnd, *REPORT_ROWS, *CATALOGUE_ROWS]
# Rows of the nämnd's other reports the checks read: the earlier reports' of the year and last year's VB.
PREVIOUS = IndicatorResult
_PREVIOUS_INDEX = len(SOURCES)

TIMEOUT = 14 * 24 * 3600  # an unread result of an old version goes after two weeks (or earlier, when culled)
# The code the result depends on: the checks, and what they import from the apps (economy tables, figures, texts).
_CODE_DIRS = ["tertial", "goals", "indicators", "economy"]
_code_hash = None


def code_hash() -> str:
    """A hash of the apps' Python code: a new version of the checks never reads an old version's result."""
    global _code_hash
    if _code_hash is None:
        root = Path(__file__).resolve().parent.parent.parent
        digest = hashlib.sha256()
        for directory in _CODE_DIRS:
            for path in sorted((root / directory).rglob("*.py")):
                if "migrations" not in path.parts:
                    digest.update(path.relative_to(root).as_posix().encode())
                    digest.update(path.read_bytes())
        _code_hash = digest.hexdigest()[:16]
    return _code_hash


_history_tables: dict = {}


def _history_table(model) -> str:
    # Looked up once per process: simple-history's `model.history` builds a new manager class on every access
    # (inspect.getmembers), a third of a millisecond each, 21 times a page.
    if model not in _history_tables:
        _history_tables[model] = connection.ops.quote_name(model.history.model._meta.db_table)
    return _history_tables[model]


def _in(values) -> tuple[str, list]:
    values = sorted(set(values))
    return "(" + ", ".join(["%s"] * len(values)) + ")", values


def previous_reads(report, namnd_id, year, kind) -> bool:
    """Whether `report`'s checks read the results of the nämnd's report of `year` and period `kind`: an earlier
    period of the same year (T1 < T2 < VB, as `indicators.models.with_previous_period` orders them) or last year's
    VB (`with_previous_vb`)."""
    if namnd_id != report.namnd_id:
        return False
    period = report.period
    return (year == period.year and kind < period.kind) or (year == period.year - 1 and kind == "VB")


def fingerprints(reports) -> dict[int, tuple]:
    """Per report: (history row count, newest history id) of every source in its scope. One query."""
    if not reports:
        return {}
    report_in, report_ids = _in(r.id for r in reports)
    namnd_in, namnd_ids = _in(r.namnd_id for r in reports)
    year_in, years = _in(r.period.year for r in reports)
    years_back_in, years_back = _in([y for r in reports for y in (r.period.year, r.period.year - 1)])
    no_kind = "CAST(NULL AS varchar(2))"
    parts, params = [], []
    for index, model in enumerate(SOURCES):
        table = _history_table(model)
        if model is Report or model is Namnd:
            column_in, ids = (report_in, report_ids) if model is Report else (namnd_in, namnd_ids)
            parts.append(
                f"SELECT {index}, id, CAST(NULL AS integer), {no_kind}, COUNT(*), MAX(history_id) FROM {table} "
                f"WHERE id IN {column_in} GROUP BY id"
            )
            params += ids
        elif model in REPORT_ROWS:
            parts.append(
                f"SELECT {index}, report_id, CAST(NULL AS integer), {no_kind}, COUNT(*), MAX(history_id) "
                f"FROM {table} WHERE report_id IN {report_in} GROUP BY report_id"
            )
            params += report_ids
        else:  # the nämnd's own rows for the year and the city's (namnd NULL), e.g. KF:s mål
            # Indicator: last year's too, whose codes match last year's VB results.
            in_years, these = (years_back_in, years_back) if model is Indicator else (year_in, years)
            parts.append(
                f"SELECT {index}, namnd_id, year, {no_kind}, COUNT(*), MAX(history_id) FROM {table} "
                f"WHERE (namnd_id IN {namnd_in} OR namnd_id IS NULL) AND year IN {in_years} GROUP BY namnd_id, year"
            )
            params += namnd_ids + these
    # The nämnd's other reports' results, per year and period; which of them a report reads is picked below.
    report_table = connection.ops.quote_name(Report._meta.db_table)
    period_table = connection.ops.quote_name(Report._meta.get_field("period").related_model._meta.db_table)
    parts.append(
        f"SELECT {_PREVIOUS_INDEX}, r.namnd_id, p.year, p.kind, COUNT(*), MAX(h.history_id) "
        f"FROM {_history_table(PREVIOUS)} h JOIN {report_table} r ON r.id = h.report_id "
        f"JOIN {period_table} p ON p.id = r.period_id "
        f"WHERE r.namnd_id IN {namnd_in} AND p.year IN {years_back_in} GROUP BY r.namnd_id, p.year, p.kind"
    )
    params += namnd_ids + years_back
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        stamps, previous = {}, []
        for source, key, year, kind, count, newest in cursor.fetchall():
            if source == _PREVIOUS_INDEX:
                previous.append((key, year, kind, count, newest))
            else:
                stamps[(source, key, year)] = (count, newest)
    result = {}
    for report in reports:
        year, parts = report.period.year, []
        for index, model in enumerate(SOURCES):
            if model is Report or model in REPORT_ROWS:
                parts.append(stamps.get((index, report.id, None), (0, 0)))
            elif model is Namnd:
                parts.append(stamps.get((index, report.namnd_id, None), (0, 0)))
            else:
                parts.append(stamps.get((index, report.namnd_id, year), (0, 0)))
                parts.append(stamps.get((index, None, year), (0, 0)))
                if model is Indicator:
                    parts.append(stamps.get((index, report.namnd_id, year - 1), (0, 0)))
        parts += sorted(
            (row_year, kind, count, newest)
            for namnd_id, row_year, kind, count, newest in previous
            if previous_reads(report, namnd_id, row_year, kind)
        )
        result[report.id] = tuple(parts)
    return result


def cache_key(report, fingerprint: tuple) -> str:
    digest = hashlib.sha256(repr((code_hash(), fingerprint)).encode()).hexdigest()[:32]
    return f"tertial:kontroll:{report.id}:{digest}"


def cached_findings(reports, compute, *, digest=None, pending=False) -> dict:
    """`compute(report)`'s findings per report, from the cache where this version of the report has been checked.

    Two queries when every result is cached (the fingerprints, then the results); a report not yet checked in this
    version is checked with `compute` and stored. The fingerprint is read first: a save committed while the checks
    run gives a new fingerprint, so the result of the older state is never stored under the newer key.

    With `digest` (a function of the findings), `digest(findings)` per report instead, cached on its own: a page
    about thirty reports (the city's Status) reads thirty small digests, not thirty reports' findings.

    With `pending`, a report not yet checked in this version whose check of this very version the worker has been
    asked for (`tertial.checks.background`) is left out of the result instead of checked now: the page says it is pending.
    One query more, only when something is missing."""
    stamps = fingerprints(reports)
    keys = {report.id: cache_key(report, stamps[report.id]) for report in reports}
    if digest is None:
        return _findings(reports, keys, compute, pending=pending)
    digest_keys = {report_id: f"{key}:{digest.__name__}" for report_id, key in keys.items()}
    found = cache.get_many(list(digest_keys.values())) if keys else {}
    result = {r.id: found[digest_keys[r.id]] for r in reports if digest_keys[r.id] in found}
    missing = [r for r in reports if r.id not in result]
    if missing:
        findings = _findings(missing, keys, compute, pending=pending)
        made = {report_id: digest(report_findings) for report_id, report_findings in findings.items()}
        if made:
            cache.set_many({digest_keys[report_id]: value for report_id, value in made.items()}, TIMEOUT)
        result.update(made)
    return result


def _findings(reports, keys, compute, *, pending=False) -> dict[int, list]:
    found = cache.get_many([keys[r.id] for r in reports]) if reports else {}
    waiting = set()
    if pending:
        from .background import queued

        waiting = queued({r.id: keys[r.id] for r in reports if keys[r.id] not in found})
    result, computed = {}, {}
    for report in reports:
        key = keys[report.id]
        if key in found:
            result[report.id] = found[key]
        elif report.id not in waiting:
            result[report.id] = computed[key] = compute(report)
    if computed:
        cache.set_many(computed, TIMEOUT)
    return result
