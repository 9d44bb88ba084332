"""Pages of the city-wide view (/stad/<period>/): read-only for the city roles and superusers (everybody else
404), except the ställningstagande to a budgetjustering. Plus the nämnd's own page for proposed årsmål changes."""

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from economy.models import BudgetAdjustment
from tertial.access import WRITE, can_edit, get_report_for_user, is_city_admin, is_city_reader, require_post
from tertial.exports.services import content_disposition

from . import charts, exports, selectors, services
from .forms import AdjustmentDecisionForm, CityIndicatorForm, IndicatorFilterForm, IndicatorProposalForm, sort_columns
from .indicators import INDICATOR_SORTS, indicator_across, kf_indicator_choices
from .models import AdjustmentDecision, IndicatorProposal


def _city_period(request, period_code: str):
    """The period, for a city reader; 404 for everybody else (the page's existence is not revealed)."""
    if not is_city_reader(request.user):
        raise Http404("Sidan finns inte.")
    return selectors.get_period(period_code)


def _sort(request, allowed) -> tuple[str, bool]:
    sort = request.GET.get("sortera", "namnd")
    return (sort if sort in allowed else "namnd"), request.GET.get("fallande") == "1"


@login_required
def index(request):
    if not is_city_reader(request.user):
        raise Http404("Sidan finns inte.")
    return render(request, "tertial/city/index.html", {"periods": selectors.periods_with_reports()})


@login_required
def goals(request, period):
    period = _city_period(request, period)
    matrix = selectors.goal_matrix(period)
    context = {"period": period, "matrix": matrix, "chart": charts.assessment_chart(matrix), "tab": "mal"}
    return render(request, "tertial/city/goals.html", context)


@login_required
def status(request, period):
    period = _city_period(request, period)
    sort, descending = _sort(request, selectors.STATUS_SORTS)
    rows = selectors.report_status(period, sort=sort, descending=descending, pending=True)
    pending = sum(1 for row in rows if row.check_pending)
    context = {
        "period": period,
        "rows": rows,
        "sort": sort,
        "descending": descending,
        "tab": "status",
        "pending": pending,
    }
    return render(request, "tertial/city/status.html", context)


@login_required
def economy(request, period):
    period = _city_period(request, period)
    data = selectors.city_economy(period)
    chart = charts.deviation_figure(data).svg("chart-avvikelse")
    return render(
        request, "tertial/city/economy.html", {"period": period, "economy": data, "chart": chart, "tab": "ekonomi"}
    )


@login_required
def indicators(request, period):
    period = _city_period(request, period)
    choices = kf_indicator_choices(
        period, goal_number=request.GET.get("mal", "").strip(), text=request.GET.get("sok", "").strip()
    )
    form = IndicatorFilterForm(request.GET or None, choices=choices)
    code = request.GET.get("indikator") or (choices[0].code if choices else "")
    if code not in {c.code for c in choices}:
        code = choices[0].code if choices else ""
    sort, descending = _sort(request, INDICATOR_SORTS)
    across = indicator_across(period, code, sort=sort, descending=descending) if code else None
    chart = None
    if across:
        bars = [charts.Bar(i.namnd.name, i.result.outcome if i.result else None) for i in across.indicators]
        unit = "%" if across.unit == "%" else ""
        chart = charts.bar_chart(
            f"{across.name}: periodens utfall per nämnd",
            bars,
            decimals=across.decimals,
            unit=unit,
            chart_id="chart-indikator",
        )
    context = {"period": period, "form": form, "across": across, "chart": chart, "code": code, "tab": "indikatorer"}
    # The column headers' sort links keep the chosen indicator and the filter.
    kept = {key: request.GET.get(key, "").strip() for key in ("mal", "sok")}
    query = urlencode({key: value for key, value in kept.items() if value} | {"indikator": code}) + "&"
    context.update(sort=sort, descending=descending, choices=choices, query=query, sort_columns=sort_columns())
    if across and is_city_admin(request.user):
        rule = {"method": across.city.method, "weight_code": across.city.weight_code}
        context["rule_form"] = CityIndicatorForm(initial={"code": code, **rule})
    return render(request, "tertial/city/indicators.html", context)


