"""Reports for the publication-check tests, built from the seeds (Hässelby-Vällingby T2 2022 unless noted)."""

from datetime import date
from decimal import Decimal as D

from goals.models import Goal, ReportedGoal
from indicators.models import Activity, Indicator, IndicatorResult
from tertial.checks import run_checks
from tertial.models import Report, Section
from tests.conftest import (
    make_activity,
    make_goal,
    make_indicator,
    make_period,
    make_report,
    set_activity_result,
    set_indicator_result,
)

# Clean text from the seed, with what could look like a defect but is not: a date written 22-08-23, a
# paragraph reference (SOSFS 2011:9), goal references (1.4 och 3.2), `ca.`, an age range, percentages, amounts.
CLEAN_ANALYSIS = (
    "## Positivt arbete\n"
    "Andelen hushåll som uppbär ekonomiskt bistånd minskar, och insatser för prioriterade målgrupper ger effekt.\n"
    "Socialförvaltningen meddelar 22-08-23 att resultatet kommer att finnas i beslutsstöd om ca två veckor.\n"
    "Antalet deltagare har minskat från 78 personer (66 % män och 34 % kvinnor) i januari till 65 personer i juni.\n"
    "- Andelen unga vuxna 18-24 år som uppbär ekonomiskt bistånd har minskat.\n"
    "- Förvaltningen uppskattar att ca. 15 barn kommer börja i förskola under augusti.\n"
    "Arbetet med ledningssystem enligt SOSFS 2011:9 har fortsatt. Detta beskrivs under 1.4 och 3.2.\n"
    "Prognosen är ett överskott om 6,0 mnkr mot en budget om 2 412,5 mnkr, 9 000 st feriejobb 2022-01-01–2022-08-31."
)
CLEAN_SUMMARY = (
    "Förvaltningen bedömer att det arbete som genomförts hittills innebär att stadsdelsnämnden under året kommer "
    "att bidra till hel måluppfyllelse inom samtliga av kommunfullmäktiges inriktningsmål."
)


def reload(report) -> Report:
    """The report as views and the command fetch it (nämnd and period joined)."""
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


def make_clean_report(namnd=None, period=None) -> Report:
    """conftest's small report, filled in so that the check finds nothing (see `make_publishable`).

    KF-1 is the seed's "Andel vuxna med långvarigt ekonomiskt bistånd" (1,44 %; män 1,38 %, kvinnor 1,51 %;
    prognos 1,44 % against årsmål 1,5 %, lower is better); N-1 is "Antal aspiranter som fått Stockholmsjobb"
    (11 st = 2 st + 9 st, prognos 30 st, årsmål 30 st).
    """
    return make_publishable(make_report(namnd, period))


def make_publishable(report) -> Report:
    """Fill in conftest's small report (`make_report`) so that the publication check finds nothing in it."""
    report.decision_date = date(report.period.year, 9, 8)  # the tjänsteutlåtande's date (front matter)
    report.save()
    for s in Section.objects.filter(report=report):
        s.analysis = CLEAN_SUMMARY if s.kind == Section.Kind.SUMMARY else CLEAN_ANALYSIS
        s.assessment = "helt" if s.kind == Section.Kind.GOAL else ""
        s.save()
    kf = Indicator.objects.get(namnd=report.namnd, code="KF-1", year=report.period.year)
    kf.name = "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare"
    kf.gender_split, kf.person_based, kf.direction = Indicator.GenderSplit.RATE, True, Indicator.Direction.LOWER
    kf.decimals, kf.target_value, kf.kf_target_value = 2, D("1.5"), D("1.0")
    kf.save()
    set_indicator_result(
        report=report,
        indicator=kf,
        outcome=D("1.44"),
        outcome_men=D("1.38"),
        outcome_women=D("1.51"),
        forecast=D("1.44"),
    )
    own = Indicator.objects.get(namnd=report.namnd, code="N-1", year=report.period.year)
    own.name = "Antal aspiranter som fått Stockholmsjobb"
    own.gender_split, own.person_based, own.target_value = Indicator.GenderSplit.COUNT, True, D("30")
    own.save()
    set_indicator_result(
        report=report, indicator=own, outcome=D("11"), outcome_men=D("2"), outcome_women=D("9"), forecast=D("30")
    )
    return reload(report)


def section(report, kind=Section.Kind.GOAL, number=None) -> Section:
    sections = Section.objects.filter(report=report, kind=kind)
    if number:
        sections = sections.filter(goal__number=number)
    return sections.get()


def set_text(report, text, kind=Section.Kind.GOAL, number="1.1.1") -> Section:
    s = section(report, kind, number if kind == Section.Kind.GOAL else None)
    s.analysis = text
    s.save()
    return s


def indicator(report, code) -> Indicator:
    return Indicator.objects.get(namnd=report.namnd, year=report.period.year, code=code)


def result(report, code) -> IndicatorResult:
    return IndicatorResult.objects.get(report=report, indicator__code=code)


def findings(report, check=None):
    """The findings of a report (optionally of one check, by the key's prefix)."""
    found = run_checks(reload(report))
    return [f for f in found if check is None or f.key.startswith(check + ":")]


