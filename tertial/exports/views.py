"""Export pages: the list of formats, the download itself, and the files the background worker makes (ordered
with a POST, followed on their own page). All go through tertial.access (EXPORT)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from ..access import EXPORT, get_report_for_user, require_post
from ..models import ExportFile, ExportLog
from . import pdf
from .services import (
    BACKGROUND_FORMATS,
    CONTENT_TYPES,
    REPORT_FORMATS,
    ExportError,
    content_disposition,
    export_file_start,
    export_report,
    filename,
    recent_export_files,
)


@login_required
def index(request, slug, period):
    report = get_report_for_user(request.user, slug, period, EXPORT)
    formats = [{"format": f, "filename": filename(report, f.code)} for f in REPORT_FORMATS.values()]
    recent = ExportLog.objects.filter(report=report).select_related("user")[:10]
    context = {
        "report": report,
        "formats": formats,
        "pdf_unavailable": pdf.unavailable_reason(),
        "recent": recent,
        "files": recent_export_files(report, request.user),
        "keep_hours": settings.EXPORT_FILE_HOURS,
    }
    return render(request, "tertial/exports/index.html", context)


@login_required
def download(request, slug, period, fmt):
    report = get_report_for_user(request.user, slug, period, EXPORT)
    if fmt not in CONTENT_TYPES:
        raise Http404("Okänt format.")
    if fmt in BACKGROUND_FORMATS:
        messages.info(request, f"{REPORT_FORMATS[fmt].label} görs i bakgrunden: välj Skapa under Exportera.")
        return redirect("exports:index", slug=slug, period=period)
    if request.method != "POST":
        # Made while the user waits, and logged: ordered with the page's button, never by a GET (a link, a
        # prefetch, a crawler), which writes nothing and leads to the page.
        messages.info(request, f"Välj {REPORT_FORMATS[fmt].label} under Exportera.")
        return redirect("exports:index", slug=slug, period=period)
    try:
        export = export_report(report=report, fmt=fmt, user=request.user)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("exports:index", slug=slug, period=period)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition(export.filename)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def start(request, slug, period, fmt):
    """Order a file from the background worker, then follow it on its page."""
    report = get_report_for_user(request.user, slug, period, EXPORT)
    require_post(request)
    if fmt not in BACKGROUND_FORMATS:
        raise Http404("Okänt format.")
    try:
        export_file = export_file_start(report=report, fmt=fmt, user=request.user)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("exports:index", slug=slug, period=period)
    return redirect("exports:file", slug=slug, period=period, pk=export_file.pk)


def _export_file_for_user(request, slug, period, pk):
    """The file and its report, for a user who may export the report (else 403/404 as for the report)."""
    report = get_report_for_user(request.user, slug, period, EXPORT)
    return get_object_or_404(ExportFile.objects.select_related("user"), pk=pk, report=report), report


def _status_context(export_file, report):
    return {"export_file": export_file, "report": report, "label": REPORT_FORMATS[export_file.format].label}


@login_required
def file(request, slug, period, pk):
    export_file, report = _export_file_for_user(request, slug, period, pk)
    return render(request, "tertial/exports/file.html", _status_context(export_file, report))


@login_required
def file_status(request, slug, period, pk):
    """The file's state for the page's script (static/js/export_status.js): the status partial, and whether to ask
    again."""
    export_file, report = _export_file_for_user(request, slug, period, pk)
    html = render_to_string("tertial/exports/_file_status.html", _status_context(export_file, report), request)
    response = JsonResponse({"finished": export_file.is_finished, "status": export_file.status, "html": html})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def file_download(request, slug, period, pk):
    export_file, _report = _export_file_for_user(request, slug, period, pk)
    if export_file.status != ExportFile.Status.DONE or not export_file.file:
        raise Http404("Filen är inte klar.")
    try:
        handle = export_file.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen finns inte längre i lagringen.") from None
    response = FileResponse(handle, content_type=CONTENT_TYPES[export_file.format])
    response["Content-Disposition"] = content_disposition(export_file.filename)
    response["Cache-Control"] = "no-store"
    return response
