import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from alongside.accounts.models import Role
from alongside.core.access import public, signed_in
from alongside.core.dashboards import dashboard_for

log = logging.getLogger("alongside.health")

_HOME_TEMPLATES = {
    Role.PERSON: "core/home/person.html",
    Role.SUPPORTER: "core/home/supporter.html",
    Role.PRACTITIONER: "core/home/practitioner.html",
    Role.TEAM_MANAGER: "core/home/team_manager.html",
    Role.COPRODUCTION_LEAD: "core/home/coproduction_lead.html",
    Role.ADMINISTRATOR: "core/home/administrator.html",
}


@signed_in
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting page. Counts and links only: records open from their own pages."""
    user = request.user
    return render(request, _HOME_TEMPLATES[user.role], dashboard_for(user))


@public
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("health.database_unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _page(template: str):
    @public
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template)

    return view


TEXT_SIZES = ("normal", "large", "largest")
TEXT_SIZE_SESSION_KEY = "text_size"


@public
@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Bigger text for everyone who needs it, without JavaScript: kept for the session."""
    size = request.POST.get("size", "normal")
    if size in TEXT_SIZES:
        request.session[TEXT_SIZE_SESSION_KEY] = size
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("core:home")
    return redirect(back)


accessibility = _page("core/pages/accessibility.html")
privacy = _page("core/pages/privacy.html")
cookies = _page("core/pages/cookies.html")


def _error(template: str, status: int):
    def handler(request, exception=None):
        return render(request, template, status=status)

    return handler


bad_request = _error("core/errors/400.html", 400)
permission_denied = _error("core/errors/403.html", 403)
page_not_found = _error("core/errors/404.html", 404)


def server_error(request):
    # Rendered without the request context: the failure may be in a context processor.
    from django.template.loader import render_to_string

    return HttpResponse(render_to_string("core/errors/500.html"), status=500)


def csrf_failure(request, reason=""):
    """A form sent after its page went stale (often a sign-in that expired meanwhile)."""
    return render(request, "core/errors/csrf.html", status=403)
