"""What is waiting on each person of a list page: three grouped queries over that page's ids, so
the list itself stays a plain, indexed, paginated query (counting over a whole team's joins on
every page view cost 35-50 ms on PostgreSQL at 100,000 people).

And the same questions about plans for a home page's counts: whose review is overdue or due
soon, and who has actions overdue, counted by the database."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery

from alongside.aboutme.models import CheckState, SectionState
from alongside.conversations.models import Conversation, Status
from alongside.plans.models import (
    LIVE_STATUSES,
    OPEN_ACTION_STATUSES,
    REVIEW_STATUSES,
    Action,
    Plan,
)

# A review this close (or closer) is shown as due: six weeks, time to arrange the meeting.
REVIEW_DUE_SOON_DAYS = 42


def review_soon_until(today: date) -> date:
    """The last day on which a review counts as due soon."""
    return today + timedelta(days=REVIEW_DUE_SOON_DAYS)


@dataclass
class Waiting:
    sections_to_check: int = 0
    sections_not_quite: int = 0
    conversations_to_check: int = 0
    # Overdue actions of the person's plans in force (agreed, active or under review).
    actions_overdue: int = 0
    # The earliest review date of the person's plans in force, if any.
    review_due: date | None = None


def waiting_for(person_ids: list, today: date) -> dict:
    """{person id: Waiting}, for those of the ids with anything waiting (or a plan in force)."""
    found: dict = {}
    if not person_ids:
        return found
    states = (
        SectionState.objects.filter(
            person_id__in=person_ids, state__in=[CheckState.NOT_SEEN, CheckState.NOT_QUITE]
        )
        .values_list("person_id", "state")
        .annotate(n=Count("id"))
    )
    for person_id, state, n in states:
        waiting = found.setdefault(person_id, Waiting())
        if state == CheckState.NOT_SEEN:
            waiting.sections_to_check = n
        else:
            waiting.sections_not_quite = n
    unchecked = Counter(
        Conversation.objects.filter(
            person_id__in=person_ids, status=Status.RECORDED, confirmations__isnull=True
        ).values_list("person_id", flat=True)
    )
    for person_id, n in unchecked.items():
        found.setdefault(person_id, Waiting()).conversations_to_check = n
    # One row per person with a plan in force. Joining the actions repeats a plan's row once
    # per action, which leaves the earliest review date as it is.
    plans = (
        Plan.objects.filter(person_id__in=person_ids, status__in=LIVE_STATUSES)
        .order_by()
        .values_list("person_id")
        .annotate(
            review_due=Min("review_due", filter=Q(status__in=REVIEW_STATUSES)),
            actions_overdue=Count(
                "actions",
                filter=Q(actions__due_on__lt=today, actions__status__in=OPEN_ACTION_STATUSES),
            ),
        )
    )
    for person_id, review_due, actions_overdue in plans:
        waiting = found.setdefault(person_id, Waiting())
        waiting.review_due = review_due
        waiting.actions_overdue = actions_overdue
    return found


def plan_attention(people: QuerySet, today: date, *, by: str | None = None):
    """Of these people, how many have their review overdue, how many have it due within six
    weeks, and how many have an overdue action, on plans in force: each person counted once, by
    their earliest review, as the people list shows them. One query: a dict, or with ``by`` a
    row of counts (and ``people``) for each value of that field.

    Each person's earliest review and first overdue action are looked up through the index on
    the plan's person (scalar subqueries, which the database cannot turn into a scan of every
    plan in the council), so the cost follows the number of people counted, not the council."""
    annotated = people.annotate(
        first_review=Subquery(
            Plan.objects.awaiting_review()
            .filter(person_id=OuterRef("pk"), review_due__isnull=False)
            .order_by("review_due")
            .values("review_due")[:1]
        ),
        first_action_overdue=Subquery(
            Action.objects.overdue(today)
            .filter(plan__person_id=OuterRef("pk"))
            .order_by()
            .values("pk")[:1]
        ),
    ).order_by()
    counts = {
        "people": Count("pk"),
        "reviews_overdue": Count("pk", filter=Q(first_review__lt=today)),
        # BETWEEN: the earliest review is looked up once for this count, not twice.
        "reviews_due": Count("pk", filter=Q(first_review__range=(today, review_soon_until(today)))),
        "actions_overdue": Count("pk", filter=Q(first_action_overdue__isnull=False)),
    }
    if by is None:
        return annotated.aggregate(**counts)
    return annotated.values(by).annotate(**counts)
