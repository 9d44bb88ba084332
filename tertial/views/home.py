"""Mina rapporter: the start page after logging in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access
from ..selectors import reports_for_home


@login_required
def home(request):
    """The reports of the nämnder the user has a role in, with progress and returned sections."""
    user = request.user
    context = {
        "reports": reports_for_home(user),
        "can_create_report": access.is_controller_somewhere(user),
        "is_city_admin": access.is_city_admin(user),
    }
    return render(request, "tertial/home.html", context)
