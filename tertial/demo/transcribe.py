"""Transcribes a published tertialrapport (text extracted from its PDF) into a demo data module.

Run by hand when a seed changes, never by the app: `python -m tertial.demo.transcribe SEED_DIR`. It writes
`seed_hasselby_vallingby_2022.py` and `seed_socialnamnden_2024.py` beside this file; the generated modules are
committed and checked against the seed by `tests/tertial/test_demo_transcription.py`.

The extracted text keeps the PDF's lines. It is read as structure: a line without a trailing space was broken
mid-word, a short line ends its paragraph, a short line without closing punctuation is a subheading, a table's
empty cells show as one extra space each, and the table header repeats after every page break.
"""

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HEADING = re.compile(r"^(KF:s inriktningsmål|KF:s mål för verksamhetsområdet|Nämndmål): (\d+(?:\.\d+)*)\.? ")
ASSESSMENT = {"Uppfylls helt": "helt", "Uppfylls delvis": "delvis", "Uppfylls inte": "inte", "Ingen": ""}
ACTIVITY_HEADER = "Aktivitet Startdatum Slutdatum Avvikelse"
DATES = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})\s*$")
# The lines a page break leaves in the text (Hässelby's header block, Socialnämnden's footer).
PAGE_LINES = re.compile(
    r"^(Tjänsteutlåtande|Sid \d+ \(\d+\)|start\.stockholm|0850804245|Socialnämnden, Tertialrapport \d+\(\d+\))$"
)
NUMBER = re.compile(r"[-+]?\d{1,2}(?: \d{3})+(?:[,.]\d+)?(?!\d)|[-+]?\d+(?:[,.]\d+)?")
INLINE_ROW = re.compile(r"^(?P<name>[^\d]+?) (?P<values>[-+]?\d+(?:[,.]\d+)? ?%? .*)$")
UNITS = ("%", "st", "kr", "tkr", "år", "dagar", "dgr")
PERIOD_WORDS = ("Tertial", "Halvår")
BULLET = "•"
# Word's Symbol-font bullet, as the PDF's text gives it (a private-use character no font here has).
SYMBOL_BULLET = "\uf0b7"
# A heading does not end with these: a line that does goes on on the next one.
RUNS_ON = {
    "och",
    "med",
    "att",
    "för",
    "av",
    "i",
    "på",
    "till",
    "som",
    "en",
    "ett",
    "nå",
    "om",
    "den",
    "det",
    "de",
    "är",
    "har",
    "samt",
    "eller",
    "från",
    "vid",
    "belöna",
    "utsatta",
}


@dataclass
class Line:
    raw: str  # without the newline, trailing spaces kept

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def broken(self) -> bool:
        """The PDF broke a word here (no space after the last character)."""
        return bool(self.raw) and not self.raw.endswith(" ")


def read_lines(path: Path) -> list[Line]:
    """The seed's lines without its page headers and footers, nor the blank lines around them: a paragraph that
    runs over a page break goes on (the width rule still ends one that ended on the page). Both bullets read `•`."""
    raw = path.read_text(encoding="utf-8").split("\n")
    drop = set()
    for i, text in enumerate(raw):
        if PAGE_LINES.match(text.strip()):
            drop.add(i)
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(raw) and (not raw[j].strip() or PAGE_LINES.match(raw[j].strip())):
                    drop.add(j)
                    j += step
    return [Line(text.replace(SYMBOL_BULLET, BULLET)) for i, text in enumerate(raw) if i not in drop]


# -- prose -----------------------------------------------------------------------------------------------------


def _join(a: str, prev: Line | None, line: Line) -> str:
    """`a` (ending with `prev`) and the next line: without a space where the PDF broke a word."""
    glued = prev is not None and prev.broken and not prev.text.endswith(" -")
    return a + line.text if glued else f"{a} {line.text}"


# A line this share of the text's width or wider is a paragraph's first line, not a subheading ("Den processkarta
# som har tagits fram av socialnämnden tillsammans med Beroendecentrum" over "Stockholm, PRIMA Maria beroende …").
FULL_LINE = 0.95
_NARROW = set("iljtfrI.,;:!'()[]/ -1")
_WIDE = set("mwMWÅÄÖOQGDHNU%")


def measure(text: str) -> float:
    """Roughly how wide a text prints (in average characters): the PDF's line ends are set by glyph widths."""
    return sum(0.55 if c in _NARROW else 1.45 if c in _WIDE else 1.2 if c.isupper() else 1.0 for c in text)


def _is_short(lines: list[Line], i: int, width: float) -> bool:
    """The non-blank line from `i` on ends short of the width (the next word would have fitted): a heading line."""
    rest = [ln.text for ln in lines[i:] if ln.text][:2]
    if len(rest) < 2:
        return True
    return measure(f"{rest[0]} {rest[1].split(' ')[0]}") < width