# The T2 2022 goal tree: 3 inriktningsmål, 12 KF goals, 18 nämndmål, with the bedömningar as published
# (1.2 and 1.4 delvis; nämndmål 1.4.1 with no bedömning, all other nämndmål helt).
INRIKTNINGSMAL = {
    "1": "En modern storstad med möjligheter och valfrihet för alla",
    "2": "En hållbart växande och dynamisk storstad med hög tillväxt",
    "3": "En ekonomiskt hållbar och innovativ storstad för framtiden",
}
KF_GOALS = {
    "1.1": "helt",
    "1.2": "delvis",
    "1.3": "helt",
    "1.4": "delvis",
    "1.5": "helt",
    "2.1": "helt",
    "2.2": "helt",
    "2.3": "helt",
    "2.4": "helt",
    "2.5": "helt",
    "3.1": "helt",
    "3.2": "helt",
}
NAMNDMAL = {
    "1.1.1": "helt",
    "1.2.1": "helt",
    "1.2.2": "helt",
    "1.3.1": "helt",
    "1.4.1": "",
    "1.5.1": "helt",
    "1.5.2": "helt",
    "2.1.1": "helt",
    "2.2.1": "helt",
    "2.3.1": "helt",
    "2.4.1": "helt",
    "2.5.1": "helt",
    "2.5.2": "helt",
    "3.1.1": "helt",
    "3.2.1": "helt",
    "3.2.2": "helt",
    "3.2.3": "helt",
    "3.2.4": "helt",
}
SEED_SUMMARY = (
    "Förvaltningen bedömer att det arbete som genomförts hittills innebär att stadsdelsnämnden under året kommer "
    "att bidra till hel måluppfyllelse inom samtliga av kommunfullmäktiges inriktningsmål. Tio av tolv "
    "verksamhetsområdesmål bedöms uppnås helt och två delvis. Av totalt arton nämndmål bedöms sexton nämndmål "
    "uppnås helt och två delvis. Bedömningen utgår ifrån den verksamhet som har bedrivits, resultat av indikatorer "
    "och nämndmål samt aktiviteter som påbörjats och som kommer att slutföras under året.\n"
    "## En modern storstad med möjligheter och valfrihet för alla\n"
    "Bedömningen är att stadsdelsnämnden under året kommer att bidra till att inriktningsmålet nås helt. "
    "Förvaltningens bedömning grundar sig på att tre verksamhetsområdesmål nås helt och två delvis.\n"
    "## En hållbart växande och dynamisk storstad med hög tillväxt\n"
    "Bedömningen är att stadsdelsnämnden under året kommer att bidra till att inriktningsmålet nås helt. "
    "Förvaltningens bedömning grundar sig på att samtliga underliggande verksamhetsområdesmål nås helt.\n"
    "Utvecklingsarbete inom samtliga tre fokusområden har skett i samverkan med näringslivet."
)


def make_seed_tree_report(namnd, summary=SEED_SUMMARY) -> Report:
    """A report with the T2 2022 goal tree, its bedömningar and the published Sammanfattande analys."""
    report = make_report(namnd, make_period(2022, "T2"), with_tree=False)
    goals = {}
    position = 0
    for number, text in INRIKTNINGSMAL.items():
        goals[number] = make_goal(number, text)
    for number in KF_GOALS:
        goals[number] = make_goal(number, f"KF-mål {number}", parent=goals[number.rsplit(".", 1)[0]])
        ReportedGoal.objects.create(namnd=namnd, goal=goals[number])
    for number in NAMNDMAL:
        goals[number] = make_goal(number, f"Nämndmål {number}", namnd=namnd, parent=goals[number.rsplit(".", 1)[0]])
    assessments = {n: "helt" for n in INRIKTNINGSMAL} | KF_GOALS | NAMNDMAL
    for number in sorted(goals, key=Goal.make_sort_key):
        Section.objects.create(
            report=report,
            kind=Section.Kind.GOAL,
            goal=goals[number],
            assessment=assessments[number],
            analysis=CLEAN_ANALYSIS,
            position=position,
        )
        position += 1
    Section.objects.create(report=report, kind=Section.Kind.SUMMARY, analysis=summary, position=100)
    return reload(report)


def grow(report, n: int):
    """Add `n` indicators with results, `n` activities with follow-up and `n` long texts under the first goal
    section that has none of them: the report's size, not its shape, changes."""
    goal_section = Section.objects.filter(report=report, kind=Section.Kind.GOAL, goal__level=3).first()
    goal = goal_section.goal
    for i in range(n):
        ind = make_indicator(goal, report.namnd, f"GROW-{i}", unit="st", decimals=0, person_based=True)
        set_indicator_result(
            report=report, indicator=ind, outcome=D(10), outcome_men=D(4), outcome_women=D(6), analysis="Text."
        )
        act = make_activity(goal, report.namnd, f"Aktivitet {i}", end_date=date(report.period.year, 3, 31))
        set_activity_result(report=report, activity=act, analysis="Genomförd enligt plan.")
        Section.objects.create(report=report, kind=Section.Kind.OTHER, analysis=CLEAN_ANALYSIS * 3, position=200 + i)
    return Activity.objects.filter(namnd=report.namnd).count()
