"""Shared fixtures and small `make_*` factories. Tests build users in every role of a nämnd and an outsider."""

import os
from datetime import date
from decimal import Decimal

import pytest

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-secret-key")

from django.contrib.auth import get_user_model  # noqa: E402

from goals.models import Goal, ReportedGoal  # noqa: E402
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult  # noqa: E402
from tertial.models import Membership, Namnd, Period  # noqa: E402
from tertial.services import report_create  # noqa: E402

PASSWORD = "test-lösenord-123"


def make_namnd(name="Testnämnd", slug="testnamnd", kind=Namnd.Kind.STADSDELSNAMND):
    return Namnd.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})[0]


def make_period(year=2022, kind="T2"):
    return Period.objects.get_or_create(year=year, kind=kind)[0]


def make_user(username, *, namnd=None, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        Membership.objects.create(user=user, namnd=None if role == Membership.Role.CITY else namnd, role=role)
    return user


def make_goal(number, text="Ett mål", *, year=2022, namnd=None, parent=None, **extra):
    level = number.count(".") + 1
    return Goal.objects.create(
        year=year,
        level=level,
        number=number,
        text=text,
        parent=parent,
        namnd=namnd if level == 3 else None,
        **extra,
    )


def make_indicator(goal, namnd, code, *, name=None, **extra):
    defaults = {
        "year": goal.year,
        "kind": Indicator.Kind.KF if goal.level == 2 else Indicator.Kind.NAMND,
        "unit": "%",
        "decimals": 1,
    }
    defaults.update(extra)
    return Indicator.objects.create(namnd=namnd, goal=goal, code=code, name=name or f"Indikator {code}", **defaults)


def make_activity(goal, namnd, text="En aktivitet", **extra):
    defaults = {
        "year": goal.year,
        "kind": Activity.Kind.NAMND,
        "start_date": date(goal.year, 1, 1),
        "end_date": date(goal.year, 12, 31),
    }
    defaults.update(extra)
    return Activity.objects.create(namnd=namnd, goal=goal, text=text, **defaults)


def make_report(namnd=None, period=None, *, with_tree=True):
    """A report made by the one creation service, over a small goal tree: 1 → 1.1 → 1.1.1, one indicator and one
    activity under each lower goal (`with_tree=False`: no goals, only the template's sections)."""
    namnd = namnd or make_namnd()
    period = period or make_period()
    if with_tree:
        year = period.year
        g1 = Goal.objects.filter(year=year, number="1", namnd=None).first() or make_goal(
            "1", "Inriktningsmål", year=year
        )
        g11 = Goal.objects.filter(year=year, number="1.1", namnd=None).first() or make_goal(
            "1.1", "KF-mål", year=year, parent=g1
        )
        ReportedGoal.objects.get_or_create(namnd=namnd, goal=g11)
        if not Goal.objects.filter(year=year, number="1.1.1", namnd=namnd).exists():
            g111 = make_goal("1.1.1", "Nämndmål", year=year, namnd=namnd, parent=g11)
            make_indicator(g11, namnd, "KF-1", target_value=Decimal("2.0"))
            make_indicator(g111, namnd, "N-1", unit="st", decimals=0)
            make_activity(g11, namnd, "KF-aktivitet", kind=Activity.Kind.KF)
            make_activity(g111, namnd, "Nämndaktivitet")
    return report_create(namnd=namnd, period=period)


@pytest.fixture
def namnd(db):
    return make_namnd()


@pytest.fixture
def other_namnd(db):
    return make_namnd("Annan nämnd", "annan-namnd")


@pytest.fixture
def report(namnd):
    return make_report(namnd)


@pytest.fixture
def users(namnd, other_namnd):
    """One user per role in `namnd`, an outsider with a role in another nämnd, and the city-wide reader."""
    return {
        "skribent": make_user("skribent", namnd=namnd, role=Membership.Role.SKRIBENT),
        "controller": make_user("controller", namnd=namnd, role=Membership.Role.CONTROLLER),
        "sekreterare": make_user("sekreterare", namnd=namnd, role=Membership.Role.SEKRETERARE),
        "outsider": make_user("outsider", namnd=other_namnd, role=Membership.Role.CONTROLLER),
        "stad": make_user("stad", role=Membership.Role.CITY),
    }


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


def set_indicator_result(*, report, indicator, **fields):
    """Fill in an indicator's result in `report` (report_create made it; an indicator added later gets one)."""
    return _set_result(IndicatorResult, report, {"indicator": indicator}, fields)


def set_activity_result(*, report, activity, **fields):
    return _set_result(ActivityResult, report, {"activity": activity}, fields)


def _set_result(model, report, key, fields):
    row = model.objects.filter(report=report, **key).first() or model(report=report, **key)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    return row


def make_city(count, period=None, *, start=0):
    """`count` stadsdelsnämnder with a report each on the shared goals 1 → 1.1 (bedömningar varying), the KF
    indicator KF-1 with figures, a verksamhetsområde with figures, a budgetjustering and an omslutningsförändring:
    what the city-wide pages read per nämnd."""
    from economy.models import Area, AreaRow, BudgetAdjustment, TurnoverChange

    period = period or make_period()
    reports = []
    assessments = ["helt", "helt", "delvis", "inte", ""]
    for i in range(start, start + count):
        namnd = make_namnd(f"Nämnd {i:02d}", f"namnd-{i:02d}")
        report = make_report(namnd, period)
        report.sections.filter(goal__number="1.1").update(assessment=assessments[i % len(assessments)])
        indicator = Indicator.objects.get(namnd=namnd, code="KF-1")
        set_indicator_result(report=report, indicator=indicator, outcome=Decimal(10 + i), forecast=Decimal(20 + i))
        area = Area.objects.create(namnd=namnd, year=period.year, name="Äldreomsorg")
        AreaRow.objects.create(report=report, area=area, budget=Decimal(100), forecast=Decimal(100 - i))
        BudgetAdjustment.objects.create(
            report=report, kind=BudgetAdjustment.Kind.DRIFT, amount=Decimal("0.5"), purpose=f"ändamål {i}", area=area
        )
        TurnoverChange.objects.create(report=report, area=area, costs=Decimal(2), income=Decimal(-2))
        reports.append(report)
    return reports
