"""Template helpers: stored text rendered only through `tertial.richtext.to_html`, numbers through `tertial.numbers`."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from indicators.table import figure_text
from indicators.table import target as indicator_target

from .. import richtext as richtext_module
from ..numbers import format_number

register = template.Library()

_STATE_CLASSES = {
    "faststalld": "text-bg-success",
    "godkand": "text-bg-success",
    "under_granskning": "text-bg-primary",
    "klar": "text-bg-primary",
    "aterremitterad": "text-bg-danger",
}


@register.filter
def state_class(value) -> str:
    """Badge colours of a review state or report status (Bootstrap's text-bg-* keep the contrast)."""
    return _STATE_CLASSES.get(value, "text-bg-secondary")


@register.filter
def plaintext(value) -> str:
    """A text's words without its markup (a list or table's short preview): `<p>Sammanfatta …</p>` reads
    `Sammanfatta …`."""
    return richtext_module.plain_text(value or "").replace("\n", " ")


@register.filter
def richtext(value, heading_level=3):
    return richtext_module.to_html(value or "", heading_level=int(heading_level or 3))


@register.filter
def sublevel(level, steps=1):
    """The heading level `steps` below `level` (a section's own heading; none: the section page's h1), at most 6
    (HTML has no h7): a print view's nämndmål at h5 has its parts at h6."""
    return min(int(level or 1) + int(steps), 6)


@register.simple_tag
def richtext_widget(field, rows=None):
    """The editor's textarea of a rich-text BoundField, described by its help and errors (`_editor.html`)."""
    field_id = field.id_for_label
    described = f"{field_id}-hjalp" + (f" {field_id}-fel" if field.errors else "")
    attrs = {"aria-describedby": described, "data-label": f"{field_id}-etikett"}
    if rows:
        attrs["rows"] = rows
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["class"] = "form-control richtext-input is-invalid"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def user_options(context, choices, selected_id):
    """The `<option>`s of a person picker, one per (id, name) of `choices`, `selected_id` selected.

    The overview has a picker per section with the same people: their options are escaped once per page render,
    and each picker only marks its own choice."""
    # Kept on the Context object, which every {% include %} of one render shares (each included template gets a
    # render_context of its own).
    built = context.__dict__.setdefault("_tertial_user_options", {})
    entry = built.get(id(choices))
    if entry is None or entry[0] is not choices:  # the id of a tuple that has gone could be reused
        options = [(pk, format_html('<option value="{}">{}</option>', str(pk), name)) for pk, name in choices]
        entry = built[id(choices)] = (choices, options, [o.replace(">", " selected>", 1) for _pk, o in options])
    _choices, options, selected = entry
    return mark_safe("".join(selected[i] if pk == selected_id else option for i, (pk, option) in enumerate(options)))


@register.simple_tag
def richtext_media(kind):
    """The editor's styles ("css", in the head) or script ("js"), once per page."""
    from ..fields import RichTextWidget

    media = RichTextWidget().media
    return mark_safe("\n".join(media.render_css() if kind == "css" else media.render_js()))


@register.filter
def number(value, indicator=None):
    """A computed figure (a city-wide mean) rounded to the indicator's decimals, with its unit: `1,9 %`."""
    if indicator is None:
        return format_number(value)
    return format_number(value, indicator.decimals, indicator.unit)


@register.filter
def figure(value, indicator):
    """A stored figure of an indicator, written as every document writes it (`indicators.table.figure_text`)."""
    return figure_text(value, indicator)


@register.filter
def target(indicator, kind="nämnd"):
    """Årsmål or KF:s årsmål as the documents print it: the number with its unit, else the text (`Öka`)."""
    value = indicator_target(indicator, kf=kind == "kf")
    return figure_text(value, indicator) if isinstance(value, Decimal) else value


@register.filter
def person(user) -> str:
    if user is None:
        return "Ingen"
    return user.get_full_name() or user.username