def paragraphs(
    lines: list[Line], width: float | None = None, headings: bool = True, titles: frozenset = frozenset()
) -> list[str]:
    """Rejoin PDF lines into paragraphs: a blank line or a line shorter than the text's width (the next word would
    have fitted) ends one; a line broken mid-word joins the next without a space; `•` starts a list item. With
    `headings`, a line as wide as the text's is not taken for a subheading over the next (`FULL_LINE`); a text
    without headings (an indicator's Analys, whose blank lines the table leaves out) is split there all the same.
    A line of `titles` (a goal's number and name over what is said about it) is a paragraph of its own, even where
    the name ends like a sentence going on ("… att bo och vistas i")."""
    texts = sorted(measure(ln.text) for ln in lines if len(ln.text) > 30)
    if width is None:
        width = texts[int(len(texts) * 0.9)] if texts else 0
    out: list[str] = []
    current = ""
    prev = None
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            nxt = next((ln.text for ln in lines[i + 1 :] if ln.text), "")
            if current and current.split(" ")[-1] in RUNS_ON and nxt[:1].islower():
                continue  # a sentence the PDF broke over a blank line ("… som delas ut för belöna" / "arbete som …")
            if current:
                out.append(current)
            current = ""
            continue
        if text.startswith(BULLET) and current:
            out.append(current)
            current = ""
        current = _join(current, prev, line) if current else text
        prev = line
        if text in titles and current == text:
            out.append(current)
            current = ""
            continue
        if line.broken and text[-1:].isalnum() or text.endswith("-") and line.broken:
            continue  # the word goes on on the next line
        nxt = next((ln.text for ln in lines[i + 1 :] if ln.text), "")
        if not nxt:
            continue
        first_word = nxt.split(" ")[0]
        starts = current == text  # this line began a paragraph
        unpunctuated = not text.endswith((".", ":", ";", ",", "!", "?"))
        if unpunctuated and text.split(" ")[-1] in RUNS_ON or text.endswith(","):
            continue  # a sentence (or a heading) going on
        next_is_heading = len(nxt) < 110 and nxt[:1].isupper() and not nxt.endswith((".", ":", ";", ",", "!", "?", ")"))
        if nxt[:1].islower() and unpunctuated:
            continue  # a paragraph never starts in lower case
        if (
            measure(f"{text} {first_word}") < width
            or nxt.startswith(BULLET)
            or starts
            and unpunctuated
            and nxt[:1].isupper()  # a subheading over its paragraph, never a line as wide as the text's
            and (not headings or measure(text) < FULL_LINE * width)
            or text.endswith(".")
            and next_is_heading
            and _is_short(lines, i + 1, width)
        ):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return [re.sub(r"\s+", " ", p).strip() for p in out]


def is_subheading(paragraph: str) -> bool:
    # Up to two printed lines: "Handlingsplan i enlighet med Stockholms stads strategi för att minska risken för att
    # barn, unga och unga vuxna dras in i kriminalitet 2019– 2022" (144 characters) is one.
    return (
        len(paragraph) <= 150
        and ". " not in paragraph
        and paragraph[:1].isupper()
        and not paragraph.endswith((".", ":", ";", ",", "!", "?", ")"))
        and not paragraph.startswith(BULLET)
    ) or bool(HEADING.match(paragraph + " ") and len(paragraph) < 160)


def richtext(
    lines: list[Line], width: int | None = None, headings: bool = True, titles: frozenset = frozenset()
) -> str:
    """Paragraphs in the `tertial.richtext` markup: `## ` subheadings, `- ` list items."""
    out = []
    for p in paragraphs(lines, width, headings, titles):
        if p.startswith(BULLET):
            out.append("- " + p[1:].strip())
        elif headings and (is_subheading(p) or p in titles):
            out.append("## " + p)
        else:
            out.append(p)
    return "\n".join(out)


# -- tables ----------------------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    number: Decimal | None = None
    decimals: int = 0
    unit: str = ""


def _number(text: str) -> tuple[Decimal, int]:
    digits = text.replace(" ", "").replace(",", ".")
    return Decimal(digits), len(digits.split(".")[1]) if "." in digits else 0


def value_cells(line: str) -> list[Cell | None]:
    """The cells of a values line, None for each empty cell (one extra space each, as the PDF prints them)."""
    body = line.rstrip()
    cells: list[Cell | None] = []
    pos = 0
    lead = len(body) - len(body.lstrip(" "))
    cells += [None] * lead
    pos = lead
    while pos < len(body):
        m = NUMBER.match(body, pos)
        if m and (m.end() == len(body) or body[m.end()] == " "):
            value, decimals = _number(m.group())
            end = m.end()
            unit = ""
            for u in UNITS:
                if body.startswith(" " + u, end) and (end + 1 + len(u) == len(body) or body[end + 1 + len(u)] == " "):
                    unit, end = u, end + 1 + len(u)
                    break
            cells.append(Cell(body[pos:end], value, decimals, unit))
        else:
            # A text cell: its words up to two spaces or a number.
            end = pos
            words = []
            while end < len(body):
                nm = NUMBER.match(body, end)
                if nm and words and (nm.end() == len(body) or body[nm.end()] == " "):
                    break
                w = re.match(r"\S+", body[end:])
                words.append(w.group())
                end += w.end()
                if end < len(body) and body[end : end + 2] == "  ":
                    break
                if end < len(body):
                    end += 1
                    if body[end : end + 1] == " ":
                        end -= 1
                        break
            cells.append(Cell(" ".join(w for w in words if w)))
            end = end if end <= len(body) else len(body)
        pos = end
        gap = 0
        while pos < len(body) and body[pos] == " ":
            gap += 1
            pos += 1
        if pos < len(body):
            cells += [None] * (gap - 1)
        else:
            cells += [None] * max(gap - 1, 0)
    return cells


