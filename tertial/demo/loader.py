"""Loads a transcribed report (a module of plain data) and the demo users, idempotently.

Every row is found by its natural key and saved only when a field differs, so a second run writes nothing, not even
history rows (`update_or_create` would save, and so write history, every time).
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from goals import excel, kf_import, plan_import
from goals.services import kf_structure_import
from goals.services import plan_import as plan_import_service
from indicators.models import Activity, Indicator
from tertial import richtext
from tertial.fields import RichTextField
from tertial.models import Membership, Namnd, Period, Report, Section
from tertial.report_template import template_for_year
from tertial.services import ensure_report_sections, report_create

RESULT_FIELDS = ["outcome", "outcome_men", "outcome_women", "forecast", "analysis"]
OLD_CONTROLLER_GROUP = "Controller"  # given model permissions by earlier demos; removed by load_users


_LOOK_UP = object()


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
    if isinstance(field, RichTextField):
        return richtext.clean(value)  # compared as it would be stored
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


def sync(model, tally: Tally, *, keys: dict, values: dict, on_create: dict | None = None, existing=_LOOK_UP):
    """Get the row with `keys` (or take `existing`, looked up in bulk by the caller); create it (with `values` and
    `on_create`), or `update` it."""
    obj = model.objects.filter(**keys).first() if existing is _LOOK_UP else existing
    if obj is None:
        obj = model(**keys, **values, **(on_create or {}))
        obj.full_clean()
        obj.save()
        tally.created += 1
        return obj
    return update(obj, tally, values)


def _choice(choices, value) -> str:
    return str(dict(choices.choices)[value])


def _target(value, text):
    return value if value is not None else (text or None)


def kf_file(data, year: int) -> bytes:
    """The transcribed report's KF structure as the city would import it: its inriktningsmål and KF goals, its
    KF indicators (the city's definition and KF:s årsmål) and KF activities."""
    kf_numbers = {number for number, *_ in data.GOALS if number.count(".") == 1}
    goals = [[number, text, description] for number, text, _a, description, _e in data.GOALS if number.count(".") < 2]
    indicators = [
        [
            row["code"],
            row["name"],
            row["goal"],
            row.get("unit", ""),
            row.get("decimals", 0),
            _choice(Indicator.GenderSplit, row.get("gender_split", "none")),
            "Ja" if row.get("person_based") else "Nej",
            _choice(Indicator.Direction, row.get("direction", "higher")),
            _target(row.get("kf_target_value"), row.get("kf_target_text")),
            _choice(Indicator.PeriodKind, row.get("period_kind", "tertial")),
        ]
        for row in data.INDICATORS
        if row["goal"] in kf_numbers
    ]
    activities = [
        [row["goal"], row["text"], row.get("start_date"), row.get("end_date")]
        for row in data.ACTIVITIES
        if row["goal"] in kf_numbers
    ]
    return excel.build_workbook(
        [
            (kf_import.GOAL_SHEET, [c.header for c in kf_import.GOAL_COLUMNS], goals),
            (kf_import.INDICATOR_SHEET, [c.header for c in kf_import.INDICATOR_COLUMNS], indicators),
            (kf_import.ACTIVITY_SHEET, [c.header for c in kf_import.ACTIVITY_COLUMNS], activities),
        ],
        [f"KF-struktur {year} (demo)"],
    )


def plan_file(data) -> bytes:
    """The transcribed report's plan as the nämnd's controller would import it: the KF goals it follows up, its
    nämndmål, its indicators (with the nämnd's årsmål) and activities."""
    followed = [[number, text, "Ja"] for number, text, *_ in data.GOALS if number.count(".") == 1]
    goals = [
        [number, text, description, expected, number.rsplit(".", 1)[0]]
        for number, text, _a, description, expected in data.GOALS
        if number.count(".") == 2
    ]
    indicators = [
        [
            row["code"],
            row["name"],
            row["goal"],
            row.get("unit", ""),
            row.get("decimals", 0),
            _choice(Indicator.GenderSplit, row.get("gender_split", "none")),
            "Ja" if row.get("person_based") else "Nej",
            _choice(Indicator.Direction, row.get("direction", "higher")),
            _target(row.get("target_value"), row.get("target_text")),
            _target(row.get("kf_target_value"), row.get("kf_target_text")),
            _choice(Indicator.PeriodKind, row.get("period_kind", "tertial")),
            row.get("historical_vb_outcome"),
        ]
        for row in data.INDICATORS
    ]
    activities = [[row["goal"], row["text"], row.get("start_date"), row.get("end_date")] for row in data.ACTIVITIES]
    return excel.build_workbook(
        [
            (plan_import.FOLLOWED_SHEET, [c.header for c in plan_import.FOLLOWED_COLUMNS], followed),
            (plan_import.GOAL_SHEET, [c.header for c in plan_import.GOAL_COLUMNS], goals),
            (plan_import.INDICATOR_SHEET, plan_import.INDICATOR_HEADERS, indicators),
            (plan_import.ACTIVITY_SHEET, [c.header for c in plan_import.ACTIVITY_COLUMNS], activities),
        ],
        [f"{data.NAMND['name']} – plan (demo)"],
    )


def _import(run, tally: Tally, **kwargs):
    """Check with a trial run (not logged) and import only when the demo data differs from the database: a second
    run writes nothing, not even a log row."""
    preview = run(**kwargs, dry_run=True, log=False)
    if preview.created or preview.changed:
        preview = run(**kwargs)
        tally.created += len(preview.created)
        tally.changed += len(preview.changed)
        tally.details += preview.changed


def load_plan(data, namnd: Namnd, year: int, tally: Tally):
    """The year's KF structure and the nämnd's plan through the same imports as Stadens år and Nämndens plan.
    Returns the nämnd's indicators and activities in the data's order (for filling in the report's results)."""
    _import(kf_structure_import, tally, year=year, data=kf_file(data, year), file_name=f"kf-struktur-{year}.xlsx")
    _import(plan_import_service, tally, namnd=namnd, year=year, data=plan_file(data), file_name=f"plan-{year}.xlsx")
    indicators = {i.code: i for i in Indicator.objects.filter(namnd=namnd, year=year)}
    activities = {
        (a.goal.number, a.text): a for a in Activity.objects.filter(namnd=namnd, year=year).select_related("goal")
    }
    return (
        [indicators[row["code"]] for row in data.INDICATORS],
        [activities[(row["goal"], row["text"])] for row in data.ACTIVITIES],
    )


@transaction.atomic
def load_report(data, tally: Tally) -> Report:
    """Nämnd, period, KF structure and plan (through the imports) of one transcribed report, then the report itself
    with its sections (via `report_create`), bedömningar, texts and results filled in."""
    namnd = sync(
        Namnd, tally, keys={"slug": data.NAMND["slug"]}, values={k: v for k, v in data.NAMND.items() if k != "slug"}
    )
    year, kind = data.PERIOD
    period = sync(Period, tally, keys={"year": year, "kind": kind}, values={})
    indicators, activities = load_plan(data, namnd, year, tally)
    # The year's template as the published report is laid out: 2022 gives the inriktningsmål prose only.
    assessed = {"inriktningsmal_assessment": data.INRIKTNINGSMAL_ASSESSMENT}
    update(template_for_year(year=year), tally, assessed)
    report = Report.objects.filter(namnd=namnd, period=period).first()
    if report is None:
        report = report_create(namnd=namnd, period=period)  # takes the template's setting
        tally.created += 1
    else:
        created = ensure_report_sections(report=report)  # goals or template entries added since the last run
        tally.created += sum(created.values())
        update(report, tally, assessed)  # a demo loaded before the setting existed

    assessments = {number: assessment for number, _text, assessment, _d, _e in data.GOALS}
    for section in report.sections.select_related("goal"):
        if section.goal_id:
            values = {
                "assessment": assessments.get(section.goal.number, ""),
                "analysis": data.GOAL_ANALYSES.get(section.goal.number, ""),
                "presentation_summary": data.PRESENTATION_SUMMARIES.get(section.goal.number, ""),
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


def drop_controller_group(tally: Tally) -> None:
    """Rights come from roles only (`tertial.auth_backends`): an older demo's Django group "Controller", with its
    model permissions, is removed so that nothing suggests otherwise."""
    deleted, _ = Group.objects.filter(name=OLD_CONTROLLER_GROUP).delete()
    if deleted:
        tally.changed += 1


@transaction.atomic
def load_users(users, tally: Tally) -> list[dict]:
    """Demo users, one per role, with fixed passwords. Returns the rows to print."""
    User = get_user_model()
    drop_controller_group(tally)
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
