"""URLs under /rapporter/<nämnd>/<period>/ for the report's own pages."""

urlpatterns: list = []
