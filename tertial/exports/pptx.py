"""The slide deck for the nämnd meeting, as the seed decks do it: title, overview of the inriktningsmål and their
bedömningar, a divider per inriktningsmål (its bedömning in words), its narrative bullets with sub-bullets (from
`Section.presentation_summary`, else the first sentences of its analysis), optional KF goal slides, an economy
headline slide and the economy per verksamhetsområde with a TOTALT computed from the data.

The deck starts from base.pptx (make_base_pptx.py), the city's neutral look, not python-pptx's white default.

Placeholders the deck does not fill are removed, so no template instruction ("Klicka för att lägga till …") can
ever reach a slide.
"""

import io
import math
import re

from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from indicators.table import indicator_columns, indicator_headings

from .. import richtext
from ..checks.counts import actual_counts, sentence_for
from ..models import Period
from ..numbers import format_mnkr
from ..textfigures import display_rows
from ..textsafety import strip_unsafe
from .make_base_pptx import LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TITLE, LAYOUT_TITLE_ONLY
from .properties import document_date, replace_app_properties, set_document_properties
from .selectors import GoalItem, ReportData
from .slide_templates import deck_source, layouts_of

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.4), Inches(1.2)
BODY_TOP = Inches(1.8)
# A slide holds about this much before the text runs off the bottom at 20 pt.
MAX_ITEMS, MAX_CHARS = 8, 700

# Indicator names wrap over three or four lines in their column at 11 pt.
INDICATOR_ROWS_PER_SLIDE = 5
# A table typed in a text, at 14 pt: rows of a line or two each.
TEXT_TABLE_ROWS_PER_SLIDE = 10

# Narrative bullets taken from an analysis: at most this many, each its paragraph's first sentence.
ANALYSIS_POINTS, SUB_POINTS = 6, 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _remove_empty_placeholders(slide) -> None:
    for shape in list(slide.placeholders):
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


def _remove_slides(prs) -> None:
    """Drop every slide the template came with (python-pptx has no API for it: the id list and the relation)."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _no_bullet(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    p_pr.insert(0, p_pr.makeelement(qn("a:buNone"), {}))


def _marked(runs) -> str:
    """Runs as one line with `**bold**` (what `richtext.runs` reads back when the line is written)."""
    return "".join(f"**{r.text.strip()}**" if r.bold and r.text.strip() else r.text for r in runs).strip()


def _blocks_to_items(text: str) -> list[tuple]:
    """(kind, text) per line on a slide: `heading`, `bullet`, `sub` (a sub-bullet) or `paragraph`. A list's second
    level is sub-bullets; a paragraph followed by a list is a bullet with the list as its sub-bullets, as the decks
    write a point and its facts. A table is one item `("table", rows)`: `_Deck.write_slides` prints it as a
    real table on slides of its own, its first row the header row."""
    items = []

    def add_list(block, top):
        for item in block.list_items:
            items.append((top, _marked(item.runs)))
            for child in item.children:
                add_list(child, "sub")

    blocks = richtext.parse(text)
    for index, block in enumerate(blocks):
        if block.is_list:
            add_list(block, "sub" if index > 0 and blocks[index - 1].kind == "paragraph" else "bullet")
        elif block.kind == "paragraph" and index + 1 < len(blocks) and blocks[index + 1].is_list:
            items.append(("bullet", _marked(block.runs)))
        elif block.kind == "table":
            items.append(("table", block.rows))
        else:
            items.append((block.kind, _marked(block.runs)))
    return items


def _segments(items: list[tuple]) -> list[tuple[str, list]]:
    """Split the lines of a text at its tables: ("text", lines) and ("table", rows), in the text's order."""
    segments: list[tuple[str, list]] = []
    for kind, value in items:
        if kind == "table":
            segments.append(("table", value))
        elif segments and segments[-1][0] == "text":
            segments[-1][1].append((kind, value))
        else:
            segments.append(("text", [(kind, value)]))
    return segments


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (`Antal hushåll … minska.`), the whole paragraph if it has one."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def analysis_points(text: str) -> list[tuple[str, str]]:
    """Narrative bullets from an analysis, for a goal whose writer wrote nothing for the slides: each subheading
    a bullet with the first sentences of its paragraphs as sub-bullets (a subheading with nothing under it is
    left out); each paragraph before any subheading a bullet of its first sentence. The report's own words,
    shortened, never a template text."""
    groups: list[tuple[str | None, list[str]]] = [(None, [])]
    for block in richtext.parse(text):
        if block.kind == "heading":
            groups.append((block.text, []))
        elif block.is_list:
            groups[-1][1].extend(block.items)
        elif block.kind == "paragraph":  # a table's figures are no narrative point
            groups[-1][1].append(first_sentence(block.text))
    points: list[tuple[str, str]] = []
    for title, lines in groups:
        if title is None:
            points.extend(("bullet", line) for line in lines)
        elif lines:
            points.append(("bullet", title))
            points.extend(("sub", line) for line in lines[:SUB_POINTS])
    # At most ANALYSIS_POINTS bullets, each with its sub-bullets.
    kept, bullets = [], 0
    for kind, line in points:
        bullets += kind == "bullet"
        if bullets > ANALYSIS_POINTS:
            break
        kept.append((kind, line))
    return kept


