"""The publication check computed by the background worker after a save, so that a page view (the city's Status
above all, thirty reports at once) finds the result of the report's new version ready in the cache.

Every write saves through django-simple-history, and a new history row of anything the checks read is what gives
the report a new version (`tertial.checks.cache`). So the one place that sees every change is simple-history's
`post_create_historical_record`: it notes the report (or the nämnd, or the year's catalogue) the row belongs to,
and when the transaction commits one task per affected report is enqueued (`tasks.refresh_checks`). The bulk
writes that write their history without that signal (an Excel import, the KF structure's import) call
`note_saved` themselves; a new report's own row has its signal.

While a task waits, a marker in the cache names the version the worker was asked to check: a page finding no
result for a report's current version may then show it as pending, if that very version is on its way, instead of
computing it (`cache.cached_findings(..., pending=True)`). The marker lasts `CHECKS_PENDING_SECONDS`: a worker that
is down or far behind never leaves a page waiting longer than that, after which the page checks the report itself.
A stale result is never shown either way: the cache key is the version.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q


def queued_key(report_id: int) -> str:
    return f"tertial:kontroll:i-ko:{report_id}"


def queued(keys: dict[int, str]) -> set[int]:
    """Of the reports and their versions' cache keys given, those whose check of exactly that version the worker
    was asked for within `CHECKS_PENDING_SECONDS`. One query."""
    markers = cache.get_many([queued_key(report_id) for report_id in keys]) if keys else {}
    return {report_id for report_id, key in keys.items() if markers.get(queued_key(report_id)) == key}


def refresh_later(report_ids) -> None:
    """Order the check of these reports' current versions from the worker (call it after the commit). Each
    report's marker names the version ordered: a change that orders nothing (a row saved outside a transaction)
    gives a version no worker is making, which the page then checks itself. Two queries and the orders."""
    from tertial.models import Report

    from .cache import cache_key, fingerprints
    from .tasks import refresh_checks

    reports = list(Report.objects.filter(pk__in=set(report_ids)).select_related("period").order_by("pk"))
    if not reports:
        return
    stamps = fingerprints(reports)
    markers = {queued_key(r.id): cache_key(r, stamps[r.id]) for r in reports}
    cache.set_many(markers, settings.CHECKS_PENDING_SECONDS)
    for report in reports:
        refresh_checks.enqueue(report.id)


# --- Which reports a history row concerns ----------------------------------------------------------------------


def _scopes(instance) -> tuple:
    """The reports a saved row belongs to, as the fingerprint counts it: ("report", id), ("namnd", id) or
    ("year", namnd_id or None for the city's catalogue, year); and the reports that read it as a previous
    report's (`cache.PREVIOUS`): ("later", id) for an indicator result, the reports after it of its year and the
    next year's after a VB; ("year", namnd_id, year + 1) for an indicator, whose code next year's reports match.
    Nothing for a model the checks do not read."""
    from indicators.models import Indicator
    from tertial.models import Namnd, Report

    from .cache import CATALOGUE_ROWS, PREVIOUS, REPORT_ROWS

    model = type(instance)
    if model is Report:
        return (("report", instance.pk),)
    if model is Namnd:
        return (("namnd", instance.pk),)
    if model is PREVIOUS:
        return (("report", instance.report_id), ("later", instance.report_id))
    if model in REPORT_ROWS:
        return (("report", instance.report_id),)
    if model is Indicator and instance.namnd_id is not None:
        return (("year", instance.namnd_id, instance.year), ("year", instance.namnd_id, instance.year + 1))
    if model in CATALOGUE_ROWS:
        return (("year", instance.namnd_id, instance.year),)
    return ()


def _report_ids(scopes) -> list[int]:
    """The reports of these scopes. One query."""
    from tertial.models import Report

    condition, earlier = Q(pk__in=[]), []
    for kind, *key in scopes:
        if kind == "report":
            condition |= Q(pk=key[0])
        elif kind == "later":
            earlier.append(key[0])
        elif kind == "namnd":
            condition |= Q(namnd_id=key[0])
        elif key[0] is None:  # the city's catalogue of the year (KF:s mål): every nämnd's report of the year
            condition |= Q(period__year=key[1])
        else:
            condition |= Q(namnd_id=key[0], period__year=key[1])
    if earlier:  # the reports that read these as their previous report's (`cache.previous_reads`)
        year, kind = OuterRef("period__year"), OuterRef("period__kind")
        condition |= Exists(
            Report.objects.filter(pk__in=earlier, namnd_id=OuterRef("namnd_id")).filter(
                Q(period__year=year, period__kind__lt=kind) | Q(period__year=year - 1, period__kind="VB")
            )
        )
    return list(Report.objects.filter(condition).values_list("pk", flat=True))


class _Batch:
    """The scopes noted in one transaction, taken by one callback when it commits."""

    def __init__(self):
        self.scopes = set()

    def flush(self):
        scopes, self.scopes = self.scopes, set()
        if scopes:
            refresh_later(_report_ids(scopes))


def note_saved(instances, using=None) -> None:
    """Order, when the transaction commits, the check of the reports these saved rows belong to. Called for every
    history row (the signal below) and by the bulk writes that write their history without it."""
    scopes = {scope for instance in instances for scope in _scopes(instance)}
    if not scopes:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        # Outside a transaction (every service is atomic, so: a script's or a test's rows, one at a time) nothing
        # is ordered: the next page that needs the result checks the report itself.
        return
    # One batch per transaction (per savepoint): the one whose callback waits for this commit. A rolled back
    # transaction's or savepoint's callbacks are dropped with it, and so is its batch.
    batch = getattr(connection, "_tertial_checks_batch", None)
    savepoints = set(connection.savepoint_ids)
    waiting = batch is not None and any(
        sids == savepoints and func == batch.flush for sids, func, *_robust in reversed(connection.run_on_commit)
    )
    if not waiting:
        batch = connection._tertial_checks_batch = _Batch()
        transaction.on_commit(batch.flush, using=using)
    batch.scopes |= scopes


def _history_written(sender, instance, using=None, **kwargs):
    note_saved([instance], using)


def connect_signals() -> None:
    from simple_history.signals import post_create_historical_record

    post_create_historical_record.connect(_history_written, dispatch_uid="tertial_checks_refresh")
