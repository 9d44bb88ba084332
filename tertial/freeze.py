"""A fastställd report cannot change: the one place that says which rows a report owns or prints, and refuses a
write to any of them while a fastställd report uses it (services and the admin call `check`).

Two kinds of rows are frozen:
- rows a report **owns** (its sections, results, economy rows, comments, …): `OWNED` gives the path from the row to
  its report. Nothing of a fastställd report's own rows may be added, changed or removed; the report is reopened
  through the workflow (`tertial.workflow`, with a reason), which is the only write that passes.
- catalogue rows a report **prints** (goal texts, indicator definitions, activity texts, area, category and cost-type
  names, the nämnd's name, the period): `PRINTED` gives the lookups from Report to the row. They may not be changed
  or removed while a fastställd report prints them (its export would change); a new row is always fine.

Every model related to a report is in `OWNED`, `PRINTED` or `EXEMPT` (with the reason):
`tests/tertial/test_freeze.py` walks the app registry and fails on a model that is in none of them.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist

from .errors import Frozen

FROZEN_MESSAGE = "Rapporten är fastställd och kan inte ändras. En controller kan öppna den igen."

# model label -> path from the row to the report that owns it ("" for the report itself)
OWNED = {
    "tertial.Report": "",
    "tertial.Attachment": "report",
    "tertial.Section": "report",
    "tertial.SectionTransition": "section__report",
    "tertial.ReportTransition": "report",
    "tertial.Comment": "section__report",
    "tertial.Draft": "section__report",
    "tertial.FindingAcknowledgement": "report",
    "indicators.IndicatorResult": "report",
    "indicators.ActivityResult": "report",
    "economy.DriftSummary": "report",
    "economy.DriftLayout": "report",
    "economy.AreaRow": "report",
    "economy.ResultUnit": "report",
    "economy.InvestmentRow": "report",
    "economy.CapitalCost": "report",
    "economy.TurnoverChange": "report",
    "economy.BudgetAdjustment": "report",
    "economy.BalanceItem": "report",
    "economy.CostTypeRow": "report",
    "economy.DecisionItem": "report",
    "economy.TableVersion": "report",
    "city.IndicatorProposal": "report",
}

# model label -> lookups from Report to the row, for catalogue rows the report prints
PRINTED = {
    "tertial.Namnd": ("namnd",),
    "tertial.Period": ("period",),
    "goals.Goal": ("sections__goal",),
    "indicators.Indicator": ("indicator_results__indicator", "indicator_proposals__indicator"),
    "indicators.Activity": ("activity_results__activity",),
    "economy.Area": (
        "area_rows__area",
        "result_units__area",
        "turnover_changes__area",
        "budget_adjustments__area",
    ),
    "economy.InvestmentCategory": ("investment_rows__category", "budget_adjustments__category"),
    "economy.CostType": ("cost_type_rows__cost_type",),
}

# Fields of a printed row that no export prints: changing them changes no fastställd report.
UNPRINTED_FIELDS = {
    "tertial.Namnd": {"slug"},
}

# Models related to a report that are not frozen, and why.
EXEMPT = {
    "tertial.ExportLog": "a record of who exported the report: exporting a fastställd report writes one",
    "tertial.ExportFile": "an export made in the background: exporting a fastställd report writes one",
    "tertial.ReminderLog": "a record of reminder e-mails sent, not printed in the report",
    "tertial.RolloverLog": "a record of a roll-over, which reads a fastställd report and writes only the new one",
    "tertial.TemplateSection": "a report keeps its own copy of the template's headings (Section.heading_text)",
    "tertial.ReportTemplate": "as TemplateSection",
    "city.AdjustmentDecision": "the city's decision on a requested budgetjustering, made after the report is fastställd",
    "auth.User": "users' names are not printed in the report (handläggare and signatories are typed text)",
}


def _label(model) -> str:
    return model._meta.label


def _report_id(obj, path: str):
    """The report id the row points at in memory (not yet saved values included), or None."""
    if path == "":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        try:
            obj = getattr(obj, hop)
        except ObjectDoesNotExist:
            return None
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def _faststalld(report_ids) -> bool:
    Report = apps.get_model("tertial", "Report")
    ids = [pk for pk in report_ids if pk is not None]
    return bool(ids) and Report.objects.filter(pk__in=ids, status=Report.Status.FASTSTALLD).exists()


def _owned_message(obj, path: str) -> str | None:
    model = type(obj)
    ids = {_report_id(obj, path)}
    if obj.pk is not None:
        # Where the row is now (in the database): moving a row out of a fastställd report is a change of it too.
        stored = "pk" if path == "" else f"{path}_id"
        ids |= set(model._default_manager.filter(pk=obj.pk).values_list(stored, flat=True))
    return FROZEN_MESSAGE if _faststalld(ids) else None


def printing_reports(obj):
    """The fastställd reports that print the catalogue row `obj` (a queryset; one query when evaluated)."""
    Report = apps.get_model("tertial", "Report")
    from django.db.models import Q

    condition = Q()
    for lookup in PRINTED[_label(type(obj))]:
        condition |= Q(**{lookup: obj.pk})
    return Report.objects.filter(condition, status=Report.Status.FASTSTALLD).select_related("namnd", "period")


def _printed_changed(obj) -> bool:
    model = type(obj)
    skip = UNPRINTED_FIELDS.get(_label(model), set())
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in skip and not f.primary_key]
    stored = model._default_manager.filter(pk=obj.pk).values(*names).first()
    if stored is None:
        return False
    return any(stored[name] != getattr(obj, name) for name in names)


def _printed_message(obj, *, deleting: bool, changed_only: bool) -> str | None:
    if obj.pk is None or (changed_only and not deleting and not _printed_changed(obj)):
        return None
    report = printing_reports(obj).first()
    if report is None:
        return None
    what = obj._meta.verbose_name
    verb = "tas bort" if deleting else "ändras"
    return (
        f"{what[:1].upper()}{what[1:]} ”{obj}” står i {report.title} {report.namnd}, som är fastställd, och kan inte "
        f"{verb}. Lägg till en ny rad för kommande rapporter, eller låt en controller öppna rapporten igen."
    )


def frozen_message(obj, *, deleting: bool = False, changed_only: bool = True) -> str | None:
    """Why writing `obj` (as it is in memory) is refused, in Swedish; None when it may be written.

    A catalogue row saved unchanged passes (`changed_only`); `changed_only=False` asks whether any change of it
    would be refused (the admin shows such a row read-only)."""
    label = _label(type(obj))
    if label in OWNED:
        return _owned_message(obj, OWNED[label])
    if label in PRINTED:
        return _printed_message(obj, deleting=deleting, changed_only=changed_only)
    return None


def check(obj, *, deleting: bool = False) -> None:
    """Raise `Frozen` if a fastställd report owns or prints `obj` (see the module docstring)."""
    message = frozen_message(obj, deleting=deleting)
    if message:
        raise Frozen(message)


def is_covered(model) -> bool:
    label = _label(model)
    return label in OWNED or label in PRINTED or label in EXEMPT
