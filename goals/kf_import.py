"""The city's KF structure of a budget year from the Excel template: inriktningsmål and KF:s mål för
verksamhetsområdet (sheet Mål), KF indicators with KF:s årsmål, KF activities and budget assignments. Creating year N
from year N−1 is this import fed with year N−1's structure (`kf_workbook(year=N, source_year=N-1)`)."""

from indicators.models import Indicator, KfActivity, KfIndicator
from indicators.units import figure_problem
from tertial import richtext
from tertial.models import Report, Section
from tertial.uploads import Column, ImportProblem, ImportRejected, read_table

from . import excel, sync
from .models import Goal, ReportedGoal

GOAL_SHEET, INDICATOR_SHEET, ACTIVITY_SHEET = "Mål", "KF-indikatorer", "KF-aktiviteter"
GOAL_COLUMNS = [Column("Nummer", "number"), Column("Mål", "text"), Column("Beskrivning", "description", False)]
INDICATOR_COLUMNS = [
    Column("Kod", "code"),
    Column("Indikator", "name"),
    Column("KF-mål", "goal"),
    Column("Enhet", "unit", False),
    Column("Decimaler", "decimals", False),
    Column("Könsuppdelning", "gender_split", False),
    Column("Avser personer", "person_based", False),
    Column("Riktning", "direction", False),
    Column("KF:s årsmål", "kf_target", False),
    Column("Periodicitet", "period_kind", False),
]
ACTIVITY_COLUMNS = [
    Column("KF-mål", "goal"),
    Column("Aktivitet", "text"),
    Column("Startdatum", "start_date", False),
    Column("Slutdatum", "end_date", False),
]
INDICATOR_FIELDS = [
    "name",
    "unit",
    "decimals",
    "gender_split",
    "person_based",
    "direction",
    "kf_target_value",
    "kf_target_text",
    "period_kind",
    "position",
]


def read_structure(book):
    """({number: goal values}, {code: indicator values}, {(goal, text): activity values}) or ImportRejected."""
    problems = []
    missing = [s for s in (GOAL_SHEET, INDICATOR_SHEET, ACTIVITY_SHEET) if s not in book.sheetnames]
    if missing:
        names = ", ".join(f"”{s}”" for s in missing)
        raise ImportRejected([ImportProblem("", None, "", f"Filen saknar bladen {names}. Använd mallen.")])
    goals, indicators, activities = {}, {}, {}
    for row in read_table(book, GOAL_SHEET, GOAL_COLUMNS, problems):
        number = excel.read_cell(row, "number", excel.goal_number, problems, (1, 2))
        if not number:
            continue
        parent = number.rsplit(".", 1)[0] if "." in number else None
        if number in goals:
            problems.append(row.problem("number", f"Målet {number} står mer än en gång."))
        elif parent and parent not in goals:
            problems.append(
                row.problem("number", f"Inriktningsmålet {parent} saknas: det ska stå på en rad före målet {number}.")
            )
        else:
            level = Goal.Level.INRIKTNINGSMAL if parent is None else Goal.Level.KF_MAL
            text = excel.text(row.get("text"))
            goals[number] = {
                "level": level,
                "text": text,
                "description": richtext.clean(excel.text(row.get("description"))),
            }
            goals[number]["parent"] = parent
    kf_numbers = {n for n, g in goals.items() if g["level"] == Goal.Level.KF_MAL}

    for row in read_table(book, INDICATOR_SHEET, INDICATOR_COLUMNS, problems):
        code = excel.read_cell(row, "code", excel.text, problems, max_length=40)
        goal = excel.read_cell(row, "goal", excel.goal_number, problems, 2)
        if goal and goal not in kf_numbers:
            problems.append(row.problem("goal", f"Okänt KF-mål {goal}: det står inte på bladet ”{GOAL_SHEET}”."))
        if code in indicators:
            problems.append(row.problem("code", f"Indikatorkoden ”{code}” står mer än en gång."))
        kf_value, kf_text = excel.read_cell(row, "kf_target", excel.target, problems) or (None, "")
        values = {
            "goal": goal,
            "name": excel.text(row.get("name")),
            "unit": excel.read_cell(row, "unit", excel.text, problems, max_length=40) or "",
            "decimals": excel.read_cell(row, "decimals", excel.whole_number, problems, maximum=6) or 0,
            "gender_split": excel.read_cell(
                row, "gender_split", excel.choice, problems, excel.GENDER_SPLIT, Indicator.GenderSplit, "none"
            ),
            "person_based": bool(excel.read_cell(row, "person_based", excel.yes_no, problems)),
            "direction": excel.read_cell(
                row, "direction", excel.choice, problems, excel.DIRECTION, Indicator.Direction, "higher"
            ),
            "kf_target_value": kf_value,
            "kf_target_text": kf_text,
            "period_kind": excel.read_cell(
                row, "period_kind", excel.choice, problems, excel.PERIOD_KIND, Indicator.PeriodKind, "tertial"
            ),
            "position": 0,  # per goal, below
        }
        if problem := figure_problem(KfIndicator(**{k: v for k, v in values.items() if k != "goal"}), kf_value):
            problems.append(row.problem("kf_target", problem))  # the unit's rule, as on every write
        if code and goal:
            indicators[code] = values

    for row in read_table(book, ACTIVITY_SHEET, ACTIVITY_COLUMNS, problems):
        goal = excel.read_cell(row, "goal", excel.goal_number, problems, 2)
        text = excel.text(row.get("text"))
        start, end = (
            excel.read_cell(row, "start_date", excel.day, problems),
            excel.read_cell(row, "end_date", excel.day, problems),
        )
        if goal and goal not in kf_numbers:
            problems.append(row.problem("goal", f"Okänt KF-mål {goal}: det står inte på bladet ”{GOAL_SHEET}”."))
        elif start and end and end < start:
            problems.append(row.problem("end_date", "Slutdatum ligger före startdatum."))
        elif (goal, text) in activities:
            problems.append(row.problem("text", f"Aktiviteten står två gånger under KF-målet {goal}."))
        elif goal:
            activities[(goal, text)] = {"goal": goal, "start_date": start, "end_date": end}
    book.close()
    if problems:
        raise ImportRejected(problems)
    excel.per_goal_positions(indicators)
    excel.per_goal_positions(activities)
    return goals, indicators, activities


