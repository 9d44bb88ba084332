"""Two writers of the same thing at the same moment, on PostgreSQL: exactly one save wins, the other gets the
conflict, nothing is lost. Each write path: the section page, the admin, an economy table, the economy import.

Each writer runs in its own thread with its own database connection; a barrier lets them go at once, and the
version row is locked (select_for_update) by whichever comes first. SQLite's in-memory test database is not shared
between connections: skipped there (the sequential stale-version cases in test_admin_versions.py run everywhere).
"""

import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from economy import services as economy_services
from economy.importer import template_workbook
from economy.models import Area, AreaRow, TableVersion
from tertial.editing import EditConflict, save_section
from tertial.models import Draft, Section
from tests.conftest import PASSWORD
from tests.tertial.helpers import section_post_data, url
from tests.tertial.test_admin_scope import form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs PostgreSQL: one database for all connections"),
]


def race(*writers):
    """Run the writers at once, each in its own thread and connection; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(writers))
    results = [None] * len(writers)

    def run(index, writer):
        try:
            barrier.wait(timeout=30)
            results[index] = writer()
        except Exception as error:  # the conflict is the expected outcome of one of them
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def logged_in(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def section(report):
    return report.sections.get(goal__number="1.1")


def test_two_writers_of_one_section_page(report, section, users):
    writers = [logged_in(users["skribent"]), logged_in(users["controller"])]
    pages = [section_post_data(client, report, section) for client in writers]
    for page, text in zip(pages, ["Skribentens text", "Controllerns text"], strict=True):
        page["s-analysis"] = text
    target = url("section_edit", report, section)
    responses = race(*[lambda c=c, p=p: c.post(target, p) for c, p in zip(writers, pages, strict=True)])
    assert sorted(r.status_code for r in responses) == [302, 409]
    winner = [p for p, r in zip(pages, responses, strict=True) if r.status_code == 302][0]
    loser = [p for p, r in zip(pages, responses, strict=True) if r.status_code == 409][0]
    section.refresh_from_db()
    assert winner["s-analysis"] in section.analysis and section.version == 2
    # The loser's text is not lost: it is kept as their draft.
    assert Draft.objects.get(section=section).data["s-analysis"] == loser["s-analysis"]


def test_the_admin_and_the_page_at_once(report, section, users, superuser):
    writer = logged_in(users["skribent"])
    page = section_post_data(writer, report, section)
    page["s-analysis"] = "Skribentens text"
    admin = Client()
    admin.force_login(superuser)
    admin_url = reverse("admin:tertial_section_change", args=[section.pk])
    admin_page = admin.get(admin_url).content.decode()
    assert 'name="version_seen" value="1"' in admin_page
    data = form_data(section, analysis="Administratörens text", version_seen="1")
    responses = race(
        lambda: writer.post(url("section_edit", report, section), page),
        lambda: admin.post(admin_url, data),
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    section.refresh_from_db()
    expected = "Skribentens text" if responses[0].status_code == 302 else "Administratörens text"
    assert expected in section.analysis and section.version == 2


def test_two_saves_through_the_service_at_once(section, users):
    """The service itself, without the pages: the row lock serialises them and the second sees the new version."""
    results = race(
        *[
            lambda text=text: save_section(
                section=section, user=users["skribent"], version=1, changes={"section": {"analysis": text}}
            )
            for text in ("Första", "Andra")
        ]
    )
    assert sum(isinstance(r, EditConflict) for r in results) == 1
    assert Section.objects.get(pk=section.pk).version == 2


@pytest.fixture
def drift(report):
    area = Area.objects.create(namnd=report.namnd, year=report.period.year, name="Äldreomsorg")
    row = AreaRow.objects.create(report=report, area=area, budget=Decimal(100), forecast=Decimal(100))
    return row


def _save_drift(report, row_pk, forecast, version):
    row = AreaRow.objects.get(pk=row_pk)
    row.forecast = forecast
    economy_services.save_rows(report=report, rows=[row], table=TableVersion.Table.DRIFT, version=version)
    return forecast


def test_two_controllers_of_one_economy_table(report, drift):
    version = economy_services.table_version(report=report, table=TableVersion.Table.DRIFT)
    results = race(
        lambda: _save_drift(report, drift.pk, Decimal(90), version),
        lambda: _save_drift(report, drift.pk, Decimal(80), version),
    )
    conflicts = [r for r in results if isinstance(r, economy_services.TableConflict)]
    saved = [r for r in results if isinstance(r, Decimal)]
    assert len(conflicts) == 1 and len(saved) == 1
    drift.refresh_from_db()
    assert drift.forecast == saved[0]
    assert economy_services.table_version(report=report, table=TableVersion.Table.DRIFT) == version + 1


def test_an_import_and_a_page_save_of_the_same_table(report, drift, users):
    """The import is a save of the table: it takes the table's version, so a page opened before it conflicts."""
    from economy.importer import import_figures

    version = economy_services.table_version(report=report, table=TableVersion.Table.DRIFT)
    upload = template_workbook(report)
    results = race(
        lambda: import_figures(
            report=report, uploaded=SimpleUploadedFile("ekonomi.xlsx", upload), user=users["controller"]
        ),
        lambda: _save_drift(report, drift.pk, Decimal(70), version),
    )
    assert not any(isinstance(r, Exception) and not isinstance(r, economy_services.TableConflict) for r in results)
    page_result = results[1]
    final = economy_services.table_version(report=report, table=TableVersion.Table.DRIFT)
    if isinstance(page_result, economy_services.TableConflict):
        assert final == version + 1  # the import came first: the page's stale save wrote nothing
    else:
        assert final == version + 2  # the page came first; the import then saved the table on top of it, knowingly
    # Sequentially: a page opened before an import always gets the conflict.
    with pytest.raises(economy_services.TableConflict):
        _save_drift(report, drift.pk, Decimal(60), version)
