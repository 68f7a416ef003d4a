"""The person's own home page: their plan, what's next, About me, and what is waiting for them.
Written for the person, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils import timezone

from alongside.aboutme.models import CheckState, SectionState
from alongside.outcomes.gas import outcomes_due
from alongside.plans.models import OPEN_ACTION_STATUSES, Action, Plan, PlanStatus
from alongside.plans.services import agreement_state
from alongside.threads.services import unread_count

NEXT_ACTIONS = 5


@dataclass
class MyHome:
    plan: Plan | None = None  # the plan in place (agreed, active or under review)
    draft: Plan | None = None  # the next version, being written
    my_decision_needed: bool = False  # the draft waits for the person to say if they agree
    next_actions: list[Action] = field(default_factory=list)
    sections_to_check: int = 0
    unread_messages: int = 0
    outcomes_due: bool = False  # time to answer "how it's going" (plan start, review, check-in)


def my_home(person, *, user, practitioner_name: str) -> MyHome:
    home = MyHome(unread_messages=unread_count(user, person))
    plans = list(Plan.objects.about(person).exclude(status=PlanStatus.REPLACED).order_by("-number"))
    for plan in plans:
        plan.person = person
        if plan.is_draft:
            home.draft = plan
        elif home.plan is None:
            home.plan = plan
    if home.draft is not None and home.draft.goals.exists():
        seat = agreement_state(home.draft, practitioner_name=practitioner_name).seat("person")
        home.my_decision_needed = seat is not None and seat.agreement is None
    if home.plan is not None:
        today = timezone.localdate()
        home.next_actions = list(
            home.plan.actions.filter(status__in=OPEN_ACTION_STATUSES).order_by("due_on", "id")[
                :NEXT_ACTIONS
            ]
        )
        for action in home.next_actions:
            action.plan = home.plan
            action.overdue = action.is_overdue(today)
        home.outcomes_due = outcomes_due(person, today, plan=home.plan) is not None
    home.sections_to_check = SectionState.objects.filter(
        person=person, state=CheckState.NOT_SEEN
    ).count()
    return home
