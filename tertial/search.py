"""Search within one report: its goals, texts, indicators and activities, each hit with the matching words in
their context and a link to the place in its section. The report is read as the print view reads it (a fixed
number of queries, `selectors.print_sections`) and matched here, in Python, the same on PostgreSQL and SQLite
(whose LIKE folds only ASCII case: "Äldre" would not find "äldre")."""

from dataclasses import dataclass

from django.urls import reverse

from . import richtext
from .checks.context import (
    ANCHOR_ANALYSIS,
    ANCHOR_DESCRIPTION,
    ANCHOR_EXPECTED_RESULT,
    ANCHOR_SUMMARY,
    activity_anchor,
    indicator_anchor,
)
from .selectors import print_sections

MIN_LENGTH = 2  # a shorter search would match nearly everything
MAX_HITS = 200  # a page of hits stays readable; the page says when there were more
CONTEXT = 70  # characters of context on each side of the match


@dataclass
class Hit:
    section: object
    place: str  # where in the section: "Analys", "Indikator ”Andel …”", "Analys av aktiviteten ”…”"
    before: str
    match: str
    after: str
    url: str  # the section page, at the field the hit is in
    count: int = 1  # matches in that text


def _snippet(text: str, start: int, length: int) -> tuple[str, str, str]:
    """The match with up to CONTEXT characters each side, cut at a word, `…` where the text goes on."""
    begin, end = max(0, start - CONTEXT), min(len(text), start + length + CONTEXT)
    before, after = text[begin:start], text[start + length : end]
    if begin > 0:
        before = "…" + before[before.find(" ") + 1 :] if " " in before else "…" + before
    if end < len(text):
        after = (after[: after.rfind(" ")] if " " in after else after) + " …"
    return before, text[start : start + length], after


def _find(text: str, needle: str, *, rich: bool):
    """(before, match, after, count) of the first match of `needle` (lower case) in `text`, or None."""
    if not text:
        return None
    plain = " ".join((richtext.plain_text(text) if rich else text).split())
    folded = plain.lower()
    if len(folded) != len(plain):  # a letter whose lower case is longer: match on the text as it is
        folded = plain
    start = folded.find(needle)
    if start < 0:
        return None
    return (*_snippet(plain, start, len(needle)), folded.count(needle))


def _fields(section):
    """(place, text, is rich text, anchor) of every searchable text of a section, in page order. The anchors are
    ids on the editable and the read-only section page alike (tests/tertial/test_search.py follows every link)."""
    yield "Rubrik", section.title, False, ""
    goal = section.goal if section.goal_id else None
    if goal is not None and goal.level == 3:
        yield "Beskrivning", goal.description, True, ANCHOR_DESCRIPTION
        yield "Förväntat resultat", goal.expected_result, True, ANCHOR_EXPECTED_RESULT
    yield ("Analys" if section.goal_id else "Text"), section.analysis, True, ANCHOR_ANALYSIS
    if section.has_slide:  # else the page has no such field (and no slide prints it)
        yield "Sammanfattning för presentation", section.presentation_summary, True, ANCHOR_SUMMARY
    for indicator in section.follow_up.indicators:
        yield f"Indikator ”{indicator.name}”", indicator.name, False, indicator_anchor(indicator.pk)
        yield (
            f"Analys av indikatorn ”{indicator.name}”",
            indicator.result.analysis,
            True,
            indicator_anchor(indicator.pk, "analysis"),
        )
    for activity in section.follow_up.activities:
        yield f"Aktivitet ”{activity.text[:80]}”", activity.text, False, activity_anchor(activity.pk, "deviation")
        yield (
            f"Analys av aktiviteten ”{activity.text[:80]}”",
            activity.result.analysis,
            True,
            activity_anchor(activity.pk),
        )


def search_report(report, query: str) -> tuple[list[Hit], bool]:
    """The hits of `query` in the report, in document order, and whether there were more than MAX_HITS.
    Nine queries whatever the report's size (those of `print_sections`); none for a query too short."""
    needle = " ".join(query.split()).lower()
    if len(needle) < MIN_LENGTH:
        return [], False
    hits: list[Hit] = []
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    for section in print_sections(report):
        url = reverse("section_edit", kwargs={**kwargs, "pk": section.pk})
        for place, text, rich, anchor in _fields(section):
            found = _find(text, needle, rich=rich)
            if found is None:
                continue
            if len(hits) == MAX_HITS:
                return hits, True
            before, match, after, count = found
            hits.append(Hit(section, place, before, match, after, url + (f"#{anchor}" if anchor else ""), count))
    return hits, False