class KfImport:
    """The difference between a read KF structure and the year's rows; `apply` writes it."""

    def __init__(self, *, year: int, goals: dict, indicators: dict, activities: dict):
        self.year = year
        self.preview = p = sync.Preview()
        self.goals = {g.number: g for g in Goal.objects.filter(year=year, namnd=None)}
        self.numbers = {g.id: n for n, g in self.goals.items()}
        existing_indicators = {i.code: i for i in KfIndicator.objects.filter(year=year)}
        existing_activities = {(self.numbers[a.goal_id], a.text): a for a in KfActivity.objects.filter(year=year)}
        self.goal_diff = sync.compare("mål", self.goals, goals, self._current)
        self.indicator_diff = sync.compare("KF-indikator", existing_indicators, indicators, self._current)
        self.activity_diff = sync.compare("KF-aktivitet", existing_activities, activities, self._current)

        # A goal printed in a fastställd report keeps its text; a goal nämnder use stays.
        locked = set(
            Section.objects.filter(
                goal__year=year, goal__namnd=None, report__status=Report.Status.FASTSTALLD
            ).values_list("goal_id", flat=True)
        )
        used = (
            locked
            | set(ReportedGoal.objects.filter(goal__year=year).values_list("goal_id", flat=True))
            | set(Goal.objects.filter(year=year, namnd__isnull=False).values_list("parent_id", flat=True))
            | set(Indicator.objects.filter(year=year).values_list("goal_id", flat=True))
            | set(Section.objects.filter(goal__year=year, goal__namnd=None).values_list("goal_id", flat=True))
        )
        for _key, goal, _values, _changed in [c for c in self.goal_diff.change if c[1].id in locked]:
            p.blocked.append(f"Målet {goal} används i en fastställd rapport och ändras inte.")
        self.goal_diff.change = [c for c in self.goal_diff.change if c[1].id not in locked]
        missing_ids = {g.id for g in self.goal_diff.missing}
        blocked = used & missing_ids
        blocked |= {
            g.id
            for g in self.goal_diff.missing
            if any(c.parent_id == g.id for c in self.goals.values() if c.id in blocked)
        }
        self.removable_goals = []
        for goal in self.goal_diff.missing:
            if goal.id in blocked:
                p.blocked.append(f"Målet {goal} saknas i filen men används av nämnderna och tas inte bort.")
            else:
                p.missing.append(f"Mål {goal}")
                self.removable_goals.append(goal)
        p.missing += [f"KF-indikator {i.code} {sync.short(i.name)}" for i in self.indicator_diff.missing]
        p.missing += [
            f"KF-aktivitet under {self.numbers[a.goal_id]}: {sync.short(a.text)}" for a in self.activity_diff.missing
        ]
        p.add(self.goal_diff, Goal, lambda number, v: f"{number} {sync.short(v['text'])}")
        p.add(self.indicator_diff, KfIndicator, lambda code, v: f"{code} {sync.short(v['name'])} (KF-mål {v['goal']})")
        p.add(self.activity_diff, KfActivity, lambda key, _v: f"{sync.short(key[1])} (KF-mål {key[0]})")

    def _current(self, obj, name):
        if name in ("goal", "parent"):
            return self.numbers.get(getattr(obj, f"{name}_id"))
        return getattr(obj, name)

    def apply(self, *, user, remove_missing: bool):
        goals = dict(self.goals)
        for level in (Goal.Level.INRIKTNINGSMAL, Goal.Level.KF_MAL):  # parents before children
            new = [
                self._set_goal(Goal(year=self.year, number=number), values, goals)
                for number, values in self.goal_diff.create
                if values["level"] == level
            ]
            for goal in sync.create(Goal, new, user):
                goals[goal.number] = goal
        changed = [self._set_goal(goal, values, goals) for _n, goal, values, _c in self.goal_diff.change]
        sync.update(Goal, changed, ["text", "description"], user)

        new = [
            self._set(KfIndicator(year=self.year, code=code), values, goals[values["goal"]])
            for code, values in self.indicator_diff.create
        ]
        sync.create(KfIndicator, new, user)
        changed = [self._set(obj, v, goals[v["goal"]]) for _k, obj, v, _c in self.indicator_diff.change]
        sync.update(KfIndicator, changed, INDICATOR_FIELDS, user)
        new = [
            self._set(KfActivity(year=self.year, text=text), values, goals[goal])
            for (goal, text), values in self.activity_diff.create
        ]
        sync.create(KfActivity, new, user)
        changed = [self._set(obj, v, goals[key[0]]) for key, obj, v, _c in self.activity_diff.change]
        sync.update(KfActivity, changed, ["start_date", "end_date", "position"], user)

        if remove_missing:
            sync.delete(KfIndicator.objects.filter(id__in=[i.id for i in self.indicator_diff.missing]))
            sync.delete(KfActivity.objects.filter(id__in=[a.id for a in self.activity_diff.missing]))
            removable = sorted(self.removable_goals, key=lambda g: -g.level)  # children first
            for goal in removable:
                goal.delete()
            self.preview.removed = len(self.indicator_diff.missing) + len(self.activity_diff.missing) + len(removable)

    def _set_goal(self, goal, values, goals):
        goal.level, goal.text, goal.description = values["level"], values["text"], values["description"]
        goal.parent = goals[values["parent"]] if values["parent"] else None
        goal.sort_key = Goal.make_sort_key(goal.number)
        goal.full_clean(exclude=["parent", "namnd"], validate_unique=False, validate_constraints=False)
        return goal

    @staticmethod
    def _set(obj, values, goal):
        for name, value in values.items():
            if name != "goal":
                setattr(obj, name, value)
        obj.goal = goal
        obj.full_clean(exclude=["goal"], validate_unique=False, validate_constraints=False)
        return obj


