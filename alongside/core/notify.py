"""E-mails that tell someone there is something to read in Alongside: never what it is, nor who
it is about. One e-mail per address, so nobody sees who else was told; a failure to send is
logged, never raised, because what it tells of is already saved and shown on sign-in."""

import logging

from django.core.mail import send_mail

from alongside.accounts.models import Role, User

log = logging.getLogger("alongside.notify")


def team_managers(person):
    """The active team managers of the person's team who have an e-mail address."""
    return User.objects.filter(
        role=Role.TEAM_MANAGER, team_id=person.team_id, is_active=True
    ).exclude(email="")


def staff_to_tell(person) -> list[User]:
    """The person's practitioner; if they have none (or they have left), the team's managers."""
    practitioner = person.practitioner
    if practitioner is not None and practitioner.is_active and practitioner.email:
        return [practitioner]
    return list(team_managers(person))


def tell(addresses, subject: str, body: str, *, event: str) -> int:
    """Send ``body`` to each address on its own. ``event`` names what for, in the log."""
    sent = 0
    for address in dict.fromkeys(addresses):  # each once, in order
        try:
            sent += send_mail(subject, body, None, [address])
        except Exception:
            log.exception("notify.failed", extra={"event": event})
    return sent
