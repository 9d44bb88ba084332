"""Template helpers: stored text rendered only through `tertial.richtext.to_html`, numbers through `tertial.numbers`."""

from decimal import Decimal

from django import template

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
def richtext(value, heading_level=3):
    return richtext_module.to_html(value or "", heading_level=int(heading_level or 3))


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
