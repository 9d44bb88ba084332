"""Making an export: load the report once, build the file, log who exported which version of it."""

import io
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.db import transaction

from ..errors import ServiceError
from ..models import ExportFile, ExportLog, Report
from . import pdf
from .selectors import ReportData, load_report


@dataclass(frozen=True)
class Format:
    code: str
    label: str  # what the Exportera page and the file's page call it
    help: str
    content_type: str
    background: bool  # made by the worker (`manage.py db_worker`) while the page shows how far it has come


# The report's export formats, in the order the Exportera page lists them: the one place a format is named.
# In the background: every format that can take a second or more on a full-size report, measured with
# bench/export_bench.py (through the request: Word 0,35–0,55 s on an idle machine and 0,75–1,3 s on a loaded one,
# Excel 0,15–0,3 s and 0,35–0,65 s; the PDF 7–14 s; the zip is the Word document and every bilaga). PowerPoint
# (0,1–0,2 s) is made while the user waits.
REPORT_FORMATS = {
    f.code: f
    for f in [
        Format(
            "docx",
            "Word",
            "Tjänsteutlåtandet att besluta om, med rubriker, tabeller och sidnumrering.",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            background=True,
        ),
        Format(
            "xlsx",
            "Excel",
            "Indikatorer, aktiviteter, bedömningar och ekonomins tabeller som tal.",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            background=True,
        ),
        Format(
            "pptx",
            "PowerPoint",
            "Presentationen för nämndens sammanträde.",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            background=False,
        ),
        Format("pdf", "PDF", "Word-dokumentet som tillgänglig (taggad) PDF.", "application/pdf", background=True),
        Format(
            "zip",
            "Tjänsteutlåtande med bilagor",
            "Word-dokumentet och rapportens bilagor i en zip-fil.",
            "application/zip",
            background=True,
        ),
    ]
}
CONTENT_TYPES = {code: f.content_type for code, f in REPORT_FORMATS.items()}
FORMATS = list(REPORT_FORMATS)
BACKGROUND_FORMATS = tuple(code for code, f in REPORT_FORMATS.items() if f.background)


class ExportError(ServiceError, ValueError):
    """A Swedish message for an export that cannot be made (unknown format, no LibreOffice)."""


@dataclass
class Export:
    content: bytes
    filename: str
    content_type: str
    version: str


def short_namnd_name(name: str) -> str:
    """`Hässelby-Vällingby stadsdelsnämnd` -> `Hässelby-Vällingby`, as file names and slides call it."""
    return name.removesuffix(" stadsdelsnämnd").strip()


def filename(report: Report, fmt: str) -> str:
    """`Tertialrapport 2 2022 Hässelby-Vällingby.docx`."""
    return f"{report.title} {short_namnd_name(report.namnd.name)}.{fmt}"


