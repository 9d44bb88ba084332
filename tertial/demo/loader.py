"""Loads a transcribed report (a module of plain data) and the demo users, idempotently.

Every row is found by its natural key and saved only when a field differs, so a second run writes nothing, not even
history rows (`update_or_create` would save, and so write history, every time).
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from goals.models import Goal, ReportedGoal
from indicators.models import Activity, Indicator
from tertial.models import Membership, Namnd, Period, Report, Section
from tertial.services import ensure_report_sections, report_create

INDICATOR_FIELDS = [
    "name",
    "kind",
    "unit",
    "decimals",
    "gender_split",
    "person_based",
    "direction",
    "target_value",
    "target_text",
    "kf_target_value",
    "kf_target_text",
    "period_kind",
    "historical_vb_outcome",
]
RESULT_FIELDS = ["outcome", "outcome_men", "outcome_women", "forecast", "analysis"]
INDICATOR_DEFAULTS = {"target_text": "", "kf_target_text": "", "person_based": False}
CONTROLLER_GROUP = "Controller"
# The apps whose rows a controller inspects and corrects in the admin.
CONTROLLER_APPS = ["tertial", "goals", "indicators", "economy"]


@dataclass
class Tally:
    """How many rows a run created and changed: a second run must report 0 and 0."""

    created: int = 0
    changed: int = 0
    details: list[str] = field(default_factory=list)


def _current(obj, name):
    """A field's value without fetching related rows: foreign keys compare by id."""
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname) if field.is_relation else getattr(obj, name)


def _wanted(obj, name, value):
    field = obj._meta.get_field(name)
    return value.pk if field.is_relation and value is not None else value


