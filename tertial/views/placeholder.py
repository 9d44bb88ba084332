"""Temporary page for URLs whose views are being built; every caller is replaced as its feature lands."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..access import get_report_for_user


@login_required
def placeholder(request, slug, period, title, **kwargs):
    report = get_report_for_user(request.user, slug, period)
    return render(request, "tertial/placeholder.html", {"report": report, "title": title})
