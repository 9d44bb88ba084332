"""The shared cache's table (settings.CACHES): every way of running the app migrates, so every way has it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('tertial_cache')}")


class Migration(migrations.Migration):
    dependencies = [("tertial", "0007_deadlines")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
