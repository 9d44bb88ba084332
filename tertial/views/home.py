from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import Report


@login_required
def home(request):
    """Mina rapporter: the reports of the nämnder the user has a role in."""
    reports = Report.objects.for_user(request.user).select_related("namnd", "period")
    return render(request, "tertial/home.html", {"reports": reports})
