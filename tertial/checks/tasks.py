"""The publication check's background task, run by `manage.py db_worker` (django-tasks' database backend)."""

from django_tasks import task


@task()
def refresh_checks(report_id: int) -> str:
    """Check the report's current version and store the result (findings and the counts the city's Status reads)
    in the cache, unless it is there already. A report deleted meanwhile is left alone."""
    from tertial.models import Report

    from . import check_report, finding_counts
    from .cache import cached_findings

    report = Report.objects.select_related("namnd", "period").filter(pk=report_id).first()
    if report is None:
        return "borttagen"
    errors, warnings = cached_findings([report], check_report, digest=finding_counts)[report.id]
    return f"{errors} fel, {len(warnings)} varningar"
