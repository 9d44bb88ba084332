"""Error pages. A CSRF failure (typically: the writer logged in again in another tab, or the page is very old) must
not lose what was typed, nor write anything: the texts it carried are shown back to copy. A database
outage gets its own page (503) instead of the generic error page."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve

from .. import access
from ..editing import keep_draft
from ..forms import draft_data, parse_version


def _csrf_ok(request) -> bool:
    """Would the request pass the CSRF check? A forged POST must not write a draft in the user's name."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


def keep_posted_section_text(request):
    """If `request` saves a section (a POST to section_edit by a logged-in writer, CSRF token valid), keep its text
    as the user's draft and return the section; else None. Used where the save itself cannot go on: a login that
    has run out. Never raises: the page that tells the user must not fail."""
    try:
        match = resolve(request.path)
    except Resolver404:
        return None
    if match.url_name != "section_edit" or request.method != "POST" or not request.user.is_authenticated:
        return None
    if not _csrf_ok(request):
        return None
    try:
        kwargs = match.kwargs
        section = access.get_section_for_user(
            request.user, kwargs["slug"], kwargs["period"], kwargs["pk"], access.WRITE
        )
        version = parse_version(request.POST.get("s-version")) or section.version
        keep_draft(section=section, user=request.user, data=draft_data(request.POST), base_version=version)
        return section
    except Exception:  # Http404, PermissionDenied, a bad version…: the failure page itself must not fail
        return None


def csrf_failure(request, reason=""):
    """A POST that fails the CSRF check writes nothing, not even a draft (it may be forged): the texts it carried
    are shown back to copy instead."""
    texts = [
        value
        for key, value in draft_data(request.POST).items()
        if key.endswith(("analysis", "presentation_summary")) and value and value.strip()
    ]
    return render(request, "tertial/csrf_failure.html", {"texts": texts[:20]}, status=403)


def _database_unavailable(exc) -> bool:
    # OperationalError: the server cannot be reached or went away; InterfaceError: the connection is closed.
    # Other DatabaseErrors (a constraint, a bad query) are bugs: they get the ordinary error page.
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DatabaseError) and "connection" in str(exc).lower()
    )


def server_error(request):
    """handler500. Renders without the request context: no query may run here (the database may be the problem)."""
    exc = sys.exc_info()[1]
    if _database_unavailable(exc):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): Swedish, with the waiting time."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)
