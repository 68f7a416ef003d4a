"""How a plan reads: goals first, each with its ideas and their costs, then the comparison."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.aboutme.models import Voice
from alongside.plans.models import Action, Goal, Idea, Plan, Review
from alongside.plans.money import Comparison, Cost, Unit, compare, pounds


def idea_cost(idea: Idea) -> Cost:
    return Cost(
        one_off_pence=idea.one_off_pence,
        rate_pence=idea.rate_pence,
        unit=idea.unit,
        units_per_week=idea.units_per_week,
    )


def cost_words(idea: Idea) -> str:
    """ "£2,400 one-off", "£65 a day, 2 a week", "£30 a month", "Free", "cost not known"."""
    parts = []
    if idea.one_off_pence:
        parts.append(_("%(amount)s one-off") % {"amount": pounds(idea.one_off_pence)})
    if idea.unit != Unit.ONE_OFF:
        if idea.rate_pence is None:
            parts.append(str(_("cost not known")))
        else:
            rate = f"{pounds(idea.rate_pence)} {Unit(idea.unit).label}"
            if idea.unit == Unit.MONTH:
                parts.append(rate)
            else:
                count = f"{idea.units_per_week.normalize():f}"
                parts.append(_("%(rate)s, %(count)s a week") % {"rate": rate, "count": count})
    return "; ".join(parts) or str(_("Free"))


@dataclass
class GoalView:
    goal: Goal
    is_quote: bool
    ideas: list[tuple[Idea, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    goals: list[GoalView]
    ideas: list[Idea]
    traditional: list[tuple[Idea, str]]
    comparison: Comparison | None
    voice_share: str
    actions: list[Action]
    overdue: int
    reviews: list[Review]


def plan_view(plan: Plan, *, person_name: str, today=None) -> PlanView:
    today = today or timezone.localdate()
    ideas = list(plan.ideas.all())
    goals = {
        g.pk: GoalView(g, g.voice != Voice.PRACTITIONER_SUMMARY)
        for g in plan.goals.prefetch_related("statements", "needs")
    }
    actions = list(plan.actions.all())
    for action in actions:
        action.plan = plan
        action.overdue = action.is_overdue(today)
    traditional = []
    for idea in ideas:
        if idea.is_traditional:
            traditional.append((idea, cost_words(idea)))
        elif idea.goal_id in goals:
            goals[idea.goal_id].ideas.append((idea, cost_words(idea)))
    chosen = [idea_cost(i) for i in ideas if i.chosen and not i.is_traditional]
    comparison = (
        compare(chosen, [idea_cost(i) for i in ideas if i.is_traditional])
        if chosen or traditional
        else None
    )
    return PlanView(
        plan=plan,
        goals=list(goals.values()),
        ideas=ideas,
        traditional=traditional,
        comparison=comparison,
        voice_share=voice_share(ideas, person_name=person_name),
        actions=actions,
        overdue=sum(1 for a in actions if a.overdue),
        reviews=list(plan.reviews.select_related("recorded_by")),
    )


def voice_share(ideas: list[Idea], *, person_name: str) -> str:
    """ "7 of 9 ideas came from Dennis and his circle"."""
    counted = [i for i in ideas if not i.is_traditional]
    if not counted:
        return ""
    theirs = sum(1 for i in counted if i.suggested_by_circle)
    return ngettext(
        "%(theirs)s of %(all)s idea came from %(name)s and their circle",
        "%(theirs)s of %(all)s ideas came from %(name)s and their circle",
        len(counted),
    ) % {"theirs": theirs, "all": len(counted), "name": person_name}
