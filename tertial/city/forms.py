"""Forms of the city-wide view and of a nämnd's proposals to change an årsmål."""

from django import forms

from indicators.models import Indicator
from indicators.table import column_label
from tertial.forms import SwedishDecimalField

from .models import AdjustmentDecision, CityIndicator


class AdjustmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Stadsledningskontorets ställningstagande",
        choices=AdjustmentDecision.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Kommentar",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Krävs när budgetjusteringen avstyrks.",
    )


class IndicatorProposalForm(forms.Form):
    indicator = forms.ModelChoiceField(label="Indikator", queryset=Indicator.objects.none())
    proposed_value = SwedishDecimalField(label="Föreslaget årsmål (tal)", help_text="Till exempel 570 eller 1,5.")
    proposed_text = forms.CharField(
        label="… eller som text", required=False, max_length=200, help_text="Till exempel Öka."
    )
    reason = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(namnd_id=report.namnd_id, year=report.period.year)
            .select_related("goal")
            .order_by("goal__sort_key", "position", "id")
        )
        self.fields["indicator"].label_from_instance = lambda i: f"{i.goal.number} {i.name}"


def sort_columns() -> list[tuple[str, str, bool]]:
    """The KF-indikatorer page's columns: (sort key, heading, numeric), headed as the indicator table heads them
    (asked when the page is made, like every surface of the indicator table)."""
    return [
        ("namnd", "Nämnd", False),
        ("utfall", column_label("outcome"), True),
        ("prognos", column_label("forecast"), True),
        ("arsmal", column_label("target"), True),
    ]


def sort_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, label, _ in sort_columns()]


class IndicatorFilterForm(forms.Form):
    """The KF-indikatorer page's GET form: which indicator, narrowed by goal or words in its name, and the order."""

    mal = forms.CharField(label="KF:s mål (nummer)", required=False, max_length=20)
    sok = forms.CharField(label="Sök i indikatorns namn", required=False, max_length=100)
    indikator = forms.ChoiceField(label="Indikator", required=False, choices=[])
    sortera = forms.ChoiceField(label="Sortera efter", required=False, choices=sort_choices)
    fallande = forms.BooleanField(label="Fallande", required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].choices = [(c.code, f"{c.goal_number} {c.name}") for c in choices]


class CityIndicatorForm(forms.Form):
    """How the shown KF indicator adds up for the whole city (city administrators)."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    method = forms.ChoiceField(label="Beräkning för hela staden", choices=CityIndicator.Method.choices)
    weight_code = forms.CharField(
        label="Vikt: indikatorns kod",
        required=False,
        max_length=40,
        help_text="Bara för vägt medelvärde, till exempel koden för antal invånare.",
    )
