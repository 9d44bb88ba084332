"""Who may do what with a report. Every view goes through these helpers: a user without a role in the
nämnd gets 404 (the report's existence is not revealed), a user with a role but not the right one gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Period, Report

READ = "read"  # every role in the nämnd, the city-wide role
WRITE = "write"  # skribent and controller of the nämnd
CONTROL = "control"  # controller of the nämnd: assign, review, approve, reopen, economy figures
EXPORT = "export"  # nämndsekreterare and controller of the nämnd

_ROLES_FOR = {
    WRITE: {Membership.Role.SKRIBENT, Membership.Role.CONTROLLER},
    CONTROL: {Membership.Role.CONTROLLER},
    EXPORT: {Membership.Role.SEKRETERARE, Membership.Role.CONTROLLER},
}


def roles_in(user, namnd_id) -> set[str]:
    """The user's roles in one nämnd (plus the city-wide role, if any). One query, cached on the user."""
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_tertial_roles", None)
    if cache is None:
        cache = {}
        for namnd, role in Membership.objects.filter(user=user).values_list("namnd_id", "role"):
            cache.setdefault(namnd, set()).add(role)
        user._tertial_roles = cache
    return cache.get(namnd_id, set()) | ({Membership.Role.CITY} if None in cache else set())


def is_controller_somewhere(user) -> bool:
    """Does the user have a Controller role in any nämnd (may create reports). Shares `roles_in`'s one query."""
    if not user.is_authenticated:
        return False
    roles_in(user, None)  # fills the cache
    return user.is_superuser or any(Membership.Role.CONTROLLER in roles for roles in user._tertial_roles.values())


def is_city_admin(user) -> bool:
    """May the user set up the city's year (KF structure, report template): superusers and city administrators."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles_in(user, None)  # fills the cache
    return Membership.Role.CITY_ADMIN in user._tertial_roles.get(None, set())


def is_city_reader(user) -> bool:
    """May the user see the city-wide view (/stad/): superusers and both city-wide roles. One query, cached."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles_in(user, None)  # fills the cache
    return bool(set(Membership.CITY_ROLES) & user._tertial_roles.get(None, set()))


def can(user, namnd_id, action: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = roles_in(user, namnd_id)
    if action == READ:
        return bool(roles)
    return bool(roles & _ROLES_FOR[action])


def get_report_for_user(user, slug: str, period_code: str, action: str = READ) -> Report:
    """The report of nämnd `slug` and period `2022-T2`, with nämnd, period and the report it was carried over from
    joined; 404 or 403 as above."""
    try:
        year, kind = Period.parse_code(period_code)
    except ValueError:
        raise Http404("Ogiltig period.") from None
    report = get_object_or_404(
        # carried_from__period: the roll-over's mark and the previous period's outcomes name it, at no extra query
        Report.objects.select_related("namnd", "period", "carried_from__period"),
        namnd__slug=slug,
        period__year=year,
        period__kind=kind,
    )
    if not can(user, report.namnd_id, READ):
        raise Http404("Rapporten finns inte.")
    if action != READ and not can(user, report.namnd_id, action):
        raise PermissionDenied("Du har inte behörighet till detta.")
    return report


def get_section_for_user(user, slug: str, period_code: str, pk: int, action: str = READ):
    """A section of the report (404 if it belongs to another report), with report, goal and responsible joined."""
    from .models import Section

    report = get_report_for_user(user, slug, period_code, action)
    section = get_object_or_404(
        Section.objects.select_related(
            "goal", "goal__parent", "responsible", "economy_area_row__area", "template_entry"
        ),
        pk=pk,
        report=report,
    )
    section.report = report  # already fetched with nämnd and period: no second query
    return section


def can_edit(user, report) -> bool:
    """May the user change the report's content now: a writer of the nämnd, and the report not fastställd."""
    return can(user, report.namnd_id, WRITE) and not report.is_locked


class MethodNotAllowed(Exception):
    """A request with the wrong method to an address the user may use; `ServiceErrorMiddleware` answers 405."""

    def __init__(self, allowed=("POST",)):
        super().__init__(f"Metoden är inte tillåten (tillåtet: {', '.join(allowed)}).")
        self.allowed = list(allowed)


def require_post(request) -> None:
    """Call right after the view's permission check, never as a decorator before it: a 405 to a GET would tell
    an outsider (another nämnd's user, a reader) that the address exists, where the check answers 404 or 403."""
    if request.method != "POST":
        raise MethodNotAllowed(["POST"])
