"""Setting up a year in the browser: Stadens år (the city's KF structure, for city administrators) and Nämndens
plan (a nämnd's goals, indicators and activities, for its controllers). Each import is upload → preview → confirm:
the file waits in a `PendingImport` row between the two steps; the preview is a trial run of the same service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tertial import access
from tertial.errors import ServiceError
from tertial.models import ImportLog, Namnd, PendingImport
from tertial.uploads import read_upload

from . import forms, selectors, services
from .kf_import import kf_workbook
from .plan_import import plan_workbook

MIN_YEAR, MAX_YEAR = 2000, 2100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _check_year(year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Budgetåret finns inte.")


def _namnd_for_controller(user, slug, action=access.CONTROL, year=None) -> Namnd:
    """The nämnd, 404 without a role in it (or for an impossible year), 403 with a role that may not do `action`."""
    if year is not None:
        _check_year(year)
    namnd = get_object_or_404(Namnd, slug=slug)
    if not access.can(user, namnd.id, access.READ):
        raise Http404("Nämnden finns inte.")
    if not access.can(user, namnd.id, action):
        raise PermissionDenied("Bara nämndens controller kan ändra nämndens plan.")
    return namnd


def _city_admin(user):
    if not access.is_city_admin(user):
        raise PermissionDenied("Bara stadens administratörer kan lägga in budgetårets KF-struktur.")


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _preview(request, pending, back_url, confirm_url, error=None):
    """A trial run of the pending file shown for confirmation, or the file's errors (400, file discarded)."""
    run = services.plan_import if pending.kind == ImportLog.Kind.PLAN else services.kf_structure_import
    where = {"namnd": pending.namnd} if pending.kind == ImportLog.Kind.PLAN else {}
    try:
        preview = run(
            **where,
            year=pending.year,
            data=bytes(pending.data),
            file_name=pending.file_name,
            user=request.user,
            dry_run=True,
        )
    except ServiceError as rejected:
        pending.delete()
        context = {"pending": pending, "rejected": rejected, "back_url": back_url}
        return render(request, "goals/import_preview.html", context, status=400)
    form = forms.ConfirmForm(initial={"digest": preview.digest})
    context = {"pending": pending, "preview": preview, "form": form, "error": error, "confirm_url": confirm_url}
    return render(request, "goals/import_preview.html", {**context, "back_url": back_url}, status=400 if error else 200)


def _pending(request, kind, year, data, file_name, namnd=None) -> PendingImport:
    PendingImport.objects.filter(user=request.user, kind=kind).delete()  # one waiting file per user and kind
    return PendingImport.objects.create(
        user=request.user, kind=kind, namnd=namnd, year=year, file_name=file_name[:255], data=data
    )


def _confirm(request, pending, back_url, confirm_url, **where):
    """Run the confirmed import for real, or show the preview again with the reason it was refused."""
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        return _preview(request, pending, back_url, confirm_url, error="Bekräftelsen saknar uppgifter. Försök igen.")
    run = services.plan_import if pending.kind == ImportLog.Kind.PLAN else services.kf_structure_import
    try:
        preview = run(
            **where,
            year=pending.year,
            data=bytes(pending.data),
            file_name=pending.file_name,
            user=request.user,
            remove_missing=form.cleaned_data["remove_missing"],
            digest=form.cleaned_data["digest"],
        )
    except ServiceError as error:
        return _preview(request, pending, back_url, confirm_url, error=error.message)
    pending.delete()
    messages.success(request, f"Importen är klar: {preview.counts}.")
    return redirect(back_url)


# --- Nämndens plan ----------------------------------------------------------------------------------------------


@login_required
def plan_current(request, slug):
    namnd = _namnd_for_controller(request.user, slug, access.READ)
    return redirect("goals:plan", slug=namnd.slug, year=selectors.current_year())


@login_required
def plan(request, slug, year):
    """The nämnd's plan for the year: counts, the template, upload, copy from last year."""
    namnd = _namnd_for_controller(request.user, slug, year=year)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"])
        except ServiceError as error:
            form.add_error("file", error.message)
        else:
            pending = _pending(request, ImportLog.Kind.PLAN, year, data, form.cleaned_data["file"].name, namnd)
            return _preview(request, pending, request.path, _confirm_url(namnd, year, pending))
    context = {"namnd": namnd, "year": year, "form": form, **selectors.plan_overview(namnd, year)}
    return render(request, "goals/plan.html", context, status=400 if form.errors else 200)


