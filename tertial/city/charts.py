"""Server-rendered SVG charts of the city-wide view (no JavaScript library). Each chart is `role="img"` with a
title naming what it shows; the page prints the same figures as a table beside it for screen readers, and every
bar carries its value and symbol as text, so that nothing is told by colour alone.

A chart is drawn once, as a `Figure` of rectangles, lines and texts; the page gets it as SVG and the exports
(Word) as a PNG of the same drawing, with the title as its alternative text."""

import io
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

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


FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
)
FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")  # DejaVu has the symbols ● ◐ ○
PNG_SCALE = 2  # pixels per SVG unit: sharp when Word prints the picture at 16 cm


@dataclass
class Figure:
    """One chart as drawing primitives in SVG units: ("rect", x, y, w, h, fill), ("text", x, y, text, anchor,
    fill), ("line", x1, y1, x2, y2, dashed)."""

    title: str
    height: int
    shapes: list = field(default_factory=list)

    def rect(self, x, y, w, h, fill):
        self.shapes.append(("rect", x, y, w, h, fill))

    def text(self, x, y, text, fill="#212529", anchor="start"):
        self.shapes.append(("text", x, y, text, anchor, fill))

    def line(self, x1, y1, x2, y2, dashed=False):
        self.shapes.append(("line", x1, y1, x2, y2, dashed))

    def svg(self, chart_id: str) -> str:
        body = []
        for kind, *args in self.shapes:
            if kind == "rect":
                x, y, w, h, fill = args
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>')
            elif kind == "text":
                x, y, text, anchor, fill = args
                anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
                body.append(f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} fill="{fill}">{escape(text)}</text>')
            else:
                x1, y1, x2, y2, dashed = args
                dash = ' stroke-dasharray="4 3"' if dashed else ""
                body.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" stroke="#212529"{dash}/>')
        return _svg(self.title, self.height, body, chart_id)

    def png(self) -> bytes:
        """The same drawing as a PNG (Pillow), for Word: white background, the texts in Liberation Sans."""
        from PIL import Image, ImageDraw

        k = PNG_SCALE
        image = Image.new("RGB", (WIDTH * k, self.height * k), "white")
        draw = ImageDraw.Draw(image)
        font = _font(12 * k)
        for kind, *args in self.shapes:
            if kind == "rect":
                x, y, w, h, fill = args
                draw.rectangle([x * k, y * k, (x + w) * k - 1, (y + h) * k - 1], fill=fill)
            elif kind == "text":
                x, y, text, anchor, fill = args
                # SVG places text by its baseline: Pillow's "ls" anchor is the left end of the baseline.
                pil_anchor = {"start": "ls", "middle": "ms", "end": "rs"}[anchor]
                draw.text((x * k, y * k), text, fill=fill, font=font, anchor=pil_anchor)
            else:
                x1, y1, x2, y2, dashed = args
                if dashed:
                    step = 7 * k
                    length = max(abs(y2 - y1), abs(x2 - x1)) * k
                    for start in range(0, int(length), step):
                        end = min(start + 4 * k, length)
                        draw.line([x1 * k, y1 * k + start, x2 * k, y1 * k + end], fill="#212529", width=k)
                else:
                    draw.line([x1 * k, y1 * k, x2 * k, y2 * k], fill="#212529", width=k)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


def _font(size: int):
    from PIL import ImageFont

    for folder in FONT_DIRS:
        for name in FONT_FILES:
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _svg(title: str, height: int, body: list[str], chart_id: str) -> str:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" class="city-chart" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def assessment_figure(matrix) -> Figure:
    """Per KF goal a bar split by bedömning: each segment its symbol and count as text."""
    columns = [c for c in matrix.goals if c.total]
    width = WIDTH - LABEL_WIDTH - 10
    most = max((c.total for c in columns), default=1) or 1
    figure = Figure("Nämndernas bedömningar per mål: helt, delvis, inte, ej bedömd", 34 + len(columns) * ROW)
    legend_y = 4
    x = LABEL_WIDTH
    for category in (HELT, DELVIS, INTE, NONE):
        figure.rect(x, legend_y, 14, 14, SEGMENT_COLOURS[category])
        figure.text(x + 18, legend_y + 12, f"{ASSESSMENT_SYMBOLS[category]} {SEGMENT_NAMES[category]}")
        x += 110
    for index, column in enumerate(columns):
        y = 28 + index * ROW
        figure.text(LABEL_WIDTH - 6, y + 16, _short(f"{column.goal.number} {column.goal.text}"), anchor="end")
        x = LABEL_WIDTH
        for category in (HELT, DELVIS, INTE, NONE):
            n = column.counts[category]
            if not n:
                continue
            w = width * n / most
            figure.rect(x, y + 3, w, ROW - 6, SEGMENT_COLOURS[category])
            if w >= 26:
                figure.text(x + w / 2, y + 16, f"{ASSESSMENT_SYMBOLS[category]} {n}", fill="#fff", anchor="middle")
            x += w
    return figure


def assessment_chart(matrix, chart_id: str = "chart-bedomningar") -> str:
    return assessment_figure(matrix).svg(chart_id)


@dataclass
class Bar:
    label: str
    value: Decimal | None


def bar_figure(title: str, bars: list[Bar], *, decimals: int = 1, unit: str = "", target=None) -> Figure:
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
    figure = Figure(title, len(bars) * ROW + 24)
    figure.line(zero, 0, zero, len(bars) * ROW + 4)
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        figure.text(LABEL_WIDTH - 6, y + 16, _short(bar.label), anchor="end")
        if bar.value is None:
            figure.text(zero + 4, y + 16, "uppgift saknas")
            continue
        end = x_of(bar.value)
        x, w = min(zero, end), abs(end - zero)
        figure.rect(x, y + 4, max(w, 1), ROW - 8, NEGATIVE if bar.value < 0 else POSITIVE)
        text = format_number(bar.value, decimals, unit)
        if bar.value < 0:
            figure.text(x - 4, y + 16, text, anchor="end")
        else:
            figure.text(x + w + 4, y + 16, text)
    if target is not None:
        tx = x_of(target)
        figure.line(tx, 0, tx, len(bars) * ROW + 4, dashed=True)
        figure.text(tx + 4, len(bars) * ROW + 18, f"årsmål {format_number(target, decimals, unit)}")
    return figure


def bar_chart(title: str, bars: list[Bar], *, decimals: int = 1, unit: str = "", chart_id: str, target=None) -> str:
    return bar_figure(title, bars, decimals=decimals, unit=unit, target=target).svg(chart_id)


def deviation_figure(economy) -> Figure:
    """The Ekonomi page's chart: each nämnd's forecast deviation (`selectors.city_economy`)."""
    return bar_figure("Avvikelse per nämnd, mnkr", [Bar(r.label, r.deviation) for r in economy.namnder], unit="mnkr")
