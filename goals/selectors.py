"""Reads for the year set-up pages."""

from datetime import date

from django.db.models import Count, Max

from indicators.models import Activity, Indicator, KfActivity, KfIndicator
from tertial import access
from tertial.models import ImportLog, Membership, Namnd

from .models import Goal, ReportedGoal


def current_year() -> int:
    """The budget year people are setting up: the latest with a KF structure, else this calendar year."""
    return Goal.objects.filter(namnd=None).aggregate(year=Max("year"))["year"] or date.today().year


def plan_namnder(user) -> list[Namnd]:
    """The nämnder whose plan the user may import (controller; a superuser: all). Uses `access.roles_in`'s cached
    roles, so only a controller costs one query more (the nämnder's names)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Namnd.objects.all())
    access.roles_in(user, None)  # fills the cache
    ids = [n for n, roles in user._tertial_roles.items() if n and Membership.Role.CONTROLLER in roles]
    return list(Namnd.objects.filter(id__in=ids)) if ids else []


def years_overview() -> list[dict]:
    """Each budget year with a KF structure: its counts, newest first. Four queries whatever the number of years."""
    years = {}
    for row in Goal.objects.filter(namnd=None).values("year", "level").annotate(n=Count("id")):
        years.setdefault(row["year"], {"year": row["year"]})[
            "inriktningsmal" if row["level"] == Goal.Level.INRIKTNINGSMAL else "kf_mal"
        ] = row["n"]
    for row in KfIndicator.objects.values("year").annotate(n=Count("id")):
        years.setdefault(row["year"], {"year": row["year"]})["kf_indicators"] = row["n"]
    for row in KfActivity.objects.values("year").annotate(n=Count("id")):
        years.setdefault(row["year"], {"year": row["year"]})["kf_activities"] = row["n"]
    for row in ReportedGoal.objects.values("goal__year").annotate(n=Count("namnd", distinct=True)):
        years.setdefault(row["goal__year"], {"year": row["goal__year"]})["namnder"] = row["n"]
    return sorted(years.values(), key=lambda y: -y["year"])


def plan_overview(namnd, year: int) -> dict:
    """The counts of the nämnd's plan for the year and its recent imports. Five queries."""
    return {
        "followed": ReportedGoal.objects.filter(namnd=namnd, goal__year=year).count(),
        "goals": Goal.objects.filter(namnd=namnd, year=year).count(),
        "indicators": Indicator.objects.filter(namnd=namnd, year=year).count(),
        "activities": Activity.objects.filter(namnd=namnd, year=year).count(),
        "logs": list(ImportLog.objects.filter(namnd=namnd, year=year).select_related("user")[:10]),
    }
