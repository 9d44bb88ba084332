"""Small rendering helpers of the city-wide view."""

from django import template

from tertial.numbers import format_percent

register = template.Library()


@register.filter
def percent(value) -> str:
    """`1,9 %`: a share with one decimal."""
    return format_percent(value, 1)
