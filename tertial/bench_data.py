"""Synthetic full-size reports for benchmarks and query-count tests (`manage.py generate_bench_data`).

A report as large as the biggest real ones (DOMAIN.md: 150 indicators, 250 activities, 6 000-word analyses), built
with bulk inserts so that 30 of them take seconds. Deterministic: the same seed gives the same report.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from goals.models import Goal, ReportedGoal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult
from indicators.units import counts_persons

from . import richtext
from .models import Namnd, Period, Report, Section
from .services import report_create, section_position

RESULT_FIELDS = ["outcome", "outcome_men", "outcome_women", "forecast", "analysis"]

WORDS = (
    "förvaltningen nämnden verksamheten arbetet perioden året insatser samverkan invånare brukare barn unga "
    "vuxna äldre kvinnor män flickor pojkar trygghet kvalitet uppföljning utveckling resultat målet indikatorn "
    "prognos utfall budget stöd boende arbete studier försörjning integration förskola skola fritid kultur "
    "miljö klimat hållbarhet innovation digitalisering medarbetare chefer kompetens rekrytering handlingsplan "
    "stadsdelsområdet civilsamhället näringslivet polisen fastighetsägare aktiviteter analys bedömning har "
    "fortsatt ökat minskat genomförts påbörjats utvecklats stärkts bidragit visar bedöms förväntas når "
    "inom genom under efter inför enligt med för och att som det den en ett av till på i är kommer"
).split()
SUBHEADINGS = [
    "Jämställdhet",
    "Barns rättigheter",
    "Agenda 2030",
    "Feriejobb",
    "Integration",
    "Trygghet",
    "Samverkan",
    "Kompetensförsörjning",
    "Ekonomiskt bistånd",
    "Äldreomsorg",
    "Förskola",
    "Klimat och miljö",
    "Innovation och digitalisering",
    "Nationella minoriteters rättigheter",
]
UNITS = [("%", 1), ("%", 2), ("st", 0), ("kr", 0), ("", 1), ("barn/avd.", 1)]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def analysis_text(rng: random.Random, words: int) -> str:
    """About `words` words in the `tertial.richtext` format: subheadings, paragraphs and bullet lists."""
    lines: list[str] = []
    written = 0
    while written < words:
        if lines and rng.random() < 0.25:
            lines.append("## " + rng.choice(SUBHEADINGS))
        if rng.random() < 0.2:
            for _ in range(rng.randint(3, 6)):
                n = rng.randint(5, 14)
                lines.append("- " + _sentence(rng, n))
                written += n
        else:
            sentences = [_sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(3, 7))]
            if rng.random() < 0.6:
                sentences.insert(rng.randint(1, len(sentences)), figure_sentence(rng))
            lines.append(" ".join(sentences))
            written += sum(len(s.split()) for s in sentences)
    return "\n".join(lines)


def figure_sentence(rng: random.Random) -> str:
    """A sentence with figures written as real reports write them (`61,3 %`, `2 412,5 mnkr`, `1 245 personer,
    varav …`, a date): what the publication check's number and gender-split scans read."""
    from .numbers import format_number, format_percent

    def pct():
        return format_percent(Decimal(rng.randint(50, 9900)) / 100)

    def mnkr():
        return format_number(Decimal(rng.randint(10, 30000)) / 10, 1, "mnkr")

    total = rng.randint(20, 4000)
    women = rng.randint(0, total)
    kind = rng.randrange(6)
    if kind == 0:
        return f"Andelen har {rng.choice(['ökat', 'minskat'])} från {pct()} till {pct()} sedan föregående år."
    if kind == 1:
        return f"Prognosen för helåret är ett {rng.choice(['överskott', 'underskott'])} om {mnkr()}."
    if kind == 2:
        men = format_number(total - women, 0)
        return f"Under perioden deltog {format_number(total, 0)} personer, varav {format_number(women, 0)} kvinnor och {men} män."
    if kind == 3:
        return f"Utfallet för perioden är {pct()} mot årsmålet {pct()}."
    if kind == 4:
        return f"Kostnaderna uppgick till {mnkr()}, vilket är {mnkr()} lägre än budget."
    return (
        f"Mätningen genomfördes {date(2025, rng.randint(1, 8), rng.randint(1, 28)).isoformat()} med {total} svarande."
    )


