"""The section page's forms for an indicator's figures and an activity's follow-up in one report."""

from django import forms

from tertial.fields import RichTextarea, SwedishDecimalField

from .models import ActivityResult, IndicatorResult
from .table import EDITABLE_FIGURES, indicator_columns


class IndicatorResultForm(forms.ModelForm):
    """An indicator's figures and analysis; `indicator` carries `.result`, `.previous_vb` and `.row`
    (`indicators.selectors.section_follow_up`)."""

    class Meta:
        model = IndicatorResult
        fields = [*(c.key for c in EDITABLE_FIGURES), "analysis"]

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, instance=indicator.result, prefix=f"ind-{indicator.pk}", **kwargs)
        self.indicator = indicator
        self.instance.indicator = indicator  # the unit's rule (IndicatorResult.clean) reads it: no query
        for column in EDITABLE_FIGURES:
            field = SwedishDecimalField(label=column.label, indicator=indicator)
            field.widget.attrs.update({"inputmode": "decimal", "class": "form-control form-control-sm"})
            self.fields[column.key] = field
        self.fields["analysis"].label = "Analys"
        self.fields["analysis"].widget = RichTextarea(rows=3)

    def cells(self) -> list[tuple]:
        """(column, its input or None, the printed text) per column of the table, for the page's row."""
        row = self.indicator.row
        return [(c, self[c.key] if c.editable else None, row.text(c.key)) for c in indicator_columns()]


class ActivityResultForm(forms.ModelForm):
    class Meta:
        model = ActivityResult
        fields = ["deviation", "analysis"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, instance=activity.result, prefix=f"akt-{activity.pk}", **kwargs)
        self.activity = activity
        self.fields["deviation"].label = "Avvikelse"
        self.fields["deviation"].widget.attrs["class"] = "form-check-input"
        self.fields["analysis"].label = "Analys"
        self.fields["analysis"].widget = RichTextarea(rows=3)
