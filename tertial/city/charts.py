"""Server-rendered SVG charts of the city-wide view (no JavaScript library). Each chart is `role="img"` with a
title naming what it shows; the page prints the same figures as a table beside it for screen readers, and every
bar carries its value and symbol as text, so that nothing is told by colour alone."""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe

from tertial.numbers import format_number

from .selectors import ASSESSMENT_SYMBOLS, DELVIS, HELT, INTE, NONE

ROW = 24
LABEL_WIDTH = 190
WIDTH = 720
# Colours with a 3:1 contrast against white, each segment also labelled with its symbol and count.
SEGMENT_COLOURS = {HELT: "#1b6e3a", DELVIS: "#8a5a00", INTE: "#a4262c", NONE: "#5c5c5c"}
SEGMENT_NAMES = {HELT: "helt", DELVIS: "delvis", INTE: "inte", NONE: "ej bedömd"}
POSITIVE, NEGATIVE = "#1b5e9e", "#a4262c"


def _svg(title: str, height: int, body: list[str], chart_id: str) -> str:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" class="city-chart" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _label(y: int, text: str) -> str:
    short = text if len(text) <= 30 else text[:29] + "…"
    return f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" fill="#212529">{escape(short)}</text>'


def assessment_chart(matrix, chart_id: str = "chart-bedomningar") -> str:
    """Per KF goal a bar split by bedömning: each segment its symbol and count as text."""
    columns = [c for c in matrix.goals if c.total]
    width = WIDTH - LABEL_WIDTH - 10
    most = max((c.total for c in columns), default=1) or 1
    body = []
    legend_y = 4
    x = LABEL_WIDTH
    for category in (HELT, DELVIS, INTE, NONE):
        body.append(f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{SEGMENT_COLOURS[category]}"/>')
        body.append(
            f'<text x="{x + 18}" y="{legend_y + 12}" fill="#212529">'
            f"{ASSESSMENT_SYMBOLS[category]} {SEGMENT_NAMES[category]}</text>"
        )
        x += 110
    for index, column in enumerate(columns):
        y = 28 + index * ROW
        body.append(_label(y, f"{column.goal.number} {column.goal.text}"))
        x = LABEL_WIDTH
        for category in (HELT, DELVIS, INTE, NONE):
            n = column.counts[category]
            if not n:
                continue
            w = width * n / most
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" fill="{SEGMENT_COLOURS[category]}"/>'
            )
            if w >= 26:
                body.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle" fill="#fff">'
                    f"{ASSESSMENT_SYMBOLS[category]} {n}</text>"
                )
            x += w
    title = "Nämndernas bedömningar per mål: helt, delvis, inte, ej bedömd"
    return _svg(title, 34 + len(columns) * ROW, body, chart_id)


@dataclass
class Bar:
    label: str
    value: Decimal | None


def bar_chart(title: str, bars: list[Bar], *, decimals: int = 1, unit: str = "", chart_id: str, target=None) -> str:
    """Horizontal bars from a zero line (negative to the left), the value printed at each bar's end; `target` a
    dashed line (an årsmål)."""
    values = [b.value for b in bars if b.value is not None] + ([target] if target is not None else [])
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    left = LABEL_WIDTH + (80 if low < 0 else 6)  # room for a negative bar's value text
    plot = WIDTH - left - 85  # and for a positive one's

    def x_of(value) -> float:
        return left + float((value - low) / span) * plot

    zero = x_of(Decimal(0))
    body = [f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{len(bars) * ROW + 4}" stroke="#212529"/>']
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        body.append(_label(y, bar.label))
        if bar.value is None:
            body.append(f'<text x="{zero + 4:.1f}" y="{y + 16}" fill="#212529">uppgift saknas</text>')
            continue
        end = x_of(bar.value)
        x, w = min(zero, end), abs(end - zero)
        colour = NEGATIVE if bar.value < 0 else POSITIVE
        body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{max(w, 1):.1f}" height="{ROW - 8}" fill="{colour}"/>')
        text = escape(format_number(bar.value, decimals, unit))
        anchor, tx = ("end", x - 4) if bar.value < 0 else ("start", x + w + 4)
        body.append(f'<text x="{tx:.1f}" y="{y + 16}" text-anchor="{anchor}" fill="#212529">{text}</text>')
    if target is not None:
        tx = x_of(target)
        body.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="0" y2="{len(bars) * ROW + 4}" stroke="#212529" '
            f'stroke-dasharray="4 3"/>'
        )
        body.append(
            f'<text x="{tx + 4:.1f}" y="{len(bars) * ROW + 18}" fill="#212529">'
            f"årsmål {escape(format_number(target, decimals, unit))}</text>"
        )
    return _svg(title, len(bars) * ROW + 24, body, chart_id)