@dataclass
class Row:
    name_lines: list[Line] = field(default_factory=list)
    value_lines: list[Line] = field(default_factory=list)
    analysis_lines: list[Line] = field(default_factory=list)


@dataclass
class Goal:
    number: str
    assessment: str | None = None
    description: list[Line] = field(default_factory=list)
    expected: list[Line] = field(default_factory=list)
    analysis: list[Line] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    activities: list[Row] = field(default_factory=list)


def _is_values_line(line: Line) -> bool:
    """A row's first values line: cells left empty (leading spaces), or a number followed by a number, a unit, a
    text target or the period (`12 månader` goes on the indicator's name)."""
    if line.raw.startswith("   "):
        return True
    words = line.text.split()
    if words[0] in PERIOD_WORDS:
        return True
    if not NUMBER.fullmatch(words[0]):
        return False
    return len(words) == 1 or bool(NUMBER.fullmatch(words[1])) or words[1] in UNITS or words[1][:1].isupper()


def _skip_indicator_header(lines: list[Line], i: int) -> int:
    """Past the repeated `Indikator Periodens … årsmål Period` header."""
    while i < len(lines) and not lines[i].text.endswith("årsmål Period"):
        i += 1
    return i + 1


def _letters(text: str) -> str:
    return re.sub(r"[^a-zåäöéü]", "", text.lower())


def _heading_end(lines: list[Line], i: int, goal_text: str) -> int:
    """The line after a goal heading, which wraps for as long as its lines spell the goal's text (known from the
    goal list): a subheading in an analysis is followed by its paragraph without a blank line."""
    expected = _letters(HEADING.match(lines[i].text + " ").group(1) + goal_text)
    joined = _letters(lines[i].text)
    j = i + 1
    while j < len(lines) and lines[j].text and expected.startswith(joined + _letters(lines[j].text)):
        joined += _letters(lines[j].text)
        j += 1
    return j


def parse_goals(lines: list[Line], known: dict[str, str]) -> list[Goal]:
    """The goal sections, from the first goal heading to `Uppföljning av ekonomi`. `known`: number -> goal text."""
    goals: list[Goal] = []
    i = 0
    while i < len(lines) and not HEADING.match(lines[i].text + " "):
        i += 1
    goal: Goal | None = None
    mode = "text"  # text | description | expected | analysis | indicators | activities
    row: Row | None = None
    state = "start"  # within a table: start | name | values | analysis (| done for activities)
    after_blank = False
    while i < len(lines):
        line = lines[i]
        text = line.text
        if text == "Uppföljning av ekonomi":
            break
        m = HEADING.match(text + " ")
        if m and m.group(2) in known:
            # The heading may wrap; it ends at the next blank line. A heading followed by a bedömning opens the
            # goal's section; the same heading without one (Socialnämnden) is a subheading in the analysis above.
            j = _heading_end(lines, i, known[m.group(2)])
            k = j
            while k < len(lines) and not lines[k].text:
                k += 1
            assessment = ASSESSMENT.get(lines[k].text) if k < len(lines) else None
            if assessment is not None or m.group(1) == "KF:s inriktningsmål":
                goal = Goal(m.group(2), assessment)
                goals.append(goal)
                mode, row, state = "text", None, "start"
                i = k + 1 if assessment is not None else j
                continue
            mode, row, state = "analysis", None, "start"
            goal.analysis += [Line(""), Line(" ".join(ln.text for ln in lines[i:j]) + " "), Line("")]
            i = j
            continue
        if mode in ("indicators", "activities") and text == "Analys":
            state = "analysis"  # the analysis of the row above
        elif text == "Beskrivning":
            mode = "description"
        elif text == "Förväntat resultat":
            mode = "expected"
        elif text == "Analys":
            mode = "analysis"
        elif text.startswith("Indikator Periodens"):
            i = _skip_indicator_header(lines, i)
            if mode != "indicators":
                mode, row, state = "indicators", None, "start"
            elif state == "analysis":
                state = "analysis-page"  # the analysis may go on on the new page
            elif state == "values":
                state = "split"  # the page broke a row: its name goes on first, then its values
            after_blank = False
            continue
        elif text == ACTIVITY_HEADER:
            if mode != "activities":
                mode, row, state = "activities", None, "start"
            elif state == "analysis":
                state = "start"
        elif mode == "description":
            goal.description.append(line)
        elif mode == "expected":
            goal.expected.append(line)
        elif mode in ("text", "analysis"):
            goal.analysis.append(line)
        elif not text:
            after_blank = True
            if state == "analysis" and row.analysis_lines:
                state = "start"
            elif state == "split-name":
                state = "values"
            i += 1
            continue
        elif mode == "indicators":
            row, state = _indicator_line(goal, row, state, line, after_blank)
        elif mode == "activities":
            row, state = _activity_line(goal, row, state, line)
        after_blank = False
        i += 1
    return goals


