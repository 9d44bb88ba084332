"""A report with real content for the export tests: analyses with subheadings, bullets and bold, indicator
results with Swedish figures, activities with deviations. `size` sets how many KF goals (each with a nämndmål)."""

from datetime import date
from decimal import Decimal

from goals.models import Goal, ReportedGoal
from indicators.models import ActivityResult, IndicatorResult
from tertial.models import Report, Section
from tests.conftest import make_activity, make_goal, make_indicator, make_namnd, make_period

ANALYSIS = (
    "Förvaltningen bedömer att målet **nås helt** under året.\n"
    "## Jämställdhet\n"
    "Kvinnor och män får samma stöd.\n"
    "- Första punkten\n"
    "- Andra punkten med **fet** text\n"
    "## Barns rättigheter\n"
    "Barnkonsekvensanalyser görs vid beslut."
)


def _kf_goal(number, text, year, parent=None):
    existing = Goal.objects.filter(year=year, number=number, namnd=None).first()
    return existing or make_goal(number, text, year=year, parent=parent)


def make_rich_report(namnd=None, period=None, *, size=2, status=Report.Status.UNDER_ARBETE):
    namnd = namnd or make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")
    period = period or make_period(2022, "T2")
    year = period.year
    report = Report.objects.create(namnd=namnd, period=period, status=status, decision_date=date(year, 9, 8))
    position = 0

    def section(goal, assessment, analysis=ANALYSIS, summary=""):
        nonlocal position
        position += 1
        return Section.objects.create(
            report=report,
            kind=Section.Kind.GOAL,
            goal=goal,
            assessment=assessment,
            analysis=analysis,
            presentation_summary=summary,
            position=position,
        )

    # KF's goals are shared by all nämnder: a second report in the same year reuses them.
    top = _kf_goal("1", "En modern storstad med möjligheter och valfrihet för alla", year)
    section(top, "helt", summary="- Antalet hushåll med ekonomiskt bistånd minskade.\n- 223 ungdomar feriejobbade.")
    for n in range(1, size + 1):
        kf = _kf_goal(f"1.{n}", f"KF-mål nummer {n}", year, parent=top)
        ReportedGoal.objects.create(namnd=namnd, goal=kf)
        section(kf, "helt" if n % 2 else "delvis")
        own = make_goal(
            f"1.{n}.1",
            f"Nämndmål nummer {n}",
            year=year,
            namnd=namnd,
            parent=kf,
            description="Med att försörja sig själv menas ett lönearbete.",
            expected_result="Fler är självförsörjande.",
        )
        section(own, "helt")
        rate = make_indicator(
            kf,
            namnd,
            f"KF-{n}",
            name=f"Andel personer som har ekonomiskt bistånd {n}",
            decimals=2,
            target_value=Decimal("2.15"),
            kf_target_value=Decimal("1.5"),
            gender_split="rate",
            historical_vb_outcome=Decimal("2.11"),
        )
        IndicatorResult.objects.create(
            report=report,
            indicator=rate,
            outcome=Decimal("1.89"),
            outcome_men=Decimal("1.99"),
            outcome_women=Decimal("2.09"),
            forecast=Decimal("1.89"),
            analysis='=HYPERLINK("http://example.org") är inte en formel',
        )
        count = make_indicator(
            own,
            namnd,
            f"N-{n}",
            name=f"Antal feriejobb {n}",
            unit="st",
            decimals=0,
            target_value=Decimal("9000"),
            kf_target_text="Tas fram av nämnd",
        )
        IndicatorResult.objects.create(
            report=report, indicator=count, outcome=Decimal("9120"), forecast=Decimal("9000")
        )
        kf_act = make_activity(kf, namnd, f"Kommunstyrelsen ska i samarbete med nämnden göra {n}", kind="kf")
        ActivityResult.objects.create(report=report, activity=kf_act, deviation=True, analysis="Försenad.")
        make_activity(own, namnd, f"Nämndaktivitet {n}", end_date=date(year, 6, 30))
    for offset, kind in enumerate(Section.REPORT_LEVEL_KINDS, start=100):
        Section.objects.create(report=report, kind=kind, position=offset, analysis=f"## {kind}\nText om {kind}.")
    return report
