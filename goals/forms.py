"""Forms of the year set-up pages: upload a file, confirm a previewed import."""

from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excelfil (.xlsx) enligt mallen",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )


class KfUploadForm(UploadForm):
    year = forms.IntegerField(
        label="Budgetår", min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control"})
    )


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    remove_missing = forms.BooleanField(
        label="Ta också bort raderna som saknas i filen",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class CopyYearForm(forms.Form):
    year = forms.IntegerField(min_value=2001, max_value=2100, widget=forms.HiddenInput)
