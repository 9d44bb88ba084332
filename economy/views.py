"""Uppföljning av ekonomi in the browser: everyone with a role reads, the nämnd's controllers edit the figures and
requests (never in a fastställd report). Narratives are Sections, edited on the section pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tertial.access import CONTROL, READ, can, get_report_for_user
from tertial.models import Namnd

from . import forms, services
from .importer import ImportRejected, import_figures, template_workbook
from .models import (
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostTypeRow,
    DecisionItem,
    DriftSummary,
    InvestmentRow,
    ResultUnit,
    TurnoverChange,
)
from .tables import adjustments_sentence, consistency_problems, decision_items, load, report_parts


def _report(request, slug, period, action=READ):
    """The report with access checked; editing a fastställd report is refused here as well as in the services."""
    report = get_report_for_user(request.user, slug, period, action)
    if action == CONTROL and report.is_locked:
        raise PermissionDenied(services.LOCKED_MESSAGE)
    return report


def _overview(report):
    return redirect("economy:overview", slug=report.namnd.slug, period=report.period.code)


@login_required
def overview(request, slug, period):
    report = _report(request, slug, period)
    data = load(report)
    context = {
        "report": report,
        "parts": report_parts(report, data),
        "problems": consistency_problems(report, data),
        "decisions": decision_items(report, data),
        "adjustments_sentence": adjustments_sentence(data) if data.adjustments else "",
        "can_edit": can(request.user, report.namnd_id, CONTROL) and not report.is_locked,
    }
    return render(request, "economy/overview.html", context)


def _save_formsets(request, report, formsets, template, title, extra_context=None):
    """Validate every formset of a table page and save the changed rows in one transaction, or show the errors."""
    if request.method == "POST" and all(fs.is_valid() for fs in formsets):
        rows, deleted = [], []
        for fs in formsets:
            rows += [f.instance for f in fs.forms if f.has_changed() and f not in getattr(fs, "deleted_forms", [])]
            deleted += [f.instance for f in getattr(fs, "deleted_forms", []) if f.instance.pk]
        try:
            services.save_rows(report=report, rows=rows, deleted=deleted)
            return _overview(report)
        except ValidationError as error:
            formsets[0]._non_form_errors = formsets[0].error_class(error.messages)
    context = {"report": report, "formsets": formsets, "title": title, **(extra_context or {})}
    return render(request, template, context)


@login_required
def drift_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    services.ensure_economy_rows(report=report)
    data = request.POST or None
    summary = DriftSummary.objects.filter(report=report).first() or DriftSummary(report=report)
    rows = AreaRow.objects.filter(report=report).select_related("area").order_by("area__position", "area_id")
    facknamnd = report.namnd.kind == Namnd.Kind.FACKNAMND  # no summary table, a Bokslut column instead
    summary_form = None if facknamnd else forms.DriftSummaryForm(data, instance=summary, prefix="summary")
    formset = (forms.FackAreaRowFormSet if facknamnd else forms.AreaRowFormSet)(data, queryset=rows, prefix="areas")
    if request.method == "POST" and (facknamnd or summary_form.is_valid()) and formset.is_valid():
        changed = [f.instance for f in formset.forms if f.has_changed()]
        services.save_rows(report=report, rows=[*([] if facknamnd else [summary_form.instance]), *changed])
        return _overview(report)
    context = {"report": report, "summary_form": summary_form, "formset": formset}
    return render(request, "economy/drift_edit.html", context)


@login_required
def units_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    areas = report.namnd.economy_areas.filter(year=report.period.year)
    choices = [("", "---------"), *((a.pk, a.label) for a in areas)]
    formset = forms.ResultUnitFormSet(
        request.POST or None,
        queryset=ResultUnit.objects.filter(report=report).select_related("area"),
        form_kwargs={"areas": areas, "area_choices": choices},
        prefix="units",
    )
    if request.method == "POST":
        for form in formset.forms:
            form.instance.report = report
    return _save_formsets(request, report, [formset], "economy/table_edit.html", "Resultatenheter (tkr)")


@login_required
def investments_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    services.ensure_economy_rows(report=report)
    for kind in CapitalCost.Kind:
        CapitalCost.objects.get_or_create(report=report, kind=kind)
    data = request.POST or None
    investments = InvestmentRow.objects.filter(report=report).select_related("category").order_by("category__position")
    formsets = [
        forms.InvestmentRowFormSet(data, queryset=investments, prefix="investments"),
        forms.CapitalCostFormSet(data, queryset=CapitalCost.objects.filter(report=report), prefix="capital"),
    ]
    return _save_formsets(request, report, formsets, "economy/table_edit.html", "Investeringar och kapitalkostnader")


@login_required
def balance_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    formset = forms.BalanceItemFormSet(
        request.POST or None, queryset=BalanceItem.objects.filter(report=report), prefix="balance"
    )
    if request.method == "POST":
        for form in formset.forms:
            form.instance.report = report
    help_text = "Tillgångar positiva, skulder och eget kapital negativa, som i dokumentet. Summorna beräknas."
    return _save_formsets(
        request, report, [formset], "economy/table_edit.html", "Balansräkning", {"help_text": help_text}
    )


@login_required
def income_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    services.ensure_economy_rows(report=report)
    rows = (
        CostTypeRow.objects.filter(report=report)
        .select_related("cost_type")
        .order_by("cost_type__kind", "cost_type__position")
    )
    formset = forms.CostTypeRowFormSet(request.POST or None, queryset=rows, prefix="costs")
    help_text = "Intäkter negativa, kostnader positiva. Förbrukning och summor beräknas."
    return _save_formsets(
        request,
        report,
        [formset],
        "economy/table_edit.html",
        "Resultaträkning per kostnadsslag",
        {"help_text": help_text},
    )


@login_required
def turnover_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    areas = list(report.namnd.economy_areas.filter(year=report.period.year))
    current = {t.area_id: t for t in TurnoverChange.objects.filter(report=report)}
    initial = [
        {
            "area": a.id,
            "costs": getattr(current.get(a.id), "costs", None),
            "income": getattr(current.get(a.id), "income", None),
        }
        for a in areas
    ]
    formset = forms.TurnoverFormSet(request.POST or None, initial=initial, prefix="turnover")
    for form, area in zip(formset.forms, areas, strict=False):
        form.row_label = area.label
    if request.method == "POST" and formset.is_valid():
        by_id = {a.id: a for a in areas}
        for form in formset.forms:
            if form.has_changed() and form.cleaned_data["area"] in by_id:
                cd = form.cleaned_data
                services.set_turnover(report=report, area=by_id[cd["area"]], costs=cd["costs"], income=cd["income"])
        return _overview(report)
    return render(request, "economy/turnover_edit.html", {"report": report, "formset": formset})


@login_required
def adjustments(request, slug, period):
    """Budgetjusteringar and the extra Förslag till beslut items: the records everything else is computed from."""
    report = _report(request, slug, period, CONTROL)
    form = forms.BudgetAdjustmentForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        services.save_adjustment(report=report, adjustment=form.instance)
        return redirect("economy:adjustments", slug=slug, period=period)
    context = {
        "report": report,
        "form": form,
        "decision_form": forms.DecisionItemForm(),
        # with the stadsledningskontoret's ställningstagande (tertial.city), joined: no query per request
        "adjustments": BudgetAdjustment.objects.filter(report=report).select_related(
            "area", "category", "city_decision"
        ),
        "extra_items": DecisionItem.objects.filter(report=report),
        "decisions": decision_items(report),
    }
    return render(request, "economy/adjustments.html", context)


@login_required
def adjustment_edit(request, slug, period, pk):
    report = _report(request, slug, period, CONTROL)
    adjustment = get_object_or_404(BudgetAdjustment, pk=pk, report=report)
    form = forms.BudgetAdjustmentForm(request.POST or None, instance=adjustment, report=report)
    if request.method == "POST" and form.is_valid():
        services.save_adjustment(report=report, adjustment=form.instance)
        return redirect("economy:adjustments", slug=slug, period=period)
    return render(request, "economy/adjustment_edit.html", {"report": report, "form": form})


_ORDERED = {"budgetjustering": BudgetAdjustment, "beslutspunkt": DecisionItem}


@login_required
@require_POST
def item_delete(request, slug, period, kind, pk):
    report = _report(request, slug, period, CONTROL)
    item = get_object_or_404(_ORDERED[kind], pk=pk, report=report)
    if kind == "budgetjustering":
        services.delete_adjustment(report=report, adjustment=item)
    else:
        services.delete_decision_item(report=report, item=item)
    return redirect("economy:adjustments", slug=slug, period=period)


@login_required
@require_POST
def item_move(request, slug, period, kind, pk):
    report = _report(request, slug, period, CONTROL)
    item = get_object_or_404(_ORDERED[kind], pk=pk, report=report)
    services.move_item(report=report, item=item, up=request.POST.get("direction") == "upp")
    return redirect("economy:adjustments", slug=slug, period=period)


@login_required
@require_POST
def decision_add(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    form = forms.DecisionItemForm(request.POST)
    if form.is_valid():
        services.save_decision_item(report=report, item=form.instance)
    return redirect("economy:adjustments", slug=slug, period=period)


@login_required
def import_view(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors, count = [], None
    if request.method == "POST" and form.is_valid():
        try:
            count = import_figures(report=report, uploaded=form.cleaned_data["file"], user=request.user)
        except ImportRejected as rejected:
            errors = rejected.errors
    context = {"report": report, "form": form, "errors": errors, "count": count}
    return render(request, "economy/import.html", context, status=400 if errors else 200)


@login_required
def import_template(request, slug, period):
    report = _report(request, slug, period, READ)
    response = HttpResponse(
        template_workbook(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"ekonomi-{report.namnd.slug}-{report.period.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
