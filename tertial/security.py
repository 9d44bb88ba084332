"""Small security helpers shared by the login throttling and the audit log."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request) -> str:
    """The client's address. Behind a reverse proxy (BEHIND_PROXY=1) the proxy appends the address it saw to
    X-Forwarded-For: the last entry is the one that cannot be forged by the client."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check before the password is tried. A call without a request is not a login over HTTP (the test
    client's `login()`, code that checks a password): there is nothing to throttle, so it is left to ModelBackend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
