"""The exports' background task, run by `manage.py db_worker` (django-tasks' database backend)."""

from django_tasks import task


@task()
def make_export_file(export_file_id: int) -> str:
    from .services import export_file_make, export_files_delete_old

    export_file = export_file_make(export_file_id)
    export_files_delete_old()  # the worker keeps the storage tidy as it goes; `delete_old_exports` does it by cron
    return export_file.status if export_file else "borttagen"
