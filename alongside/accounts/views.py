import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token

from alongside.accounts import invitations, throttle
from alongside.accounts.forms import (
    CodeForm,
    InviteForm,
    NewLinkForm,
    SetPasswordForm,
    SignInForm,
)
from alongside.accounts.middleware import session_started
from alongside.accounts.models import Role
from alongside.accounts.two_factor import (
    confirmed_totp_device,
    pending_totp_device,
    qr_code_svg_data_uri,
    secret_for_people,
    two_factor_confirm,
)
from alongside.core.access import person_record, public, signed_in

log = logging.getLogger("alongside.sign_in")


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@public
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None, request=request)
    throttled = False
    if request.method == "POST":
        email, address = request.POST.get("email", ""), request.META.get("REMOTE_ADDR", "")
        throttled = throttle.sign_in_throttled(email=email, address=address)
        if not throttled and form.is_valid():
            throttle.sign_in_succeeded(email=email)
            login(request, form.user)  # new session id
            session_started(request)
            log.info("sign_in.succeeded", extra={"user_id": form.user.pk})
            if form.user.must_use_two_factor:
                return redirect(
                    f"{reverse('accounts:two-factor')}?{urlencode({'next': _next_url(request)})}"
                )
            return redirect(_next_url(request))
        if not throttled:
            throttle.sign_in_failed(email=email, address=address)
    status = 429 if throttled else (200 if request.method == "GET" else 400)
    context = {"form": form, "throttled": throttled, "next": _next_url(request)}
    return render(request, "accounts/sign_in.html", context, status=status)


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)  # flushes the session on the server
    return redirect("accounts:signed-out")


@public
@require_safe
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@signed_in
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Confirm a code from the authenticator app, or set one up the first time."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    device = confirmed_totp_device(user)
    if device is None:
        return _two_factor_setup(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matched = match_token(user, form.cleaned_data["code"])
        if matched is not None:
            otp_login(request, matched)
            log.info(
                "two_factor.verified", extra={"user_id": user.pk, "by": type(matched).__name__}
            )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "The code is not right. Enter the 6-digit code your app shows now, "
                "or a recovery code."
            ),
        )
        log.warning("two_factor.failed", extra={"user_id": user.pk})
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


def _two_factor_setup(request: HttpRequest) -> HttpResponse:
    device = pending_totp_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = two_factor_confirm(device=device)
            otp_login(request, device)
            log.info("two_factor.set_up", extra={"user_id": request.user.pk})
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error(
            "code",
            _(
                "The code is not right. Check the app shows Alongside, "
                "then enter the 6-digit code it shows now."
            ),
        )
    context = {
        "form": form,
        "secret": secret_for_people(device),
        "qr_code": qr_code_svg_data_uri(device),
        "next": _next_url(request),
    }
    return render(
        request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200
    )


# Invitations ------------------------------------------------------------------------------

_UNUSABLE_STATUS = {"unknown": 404, "used": 410, "replaced": 410, "expired": 410}


@person_record(target="accounts.invite", roles=(Role.PRACTITIONER, Role.TEAM_MANAGER))
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, person) -> HttpResponse:
    """Invite the person, or (with their agreement) someone in their circle, by e-mail."""
    form = InviteForm(
        request.POST or None, person=person, initial={"who": request.GET.get("who", "")}
    )
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invitation_send(
            person=person,
            member=form.cleaned_data["member"],
            email=form.cleaned_data["email"],
            created_by=request.user,
            on_behalf_reason=form.cleaned_data["on_behalf_reason"],
            request=request,
        )
        messages.success(
            request,
            _("Invitation sent to %(name)s. The link works for 72 hours.")
            % {"name": invitation.recipient_name},
        )
        return redirect("people:detail", person_id=person.pk)
    context = {"person": person, "form": form}
    return render(request, "accounts/invite.html", context, status=400 if form.errors else 200)


def _unusable(request: HttpRequest, problem: str) -> HttpResponse:
    context = {"problem": problem, "form": NewLinkForm()}
    return render(
        request, "accounts/invitation_unusable.html", context, status=_UNUSABLE_STATUS[problem]
    )


@public
@sensitive_variables("token")
@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: set a password, and you are signed in."""
    found = invitations.invitation_find(token)
    if problem := invitations.invitation_problem(found):
        return _unusable(request, problem)
    form = SetPasswordForm(request.POST or None, invitation=found)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_accept(
                invitation=found, password=form.cleaned_data["password"]
            )
        except invitations.InvitationRefused as refused:
            form.add_error(None, str(refused))
        else:
            login(request, user)  # new session id
            session_started(request)
            return redirect("accounts:welcome")
    context = {"form": form, "first_name": found.first_name}
    return render(request, "accounts/invitation.html", context, status=400 if form.errors else 200)


@public
@require_http_methods(["GET", "POST"])
def invitation_new_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link. The answer is the same whether or not the address had one."""
    form = NewLinkForm(request.POST or None)
    asked = throttled = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        address = request.META.get("REMOTE_ADDR", "")
        throttled = invitations.new_link_throttled(email=email, address=address)
        if not throttled:
            invitations.new_link_ask(email=email, request=request)
            asked = True
    status = 429 if throttled else (400 if form.errors else 200)
    context = {"form": form, "asked": asked, "throttled": throttled}
    return render(request, "accounts/invitation_new_link.html", context, status=status)


@signed_in
@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    """After setting a password: two-factor is offered, never forced, to people and supporters."""
    home = reverse("core:home")
    if request.user.is_staff_member or confirmed_totp_device(request.user) is not None:
        return redirect(home)
    set_up = f"{reverse('accounts:two-factor')}?{urlencode({'next': home})}"
    return render(request, "accounts/welcome.html", {"set_up": set_up, "home": home})
