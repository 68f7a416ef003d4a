"""Co-producing a plan: goals in the person's words, everyone's ideas, honest costs, actions,
the contingency plan, each party's agreement, and the life of a version after it is agreed.

Every change to a draft goes through here. It takes the draft's row lock, refuses a change to an
agreed version (PlanLocked) or to something someone else saved first (EditConflict), and moves
the draft's revision on, so agreements given to an earlier revision stop counting."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.aboutme.services import (
    EditConflict,
    ProvenanceError,
    may_revise,
    speaker_for,
    voice_check,
    writer_role_for,
)
from alongside.accounts.models import Role
from alongside.plans.models import (
    Action,
    Agreement,
    AgreementCheck,
    Decision,
    Funding,
    Goal,
    Idea,
    Party,
    Plan,
    PlanRules,
    PlanStatus,
    Review,
    UnitCost,
)
from alongside.plans.money import Cost, totals

COUNCIL_FUNDING = (Funding.DIRECT_PAYMENT, Funding.COUNCIL_MANAGED, Funding.COMMISSIONED)


class PlanLocked(Exception):
    """Only a draft changes: an agreed version is kept as it was, forever."""


class NotReady(Exception):
    """The draft cannot be agreed yet; the message says what is missing."""


def _draft_locked(plan: Plan, seen_revision: int | None = None) -> Plan:
    """The draft's row, locked for this transaction; refused if it is no longer a draft or has
    changed since the editor saw it."""
    current = Plan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if current.status != PlanStatus.DRAFT:
        raise PlanLocked(_("This version of the plan has been agreed, so it cannot change."))
    if seen_revision is not None and current.revision != seen_revision:
        raise EditConflict(current)
    return current


def _changed(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1, updated_at=timezone.now())
    plan.refresh_from_db(fields=["revision", "updated_at"])


def _check_seen(obj, seen_revision: int) -> None:
    if obj.revision != seen_revision:
        raise EditConflict(obj)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day where that day does not exist."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# Versions ---------------------------------------------------------------------------------------


@transaction.atomic
def plan_start(*, person) -> Plan:
    """The draft to work on: the existing one, or a new version that starts from the last (its
    goals, ideas, actions and contingency plan), or an empty first version."""
    draft = Plan.objects.about(person).filter(status=PlanStatus.DRAFT).first()
    if draft is not None:
        return draft
    last = Plan.objects.about(person).order_by("-number").first()
    number = (last.number if last else 0) + 1
    if last is None:
        return Plan.objects.create(person=person, number=number)
    return _copy(last, number)


def _copy(source: Plan, number: int) -> Plan:
    plan = Plan.objects.create(
        person=source.person,
        number=number,
        warning_signs=source.warning_signs,
        what_to_do=source.what_to_do,
        who_to_call=source.who_to_call,
    )
    goals = {}
    for goal in source.goals.prefetch_related("statements", "needs"):
        old_pk = goal.pk
        statements, needs = list(goal.statements.all()), list(goal.needs.all())
        goal.copied_from_id = goal.pk
        goal.pk = None
        goal.plan = plan
        goal.revision = 1
        goal.save(force_insert=True)
        goal.statements.set(statements)
        goal.needs.set(needs)
        goals[old_pk] = goal
    for idea in source.ideas.all():
        idea.copied_from_id = idea.pk
        idea.pk = None
        idea.plan = plan
        idea.goal = goals.get(idea.goal_id)
        idea.revision = 1
        idea.save(force_insert=True)
    for action in source.actions.all():
        action.copied_from_id = action.pk
        action.pk = None
        action.plan = plan
        action.goal = goals.get(action.goal_id)
        action.revision = 1
        action.save(force_insert=True)
    return plan


# Goals ------------------------------------------------------------------------------------------


@transaction.atomic
def goal_add(
    *,
    plan: Plan,
    text: str,
    voice: str,
    author,
    conversation=None,
    speaker=None,
    statements=(),
    needs=(),
    wellbeing_areas=(),
) -> Goal:
    """A goal, with the same rules about whose words are whose as About me."""
    plan = _draft_locked(plan)
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
        wellbeing_areas=list(wellbeing_areas),
    )
    goal.statements.set(statements)
    goal.needs.set(needs)
    _changed(plan)
    return goal


@transaction.atomic
def goal_change(
    *,
    goal: Goal,
    seen_revision: int,
    text: str,
    author,
    conversation=None,
    statements=(),
    needs=(),
    wellbeing_areas=(),
) -> Goal:
    """New words (by whoever owns them) and links for a goal; refused if someone saved first."""
    plan = _draft_locked(goal.plan)
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    _check_seen(current, seen_revision)
    if current.text != text and not may_revise(
        current, person=plan.person, author=author, conversation=conversation
    ):
        raise ProvenanceError(
            _("These are someone else's words. Only they can change them, or say so in a note.")
        )
    if current.text != text:
        current.written_by = author
        current.writer_role = writer_role_for(author)
        current.conversation = conversation
    current.text = text
    current.wellbeing_areas = list(wellbeing_areas)
    current.revision += 1
    current.save()
    current.statements.set(statements)
    current.needs.set(needs)
    _changed(plan)
    return current


GOAL_LEVEL_FIELDS = (
    "level_much_less",
    "level_less",
    "level_expected",
    "level_more",
    "level_much_more",
)


@transaction.atomic
def goal_levels_set(*, goal: Goal, seen_revision: int, levels: dict, weight: int) -> Goal:
    """Goal Attainment Scaling: the goal's five levels in the person's words, and its weight.
    Part of the plan, so the plan's revision goes up and everyone decides again."""
    plan = _draft_locked(goal.plan)
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    _check_seen(current, seen_revision)
    for name in GOAL_LEVEL_FIELDS:
        setattr(current, name, levels.get(name, ""))
    current.weight = weight
    current.revision += 1
    current.save()
    _changed(plan)
    return current


@transaction.atomic
def goal_move(*, goal: Goal, up: bool) -> None:
    """The person's order of importance: swap a goal with the one above or below it."""
    plan = _draft_locked(goal.plan)
    goals = list(plan.goals.select_for_update().order_by("position", "id"))
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(goals):
        return
    goals[index], goals[other] = goals[other], goals[index]
    for position, each in enumerate(goals, start=1):
        if each.position != position:
            Goal.objects.filter(pk=each.pk).update(position=position)
    _changed(plan)


# Ideas ------------------------------------------------------------------------------------------


def _with_table_rate(details: dict) -> dict:
    """A rate from the unit-cost table is copied in, so later changes to the table never change
    this plan without someone seeing it."""
    unit_cost = details.get("unit_cost")
    if unit_cost is None:
        return details
    return {**details, "rate_pence": unit_cost.amount_pence, "unit": unit_cost.unit}


@transaction.atomic
def idea_add(*, plan: Plan, details: dict, added_by) -> Idea:
    """An idea towards a goal, or the traditional package."""
    plan = _draft_locked(plan)
    idea = Idea.objects.create(plan=plan, added_by=added_by, **_with_table_rate(details))
    _changed(plan)
    return idea


@transaction.atomic
def idea_change(*, idea: Idea, seen_revision: int, details: dict) -> Idea:
    plan = _draft_locked(idea.plan)
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    _check_seen(current, seen_revision)
    for name, value in _with_table_rate(details).items():
        setattr(current, name, value)
    current.revision += 1
    current.save()
    _changed(plan)
    return current


@transaction.atomic
def idea_like(*, idea: Idea, likes: bool) -> None:
    """The person marks the ideas they like (or a practitioner records it with them)."""
    plan = _draft_locked(idea.plan)
    Idea.objects.filter(pk=idea.pk).update(person_likes=likes, revision=F("revision") + 1)
    _changed(plan)


def stale_rates(plan: Plan, day: date) -> list[tuple[Idea, UnitCost]]:
    """Ideas whose copied rate is not the table's rate in force on ``day``."""
    ideas = [i for i in plan.ideas.select_related("unit_cost") if i.unit_cost_id]
    if not ideas:
        return []
    in_force = {
        u.name: u
        for u in UnitCost.objects.in_force_on(day).filter(
            name__in={i.unit_cost.name for i in ideas}
        )
    }
    found = []
    for idea in ideas:
        rate = in_force.get(idea.unit_cost.name)
        if rate is not None and (rate.amount_pence, rate.unit) != (idea.rate_pence, idea.unit):
            found.append((idea, rate))
    return found


@transaction.atomic
def rates_refresh(*, plan: Plan, day: date | None = None) -> int:
    """Copy in the rates in force on ``day`` (today): a changed cost, so agreements start again."""
    plan = _draft_locked(plan)
    stale = stale_rates(plan, day or timezone.localdate())
    for idea, rate in stale:
        Idea.objects.filter(pk=idea.pk).update(
            unit_cost=rate, rate_pence=rate.amount_pence, unit=rate.unit, revision=F("revision") + 1
        )
    if stale:
        _changed(plan)
    return len(stale)


# Actions and the contingency plan ---------------------------------------------------------------


@transaction.atomic
def action_add(*, plan: Plan, details: dict, added_by) -> Action:
    plan = _draft_locked(plan)
    action = Action.objects.create(plan=plan, updated_by=added_by, **details)
    _changed(plan)
    return action


@transaction.atomic
def action_change(*, action: Action, seen_revision: int, details: dict, by) -> Action:
    """In a draft anything about an action can change; once agreed, only its progress."""
    plan = Plan.objects.select_for_update().get(pk=action.plan_id)
    current = Action.objects.select_for_update().get(pk=action.pk)
    _check_seen(current, seen_revision)
    if plan.status == PlanStatus.REPLACED:
        raise PlanLocked(_("This version of the plan has been replaced, so it cannot change."))
    if plan.status != PlanStatus.DRAFT and set(details) - {"status"}:
        raise PlanLocked(_("This plan has been agreed: only the progress of an action can change."))
    for name, value in details.items():
        setattr(current, name, value)
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    current.save()
    if plan.status == PlanStatus.DRAFT:
        _changed(plan)
    return current


@transaction.atomic
def contingency_save(
    *, plan: Plan, seen_revision: int, warning_signs: str, what_to_do: str, who_to_call: str
) -> Plan:
    plan = _draft_locked(plan, seen_revision)
    plan.warning_signs, plan.what_to_do, plan.who_to_call = warning_signs, what_to_do, who_to_call
    plan.save(update_fields=["warning_signs", "what_to_do", "who_to_call"])
    _changed(plan)
    return plan


# Agreement --------------------------------------------------------------------------------------


def plan_costs(ideas: list[Idea]) -> tuple[list[Idea], int, int, int]:
    """Of a plan's ideas: (the chosen ones, their 12-month cost, the council-funded part of it,
    how many council-funded costs are not known)."""
    chosen = [i for i in ideas if i.chosen and not i.is_traditional]
    whole = totals([_cost(i) for i in chosen])
    council = totals([_cost(i) for i in chosen if i.funding in COUNCIL_FUNDING])
    return chosen, whole.year_pence, council.year_pence, council.unknown


def _cost(idea: Idea) -> Cost:
    return Cost(idea.one_off_pence, idea.rate_pence, idea.unit, idea.units_per_week)


@dataclass
class Seat:
    """One party whose decision the agreement asks for, and what they decided (if they have, on
    this revision of the draft)."""

    party: str
    name: str
    circle_member_id: int | None = None
    agreement: Agreement | None = None
    earlier: Agreement | None = None  # their decision on an earlier revision, no longer counted

    @property
    def party_label(self) -> str:
        return str(Party(self.party).label)

    @property
    def key(self) -> str:
        return f"supporter-{self.circle_member_id}" if self.circle_member_id else self.party


@dataclass
class AgreementState:
    seats: list[Seat]
    manager_needed: bool
    council_funded_year_pence: int
    council_funded_unknown: int
    threshold_pence: int

    @property
    def missing(self) -> list[Seat]:
        return [s for s in self.seats if s.agreement is None]

    def seat(self, key: str) -> Seat | None:
        return next((s for s in self.seats if s.key == key), None)


def agreement_state(
    plan: Plan, *, practitioner_name: str, ideas=None, goals=None, circle=None
) -> AgreementState:
    """Whose decision is needed: the person; each supporter who took part (said a goal,
    suggested an idea, or had their decision recorded); the practitioner; and the team manager
    when the council-funded cost is above the administrators' threshold, or cannot be known.
    Pass the plan's ideas and goals and the person's circle when they are already loaded."""
    rules = PlanRules.current()
    person = plan.person
    ideas = list(plan.ideas.all()) if ideas is None else ideas
    goals = list(plan.goals.all()) if goals is None else goals
    circle = list(person.circle.all()) if circle is None else circle
    _chosen, _year, council_year, council_unknown = plan_costs(ideas)
    manager_needed = (
        plan.needed_manager
        if plan.is_frozen  # the rule as it stood when the version was agreed
        else council_year > rules.manager_threshold_pence or council_unknown > 0
    )
    recorded = list(plan.agreements.select_related("recorded_by").prefetch_related("checks"))
    took_part = {g.speaker_id for g in goals if g.speaker_id}
    took_part |= {i.suggested_by_member_id for i in ideas if i.suggested_by_member_id}
    took_part |= {a.circle_member_id for a in recorded if a.circle_member_id}
    seats = [Seat(Party.PERSON, person.preferred_name or person.given_name)]
    seats += [
        Seat(Party.SUPPORTER, m.name, circle_member_id=m.pk)
        for m in sorted(circle, key=lambda m: m.name)
        if m.pk in took_part
    ]
    seats.append(Seat(Party.PRACTITIONER, practitioner_name))
    if manager_needed:
        seats.append(Seat(Party.TEAM_MANAGER, _("The team manager")))
    by_key = {s.key: s for s in seats}
    for agreement in recorded:  # oldest first, so the latest wins
        key = (
            f"supporter-{agreement.circle_member_id}"
            if agreement.circle_member_id
            else agreement.party
        )
        seat = by_key.get(key)
        if seat is None:
            continue
        if agreement.plan_revision == plan.revision:
            seat.agreement = agreement
            if seat.party in (Party.PRACTITIONER, Party.TEAM_MANAGER):
                seat.name = agreement.name
        else:
            seat.earlier = agreement
    return AgreementState(
        seats=seats,
        manager_needed=manager_needed,
        council_funded_year_pence=council_year,
        council_funded_unknown=council_unknown,
        threshold_pence=rules.manager_threshold_pence,
    )


def seats_for(user, plan: Plan) -> list[str]:
    """Which parties' decisions this user may record: their own, and (for staff) the person's
    and supporters' decisions given in person."""
    match user.role:
        case Role.PERSON:
            return [Party.PERSON] if plan.person.account_id == user.pk else []
        case Role.SUPPORTER:
            member = plan.person.circle.filter(account=user).first()
            return [f"supporter-{member.pk}"] if member else []
        case Role.PRACTITIONER:
            return [Party.PERSON, "supporters", Party.PRACTITIONER]
        case Role.TEAM_MANAGER:
            return [Party.PERSON, "supporters", Party.PRACTITIONER, Party.TEAM_MANAGER]
    return []


@transaction.atomic
def agreement_record(
    *,
    plan: Plan,
    seen_revision: int,
    party: str,
    decision: str,
    words: str,
    by,
    circle_member=None,
) -> Agreement:
    """One party's decision on the draft as it is now. Staff recording the person's or a
    supporter's decision are recording it as given in person; staff record their own decision
    as themselves."""
    plan = _draft_locked(plan, seen_revision)
    allowed = seats_for(by, plan)
    if party == Party.SUPPORTER:
        if circle_member is None or circle_member.person_id != plan.person_id:
            raise ProvenanceError(_("Choose a supporter from the person's circle."))
        key = f"supporter-{circle_member.pk}"
        permitted = key in allowed or "supporters" in allowed
        name = circle_member.name
    else:
        permitted = party in allowed
        name = by.full_name if party in (Party.PRACTITIONER, Party.TEAM_MANAGER) else ""
        if party == Party.PERSON:
            name = plan.person.preferred_name or plan.person.given_name
    if not permitted:
        raise ProvenanceError(_("You cannot record this decision."))
    if decision != Decision.AGREE and not words.strip():
        raise ProvenanceError(_("Say in their words what they are unsure of or disagree with."))
    speaking_for_self = (
        (party == Party.PERSON and by.role == Role.PERSON)
        or (party == Party.SUPPORTER and by.role == Role.SUPPORTER)
        or party in (Party.PRACTITIONER, Party.TEAM_MANAGER)
    )
    return Agreement.objects.create(
        plan=plan,
        party=party,
        circle_member=circle_member if party == Party.SUPPORTER else None,
        name=name,
        decision=decision,
        words=words.strip(),
        given_in_person=not speaking_for_self,
        recorded_by=by,
        plan_revision=plan.revision,
    )


def agreement_check(*, agreement: Agreement, is_right: bool, words: str, by) -> AgreementCheck:
    """The person (or supporter) says whether a decision written down for them is what they
    said. Only they can, and only for a decision someone else wrote down."""
    seat = (
        Party.PERSON
        if agreement.party == Party.PERSON
        else f"supporter-{agreement.circle_member_id}"
    )
    if not agreement.given_in_person or seat not in seats_for(by, agreement.plan):
        raise ProvenanceError(_("Only the person whose decision this is can check it."))
    if not is_right and not words.strip():
        raise ProvenanceError(_("Say what you meant, in your own words."))
    return AgreementCheck.objects.create(
        agreement=agreement, is_right=is_right, words=words.strip(), checked_by=by
    )


@transaction.atomic
def plan_agree(*, plan: Plan, seen_revision: int, by, practitioner_name: str) -> Plan:
    """Freeze the draft as an agreed version, once every party's decision is recorded on it. A
    plan can be agreed with a recorded disagreement: the decisions are kept and shown. The rates
    in force today are checked, the totals and the voice share stored for reporting, and the
    review date set."""
    plan = _draft_locked(plan, seen_revision)
    if not plan.goals.exists():
        raise NotReady(_("Add at least one goal, in the person's words, before agreeing the plan."))
    today = timezone.localdate()
    if stale := stale_rates(plan, today):
        names = ", ".join(sorted({rate.name for _idea, rate in stale}))
        raise NotReady(
            _(
                "The council's rate for %(names)s has changed since it was added. Use the rates "
                "in force today, then ask everyone to agree again."
            )
            % {"names": names}
        )
    state = agreement_state(plan, practitioner_name=practitioner_name)
    if state.missing:
        names = ", ".join(str(s.name) for s in state.missing)
        raise NotReady(_("Still to record a decision: %(names)s.") % {"names": names})
    all_ideas = list(plan.ideas.all())
    ideas = [i for i in all_ideas if not i.is_traditional]
    _chosen, year, council_year, _unknown = plan_costs(all_ideas)
    rules = PlanRules.current()
    now = timezone.now()
    plan.status = PlanStatus.AGREED
    plan.agreed_at = now
    plan.agreed_by = by
    plan.rates_on = today
    plan.ideas_total = len(ideas)
    plan.ideas_from_circle = sum(1 for i in ideas if i.suggested_by_circle)
    plan.year_pence = year
    plan.council_funded_year_pence = council_year
    plan.needed_manager = state.manager_needed
    plan.review_due = add_months(today, rules.review_months)
    plan.updated_at = now
    plan.save()
    return plan


@transaction.atomic
def plan_put_in_place(*, plan: Plan, started_on: date | None = None) -> Plan:
    """The agreed version becomes the active plan; the one it follows is replaced. One active
    plan at a time."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.AGREED:
        raise PlanLocked(_("Only an agreed plan can be put in place."))
    now = timezone.now()
    Plan.objects.about(plan.person).filter(
        status__in=[PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW, PlanStatus.AGREED],
        number__lt=plan.number,
    ).update(status=PlanStatus.REPLACED, replaced_at=now)
    plan.status = PlanStatus.ACTIVE
    plan.started_on = started_on or timezone.localdate()
    plan.save(update_fields=["status", "started_on"])
    return plan


@transaction.atomic
def review_date_set(*, plan: Plan, review_due: date) -> Plan:
    """A review sooner (when needs change) or later than the default."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in (PlanStatus.AGREED, PlanStatus.ACTIVE):
        raise PlanLocked(_("Only a plan in place has a review date to change."))
    plan.review_due = review_due
    plan.save(update_fields=["review_due"])
    return plan


@transaction.atomic
def review_record(*, plan: Plan, details: dict, by) -> tuple[Review, Plan]:
    """The review of the plan in place. The plan goes under review, and the next version's draft
    starts from it; the version under review stays in place until the next is."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in (PlanStatus.AGREED, PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW):
        raise PlanLocked(_("Only a plan in place can be reviewed."))
    review = Review.objects.create(plan=plan, recorded_by=by, **details)
    if plan.status != PlanStatus.UNDER_REVIEW:
        plan.status = PlanStatus.UNDER_REVIEW
        plan.save(update_fields=["status"])
    return review, plan_start(person=plan.person)
