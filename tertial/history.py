"""Historik of a section: its versions (section rows and the figures saved with them), readable diffs, and the
state at a version for restoring. A fixed number of queries whatever the history's length.

A save writes the section row first and then its figures, so a figure's history record belongs to the latest
section record at or before it.
"""

import difflib
from bisect import bisect_right
from dataclasses import dataclass, field

from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult
from indicators.table import FIGURE_LABELS

from . import richtext
from .editing import ACTIVITY_FIELDS, INDICATOR_FIELDS, SECTION_FIELDS
from .models import Assessment, Section
from .numbers import format_number

TEXT_FIELDS = {"analysis", "presentation_summary", "return_reason"}
SECTION_LABELS = {
    "assessment": "Bedömning",
    "analysis": "Analys",
    "presentation_summary": "Sammanfattning för presentation",
    "not_applicable": "Inte aktuellt",
    "state": "Granskningsstatus",
    "return_reason": "Skäl till återremiss",
    "responsible_id": "Ansvarig",
}
INDICATOR_LABELS = {**FIGURE_LABELS, "analysis": "Analys"}
ACTIVITY_LABELS = {"deviation": "Avvikelse", "analysis": "Analys"}


@dataclass
class Change:
    label: str  # "Analys", "Indikator X – Periodens utfall"
    before: str = ""
    after: str = ""
    diff: list = field(default_factory=list)  # for texts: rows of (op, [(op, words)])


@dataclass
class Step:
    """A saved row within a version that did not change its content: a review step, a new ansvarig."""

    record: object
    changes: list = field(default_factory=list)


@dataclass
class Version:
    record: object  # the section's historical record that saved this version
    number: int  # the section's own `version` (the one the section page, the conflict page and the admin show)
    changes: list = field(default_factory=list)
    steps: list = field(default_factory=list)  # [Step] after the save, in the same version


# The diff of a very large text stays fast and small (a 1,6 MB text once ran past the worker timeout): lines are
# compared only between the common beginning and end, words only inside lines of moderate length and up to a
# budget, and the page shows a bounded number of rows and characters, saying what it left out.
MAX_LINE_PRODUCT = 4_000_000  # lines of old × lines of new compared line by line (after the common ends)
MAX_WORD_DIFF_WORDS = 1_500  # words per line compared word by word
MAX_WORDS_COMPARED = 10_000  # words compared word by word in one diff, all lines together
MAX_ROWS = 400  # rows of one diff shown
MAX_SEGMENT_CHARS = 2_000  # characters of one line shown
MAX_DIFF_CHARS = 60_000  # characters of one diff shown
LEFT_OUT = "… fler ändrade rader visas inte här."


def _cap(text: str) -> str:
    if len(text) <= MAX_SEGMENT_CHARS:
        return text
    rest = format_number(len(text) - MAX_SEGMENT_CHARS, 0)
    return f"{text[:MAX_SEGMENT_CHARS]} … ({rest} tecken till visas inte)"


