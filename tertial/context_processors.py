"""Template context for every page."""

from django.contrib import admin


def admin_link(request):
    """`can_use_admin`: whether the navbar offers "Administration". `is_staff` alone is not enough: the admin site
    lets in only superusers and staff controllers (tertial.admin_scope.TertialAdminSite), and a link to a login page
    the user cannot pass is a dead end. A callable, so the membership query runs only where the template asks."""
    return {"can_use_admin": lambda: admin.site.has_permission(request)}
