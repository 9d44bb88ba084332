"""Forms of the report pages. Numbers are read with `tertial.numbers.parse_number`, so `1,89`, `2 091`, `−3,5` and
text pasted from Excel all work; a bad value is an error at its own cell and every other typed value is kept."""

import re

from django import forms
from django.http import QueryDict
from django.utils import timezone

from goals.models import Goal
from indicators.forms import ActivityResultForm, IndicatorResultForm

from .fields import RichTextarea, SwedishDecimalField  # noqa: F401 (SwedishDecimalField: used from here by others)
from .models import Comment, Membership, Namnd, Period, Report, Section
from .sections import Chapter
from .textsafety import strip_unsafe

# The largest version a page may send back (the database's PositiveIntegerField); larger is a form error, not a 500.
MAX_VERSION = 2**31 - 1
# What a kept draft may hold: the section form's own fields (s-…, ind-<id>-…, akt-<id>-…), at most this many.
_DRAFT_KEY = re.compile(r"(?:s|ind-[0-9]{1,18}|akt-[0-9]{1,18})-[a-z_]{1,40}")
MAX_DRAFT_FIELDS = 2000


def parse_version(value) -> int | None:
    """A version as posted (`s-version`), or None when it is not a whole number from 1 to MAX_VERSION."""
    text = str(value or "").strip()
    if not re.fullmatch(r"[0-9]{1,10}", text) or not 1 <= int(text) <= MAX_VERSION:
        return None
    return int(text)


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_VERSION)

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
        if not section.shows_assessment:
            del self.fields["assessment"]  # a text section; an inriktningsmål of a year that gives them prose only
        if not section.has_slide:
            del self.fields["presentation_summary"]
        elif section.goal_id and section.goal.level == Goal.Level.KF_MAL:
            self.fields[
                "presentation_summary"
            ].help_text = (
                "Valfritt: med några punkter här får målet en egen bild i presentationen, följd av dess indikatorer."
            )
        elif not section.goal_id:
            self.fields["presentation_summary"].help_text = "Några punkter som blir avsnittets bild i presentationen."
        if not section.offers_not_applicable:
            del self.fields["not_applicable"]


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
    """What a writer typed, as kept in a Draft: the section form's fields (no other key, not more than
    MAX_DRAFT_FIELDS of them), without characters no export or database can hold (U+0000 …)."""
    keys = [key for key in post if _DRAFT_KEY.fullmatch(key)][:MAX_DRAFT_FIELDS]
    return {key: strip_unsafe(post.get(key)) for key in keys}


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


class FrontMatterForm(forms.ModelForm):
    """The tjänsteutlåtande's first page: the controller fills it in before the report goes to the nämnd."""

    class Meta:
        model = Report
        fields = Report.FRONT_MATTER_FIELDS
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Fil (PDF, Word eller Excel)")
    title = forms.CharField(label="Rubrik i bilageförteckningen", max_length=200, required=False)


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


class DeadlinesForm(forms.Form):
    """The report's Tidsplan: the report's sista dag and, per section, an own one (empty: the report's)."""

    deadline = forms.DateField(
        label="Rapportens sista dag",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Gäller alla avsnitt som inte har en egen sista dag.",
    )

    def __init__(self, *args, report, sections, **kwargs):
        super().__init__(*args, initial={"deadline": report.deadline}, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"s{section.pk}"] = forms.DateField(
                label=f"Sista dag för {section.title}",
                required=False,
                initial=section.deadline,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def section_rows(self):
        """(section, its bound field) in document order, for the template."""
        return [(section, self[f"s{section.pk}"]) for section in self.sections]

    def section_deadlines(self) -> dict[int, object]:
        return {section.pk: self.cleaned_data[f"s{section.pk}"] for section in self.sections}


class SlideTemplateForm(forms.Form):
    file = forms.FileField(label="PowerPoint-mall (.pptx, bredbild 16:9)")