def _line_opcodes(old_lines: list, new_lines: list) -> list:
    """Opcodes as difflib gives them, computed only between the common beginning and end (cheap to find)."""
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_lines), len(new_lines)) - head
        and old_lines[len(old_lines) - 1 - tail] == new_lines[len(new_lines) - 1 - tail]
    ):
        tail += 1
    a, b = old_lines[head : len(old_lines) - tail], new_lines[head : len(new_lines) - tail]
    # Exact for ordinary texts; for very long ones difflib's heuristic, which ignores lines repeated everywhere.
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=len(a) * len(b) > MAX_LINE_PRODUCT)
    middle = [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [c for c in middle if c[2] > c[1] or c[4] > c[3]]
    if tail:
        codes.append(("equal", len(old_lines) - tail, len(old_lines), len(new_lines) - tail, len(new_lines)))
    return codes


def text_diff(old: str, new: str) -> list:
    """Line diff of two stored texts, words marked inside changed lines. Returns rows of (op, segments); the
    template escapes every segment. Bounded in time and size for any text length (see MAX_ROWS and the rest).
    Texts are compared in the line markup (`## Rubrik`, `- punkt`, table rows as `a | b`), whichever format each
    version was stored in."""
    old_lines = richtext.to_markup(old or "").splitlines()
    new_lines = richtext.to_markup(new or "").splitlines()
    rows, words_left = [], MAX_WORDS_COMPARED
    for op, i1, i2, j1, j2 in _line_opcodes(old_lines, new_lines):
        if op == "equal":
            if i2 - i1 > 0:
                text = f"… {i2 - i1} oförändrade rader …" if i2 - i1 > 1 else _cap(old_lines[i1])
                rows.append(("equal", [("equal", text)]))
        else:
            # Changed lines are paired and marked word by word; the rest were added or removed.
            paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for a, b in zip(old_lines[i1 : i1 + paired], new_lines[j1 : j1 + paired], strict=True):
                words = a.count(" ") + b.count(" ") + 2
                if words <= min(2 * MAX_WORD_DIFF_WORDS, words_left):
                    words_left -= words
                    rows.append(("replace", _word_diff(a, b)))
                else:
                    rows += [("delete", [("delete", _cap(a))]), ("insert", [("insert", _cap(b))])]
                if len(rows) > MAX_ROWS:
                    break
            rows.extend(("delete", [("delete", _cap(line))]) for line in old_lines[i1 + paired : i2][:MAX_ROWS])
            rows.extend(("insert", [("insert", _cap(line))]) for line in new_lines[j1 + paired : j2][:MAX_ROWS])
        if len(rows) > MAX_ROWS:
            break
    shown, chars = [], 0
    for row in rows[:MAX_ROWS]:
        chars += sum(len(text) for _op, text in row[1])
        if chars > MAX_DIFF_CHARS:
            break
        shown.append(row)
    if len(shown) < len(rows):
        shown.append(("equal", [("equal", LEFT_OUT)]))
    return shown


def _word_diff(a: str, b: str) -> list:
    words_a, words_b = a.split(" "), b.split(" ")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", _cap(" ".join(words_a[i1:i2]) + " ")))
        else:
            if i2 > i1:
                segments.append(("delete", _cap(" ".join(words_a[i1:i2]) + " ")))
            if j2 > j1:
                segments.append(("insert", _cap(" ".join(words_b[j1:j2]) + " ")))
    return segments


def _display(name: str, value, users: dict) -> str:
    if value is None and name != "responsible_id":
        return "(tomt)"
    if name == "assessment":
        return Assessment(value).label if value else "Ingen bedömning"
    if name == "state":
        return Section.State(value).label
    if name in ("not_applicable", "deviation"):
        return "Ja" if value else "Nej"
    if name == "responsible_id":
        return users.get(value, "Ingen") if value else "Ingen"
    if name in INDICATOR_LABELS and name != "analysis":
        return format_number(value, empty="(tomt)")
    return str(value)


def _changes(old, new, names_labels: dict, prefix: str, users: dict) -> list[Change]:
    changes = []
    for name, label in names_labels.items():
        before = getattr(old, name) if old is not None else ("" if name in TEXT_FIELDS or name == "analysis" else None)
        after = getattr(new, name)
        if old is None and name not in ("analysis",) and after in (None, "", False):
            continue
        if before == after:
            continue
        full_label = f"{prefix}{label}"
        if name in TEXT_FIELDS or name == "analysis":
            changes.append(Change(full_label, diff=text_diff(before, after)))
        else:
            changes.append(Change(full_label, _display(name, before, users), _display(name, after, users)))
    return changes


def _figure_records(section):
    """The history records of the section's indicator and activity results, oldest first. Two queries."""
    report = section.report
    if not section.goal_id:
        return []
    scope = {"goal_id": section.goal_id, "namnd_id": report.namnd_id, "year": report.period.year}
    indicator_ids = Indicator.objects.filter(**scope).values("id")
    activity_ids = Activity.objects.filter(**scope).values("id")
    records = list(
        IndicatorResult.history.filter(report_id=report.pk, indicator_id__in=indicator_ids).select_related("indicator")
    ) + list(
        ActivityResult.history.filter(report_id=report.pk, activity_id__in=activity_ids).select_related("activity")
    )
    records.sort(key=lambda r: (r.history_date, r.history_id))
    return records


def section_versions(section) -> list[Version]:
    """Every version of the section, newest first, each with its changes against the one before.

    A version is numbered by the section's `version`, which only a save of the content (figures included) raises;
    the rows a review step or a new ansvarig saved in between are that version's `steps`, so the history's newest
    number is the one the section page shows."""
    records = list(section.history.select_related("history_user").order_by("history_date", "history_id"))
    responsible_ids = {r.responsible_id for r in records if r.responsible_id}
    from django.contrib.auth import get_user_model

    users = {u.pk: u.get_full_name() or u.username for u in get_user_model().objects.filter(pk__in=responsible_ids)}
    versions: list[Version] = []
    starts = []  # the date each version was saved, for placing the figures' records
    for i, record in enumerate(records):
        changes = _changes(records[i - 1] if i else None, record, SECTION_LABELS, "", users)
        if versions and record.version == versions[-1].number:
            versions[-1].steps.append(Step(record, changes))
        else:
            versions.append(Version(record=record, number=record.version, changes=changes))
            starts.append(record.history_date)
    last_of = {}
    for figure in _figure_records(section):
        index = max(bisect_right(starts, figure.history_date) - 1, 0)
        if not versions:
            break
        key = ("i", figure.indicator_id) if hasattr(figure, "indicator_id") else ("a", figure.activity_id)
        if key[0] == "i":
            labels, prefix = INDICATOR_LABELS, f"{figure.indicator.name} – "
        else:
            labels, prefix = ACTIVITY_LABELS, f"Aktivitet {figure.activity.text[:60]} – "
        versions[index].changes.extend(_changes(last_of.get(key), figure, labels, prefix, users))
        last_of[key] = figure
    return list(reversed(versions))


def version_author(section):
    """Who saved the section's current version (not whoever changed its status or ansvarig since). One query."""
    record = (
        section.history.filter(version=section.version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
        .first()
    )
    return record.history_user if record else None


def state_at(section, record) -> dict:
    """The section's content as of a version, in the shape `editing.save_section` takes."""
    state = {"section": {name: getattr(record, name) for name in SECTION_FIELDS}, "indicators": {}, "activities": {}}
    later = section.history.filter(history_date__gt=record.history_date).order_by("history_date").first()
    figures = _figure_records(section)
    # A figure first saved after this version was empty then.
    for figure in figures:
        if hasattr(figure, "indicator_id"):
            state["indicators"][figure.indicator_id] = dict.fromkeys(INDICATOR_FIELDS, None) | {"analysis": ""}
        else:
            state["activities"][figure.activity_id] = {"deviation": False, "analysis": ""}
    for figure in figures:
        if later is not None and figure.history_date >= later.history_date:
            break
        if hasattr(figure, "indicator_id"):
            state["indicators"][figure.indicator_id] = {n: getattr(figure, n) for n in INDICATOR_FIELDS}
        else:
            state["activities"][figure.activity_id] = {n: getattr(figure, n) for n in ACTIVITY_FIELDS}
    return state