def _indicator_line(goal: Goal, row: Row | None, state: str, line: Line, after_blank: bool):
    """One line of an indicator table: a row is its name lines, its values (the first values line and what its
    multi-line cells continue with) and an optional `Analys`."""
    text = line.text
    if row is not None and (
        state == "analysis-page" and len(text) >= 40 or state == "analysis-more" or state == "start" and len(text) >= 80
    ):
        # An analysis paragraph goes on while its lines are full width.
        row.analysis_lines.append(line)
        return row, "analysis-more" if len(text) >= 60 else "start"
    if state == "analysis":
        row.analysis_lines.append(line)
        return row, "analysis"
    if state == "split" and line.raw.startswith("  "):
        state = "start"  # the row was whole: a new one begins on the new page
    if state in ("split", "split-name"):
        row.name_lines.append(line)
        return row, "split-name"
    if state == "name" and row is not None:
        if _is_values_line(line):
            row.value_lines.append(line)
            return row, "values"
        row.name_lines.append(line)
        return row, "name"
    if state == "values" and not (after_blank and not _continues_values(row, text)):
        row.value_lines.append(line)
        return row, "values"
    m = INLINE_ROW.match(text)
    if m and len(NUMBER.findall(m.group("values"))) >= 3:
        # A one-line name with its values on the same line (`Sjukfrånvaro 8,3 % 5,3 % …`).
        row = Row([Line(m.group("name") + " ")], [Line(m.group("values") + (" " if not line.broken else ""))])
        goal.indicators.append(row)
        return row, "values"
    row = Row([line])
    goal.indicators.append(row)
    return row, "name"


def _continues_values(row: Row, text: str) -> bool:
    """After a blank line in a row's values: the period (`2 2022`, `Tertial`) or the rest of a text cell."""
    if re.fullmatch(r"(\d )?\d{4}|Tertial|Halvår|(Tertial|Halvår) \d \d{4}", text):
        return True
    return text[:1].islower()


def _activity_line(goal: Goal, row: Row | None, state: str, line: Line):
    text = line.text
    if state == "analysis":
        row.analysis_lines.append(line)
        return row, "analysis"
    if row is None or state in ("start", "done"):
        row = Row([line])
        goal.activities.append(row)
    else:
        row.name_lines.append(line)
    return row, "done" if DATES.search(text) else "name"


# -- rows into data ----------------------------------------------------------------------------------------------

COLUMNS = ["outcome", "outcome_men", "outcome_women", "historical_vb_outcome", "forecast", "target", "kf_target"]


def join_cell(lines: list[Line]) -> str:
    """A narrow table cell's lines as one text (a word broken at the cell's edge is joined back)."""
    text = ""
    prev = None
    for line in lines:
        if not line.text:
            continue
        text = _join(text, prev, line) if text else line.text
        prev = line
    return re.sub(r"\s+", " ", text).strip()


def indicator_values(row: Row) -> dict:
    """The seven value cells and the period of an indicator row, from its first values line and what follows."""
    first, rest = row.value_lines[0], row.value_lines[1:]
    cells = value_cells(first.raw)
    continuation = join_cell(rest)
    period = ""
    # The period is the last cell: `Tertial 2 2022` (its number on the next line), `Halvår 1 2024`, or a year.
    if cells and cells[-1] is not None and cells[-1].number is None and cells[-1].text.split(" ")[-1] in PERIOD_WORDS:
        words = cells[-1].text.split(" ")
        period = words[-1]
        cells[-1] = Cell(" ".join(words[:-1])) if len(words) > 1 else None
        if cells[-1] is None:
            cells.pop()
    elif (
        cells
        and cells[-1] is not None
        and cells[-1].number is not None
        and not cells[-1].unit
        and re.fullmatch(r"20\d\d", cells[-1].text)
    ):
        period = cells.pop().text
    # What the continuation holds: the rest of a text cell (lower case words) and the period's remainder.
    if period in PERIOD_WORDS or not period:
        found = list(re.finditer(r"(?:(?:Tertial|Halvår) )?(?:\d )?20\d\d\b", continuation))
        if found:
            m = found[-1]
            tail = m.group(0)
            continuation = (continuation[: m.start()] + continuation[m.end() :]).strip()
            period = f"{period} {tail}" if period in PERIOD_WORDS else tail
    text_cells = [c for c in cells if c is not None and c.number is None]
    if continuation and text_cells:
        last = text_cells[-1]
        glued = last.text.endswith("/") or first.broken
        last.text = last.text + continuation if glued else f"{last.text.rstrip()} {continuation}"
        continuation = ""
    while len(cells) > len(COLUMNS) and cells[-1] is None:
        cells.pop()
    while len(cells) < len(COLUMNS):
        cells.append(None)
    return {"cells": dict(zip(COLUMNS, cells, strict=False)), "period": period, "left": continuation, "n": len(cells)}


