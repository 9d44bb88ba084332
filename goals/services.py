"""Writes on a year's goal structure: the nämnd's plan and the city's KF structure, imported from Excel (or copied
from the year before, which is the same import fed with last year's content). Every import is all or nothing,
written with history and logged in `ImportLog`, trial runs included."""

from django.db import IntegrityError, transaction

from tertial.errors import ServiceError
from tertial.models import ImportLog, Report
from tertial.services import ensure_report_sections
from tertial.uploads import open_excel_bytes

from .kf_import import KfImport, kf_workbook, read_structure
from .models import Goal
from .plan_import import PlanImport, plan_workbook, read_plan
from .sync import Preview

CHANGED_SINCE_PREVIEW = (
    "Innehållet har ändrats sedan förhandsgranskningen. Granska ändringarna igen innan du bekräftar."
)


def _log(*, kind, user, namnd, year, file_name, dry_run, preview: Preview):
    lines = [*preview.created, *preview.changed, *preview.blocked]
    ImportLog.objects.create(
        kind=kind,
        user=user if user and user.is_authenticated else None,
        namnd=namnd,
        year=year,
        file_name=file_name[:255],
        dry_run=dry_run,
        created=len(preview.created),
        changed=len(preview.changed),
        removed=preview.removed,
        summary="\n".join(lines[:500]),
    )


@transaction.atomic
def plan_import(
    *,
    namnd,
    year: int,
    data: bytes,
    file_name: str,
    user=None,
    dry_run=False,
    remove_missing=False,
    digest=None,
    log=True,
) -> Preview:
    """Import the nämnd's plan for `year`. A trial run (`dry_run`) writes nothing but the log and returns what a
    real run would do; a real run with `digest` (from the preview) refuses if the result would now differ. Only a
    trial run may skip the log (`log=False`: the demo loader checks whether its data differs before importing).

    Rows missing from the file are removed only with `remove_missing`, and never when a fastställd report shows
    them. The open reports of the nämnd and year get the new goals' sections and results."""
    kf_goals = {g.number: g for g in Goal.objects.filter(year=year, level=Goal.Level.KF_MAL, namnd=None)}
    if not kf_goals:
        raise ServiceError(f"Budgetåret {year} har ingen KF-struktur ännu. Stadens administratör lägger in den först.")
    plan = read_plan(open_excel_bytes(data), kf_goals)
    run = PlanImport(namnd=namnd, year=year, plan=plan, kf_goals=kf_goals)
    if digest and run.preview.digest != digest:
        raise ServiceError(CHANGED_SINCE_PREVIEW)
    if not dry_run:
        try:
            with transaction.atomic():
                run.apply(user=user, remove_missing=remove_missing)
        except IntegrityError:
            raise ServiceError("Planen kunde inte sparas: två rader krockar. Kontrollera koder och nummer.") from None
        open_reports = Report.objects.filter(namnd=namnd, period__year=year).exclude(status=Report.Status.FASTSTALLD)
        for report in open_reports.select_related("period", "namnd"):
            ensure_report_sections(report=report)
    if log or not dry_run:
        _log(
            kind=ImportLog.Kind.PLAN,
            user=user,
            namnd=namnd,
            year=year,
            file_name=file_name,
            dry_run=dry_run,
            preview=run.preview,
        )
    return run.preview


def plan_copy_workbook(*, namnd, year: int) -> bytes:
    """Last year's plan as this year's file: imported as it is or edited first."""
    if not Goal.objects.filter(namnd=namnd, year=year - 1).exists():
        raise ServiceError(f"{namnd} har ingen plan för {year - 1} att kopiera.")
    return plan_workbook(namnd=namnd, year=year, source_year=year - 1)


@transaction.atomic
def kf_structure_import(
    *,
    year: int,
    data: bytes,
    file_name: str,
    user=None,
    dry_run=False,
    remove_missing=False,
    digest=None,
    log=True,
) -> Preview:
    """Import the city's KF structure for `year` (trial run, digest and removal as in `plan_import`). Goals that
    nämnder use are never removed; goals a fastställd report prints keep their text."""
    goals, indicators, activities = read_structure(open_excel_bytes(data))
    run = KfImport(year=year, goals=goals, indicators=indicators, activities=activities)
    if digest and run.preview.digest != digest:
        raise ServiceError(CHANGED_SINCE_PREVIEW)
    if not dry_run:
        try:
            with transaction.atomic():
                run.apply(user=user, remove_missing=remove_missing)
        except IntegrityError:
            raise ServiceError(
                "KF-strukturen kunde inte sparas: två rader krockar. Kontrollera koder och nummer."
            ) from None
    if log or not dry_run:
        _log(
            kind=ImportLog.Kind.KF_STRUCTURE,
            user=user,
            namnd=None,
            year=year,
            file_name=file_name,
            dry_run=dry_run,
            preview=run.preview,
        )
    return run.preview


def kf_copy_workbook(*, year: int) -> bytes:
    """Year N−1's KF structure as year N's file (same mandate): confirmed as it is, or downloaded and edited."""
    if not Goal.objects.filter(year=year - 1, namnd=None).exists():
        raise ServiceError(f"Budgetåret {year - 1} har ingen KF-struktur att kopiera.")
    return kf_workbook(year=year, source_year=year - 1)
