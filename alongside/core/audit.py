"""Recording access to people's data."""

from collections.abc import Iterable

from alongside.core.logging import current_request_id
from alongside.core.models import AuditAction, AuditEvent, AuditOutcome


def audit_record(*, user, person_id, action: str, target: str, outcome: str) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=user if user.is_authenticated else None,
        actor_role=getattr(user, "role", "anonymous"),
        person_id=person_id,
        action=action,
        target=target,
        outcome=outcome,
        request_id=current_request_id(),
    )


def audit_listing(*, user, person_ids: Iterable, target: str) -> None:
    """One row per person shown in a list, in one INSERT whatever the page size."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=user,
            actor_role=user.role,
            person_id=person_id,
            action=AuditAction.LIST,
            target=target,
            outcome=AuditOutcome.ALLOWED,
            request_id=current_request_id(),
        )
        for person_id in person_ids
    )
