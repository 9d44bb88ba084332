"""The exports' background task, run by `manage.py db_worker` (django-tasks' database backend)."""

from django_tasks import task


@task()
def make_export_file(export_file_id: int) -> str:
    from .services import export_file_make

    return export_file_make(export_file_id).status
