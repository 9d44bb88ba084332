"""Everything an export prints, loaded once in a fixed number of queries, whatever the report's size.

Every export (Word, Excel, slides, PDF) reads the report through `load_report`, so the documents cannot
disagree with each other and none of them queries per goal, indicator or activity.
"""

import hashlib
from dataclasses import dataclass, field

from economy import tables as economy_tables
from indicators.selectors import report_follow_up
from indicators.table import ActivityRow, IndicatorRow

from ..models import Report, Section


@dataclass
class GoalItem:
    section: Section
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)

    @property
    def goal(self):
        return self.section.goal

    @property
    def assessed(self) -> bool:
        """Printed with its bedömning (and an Analys heading): not an inriktningsmål of a year whose template gives
        them prose only. `section.report` is the report the export loaded (set by `load_report`, no query)."""
        return self.section.report.assesses(self.goal)

    @property
    def assessment_label(self) -> str:
        """`Uppfylls helt`, or `Ingen` where no bedömning is made, as the published reports print it."""
        return self.section.get_assessment_display() if self.section.assessment else "Ingen"


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
    attachments: list = field(default_factory=list)  # tertial.models.Attachment, numbered

    @property
    def inriktningsmal(self) -> list[GoalItem]:
        return [g for g in self.goals if g.goal.level == 1]


def load_report(report: Report) -> ReportData:
    """The whole report for export. Seven queries of our own plus the economy module's fixed number (thirteen).

    `report` must have namnd and period joined (as `access.get_report_for_user` returns it).
    """
    sections = list(Section.objects.filter(report=report).select_related("goal"))
    for section in sections:
        section.report = report  # the one loaded with its nämnd and period: no query per section
    goal_sections = sorted((s for s in sections if s.goal_id), key=lambda s: s.goal.sort_key)
    goal_ids = {s.goal_id for s in goal_sections}
    follow_up = report_follow_up(report, goal_ids)
    items = {
        section.goal_id: GoalItem(section, follow_up[section.goal_id].indicators, follow_up[section.goal_id].activities)
        for section in goal_sections
    }

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
        attachments=list(report.attachments.all()),
    )
    data.version = _version(data)
    return data


def _version(data: ReportData) -> str:
    """A fingerprint of everything printed: two exports with the same version show the same report.

    Computed from the loaded data (no extra query), so the export log can tell which state was exported.
    """
    digest = hashlib.sha256()
    report = data.report
    digest.update(f"{report.pk}|{report.status}|{report.decision_date}|{report.inriktningsmal_assessment}".encode())
    for name in report.FRONT_MATTER_FIELDS:
        digest.update(f"|{getattr(report, name)}".encode())
    for attachment in data.attachments:
        digest.update(f"|a{attachment.pk}:{attachment.number}:{attachment.title}:{attachment.size}".encode())
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
