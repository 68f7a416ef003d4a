"""Who at the council has looked at what a supporter told us about caring, in plain words.

What an unpaid carer writes on their own pages (how caring is for them, asking for a carer's
assessment) is read by staff on the carers' page of the person they care for
(``carers.staff``). Each allowed opening of that page, for a person whose circle has this
supporter as an unpaid carer, is listed: who (name and role), when, and whose carers' page.
Nothing else from the audit trail: every other event filed under the person is about the
person, and theirs to see on their own privacy page."""

from django.utils.translation import gettext as _

from alongside.accounts.models import Role
from alongside.carers.views import STAFF_TARGET
from alongside.core.models import AuditAction, AuditEvent, AuditOutcome
from alongside.privacy.who_looked import Look

PAGE_SIZE = 50


def _cared_for(user):
    return user.circle_memberships.filter(is_unpaid_carer=True).values("person_id")


def looks_for_supporter(user):
    """Allowed openings of the carers' page of the people this supporter cares for, newest
    first, ordered by the database; page it."""
    return (
        AuditEvent.objects.filter(
            target=STAFF_TARGET,
            outcome=AuditOutcome.ALLOWED,
            person_id__in=_cared_for(user),
        )
        .order_by("-at", "-id")
        .values_list("at", "actor__full_name", "actor_role", "action", "person_id")
    )


def cared_for_names(user) -> dict:
    """The people this supporter is in the circle of → their names (one query)."""
    rows = user.circle_memberships.values_list(
        "person_id", "person__preferred_name", "person__given_name", "person__family_name"
    )
    return {pk: f"{preferred or given} {family}" for pk, preferred, given, family in rows}


def describe_looks(rows, names: dict) -> list[Look]:
    return [
        Look(
            at=at,
            who=full_name or _("Someone not signed in"),
            role=str(Role(actor_role).label) if actor_role in Role.values else "",
            did=str(AuditAction(action).label) if action in AuditAction.values else action,
            what=_("the carers' page for %(name)s, with what you told us")
            % {"name": names.get(person_id, "")},
            whose=names.get(person_id, ""),
        )
        for at, full_name, actor_role, action, person_id in rows
    ]