# Rows the PDF's layout scrambled beyond the rules above (a page break inside a row, a unit wrapped onto its own
# lines, a `%` separated from its number), read by eye from the seed: (nämnd, goal, name as parsed) -> the row as
# printed. Cells: Periodens utfall, män, kvinnor, VB, Prognos helår, Årsmål, KF:s årsmål ("" = empty).
FIXED_ROWS = {
    ("hv", "1.3", "Antal barn per grupp"): {
        "cells": ["14", "", "", "12,2", "16", "16", "16"],
        "period": "Tertial 2 2022",
        "unit": "barn/avd.",
    },
    (
        "hv",
        "1.4",
        "Andel brukare inom omsorgen för personer med funktionsnedsättning som inte upplever diskriminering",
    ): {
        "cells": ["92 %", "90 %", "91 %", "88 %", "90", "90 %", "öka"],
    },
    ("hv", "1.4", "Andel utredningar av barn och unga där barnet varit delaktigt och fått återkoppling"): {
        "cells": ["48,91 %", "47,66 %", "50,45 %", "70,29", "55", "60 %", "Tas fram av nämnd"],
        "period": "Tertial 2 2022",
    },
    ("hv", "1.5", "Antal personal en hemtjänsttagare med minst två besök om dagen möter under en 14-dagarsperiod"): {
        "cells": ["", "", "", "12,1", "", "10", "Max 10 personer"],
    },
    ("hv", "2.5", "Klimatpåverkan från upphandlade livsmedel och måltider"): {
        "cells": ["", "", "", "1,4", "", "1,7", "1,70"],
        "period": "2022",
        "unit": "kg CO2 per kg livsmedel",
    },
    ("hv", "2.5", "Totalt köpt energi i stadens verksamheter"): {
        "cells": ["", "", "", "1,23", "", "1,5", "1945"],
        "unit": "GWh",
    },
    ("hv", "3.1", "Nämndens prognossäkerhet T2"): {"cells": ["0 %", "", "", "1 %", "", "+/-1 %", "+/- 1 %"]},
    ("hv", "3.2", "Andel upphandlingar där marknadsdialog har genomförts"): {
        "cells": ["100 %", "", "", "100 %", "", "100 %", "Tas fram av nämnd/styrelse"],
    },
    ("soc", "1.3.1", "Andel ungdomar som inte använder narkotika efter avslutad kontakt (Framtid Stockholm)."): {
        "cells": ["94 %", "94 %", "", "89 %", "90 %", "90 %", ""],
    },
    ("soc", "2.1", "Klimatpåverkan från upphandlade livsmedel och måltider"): {
        "name": "Klimatpåverkan från upphandlade livsmedel och måltider",
        "cells": ["2", "", "", "2", "", "1,6", "1,6"],
        "period": "2024",
        "unit": "kg CO2 per kg livsmedel",
    },
    ("soc", "2.1", "Köpt energi i stadens organisation"): {
        "cells": ["0,4", "", "", "2", "", "1,8", "1 735"],
        "period": "2024",
        "unit": "GWh",
    },
    ("soc", "3.1", "Nämndens prognossäkerhet T2"): {"cells": ["", "", "", "-1 %", "", "+/-1 %", "+/- 1 %"]},
    ("soc", "3.4", "Sjukfrånvaro dag 1-14 nämnd/styrelse"): {
        "name": "Sjukfrånvaro dag 1-14",
        "cells": ["1,9 %", "1,9 %", "1,9 %", "1,94 %", "2 %", "2 %", "Tas fram av nämnd/styrelse"],
    },
}
# Pieces of the rows above that the parser read as rows of their own.
FRAGMENTS = {("hv", "12,2 barn/avd."), ("hv", "1,7 kg CO2"), ("hv", "50,45 %"), ("soc", "1 735 GWh")}

