"""Idle session timeout: a login that has seen no request for SESSION_IDLE_TIMEOUT seconds is logged out.

The time of the last request is kept in the session and written at most once a minute, so that an ordinary page
view does not write the session. What a writer typed is not lost: the section page keeps it in the browser and
as a server draft, checks the login before saving (the ping then answers 401) and says how to go on; a save that
arrives after the timeout anyway is kept as the writer's draft before the logout."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseNotAllowed

LAST_SEEN = "tertial_last_seen"
# Refreshing the stamp on every request would write the session on every request; once a minute is precise enough.
REFRESH_AFTER = 60


def _now() -> int:
    return int(time.time())


@receiver(user_logged_in)
def _stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = _now()


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = _now()
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                from .views.errors import keep_posted_section_text

                # A section saved after the timeout (without the page's script): its text becomes the draft.
                kept = keep_posted_section_text(request)
                logout(request)
                minutes = settings.SESSION_IDLE_TIMEOUT // 60
                message = f"Du loggades ut efter {minutes} minuter utan aktivitet. Logga in igen."
                if kept:
                    message += f" Texten du sparade i ”{kept.title}” finns kvar som utkast."
                messages.info(request, message)
            elif last_seen is None or now - last_seen >= REFRESH_AFTER:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class ServiceErrorMiddleware:
    """A service's refusal (`tertial.errors.ServiceError`: permission, conflict, fastställd, bad input) that no view
    caught becomes a Swedish page with the error's 4xx status, never a server error. A Django ValidationError out of
    a model's `full_clean()` is bad input too (400). Everything was rolled back: the services are atomic.
    `tertial.access.MethodNotAllowed` (raised by `require_post` after a view's permission check) becomes the 405."""

    TITLES = {403: "Ingen behörighet", 409: "Ändringen sparades inte"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import ValidationError
        from django.http import JsonResponse
        from django.shortcuts import render

        from .access import MethodNotAllowed
        from .errors import ServiceError, validation_message

        if isinstance(exception, MethodNotAllowed):
            return HttpResponseNotAllowed(exception.allowed)
        if isinstance(exception, ValidationError):
            exception = ServiceError(validation_message(exception))
        if not isinstance(exception, ServiceError):
            return None
        status = exception.status
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"fel": str(exception), "detaljer": exception.details}, status=status)
        context = {"error": exception, "title": self.TITLES.get(status, "Det gick inte att spara")}
        return render(request, "service_error.html", context, status=status)
