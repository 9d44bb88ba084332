"""Uppföljning av ekonomi in the browser: everyone with a role reads, the nämnd's controllers edit the figures and
requests (never in a fastställd report). Narratives are Sections, edited on the section pages."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tertial.access import CONTROL, READ, can, get_report_for_user, require_post
from tertial.errors import ServiceError
from tertial.models import Namnd, Section
from tertial.numbers import format_number

from . import forms, pages, services
from .importer import ImportRejected, import_figures, template_workbook
from .layouts import PRESETS, layout_for
from .models import (
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CostTypeRow,
    DecisionItem,
    DriftLayout,
    InvestmentCategory,
    ResultUnit,
    TableVersion,
    TurnoverChange,
)
from .tables import (
    Narrative,
    adjustments_sentence,
    consistency_problems,
    decision_items,
    load,
    offers_balance_sheet,
    report_parts,
)
from .tables.data import AreaFigures, children_sum, computed_parents, link_children


def _report(request, slug, period, action=READ):
    """The report with access checked; editing a fastställd report is refused here as well as in the services."""
    report = get_report_for_user(request.user, slug, period, action)
    if action == CONTROL and report.is_locked:
        raise PermissionDenied(services.LOCKED_MESSAGE)
    return report


BALANCE = Section.Kind.ECONOMY_BALANCE


def _overview(report):
    return redirect("economy:overview", slug=report.namnd.slug, period=report.period.code)


def _with_new_headings(parts):
    """(part, whether its heading is new): a text and the table under the same heading print it once."""
    shown, current = [], None
    for part in parts:
        shown.append((part, part.heading != current))
        current = part.heading
    return shown


@login_required
def overview(request, slug, period):
    report = _report(request, slug, period)
    data = load(report)
    parts = report_parts(report, data)
    context = {
        "report": report,
        "parts": _with_new_headings(parts),
        # The analysis' section is among the parts where the report has one (Tertial 2, VB): no query of its own.
        "offers_balance": any(isinstance(p, Narrative) and p.section.kind == BALANCE for p in parts),
        "problems": consistency_problems(report, data),
        "decisions": decision_items(report, data),
        "adjustments_sentence": adjustments_sentence(data) if data.adjustments else "",
        "can_edit": can(request.user, report.namnd_id, CONTROL) and not report.is_locked,
    }
    return render(request, "economy/overview.html", context)


def _posted_version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return format_number(value)
    return "" if value is None else str(value)


def _differences(forms_) -> list:
    """(row, column, yours, saved) for every cell where what was posted differs from what is saved now (the forms
    were built from the rows as they are now, so their initial values are the other controller's)."""
    found = []
    for form in forms_:
        for name in form.changed_data:
            field = form.fields[name]
            row = form.row_label or form._row_number()
            if name == "DELETE":
                found.append((row, "Ta bort raden", "Ja", "Nej"))
                continue
            yours = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else form.data.get(name)
            found.append((row, field.label, _shown(yours), _shown(form.initial.get(name))))
    return found


def _table_page(request, report, table, groups, title, help_text="", after=None):
    """The one save path of the economy's table pages: validate every row, then save the changed rows with the
    version the page was opened at. A stale version shows the conflict: nothing saved, the typed values kept.
    `after`: a template printed after the form (its own forms), with the context it needs."""
    context = {
        "report": report,
        "groups": groups,
        "title": title,
        "help_text": help_text,
        "version": services.table_version(report=report, table=table),
        "after": after,
    }
    status = 200
    if request.method == "POST":
        context["version"] = _posted_version(request)
        all_forms = [f for g in groups for f in g.forms]
        if all([f.is_valid() for f in all_forms]) and all([g.is_valid() for g in groups]):
            rows, deleted, empty = [], [], []
            for group in groups:
                group.collect(report, rows, deleted, empty)
            try:
                services.save_rows(
                    report=report,
                    rows=rows,
                    deleted=deleted,
                    table=table,
                    version=context["version"],
                    empty_deletes=empty,
                )
                return _overview(report)
            except services.TableConflict as conflict:
                context.update(conflict=conflict, differences=_differences(all_forms), version=conflict.current_version)
                status = 409
            except ServiceError as error:
                context["error"] = error.message
                status = 400
        else:
            status = 400
    return render(request, "economy/table_edit.html", context, status=status)


@login_required
def drift_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    data = request.POST or None
    areas = list(report.namnd.economy_areas.filter(year=report.period.year).select_related("parent"))
    existing = {r.area_id: r for r in AreaRow.objects.filter(report=report)}
    rows = pages.catalogue_rows(report, AreaRow, "area", areas, existing)
    layout = layout_for(report, DriftLayout.objects.filter(report=report).first())
    facknamnd = report.namnd.kind == Namnd.Kind.FACKNAMND  # no Kostnader/Intäkter summary table
    groups = []
    if not facknamnd:
        summary = forms.DriftSummaryForm(data, instance=pages.drift_summary(report), prefix="summary")
        groups.append(
            pages.RowGroup(
                "Kostnader och intäkter",
                [summary],
                empty_fields=pages.SUMMARY_FIELDS,
                partial="economy/_summary_table.html",
            )
        )
    form_class = forms.area_row_form(layout, report)
    row_forms = [form_class(data, instance=row, prefix=f"area-{row.area_id}") for row in rows]
    figures = {row.area_id: AreaFigures(area=row.area, row=row) for row in rows}
    link_children(figures)
    for form in row_forms:
        fig = figures[form.instance.area_id]
        if fig.computed:  # a full varav breakdown: the sums of the varav rows, shown, never typed
            forms.show_computed(form, {name: fig.figure(name) for name in form.fields})
    groups.append(pages.RowGroup("Per verksamhetsområde (netto)", row_forms))
    help_text = (
        "Kolumnerna följer driftbudgetens tabell (mall och kolumner väljs under Driftbudgetens tabell). Begärda "
        "budgetjusteringar kommer från budgetjusteringarna, resultatöverföringar från resultatenheterna; "
        "avvikelser och summor beräknas. Ett område vars varav-rader är en fullständig uppdelning räknas fram ur "
        "dem (grå celler); är varav-raderna bara en del av området markeras de som delredovisning i katalogen. Lämna Kostnader och intäkter tomma om rapporten inte har den tabellen."
    )
    return _table_page(request, report, TableVersion.Table.DRIFT, groups, "Uppföljning av driftbudget", help_text)


def _layout_initial(layout):
    return {
        "preset": layout.preset.key,
        "columns": [c.kind for c in layout.columns],
        "budget_includes_requested": layout.budget_includes_requested,
        "area_tables": layout.area_tables,
    }


@login_required
def layout_edit(request, slug, period):
    """Driftbudgetens tabell: "Använd mallen" takes a preset as it is, "Spara" the columns and settings ticked."""
    report = _report(request, slug, period, CONTROL)
    layout = layout_for(report, DriftLayout.objects.filter(report=report).first())
    form = forms.LayoutForm(request.POST or None, initial=_layout_initial(layout))
    headings = [c.heading(report) for c in layout.columns]
    context = {"report": report, "form": form, "layout": layout, "headings": headings}
    context["version"] = services.table_version(report=report, table=TableVersion.Table.LAYOUT)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        if request.POST.get("action") == "preset":
            preset = PRESETS[cd["preset"]]
            cd = {**cd, "columns": [], "budget_includes_requested": preset.budget_includes_requested}
            cd["area_tables"] = preset.area_tables
        try:
            services.layout_save(report=report, **cd, version=_posted_version(request))
            return redirect("economy:layout_edit", slug=slug, period=period)
        except services.TableConflict as conflict:
            context.update(conflict=conflict, version=conflict.current_version)
            return render(request, "economy/layout_edit.html", context, status=409)
        except ServiceError as error:
            context["error"] = error.message
    status = 400 if request.method == "POST" else 200
    return render(request, "economy/layout_edit.html", context, status=status)


@login_required
def units_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    areas = report.namnd.economy_areas.filter(year=report.period.year)
    choices = [("", "---------"), *((a.pk, a.label) for a in areas.select_related("parent"))]
    formset = forms.ResultUnitFormSet(
        request.POST or None,
        queryset=ResultUnit.objects.filter(report=report).select_related("area"),
        form_kwargs={"areas": areas, "area_choices": choices},
        prefix="units",
    )
    groups = [pages.FormsetGroup("Resultatenheter (tkr)", formset)]
    help_text = "Belopp i tkr. Överskott negativa, underskott positiva, som i dokumentet."
    return _table_page(request, report, TableVersion.Table.UNITS, groups, "Resultatenheter (tkr)", help_text)


@login_required
def investments_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    data = request.POST or None
    categories = list(report.namnd.investment_categories.filter(year=report.period.year))
    investment_rows = pages.investment_rows(report, categories)
    investments = [
        forms.InvestmentRowForm(data, instance=row, prefix=f"inv-{row.category_id}") for row in investment_rows
    ]
    capital = [
        forms.CapitalCostForm(data, instance=cost, prefix=f"cap-{cost.kind}") for cost in pages.capital_costs(report)
    ]
    groups = [
        pages.RowGroup("Investeringar", investments),
        pages.RowGroup("Kapitalkostnader", capital, empty_fields=pages.CAPITAL_FIELDS),
    ]
    help_text = "Lämna Kapitalkostnader tomma om rapporten inte har den tabellen."
    texts = [(r.category, r.section_id) for r in investment_rows]
    return _table_page(
        request,
        report,
        TableVersion.Table.INVESTMENTS,
        groups,
        "Investeringar och kapitalkostnader",
        help_text,
        after={"template": "economy/_investment_texts.html", "category_texts": texts},
    )


@login_required
def investment_text(request, slug, period, pk):
    """Make (or open) the text about one investeringskategori and go to its section page."""
    report = _report(request, slug, period, CONTROL)
    require_post(request)
    category = get_object_or_404(InvestmentCategory, pk=pk, namnd_id=report.namnd_id, year=report.period.year)
    section = services.investment_text(report=report, category=category)
    return redirect("section_edit", slug=slug, period=period, pk=section.pk)


@login_required
def balance_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    if not offers_balance_sheet(report):
        raise Http404(f"{report.title} har ingen balansräkning (den redovisas i Tertial 2 och verksamhetsberättelsen).")
    formset = forms.BalanceItemFormSet(
        request.POST or None, queryset=BalanceItem.objects.filter(report=report), prefix="balance"
    )
    help_text = "Tillgångar positiva, skulder och eget kapital negativa, som i dokumentet. Summorna beräknas."
    groups = [pages.FormsetGroup("Balansräkning", formset)]
    return _table_page(request, report, TableVersion.Table.BALANCE, groups, "Balansräkning", help_text)


@login_required
def income_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    data = request.POST or None
    cost_types = list(report.namnd.cost_types.filter(year=report.period.year).order_by("kind", "position", "id"))
    existing = {r.cost_type_id: r for r in CostTypeRow.objects.filter(report=report)}
    rows = pages.catalogue_rows(report, CostTypeRow, "cost_type", cost_types, existing)
    groups = [
        pages.RowGroup(
            "Kostnadsslag",
            [forms.CostTypeRowForm(data, instance=row, prefix=f"ct-{row.cost_type_id}") for row in rows],
        ),
        pages.NewCostTypeGroup(
            "Lägg till kostnadsslag", [forms.NewCostTypeForm(data, prefix=f"new-{i}") for i in range(3)]
        ),
    ]
    help_text = "Intäkter negativa, kostnader positiva. Förbrukning och summor beräknas."
    return _table_page(
        request, report, TableVersion.Table.INCOME, groups, "Resultaträkning per kostnadsslag", help_text
    )


@login_required
def turnover_edit(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    areas = list(report.namnd.economy_areas.filter(year=report.period.year).select_related("parent"))
    current = {t.area_id: t for t in TurnoverChange.objects.filter(report=report)}
    data = request.POST or None
    rows = [
        forms.TurnoverForm(
            data,
            prefix=f"t-{a.id}",
            row_label=a.label,
            initial={"costs": getattr(current.get(a.id), "costs", None)},
        )
        for a in areas
    ]
    computed = computed_parents(areas)
    for area, form in zip(areas, rows, strict=True):
        if area.id in computed:  # a full varav breakdown: the sum of its varav rows
            costs = [current[c.id].costs for c in areas if c.parent_id == area.id and c.id in current]
            forms.show_computed(form, {"costs": children_sum(costs)})
    context = {"report": report, "forms": rows, "version": services.table_version(report=report, table="omslutning")}
    status = 200
    if request.method == "POST":
        context["version"] = _posted_version(request)
        if all([f.is_valid() for f in rows]):
            changes = [(a, f.cleaned_data["costs"]) for a, f in zip(areas, rows, strict=True) if f.has_changed()]
            try:
                services.save_turnover(report=report, changes=changes, version=context["version"])
                return _overview(report)
            except services.TableConflict as conflict:
                context.update(conflict=conflict, differences=_differences(rows), version=conflict.current_version)
                status = 409
        else:
            status = 400
    return render(request, "economy/turnover_edit.html", context, status=status)


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
    context = {
        "report": report,
        "form": form,
        "version": services.table_version(report=report, table="budgetjusteringar"),
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.save_adjustment(report=report, adjustment=form.instance, version=_posted_version(request))
            return redirect("economy:adjustments", slug=slug, period=period)
        except services.TableConflict as conflict:
            context.update(conflict=conflict, differences=_differences([form]), version=conflict.current_version)
            return render(request, "economy/adjustment_edit.html", context, status=409)
    return render(request, "economy/adjustment_edit.html", context, status=400 if form.errors else 200)


_ORDERED = {"budgetjustering": BudgetAdjustment, "beslutspunkt": DecisionItem}


@login_required
def item_delete(request, slug, period, kind, pk):
    report = _report(request, slug, period, CONTROL)
    require_post(request)
    item = get_object_or_404(_ORDERED[kind], pk=pk, report=report)
    if kind == "budgetjustering":
        services.delete_adjustment(report=report, adjustment=item)
    else:
        services.delete_decision_item(report=report, item=item)
    return redirect("economy:adjustments", slug=slug, period=period)


@login_required
def item_move(request, slug, period, kind, pk):
    report = _report(request, slug, period, CONTROL)
    require_post(request)
    item = get_object_or_404(_ORDERED[kind], pk=pk, report=report)
    services.move_item(report=report, item=item, up=request.POST.get("direction") == "upp")
    return redirect("economy:adjustments", slug=slug, period=period)


@login_required
def decision_add(request, slug, period):
    report = _report(request, slug, period, CONTROL)
    require_post(request)
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
