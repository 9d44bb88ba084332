"""Form fields of the pages: numbers typed the Swedish way, and the textarea of the stored text format."""

from decimal import Decimal

from django import forms

from .numbers import NumberParseError, format_number, parse_number

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
