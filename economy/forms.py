"""Forms that look like the documents' tables: one row per form, amounts typed the Swedish way."""

from decimal import Decimal

from django import forms
from django.forms import modelformset_factory
from django.utils.text import capfirst

from tertial.numbers import NumberParseError, format_number, parse_number

from .models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostTypeRow,
    DecisionItem,
    DriftSummary,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
)

MAX_AMOUNT = Decimal("999999999999")


class AmountInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"class": "form-control form-control-sm text-end", "inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value)
        return super().format_value(value)


class AmountField(forms.Field):
    """An amount as Swedes type or paste it (`2 091,5`, `−0,1`); empty is an empty cell."""

    widget = AmountInput

    def to_python(self, value):
        try:
            number = parse_number(value, allow_percent=False)
        except NumberParseError as error:
            raise forms.ValidationError(str(error)) from None
        if number is not None:
            if abs(number) > MAX_AMOUNT:
                raise forms.ValidationError("Beloppet är orimligt stort.")
            if number.as_tuple().exponent < -3:
                raise forms.ValidationError("Skriv högst tre decimaler.")
        return number


def _amounts(model, names):
    return {
        name: AmountField(label=capfirst(model._meta.get_field(name).verbose_name), required=False) for name in names
    }


class RowLabelMixin:
    """Each row form knows the label of its table row (shown as text, not editable)."""

    label_attr = ""

    @property
    def row_label(self):
        instance = self.instance
        for part in self.label_attr.split("."):
            instance = getattr(instance, part, None)
        return str(instance) if instance is not None else ""


def figure_form(model, fields, label_attr, *, extra_fields=None):
    attrs = {
        **_amounts(model, fields),
        **(extra_fields or {}),
        "label_attr": label_attr,
        "Meta": type("Meta", (), {"model": model, "fields": [*(extra_fields or {}), *fields]}),
    }
    return type(f"{model.__name__}Form", (RowLabelMixin, forms.ModelForm), attrs)


DriftSummaryForm = figure_form(
    DriftSummary,
    ["cost_budget", "cost_change", "cost_forecast", "income_budget", "income_change", "income_forecast"],
    "",
)
AreaRowForm = figure_form(AreaRow, ["budget", "change", "forecast"], "area.label")
FackAreaRowForm = figure_form(AreaRow, ["previous_outcome", "budget", "change", "forecast"], "area.label")
InvestmentRowForm = figure_form(InvestmentRow, ["budget", "forecast"], "category.name")
CapitalCostForm = figure_form(CapitalCost, ["budget", "booked", "forecast"], "get_kind_display")
CostTypeRowForm = figure_form(
    CostTypeRow, ["budget_previous", "outcome_previous", "budget", "outcome"], "cost_type.name"
)

AreaRowFormSet = modelformset_factory(AreaRow, form=AreaRowForm, extra=0)
FackAreaRowFormSet = modelformset_factory(AreaRow, form=FackAreaRowForm, extra=0)
InvestmentRowFormSet = modelformset_factory(InvestmentRow, form=InvestmentRowForm, extra=0)
CapitalCostFormSet = modelformset_factory(CapitalCost, form=CapitalCostForm, extra=0)
CostTypeRowFormSet = modelformset_factory(CostTypeRow, form=CostTypeRowForm, extra=0)


class ResultUnitForm(RowLabelMixin, forms.ModelForm):
    gross_budget = AmountField(label="Bruttobudget (tkr)", required=False)
    transfer_from = AmountField(label="Resultatöverföring från föregående år, överskott (-) (tkr)", required=False)
    result = AmountField(label="Beräknat resultat, överskott (-) (tkr)", required=False)

    class Meta:
        model = ResultUnit
        fields = ["code", "name", "area", "gross_budget", "transfer_from", "result"]
        widgets = {
            "code": forms.TextInput(attrs={"class": "form-control form-control-sm", "size": 5}),
            "name": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "area": forms.Select(attrs={"class": "form-select form-select-sm"}),
        }

    def __init__(self, *args, areas=None, area_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()
        if area_choices is not None:  # evaluated once for the whole formset, not once per row
            self.fields["area"].choices = area_choices


class BalanceItemForm(RowLabelMixin, forms.ModelForm):
    previous = AmountField(label="Samma datum föregående år", required=False)
    current = AmountField(label="Periodens slut", required=False)

    class Meta:
        model = BalanceItem
        fields = ["side", "name", "previous", "current"]
        widgets = {
            "side": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "name": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        }


class BaseResultUnitFormSet(forms.BaseModelFormSet):
    def clean(self):
        """The report's codes are unique; checked here because the report is not a field of the row forms."""
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            code = (form.cleaned_data.get("code") or "").strip()
            if code in seen:
                raise forms.ValidationError(f"Koden {code} finns två gånger.")
            seen.add(code)


ResultUnitFormSet = modelformset_factory(
    ResultUnit, form=ResultUnitForm, formset=BaseResultUnitFormSet, extra=2, can_delete=True
)
BalanceItemFormSet = modelformset_factory(BalanceItem, form=BalanceItemForm, extra=2, can_delete=True)


class TurnoverForm(forms.Form):
    """One verksamhet's omslutningsförändring (kostnader positive, intäkter negative; netto is computed)."""

    area = forms.IntegerField(widget=forms.HiddenInput)
    costs = AmountField(label="Kostnader", required=False)
    income = AmountField(label="Intäkter", required=False)


TurnoverFormSet = forms.formset_factory(TurnoverForm, extra=0)


class BudgetAdjustmentForm(forms.ModelForm):
    amount = AmountField(label="Belopp (mnkr)", required=True)

    class Meta:
        model = BudgetAdjustment
        fields = ["kind", "amount", "purpose", "area", "category"]
        labels = {"purpose": "Ändamål (”… om 0,6 mnkr för …”)"}
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select"}),
            "purpose": forms.TextInput(attrs={"class": "form-control"}),
            "area": forms.Select(attrs={"class": "form-select"}),
            "category": forms.Select(attrs={"class": "form-select"}),
        }

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.report = report
        catalogue = {"namnd_id": report.namnd_id, "year": report.period.year}
        self.fields["area"].queryset = Area.objects.filter(**catalogue).select_related("parent")
        self.fields["category"].queryset = InvestmentCategory.objects.filter(**catalogue)
        self.fields["amount"].widget.attrs["class"] = "form-control text-end"


class DecisionItemForm(forms.ModelForm):
    class Meta:
        model = DecisionItem
        fields = ["text"]
        labels = {"text": "Ny beslutspunkt"}
        widgets = {"text": forms.Textarea(attrs={"class": "form-control", "rows": 2})}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excelfil (.xlsx) från ekonomisystemet",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )
