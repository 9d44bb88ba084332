"""Export pages: the list of formats, and the download itself. Both go through tertial.access (EXPORT)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from ..access import EXPORT, get_report_for_user
from ..models import ExportLog
from . import pdf
from .services import CONTENT_TYPES, ExportError, content_disposition, export_report, filename

FORMAT_LABELS = {
    "docx": ("Word", "Tjänsteutlåtandet att besluta om, med rubriker, tabeller och sidnumrering."),
    "xlsx": ("Excel", "Indikatorer, aktiviteter, bedömningar och ekonomins tabeller som tal."),
    "pptx": ("PowerPoint", "Presentationen för nämndens sammanträde."),
    "pdf": ("PDF", "Word-dokumentet som tillgänglig (taggad) PDF."),
    "zip": ("Tjänsteutlåtande med bilagor", "Word-dokumentet och rapportens bilagor i en zip-fil."),
}


@login_required
def index(request, slug, period):
    report = get_report_for_user(request.user, slug, period, EXPORT)
    formats = [
        {"code": code, "label": label, "help": help_text, "filename": filename(report, code)}
        for code, (label, help_text) in FORMAT_LABELS.items()
    ]
    recent = ExportLog.objects.filter(report=report).select_related("user")[:10]
    context = {"report": report, "formats": formats, "pdf_unavailable": pdf.unavailable_reason(), "recent": recent}
    return render(request, "tertial/exports/index.html", context)


@login_required
def download(request, slug, period, fmt):
    report = get_report_for_user(request.user, slug, period, EXPORT)
    if fmt not in CONTENT_TYPES:
        raise Http404("Okänt format.")
    try:
        export = export_report(report=report, fmt=fmt, user=request.user)
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("exports:index", slug=slug, period=period)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition(export.filename)
    response["Cache-Control"] = "no-store"
    return response
