"""Inviting the person, or someone in their circle, to set a password and use Alongside.

The link carries a random token that works once, for 72 hours. Only its SHA-256 hash is
stored: someone who reads the database cannot use an invitation."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Invitation, NewLinkRequest, Role, User
from alongside.people.models import Shareable

log = logging.getLogger("alongside.invitations")

LIFETIME = timedelta(hours=72)
# Asking for a new link: at most this many requests per client address, and per e-mail
# address asked about, in the window.
NEW_LINK_WINDOW = timedelta(hours=1)
NEW_LINK_MAX_PER_ADDRESS = 5
NEW_LINK_MAX_PER_EMAIL = 5


class InvitationRefused(Exception):
    """The invitation cannot be accepted as it stands; the message says why, plainly."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_find(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("person", "circle_member", "created_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str:
    """Why a link cannot be used ("unknown", "used", "replaced", "expired"), or ""."""
    if invitation is None:
        return "unknown"
    if invitation.used_at is not None:
        return "used"
    if invitation.cancelled_at is not None:
        return "replaced"
    if invitation.is_expired():
        return "expired"
    return ""


def expiry_in_words(when) -> str:
    local = timezone.localtime(when)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


# What an advocate invited on the person's behalf (they lack capacity to choose) can see.
ADVOCATE_SECTIONS = (Shareable.ABOUT_ME, Shareable.CIRCLE, Shareable.PLAN, Shareable.MESSAGES)


@transaction.atomic
def invitation_send(
    *,
    person,
    member=None,
    email: str,
    created_by: User,
    on_behalf_reason: str = "",
    request,
) -> Invitation:
    """Records the invitation (cancelling older unused ones to the same recipient) and e-mails
    the link. If the e-mail cannot be sent, nothing is recorded."""
    now = timezone.now()
    (
        Invitation.objects.unused()
        .filter(person=person, circle_member=member)
        .update(cancelled_at=now)
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        circle_member=member,
        email=email.strip().lower(),
        recipient_name=person.name if member is None else member.name,
        role=Role.PERSON if member is None else Role.SUPPORTER,
        token_hash=token_hash(token),
        created_by=created_by,
        created_at=now,
        expires_at=now + LIFETIME,
        on_behalf_reason=on_behalf_reason.strip() if member is not None else "",
    )
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
    body = render_to_string(
        "accounts/emails/invitation.txt",
        {
            "name": invitation.recipient_name,
            "link": link,
            "expires": expiry_in_words(invitation.expires_at),
            "council_name": settings.COUNCIL_NAME,
            "service_name": settings.SERVICE_NAME,
            "for_person": member is None,
            "on_behalf": invitation.on_behalf,
        },
    )
    EmailMessage(
        subject=_("Your invitation to %(service)s") % {"service": settings.SERVICE_NAME},
        body=body,
        to=[invitation.email],
    ).send()
    log.info(
        "invitation.sent",
        extra={"invitation_id": invitation.pk, "role": invitation.role, "user_id": created_by.pk},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Creates the account (or links one the recipient already has), sets its password, links
    it to the record and uses the invitation up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation_problem(invitation):
        raise InvitationRefused(_("This link has already been used or has expired."))
    person, member = invitation.person, invitation.circle_member
    already = person.account if member is None else member.account
    user = User.objects.filter(email__iexact=invitation.email).first()
    if already is not None and already != user:
        raise InvitationRefused(
            _("This invitation is for someone who already has an account. Sign in instead.")
        )
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=invitation.recipient_name,
            role=invitation.role,
        )
    elif user.role != invitation.role or not user.is_active:
        raise InvitationRefused(
            _(
                "This email address is already used for another account. Ask your social "
                "worker to send the invitation to a different email address."
            )
        )
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    try:
        with transaction.atomic():
            if member is None:
                person.account = user
                person.save(update_fields=["account"])
            else:
                member.account = user
                if invitation.on_behalf:
                    # The person cannot choose for themselves: the advocate sees what they need
                    # to speak for them, decided by staff, with the reason kept on the invitation.
                    member.shared_sections = sorted(
                        set(member.shared_sections) | set(ADVOCATE_SECTIONS)
                    )
                member.save(update_fields=["account", "shared_sections"])
    except IntegrityError:
        raise InvitationRefused(
            _("This email address already has an account linked to this record. Sign in instead.")
        ) from None
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    log.info("invitation.accepted", extra={"invitation_id": invitation.pk, "user_id": user.pk})
    return user


def _throttle_key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:new-link:{kind}:{value}".encode()).hexdigest()
    return f"{kind}:{digest[:64]}"


def new_link_throttled(*, email: str, address: str) -> bool:
    """Counts this request, then says whether there have been too many."""
    now = timezone.now()
    NewLinkRequest.objects.filter(at__lt=now - NEW_LINK_WINDOW).delete()
    keys = {
        _throttle_key("address", address): NEW_LINK_MAX_PER_ADDRESS,
        _throttle_key("email", email.strip().lower()): NEW_LINK_MAX_PER_EMAIL,
    }
    throttled = False
    for key, limit in keys.items():
        if NewLinkRequest.objects.filter(key=key, at__gte=now - NEW_LINK_WINDOW).count() >= limit:
            throttled = True
    if throttled:
        log.warning("invitation.new_link_throttled")
        return True
    NewLinkRequest.objects.bulk_create(NewLinkRequest(key=key, at=now) for key in keys)
    return False


def new_link_ask(*, email: str, request) -> None:
    """Tells whoever sent an unused invitation to this address that a new link was asked for.
    Says nothing back about whether there was one."""
    invitations = (
        Invitation.objects.filter(email__iexact=email.strip(), used_at__isnull=True)
        .select_related("created_by", "person__practitioner")
        .order_by("-created_at")
    )
    told = set()
    for invitation in invitations:
        inviter = invitation.created_by
        if inviter is None or not inviter.is_active or not inviter.is_staff_member:
            inviter = invitation.person.practitioner
        if inviter is None or not inviter.is_active or inviter.email in told:
            continue
        told.add(inviter.email)
        invite = reverse("accounts:invite", kwargs={"person_id": invitation.person_id})
        who = f"member-{invitation.circle_member_id}" if invitation.circle_member_id else "person"
        link = request.build_absolute_uri(f"{invite}?who={who}")
        body = render_to_string(
            "accounts/emails/new_link_asked.txt",
            {
                "name": inviter.full_name,
                "link": link,
                "service_name": settings.SERVICE_NAME,
            },
        )
        EmailMessage(
            subject=_("Someone asked for a new invitation to %(service)s")
            % {"service": settings.SERVICE_NAME},
            body=body,
            to=[inviter.email],
        ).send()
        log.info("invitation.new_link_asked", extra={"invitation_id": invitation.pk})
