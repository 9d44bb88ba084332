"""A nämnd's plan for a year (verksamhetsplan) from the Excel template: which KF goals it follows up, its
nämndmål, indicators and activities. Read whole, compared with the database by natural key (KF goal number,
nämndmål number, indicator code, activity goal + text), then applied whole or not at all.

The KF indicators and activities of a followed KF goal come from the city's structure (`KfIndicator`,
`KfActivity`): the nämnd gets its own rows with the same code; the file adds the nämnd's årsmål to them.
"""

from dataclasses import dataclass, field

from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult, KfActivity, KfIndicator
from indicators.units import figure_problem
from tertial import richtext
from tertial.models import Report, Section
from tertial.uploads import Column, ImportProblem, ImportRejected, read_table

from . import excel, sync
from .models import Goal, ReportedGoal

FOLLOWED_SHEET, GOAL_SHEET, INDICATOR_SHEET, ACTIVITY_SHEET = "KF-mål", "Nämndmål", "Indikatorer", "Aktiviteter"
FOLLOWED_COLUMNS = [Column("Nummer", "number"), Column("Mål", "text", False), Column("Följs upp", "followed")]
GOAL_COLUMNS = [
    Column("Nummer", "number"),
    Column("Mål", "text"),
    Column("Beskrivning", "description", False),
    Column("Förväntat resultat", "expected_result", False),
    Column("KF-mål", "parent", False),
]
INDICATOR_COLUMNS = [
    Column("Kod", "code"),
    Column("Indikator", "name"),
    Column("Mål", "goal"),
    Column("Enhet", "unit", False),
    Column("Decimaler", "decimals", False),
    Column("Könsuppdelning", "gender_split", False),
    Column("Avser personer", "person_based", False),
    Column("Riktning", "direction", False),
    Column("Årsmål", "target", False),
    Column("KF:s årsmål", "kf_target", False),
    Column("Periodicitet", "period_kind", False),
    Column("Utfall VB föregående år", "historical_vb_outcome", False),
]
ACTIVITY_COLUMNS = [
    Column("Mål", "goal"),
    Column("Aktivitet", "text"),
    Column("Startdatum", "start_date", False),
    Column("Slutdatum", "end_date", False),
]
# What a KF indicator takes from the city's definition rather than from the nämnd's file.
KF_DEFINITION = ["name", "unit", "decimals", "gender_split", "person_based", "direction", "period_kind"]
KF_TARGET = ["kf_target_value", "kf_target_text"]
INDICATOR_FIELDS = [
    *KF_DEFINITION,
    *KF_TARGET,
    "kind",
    "target_value",
    "target_text",
    "historical_vb_outcome",
    "position",
]

# The figures of an indicator row, by the column they are read from.
FIGURE_COLUMNS = {
    "target_value": "target",
    "kf_target_value": "kf_target",
    "historical_vb_outcome": "historical_vb_outcome",
}


@dataclass
class PlanFile:
    followed: list = field(default_factory=list)  # KF goal numbers
    goals: dict = field(default_factory=dict)  # number -> values
    indicators: dict = field(default_factory=dict)  # code -> values (+ "_row")
    activities: dict = field(default_factory=dict)  # (goal number, text) -> values


