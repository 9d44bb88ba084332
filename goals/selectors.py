"""Reads for the year set-up pages."""

from datetime import date

from django.db.models import Count, Max

from indicators.models import Activity, Indicator, KfActivity, KfIndicator
from tertial.models import ImportLog, Membership

from .models import Goal, ReportedGoal


def current_year() -> int:
    """The budget year people are setting up: the latest with a KF structure, else this calendar year."""
    return Goal.objects.filter(namnd=None).aggregate(year=Max("year"))["year"] or date.today().year


def setup_links(user) -> dict:
    """What the home page offers for setting up a year: the plans of the nämnder where the user is controller, and
    Stadens år for city administrators. One query (the user's roles)."""
    if not user.is_authenticated:
        return {"plan_namnder": [], "city_admin": False}
    memberships = list(Membership.objects.filter(user=user).select_related("namnd"))
    return {
        "plan_namnder": sorted(
            (m.namnd for m in memberships if m.role == Membership.Role.CONTROLLER), key=lambda n: n.name
        ),
        "city_admin": user.is_superuser or any(m.role == Membership.Role.CITY_ADMIN for m in memberships),
    }


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
