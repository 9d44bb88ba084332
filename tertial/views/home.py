"""Mina rapporter: the start page after logging in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..selectors import reports_for_home


@login_required
def home(request):
    """The reports of the nämnder the user has a role in, with progress and returned sections."""
    return render(request, "tertial/home.html", {"reports": reports_for_home(request.user)})