def read_plan(book, kf_goals: dict) -> PlanFile:
    """The file's content, or ImportRejected listing every problem. `kf_goals` {number: Goal} of the year."""
    problems, plan = [], PlanFile()
    missing = [s for s in (FOLLOWED_SHEET, GOAL_SHEET, INDICATOR_SHEET, ACTIVITY_SHEET) if s not in book.sheetnames]
    if missing:
        names = ", ".join(f"”{s}”" for s in missing)
        raise ImportRejected([ImportProblem("", None, "", f"Filen saknar bladen {names}. Använd mallen.")])

    for row in read_table(book, FOLLOWED_SHEET, FOLLOWED_COLUMNS, problems):
        number = excel.read_cell(row, "number", excel.goal_number, problems, 2)
        followed = excel.read_cell(row, "followed", excel.yes_no, problems)
        if number and number not in kf_goals:
            problems.append(row.problem("number", f"Okänt KF-mål {number}: det finns inte i budgetårets KF-struktur."))
        elif number and followed:
            if number in plan.followed:
                problems.append(row.problem("number", f"KF-målet {number} står mer än en gång."))
            plan.followed.append(number)

    for row in read_table(book, GOAL_SHEET, GOAL_COLUMNS, problems):
        number = excel.read_cell(row, "number", excel.goal_number, problems, 3)
        parent = excel.read_cell(row, "parent", excel.goal_number, problems, 2) if row.get("parent") else None
        if not number:
            continue
        parent = parent or number.rsplit(".", 1)[0]
        if number in plan.goals:
            problems.append(row.problem("number", f"Nämndmålet {number} står mer än en gång."))
        elif parent not in kf_goals:
            problems.append(row.problem("parent", f"Okänt KF-mål {parent}: det finns inte i budgetårets KF-struktur."))
        elif not number.startswith(parent + "."):
            problems.append(row.problem("number", f"Numret ska börja med KF-målets nummer {parent}."))
        elif parent not in plan.followed:
            problems.append(
                row.problem("parent", f"KF-målet {parent} följs inte upp: skriv Ja för det på bladet ”KF-mål”.")
            )
        else:
            plan.goals[number] = {
                "text": excel.text(row.get("text")),
                # as stored (the import writes with bulk_update, past RichTextField.pre_save)
                "description": richtext.clean(excel.text(row.get("description"))),
                "expected_result": richtext.clean(excel.text(row.get("expected_result"))),
                "parent": parent,
            }
    known_goals = set(plan.goals) | set(plan.followed)

    for row in read_table(book, INDICATOR_SHEET, INDICATOR_COLUMNS, problems):
        code = excel.read_cell(row, "code", excel.text, problems, max_length=40)
        goal = excel.read_cell(row, "goal", excel.goal_number, problems, (2, 3))
        if goal and goal not in known_goals:
            problems.append(
                row.problem("goal", f"Målet {goal} finns inte bland nämndmålen eller de KF-mål som följs upp.")
            )
        if code in plan.indicators:
            problems.append(row.problem("code", f"Indikatorkoden ”{code}” står mer än en gång."))
        target_value, target_text = excel.read_cell(row, "target", excel.target, problems) or (None, "")
        kf_value, kf_text = excel.read_cell(row, "kf_target", excel.target, problems) or (None, "")
        values = {
            "goal": goal,
            "name": excel.text(row.get("name")),
            "kind": Indicator.Kind.KF if goal and goal.count(".") == 1 else Indicator.Kind.NAMND,
            "unit": excel.read_cell(row, "unit", excel.text, problems, max_length=40),
            "decimals": excel.read_cell(row, "decimals", excel.whole_number, problems, maximum=6),
            "gender_split": excel.read_cell(
                row, "gender_split", excel.choice, problems, excel.GENDER_SPLIT, Indicator.GenderSplit, "none"
            ),
            "person_based": excel.read_cell(row, "person_based", excel.yes_no, problems),
            "direction": excel.read_cell(
                row, "direction", excel.choice, problems, excel.DIRECTION, Indicator.Direction, "higher"
            ),
            "target_value": target_value,
            "target_text": target_text,
            "kf_target_value": kf_value,
            "kf_target_text": kf_text,
            "period_kind": excel.read_cell(
                row, "period_kind", excel.choice, problems, excel.PERIOD_KIND, Indicator.PeriodKind, "tertial"
            ),
            "historical_vb_outcome": excel.read_cell(row, "historical_vb_outcome", excel.decimal, problems),
            "position": 0,  # per goal, below
            "_row": row,
        }
        if code and goal:
            plan.indicators[code] = values

    for row in read_table(book, ACTIVITY_SHEET, ACTIVITY_COLUMNS, problems):
        goal = excel.read_cell(row, "goal", excel.goal_number, problems, (2, 3))
        text = excel.text(row.get("text"))
        start, end = (
            excel.read_cell(row, "start_date", excel.day, problems),
            excel.read_cell(row, "end_date", excel.day, problems),
        )
        if goal and goal not in known_goals:
            problems.append(
                row.problem("goal", f"Målet {goal} finns inte bland nämndmålen eller de KF-mål som följs upp.")
            )
        elif start and end and end < start:
            problems.append(row.problem("end_date", "Slutdatum ligger före startdatum."))
        elif (goal, text) in plan.activities:
            problems.append(row.problem("text", f"Aktiviteten står två gånger under mål {goal}."))
        elif goal:
            kind = Activity.Kind.KF if goal.count(".") == 1 else Activity.Kind.NAMND
            plan.activities[(goal, text)] = {"goal": goal, "kind": kind, "start_date": start, "end_date": end}
    book.close()
    if problems:
        raise ImportRejected(problems)
    excel.per_goal_positions(plan.indicators)
    excel.per_goal_positions(plan.activities)
    return plan


