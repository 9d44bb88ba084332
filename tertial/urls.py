from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views.home import home
from .views.report import report_new

report_patterns = [
    path("", include("tertial.report_urls")),
    path("ekonomi/", include("economy.urls")),
    path("export/", include("tertial.exports.urls")),
    path("kontroll/", include("tertial.checks.urls")),
    path("indikatorforslag/", include("tertial.city.report_urls")),
]

# Login, logout and password change; password reset only where e-mail is configured (PASSWORD_RESET_ENABLED).
account_patterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
if settings.PASSWORD_RESET_ENABLED:
    account_patterns += [
        path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
        path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
        path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
        path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    ]

handler500 = "tertial.views.errors.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("konto/", include(account_patterns)),
    path("rapporter/ny/", report_new, name="report_new"),
    path("mall/", include("tertial.template_urls")),
    path("rapporter/<slug:slug>/<str:period>/", include(report_patterns)),
    path("stad/", include("tertial.city.urls")),
    path("", include("goals.urls")),
]