def update(obj, tally: Tally, values: dict):
    """Save `obj` only if one of `values` differs from what it holds. Validates before saving."""
    changed = [name for name, value in values.items() if _current(obj, name) != _wanted(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        tally.changed += 1
        tally.details.append(f"{obj._meta.verbose_name} {obj}: {', '.join(changed)}")
    return obj


def sync(model, tally: Tally, *, keys: dict, values: dict, on_create: dict | None = None):
    """Get the row with `keys`; create it (with `values` and `on_create`), or `update` it."""
    obj = model.objects.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **values, **(on_create or {}))
        obj.full_clean()
        obj.save()
        tally.created += 1
        return obj
    return update(obj, tally, values)


def load_goal_tree(data, namnd: Namnd, year: int, tally: Tally) -> dict[str, Goal]:
    """The year's goals (shared KF goals, the nämnd's own nämndmål) and which KF goals the nämnd reports on."""
    goals: dict[str, Goal] = {}
    for number, text, _assessment, description, expected_result in data.GOALS:
        level = number.count(".") + 1
        parent = goals[number.rsplit(".", 1)[0]] if level > 1 else None
        own = level == Goal.Level.NAMNDMAL
        goals[number] = sync(
            Goal,
            tally,
            keys={"year": year, "number": number, "namnd": namnd if own else None},
            values={
                "level": level,
                "text": text,
                "parent": parent,
                "description": description,
                "expected_result": expected_result,
            },
        )
        if level == Goal.Level.KF_MAL:
            sync(ReportedGoal, tally, keys={"namnd": namnd, "goal": goals[number]}, values={})
    return goals


def load_indicators(data, namnd: Namnd, year: int, goals: dict[str, Goal], tally: Tally) -> list[Indicator]:
    indicators = []
    for position, row in enumerate(data.INDICATORS):
        goal = goals[row["goal"]]
        values = {name: row.get(name, INDICATOR_DEFAULTS.get(name)) for name in INDICATOR_FIELDS}
        values["kind"] = Indicator.Kind.KF if goal.level == Goal.Level.KF_MAL else Indicator.Kind.NAMND
        values.update(goal=goal, position=position)
        indicators.append(
            sync(Indicator, tally, keys={"year": year, "namnd": namnd, "code": row["code"]}, values=values)
        )
    return indicators


def load_activities(data, namnd: Namnd, year: int, goals: dict[str, Goal], tally: Tally) -> list[Activity]:
    activities = []
    for position, row in enumerate(data.ACTIVITIES):
        values = {
            "kind": row["kind"],
            "start_date": date.fromisoformat(row["start_date"]) if row.get("start_date") else None,
            "end_date": date.fromisoformat(row["end_date"]) if row.get("end_date") else None,
            "position": position,
        }
        keys = {"year": year, "namnd": namnd, "goal": goals[row["goal"]], "text": row["text"]}
        activities.append(sync(Activity, tally, keys=keys, values=values))
    return activities


@transaction.atomic
def load_report(data, tally: Tally) -> Report:
    """Nämnd, period, goal tree, indicators and activities of one transcribed report, then the report itself with
    its sections (via `report_create`), bedömningar, texts and results filled in."""
    namnd = sync(
        Namnd, tally, keys={"slug": data.NAMND["slug"]}, values={k: v for k, v in data.NAMND.items() if k != "slug"}
    )
    year, kind = data.PERIOD
    period = sync(Period, tally, keys={"year": year, "kind": kind}, values={})
    goals = load_goal_tree(data, namnd, year, tally)
    indicators = load_indicators(data, namnd, year, goals, tally)
    activities = load_activities(data, namnd, year, goals, tally)
    report = Report.objects.filter(namnd=namnd, period=period).first()
    if report is None:
        report = report_create(namnd=namnd, period=period)
        tally.created += 1
    else:
        created = ensure_report_sections(report=report)  # goals or template entries added since the last run
        tally.created += sum(created.values())

    assessments = {number: assessment for number, _text, assessment, _d, _e in data.GOALS}
    for section in report.sections.select_related("goal"):
        if section.goal_id:
            values = {
                "assessment": assessments.get(section.goal.number, ""),
                "analysis": data.GOAL_ANALYSES.get(section.goal.number, ""),
            }
        elif section.kind in Section.REPORT_LEVEL_KINDS:
            values = {"analysis": data.REPORT_TEXTS.get(section.kind, "")}
        else:
            continue  # the economy narratives are loaded with their figures by economy.demo
        update(section, tally, values)

    indicator_results = {r.indicator_id: r for r in report.indicator_results.all()}
    for indicator, row in zip(indicators, data.INDICATORS, strict=True):
        values = {name: row.get(name, "" if name == "analysis" else None) for name in RESULT_FIELDS}
        update(indicator_results[indicator.pk], tally, values)
    activity_results = {r.activity_id: r for r in report.activity_results.all()}
    for activity, row in zip(activities, data.ACTIVITIES, strict=True):
        values = {"deviation": row.get("deviation", False), "analysis": row.get("analysis", "")}
        update(activity_results[activity.pk], tally, values)
    return report


def controller_group(tally: Tally) -> Group:
    """Controllers use the Django admin: they may view, add and change the report's rows, but not delete them nor
    hand out roles (Membership stays with the superuser)."""
    group = sync(Group, tally, keys={"name": CONTROLLER_GROUP}, values={})
    wanted = set(
        Permission.objects.filter(content_type__app_label__in=CONTROLLER_APPS)
        .exclude(codename__startswith="delete_")
        .exclude(codename__endswith="membership")
        .values_list("id", flat=True)
    )
    have = set(group.permissions.values_list("id", flat=True))
    if wanted != have:
        group.permissions.set(wanted)
        tally.changed += 1
    return group


@transaction.atomic
def load_users(users, tally: Tally) -> list[dict]:
    """Demo users, one per role, with fixed passwords. Returns the rows to print."""
    User = get_user_model()
    group = controller_group(tally)
    for spec in users:
        role = spec.get("role")
        values = {
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": f"{spec['username']}@tertial.example",
            "is_staff": spec.get("superuser", False) or role == Membership.Role.CONTROLLER,
            "is_superuser": spec.get("superuser", False),
        }
        created_before = tally.created
        on_create = {"password": make_password(spec["password"])}
        user = sync(User, tally, keys={"username": spec["username"]}, values=values, on_create=on_create)
        # Hashing is slow by design: an existing user's password is checked (and reset to the printed one) only
        # when the user was not just created with it.
        if tally.created == created_before and not user.check_password(spec["password"]):
            user.set_password(spec["password"])
            user.save(update_fields=["password"])
            tally.changed += 1
        if role:
            namnd = Namnd.objects.get(slug=spec["namnd"]) if spec.get("namnd") else None
            sync(Membership, tally, keys={"user": user, "namnd": namnd, "role": role}, values={})
        if role == Membership.Role.CONTROLLER and not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            tally.changed += 1
    return users


@transaction.atomic
def assign_responsible(assignments, tally: Tally) -> None:
    """A few sections get an ansvarig, as a controller would assign them: (slug, period, goal number or kind, user)."""
    User = get_user_model()
    for slug, (year, kind), where, username in assignments:
        sections = Section.objects.filter(
            report__namnd__slug=slug, report__period__year=year, report__period__kind=kind
        )
        section = sections.get(goal__number=where) if where[0].isdigit() else sections.get(kind=where)
        sync(Section, tally, keys={"pk": section.pk}, values={"responsible": User.objects.get(username=username)})