class PlanImport:
    """The difference between a read plan and the nämnd's rows for the year; `apply` writes it."""

    def __init__(self, *, namnd, year: int, plan: PlanFile, kf_goals: dict):
        self.namnd, self.year, self.plan, self.kf_goals = namnd, year, plan, kf_goals
        self.preview = sync.Preview()
        own = {"namnd": namnd, "year": year}
        self.own_goals = {g.number: g for g in Goal.objects.filter(level=Goal.Level.NAMNDMAL, **own)}
        self.numbers = {g.id: g.number for g in [*kf_goals.values(), *self.own_goals.values()]}
        reported = ReportedGoal.objects.filter(namnd=namnd, goal__year=year).select_related("goal")
        self.reported = {r.goal.number: r for r in reported}
        self.indicators = {i.code: i for i in Indicator.objects.filter(**own)}
        self.activities = {(self.numbers.get(a.goal_id), a.text): a for a in Activity.objects.filter(**own)}
        self._wanted_indicators()
        self._wanted_activities()
        self._compare()

    def _wanted_indicators(self):
        catalogue = KfIndicator.objects.filter(year=self.year, goal__number__in=self.plan.followed).select_related(
            "goal"
        )
        self.wanted_indicators = {}
        for code, values in self.plan.indicators.items():
            self.wanted_indicators[code] = {k: v for k, v in values.items() if k != "_row"}
        for kf in catalogue:
            city = {name: getattr(kf, name) for name in KF_DEFINITION + KF_TARGET}
            mine = self.wanted_indicators.get(kf.code)
            if mine is None:
                self.wanted_indicators[kf.code] = {
                    "goal": kf.goal.number,
                    "kind": Indicator.Kind.KF,
                    **city,
                    "target_value": None,
                    "target_text": "",
                    "historical_vb_outcome": None,
                }
                self.preview.notes.append(f"KF-indikatorn ”{kf.name}” ({kf.code}) läggs till från stadens struktur.")
                continue
            row = self.plan.indicators[kf.code]["_row"]
            if mine["goal"] != kf.goal.number:
                raise ImportRejected(
                    [row.problem("goal", f"KF-indikatorn {kf.code} hör till KF-målet {kf.goal.number}.")]
                )
            differs = [n for n in KF_DEFINITION if row.get(n) is not None and mine[n] != city[n]]
            if differs:
                names = ", ".join(sync.field_label(Indicator, n) for n in differs)
                self.preview.notes.append(f"KF-indikatorn {kf.code}: stadens definition används ({names}).")
            if row.get("kf_target") is not None and (mine["kf_target_value"], mine["kf_target_text"]) != (
                city["kf_target_value"],
                city["kf_target_text"],
            ):
                self.preview.notes.append(f"KF-indikatorn {kf.code}: KF:s årsmål tas från stadens struktur.")
            mine.update(city)
        excel.per_goal_positions(self.wanted_indicators)  # the city's additions after the file's, goal by goal
        for values in self.wanted_indicators.values():  # defaults where the file left a cell empty
            values["unit"] = values["unit"] or ""
            values["decimals"] = values["decimals"] or 0
            values["person_based"] = bool(values["person_based"])
        self._check_figures()

    def _check_figures(self):
        """The unit's rule (`indicators.units`) for the file's figures, with the unit the indicator will have (the
        city's, for a KF indicator): a share of 140 % is refused at its cell, as on the section page."""
        problems = []
        for code, values in self.wanted_indicators.items():
            if code not in self.plan.indicators:
                continue
            indicator = Indicator(**{k: v for k, v in values.items() if k in INDICATOR_FIELDS})
            row = self.plan.indicators[code]["_row"]
            for name, column in FIGURE_COLUMNS.items():
                if problem := figure_problem(indicator, values[name]):
                    problems.append(row.problem(column, problem))
        if problems:
            raise ImportRejected(problems)

    def _wanted_activities(self):
        catalogue = KfActivity.objects.filter(year=self.year, goal__number__in=self.plan.followed).select_related(
            "goal"
        )
        self.wanted_activities = dict(self.plan.activities)
        for kf in catalogue:
            key = (kf.goal.number, kf.text)
            if key in self.wanted_activities:
                mine = self.wanted_activities[key]
                mine["start_date"] = mine["start_date"] or kf.start_date
                mine["end_date"] = mine["end_date"] or kf.end_date
                continue
            self.wanted_activities[key] = {
                "goal": kf.goal.number,
                "kind": Activity.Kind.KF,
                "start_date": kf.start_date,
                "end_date": kf.end_date,
            }
            self.preview.notes.append(f"KF-aktiviteten ”{sync.short(kf.text)}” läggs till från stadens struktur.")
        excel.per_goal_positions(self.wanted_activities)

    def _current(self, obj, name):
        if name == "goal":
            return self.numbers.get(obj.goal_id)
        if name == "parent":
            return self.numbers.get(obj.parent_id)
        return getattr(obj, name)

    def _used_by_locked_reports(self):
        """Ids of the goals, indicators and activities a fastställd report of the nämnd and year shows."""
        mine = {
            "report__namnd": self.namnd,
            "report__period__year": self.year,
            "report__status": Report.Status.FASTSTALLD,
        }
        return (
            set(Section.objects.filter(goal__isnull=False, **mine).values_list("goal_id", flat=True)),
            set(IndicatorResult.objects.filter(**mine).values_list("indicator_id", flat=True)),
            set(ActivityResult.objects.filter(**mine).values_list("activity_id", flat=True)),
        )

    def _compare(self):
        p = self.preview
        used_goals, used_indicators, used_activities = self._used_by_locked_reports()
        wanted = {number: {} for number in self.plan.followed}
        self.reported_diff = sync.compare("uppföljning av KF-mål", self.reported, wanted, self._current)
        self.goal_diff = sync.compare("nämndmål", self.own_goals, self.plan.goals, self._current)
        self.indicator_diff = sync.compare("indikator", self.indicators, self.wanted_indicators, self._current)
        self.activity_diff = sync.compare("aktivitet", self.activities, self.wanted_activities, self._current)
        names = {
            "reported": lambda r: f"Uppföljning av KF-målet {r.goal}",
            "goals": lambda g: f"Nämndmål {g}",
            "indicators": lambda i: f"Indikator {i.code} {sync.short(i.name)}",
            "activities": lambda a: f"Aktivitet under {self.numbers.get(a.goal_id)}: {sync.short(a.text)}",
        }
        checks = {
            "reported": (self.reported_diff, lambda r: r.goal_id in used_goals),
            "goals": (self.goal_diff, lambda g: g.id in used_goals),
            "indicators": (self.indicator_diff, lambda i: i.id in used_indicators),
            "activities": (self.activity_diff, lambda a: a.id in used_activities),
        }
        self.removable = {}
        for name, (diff, used) in checks.items():
            # A fastställd report cannot change: what it shows is neither changed nor removed by an import.
            for _key, obj, _values, changed in [c for c in diff.change if used(c[1])]:
                p.blocked.append(
                    f"{names[name](obj)} används i en fastställd rapport och ändras inte ({len(changed)} fält)."
                )
            diff.change = [c for c in diff.change if not used(c[1])]
            for obj in diff.missing:
                if used(obj):
                    p.blocked.append(
                        f"{names[name](obj)} saknas i filen men används i en fastställd rapport och tas inte bort."
                    )
                else:
                    p.missing.append(names[name](obj))
            self.removable[name] = [obj for obj in diff.missing if not used(obj)]
        p.add(self.reported_diff, ReportedGoal, lambda number, _v: str(self.kf_goals[number]))
        p.add(self.goal_diff, Goal, lambda number, v: f"{number} {sync.short(v['text'])}")
        p.add(self.indicator_diff, Indicator, lambda code, v: f"{code} {sync.short(v['name'])} (mål {v['goal']})")
        p.add(self.activity_diff, Activity, lambda key, _v: f"{sync.short(key[1])} (mål {key[0]})")

    def apply(self, *, user, remove_missing: bool):
        """Write the difference (the caller holds the transaction); missing rows only with `remove_missing`."""
        new_reported = [
            ReportedGoal(namnd=self.namnd, goal=self.kf_goals[number]) for number, _v in self.reported_diff.create
        ]
        sync.create(ReportedGoal, new_reported, user)

        goals = dict(self.own_goals)
        new_goals = []
        for number, values in self.goal_diff.create:
            goal = Goal(year=self.year, level=Goal.Level.NAMNDMAL, namnd=self.namnd, number=number)
            new_goals.append(self._set_goal(goal, values))
        changed = [self._set_goal(goal, values) for _n, goal, values, _c in self.goal_diff.change]
        for goal in sync.create(Goal, new_goals, user):
            goals[goal.number] = goal
        sync.update(Goal, changed, ["text", "description", "expected_result"], user)
        by_number = {**self.kf_goals, **goals}

        new = [
            self._set(Indicator(year=self.year, namnd=self.namnd, code=code), values, by_number[values["goal"]])
            for code, values in self.indicator_diff.create
        ]
        sync.create(Indicator, new, user)
        changed = [self._set(obj, v, by_number[v["goal"]]) for _k, obj, v, _c in self.indicator_diff.change]
        sync.update(Indicator, changed, [*INDICATOR_FIELDS, "goal"], user)

        new = [
            self._set(Activity(year=self.year, namnd=self.namnd, text=text), values, by_number[goal])
            for (goal, text), values in self.activity_diff.create
        ]
        sync.create(Activity, new, user)
        changed = [self._set(obj, v, by_number[key[0]]) for key, obj, v, _c in self.activity_diff.change]
        sync.update(Activity, changed, ["kind", "start_date", "end_date", "position"], user)

        if remove_missing:
            self._remove()

    def _set_goal(self, goal, values):
        goal.text, goal.description, goal.expected_result = (
            values["text"],
            values["description"],
            values["expected_result"],
        )
        goal.parent = self.kf_goals[values["parent"]]
        goal.sort_key = Goal.make_sort_key(goal.number)  # bulk_create skips Goal.save, which sets it
        # Keys are checked here (the parent is a KF goal of the year); uniqueness by the duplicate checks and the
        # database: full_clean's own checks cost a query per row.
        goal.full_clean(exclude=["parent", "namnd"], validate_unique=False, validate_constraints=False)
        return goal

    @staticmethod
    def _set(obj, values, goal):
        for name, value in values.items():
            if name != "goal":
                setattr(obj, name, value)
        obj.goal = goal
        obj.full_clean(exclude=["goal", "namnd"], validate_unique=False, validate_constraints=False)
        return obj

    def _remove(self):
        r = self.removable
        ids = {name: [obj.id for obj in objs] for name, objs in r.items()}
        goal_ids = ids["goals"] + [x.goal_id for x in r["reported"]]
        open_reports = {"report__namnd": self.namnd, "report__period__year": self.year}
        sync.delete(IndicatorResult.objects.filter(indicator_id__in=ids["indicators"], **open_reports))
        sync.delete(Indicator.objects.filter(id__in=ids["indicators"]))
        sync.delete(ActivityResult.objects.filter(activity_id__in=ids["activities"], **open_reports))
        sync.delete(Activity.objects.filter(id__in=ids["activities"]))
        # A goal that goes takes its sections in the open reports; a KF goal no longer followed, this nämnd's.
        sync.delete(Section.objects.filter(goal_id__in=goal_ids, **open_reports))
        sync.delete(Goal.objects.filter(id__in=ids["goals"]))
        sync.delete(ReportedGoal.objects.filter(id__in=ids["reported"]))
        self.preview.removed = sum(len(v) for v in ids.values())


