"""Mina rapporter: the start page after logging in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from goals.selectors import setup_links

from ..selectors import reports_for_home


@login_required
def home(request):
    """The reports of the nämnder the user has a role in, with progress and returned sections."""
    context = {"reports": reports_for_home(request.user), **setup_links(request.user)}
    return render(request, "tertial/home.html", context)
