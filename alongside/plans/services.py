"""Co-producing a plan: goals in the person's words, everyone's ideas, honest costs."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.aboutme.services import speaker_for, voice_check, writer_role_for
from alongside.plans.models import Goal, Idea, Plan, PlanStatus


class PlanLocked(Exception):
    """Only a draft changes: an agreed version is kept as it was, forever."""


def _draft_only(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise PlanLocked(_("This version of the plan has been agreed, so it cannot change."))


@transaction.atomic
def plan_start(*, person) -> Plan:
    """A new draft, numbered after the last version; the existing draft if there is one."""
    draft = Plan.objects.about(person).filter(status=PlanStatus.DRAFT).first()
    if draft is not None:
        return draft
    last = Plan.objects.about(person).aggregate(n=Max("number"))["n"] or 0
    return Plan.objects.create(person=person, number=last + 1)


def _touch(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


@transaction.atomic
def goal_add(*, plan: Plan, text: str, voice: str, author, conversation=None, speaker=None) -> Goal:
    """A goal, with the same rules about whose words are whose as About me."""
    _draft_only(plan)
    person = plan.person
    voice_check(person=person, voice=voice, author=author, conversation=conversation)
    speaker = speaker_for(
        person=person, voice=voice, author=author, conversation=conversation, speaker=speaker
    )
    position = (plan.goals.aggregate(n=Max("position"))["n"] or 0) + 1
    goal = Goal.objects.create(
        plan=plan,
        text=text,
        voice=voice,
        written_by=author,
        writer_role=writer_role_for(author),
        conversation=conversation,
        speaker=speaker,
        position=position,
    )
    _touch(plan)
    return goal


@transaction.atomic
def idea_add(*, plan: Plan, details: dict, added_by) -> Idea:
    """An idea towards a goal, or the traditional package. A rate from the unit-cost table is
    copied in, so later changes to the table never change this plan."""
    _draft_only(plan)
    unit_cost = details.get("unit_cost")
    if unit_cost is not None:
        details = {**details, "rate_pence": unit_cost.amount_pence, "unit": unit_cost.unit}
    idea = Idea.objects.create(plan=plan, added_by=added_by, **details)
    _touch(plan)
    return idea
