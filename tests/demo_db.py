"""A module-scoped fixture with the demo data loaded once (load_demo takes seconds, tests run in savepoints).

Use: `from tests.demo_db import demo_db  # noqa: F401`, then request `demo_db` together with `db`. The module's
tests run inside one outer transaction that is rolled back when the module is done, so nothing leaks out.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)