# Hässelby-Vällingby's first indicators as transcribed by hand before this tool: their codes (used by tests and
# links) and the attributes a print cannot show (unit where the cell prints none, gender split, person-based,
# direction, decimals) are kept.
KNOWN_INDICATORS = {
    "Andel barn som lever i familjer som har ekonomiskt bistånd": {
        "code": "kf-ekb-barn-andel",
        "unit": "%",
        "gender_split": "none",
        "person_based": True,
        "direction": "lower",
        "decimals": 1,
    },
    "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen": {
        "code": "kf-ekb-personer-andel",
        "unit": "%",
        "gender_split": "rate",
        "person_based": True,
        "direction": "lower",
        "decimals": 2,
    },
    "Andel personer som själv upplever att de får en förbättrad situation av insatsen/insatserna de fått från socialtjänsten (ekonomiskt bistånd)": {
        "code": "kf-ekb-forbattrad-situation",
        "unit": "%",
        "gender_split": "none",
        "person_based": True,
        "direction": "higher",
        "decimals": 2,
    },
    "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare": {
        "code": "kf-ekb-langvarigt-vuxna-andel",
        "unit": "%",
        "gender_split": "rate",
        "person_based": True,
        "direction": "lower",
        "decimals": 2,
    },
    "Antal aspiranter som fått Stockholmsjobb": {
        "code": "kf-stockholmsjobb-aspiranter",
        "unit": "st",
        "gender_split": "count",
        "person_based": True,
        "direction": "higher",
        "decimals": 0,
    },
    "Antal tillhandahållna platser för feriejobb": {
        "code": "kf-feriejobb-platser",
        "unit": "st",
        "gender_split": "none",
        "person_based": False,
        "direction": "higher",
        "decimals": 0,
    },
    "Antal tillhandahållna platser för Stockholmsjobb": {
        "code": "kf-stockholmsjobb-platser",
        "unit": "st",
        "gender_split": "none",
        "person_based": False,
        "direction": "higher",
        "decimals": 0,
    },
    "Antal tillhandahållna praktikplatser för högskolestuderande samt platser för verksamhetsförlagd utbildning": {
        "code": "kf-praktikplatser-hogskola-vfu",
        "unit": "st",
        "gender_split": "none",
        "person_based": False,
        "direction": "higher",
        "decimals": 0,
    },
    "Antal ungdomar som fått feriejobb i stadens regi": {
        "code": "kf-feriejobb-ungdomar",
        "unit": "st",
        "gender_split": "count",
        "person_based": True,
        "direction": "higher",
        "decimals": 0,
    },
    "Andel kvinnor med långvarigt ekonomiskt bistånd i förhållande till samtliga vuxna kvinnor i befolkningen": {
        "code": "hv-ekb-langvarigt-kvinnor-andel",
        "unit": "%",
        "gender_split": "none",
        "person_based": True,
        "direction": "lower",
        "decimals": 2,
    },
    "Andel kvinnor och män som har fått ett personligt erbjudande om samhällsvägledning": {
        "code": "hv-samhallsvagledning-erbjudande",
        "unit": "%",
        "gender_split": "rate",
        "person_based": True,
        "direction": "higher",
        "decimals": 0,
    },
    "Andel unga vuxna 18-24 år med ekonomiskt bistånd i förhållande till samtliga unga vuxna 18-24 år i befolkningen": {
        "code": "hv-ekb-unga-vuxna-andel",
        "unit": "%",
        "gender_split": "none",
        "person_based": True,
        "direction": "lower",
        "decimals": 2,
    },
}

LOWER_IS_BETTER = re.compile(
    r"ekonomiskt bistånd|Sjukfrånvaro|Klimatpåverkan|köpt energi|Köpt energi|vräkningar|åter blir föremål|"
    r"timavlönad|externa konsulter|hotell/vandrarhem|Antal personal en|utsatts för våld|lever i hemlöshet",
)


def _printed_cell(text: str) -> Cell | None:
    if not text:
        return None
    cells = value_cells(text)
    return cells[0] if len(cells) == 1 else Cell(text)


def _slug(text: str) -> str:
    table = str.maketrans("åäöéü", "aaoeu")
    words = re.findall(r"[a-z0-9]+", text.lower().translate(table))
    return "-".join(words)


def indicator_data(nämnd: str, goal: str, row: Row, level: int, known: dict, codes: set) -> dict | None:
    name = join_cell(row.name_lines)
    if any(n == nämnd and name.startswith(prefix) for n, prefix in FRAGMENTS):
        # Its analysis, if any, is the analysis of the row it belongs to.
        return {"fragment": richtext(row.analysis_lines, headings=False)}
    fix = next(
        (f for (n, g, prefix), f in FIXED_ROWS.items() if (n, g) == (nämnd, goal) and name.startswith(prefix)), None
    )
    parsed = indicator_values(row) if row.value_lines else {"cells": {}, "period": ""}
    if fix:
        name = fix.get("name", name)
        cells = dict(zip(COLUMNS, (_printed_cell(c) for c in fix["cells"]), strict=True))
        period = fix.get("period", parsed["period"])
    else:
        cells, period = parsed["cells"], parsed["period"]
        if parsed.get("n") != len(COLUMNS) or parsed.get("left"):
            raise ValueError(f"{nämnd} {goal}: cannot read the row {name!r}: {parsed}")
    numbers = [c for c in cells.values() if c is not None and c.number is not None]
    units = [c.unit for c in numbers if c.unit]
    unit = fix.get("unit") if fix and fix.get("unit") else (max(set(units), key=units.count) if units else "")
    if not unit and name.startswith("Andel") and any(c.text.endswith("%") for c in numbers):
        unit = "%"
    measured = [cells[k] for k in COLUMNS[:5] if cells[k] is not None and cells[k].number is not None]
    decimals = max((c.decimals for c in measured), default=0)
    if cells["outcome"] is not None and cells["outcome"].number is not None:
        decimals = cells["outcome"].decimals
    split = cells["outcome_men"] is not None or cells["outcome_women"] is not None
    if period.startswith("Tertial"):
        period_kind = "tertial"
    elif period.startswith("Halvår"):
        period_kind = "halvar"
    elif re.fullmatch(r"20\d\d", period):
        period_kind = "ar"
    else:
        raise ValueError(f"{nämnd} {goal}: no period for {name!r}")
    data = {
        "goal": goal,
        "code": "",
        "name": name,
        "unit": unit,
        "decimals": decimals,
        "gender_split": ("count" if unit == "st" or name.startswith("Antal") else "rate") if split else "none",
        "person_based": split,
        "direction": "lower" if LOWER_IS_BETTER.search(name) else "higher",
        "period_kind": period_kind,
    }
    for key in COLUMNS[:5]:
        cell = cells[key]
        if cell is not None and cell.number is not None:
            data[key] = cell.number
    for key, value_key, text_key in (
        ("target", "target_value", "target_text"),
        ("kf_target", "kf_target_value", "kf_target_text"),
    ):
        cell = cells[key]
        if cell is None:
            continue
        if cell.number is not None and cell.text == cell.text.strip() and not cell.text.startswith(("+", "-")):
            data[value_key] = cell.number
        else:
            data[text_key] = re.sub(r"\s+", " ", cell.text)
    analysis = richtext(row.analysis_lines, headings=False)
    if analysis:
        data["analysis"] = analysis
    hand = known.get(name)
    if hand:
        data.update(hand)
    else:
        prefix = "kf" if level == 2 else nämnd
        base = f"{prefix}-{_slug(name)}"[:36].rstrip("-")
        code, n = base, 2
        while code in codes:
            code, n = f"{base}-{n}", n + 1
        data["code"] = code
    codes.add(data["code"])
    return data


