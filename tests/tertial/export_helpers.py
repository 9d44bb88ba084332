"""A report with real content for the export tests: analyses with subheadings, bullets and bold, indicator
results with Swedish figures, activities with deviations. `size` sets how many KF goals (each with a nämndmål)."""

from datetime import date
from decimal import Decimal

from goals.models import Goal, ReportedGoal
from indicators.models import ActivityResult, IndicatorResult
from tertial.models import Report, Section
from tertial.services import report_create
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
    """The plan first (goals, indicators, activities), then the report through `report_create`, then its texts and
    figures, as a förvaltning would have it."""
    namnd = namnd or make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")
    period = period or make_period(2022, "T2")
    year = period.year
    texts = {}  # goal -> (assessment, analysis, summary)
    results = []  # (indicator, fields)
    follow_ups = []  # (activity, fields)

    # KF's goals are shared by all nämnder: a second report in the same year reuses them.
    top = _kf_goal("1", "En modern storstad med möjligheter och valfrihet för alla", year)
    texts[top.pk] = (
        "helt",
        ANALYSIS,
        "- Antalet hushåll med ekonomiskt bistånd minskade.\n- 223 ungdomar feriejobbade.",
    )
    for n in range(1, size + 1):
        kf = _kf_goal(f"1.{n}", f"KF-mål nummer {n}", year, parent=top)
        ReportedGoal.objects.create(namnd=namnd, goal=kf)
        texts[kf.pk] = ("helt" if n % 2 else "delvis", ANALYSIS, "")
        own = make_goal(
            f"1.{n}.1",
            f"Nämndmål nummer {n}",
            year=year,
            namnd=namnd,
            parent=kf,
            description="Med att försörja sig själv menas ett lönearbete.",
            expected_result="Fler är självförsörjande.",
        )
        texts[own.pk] = ("helt", ANALYSIS, "")
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
        results.append(
            (
                rate,
                {
                    "outcome": Decimal("1.89"),
                    "outcome_men": Decimal("1.99"),
                    "outcome_women": Decimal("2.09"),
                    "forecast": Decimal("1.89"),
                    "analysis": '=HYPERLINK("http://example.org") är inte en formel',
                },
            )
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
        results.append((count, {"outcome": Decimal("9120"), "forecast": Decimal("9000")}))
        kf_act = make_activity(kf, namnd, f"Kommunstyrelsen ska i samarbete med nämnden göra {n}", kind="kf")
        follow_ups.append((kf_act, {"deviation": True, "analysis": "Försenad."}))
        make_activity(own, namnd, f"Nämndaktivitet {n}", end_date=date(year, 6, 30))

    report = report_create(namnd=namnd, period=period)
    for section in report.sections.all():
        if section.goal_id in texts:
            section.assessment, section.analysis, section.presentation_summary = texts[section.goal_id]
        elif section.kind in Section.REPORT_LEVEL_KINDS:
            section.analysis = f"## {section.kind}\nText om {section.kind}."
        else:
            continue
        section.save()
    for model, rows, key in ((IndicatorResult, results, "indicator"), (ActivityResult, follow_ups, "activity")):
        for obj, fields in rows:
            row = model.objects.get(report=report, **{key: obj})
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
    if status != report.status or report.decision_date is None:
        report.status, report.decision_date = status, date(year, 9, 8)
        report.save()
    return report
