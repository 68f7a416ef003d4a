import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# Writing the session on every request would be a write per page view; a minute's precision
# on the idle timeout is plenty.
_LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Ends sessions after 30 minutes idle or 10 hours in all, on the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SIGNED_IN_AT, 0)
            last_seen = request.session.get(LAST_SEEN, 0)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out to keep your information safe. "
                        "Sign in again to carry on."
                    ),
                )
                return redirect(settings.LOGIN_URL)
            if now - last_seen > _LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def session_started(request) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
