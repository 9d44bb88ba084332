"""Template helpers: stored text rendered only through `tertial.richtext.to_html`, numbers through `tertial.numbers`."""

from django import template

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
def richtext(value, heading_level=3):
    return richtext_module.to_html(value or "", heading_level=int(heading_level or 3))


@register.filter
def number(value, indicator=None):
    """A figure with the indicator's decimals and unit: `1,9 %`, `9 000 st`."""
    if indicator is None:
        return format_number(value)
    return format_number(value, indicator.decimals, indicator.unit)


@register.filter
def target(indicator, kind="nämnd"):
    """Årsmål or KF:s årsmål: the number with its unit, else the text (`Öka`, `Tas fram av nämnd`)."""
    value, text = (
        (indicator.kf_target_value, indicator.kf_target_text)
        if kind == "kf"
        else (indicator.target_value, indicator.target_text)
    )
    if value is not None:
        return format_number(value, indicator.decimals, indicator.unit)
    return text


@register.filter
def person(user) -> str:
    if user is None:
        return "Ingen"
    return user.get_full_name() or user.username


@register.simple_tag
def indicator_period(indicator, report) -> str:
    """The Period column: `Tertial 2 2022`, `Halvår 1 2022`, or the bare year of an annual indicator."""
    year = report.period.year
    if indicator.period_kind == "ar":
        return str(year)
    if indicator.period_kind == "halvar":
        return f"Halvår {1 if report.period.kind != 'VB' else 2} {year}"
    return "Helår " + str(year) if report.period.kind == "VB" else report.period.label
