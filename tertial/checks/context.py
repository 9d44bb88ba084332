"""Everything the checks read about one report, loaded once with a fixed number of queries, plus the places
(title, link with anchor, document order) a finding points to.

A finding's link lands on the exact field: the anchors are the ids Django gives the section page's form fields
(section form prefix `s`, indicator rows `ind-<id>`, activity rows `akt-<id>`, see tertial/forms.py), so nothing
has to be added to the page; should those prefixes change, this is the one place to follow. The economy page gives
each table the id `tabell-<Table.key>` (templates/economy/_table.html).
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from indicators.models import (
    Activity,
    ActivityResult,
    Indicator,
    IndicatorResult,
    with_previous_period,
    with_previous_vb,
)
from tertial.models import Period, Section
from tertial.richtext import plain_text
from tertial.sections import Chapter

from . import Finding

ANCHOR_ASSESSMENT = "id_s-assessment_0"  # the first radio button of Bedömning
ANCHOR_ANALYSIS = "id_s-analysis"
ANCHOR_SUMMARY = "id_s-presentation_summary"
ANCHOR_NOT_APPLICABLE = "id_s-not_applicable"
ANCHOR_DESCRIPTION = "beskrivning"  # a nämndmål's Beskrivning and Förväntat resultat (headings, not fields)
ANCHOR_EXPECTED_RESULT = "forvantat-resultat"

# Within a section: bedömning, analys, presentation summary, indicators, activities, other.
ORDER_ASSESSMENT, ORDER_ANALYSIS, ORDER_SUMMARY, ORDER_INDICATOR, ORDER_ACTIVITY, ORDER_OTHER = range(6)
ECONOMY_TABLES_GROUP = "Uppföljning av ekonomi – tabeller"


def indicator_anchor(indicator_id: int, field: str = "outcome") -> str:
    """The indicator row's field: outcome, outcome_men, outcome_women, forecast or analysis."""
    return f"id_ind-{indicator_id}-{field}"


def activity_anchor(activity_id: int, field: str = "analysis") -> str:
    """The activity row's field: deviation or analysis."""
    return f"id_akt-{activity_id}-{field}"


def economy_table_anchor(table_key: str) -> str:
    """The id of the economy page's table `table_key` (templates/economy/_table.html)."""
    return f"tabell-{table_key}"


def period_end(period) -> date:
    """The last day the period covers: 30 April (T1), 31 August (T2), 31 December (VB)."""
    return {Period.Kind.T1: date(period.year, 4, 30), Period.Kind.T2: date(period.year, 8, 31)}.get(
        period.kind, date(period.year, 12, 31)
    )


def short_goal_title(goal) -> str:
    """`Nämndmål 1.1.1`, `KF:s mål för verksamhetsområdet 1.2`: enough to find it, short enough for a list."""
    return f"{goal.get_level_display()} {goal.number}"


