"""Fields: numbers typed the Swedish way, and the rich texts (`tertial.richtext`) with their editor."""

import json
from decimal import Decimal

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget
from js_asset import Media, Script

from . import richtext
from .numbers import NumberParseError, format_number, parse_number

MAX_WHOLE_DIGITS = 14  # the model's DecimalField(max_digits=18, decimal_places=4)


class SwedishDecimalField(forms.Field):
    """A number typed the Swedish way; shown back the same way (`2 091,5`). For a figure of an `indicator`, the
    unit may follow the number (`146 st`); which values the unit allows is the model's rule (`indicators.units`)."""

    def __init__(self, *, indicator=None, **kwargs):
        self.indicator = indicator
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            if self.indicator is not None and value is not None:
                from indicators.units import strip_typed_unit

                value = strip_typed_unit(self.indicator, value)
            number = parse_number(value, allow_percent=self.indicator is None)
        except (NumberParseError, ValueError) as error:
            raise forms.ValidationError(str(error), code="invalid") from None
        if number is None:
            return None
        sign, digits, exponent = number.as_tuple()
        if exponent < -4:
            raise forms.ValidationError("Skriv högst fyra decimaler.", code="decimals")
        if len(digits) + min(exponent, 0) > MAX_WHOLE_DIGITS:
            raise forms.ValidationError("Talet är för stort.", code="max_digits")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value)
        return value


class RichTextWidget(ProseEditorWidget):
    """django-prose-editor's textarea, started by our own module (static/js/prose.js) instead of its preset: no
    inline import map or style tag, which the Content Security Policy refuses; Swedish labels; Word's paste."""

    def __init__(self, rows=8, attrs=None):
        attrs = {"rows": rows, "class": "form-control richtext-input"} | (attrs or {})
        super().__init__(attrs=attrs, config={"extensions": richtext.EDITOR_EXTENSIONS}, preset="configurable")

    def get_context(self, name, value, attrs):
        # As ProseEditorWidget's, with the editor's configuration serialized once per process, not per field.
        context = forms.Textarea.get_context(self, name, value, attrs)
        context["widget"]["attrs"][f"data-django-prose-editor-{self.preset}"] = _editor_config_json(self)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        """The textarea as Django's `django/forms/widgets/textarea.html` writes it, in Python: a goal page has one
        editor per indicator and activity, and the form renderer's two templates per field were a third of the
        page's time. tests/tertial/test_page_speed.py compares the two."""
        widget = self.get_context(name, value, attrs)["widget"]
        attributes = "".join(
            f" {key}" if given is True else f' {key}="{conditional_escape(given)}"'
            for key, given in widget["attrs"].items()
            if given is not False
        )
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(f'<textarea name="{conditional_escape(widget["name"])}"{attributes}>\n{text}</textarea>')

    @property
    def media(self):
        return Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "css/prose.css",
                ]
            },
            js=[Script("js/prose.js", defer=True)],
        )


_editor_config = {}


def _editor_config_json(widget) -> str:
    key = (type(widget), widget.preset)  # every RichTextWidget has the same configuration (EDITOR_EXTENSIONS)
    if key not in _editor_config:
        _editor_config[key] = json.dumps(widget.get_config(), separators=(",", ":"), cls=DjangoJSONEncoder)
    return _editor_config[key]


class RichTextFormField(ProseEditorFormField):
    """A rich text in a form: the editor, and on the server `richtext.clean` (the one sanitizer)."""

    def __init__(self, *args, rows=8, **kwargs):
        for unused in ("max_length", "widget", "config", "extensions", "sanitize", "preset"):
            kwargs.pop(unused, None)
        kwargs.setdefault("required", False)
        super().__init__(*args, widget=RichTextWidget(rows=rows), sanitize=richtext.clean, **kwargs)

    def has_changed(self, initial, data):
        # An untouched text posted back by the editor differs only in how it is written, not in what it says.
        return richtext.clean(initial or "") != richtext.clean(data or "")


class RichTextField(models.TextField):
    """A rich text in the database: whatever writes it (page, admin, import, command, bulk_create), what is stored
    is `richtext.clean` of it. A TextField in migrations."""

    def pre_save(self, model_instance, add):
        value = richtext.clean(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return RichTextFormField(
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            required=not self.blank,
            help_text=self.help_text,
        )

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


# The earlier name, for the forms that set the widget themselves.
RichTextarea = RichTextWidget
