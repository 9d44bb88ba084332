"""Sök i rapporten: the search page of one report, for whoever may read it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access
from ..search import MAX_HITS, MIN_LENGTH, search_report


@login_required
def report_search(request, slug, period):
    report = access.get_report_for_user(request.user, slug, period)
    query = request.GET.get("q", "").strip()[:200]
    hits, more = search_report(report, query) if query else ([], False)
    context = {
        "report": report,
        "query": query,
        "hits": hits,
        "more": more,
        "max_hits": MAX_HITS,
        "too_short": bool(query) and len(query) < MIN_LENGTH,
        "min_length": MIN_LENGTH,
    }
    return render(request, "tertial/search.html", context)
