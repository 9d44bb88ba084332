""" "Ändrat sedan Tertial 1": what changed in a report against the previous period's report, per section and for the
whole report. Texts are compared as plain text (`richtext.plain_text`, so the stored format does not matter), word
by word inside changed lines (`history.text_diff`); figures as the documents print them. A fixed number of queries
whatever the report's size: both reports are read with `rollover.report_contents` and paired in memory.
"""

from dataclasses import dataclass, field

from indicators.table import FIGURE_LABELS, figure_text

from .history import Change, text_diff
from .models import Assessment, Period, Report
from .richtext import plain_text
from .rollover import activity_key, indicator_key, period_name, report_contents, section_key
from .sections import CHAPTER_BASE, Chapter

_GOALS = CHAPTER_BASE[Chapter.GOALS]
_PREVIOUS = {Period.Kind.T2: Period.Kind.T1, Period.Kind.VB: Period.Kind.T2}


def previous_report(report: Report) -> Report | None:
    """The report "Ändrat sedan" compares with: the one it was carried over from, else the nämnd's report of the
    period before (T1 ← T2 ← VB, last year's VB ← T1). At most one query (`carried_from__period` joined)."""
    if report.carried_from_id:
        return report.carried_from
    period = report.period
    year, kind = (period.year, _PREVIOUS[period.kind]) if period.kind in _PREVIOUS else (period.year - 1, "VB")
    return (
        Report.objects.select_related("namnd", "period")
        .filter(namnd_id=report.namnd_id, period__year=year, period__kind=kind)
        .first()
    )


@dataclass
class SectionChanges:
    section: object  # the section in the later report (None: a section that is no longer there)
    previous: object  # its counterpart in the earlier report (None: new since then)
    changes: list = field(default_factory=list)  # of history.Change

    @property
    def title(self) -> str:
        return (self.section or self.previous).title


@dataclass
class ReportChanges:
    report: Report
    previous: Report | None
    since: str = ""  # "Tertial 1"
    sections: list = field(default_factory=list)  # of SectionChanges with changes, document order
    unchanged: int = 0
    removed: list = field(default_factory=list)  # titles of sections the earlier report had and this one has not


def _text(label: str, before: str, after: str) -> Change | None:
    before, after = plain_text(before or ""), plain_text(after or "")
    return None if before == after else Change(label, diff=text_diff(before, after))


def _value(label: str, before: str, after: str) -> Change | None:
    return None if before == after else Change(label, before, after)


def _assessment(value: str) -> str:
    return Assessment(value).label if value else "Ingen bedömning"


def _section_changes(section, previous) -> list[Change]:
    earlier = previous or _EMPTY
    found = [
        _value("Bedömning", _assessment(earlier.assessment), _assessment(section.assessment))
        if section.goal_id
        else None,
        _value("Inte aktuellt", "Ja" if earlier.not_applicable else "Nej", "Ja" if section.not_applicable else "Nej"),
        _text("Analys" if section.goal_id else "Text", earlier.analysis, section.analysis),
        _text("Sammanfattning för presentation", earlier.presentation_summary, section.presentation_summary),
    ]
    return [c for c in found if c is not None]


def _indicator_changes(result, previous) -> list[Change]:
    indicator = result.indicator
    changes = []
    for name, label in FIGURE_LABELS.items():
        before = figure_text(getattr(previous, name, None), indicator) or "(tomt)"
        after = figure_text(getattr(result, name), indicator) or "(tomt)"
        changes.append(_value(f"{indicator.name} – {label}", before, after))
    changes.append(_text(f"{indicator.name} – Analys", getattr(previous, "analysis", ""), result.analysis))
    return [c for c in changes if c is not None]


def _activity_changes(result, previous) -> list[Change]:
    prefix = f"Aktivitet {result.activity.text[:60]}"
    deviation_before = "Ja" if previous is not None and previous.deviation else "Nej"
    changes = [
        _value(f"{prefix} – Avvikelse", deviation_before, "Ja" if result.deviation else "Nej"),
        _text(f"{prefix} – Analys", getattr(previous, "analysis", ""), result.analysis),
    ]
    return [c for c in changes if c is not None]


class _Empty:
    assessment = analysis = presentation_summary = ""
    not_applicable = False


_EMPTY = _Empty()


def report_changes(report: Report, *, only_section=None) -> ReportChanges:
    """The changes of every section of `report` (or of `only_section`) since the previous period's report, its
    figures (indicators and activities under a goal) counted with its section. Seven queries at most."""
    previous = previous_report(report)
    result = ReportChanges(report, previous)
    if previous is None:
        return result
    result.since = period_name(previous.period, report.period)
    later, earlier = report_contents(report), report_contents(previous)
    earlier_sections = earlier.sections_by_key()
    indicators, activities = earlier.indicators_by_key(), earlier.activities_by_key()
    figures = {}
    for row in later.indicator_results:
        figures.setdefault(row.indicator.goal_id, []).extend(
            _indicator_changes(row, indicators.get(indicator_key(row.indicator)))
        )
    for row in later.activity_results:
        figures.setdefault(row.activity.goal_id, []).extend(
            _activity_changes(row, activities.get(activity_key(row.activity)))
        )
    seen = set()
    for section in later.sections:
        key = section_key(section)
        counterpart = earlier_sections.get(key)
        seen.add(key)
        if only_section is not None and section.pk != only_section.pk:
            continue
        changes = _section_changes(section, counterpart)
        if section.goal_id:
            changes += figures.get(section.goal_id, [])
        if changes or counterpart is None:
            result.sections.append(SectionChanges(section, counterpart, changes))
        else:
            result.unchanged += 1
    if only_section is None:
        result.removed = [s.title for key, s in earlier_sections.items() if key not in seen]
    # Document order: the chapters by position, the goal tree by its numbers (later goals sort into place).
    result.sections.sort(
        key=lambda c: (_GOALS, c.section.goal.sort_key) if c.section.goal_id else (c.section.position, "")
    )
    return result
