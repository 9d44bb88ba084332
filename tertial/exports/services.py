"""Making an export: load the report once, build the file, log who exported which version of it."""

import io
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.db import transaction

from ..errors import ServiceError
from ..models import ExportLog, Report
from . import pdf
from .selectors import ReportData, load_report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "zip": "application/zip",
}
FORMATS = list(CONTENT_TYPES)


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
    return entry