def activity_data(goal: str, row: Row, level: int) -> dict:
    text = join_cell(row.name_lines)
    m = DATES.search(text)
    if not m:
        raise ValueError(f"{goal}: an activity without its dates: {text!r}")
    data = {
        "goal": goal,
        "kind": "kf" if level == 2 else "namnd",
        "text": text[: m.start()].strip(),
        "start_date": m.group(1),
        "end_date": m.group(2),
    }
    analysis = richtext(row.analysis_lines, headings=False)
    if analysis:
        data["analysis"] = analysis
    return data


# The city's standing headings over a group of headings in the Sammanfattande analys.
SUMMARY_GROUPS = ("Samverkan enligt direktiv", "Arbete utifrån direktiven", "Fokusområden")


def nest_subheadings(text: str, groups: set[str]) -> str:
    """The Sammanfattande analys's headings in two levels, as the report reads: an inriktningsmål (`groups`) or
    one of the city's standing group headings (`SUMMARY_GROUPS`) stays `## `, the headings under it become `### `
    (`Positivt arbete`, `Utmaningar`, `Integration`). A line taken for a heading between two headings, with no
    paragraph of its own, is a paragraph (`Arbetet beskrivs främst under mål 2`)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        between_headings = i > 0 and lines[i - 1].startswith("#") and (i + 1 == len(lines) or lines[i + 1][:3] == "## ")
        if line.startswith("## ") and between_headings and line[3:] not in groups:
            lines[i] = line[3:]
    nested = False
    for i, line in enumerate(lines):
        if not line.startswith("## "):
            continue
        title = line[3:]
        if title in groups or title.startswith(SUMMARY_GROUPS):
            nested = True
        elif nested:
            lines[i] = "### " + title
    return "\n".join(lines)


AGENDA_GOAL = re.compile(r"^Mål \d")
# "… följande mål i Agenda 2030: Mål 1, Ingen fattigdom": the list's first line run into the sentence above it.
AGENDA_LIST_START = re.compile(r"^(.*:) (Mål \d.*)$")


def nest_agenda_goals(text: str) -> str:
    """The global goals under an `Agenda 2030` subheading (`Mål 1- Ingen fattigdom`, `Mål 5, Jämställdhet`), each
    over its own paragraph, one level below it, as the report sets them, up to the next subheading that is not one
    of them. Goals listed one a line without a text of their own (`Mål 3, God hälsa och välbefinnande` straight
    after `Mål 1, Ingen fattigdom`) are lines of the paragraph's list, not headings."""
    lines = []
    for line in text.split("\n"):
        split = AGENDA_LIST_START.match(line.removeprefix("## "))  # a sentence, whatever the width rule took it for
        lines += [split[1], "## " + split[2]] if split else [line]

    goal_lines = {i for i, line in enumerate(lines) if line.startswith("## ") and AGENDA_GOAL.match(line[3:])}
    under = False
    for i, line in enumerate(lines):
        if not line.startswith("## "):
            continue
        title = line[3:]
        if title == "Agenda 2030":
            under = True
        elif under and AGENDA_GOAL.match(title):
            listed = i - 1 in goal_lines or i + 1 in goal_lines
            lines[i] = title if listed else "### " + title
        else:
            under = False
    return "\n".join(lines)


# "Nämndmål: 1.3.1. Barn och unga …", "Nämndmål 1.5.1: …": a KF goal's Analys told per nämndmål (Socialnämnden).
NAMNDMAL_LINE = re.compile(r"^Nämndmål:? \d")


def nest_under_namndmal(text: str) -> str:
    """A KF goal's Analys told per nämndmål: the subheadings after a `Nämndmål: 1.3.1 …` line are its topics, one
    level below it (`Likställighet inom staden` is printed under both 1.3.1 and 1.3.2), up to the next nämndmål."""
    lines = text.split("\n")
    under = False
    for i, line in enumerate(lines):
        if not line.startswith("## "):
            continue
        if NAMNDMAL_LINE.match(line[3:]):
            under = True
        elif under:
            lines[i] = "### " + line[3:]
    return "\n".join(lines)


