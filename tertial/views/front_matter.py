"""The tjänsteutlåtande's front matter (dnr, handläggare, date, recipient, signatories) and its bilagor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import access
from ..errors import ServiceError
from ..exports.services import content_disposition
from ..forms import AttachmentForm, FrontMatterForm
from ..services import attachment_add, attachment_remove, report_update_front_matter


def _render(request, report, form, upload_form, status=200):
    context = {
        "report": report,
        "form": form,
        "upload_form": upload_form,
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "can_edit": access.can(request.user, report.namnd_id, access.CONTROL) and not report.is_locked,
    }
    return render(request, "tertial/front_matter.html", context, status=status)


@login_required
def front_matter(request, slug, period):
    action = access.CONTROL if request.method == "POST" else access.READ
    report = access.get_report_for_user(request.user, slug, period, action)
    form = FrontMatterForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            report_update_front_matter(report=report, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Tjänsteutlåtandets uppgifter är sparade.")
            return redirect("front_matter", slug=slug, period=period)
    return _render(request, report, form, AttachmentForm(), status=400 if form.errors else 200)


@login_required
def attachment_upload(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    upload_form = AttachmentForm(request.POST, request.FILES)
    if upload_form.is_valid():
        try:
            attachment = attachment_add(report=report, user=request.user, **upload_form.cleaned_data)
        except ServiceError as error:
            upload_form.add_error("file", str(error))
        else:
            messages.success(request, f"{attachment} är uppladdad.")
            return redirect("front_matter", slug=slug, period=period)
    return _render(request, report, FrontMatterForm(instance=report), upload_form, status=400)


@login_required
def attachment_download(request, slug, period, number):
    report = access.get_report_for_user(request.user, slug, period)
    attachment = get_object_or_404(report.attachments, number=number)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen finns inte längre.") from None
    response = FileResponse(handle, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    return response


@login_required
def attachment_delete(request, slug, period, number):
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    attachment = get_object_or_404(report.attachments, number=number)
    try:
        attachment_remove(attachment=attachment, user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{attachment} är borttagen.")
    return redirect("front_matter", slug=slug, period=period)
