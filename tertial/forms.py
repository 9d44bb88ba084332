"""Forms of the report pages. Numbers are read with `tertial.numbers.parse_number`, so `1,89`, `2 091`, `−3,5` and
text pasted from Excel all work; a bad value is an error at its own cell and every other typed value is kept."""

from decimal import Decimal

from django import forms
from django.http import QueryDict
from django.utils import timezone

from goals.models import Goal
from indicators.models import ActivityResult, IndicatorResult

from .models import Comment, Membership, Namnd, Period, Report, Section
from .numbers import NumberParseError, format_number, parse_number
from .sections import Chapter

MAX_WHOLE_DIGITS = 14  # the model's DecimalField(max_digits=18, decimal_places=4)


class SwedishDecimalField(forms.Field):
    """A number typed the Swedish way; shown back the same way (`2 091,5`)."""

    def __init__(self, *, percent_capped=False, **kwargs):
        self.percent_capped = percent_capped
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            number = parse_number(value)
        except NumberParseError as error:
            raise forms.ValidationError(str(error), code="invalid") from None
        if number is None:
            return None
        sign, digits, exponent = number.as_tuple()
        if exponent < -4:
            raise forms.ValidationError("Skriv högst fyra decimaler.", code="decimals")
        if len(digits) + min(exponent, 0) > MAX_WHOLE_DIGITS:
            raise forms.ValidationError("Talet är för stort.", code="max_digits")
        if self.percent_capped and abs(number) > 100:
            raise forms.ValidationError("En andel i procent kan inte vara större än 100.", code="percent")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value)
        return value


class RichTextarea(forms.Textarea):
    """A textarea in the `tertial.richtext` format; the template adds the toolbar and preview around it."""

    def __init__(self, rows=8):
        super().__init__(attrs={"rows": rows, "class": "form-control richtext-input", "data-richtext": "1"})


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Section
        fields = ["assessment", "analysis", "presentation_summary", "not_applicable"]
        labels = {"assessment": "Bedömning", "analysis": "Analys", "not_applicable": "Inte aktuellt"}
        widgets = {"assessment": forms.RadioSelect}

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, instance=section, prefix="s", **kwargs)
        self.fields["analysis"].widget = RichTextarea(rows=16)
        self.fields["analysis"].label = "Analys" if section.goal_id else "Text"
        self.fields["presentation_summary"].widget = RichTextarea(rows=5)
        self.fields["presentation_summary"].label = "Sammanfattning för presentation"
        self.fields["presentation_summary"].help_text = "Några punkter som blir målets bild i presentationen."
        self.fields["assessment"].choices = [("", "Ingen bedömning")] + list(self.fields["assessment"].choices)[1:]
        self.fields["assessment"].required = False
        self.fields["version"].initial = section.version
        if not section.goal_id:
            del self.fields["assessment"]
        if not (section.on_slides or (section.goal_id and section.goal.level == Goal.Level.INRIKTNINGSMAL)):
            del self.fields["presentation_summary"]
        elif not section.goal_id:
            self.fields["presentation_summary"].help_text = "Några punkter som blir avsnittets bild i presentationen."
        if section.goal_id or not section.may_be_not_applicable:
            del self.fields["not_applicable"]


class IndicatorResultForm(forms.ModelForm):
    class Meta:
        model = IndicatorResult
        fields = ["outcome", "outcome_men", "outcome_women", "forecast", "analysis"]

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, instance=indicator.result, prefix=f"ind-{indicator.pk}", **kwargs)
        self.indicator = indicator
        labels = {
            "outcome": "Periodens utfall",
            "outcome_men": "Utfall män/pojkar",
            "outcome_women": "Utfall kvinnor/flickor",
            "forecast": "Prognos helår",
        }
        for name, label in labels.items():
            self.fields[name] = SwedishDecimalField(label=label, percent_capped=indicator.percent_capped)
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "class": "form-control form-control-sm"})
        self.fields["analysis"].label = "Analys"
        self.fields["analysis"].widget = RichTextarea(rows=3)


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


class SectionEditForms:
    """Everything a section page edits in one save: the section, its indicator rows and its activity rows."""

    def __init__(self, section, follow_up, data=None):
        self.section_form = SectionForm(data, section=section)
        self.indicator_forms = [IndicatorResultForm(data, indicator=i) for i in follow_up.indicators]
        self.activity_forms = [ActivityResultForm(data, activity=a) for a in follow_up.activities]

    @property
    def all_forms(self):
        return [self.section_form, *self.indicator_forms, *self.activity_forms]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.all_forms])  # a list: validate every form, show every error

    @property
    def error_count(self) -> int:
        return sum(len(form.errors) for form in self.all_forms)

    @property
    def version(self) -> int:
        return self.section_form.cleaned_data["version"]

    def error_links(self) -> list[tuple[str, str, str]]:
        """(field id, what the field is, message) for the error summary at the top of the page."""
        links = []
        for form in self.all_forms:
            where = getattr(form, "indicator", None) or getattr(form, "activity", None)
            for name, errors in form.errors.items():
                if name == "__all__":
                    continue
                label = form.fields[name].label
                if where is not None:
                    label = f"{label} – {where}"
                links.append((form[name].id_for_label, label, " ".join(errors)))
        return links

    def changes(self) -> dict:
        """The cleaned values: {"section": {...}, "indicators": {indicator_id: {...}}, "activities": {...}}."""
        return {
            "section": {k: v for k, v in self.section_form.cleaned_data.items() if k != "version"},
            "indicators": {f.indicator.pk: f.cleaned_data for f in self.indicator_forms},
            "activities": {f.activity.pk: f.cleaned_data for f in self.activity_forms},
        }


def draft_data(post: QueryDict) -> dict:
    """What a writer typed, as kept in a Draft: every field but the CSRF token."""
    return {key: post.get(key) for key in post if key != "csrfmiddlewaretoken"}


def draft_querydict(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return query


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        labels = {"text": "Ny kommentar"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SectionTransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=Section.State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label="Skäl", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportStatusForm(forms.Form):
    to_status = forms.ChoiceField(choices=Report.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label="Skäl", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    responsible = forms.ModelChoiceField(queryset=None, required=False, label="Ansvarig", empty_label="Ingen")

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = users


class ReportCreateForm(forms.Form):
    """Which report to make: one of the user's nämnder (as controller), the budget year and the period."""

    namnd = forms.ModelChoiceField(label="Nämnd", queryset=Namnd.objects.none(), empty_label=None)
    year = forms.IntegerField(label="Budgetår", min_value=2000, max_value=2100, localize=False)
    kind = forms.ChoiceField(label="Period", choices=Period.Kind.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        namnder = Namnd.objects.all()
        if not user.is_superuser:
            namnder = namnder.filter(memberships__user=user, memberships__role=Membership.Role.CONTROLLER).distinct()
        self.fields["namnd"].queryset = namnder
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})


class SectionAddForm(forms.Form):
    """A section of the nämnd's own in its report."""

    title = forms.CharField(label="Rubrik", max_length=200)
    chapter = forms.ChoiceField(
        label="Kapitel",
        choices=[(c.value, c.label) for c in (Chapter.SUMMARY, Chapter.ECONOMY, Chapter.OTHER)],
        initial=Chapter.OTHER,
    )
