"""Mina rapporter: the start page after logging in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from goals.selectors import plan_namnder

from .. import access
from ..selectors import reports_for_home, todo_for_user


@login_required
def home(request):
    """The user's to-do list (sections to write and to review, by deadline), then the reports of the nämnder the user
    has a role in, with progress and returned sections."""
    user = request.user
    todo = todo_for_user(user)
    context = {
        "todo": todo,
        "overdue_count": sum(1 for item in todo if item.state.overdue),
        "reports": reports_for_home(user),
        "can_create_report": access.is_controller_somewhere(user),
        "is_city_admin": access.is_city_admin(user),
        "plan_namnder": plan_namnder(user),
    }
    return render(request, "tertial/home.html", context)