def content_disposition(name: str) -> str:
    """An attachment header every browser reads: an ASCII fallback plus the UTF-8 name (RFC 5987/6266)."""
    fallback = name.translate(str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")).encode("ascii", "replace").decode()
    fallback = fallback.replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def build(data: ReportData, fmt: str) -> bytes:
    # Imported here so that a page listing the formats does not load every office library.
    if fmt == "docx":
        from .docx import build_docx

        return build_docx(data)
    if fmt == "xlsx":
        from .xlsx import build_xlsx

        return build_xlsx(data)
    if fmt == "pptx":
        from .pptx import build_pptx

        return build_pptx(data)
    if fmt == "pdf":
        from .docx import build_docx

        try:
            return pdf.docx_to_pdf(build_docx(data, for_pdf=True))
        except pdf.PdfUnavailable as exc:
            raise ExportError(str(exc)) from None
    if fmt == "zip":
        from .docx import build_docx

        return bundle_with_attachments(data, build_docx(data))
    raise ExportError(f"Okänt format {fmt!r}. Välj något av: {', '.join(FORMATS)}.")


def bundle_with_attachments(data: ReportData, document: bytes) -> bytes:
    """The tjänsteutlåtande and its bilagor as they are delivered to the nämnd: `Bilaga 1 Rubrik.pdf`, …

    The files are read through the storage API (local disk or object storage alike)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(filename(data.report, "docx"), document)
        for attachment in data.attachments:
            suffix = PurePosixPath(attachment.original_name).suffix.lower()
            title = re.sub(r'[\\/:*?"<>|]+', " ", attachment.title).strip()
            try:
                with attachment.file.open("rb") as handle:
                    archive.writestr(f"Bilaga {attachment.number} {title}{suffix}", handle.read())
            except FileNotFoundError:
                raise ExportError(
                    f"Bilaga {attachment.number} ({attachment.original_name}) saknas i lagringen."
                ) from None
    return buffer.getvalue()


def export_report(*, report: Report, fmt: str, user=None) -> Export:
    """Build the export and log it. `report` with namnd and period joined."""
    fmt = (fmt or "").lower()
    if fmt not in CONTENT_TYPES:
        raise ExportError(f"Okänt format {fmt!r}. Välj något av: {', '.join(FORMATS)}.")
    data = load_report(report)
    content = build(data, fmt)
    log_export(report=report, user=user, fmt=fmt, version=data.version)
    return Export(content, filename(report, fmt), CONTENT_TYPES[fmt], data.version)


@transaction.atomic
def log_export(*, report: Report, user, fmt: str, version: str) -> ExportLog:
    entry = ExportLog(
        report=report,
        user=user if user is not None and user.is_authenticated else None,
        format=fmt,
        report_status=report.status,
        report_version=version,
    )
    entry.full_clean()
    entry.save()
    from ..audit import record  # the audit log records every export beside the report's own export log

    record(
        kind="export",
        user=entry.user,
        target=f"{report.title}, {report.namnd}",
        detail=f"{entry.get_format_display()}, rapportens status {report.get_status_display().lower()}",
    )
    return entry


# --- In the background (REPORT_FORMATS' `background`) -------------------------------------------------------------

RECENT_FILES = 10


@transaction.atomic
def export_file_start(*, report: Report, fmt: str, user) -> ExportFile:
    """Order an export from the worker. The same user's unfinished order of the same file is reused (a second
    click does not make a second file). The task is enqueued when the order is committed, so the worker finds it."""
    from .tasks import make_export_file

    if fmt not in BACKGROUND_FORMATS:
        raise ExportError(f"Formatet {fmt!r} görs direkt, inte i bakgrunden.")
    if fmt == "pdf" and pdf.unavailable_reason():
        raise ExportError(pdf.unavailable_reason())
    unfinished = [ExportFile.Status.WAITING, ExportFile.Status.RUNNING]
    existing = ExportFile.objects.filter(report=report, user=user, format=fmt, status__in=unfinished).first()
    if existing:
        return existing
    export_file = ExportFile(report=report, user=user, format=fmt, filename=filename(report, fmt))
    export_file.full_clean()
    export_file.save()
    transaction.on_commit(lambda: make_export_file.enqueue(export_file.pk))
    return export_file


def export_file_make(export_file_id: int) -> ExportFile:
    """The worker's part: build the file, store it through the storage API, mark it done (or failed, with a
    Swedish message for the page). An order already finished is left alone (a task run twice)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    export_file = (
        ExportFile.objects.select_related("report__namnd", "report__period", "user").filter(pk=export_file_id).first()
    )
    if export_file is None or export_file.is_finished:
        return export_file  # deleted meanwhile (an order older than EXPORT_FILE_HOURS), or a task run twice
    export_file.status = ExportFile.Status.RUNNING
    export_file.save(update_fields=["status"])
    try:
        export = export_report(report=export_file.report, fmt=export_file.format, user=export_file.user)
    except ExportError as error:
        export_file.status, export_file.error = ExportFile.Status.FAILED, str(error)
    except Exception:
        export_file.status = ExportFile.Status.FAILED
        export_file.error = (
            "Exporten kunde inte göras på grund av ett tekniskt fel. Försök igen, eller kontakta supporten."
        )
        export_file.finished_at = timezone.now()
        export_file.save(update_fields=["status", "error", "finished_at"])
        raise  # the task's result keeps the traceback for whoever runs the worker
    else:
        export_file.file.save(export.filename, ContentFile(export.content), save=False)
        export_file.filename, export_file.report_version = export.filename, export.version
        export_file.status = ExportFile.Status.DONE
    export_file.finished_at = timezone.now()
    export_file.save()
    return export_file


def export_files_delete_old(*, now=None) -> int:
    """Delete the background exports ordered more than EXPORT_FILE_HOURS ago, the stored file through the storage
    API (local disk or object storage alike) and then its row; an order that never finished goes too. Returns how
    many. The export log keeps the record of every export."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(hours=settings.EXPORT_FILE_HOURS)
    deleted = 0
    for export_file in ExportFile.objects.filter(created_at__lt=cutoff).only("pk", "file"):
        if export_file.file:
            export_file.file.delete(save=False)  # a file already gone from the storage is no error
        export_file.delete()
        deleted += 1
    return deleted


def recent_export_files(report: Report, user) -> list[ExportFile]:
    """The user's latest background exports of the report, newest first. One query."""
    return list(ExportFile.objects.filter(report=report, user=user)[:RECENT_FILES])