KF_INSTRUCTIONS = [
    "Budgetårets KF-struktur: fyll i bladen och ladda upp filen under Stadens år i Tertial.",
    "Mål: inriktningsmål har ett led i numret (1), KF:s mål för verksamhetsområdet två (1.2). Inriktningsmålet står"
    " före sina KF-mål.",
    "KF-indikatorer: Kod kopplar indikatorn mellan år och nämnder och ändras inte. KF:s årsmål är ett tal eller en"
    " text (Tas fram av nämnd/styrelse).",
    "KF-aktiviteter: KF:s aktiviteter och budgetuppdrag per KF-mål; datum som 2025-01-31.",
    "Nämnder som följer upp ett KF-mål får dess KF-indikatorer och KF-aktiviteter när de importerar sin plan.",
    "En ny import uppdaterar raderna. Rader som saknas i filen tas bort bara om du bekräftar det.",
]


def kf_workbook(*, year: int, source_year: int | None = None) -> bytes:
    """The KF template for `year`, filled with the structure of `source_year` (default the same year)."""
    source_year = source_year or year
    shift = year - source_year
    goals = Goal.objects.filter(year=source_year, namnd=None).order_by("sort_key")
    indicators = KfIndicator.objects.filter(year=source_year).select_related("goal")
    activities = KfActivity.objects.filter(year=source_year).select_related("goal")
    return excel.build_workbook(
        [
            (GOAL_SHEET, [c.header for c in GOAL_COLUMNS], [[g.number, g.text, g.description] for g in goals]),
            (
                INDICATOR_SHEET,
                [c.header for c in INDICATOR_COLUMNS],
                [
                    [
                        i.code,
                        i.name,
                        i.goal.number,
                        i.unit,
                        i.decimals,
                        excel.choice_label(Indicator.GenderSplit, i.gender_split),
                        "Ja" if i.person_based else "Nej",
                        excel.choice_label(Indicator.Direction, i.direction),
                        i.kf_target_value if i.kf_target_value is not None else i.kf_target_text or None,
                        excel.choice_label(Indicator.PeriodKind, i.period_kind),
                    ]
                    for i in indicators
                ],
            ),
            (
                ACTIVITY_SHEET,
                [c.header for c in ACTIVITY_COLUMNS],
                [
                    [a.goal.number, a.text, excel.shift_year(a.start_date, shift), excel.shift_year(a.end_date, shift)]
                    for a in activities
                ],
            ),
        ],
        [f"KF-struktur för budgetåret {year}", *KF_INSTRUCTIONS],
    )