def _shared_goals(year: int, inriktningsmal: int, kf_goals: int) -> list[Goal]:
    """The year's KF goals (shared by every nämnd): created once, reused by later bench nämnder."""
    wanted = [(str(i), 1, None) for i in range(1, inriktningsmal + 1)]
    wanted += [(f"{i % inriktningsmal + 1}.{i // inriktningsmal + 1}", 2, None) for i in range(kf_goals)]
    existing = {g.number: g for g in Goal.objects.filter(year=year, namnd=None, level__lte=2)}
    goals = []
    for number, level, _ in sorted(wanted, key=lambda w: Goal.make_sort_key(w[0])):
        goal = existing.get(number)
        if goal is None:
            parent = existing[number.rsplit(".", 1)[0]] if level == 2 else None
            text = f"KF:s {'inriktningsmål' if level == 1 else 'mål för verksamhetsområdet'} {number} (testdata)"
            goal = Goal(year=year, level=level, number=number, text=text, parent=parent)
            goal.full_clean()
            goal.save()
            existing[number] = goal
        goals.append(goal)
    return goals


def delete_bench_report(*, slug: str, period_code: str) -> None:
    """Remove a bench nämnd's report and its own rows for the year (the shared KF goals stay)."""
    year, kind = Period.parse_code(period_code)
    Report.objects.filter(namnd__slug=slug, period__year=year, period__kind=kind).delete()
    if Report.objects.filter(namnd__slug=slug, period__year=year).exists():
        return  # another period of the same year still uses the year's structure
    IndicatorResult.objects.filter(indicator__namnd__slug=slug, indicator__year=year).delete()
    ActivityResult.objects.filter(activity__namnd__slug=slug, activity__year=year).delete()
    Indicator.objects.filter(namnd__slug=slug, year=year).delete()
    Activity.objects.filter(namnd__slug=slug, year=year).delete()
    Goal.objects.filter(namnd__slug=slug, year=year).delete()
    ReportedGoal.objects.filter(namnd__slug=slug, goal__year=year).delete()


