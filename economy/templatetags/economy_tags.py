"""Rendering helpers for the economy tables: Swedish numbers in the table's unit, narratives as safe HTML."""

from decimal import Decimal

from django import template

from economy.tables import Table
from tertial.numbers import format_number
from tertial.richtext import to_html

register = template.Library()


@register.filter
def cell(value):
    """An amount with one decimal (mnkr and tkr alike), text as it is, empty for an empty cell."""
    if isinstance(value, Decimal):
        return format_number(value, 1)
    return "" if value is None else str(value)


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
