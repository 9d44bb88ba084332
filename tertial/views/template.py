"""The year's report template, for the city's administrators: which sections a report has, in which order, with
which titles, rules and anvisningar. Every write goes through `tertial.report_template`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import access, report_template
from ..errors import ServiceError
from ..template_forms import GoalInstructionsForm, TemplateCreateForm, TemplateEntryForm
from ..template_models import ReportTemplate, TemplateSection


def _admin(request):
    """City administrators only; everybody else gets 404 (the page's existence is not revealed)."""
    if not access.is_city_admin(request.user):
        raise Http404("Sidan finns inte.")


def _template(request, year) -> ReportTemplate:
    _admin(request)
    return get_object_or_404(ReportTemplate, year=year)


@login_required
def template_list(request):
    _admin(request)
    templates = ReportTemplate.objects.all()
    form = TemplateCreateForm(initial={"year": (templates.first().year + 1) if templates else None})
    return render(request, "tertial/template/list.html", {"templates": templates, "form": form})


@login_required
def template_create(request):
    """A new year's template: a copy of the latest earlier year's (or the defaults for the first year)."""
    _admin(request)
    access.require_post(request)
    form = TemplateCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("year", ["Ange ett budgetår."])))
        return redirect("template:list")
    year = form.cleaned_data["year"]
    try:
        if ReportTemplate.objects.filter(year=year).exists():
            raise ServiceError(f"Det finns redan en rapportmall för {year}.")
        template = report_template.template_for_year(year=year, user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("template:list")
    source = f" som kopia av {template.copied_from.year}" if template.copied_from_id else ""
    messages.success(request, f"Rapportmallen för {year} är skapad{source}.")
    return redirect("template:edit", year=year)


@login_required
def template_edit(request, year):
    template = _template(request, year)
    entries = list(template.entries.select_related("parent").order_by("position", "id"))
    ordered = report_template.ordered_entries(entries)
    context = {"template": template, "entries": ordered, "new_form": TemplateEntryForm(template=template)}
    return render(request, "tertial/template/edit.html", context)


@login_required
def entry_edit(request, year, pk=None):
    template = _template(request, year)
    entry = get_object_or_404(TemplateSection, pk=pk, template=template) if pk else TemplateSection(template=template)
    form = TemplateEntryForm(request.POST or None, instance=entry, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            report_template.entry_save(entry=form.instance, user=request.user)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Avsnittet {form.instance.title} är sparat.")
            return redirect("template:edit", year=year)
    status = 400 if form.errors else 200
    return render(request, "tertial/template/entry.html", {"template": template, "form": form}, status=status)


@login_required
def entry_move(request, year, pk):
    template = _template(request, year)
    access.require_post(request)
    entry = get_object_or_404(TemplateSection, pk=pk, template=template)
    report_template.entry_move(
        entry=entry, direction=-1 if request.POST.get("riktning") == "upp" else 1, user=request.user
    )
    return redirect("template:edit", year=year)


@login_required
def entry_delete(request, year, pk):
    template = _template(request, year)
    access.require_post(request)
    entry = get_object_or_404(TemplateSection, pk=pk, template=template)
    report_template.entry_delete(entry=entry, user=request.user)
    messages.success(
        request, f"Avsnittet {entry.title} är borttaget ur mallen. Rapporter som redan finns behåller det."
    )
    return redirect("template:edit", year=year)


@login_required
def goal_instructions(request, year):
    template = _template(request, year)
    form = GoalInstructionsForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        report_template.template_save(template=form.instance, user=request.user)
        messages.success(request, "Målens avsnitt är sparade.")
        return redirect("template:edit", year=year)
    status = 400 if form.errors else 200
    return render(
        request, "tertial/template/goal_instructions.html", {"template": template, "form": form}, status=status
    )