@transaction.atomic
def create_bench_report(
    *,
    slug: str,
    name: str,
    period_code: str,
    goals: int = 30,
    indicators: int = 150,
    activities: int = 250,
    min_words: int = 500,
    max_words: int = 6000,
    seed: int = 0,
) -> Report:
    """A complete synthetic report for nämnd `slug`: `goals` goals (3 inriktningsmål, a third of the rest KF goals,
    the others nämndmål), indicators with outcomes and gender splits, activities, and goal analyses of
    `min_words`–`max_words` words. Returns the existing report unchanged if there is one (idempotent)."""
    year, kind = Period.parse_code(period_code)
    if goals < 5:
        raise ValueError("En testrapport behöver minst 5 mål.")
    namnd, _ = Namnd.objects.get_or_create(slug=slug, defaults={"name": name, "kind": Namnd.Kind.STADSDELSNAMND})
    period, _ = Period.objects.get_or_create(year=year, kind=kind)
    existing = Report.objects.filter(namnd=namnd, period=period).first()
    if existing:
        return existing
    rng = random.Random(f"{seed}-{slug}-{period_code}")

    kf_count = max(1, (goals - 3) // 3)
    shared = _shared_goals(year, 3, kf_count)
    kf_goals = [g for g in shared if g.level == Goal.Level.KF_MAL]
    for goal in kf_goals:
        ReportedGoal.objects.get_or_create(namnd=namnd, goal=goal)
    own = []
    for i in range(goals - 3 - kf_count):
        parent = kf_goals[i % len(kf_goals)]
        number = f"{parent.number}.{i // len(kf_goals) + 1}"
        own.append(
            Goal(
                year=year,
                level=Goal.Level.NAMNDMAL,
                number=number,
                namnd=namnd,
                parent=parent,
                text=f"Nämndmål {number} för {name}",
                description=analysis_text(rng, 60),
                expected_result="\n".join("- " + _sentence(rng, 8) for _ in range(3)),
                sort_key=Goal.make_sort_key(number),
            )
        )
    own = bulk_create_with_history(own, Goal, batch_size=500)
    lower_goals = kf_goals + own

    new_indicators = []
    for i in range(indicators):
        goal = lower_goals[i % len(lower_goals)]
        unit, decimals = rng.choice(UNITS)
        split = rng.choice(list(Indicator.GenderSplit.values))
        is_kf = goal.level == Goal.Level.KF_MAL
        kf_text = is_kf and rng.random() < 0.2
        new_indicators.append(
            Indicator(
                year=year,
                namnd=namnd,
                goal=goal,
                code=f"bench-{i + 1:03d}",
                name=f"Indikator {i + 1}: " + _sentence(rng, 8)[:-1],
                kind=Indicator.Kind.KF if is_kf else Indicator.Kind.NAMND,
                unit=unit,
                decimals=decimals,
                gender_split=split,
                person_based=split != Indicator.GenderSplit.NONE,
                direction=rng.choice([Indicator.Direction.HIGHER, Indicator.Direction.LOWER]),
                target_value=Decimal(rng.randint(10, 90)),
                kf_target_value=Decimal(rng.randint(10, 90)) if is_kf and not kf_text else None,
                kf_target_text="Tas fram av nämnd" if kf_text else "",
                period_kind=rng.choice(list(Indicator.PeriodKind.values)),
                historical_vb_outcome=Decimal(rng.randint(100, 9000)) / 100,
                position=i,
            )
        )
    new_indicators = bulk_create_with_history(new_indicators, Indicator, batch_size=500)

    new_activities = [
        Activity(
            year=year,
            namnd=namnd,
            goal=lower_goals[i % len(lower_goals)],
            text=f"Aktivitet {i + 1}: " + _sentence(rng, rng.randint(10, 30)),
            kind=Activity.Kind.KF
            if lower_goals[i % len(lower_goals)].level == Goal.Level.KF_MAL
            else Activity.Kind.NAMND,
            start_date=date(year, 1, 1),
            end_date=date(year, rng.randint(6, 12), 28),
            position=i,
        )
        for i in range(activities)
    ]
    new_activities = bulk_create_with_history(new_activities, Activity, batch_size=500)

    report = report_create(namnd=namnd, period=period)
    assessments = ["helt", "helt", "helt", "delvis", "inte", ""]
    sections = list(report.sections.select_related("goal").order_by("position", "id"))
    for section in sections:
        if section.goal_id:
            section.assessment = rng.choice(assessments)
            section.analysis = richtext.clean(analysis_text(rng, rng.randint(min_words, max_words)))
        elif section.kind in Section.REPORT_LEVEL_KINDS:
            section.analysis = richtext.clean(analysis_text(rng, min_words))
    bulk_update_with_history(sections, Section, ["assessment", "analysis"], batch_size=200)

    made = {r.indicator_id: r for r in report.indicator_results.all()}
    results = []
    for indicator in new_indicators:
        # Within ±30 % of last year's, as real outcomes are (the checks warn of one more than double or under half).
        outcome = indicator.historical_vb_outcome * Decimal(rng.randint(70, 130)) / 100
        if indicator.unit == "%":
            outcome = min(outcome, Decimal(100))
        whole = counts_persons(indicator)  # people are counted in whole numbers (indicators.units)
        step = Decimal(1) if whole else Decimal("0.01")
        outcome = outcome.quantize(step)
        men = women = None
        if indicator.gender_split == Indicator.GenderSplit.RATE:
            men, women = (max(Decimal(0), outcome + Decimal(rng.randint(-300, 300)) / 100) for _ in range(2))
        elif indicator.gender_split == Indicator.GenderSplit.COUNT:
            men = (outcome * Decimal(rng.randint(30, 70)) / 100).quantize(step)
            women = outcome - men
        result = made[indicator.pk]
        result.outcome, result.outcome_men, result.outcome_women = outcome, men, women
        result.forecast = max(Decimal(0), outcome + Decimal(rng.randint(-500, 500)) / 100).quantize(step)
        # bulk_update writes past RichTextField.pre_save: cleaned here, as every stored text is
        result.analysis = richtext.clean(analysis_text(rng, rng.randint(20, 120))) if rng.random() < 0.3 else ""
        results.append(result)
    bulk_update_with_history(results, IndicatorResult, RESULT_FIELDS, batch_size=500)
    activity_results = {r.activity_id: r for r in report.activity_results.all()}
    followed = []
    for activity in new_activities:
        result = activity_results[activity.pk]
        result.deviation = rng.random() < 0.1
        result.analysis = richtext.clean(analysis_text(rng, rng.randint(20, 80))) if rng.random() < 0.3 else ""
        followed.append(result)
    bulk_update_with_history(followed, ActivityResult, ["deviation", "analysis"], batch_size=500)
    create_bench_economy(report=report, rng=rng)
    return report


AREAS = [
    ("Förskoleverksamhet", []),
    ("Individ- och familjeomsorg", ["barn och ungdom", "vuxna", "ekonomiskt bistånd"]),
    ("Äldreomsorg", []),
    ("Stöd och service till personer med funktionsnedsättning", []),
    ("Stadsmiljöverksamhet", []),
    ("Kultur- och fritidsverksamhet", []),
    ("Arbetsmarknadsåtgärder", []),
    ("Nämnd- och förvaltningsadministration", []),
]


def _mnkr(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 10, high * 10)) / 10