def _chunks(items: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split a goal's lines evenly over as few slides as hold them; a heading stays with what follows it."""
    if not items:
        return []
    chars = sum(len(text) for _, text in items)
    slides = max(math.ceil(len(items) / MAX_ITEMS), math.ceil(chars / MAX_CHARS))
    per_slide = math.ceil(len(items) / slides)
    chunks, current = [], []
    for kind, text in items:
        if len(current) >= per_slide:
            carry = [current.pop()] if current[-1][0] == "heading" else []
            if current:
                chunks.append(current)
            current = carry
        current.append((kind, text))
    chunks.append(current)
    return chunks


class _Deck:
    def __init__(self, data: ReportData):
        self.data = data
        self.report = data.report
        # The template the report was fastställd with, or the nämnd's own (checked when uploaded), or the city's look.
        self.prs = Presentation(deck_source(self.report))
        self.layouts = layouts_of(self.prs)
        _remove_slides(self.prs)  # a template's own example slides are no part of the report's deck

    def slide(self, title: str, layout: int = LAYOUT_TITLE_ONLY):
        slide = self.prs.slides.add_slide(self.layouts[layout])
        slide.shapes.title.text = strip_unsafe(title)
        _place(slide.shapes.title, MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT)
        title_frame = slide.shapes.title.text_frame
        title_frame.word_wrap = True
        for paragraph in title_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
        return slide

    def body(self, slide):
        """The content placeholder of a Title and Content slide, placed for 16:9."""
        body = slide.placeholders[1]
        _place(body, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - Inches(0.5))
        body.text_frame.word_wrap = True
        return body.text_frame

    def write_items(self, frame, items: list[tuple[str, str]], size: int = 20) -> None:
        first = True
        for kind, text in items:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            if kind == "sub":
                paragraph.level = 1
            for part, bold in richtext.runs(text):
                run = paragraph.add_run()
                run.text = strip_unsafe(part)
                run.font.size = Pt(size - 3 if kind == "sub" else size)
                run.font.bold = bold or kind == "heading"
            if kind not in ("bullet", "sub"):
                _no_bullet(paragraph)
            paragraph.space_after = Pt(4 if kind == "sub" else 8)

    # -- slides ---------------------------------------------------------------------------------------------

    def title_slide(self) -> None:
        report = self.report
        slide = self.prs.slides.add_slide(self.layouts[LAYOUT_TITLE])
        slide.shapes.title.text = strip_unsafe(report.title)
        _place(slide.shapes.title, MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1.6))
        subtitle = slide.placeholders[1]
        _place(subtitle, MARGIN, Inches(3.8), WIDTH - 2 * MARGIN, Inches(1.6))
        subtitle.text_frame.text = strip_unsafe(f"{report.namnd.name}\n{document_date(report)}")
        if not report.is_locked:
            subtitle.text_frame.add_paragraph().text = "UTKAST"

    def overview_slide(self) -> None:
        slide = self.slide("Måluppfyllelse kommunfullmäktiges inriktningsmål", LAYOUT_CONTENT)
        frame = self.body(slide)
        items = [
            ("paragraph", f"**{g.goal.number}. {g.goal.text}**" + (f" – {g.assessment_label}" if g.assessed else ""))
            for g in self.data.inriktningsmal
        ]
        items.extend(("paragraph", sentence) for sentence in self.count_sentences())
        self.write_items(frame, items, size=22)

    def count_sentences(self) -> list[str]:
        """The count sentences computed from the bedömningar, by the same builder the checks and the
        Sammanfattande analys use, so the slides cannot say other numbers than the report."""
        sections = [g.section for g in self.data.goals]
        return [s for s in (sentence_for(level, actual_counts(sections, level)) for level in (2, 3)) if s]

    def divider_slide(self, item: GoalItem) -> None:
        """A section divider per inriktningsmål: its number and text, the bedömning in words beneath (never in
        a title), and how its KF goals are assessed."""
        goal = item.goal
        slide = self.prs.slides.add_slide(self.layouts[LAYOUT_SECTION])
        slide.shapes.title.text = strip_unsafe(f"{goal.number}. {goal.text}")
        _place(slide.shapes.title, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(2.4))
        slide.shapes.title.text_frame.word_wrap = True
        lines = []
        if item.assessed:  # an inriktningsmål of a year without its bedömning gets only its KF goals' sentence
            lines.append(
                f"Bedömning: {item.assessment_label.lower()}" if item.section.assessment else "Ingen bedömning"
            )
        children = [g for g in self.data.goals if g.goal.parent_id == goal.id]
        if children:
            lines.append(_assessment_sentence(children))
        text = slide.placeholders[1]
        _place(text, MARGIN, Inches(4.3), WIDTH - 2 * MARGIN, Inches(1.8))
        text.text_frame.text = strip_unsafe("\n".join(lines))
        for paragraph in text.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(22)

    def goal_slides(self, item: GoalItem) -> None:
        goal = item.goal
        items = _blocks_to_items(item.section.presentation_summary) or analysis_points(item.section.analysis)
        if not items:
            # Nothing written at all: the goal's own follow-up, never a template text.
            children = [g for g in self.data.goals if g.goal.parent_id == goal.id]
            items = [("bullet", f"{c.goal.number} {c.goal.text}: {c.assessment_label.lower()}") for c in children]
        self.write_slides(f"{goal.number}. {goal.text}", items)

    def kf_goal_slides(self, item: GoalItem) -> None:
        """Optional: a KF goal whose writer wrote a summary for the presentation gets its slide, then its
        indicators in the document's columns (indicators.table), as many rows a slide as fit."""
        goal = item.goal
        items = _blocks_to_items(item.section.presentation_summary)
        if not items:
            return
        self.write_slides(f"{goal.number} {goal.text}", items)
        rows = [row.cells() for row in item.indicators]
        for index in range(0, len(rows), INDICATOR_ROWS_PER_SLIDE):
            title = f"Indikatorer {goal.number}" + (" (forts.)" if index else "")
            self.table_slide(
                title,
                indicator_headings(self.report.period.year),
                rows[index : index + INDICATOR_ROWS_PER_SLIDE],
                [c.word_cm for c in indicator_columns()],
            )

    def write_slides(self, title: str, items: list[tuple]) -> None:
        """A text's lines on as few slides as hold them, titled `title` (then `title (forts.)`); each table in it
        a real table on slides of its own, where it stands in the text, its header row on each of them."""
        slides = 0

        def next_title():
            nonlocal slides
            slides += 1
            return title + (" (forts.)" if slides > 1 else "")

        for kind, value in _segments(items):
            if kind == "text":
                for chunk in _chunks(value):
                    self.write_items(self.body(self.slide(next_title(), LAYOUT_CONTENT)), chunk)
                continue
            value = display_rows(value)  # figures the Swedish way, as in Word
            header, *rows = value
            weights = [max(4, *(len(row[i]) for row in value)) for i in range(len(header))]
            for index in range(0, max(len(rows), 1), TEXT_TABLE_ROWS_PER_SLIDE):
                part = rows[index : index + TEXT_TABLE_ROWS_PER_SLIDE]
                self.table_slide(next_title(), header, part, weights, size=14, right=richtext.is_figure)

    def table_slide(
        self, title: str, header: list[str], rows: list[list[str]], weights: list[float], *, size=11, right=None
    ) -> None:
        """A table with a header row, columns as wide as `weights` say, figures right-aligned (every column but
        the first, or the cells `right(text)` says are figures)."""
        slide = self.slide(title)
        width = WIDTH - 2 * MARGIN
        height = min(Inches(0.5) * (len(rows) + 1), HEIGHT - BODY_TOP - Inches(0.4))
        table = slide.shapes.add_table(len(rows) + 1, len(header), MARGIN, BODY_TOP, width, height).table
        total = sum(weights)
        for column, weight in zip(table.columns, weights, strict=True):
            column.width = Emu(int(width * weight / total))
        for row_index, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for col_index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                cell.text = strip_unsafe(text)
                paragraph = cell.text_frame.paragraphs[0]
                if (right(text) if right and row_index else col_index) and col_index:
                    paragraph.alignment = PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = row_index == 0

    def text_slides(self) -> None:
        """A slide per text section that the year's template puts in the presentation, from its summary."""
        for items in self.data.chapters.values():
            for item in items:
                for section in [item.section, *item.children]:
                    if section.on_slides:
                        self.write_slides(section.title, _blocks_to_items(section.presentation_summary))

    def economy_headline_slide(self) -> None:
        """The economy in one sentence for the nämnd, then the areas that move the result most."""
        areas, (total_budget, total_deviation) = self.data.areas, self.data.area_total
        if not areas:
            return
        period = self.report.period
        label = "Bokslut" if period.kind == Period.Kind.VB else f"Prognos {period.kind}"
        slide = self.slide(f"Ekonomi: {label} visar {_deviation_words(total_deviation)}", LAYOUT_CONTENT)
        forecast = (total_budget or 0) - (total_deviation or 0)
        items = [
            (
                "bullet",
                f"Budget {format_mnkr(total_budget, unit=True)}, {label} {format_mnkr(forecast, unit=True)}",
            ),
            ("bullet", f"Avvikelse {format_mnkr(total_deviation, unit=True)} ({_deviation_words(total_deviation)})"),
        ]
        moving = sorted((a for a in areas if a[2]), key=lambda a: -abs(a[2]))[:3]
        if moving:
            items.append(("bullet", "Störst avvikelse mot budget:"))
            items.extend(("sub", f"{name}: {_deviation_words(deviation)}") for name, _, deviation in moving)
        self.write_items(self.body(slide), items, size=22)

    def economy_slide(self) -> None:
        areas, (total_budget, total_deviation) = self.data.areas, self.data.area_total
        if not areas:
            return
        period = self.report.period
        slide = self.slide("Ekonomi per verksamhetsområde")
        rows, cols = len(areas) + 2, 3
        top = BODY_TOP
        height = min(Inches(0.4) * rows, HEIGHT - top - Inches(0.4))
        shape = slide.shapes.add_table(rows, cols, MARGIN, top, WIDTH - 2 * MARGIN, height)
        table = shape.table
        table.columns[0].width = Emu(int((WIDTH - 2 * MARGIN) * 0.6))
        table.columns[1].width = table.columns[2].width = Emu(int((WIDTH - 2 * MARGIN) * 0.2))
        label = "bokslut" if period.kind == Period.Kind.VB else f"prognos {period.kind}"
        values = [("Mnkr netto", "Budget", f"Avvikelse {label}")]
        values += [(name, format_mnkr(budget), format_mnkr(deviation)) for name, budget, deviation in areas]
        values.append(("TOTALT", format_mnkr(total_budget), format_mnkr(total_deviation)))
        size = Pt(16 if rows <= 12 else 12)
        for row_index, (row, row_values) in enumerate(zip(table.rows, values, strict=True)):
            for col_index, (cell, text) in enumerate(zip(row.cells, row_values, strict=True)):
                cell.text = strip_unsafe(text)
                paragraph = cell.text_frame.paragraphs[0]
                if col_index:
                    paragraph.alignment = PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    run.font.size = size
                    run.font.bold = row_index in (0, rows - 1)

    def build(self) -> bytes:
        self.title_slide()
        self.overview_slide()
        for item in self.data.inriktningsmal:
            self.divider_slide(item)
            self.goal_slides(item)
            for child in self.data.goals:
                if child.goal.parent_id == item.goal.id:
                    self.kf_goal_slides(child)
        self.economy_headline_slide()
        self.economy_slide()
        self.text_slides()
        for slide in self.prs.slides:
            _remove_empty_placeholders(slide)
        set_document_properties(
            self.prs.core_properties, title=f"{self.report.title} {self.report.namnd.name}", report=self.report
        )
        replace_app_properties(self.prs.part.package, "Tertial")
        _set_language(self.prs, "sv-SE")
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _deviation_words(deviation) -> str:
    """`överskott 7,4 mnkr`, `underskott 1,2 mnkr`, `i balans`: a positive avvikelse is an överskott."""
    if not deviation:
        return "i balans"
    word = "överskott" if deviation > 0 else "underskott"
    return f"{word} {format_mnkr(abs(deviation), unit=True)}"


def _assessment_sentence(children: list[GoalItem]) -> str:
    """`Fyra av fem KF-mål bedöms uppfyllas helt, ett delvis.` in plain counts: `5 KF-mål: 4 helt, 1 delvis`."""
    counts: dict[str, int] = {}
    for child in children:
        counts[child.assessment_label.lower()] = counts.get(child.assessment_label.lower(), 0) + 1
    parts = [f"{n} {label.removeprefix('uppfylls ')}" for label, n in counts.items()]
    return f"Mål för verksamhetsområdet ({len(children)}): " + ", ".join(parts)


_A_R, _A_RPR, _A_FIELD = qn("a:r"), qn("a:rPr"), qn("a:fld")
_LANG_TAGS = (qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))


def _set_language(prs, lang: str) -> None:
    """Every text of the deck (slides, layouts, masters, default styles) proofed as Swedish, not the template's
    en-US: a run without properties gets them."""
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for run in element.iter(_A_R, _A_FIELD):
            if run.find(_A_RPR) is None:
                run.insert(0, run.makeelement(_A_RPR, {}))
        for props in element.iter(*_LANG_TAGS):
            props.set("lang", lang)


def build_pptx(data: ReportData) -> bytes:
    return _Deck(data).build()