PLAN_INSTRUCTIONS = [
    "Nämndens plan för budgetåret: fyll i bladen och ladda upp filen under Nämndens plan i Tertial.",
    "KF-mål: skriv Ja under Följs upp för varje KF:s mål för verksamhetsområdet som nämnden följer upp.",
    "Nämndmål: ett mål per rad. Numret börjar med KF-målets nummer (1.2.3 under 1.2).",
    "Indikatorer: Kod kopplar indikatorn mellan år och rapporter och ändras inte. Mål är nämndmålets eller KF-målets"
    " nummer. Årsmål och KF:s årsmål är ett tal (2,15) eller en text (Öka).",
    "KF-indikatorer och KF-aktiviteter i stadens struktur läggs till av sig själva för de KF-mål som följs upp;"
    " skriv nämndens årsmål på raden med KF-indikatorns kod.",
    "Aktiviteter: Mål och Aktivitet identifierar aktiviteten; Startdatum och Slutdatum som 2025-01-31.",
    "En ny import uppdaterar raderna. Rader som saknas i filen tas bort bara om du bekräftar det.",
]
INDICATOR_HEADERS = [c.header for c in INDICATOR_COLUMNS]


def plan_workbook(*, namnd, year: int, source_year: int | None = None) -> bytes:
    """The plan template for `year`, filled with the nämnd's plan of `source_year` (default: the same year), so
    that copying last year's plan is downloading it for this year. Activity dates move with the year."""
    source_year = source_year or year
    shift = year - source_year
    followed = set(
        ReportedGoal.objects.filter(namnd=namnd, goal__year=source_year).values_list("goal__number", flat=True)
    )
    kf_goals = Goal.objects.filter(year=year, level=Goal.Level.KF_MAL, namnd=None).order_by("sort_key")
    followed_rows = [[g.number, g.text, "Ja" if g.number in followed else "Nej"] for g in kf_goals]
    own = Goal.objects.filter(year=source_year, namnd=namnd, level=Goal.Level.NAMNDMAL).select_related("parent")
    goal_rows = [[g.number, g.text, g.description, g.expected_result, g.parent.number] for g in own]
    indicator_rows = [
        [
            i.code,
            i.name,
            i.goal.number,
            i.unit,
            i.decimals,
            excel.choice_label(Indicator.GenderSplit, i.gender_split),
            "Ja" if i.person_based else "Nej",
            excel.choice_label(Indicator.Direction, i.direction),
            i.target_value if i.target_value is not None else i.target_text or None,
            i.kf_target_value if i.kf_target_value is not None else i.kf_target_text or None,
            excel.choice_label(Indicator.PeriodKind, i.period_kind),
            i.historical_vb_outcome if shift == 0 else None,
        ]
        for i in Indicator.objects.filter(namnd=namnd, year=source_year).select_related("goal")
    ]
    activity_rows = [
        [a.goal.number, a.text, excel.shift_year(a.start_date, shift), excel.shift_year(a.end_date, shift)]
        for a in Activity.objects.filter(namnd=namnd, year=source_year).select_related("goal")
    ]
    return excel.build_workbook(
        [
            (FOLLOWED_SHEET, [c.header for c in FOLLOWED_COLUMNS], followed_rows),
            (GOAL_SHEET, [c.header for c in GOAL_COLUMNS], goal_rows),
            (INDICATOR_SHEET, INDICATOR_HEADERS, indicator_rows),
            (ACTIVITY_SHEET, [c.header for c in ACTIVITY_COLUMNS], activity_rows),
        ],
        [f"{namnd} – plan för {year}", *PLAN_INSTRUCTIONS],
    )
