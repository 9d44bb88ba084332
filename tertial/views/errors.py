"""A CSRF failure (typically: the writer logged in again in another tab, or the page is very old) must not lose
what was typed: if the user is logged in and was saving a section, the text is kept as a draft."""

from django.shortcuts import render
from django.urls import Resolver404, resolve

from .. import access
from ..editing import keep_draft
from ..forms import draft_data


def csrf_failure(request, reason=""):
    kept = None
    try:
        match = resolve(request.path)
    except Resolver404:
        match = None
    if match and match.url_name == "section_edit" and request.method == "POST" and request.user.is_authenticated:
        try:
            kwargs = match.kwargs
            section = access.get_section_for_user(
                request.user, kwargs["slug"], kwargs["period"], kwargs["pk"], access.WRITE
            )
            version = int(request.POST.get("s-version") or section.version)
            keep_draft(section=section, user=request.user, data=draft_data(request.POST), base_version=version)
            kept = section
        except Exception:  # Http404, PermissionDenied, a bad version…: the failure page itself must not fail
            kept = None
    return render(request, "tertial/csrf_failure.html", {"kept": kept}, status=403)