def between(lines: list[Line], start: str, end: str | None) -> list[Line]:
    """The lines after the first line reading `start` up to the next reading `end`."""
    texts = [ln.text for ln in lines]
    i = texts.index(start) + 1
    j = texts.index(end, i) if end else len(lines)
    return lines[i:j]


@dataclass
class Transcript:
    summary: str
    analyses: dict[str, str]
    descriptions: dict[str, tuple[str, str]]
    indicators: list[dict]
    activities: list[dict]
    texts: dict[str, str]


def transcribe(path: Path, nämnd: str, goal_numbers: dict[str, str], known: dict) -> Transcript:
    lines = read_lines(path)
    goals = parse_goals(lines, goal_numbers)
    indicators, activities, codes = [], [], set()
    analyses, descriptions = {}, {}
    for goal in goals:
        level = goal.number.count(".") + 1
        text = nest_under_namndmal(nest_agenda_goals(richtext(goal.analysis)))
        if text:
            analyses[goal.number] = text
        descriptions[goal.number] = (
            richtext(goal.description, headings=False),
            richtext(goal.expected, headings=False),
        )
        for row in goal.indicators:
            data = indicator_data(nämnd, goal.number, row, level, known, codes)
            if "fragment" not in data:
                indicators.append(data)
            elif data["fragment"]:
                indicators[-1]["analysis"] = data["fragment"]
        activities += [activity_data(goal.number, row, level) for row in goal.activities]
    summary = richtext(between(lines, "Sammanfattande analys", "Uppföljning av Kommunfullmäktiges inriktningsmål"))
    summary = nest_subheadings(summary, {text for number, text in goal_numbers.items() if "." not in number})
    texts = {}
    if any(ln.text == "Intern kontroll" for ln in lines):
        # Its deviations are told per KF goal, under the goal's number and name ("1.2 Stockholm är en trygg, …").
        titles = frozenset(f"{number} {text}" for number, text in goal_numbers.items())
        texts["intern_kontroll"] = richtext(between(lines, "Intern kontroll", "Särskilda redovisningar"), titles=titles)
        special = between(lines, "Särskilda redovisningar", None)
        while special and special[-1].text in ("", "Övrigt"):  # the last page's running footer
            special.pop()
        texts["sarskilda_redovisningar"] = nest_agenda_goals(richtext(special))
    return Transcript(summary, analyses, descriptions, indicators, activities, texts)


# -- the generated modules -------------------------------------------------------------------------------------


def _literal(value, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, Decimal):
        return f'D("{value}")'
    if isinstance(value, dict):
        items = [f"{pad}    {_literal(k)}: {_literal(v, indent + 4)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}" if items else "{}"
    if isinstance(value, list | tuple):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        items = [f"{pad}    {_literal(v, indent + 4)}," for v in value]
        return open_ + "\n" + "\n".join(items) + f"\n{pad}{close}" if items else open_ + close
    return repr(value)


def write_module(path: Path, seed: str, transcript: Transcript) -> None:
    body = [
        f'"""{seed}, transcribed by `tertial.demo.transcribe`: generated, do not edit by hand (edit the seed rules',
        "or FIXED_ROWS there and run it again). Texts in the `tertial.richtext` markup, figures as printed.",
        '"""',
        "",
        "from decimal import Decimal as D",
        "",
        f"SUMMARY = {_literal(transcript.summary)}",
        "",
        "# The text under each goal's heading (its Analys), by goal number.",
        f"GOAL_ANALYSES = {_literal(transcript.analyses)}",
        "",
        "# Beskrivning and Förväntat resultat of each goal, by goal number.",
        f"GOAL_TEXTS = {_literal({k: v for k, v in transcript.descriptions.items() if any(v)})}",
        "",
        f"INDICATORS = {_literal(transcript.indicators)}",
        "",
        f"ACTIVITIES = {_literal(transcript.activities)}",
        "",
        "# Övrigt: Intern kontroll and Särskilda redovisningar, by section kind.",
        f"REPORT_TEXTS = {_literal(transcript.texts)}",
        "",
    ]
    path.write_text("\n".join(body), encoding="utf-8")


def main(seed_dir: Path) -> None:  # pragma: no cover - a maintainer's tool
    from . import hasselby_vallingby_2022 as hv
    from . import socialnamnden_2024 as soc

    here = Path(__file__).parent
    known = KNOWN_INDICATORS
    for seed, slug, module, data, hand in (
        ("hasselby-vallingby-T2-2022-tjansteutlatande.txt", "hv", "seed_hasselby_vallingby_2022.py", hv, known),
        ("socialnamnden-T1-2024-tertialrapport.txt", "soc", "seed_socialnamnden_2024.py", soc, {}),
    ):
        goals = {number: text for number, text, *_ in data.GOALS}
        transcript = transcribe(seed_dir / seed, slug, goals, hand)
        write_module(here / module, seed, transcript)
        print(f"{module}: {len(transcript.indicators)} indicators, {len(transcript.activities)} activities")


if __name__ == "__main__":  # pragma: no cover
    main(Path(sys.argv[1]))
