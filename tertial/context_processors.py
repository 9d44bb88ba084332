"""Template context for every page."""

from django.contrib import admin


def admin_link(request):
    """`can_use_admin`: whether the navbar offers "Administration". `is_staff` alone is not enough: the admin site
    lets in only superusers and staff controllers (tertial.admin_scope.TertialAdminSite), and a link to a login page
    the user cannot pass is a dead end. A callable, so the membership query runs only where the template asks."""
    from tertial.access import is_city_reader

    # `can_see_city`: the navbar's "Hela staden" for the city roles and superusers (the roles are cached on the user).
    return {
        "can_use_admin": lambda: admin.site.has_permission(request),
        "can_see_city": lambda: is_city_reader(request.user),
    }
