"""The tables of the economy's edit pages: one form per row, built for every catalogue entry without writing
anything (a missing row is an unsaved instance until somebody types a figure into it), and what a save collects."""

from .models import CapitalCost, CostTypeRow, DriftSummary, InvestmentRow


class RowGroup:
    """One table of an edit page: a caption, one form per row; a save takes the rows whose form changed.

    `empty_fields`: a changed row whose figures are all empty is deleted (or never created), so a table nobody
    filled in does not appear in the report (Kapitalkostnader, the Kostnader/Intäkter summary)."""

    partial = "economy/_rows_table.html"

    def __init__(self, title, forms, *, empty_fields=None, partial=None):
        self.title = title
        self.forms = list(forms)
        self.empty_fields = empty_fields
        if partial:
            self.partial = partial

    @property
    def headers(self):
        form = self.forms[0] if self.forms else None
        return [f.label for f in form.visible_fields()] if form else []

    @property
    def has_row_labels(self):
        return bool(self.forms) and bool(self.forms[0].label_attr or self.forms[0].row_label)

    def is_valid(self):
        return True

    def non_form_errors(self):
        return []

    def collect(self, report, rows, deleted, empty):
        for form in self.forms:
            if form.has_changed():
                rows.append(form.instance)
                if self.empty_fields:
                    empty.append((form.instance, self.empty_fields))


class FormsetGroup(RowGroup):
    """Rows the controller adds and removes (Resultatenheter, Balansräkning)."""

    partial = "economy/_formset_table.html"

    def __init__(self, title, formset):
        super().__init__(title, formset.forms)
        self.formset = formset

    @property
    def headers(self):
        return [f.label for f in self.formset.empty_form.visible_fields()]

    def is_valid(self):
        return self.formset.is_valid()

    def non_form_errors(self):
        return self.formset.non_form_errors()

    def collect(self, report, rows, deleted, empty):
        for form in self.formset.forms:
            if form in self.formset.deleted_forms:
                if form.instance.pk:
                    deleted.append(form.instance)
            elif form.has_changed():
                form.instance.report = report
                rows.append(form.instance)


class NewCostTypeGroup(RowGroup):
    """Kostnadsslag added on the Resultaträkning page: a catalogue entry and the report's row, saved together."""

    def collect(self, report, rows, deleted, empty):
        from .models import CostType

        for form in self.forms:
            if not form.has_changed():
                continue
            cd = form.cleaned_data
            cost_type = CostType(
                namnd_id=report.namnd_id,
                year=report.period.year,
                name=cd["name"].strip(),
                kind=cd["kind"],
                position=1000 + len(rows),
            )
            figures = {f: cd[f] for f in ("budget_previous", "outcome_previous", "budget", "outcome")}
            rows += [cost_type, CostTypeRow(report=report, cost_type=cost_type, **figures)]


def catalogue_rows(report, model, key, catalogue, existing):
    """An instance per catalogue entry: the saved row, or an unsaved one (nothing is written on a GET)."""
    rows = []
    for entry in catalogue:
        row = existing.get(entry.id)
        if row is None:
            row = model(report=report, **{key: entry})
        else:
            setattr(row, key, entry)  # the row's label is its entry's name: no query per row to fetch it
        rows.append(row)
    return rows


SUMMARY_FIELDS = [
    "cost_budget",
    "cost_change",
    "cost_forecast",
    "income_budget",
    "income_change",
    "income_forecast",
]
CAPITAL_FIELDS = ["budget", "booked", "forecast"]


def drift_summary(report):
    return DriftSummary.objects.filter(report=report).first() or DriftSummary(report=report)


def investment_rows(report, categories):
    existing = {r.category_id: r for r in InvestmentRow.objects.filter(report=report)}
    return catalogue_rows(report, InvestmentRow, "category", categories, existing)


def capital_costs(report):
    existing = {c.kind: c for c in CapitalCost.objects.filter(report=report)}
    return [existing.get(kind.value) or CapitalCost(report=report, kind=kind.value) for kind in CapitalCost.Kind]
