"""Who may reach what. Every view declares one policy; a view without one is never served.

- ``public``: anyone, signed in or not (sign-in, information pages, health check).
- ``signed_in``: anyone signed in; no person's data on the page.
- ``for_roles(...)``: signed-in users with one of the roles; staff must have passed two-factor.
- ``person_record(target=...)``: one person's data. The person is looked up through
  ``Person.objects.visible_to(user)``; anyone else gets 404, and every attempt is audited.
"""

import functools
import logging
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse

from alongside.accounts.models import Role
from alongside.core.audit import audit_record
from alongside.core.models import AuditAction, AuditOutcome

log = logging.getLogger("alongside.access")

PUBLIC = "public"
SIGNED_IN = "signed_in"
ROLES = "roles"
PERSON_RECORD = "person_record"


def public(view):
    view = login_not_required(view)
    view.access_policy = PUBLIC
    return view


def signed_in(view):
    view.access_policy = SIGNED_IN
    return view


def _two_factor_redirect(request):
    """Staff who have not passed two-factor this session go to set it up or confirm it."""
    user = request.user
    if not user.must_use_two_factor or user.is_verified():
        return None
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:two-factor')}?{query}")


def for_roles(*roles):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if (redirect := _two_factor_redirect(request)) is not None:
                return redirect
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_policy = ROLES
        wrapped.allowed_roles = frozenset(roles)
        return wrapped

    return decorator


def person_record(*, target: str, action: str | None = None, shared_section: str = "", roles=None):
    """For views taking ``person_id``: hands the view the Person, or answers 404.

    ``shared_section``: supporters get 404 unless the person shared that part of their record.
    ``roles``: who may use this view at all (others with access to the record get 403)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, person_id, *args, **kwargs):
            from alongside.people.models import Person

            user = request.user
            did = action or (
                AuditAction.VIEW if request.method in {"GET", "HEAD"} else AuditAction.CHANGE
            )

            def audit(outcome):
                audit_record(
                    user=user, person_id=person_id, action=did, target=target, outcome=outcome
                )

            if (redirect := _two_factor_redirect(request)) is not None:
                audit(AuditOutcome.DENIED)
                return redirect
            person = Person.objects.visible_to(user).filter(pk=person_id).first()
            if (
                person is not None
                and shared_section
                and not _shared_with(user, person, shared_section)
            ):
                person = None
            if person is None:
                audit(AuditOutcome.DENIED)
                log.warning("access.denied", extra={"target": target})
                raise Http404
            if roles is not None and user.role not in roles:
                audit(AuditOutcome.DENIED)
                raise PermissionDenied
            audit(AuditOutcome.ALLOWED)
            return view(request, person, *args, **kwargs)

        wrapped.access_policy = PERSON_RECORD
        wrapped.audit_target = target
        wrapped.shared_section = shared_section
        wrapped.allowed_roles = frozenset(roles) if roles is not None else None
        return wrapped

    return decorator


def _shared_with(user, person, section: str) -> bool:
    """Everyone who reaches the record sees every section, except supporters: only what's shared."""
    if user.role != Role.SUPPORTER:
        return True
    membership = person.circle.filter(account=user).first()
    return membership is not None and membership.can_see(section)


class AccessPolicyMiddleware:
    """Deny by default: a view that declares no policy is answered 404 and logged as an error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "access_policy", None) is None:
            log.error("access.undeclared", extra={"view": getattr(view_func, "__name__", "?")})
            raise Http404
        return None
