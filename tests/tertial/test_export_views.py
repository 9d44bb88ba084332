"""Export pages: who may export, Swedish file names, the export log, PDF with and without LibreOffice."""

import shutil
from urllib.parse import quote

import pytest
from django.urls import reverse

from tertial.exports import pdf
from tertial.exports.services import content_disposition, filename, log_export
from tertial.models import ExportLog, Namnd, Period, Report

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(namnd):
    return make_rich_report(namnd, size=1)


def _url(report, fmt=None):
    args = [report.namnd.slug, report.period.code]
    return reverse("exports:download", args=[*args, fmt]) if fmt else reverse("exports:index", args=args)


@pytest.mark.parametrize(
    "who, status",
    [("sekreterare", 200), ("controller", 200), ("skribent", 403), ("stad", 403), ("outsider", 404)],
)
def test_who_may_export(client, users, rich, who, status):
    client.force_login(users[who])
    assert client.get(_url(rich)).status_code == status
    assert client.post(_url(rich, "pptx")).status_code == status
    assert ExportLog.objects.count() == (1 if status == 200 else 0)
    start = reverse("exports:start", args=[rich.namnd.slug, rich.period.code, "xlsx"])
    assert client.post(start).status_code == (302 if status == 200 else status)


def test_anonymous_is_sent_to_login(client, rich):
    response = client.get(_url(rich, "docx"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_download_has_a_swedish_file_name_and_is_logged(
    client, users, rich, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tertial.models import ExportFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["sekreterare"])
    args = [rich.namnd.slug, rich.period.code]
    with django_capture_on_commit_callbacks(execute=True):  # Word is made by the worker (immediate in the tests)
        client.post(reverse("exports:start", args=[*args, "docx"]))
    response = client.get(reverse("exports:file_download", args=[*args, ExportFile.objects.get().pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''" + quote("Tertialrapport 2 2022 Testnämnd.docx") in disposition
    assert 'filename="Tertialrapport 2 2022 Testnamnd.docx"' in disposition
    assert b"".join(response.streaming_content)[:2] == b"PK"
    log = ExportLog.objects.get()
    assert (log.user, log.format, log.report_status) == (users["sekreterare"], "docx", "under_arbete")
    assert len(log.report_version) == 16


def test_the_logged_version_changes_when_the_report_changes(client, users, rich):
    client.force_login(users["controller"])
    client.post(_url(rich, "pptx"))
    client.post(_url(rich, "pptx"))
    section = rich.sections.get(goal__number="1.1")
    section.analysis += "\nEn ny mening."
    section.save()
    client.post(_url(rich, "pptx"))
    first, second, third = ExportLog.objects.order_by("id").values_list("report_version", flat=True)
    assert first == second != third


def test_file_names():
    report = Report(namnd=Namnd(name="Hässelby-Vällingby stadsdelsnämnd"), period=Period(year=2022, kind="T2"))
    assert filename(report, "docx") == "Tertialrapport 2 2022 Hässelby-Vällingby.docx"
    header = content_disposition("Tertialrapport 2 2022 Hässelby-Vällingby.docx")
    assert header == (
        'attachment; filename="Tertialrapport 2 2022 Hasselby-Vallingby.docx"; '
        "filename*=UTF-8''Tertialrapport%202%202022%20H%C3%A4sselby-V%C3%A4llingby.docx"
    )


def test_unknown_format_is_404(client, users, rich):
    client.force_login(users["sekreterare"])
    assert client.get(_url(rich, "odt")).status_code == 404
    assert not ExportLog.objects.exists()


def test_index_lists_the_formats_with_file_names(client, users, rich):
    client.force_login(users["sekreterare"])
    page = client.get(_url(rich)).content.decode()
    assert f'method="post" action="{_url(rich, "pptx")}"' in page  # made while the user waits
    for fmt in ("docx", "xlsx", "pdf", "zip"):  # ordered from the worker
        assert reverse("exports:start", args=[rich.namnd.slug, rich.period.code, fmt]) in page
        assert f'href="{_url(rich, fmt)}"' not in page
    assert "Tertialrapport 2 2022 Testnämnd.xlsx" in page and "Skapa Word" in page


def test_without_libreoffice_the_pdf_option_says_why(client, users, rich, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    client.force_login(users["sekreterare"])
    page = client.get(_url(rich)).content.decode()
    assert "LibreOffice" in page and "inte är installerat" in page
    assert _url(rich, "pdf") not in page
    response = client.get(_url(rich, "pdf"), follow=True)
    assert response.status_code == 200
    assert "inte är installerat" in response.content.decode()
    assert not ExportLog.objects.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")
def test_pdf_is_tagged(client, users, rich, settings, tmp_path, django_capture_on_commit_callbacks):
    from tertial.models import ExportFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["controller"])
    with django_capture_on_commit_callbacks(execute=True):  # the background worker (immediate in the tests)
        client.post(reverse("exports:start", args=[rich.namnd.slug, rich.period.code, "pdf"]))
    export_file = ExportFile.objects.get()
    content = export_file.file.read()
    assert export_file.status == ExportFile.Status.DONE
    assert content.startswith(b"%PDF")
    assert b"/StructTreeRoot" in content  # tagged: screen readers get headings and tables
    assert ExportLog.objects.get().format == "pdf"


def test_index_shows_who_exported_which_version(client, users, rich):
    client.force_login(users["controller"])
    client.post(_url(rich, "pptx"))
    page = client.get(_url(rich)).content.decode()
    log = ExportLog.objects.get()
    assert "PowerPoint" in page and "controller" in page and log.report_version in page


def test_index_shows_exports_made_without_a_user(client, users, rich):
    log_export(report=rich, user=None, fmt="docx", version="abc123")  # as manage.py export_report logs it
    client.force_login(users["sekreterare"])
    page = client.get(_url(rich)).content.decode()
    assert "kommandorad" in page and "abc123" in page


def test_index_queries_do_not_grow_with_the_log(client, users, rich, django_assert_num_queries):
    """Guards the N+1 of one user query per logged export."""
    client.force_login(users["controller"])
    for fmt in ("pptx", "pptx", "pptx"):
        client.post(_url(rich, fmt))
    from tertial.models import ExportFile

    for fmt in ("pdf", "zip", "pdf"):
        ExportFile.objects.create(report=rich, user=users["controller"], format=fmt, filename=f"x.{fmt}")
    # session, user, report with nämnd and period, the user's roles, the log with its users, the user's files
    with django_assert_num_queries(6):
        assert client.get(_url(rich)).status_code == 200


def test_a_get_of_the_slide_deck_writes_nothing_and_leads_to_the_export_page(client, users, rich):
    """No page writes on GET: the deck is made and logged when the page's button posts, a link or a prefetch
    only leads to Exportera."""
    client.force_login(users["sekreterare"])
    response = client.get(_url(rich, "pptx"))
    assert response.status_code == 302 and response["Location"] == _url(rich)
    assert ExportLog.objects.count() == 0
    response = client.post(_url(rich, "pptx"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert ExportLog.objects.count() == 1
