"""The flows that store files, run through the pages against whatever default storage a test module sets up: the
in-memory storage without paths (test_storage_api.py) and S3 (test_storage_s3.py). Each asserts on the storage
itself, by storage name: a flow that asks for a path of this machine fails on both."""

import io
import os
import zipfile
from datetime import timedelta

from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils._os import safe_join
from pptx import Presentation

from tertial.models import Attachment, ExportFile, SlideTemplate

from .test_slide_template import _template

PDF = b"%PDF-1.4\n% en bilaga i testet\n"


class PathlessStorage(InMemoryStorage):
    """Django's in-memory storage without `path()`, as object storage has none (it uses it only to normalise its
    own names, here done without it)."""

    def path(self, name):
        raise NotImplementedError("Lagringen har inga sökvägar på den här datorn.")

    def _relative_path(self, name):
        return os.path.relpath(safe_join(self.location, name), self.location)


def use_storage(settings, backend: str, **options) -> None:
    """Make `backend` the default storage for this test (pytest-django's `settings` resets `default_storage`)."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend, "OPTIONS": options}}


def url(name, report, **kwargs):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs})


def stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def content(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def order(client, report, fmt, capture) -> ExportFile:
    """Order `fmt` from the worker (run at once after the commit, tests/settings.py) and return the made file."""
    with capture(execute=True):
        assert client.post(url("exports:start", report, fmt=fmt)).status_code == 302
    return ExportFile.objects.filter(report=report, format=fmt).latest("pk")


def bilaga_upload_download_zip_and_remove(client, users, report, capture):
    client.force_login(users["controller"])
    upload = SimpleUploadedFile("Budgetjusteringar.pdf", PDF, content_type="application/pdf")
    response = client.post(url("attachment_upload", report), {"file": upload, "title": "Begärda budgetjusteringar"})
    assert response.status_code == 302
    attachment = Attachment.objects.get(report=report)
    assert attachment.file.name.startswith(f"bilagor/{report.pk}/") and stored(attachment.file.name) == PDF
    # The same file again: a second object beside the first, never over it.
    again = SimpleUploadedFile("Budgetjusteringar.pdf", PDF + b"2", content_type="application/pdf")
    assert client.post(url("attachment_upload", report), {"file": again}).status_code == 302
    second = Attachment.objects.get(report=report, number=2)
    assert second.file.name != attachment.file.name and stored(attachment.file.name) == PDF

    client.force_login(users["skribent"])
    download = client.get(url("attachment_download", report, number=1))
    assert content(download) == PDF and download["Content-Length"] == str(len(PDF))
    assert "Budgetjusteringar.pdf" in download["Content-Disposition"]

    client.force_login(users["sekreterare"])
    export_file = order(client, report, "zip", capture)
    assert export_file.status == ExportFile.Status.DONE, export_file.error
    archive = zipfile.ZipFile(io.BytesIO(content(client.get(url("exports:file_download", report, pk=export_file.pk)))))
    assert archive.read("Bilaga 1 Begärda budgetjusteringar.pdf") == PDF
    assert archive.read("Bilaga 2 Budgetjusteringar.pdf") == PDF + b"2"
    assert stored(export_file.file.name)[:2] == b"PK"

    client.force_login(users["controller"])
    with capture(execute=True):
        assert client.post(url("attachment_delete", report, number=1)).status_code == 302
    assert not default_storage.exists(attachment.file.name) and default_storage.exists(second.file.name)
    assert content(client.get(url("attachment_download", report, number=1))) == PDF + b"2"  # renumbered


def export_file_made_downloaded_and_deleted(client, users, report, capture, fmt, magic):
    client.force_login(users["sekreterare"])
    export_file = order(client, report, fmt, capture)
    assert export_file.status == ExportFile.Status.DONE, export_file.error
    assert export_file.file.name.startswith("exporter/") and stored(export_file.file.name)[: len(magic)] == magic
    download = client.get(url("exports:file_download", report, pk=export_file.pk))
    assert content(download) == stored(export_file.file.name)

    old = timezone.now() - timedelta(hours=25)
    ExportFile.objects.filter(pk=export_file.pk).update(created_at=old)
    call_command("delete_old_exports", stdout=io.StringIO())
    assert not default_storage.exists(export_file.file.name) and not ExportFile.objects.filter(pk=export_file.pk)


def slide_template_used_by_the_deck_and_removed(client, users, report, capture):
    client.force_login(users["controller"])
    upload = SimpleUploadedFile("mall.pptx", _template(layout_name="Förvaltningens innehåll"))
    assert client.post(url("exports:slide_template", report), {"file": upload}).status_code == 302
    name = SlideTemplate.objects.get(namnd=report.namnd).file.name
    assert name.startswith(f"presentationsmallar/{report.namnd_id}/") and stored(name)[:2] == b"PK"

    deck = Presentation(io.BytesIO(content(client.post(url("exports:download", report, fmt="pptx")))))
    assert "Förvaltningens innehåll" in [layout.name for layout in deck.slide_layouts]

    with capture(execute=True):
        assert client.post(url("exports:slide_template_delete", report)).status_code == 302
    assert not default_storage.exists(name)
    deck = Presentation(io.BytesIO(content(client.post(url("exports:download", report, fmt="pptx")))))
    assert "Förvaltningens innehåll" not in [layout.name for layout in deck.slide_layouts]


def files_gone_from_the_storage(client, users, report, capture):
    """A file deleted behind the app's back (a bucket emptied, a restore without the files): a Swedish answer, no
    500, and the deck falls back to the city's look."""
    client.force_login(users["controller"])
    upload = SimpleUploadedFile("Bilaga.pdf", PDF, content_type="application/pdf")
    assert client.post(url("attachment_upload", report), {"file": upload}).status_code == 302
    pptx = SimpleUploadedFile("mall.pptx", _template(layout_name="Förvaltningens innehåll"))
    assert client.post(url("exports:slide_template", report), {"file": pptx}).status_code == 302
    docx = order(client, report, "docx", capture)
    for name in (Attachment.objects.get().file.name, SlideTemplate.objects.get().file.name, docx.file.name):
        default_storage.delete(name)

    assert client.get(url("attachment_download", report, number=1)).status_code == 404
    assert client.get(url("exports:file_download", report, pk=docx.pk)).status_code == 404
    failed = order(client, report, "zip", capture)
    assert failed.status == ExportFile.Status.FAILED
    assert failed.error == "Bilaga 1 (Bilaga.pdf) saknas i lagringen."
    deck = Presentation(io.BytesIO(content(client.post(url("exports:download", report, fmt="pptx")))))
    assert "Förvaltningens innehåll" not in [layout.name for layout in deck.slide_layouts]


def uploads_past_the_memory_limit(client, users, report, settings):
    """A file larger than FILE_UPLOAD_MAX_MEMORY_SIZE reaches the view as the upload handler's temporary file (a
    bilaga of up to 20 MB, a template of 10): the storage takes it from there like any other."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(users["controller"])
    big = PDF + b"0" * 4096
    upload = SimpleUploadedFile("Stor bilaga.pdf", big, content_type="application/pdf")
    assert client.post(url("attachment_upload", report), {"file": upload}).status_code == 302
    assert stored(Attachment.objects.get(report=report).file.name) == big
    deck = _template(layout_name="Förvaltningens innehåll")
    assert len(deck) > 1024
    pptx = SimpleUploadedFile("mall.pptx", deck)
    assert client.post(url("exports:slide_template", report), {"file": pptx}).status_code == 302
    assert stored(SlideTemplate.objects.get(namnd=report.namnd).file.name) == deck
