"""Everything an export prints, loaded once in a fixed number of queries, whatever the report's size.

Every export (Word, Excel, slides, PDF) reads the report through `load_report`, so the documents cannot
disagree with each other and none of them queries per goal, indicator or activity.
"""

import hashlib
from dataclasses import dataclass, field

from economy import tables as economy_tables
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult, previous_vb_outcomes

from ..models import Period, Report, Section
from ..numbers import format_number


@dataclass
class IndicatorLine:
    indicator: Indicator
    result: IndicatorResult | None
    previous_vb: object  # Decimal | None

    def _fmt(self, value, decimals=None):
        return format_number(value, self.indicator.decimals if decimals is None else decimals, self.indicator.unit)

    @property
    def outcome(self):
        return self.result.outcome if self.result else None

    @property
    def outcome_men(self):
        return self.result.outcome_men if self.result else None

    @property
    def outcome_women(self):
        return self.result.outcome_women if self.result else None

    @property
    def forecast(self):
        return self.result.forecast if self.result else None

    @property
    def analysis(self) -> str:
        return self.result.analysis if self.result else ""

    def target_text(self) -> str:
        """`Årsmål` as printed: the number with its own precision (`3 %`, `2,7 %`), or the text (`Öka`)."""
        ind = self.indicator
        if ind.target_value is not None:
            return format_number(ind.target_value, None, ind.unit)
        return ind.target_text

    def kf_target_text(self) -> str:
        ind = self.indicator
        if ind.kf_target_value is not None:
            return format_number(ind.kf_target_value, None, ind.unit)
        return ind.kf_target_text

    def printed(self, period: Period) -> list[str]:
        """The nine cells of the document's indicator table, formatted the Swedish way."""
        return [
            self.indicator.name,
            self._fmt(self.outcome),
            self._fmt(self.outcome_men),
            self._fmt(self.outcome_women),
            self._fmt(self.previous_vb),
            self._fmt(self.forecast),
            self.target_text(),
            self.kf_target_text(),
            period_label(self.indicator, period),
        ]


@dataclass
class ActivityLine:
    activity: Activity
    result: ActivityResult | None

    @property
    def deviation(self) -> bool:
        return bool(self.result and self.result.deviation)

    @property
    def analysis(self) -> str:
        return self.result.analysis if self.result else ""


@dataclass
class GoalItem:
    section: Section
    indicators: list[IndicatorLine] = field(default_factory=list)
    activities: list[ActivityLine] = field(default_factory=list)

    @property
    def goal(self):
        return self.section.goal

    @property
    def assessment_label(self) -> str:
        return self.section.get_assessment_display() if self.section.assessment else "Ingen bedömning"


@dataclass
class TextItem:
    """A text section of a chapter with its subsections, as every export prints it (`tertial.sections`)."""

    section: Section
    children: list[Section] = field(default_factory=list)

    @property
    def lead(self) -> bool:
        """Printed straight under the chapter heading (Sammanfattande analys, Övrigt), without a heading."""
        return self.section.kind_info.lead


def printable(section: Section) -> bool:
    """An empty section is left out of the documents (a required one cannot pass the Kontroll empty)."""
    return section.not_applicable or bool(section.analysis.strip())


@dataclass
class ReportData:
    report: Report
    goals: list[GoalItem]  # depth first, in document order
    texts: dict[str, Section]  # the built-in text sections by kind (the first of each kind)
    chapters: dict[str, list[TextItem]]  # every text section the exports print themselves, by chapter, in order
    economy: list  # economy.tables.Table, in document order
    economy_parts: list  # the same tables with the economy narratives (economy.tables.Narrative) between them
    decisions: list[str]
    areas: list  # (name, budget, avvikelse)
    area_total: tuple
    version: str

    @property
    def inriktningsmal(self) -> list[GoalItem]:
        return [g for g in self.goals if g.goal.level == 1]


def period_label(indicator: Indicator, period: Period) -> str:
    """The `Period` column: `Tertial 2 2022`, `Halvår 1 2024`, or the bare year for annual indicators."""
    if indicator.period_kind == Indicator.PeriodKind.AR or period.kind == Period.Kind.VB:
        return str(period.year)
    if indicator.period_kind == Indicator.PeriodKind.HALVAR:
        # At T1 (Jan–Apr) the latest half-year is the second of last year; at T2 it is this year's first.
        return f"Halvår 2 {period.year - 1}" if period.kind == Period.Kind.T1 else f"Halvår 1 {period.year}"
    return period.label