def _confirm_url(namnd, year, pending):
    return reverse("goals:plan_confirm", kwargs={"slug": namnd.slug, "year": year, "pk": pending.pk})


@login_required
def plan_copy(request, slug, year):
    """Last year's plan as this year's file, to the same preview as an upload."""
    namnd = _namnd_for_controller(request.user, slug, year=year)
    access.require_post(request)
    try:
        data = services.plan_copy_workbook(namnd=namnd, year=year)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("goals:plan", slug=slug, year=year)
    pending = _pending(request, ImportLog.Kind.PLAN, year, data, f"plan-{namnd.slug}-{year - 1}.xlsx", namnd)
    back = redirect("goals:plan", slug=slug, year=year).url
    return _preview(request, pending, back, _confirm_url(namnd, year, pending))


@login_required
def plan_confirm(request, slug, year, pk):
    namnd = _namnd_for_controller(request.user, slug, year=year)
    access.require_post(request)
    pending = get_object_or_404(
        PendingImport, pk=pk, user=request.user, kind=ImportLog.Kind.PLAN, namnd=namnd, year=year
    )
    back = redirect("goals:plan", slug=slug, year=year).url
    return _confirm(request, pending, back, request.path, namnd=namnd)


@login_required
def plan_template(request, slug, year):
    """The template filled with the nämnd's plan for the year (or, `?kopia=1`, last year's as this year's)."""
    namnd = _namnd_for_controller(request.user, slug, access.READ, year=year)
    source = year - 1 if request.GET.get("kopia") else year
    data = plan_workbook(namnd=namnd, year=year, source_year=source)
    return _xlsx(data, f"plan-{namnd.slug}-{year}.xlsx")


# --- Stadens år -------------------------------------------------------------------------------------------------


@login_required
def city_years(request):
    """The budget years' KF structures, with import and "create next year from this one"."""
    _city_admin(request.user)
    form = forms.KfUploadForm(request.POST or None, request.FILES or None, initial={"year": selectors.current_year()})
    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"])
        except ServiceError as error:
            form.add_error("file", error.message)
        else:
            year = form.cleaned_data["year"]
            pending = _pending(request, ImportLog.Kind.KF_STRUCTURE, year, data, form.cleaned_data["file"].name)
            return _preview(request, pending, request.path, _kf_confirm_url(pending))
    context = {
        "form": form,
        "years": selectors.years_overview(),
        "logs": ImportLog.objects.filter(kind=ImportLog.Kind.KF_STRUCTURE).select_related("user")[:10],
    }
    return render(request, "goals/city_years.html", context, status=400 if form.errors else 200)


def _kf_confirm_url(pending):
    return reverse("goals:city_confirm", kwargs={"pk": pending.pk})


@login_required
def city_copy(request):
    """Year N from year N−1 (same mandate): N−1's structure as N's file, to the same preview as an upload."""
    _city_admin(request.user)
    access.require_post(request)
    form = forms.CopyYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Välj ett budgetår att skapa.")
        return redirect("goals:city_years")
    year = form.cleaned_data["year"]
    try:
        data = services.kf_copy_workbook(year=year)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("goals:city_years")
    pending = _pending(request, ImportLog.Kind.KF_STRUCTURE, year, data, f"kf-struktur-{year - 1}.xlsx")
    return _preview(request, pending, redirect("goals:city_years").url, _kf_confirm_url(pending))


@login_required
def city_confirm(request, pk):
    _city_admin(request.user)
    access.require_post(request)
    pending = get_object_or_404(PendingImport, pk=pk, user=request.user, kind=ImportLog.Kind.KF_STRUCTURE)
    return _confirm(request, pending, redirect("goals:city_years").url, request.path)


@login_required
def city_template(request, year):
    """The KF template filled with the year's structure (empty sheets for a year not yet set up)."""
    _city_admin(request.user)
    _check_year(year)
    return _xlsx(kf_workbook(year=year), f"kf-struktur-{year}.xlsx")
