"""Forms of the report-template pages (city administrators)."""

from django import forms

from . import sections
from .template_models import ReportTemplate, TemplateSection


class TemplateCreateForm(forms.Form):
    year = forms.IntegerField(label="Budgetår", min_value=2000, max_value=2100, localize=False)


def _kind_choices():
    """A free section first (what a new entry usually is), then the built-in kinds."""
    kinds = sorted(sections.template_kinds(), key=lambda k: k.key != "fri")
    return [(k.key, "Eget avsnitt (fri rubrik)" if k.key == "fri" else k.label) for k in kinds]


class PeriodsField(forms.MultipleChoiceField):
    """Gäller i: the periods whose reports get the section, ticked boxes stored as "T2,VB"."""

    def __init__(self, **kwargs):
        from .models import Period

        super().__init__(
            label="Gäller i",
            choices=Period.Kind.choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Välj minst en period.",
                "invalid_choice": "Okänd period: %(value)s.",
            },
            help_text="De perioder vars rapporter får avsnittet (analysen av balansräkningen: Tertial 2 och "
            "verksamhetsberättelsen). Rapporter som redan finns behåller sina avsnitt.",
            **kwargs,
        )

    def clean(self, value):
        return ",".join(super().clean(value))


class TemplateEntryForm(forms.ModelForm):
    class Meta:
        model = TemplateSection
        fields = [
            "kind",
            "title",
            "chapter",
            "parent",
            "required",
            "may_be_not_applicable",
            "on_slides",
            "periods",
            "instructions",
        ]
        labels = {"kind": "Typ", "parent": "Underavsnitt till"}
        widgets = {"instructions": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, template: ReportTemplate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(label="Typ", choices=_kind_choices(), initial="fri")
        self.fields["periods"] = PeriodsField()
        self.initial["periods"] = self.instance.period_kinds
        self.fields["chapter"].choices = [(c.value, c.label) for c in sections.Chapter if c != sections.Chapter.GOALS]
        self.fields["chapter"].help_text = "Inbyggda avsnitt ligger alltid i sitt eget kapitel."
        parents = template.entries.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["kind"].disabled = True  # a built-in section stays what it is
        else:
            self.initial.setdefault("chapter", sections.Chapter.OTHER)
            self.initial["kind"] = "fri"
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = "Inget (avsnitt på översta nivån)"
        self.fields[
            "instructions"
        ].help_text = (
            "Visas för skribenten ovanför texten. ## Rubrik, - punkt och **fet** fungerar som i rapporttexterna."
        )


class GoalInstructionsForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = [
            "inriktningsmal_assessment",
            "instructions_inriktningsmal",
            "instructions_kf_mal",
            "instructions_namndmal",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields[1:]}
