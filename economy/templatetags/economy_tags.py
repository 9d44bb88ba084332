"""Rendering helpers for the economy tables: Swedish numbers in the table's unit, narratives as safe HTML."""

from decimal import Decimal

from django import template

from economy.tables import Table
from economy.tables.base import Typed
from tertial.numbers import format_number, format_typed
from tertial.richtext import to_html

register = template.Library()


@register.filter
def cell(value):
    """An amount with one decimal (mnkr and tkr alike), a typed amount with the decimals typed (`Typed`: 1,25),
    text as it is, empty for an empty cell."""
    if isinstance(value, Typed):
        return format_typed(value)
    if isinstance(value, Decimal):
        return format_number(value, 1)
    return "" if value is None else str(value)


@register.filter
def typed(value):
    """A typed amount (a budgetjustering) with one decimal or every further one typed: 1,25, never 1,3."""
    return "" if value is None else format_typed(value)


@register.filter
def is_text(value) -> bool:
    """A text cell (Avser: a verksamhetsområde's name), which may wrap; figures never do."""
    return isinstance(value, str)


@register.filter
def is_table(part) -> bool:
    return isinstance(part, Table)


@register.filter
def richtext(text):
    return to_html(text, heading_level=4)


@register.filter
def is_negative(value) -> bool:
    return isinstance(value, Decimal) and value < 0


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