@login_required
def indicator_rule(request, period):
    """A city administrator says how the indicator adds up for the whole city."""
    _city_period(request, period)
    require_post(request)
    form = CityIndicatorForm(request.POST)
    if form.is_valid():
        try:
            services.city_indicator_set(user=request.user, **form.cleaned_data)
        except services.CityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Beräkningen för hela staden är sparad.")
    else:
        messages.error(request, "Välj en beräkning.")
    code = form.cleaned_data.get("code", "") if form.is_valid() else request.POST.get("code", "")
    return redirect(reverse("city:indicators", args=[period]) + f"?indikator={quote(code)}")


@login_required
def adjustments(request, period):
    period = _city_period(request, period)
    context = {
        "period": period,
        "adjustments": selectors.city_adjustments(period),
        "totals": selectors.adjustment_totals(period),
        "turnover": selectors.city_turnover(period),
        "bilaga": exports.BILAGA_ADJUSTMENTS,
        "tab": "budgetjusteringar",
    }
    return render(request, "tertial/city/adjustments.html", context)


@login_required
def adjustment_decide(request, period, pk):
    period_obj = _city_period(request, period)
    adjustment = get_object_or_404(
        BudgetAdjustment.objects.select_related("report__namnd", "area", "category"), pk=pk, report__period=period_obj
    )
    current = AdjustmentDecision.objects.filter(adjustment=adjustment).select_related("user").first()
    initial = {"decision": current.decision, "comment": current.comment} if current else None
    form = AdjustmentDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.adjustment_decide(adjustment=adjustment, user=request.user, **form.cleaned_data)
        except services.CityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Ställningstagandet är sparat.")
            return redirect(reverse("city:adjustments", args=[period]) + f"#justering-{adjustment.pk}")
    context = {
        "period": period_obj,
        "adjustment": adjustment,
        "form": form,
        "current": current,
        "tab": "budgetjusteringar",
    }
    return render(request, "tertial/city/adjustment_decide.html", context, status=400 if form.errors else 200)


@login_required
def proposals(request, period):
    period = _city_period(request, period)
    context = {"period": period, "proposals": selectors.city_proposals(period), "bilaga": exports.BILAGA_PROPOSALS}
    return render(request, "tertial/city/proposals.html", {**context, "tab": "indikatorforslag"})


@login_required
def export_excel(request, period, view):
    period = _city_period(request, period)
    if view not in exports.EXCEL_VIEWS:
        raise Http404("Okänd export.")
    title, build = exports.EXCEL_VIEWS[view]
    sheets = build(period, request.GET.get("indikator", "")) if view == "indikatorer" else build(period)
    if not sheets:
        raise Http404("Indikatorn finns inte.")
    name = f"{title} {period.label}.xlsx"
    return _download(exports.workbook(f"{title} {period.label}", sheets), name, exports.CONTENT_TYPE)


@login_required
def export_word(request, period):
    period = _city_period(request, period)
    name = f"Nämndernas tertialrapporter {period.label}.docx"
    return _download(exports.summary_docx(period), name, exports.DOCX_TYPE)


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "no-store"
    return response


# --- The nämnd's own page: proposed årsmål changes in its report ------------------------------------------------


@login_required
def report_proposals(request, slug, period):
    report = get_report_for_user(request.user, slug, period)
    editable = can_edit(request.user, report)
    form = IndicatorProposalForm(request.POST or None, report=report)
    if request.method == "POST":
        report = get_report_for_user(request.user, slug, period, WRITE)
        if form.is_valid():
            try:
                services.proposal_create(report=report, user=request.user, **form.cleaned_data)
            except services.CityError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Förslaget är sparat.")
                return redirect("proposals:list", slug=slug, period=period)
    items = IndicatorProposal.objects.filter(report=report).select_related("indicator__goal", "user")
    context = {"report": report, "form": form, "proposals": list(items), "editable": editable}
    return render(request, "tertial/city/report_proposals.html", context, status=400 if form.errors else 200)


@login_required
def report_proposal_delete(request, slug, period, pk):
    report = get_report_for_user(request.user, slug, period, WRITE)
    require_post(request)
    proposal = get_object_or_404(IndicatorProposal.objects.select_related("report"), pk=pk, report=report)
    try:
        services.proposal_delete(proposal=proposal, user=request.user)
    except services.CityError as error:
        messages.error(request, str(error))
    return redirect("proposals:list", slug=slug, period=period)