def shorten(text: str, length: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Place:
    """Where a finding points: the section (if any), a readable label, the link and the document order."""

    section: Section | None
    label: str
    url: str
    order: tuple
    group: str = ""  # the Kontroll's heading; by default the section's title, without one the economy tables

    def finding(self, severity: str, key: str, message: str) -> Finding:
        return Finding(
            severity=severity,
            key=key[:255],  # FindingAcknowledgement.key's length
            place=self.label,
            message=message,
            section_id=self.section.id if self.section else None,
            url=self.url,
            group=self.group or (section_title(self.section) if self.section else ECONOMY_TABLES_GROUP),
            order=self.order,
        )


@dataclass
class TextSource:
    """One stored text the text checks scan, with where to fix it."""

    id: str  # stable part of a finding key, e.g. "avsnitt-12-analys"
    text: str
    place: Place
    plain: str = ""  # the words only (`richtext.plain_text`), what the patterns scan
    folded: str = ""  # the plain text in lower case, for quick "does it contain …" tests


def section_title(section: Section) -> str:
    if section.goal_id:
        return short_goal_title(section.goal)
    if section.kind == Section.Kind.ECONOMY_AREA:
        # The area's narrative is known by the area's name (joined by CheckContext, no query here).
        return f"Ekonomi – {section.title}"
    return section.get_kind_display()


class CheckContext:
    """The report's sections, goals, indicators, activities and their follow-up: six queries in all."""

    def __init__(self, report):
        self.report = report
        self.period = report.period
        self.namnd = report.namnd
        self.period_end = period_end(self.period)
        self.sections = list(
            Section.objects.filter(report=report)
            .select_related("goal", "economy_area_row__area")
            .order_by("position", "id")
        )
        self.section_by_goal = {s.goal_id: s for s in self.sections if s.goal_id}
        self.goal_sections = [s for s in self.sections if s.goal_id]
        self.goals = {s.goal_id: s.goal for s in self.goal_sections}
        # each with `previous_vb` (last year's VB outcome) and the figures of the year's previous report
        indicators = Indicator.objects.filter(namnd_id=report.namnd_id, year=self.period.year)
        indicators = with_previous_period(with_previous_vb(indicators, report), report)
        self.indicators = list(indicators.order_by("goal__sort_key", "position", "id"))
        self.indicator_results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report)}
        self.activities = list(
            Activity.objects.filter(namnd_id=report.namnd_id, year=self.period.year).order_by(
                "goal__sort_key", "position", "id"
            )
        )
        self.activity_results = {r.activity_id: r for r in ActivityResult.objects.filter(report=report)}
        self._section_urls = {}
        self._plain_texts = None
        self._economy = None
        self._position = {s.id: i for i, s in enumerate(self.sections)}

    @property
    def economy(self):
        """The economy as the consistency checks read it (`economy.tables.load(for_checks=True)`), loaded once."""
        if self._economy is None:
            from economy.tables import load

            self._economy = load(self.report, for_checks=True)
        return self._economy

    def economy_area_deviation(self, section: Section):
        """Avvikelse (after requests and resultatöverföringar) of the verksamhetsområde a narrative belongs to,
        from the economy the consistency checks read (it has the requests and the resultatenheter)."""
        for fig in self.economy.areas:
            if fig.section_id == section.id:
                return fig.deviation if fig.has_figures else None
        return None

    # Places -----------------------------------------------------------------------------------------------

    def section_url(self, section: Section, anchor: str = "") -> str:
        if section.id not in self._section_urls:
            self._section_urls[section.id] = reverse(
                "section_edit", kwargs={"slug": self.namnd.slug, "period": self.period.code, "pk": section.id}
            )
        return self._section_urls[section.id] + (f"#{anchor}" if anchor else "")

    def economy_url(self, table_key: str = "") -> str:
        url = reverse("economy:overview", kwargs={"slug": self.namnd.slug, "period": self.period.code})
        return url + (f"#{economy_table_anchor(table_key)}" if table_key else "")

    def section_place(self, section: Section, anchor: str, sub_order: int, label_suffix: str = "", index=0) -> Place:
        label = section_title(section) + (f" – {label_suffix}" if label_suffix else "")
        return Place(section, label, self.section_url(section, anchor), (self._position[section.id], sub_order, index))

    def goal_section_place(self, goal_id: int, anchor: str, sub_order: int, label_suffix: str, index=0) -> Place:
        """A place under a goal; a goal with no section in this report is reported at the overview."""
        section = self.section_by_goal.get(goal_id)
        if section is not None:
            return self.section_place(section, anchor, sub_order, label_suffix, index)
        url = reverse("report_overview", kwargs={"slug": self.namnd.slug, "period": self.period.code})
        return Place(None, label_suffix, url, (len(self.sections), sub_order, index))

    def indicator_place(self, indicator: Indicator, field: str = "outcome") -> Place:
        return self.goal_section_place(
            indicator.goal_id,
            indicator_anchor(indicator.id, field),
            ORDER_INDICATOR,
            f"indikator ”{shorten(indicator.name)}”",
            indicator.id,
        )

    def activity_place(self, activity: Activity, field: str = "analysis") -> Place:
        return self.goal_section_place(
            activity.goal_id,
            activity_anchor(activity.id, field),
            ORDER_ACTIVITY,
            f"aktivitet ”{shorten(activity.text)}”",
            activity.id,
        )

    def economy_place(self, table_key: str, label: str, index: int) -> Place:
        """Economy tables are printed where the economy sections begin (after the goals when there are none)."""
        first = next(
            (self._position[s.id] for s in self.sections if s.chapter_key == Chapter.ECONOMY), len(self.sections)
        )
        return Place(None, label, self.economy_url(table_key), (first - 0.5, ORDER_OTHER, index))

    # Texts ------------------------------------------------------------------------------------------------

    def plain_texts(self) -> list[TextSource]:
        """`texts()` with their plain text, computed once for all the text checks."""
        if self._plain_texts is None:
            self._plain_texts = []
            for source in self.texts():
                source.plain = plain_text(source.text)
                source.folded = source.plain.casefold()
                self._plain_texts.append(source)
        return self._plain_texts

    def texts(self):
        """Every text of the report that will be published, with its place."""
        for section in self.sections:
            if section.analysis:
                yield TextSource(
                    f"avsnitt-{section.id}-analys",
                    section.analysis,
                    self.section_place(section, ANCHOR_ANALYSIS, ORDER_ANALYSIS, "Analys"),
                )
            if section.presentation_summary and section.has_slide:  # else no slide publishes it
                yield TextSource(
                    f"avsnitt-{section.id}-sammanfattning",
                    section.presentation_summary,
                    self.section_place(section, ANCHOR_SUMMARY, ORDER_SUMMARY, "Sammanfattning för presentation"),
                )
        for indicator in self.indicators:
            result = self.indicator_results.get(indicator.id)
            if result and result.analysis:
                place = self.indicator_place(indicator, "analysis")
                place.label += " – Analys"
                yield TextSource(f"indikator-{indicator.id}-analys", result.analysis, place)
        for activity in self.activities:
            result = self.activity_results.get(activity.id)
            if result and result.analysis:
                place = self.activity_place(activity, "analysis")
                place.label += " – Analys"
                yield TextSource(f"aktivitet-{activity.id}-analys", result.analysis, place)
