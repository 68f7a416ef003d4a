"""Saving what a carer writes, their request for an assessment, and telling the team."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.carers.models import (
    OPEN_STATUSES,
    CarerAssessmentRequest,
    CarerView,
    RequestStatus,
)
from alongside.core.notify import staff_to_tell, tell
from alongside.people.models import CircleMember

log = logging.getLogger("alongside.carers")

# Never a name, never their words: e-mail leaves the council's systems.
REQUEST_EMAIL_SUBJECT = "A carer has asked for a carer's assessment"
REQUEST_EMAIL_BODY = (
    "Hello,\n\n"
    "A carer of someone you work with has asked for a carer's assessment.\n\n"
    "Sign in to Alongside to see it:\n{url}\n\n"
    "To keep it private, we do not put names or what they wrote in e-mails. "
    "Please do not reply to this e-mail."
)


class AlreadyAsked(Exception):
    """The carer already has a request that is not done yet."""

    def __init__(self, existing: CarerAssessmentRequest):
        super().__init__("already asked")
        self.existing = existing


def member_person_id(member_id: int):
    """Whose circle a membership is in, for auditing a refused visit (None if there is none)."""
    return CircleMember.objects.filter(pk=member_id).values_list("person_id", flat=True).first()


def view_add(*, member: CircleMember, by, hard: str, helps: str, difference: str, hours):
    return CarerView.objects.create(
        member=member,
        hard=hard,
        helps=helps,
        difference=difference,
        hours_per_week=hours,
        written_by=by,
    )


def open_request(member: CircleMember) -> CarerAssessmentRequest | None:
    return (
        member.assessment_requests.filter(status__in=OPEN_STATUSES)
        .order_by("-created_at", "-id")
        .first()
    )


def request_make(
    *, member: CircleMember, by, words: str, contact_way: str, contact_time: str, staff_url: str
) -> CarerAssessmentRequest:
    """Records the request and e-mails the team that there is one. One open request at a time:
    a second raises ``AlreadyAsked`` with the first."""
    try:
        with transaction.atomic():
            # Lock the carer's row so two requests at once cannot both be made.
            CircleMember.objects.select_for_update().filter(pk=member.pk).first()
            if (existing := open_request(member)) is not None:
                raise AlreadyAsked(existing)
            now = timezone.now()
            made = CarerAssessmentRequest.objects.create(
                member=member,
                words=words,
                contact_way=contact_way,
                contact_time=contact_time,
                requested_by=by,
                created_at=now,
                updated_at=now,
            )
            recipients = [u.email for u in staff_to_tell(member.person)]
            if not recipients:
                log.warning("carers.no_one_to_tell", extra={"request": made.pk})
            body = REQUEST_EMAIL_BODY.format(url=staff_url)
            transaction.on_commit(
                lambda: tell(recipients, str(REQUEST_EMAIL_SUBJECT), body, event="carers.request")
            )
            return made
    except IntegrityError:
        # The database's one-open-request rule caught a race the lock did not.
        raise AlreadyAsked(open_request(member)) from None


def request_set_status(*, request: CarerAssessmentRequest, status: str, by):
    if status not in RequestStatus.values:
        raise ValueError(status)
    request.status = status
    request.updated_by = by
    request.updated_at = timezone.now()
    request.save(update_fields=["status", "updated_by", "updated_at"])
    return request