def create_bench_economy(*, report: Report, rng: random.Random) -> None:
    """The economy of a stadsdelsnämnd as large as Hässelby-Vällingby's: eight verksamhetsområden (three varav
    rows), the driftbudget summary, budgetjusteringar, omslutningsförändringar and eleven resultatenheter."""
    from economy.models import Area, AreaRow, BudgetAdjustment, DriftSummary, ResultUnit, TurnoverChange
    from economy.services import ensure_economy_rows

    year, namnd = report.period.year, report.namnd
    if Area.objects.filter(namnd=namnd, year=year).exists():
        return  # another period of the year made the catalogue: its rows are made by ensure_economy_rows
    areas, children = [], []
    for position, (name, varav) in enumerate(AREAS):
        area = Area(namnd=namnd, year=year, name=name, position=position * 10)
        areas.append(area)
        children += [(area, child, position * 10 + i + 1) for i, child in enumerate(varav)]
    areas = bulk_create_with_history(areas, Area)
    kids = bulk_create_with_history(
        [Area(namnd=namnd, year=year, name=child, parent=parent, position=pos) for parent, child, pos in children],
        Area,
    )
    # Each verksamhetsområde's narrative written, as in a finished report.
    narratives = bulk_create_with_history(
        [
            Section(
                report=report,
                kind=Section.Kind.ECONOMY_AREA,
                position=section_position(Section.Kind.ECONOMY_AREA) + position,
                analysis=analysis_text(rng, rng.randint(60, 200)),
            )
            for position, _area in enumerate(areas)
        ],
        Section,
    )
    sections = dict(zip([a.id for a in areas], narratives, strict=True))
    rows = []
    for area in [*areas, *kids]:
        budget = _mnkr(rng, 20, 600)
        rows.append(
            AreaRow(
                report=report,
                area=area,
                section=sections.get(area.id),
                budget=budget,
                change=_mnkr(rng, -5, 5) if rng.random() < 0.3 else None,
                forecast=budget + _mnkr(rng, -12, 12),
            )
        )
    bulk_create_with_history(rows, AreaRow)
    budget = sum(r.budget for r in rows if r.area.parent_id is None)
    forecast = sum(r.forecast for r in rows if r.area.parent_id is None)
    bulk_create_with_history(
        [
            DriftSummary(
                report=report,
                cost_budget=budget + 300,
                income_budget=Decimal(-300),
                cost_forecast=forecast + 310,
                income_forecast=Decimal(-310),
            )
        ],
        DriftSummary,
    )
    bulk_create_with_history(
        [
            BudgetAdjustment(
                report=report,
                kind=BudgetAdjustment.Kind.DRIFT,
                amount=_mnkr(rng, 1, 8),
                purpose=f"insatser inom {areas[i % len(areas)].name.lower()} (testdata)",
                area=areas[i % len(areas)],
                position=i,
            )
            for i in range(rng.randint(1, 4))
        ],
        BudgetAdjustment,
    )
    costs = [_mnkr(rng, 1, 9) for _ in range(2)]
    bulk_create_with_history(
        [  # an omslutningsförändring's netto is zero
            TurnoverChange(report=report, area=areas[i], costs=cost, income=-cost)
            for i, cost in zip(rng.sample(range(len(areas)), 2), costs, strict=True)
        ],
        TurnoverChange,
    )
    bulk_create_with_history(
        [
            ResultUnit(
                report=report,
                area=areas[0],
                code=str(301 + i),
                name=f"Resultatenhet {301 + i} (testdata)",
                gross_budget=Decimal(rng.randint(10_000, 60_000)),
                transfer_from=Decimal(-rng.randint(0, 2_000)),
                result=Decimal(rng.randint(-1_500, 1_500)),
                position=i,
            )
            for i in range(11)
        ],
        ResultUnit,
    )
    ensure_economy_rows(report=report)  # the narrative section of each verksamhetsområde
