"""Forms that look like the documents' tables: one row per form, amounts typed the Swedish way."""

from decimal import Decimal

from django import forms
from django.forms import modelformset_factory
from django.utils.text import capfirst

from tertial.numbers import NumberParseError, format_number, parse_number

from .layouts import PRESETS, Col
from .models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostType,
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
    """Each row form knows the label of its table row (shown as text, not editable), and names every input after
    its row and column for screen readers ("Äldreomsorg, Budget"): a table cell has no <label> of its own."""

    label_attr = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = self.row_label or self._row_number()
        for field in self.fields.values():
            name = "Ta bort raden" if field.label in ("Radera", "Delete") else field.label
            field.widget.attrs["aria-label"] = f"{row}, {name}" if row else str(name)

    def _row_number(self) -> str:
        index = (self.prefix or "").rsplit("-", 1)[-1]
        return f"Rad {int(index) + 1}" if index.isdigit() else ""

    @property
    def row_label(self):
        if not self.label_attr:
            return ""
        instance = self.instance
        for part in self.label_attr.split("."):
            instance = getattr(instance, part, None)
        if callable(instance):  # get_kind_display: the label, not "functools.partial(<bound method …>)"
            instance = instance()
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


def area_row_form(layout, report):
    """The drift page's row form: an input for every typed column of the report's layout, named as the column is
    printed (`Bokslut 2023`, `Justerad nettobudget`, `Resultat per T2`)."""
    fields = layout.typed_fields()
    form = figure_form(AreaRow, fields, "area.label")
    for name in fields:
        form.base_fields[name].label = layout.input_label(name, report)
    return form


COMPUTED_NOTE = "beräknas ur varav-raderna"


def show_computed(form, values):
    """A parent row whose varav rows are a full breakdown: its cells show the children's sums and cannot be typed
    (a disabled field keeps its initial value whatever is posted, so a save never writes it)."""
    for name, field in form.fields.items():
        field.disabled = True
        form.initial[name] = values.get(name)
        field.widget.attrs["aria-label"] = f"{field.widget.attrs.get('aria-label', field.label)} ({COMPUTED_NOTE})"
        field.widget.attrs["title"] = capfirst(COMPUTED_NOTE)
    form.computed = True


class LayoutForm(forms.Form):
    """Driftbudgetens tabell: a preset, the columns kept or added, and the two settings."""

    preset = forms.ChoiceField(label="Mall", widget=forms.Select(attrs={"class": "form-select"}))
    columns = forms.MultipleChoiceField(
        label="Kolumner", choices=Col.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    budget_includes_requested = forms.BooleanField(
        label="Budgeten inkluderar begärda budgetjusteringar",
        required=False,
        help_text="Kryssa i när budgetkolumnen redan innehåller de budgetjusteringar som begärs nu: de räknas då "
        "inte in i avvikelsen en gång till.",
    )
    area_tables = forms.BooleanField(
        label="En liten tabell per verksamhetsområde (eller rubrik) före dess text", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [(p.key, p.label) for p in PRESETS.values()]


InvestmentRowForm = figure_form(InvestmentRow, ["budget", "forecast"], "category.name")
CapitalCostForm = figure_form(CapitalCost, ["budget", "booked", "forecast"], "get_kind_display")
CostTypeRowForm = figure_form(
    CostTypeRow, ["budget_previous", "outcome_previous", "budget", "outcome"], "cost_type.name"
)

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


class NamedRowsFormSet(forms.BaseModelFormSet):
    """A formset whose delete boxes are named after their row for screen readers ("Rad 2, Ta bort raden")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            row = f"Rad {index + 1}" if index is not None else "Ny rad"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"{row}, Ta bort raden"


class BaseResultUnitFormSet(NamedRowsFormSet):
    def clean(self):
        """The report's codes are unique; checked here because the report is not a field of the row forms."""
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            code = (form.cleaned_data.get("code") or "").strip()
            if not code:  # a blank new row (the page serves two), or a row whose own form says the code is missing
                continue
            if code in seen:
                raise forms.ValidationError(f"Koden {code} finns två gånger.")
            seen.add(code)


ResultUnitFormSet = modelformset_factory(
    ResultUnit, form=ResultUnitForm, formset=BaseResultUnitFormSet, extra=2, can_delete=True
)
BalanceItemFormSet = modelformset_factory(
    BalanceItem, form=BalanceItemForm, formset=NamedRowsFormSet, extra=2, can_delete=True
)


class TurnoverForm(RowLabelMixin, forms.Form):
    """One verksamhet's omslutningsförändring: the kostnader; intäkter (the same, negative) and netto are computed."""

    def __init__(self, *args, row_label="", **kwargs):
        self._label = row_label
        super().__init__(*args, **kwargs)

    @property
    def row_label(self):
        return self._label

    costs = AmountField(label="Kostnader", required=False)

    @property
    def income_text(self) -> str:
        """Intäkter as saved: −Kostnader, shown beside the input."""
        costs = self.initial.get("costs")
        return "" if costs is None else format_number(-costs, 1)


TurnoverFormSet = forms.formset_factory(TurnoverForm, extra=0)


class BudgetAdjustmentForm(forms.ModelForm):
    row_label = "Budgetjusteringen"

    def _row_number(self):
        return ""

    amount = AmountField(label="Belopp (mnkr)", required=True)

    class Meta:
        model = BudgetAdjustment
        fields = ["kind", "status", "amount", "purpose", "area", "category"]
        labels = {"purpose": "Ändamål (”… om 0,6 mnkr för …”)"}
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select"}),
            "status": forms.Select(attrs={"class": "form-select"}),
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
        self.fields["status"].required = False  # a form that does not ask: requested now

    def clean_status(self):
        return self.cleaned_data.get("status") or BudgetAdjustment.Status.REQUESTED


class DecisionItemForm(forms.ModelForm):
    class Meta:
        model = DecisionItem
        fields = ["text"]
        labels = {"text": "Ny beslutspunkt"}
        widgets = {"text": forms.Textarea(attrs={"class": "form-control", "rows": 2})}


class NewCostTypeForm(RowLabelMixin, forms.Form):
    """A kostnadsslag added from the Resultaträkning page: the catalogue entry and its figures in one row."""

    name = forms.CharField(label="Nytt kostnadsslag", max_length=200, required=False)
    kind = forms.ChoiceField(label="Typ", choices=CostType.Kind.choices, initial=CostType.Kind.COST, required=False)
    budget_previous = AmountField(label="Budget föregående år", required=False)
    outcome_previous = AmountField(label="Utfall föregående år", required=False)
    budget = AmountField(label="Budget", required=False)
    outcome = AmountField(label="Utfall", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"

    def has_changed(self):
        return bool((self.data.get(self.add_prefix("name")) or "").strip()) if self.is_bound else False

    def clean(self):
        data = super().clean()
        figures = [data.get(f) for f in ("budget_previous", "outcome_previous", "budget", "outcome")]
        if not (data.get("name") or "").strip() and any(v is not None for v in figures):
            raise forms.ValidationError("Ge det nya kostnadsslaget ett namn.")
        if (data.get("name") or "").strip() and not data.get("kind"):
            self.add_error("kind", "Ange om kostnadsslaget är en intäkt eller en kostnad.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excelfil (.xlsx) från ekonomisystemet",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )
