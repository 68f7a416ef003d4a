"""The person's copy of an agreed version: what it says, in the person's words first, read from
that version's rows only. The printable page, its PDF and the Easy Read version all use it.

An agreed version never changes, so neither does its copy: nothing here reads the draft, today's
rates, or the progress of an action (which moves on after agreement)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.aboutme.models import Voice
from alongside.people.models import Person
from alongside.plans.models import Decision, Funding, Plan, PlanStatus
from alongside.plans.money import Comparison, Totals, compare
from alongside.plans.presenters import cost_words, idea_cost, voice_share
from alongside.plans.services import agreement_state

# Who pays, as the person would say it.
WHO_PAYS = {
    Funding.DIRECT_PAYMENT: gettext_lazy("My personal budget (a direct payment)"),
    Funding.COUNCIL_MANAGED: gettext_lazy("My personal budget (the council looks after it)"),
    Funding.COMMISSIONED: gettext_lazy("The council"),
    Funding.OWN_MONEY: gettext_lazy("My own money"),
    Funding.FREE: gettext_lazy("Nobody: it is free"),
    Funding.NHS: gettext_lazy("The NHS"),
}

# Each decision, in Easy Read.
EASY_DECISIONS = {
    Decision.AGREE: gettext_lazy("Yes, I agree."),
    Decision.RESERVATIONS: gettext_lazy("Yes, but I have some worries."),
    Decision.DISAGREE: gettext_lazy("No, I do not agree."),
}


@dataclass(frozen=True)
class CopyIdea:
    title: str
    cost: str
    who_pays: str


@dataclass(frozen=True)
class CopyGoal:
    text: str
    is_quote: bool  # the person's own or a supporter's words, not a practitioner's summary
    whose: str  # "My own words", "Maggie's words", or "" for a practitioner's summary
    ideas: tuple[CopyIdea, ...]


@dataclass(frozen=True)
class CopyAction:
    text: str
    owner: str
    due_on: date | None


@dataclass(frozen=True)
class CopyAgreement:
    name: str
    decision: str
    decision_label: str
    easy_label: str
    words: str
    told_to: str  # who recorded it, when it was given in person; otherwise ""


@dataclass(frozen=True)
class PersonCopy:
    person_name: str
    number: int
    agreed_on: date | None
    review_due: date | None
    goals: tuple[CopyGoal, ...]
    actions: tuple[CopyAction, ...]
    warning_signs: str
    what_to_do: str
    who_to_call: str
    comparison: Comparison
    has_chosen: bool
    has_traditional: bool
    voice_share: str
    agreements: tuple[CopyAgreement, ...]

    @property
    def totals(self) -> Totals:
        return self.comparison.plan

    @property
    def has_contingency(self) -> bool:
        return bool(self.warning_signs or self.what_to_do or self.who_to_call)


def frozen_version(person: Person, number: int) -> Plan | None:
    """The agreed version with this number, or None (a draft, or no such version)."""
    return Plan.objects.about(person).filter(number=number).exclude(status=PlanStatus.DRAFT).first()


def person_copy_for(person: Person, number: int) -> PersonCopy | None:
    """The person's copy of agreed version ``number``, or None when there is none: a fixed
    number of queries, however long the plan."""
    plan = frozen_version(person, number)
    if plan is None:
        return None
    return build_copy(plan, person=person)


def build_copy(plan: Plan, *, person: Person) -> PersonCopy:
    plan.person = person
    name = person.preferred_name or person.given_name
    goals = list(plan.goals.select_related("speaker").order_by("position", "id"))
    ideas = list(plan.ideas.order_by("created_at", "id"))
    actions = list(plan.actions.order_by("due_on", "id"))
    chosen = [i for i in ideas if i.chosen and not i.is_traditional]
    traditional = [i for i in ideas if i.is_traditional]
    by_goal: dict[int, list[CopyIdea]] = {}
    for idea in chosen:
        by_goal.setdefault(idea.goal_id, []).append(
            CopyIdea(
                title=idea.title,
                cost=cost_words(idea),
                who_pays=str(WHO_PAYS.get(idea.funding, idea.get_funding_display())),
            )
        )
    return PersonCopy(
        person_name=name,
        number=plan.number,
        agreed_on=timezone.localtime(plan.agreed_at).date() if plan.agreed_at else None,
        review_due=plan.review_due,
        goals=tuple(
            CopyGoal(
                text=goal.text,
                is_quote=goal.voice != Voice.PRACTITIONER_SUMMARY,
                whose=_whose(goal),
                ideas=tuple(by_goal.get(goal.pk, ())),
            )
            for goal in goals
        ),
        actions=tuple(
            CopyAction(text=a.text, owner=a.owner_name, due_on=a.due_on) for a in actions
        ),
        warning_signs=plan.warning_signs,
        what_to_do=plan.what_to_do,
        who_to_call=plan.who_to_call,
        comparison=compare([idea_cost(i) for i in chosen], [idea_cost(i) for i in traditional]),
        has_chosen=bool(chosen),
        has_traditional=bool(traditional),
        voice_share=voice_share(ideas, person_name=name),
        agreements=_agreements(plan, ideas=ideas, goals=goals),
    )


def _whose(goal) -> str:
    if goal.voice == Voice.OWN_WORDS:
        return _("My own words")
    if goal.voice == Voice.SUPPORTER_WORDS:
        if goal.speaker is not None:
            return _("%(name)s's words") % {"name": goal.speaker.name}
        return _("A supporter's words")
    return ""


def _agreements(plan: Plan, *, ideas, goals) -> tuple[CopyAgreement, ...]:
    """Each party's decision on the revision that was agreed, as the plan page shows them: the
    person first, then their supporters, then staff."""
    state = agreement_state(plan, practitioner_name="", ideas=ideas, goals=goals)
    return tuple(
        CopyAgreement(
            name=seat.agreement.name,
            decision=seat.agreement.decision,
            decision_label=seat.agreement.get_decision_display(),
            easy_label=str(EASY_DECISIONS[seat.agreement.decision]),
            words=seat.agreement.words,
            told_to=seat.agreement.recorded_by.full_name if seat.agreement.given_in_person else "",
        )
        for seat in state.seats
        if seat.agreement is not None
    )
