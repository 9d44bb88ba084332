"""The nämnd's presentationsmall: shown to everyone who may export the report, changed by the nämnd's controller.
Every write goes through `tertial.exports.slide_templates`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import access
from ..forms import SlideTemplateForm
from ..models import SlideTemplate
from .slide_templates import SlideTemplateError, slide_template_remove, slide_template_upload


def _render(request, report, form, status=200):
    context = {
        "report": report,
        "form": form,
        "template": SlideTemplate.objects.filter(namnd=report.namnd).select_related("uploaded_by").first(),
        "can_edit": access.can(request.user, report.namnd_id, access.CONTROL),
    }
    return render(request, "tertial/exports/slide_template.html", context, status=status)


@login_required
def slide_template(request, slug, period):
    action = access.CONTROL if request.method == "POST" else access.EXPORT
    report = access.get_report_for_user(request.user, slug, period, action)
    form = SlideTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            slide_template_upload(
                namnd=report.namnd, user=request.user, file=form.cleaned_data["file"], request=request
            )
        except SlideTemplateError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, "Presentationsmallen är uppladdad. Nämndens presentationer använder den nu.")
            return redirect("exports:slide_template", slug=slug, period=period)
    return _render(request, report, form, status=400 if form.errors else 200)


@login_required
def slide_template_delete(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period, access.CONTROL)
    access.require_post(request)
    slide_template_remove(namnd=report.namnd, user=request.user, request=request)
    messages.success(request, "Presentationsmallen är borttagen. Presentationerna får stadens utseende igen.")
    return redirect("exports:slide_template", slug=slug, period=period)
