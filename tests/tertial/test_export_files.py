"""Background exports: the PDF (and the zip with bilagor) is ordered with a POST, made by the worker, followed on
its own page and downloaded by whoever may export the report. The tests run the task with the immediate backend
(tests/settings.py) once the order is committed; one test runs it through the database queue and `db_worker`."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tertial.exports import pdf
from tertial.exports.services import export_file_make, export_file_start
from tertial.models import ExportFile, ExportLog

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db
FAKE_PDF = b"%PDF-1.7 (LibreOffice i testet)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rich(namnd):
    return make_rich_report(namnd, size=1)


@pytest.fixture
def libreoffice(monkeypatch):
    """LibreOffice's conversion without LibreOffice: the tests are about the background, not the PDF."""
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx: FAKE_PDF)


def _url(name, report, **kwargs):
    return reverse(f"exports:{name}", kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs})


def _order(client, report, fmt, capture):
    with capture(execute=True):
        return client.post(_url("start", report, fmt=fmt))


def test_a_pdf_is_made_in_the_background_and_offered_when_ready(
    client, users, rich, libreoffice, django_capture_on_commit_callbacks
):
    client.force_login(users["sekreterare"])
    index = client.get(_url("index", rich)).content.decode()
    assert 'action="' + _url("start", rich, fmt="pdf") + '"' in index and "Skapa PDF" in index
    response = _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("file", rich, pk=export_file.pk)
    assert export_file.status == ExportFile.Status.DONE and export_file.user == users["sekreterare"]
    assert ExportLog.objects.get().format == "pdf"  # logged like every export

    page = client.get(response["Location"]).content.decode()
    assert "PDF är klar." in page and _url("file_download", rich, pk=export_file.pk) in page
    assert "<script>" not in page  # CSP: the polling is a static file
    status = client.get(_url("file_status", rich, pk=export_file.pk)).json()
    assert status["finished"] is True and "Hämta Tertialrapport 2 2022 Testnämnd.pdf" in status["html"]
    download = client.get(_url("file_download", rich, pk=export_file.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == FAKE_PDF
    assert download["Content-Type"] == "application/pdf"
    assert "Tertialrapport%202%202022%20Testn%C3%A4mnd.pdf" in download["Content-Disposition"]
    index = client.get(_url("index", rich)).content.decode()
    assert "Tertialrapport 2 2022 Testnämnd.pdf" in index and "Filerna sparas i 24 timmar" in index  # Dina filer


def test_while_it_is_made_the_page_says_so_and_its_script_asks_again(client, users, rich, libreoffice):
    client.force_login(users["controller"])
    response = client.post(_url("start", rich, fmt="pdf"))  # not committed in the test: the worker has not run
    export_file = ExportFile.objects.get()
    assert export_file.status == ExportFile.Status.WAITING
    page = client.get(response["Location"]).content.decode()
    assert "PDF görs nu" in page and 'aria-live="polite"' in page
    assert 'data-finished="0"' in page and "js/export_status.js" in page
    assert client.get(_url("file_status", rich, pk=export_file.pk)).json()["finished"] is False
    assert client.get(_url("file_download", rich, pk=export_file.pk)).status_code == 404
    # A second click while it is made does not order a second file.
    client.post(_url("start", rich, fmt="pdf"))
    assert ExportFile.objects.count() == 1


@pytest.mark.parametrize(
    "who, status", [("controller", 200), ("skribent", 403), ("stad", 403), ("outsider", 404), ("sekreterare", 200)]
)
def test_only_users_who_may_export_the_report_get_the_file(
    client, users, rich, libreoffice, who, status, django_capture_on_commit_callbacks
):
    client.force_login(users["sekreterare"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    pk = ExportFile.objects.get().pk
    client.force_login(users[who])
    for name in ("file", "file_status", "file_download"):
        assert client.get(_url(name, rich, pk=pk)).status_code == status, name
    assert client.post(_url("start", rich, fmt="pdf")).status_code in ((302,) if status == 200 else (status,))
    # A GET of the order's address tells nobody else that it exists (405 only for those who may export).
    assert client.get(_url("start", rich, fmt="docx")).status_code == (405 if status == 200 else status)


def test_anonymous_is_sent_to_login(client, users, rich, libreoffice, django_capture_on_commit_callbacks):
    client.force_login(users["controller"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    client.logout()
    response = client.get(_url("file_download", rich, pk=ExportFile.objects.get().pk))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_file_of_another_report_is_not_reached_through_this_reports_url(
    client, users, rich, other_namnd, libreoffice, django_capture_on_commit_callbacks
):
    from tertial.models import Membership
    from tests.conftest import make_user

    other = make_rich_report(other_namnd, size=1)
    theirs = make_user("deras-controller", namnd=other_namnd, role=Membership.Role.CONTROLLER)
    client.force_login(theirs)
    _order(client, other, "pdf", django_capture_on_commit_callbacks)
    pk = ExportFile.objects.get().pk
    client.force_login(users["controller"])  # may export `rich`, not `other`
    assert client.get(_url("file_download", rich, pk=pk)).status_code == 404


def test_a_failed_export_says_why_in_swedish(client, users, rich, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: None)  # the web server has it, the worker not
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx: (_ for _ in ()).throw(pdf.PdfUnavailable("Inget soffice.")))
    client.force_login(users["controller"])
    response = _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get()
    assert export_file.status == ExportFile.Status.FAILED and export_file.error == "Inget soffice."
    page = client.get(response["Location"]).content.decode()
    assert "PDF kunde inte göras." in page and "Inget soffice." in page
    assert not ExportLog.objects.exists()


def test_a_technical_error_fails_the_file_and_keeps_the_traceback_for_the_worker(rich, users, monkeypatch):
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: None)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda docx: 1 / 0)
    export_file = export_file_start(report=rich, fmt="pdf", user=users["controller"])
    with pytest.raises(ZeroDivisionError):
        export_file_make(export_file.pk)
    export_file.refresh_from_db()
    assert export_file.status == ExportFile.Status.FAILED and "tekniskt fel" in export_file.error


def test_without_libreoffice_no_pdf_is_ordered(client, users, rich, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    client.force_login(users["controller"])
    response = client.post(_url("start", rich, fmt="pdf"), follow=True)
    assert "inte är installerat" in response.content.decode()
    assert not ExportFile.objects.exists()


def test_opening_the_pdf_link_makes_nothing(client, users, rich, libreoffice):
    """No write on GET: the old download address of the PDF leads to the page where it is ordered."""
    client.force_login(users["controller"])
    response = client.get(_url("download", rich, fmt="pdf"), follow=True)
    assert response.redirect_chain[-1][0] == _url("index", rich)
    assert "PDF görs i bakgrunden" in response.content.decode()
    assert not ExportFile.objects.exists() and not ExportLog.objects.exists()


def test_the_zip_with_bilagor_is_made_in_the_background(client, users, rich, django_capture_on_commit_callbacks):
    client.force_login(users["sekreterare"])
    _order(client, rich, "zip", django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get()
    content = b"".join(client.get(_url("file_download", rich, pk=export_file.pk)).streaming_content)
    assert zipfile.ZipFile(io.BytesIO(content)).namelist() == ["Tertialrapport 2 2022 Testnämnd.docx"]


@pytest.mark.parametrize("fmt, label, magic", [("docx", "Word", b"PK"), ("xlsx", "Excel", b"PK")])
def test_word_and_excel_are_made_in_the_background_too(
    client, users, rich, fmt, label, magic, django_capture_on_commit_callbacks
):
    """They take up to a second or more on a full-size report (bench/export_bench.py): the same path as the PDF."""
    client.force_login(users["sekreterare"])
    old_address = client.get(_url("download", rich, fmt=fmt), follow=True)
    assert f"{label} görs i bakgrunden" in old_address.content.decode() and not ExportLog.objects.exists()
    response = _order(client, rich, fmt, django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get()
    assert export_file.status == ExportFile.Status.DONE and export_file.filename.endswith(f".{fmt}")
    assert f"{label} är klar." in client.get(response["Location"]).content.decode()
    download = client.get(_url("file_download", rich, pk=export_file.pk))
    assert b"".join(download.streaming_content)[:2] == magic
    log = ExportLog.objects.get()
    assert (log.format, log.user, log.report_version) == (fmt, users["sekreterare"], export_file.report_version)


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_make_the_file(users, rich, libreoffice):
    """As in production: the order waits in the database until `manage.py db_worker` takes it. Committed for real
    (the worker closes connections inside a test's transaction on PostgreSQL, as it does between tasks)."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        from django_tasks_db.models import DBTaskResult

        export_file = export_file_start(report=rich, fmt="pdf", user=users["controller"])
        assert DBTaskResult.objects.count() == 1
        export_file.refresh_from_db()
        assert export_file.status == ExportFile.Status.WAITING  # nothing made in the request
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    export_file.refresh_from_db()
    assert export_file.status == ExportFile.Status.DONE
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# --- Retention: files older than EXPORT_FILE_HOURS go, through the storage API --------------------------------


def _age(export_file, hours):
    from datetime import timedelta

    from django.utils import timezone

    ExportFile.objects.filter(pk=export_file.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_old_files_are_deleted_with_their_stored_file_by_the_command(
    client, users, rich, libreoffice, settings, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.files.storage import default_storage

    settings.EXPORT_FILE_HOURS = 24
    client.force_login(users["sekreterare"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    _order(client, rich, "zip", django_capture_on_commit_callbacks)
    old, recent = ExportFile.objects.get(format="pdf"), ExportFile.objects.get(format="zip")
    assert default_storage.exists(old.file.name) and default_storage.exists(recent.file.name)
    _age(old, 25)
    _age(recent, 23)
    out = StringIO()
    call_command("delete_old_exports", stdout=out)
    assert out.getvalue().strip() == "Tog bort 1 exportfil äldre än 24 timmar."
    assert list(ExportFile.objects.all()) == [recent]
    assert not default_storage.exists(old.file.name) and default_storage.exists(recent.file.name)
    assert client.get(_url("file_download", rich, pk=old.pk)).status_code == 404
    assert ExportLog.objects.count() == 2  # the record of who exported what stays


def test_the_worker_deletes_old_files_as_it_makes_new_ones(
    client, users, rich, libreoffice, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    client.force_login(users["controller"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    old = ExportFile.objects.get()
    _age(old, 48)
    stuck = ExportFile.objects.create(report=rich, user=users["controller"], format="zip", filename="x.zip")
    _age(stuck, 48)  # ordered two days ago and never made (no worker ran): it goes too
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    assert [f.status for f in ExportFile.objects.all()] == [ExportFile.Status.DONE]
    assert old.pk not in ExportFile.objects.values_list("pk", flat=True)
    assert not default_storage.exists(old.file.name)
    assert export_file_make(stuck.pk) is None  # its task, if it comes later, finds nothing to make


def test_a_file_already_gone_from_the_storage_does_not_stop_the_clean_up(
    client, users, rich, libreoffice, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from tertial.exports.services import export_files_delete_old

    client.force_login(users["controller"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    export_file = ExportFile.objects.get()
    default_storage.delete(export_file.file.name)
    _age(export_file, 30)
    assert export_files_delete_old() == 1 and not ExportFile.objects.exists()


def test_a_file_is_stored_served_and_deleted_through_its_fields_storage(
    client, users, rich, libreoffice, monkeypatch, django_capture_on_commit_callbacks
):
    """`ExportFile.file`'s own storage, also where it is not the default storage."""
    from django.core.files.storage import InMemoryStorage, default_storage

    from tertial.exports.services import export_files_delete_old

    storage = InMemoryStorage()
    monkeypatch.setattr(ExportFile._meta.get_field("file"), "storage", storage)
    client.force_login(users["controller"])
    _order(client, rich, "pdf", django_capture_on_commit_callbacks)
    name = ExportFile.objects.get().file.name
    assert storage.exists(name) and not default_storage.exists(name)
    download = client.get(_url("file_download", rich, pk=ExportFile.objects.get().pk))
    assert b"".join(download.streaming_content) == FAKE_PDF
    _age(ExportFile.objects.get(), 30)
    assert export_files_delete_old() == 1 and not storage.exists(name)