def load_report(report: Report) -> ReportData:
    """The whole report for export. Six queries of our own plus the economy module's fixed number (thirteen).

    `report` must have namnd and period joined (as `access.get_report_for_user` returns it).
    """
    sections = list(Section.objects.filter(report=report).select_related("goal"))
    goal_sections = sorted((s for s in sections if s.goal_id), key=lambda s: s.goal.sort_key)
    goal_ids = {s.goal_id for s in goal_sections}
    year = report.period.year

    indicators = [
        i
        for i in Indicator.objects.filter(namnd_id=report.namnd_id, year=year).order_by("position", "id")
        if i.goal_id in goal_ids
    ]
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report)}
    previous = previous_vb_outcomes(report, indicators) if indicators else {}
    activities = [
        a
        for a in Activity.objects.filter(namnd_id=report.namnd_id, year=year).order_by("position", "id")
        if a.goal_id in goal_ids
    ]
    activity_results = {r.activity_id: r for r in ActivityResult.objects.filter(report=report)}

    items = {s.goal_id: GoalItem(s) for s in goal_sections}
    for ind in indicators:
        items[ind.goal_id].indicators.append(IndicatorLine(ind, results.get(ind.id), previous.get(ind.id)))
    for act in activities:
        items[act.goal_id].activities.append(ActivityLine(act, activity_results.get(act.id)))

    texts, chapters = {}, {}
    by_id = {}
    for section in sorted(sections, key=lambda s: (s.position, s.id)):
        if section.goal_id or section.kind_info.placed_by_economy:
            continue  # goals have their chapter; economy texts are placed among the economy tables
        texts.setdefault(section.kind, section)
        if section.parent_id and section.parent_id in by_id:
            by_id[section.parent_id].children.append(section)
        else:
            by_id[section.id] = item = TextItem(section)
            chapters.setdefault(section.chapter_key, []).append(item)
    # The economy is loaded once and shared by its tables, the Förslag items and the slide's area summary.
    economy = economy_tables.load(report)
    parts = economy_tables.report_parts(report, economy)
    areas, area_total = economy_tables.area_summary(report, economy)
    data = ReportData(
        report=report,
        goals=[items[s.goal_id] for s in goal_sections],
        texts=texts,
        chapters=chapters,
        economy=[p for p in parts if isinstance(p, economy_tables.Table)],
        economy_parts=parts,
        decisions=economy_tables.decision_items(report, economy),
        areas=list(areas),
        area_total=area_total,
        version="",
    )
    data.version = _version(data)
    return data


def _version(data: ReportData) -> str:
    """A fingerprint of everything printed: two exports with the same version show the same report.

    Computed from the loaded data (no extra query), so the export log can tell which state was exported.
    """
    digest = hashlib.sha256()
    report = data.report
    digest.update(f"{report.pk}|{report.status}|{report.decision_date}".encode())
    for item in data.goals:
        s = item.section
        digest.update(f"|g{s.pk}:{s.version}:{s.assessment}:{s.analysis}:{s.presentation_summary}".encode())
        goal = s.goal
        digest.update(f"|{goal.heading}:{goal.description}:{goal.expected_result}".encode())
        for line in item.indicators:
            ind = line.indicator
            digest.update(
                f"|{ind.pk}:{ind.name}:{ind.unit}:{ind.decimals}:{ind.target_value}:{ind.target_text}".encode()
            )
            digest.update(f":{ind.kf_target_value}:{ind.kf_target_text}:{ind.period_kind}:{line.previous_vb}".encode())
            r = line.result
            if r:
                digest.update(f"|i{r.pk}:{r.outcome}:{r.outcome_men}:{r.outcome_women}:{r.forecast}".encode())
                digest.update(r.analysis.encode())
        for line in item.activities:
            act = line.activity
            digest.update(f"|{act.pk}:{act.text}:{act.start_date}:{act.end_date}".encode())
            r = line.result
            if r:
                digest.update(f"|a{r.pk}:{r.deviation}:{r.analysis}".encode())
    economy_texts = [p.section for p in data.economy_parts if isinstance(p, economy_tables.Narrative)]
    chapter_texts = [s for items in data.chapters.values() for item in items for s in [item.section, *item.children]]
    for section in [*chapter_texts, *economy_texts]:
        # heading_text, not title: an economy area's title would be a query per area (its name is in the tables).
        digest.update(f"|s{section.pk}:{section.version}:{section.heading_text}:{section.not_applicable}:".encode())
        digest.update(f"{section.analysis}:{section.presentation_summary}".encode())
    for table in data.economy:
        digest.update(repr((table.key, [(r.label, r.values) for r in table.rows])).encode())
    digest.update(repr(data.decisions).encode())
    return digest.hexdigest()[:16]
