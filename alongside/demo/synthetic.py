"""Synthetic people at council scale for benchmarks: realistic shapes, invented content."""

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from tqdm import tqdm

from alongside.aboutme.models import SectionState, Statement, StatementVersion, Voice, WriterRole
from alongside.accounts.models import Role, Team, User
from alongside.accounts.two_factor import hex_key_from_base32
from alongside.conversations.models import Conversation
from alongside.demo import names, synthetic_outcomes, synthetic_words
from alongside.needs.models import Need, NeedChange
from alongside.people.models import CircleMember, Origin, Person, Relationship, SupportReason
from alongside.plans.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Agreement,
    Decision,
    Goal,
    Idea,
    Party,
    Plan,
    PlanRules,
    PlanStatus,
    Review,
    UnitCost,
)
from alongside.plans.money import Cost, Unit, totals
from alongside.plans.services import COUNCIL_FUNDING, add_months

SEED_EMAIL_DOMAIN = "seed.alongside.invalid"
SEED_PASSWORD = "synthetic-benchmark-only"
SEED_TOTP_SECRET = "GAYTEMZUGU3DOOBZGAYTEMZUGU3DOOBZ"
PEOPLE_PER_PRACTITIONER = 40
PRACTITIONERS_PER_TEAM = 12
BATCH = 5000
# Of the synthetic people: who has a plan, and of those, how far it has got.
PLAN_SHARE = 0.7
DRAFT_SHARE = 0.15  # a first draft, not yet agreed
SECOND_VERSION_SHARE = 0.25  # tried: version 1 reviewed and replaced, version 2 active
# Illustrative rates the synthetic plans copy in (as the plan service does from the table).
SEED_RATES = (
    ("Day centre place", Unit.DAY, 6500),
    ("Home care", Unit.HOUR, 2850),
    ("Community day service session", Unit.SESSION, 1800),
    ("Personal assistant", Unit.HOUR, 1550),
    ("Respite care", Unit.WEEK, 95000),
)
SEED_RATES_FROM = date(2025, 4, 1)
# Primary support reasons in roughly the shares councils report for long-term support (CLD).
_REASON_SHARES = (
    (SupportReason.PERSONAL_CARE, 50),
    (SupportReason.MOBILITY, 6),
    (SupportReason.VISUAL, 1.5),
    (SupportReason.HEARING, 0.5),
    (SupportReason.DUAL, 0.3),
    (SupportReason.MEMORY, 8),
    (SupportReason.LEARNING, 14),
    (SupportReason.MENTAL_HEALTH, 12),
    (SupportReason.SUBSTANCE, 0.7),
    (SupportReason.ASYLUM, 0.2),
    (SupportReason.ISOLATION, 3),
    (SupportReason.CARER, 1),
    (SupportReason.UNKNOWN, 2.8),
)
SUPPORT_REASONS = [reason for reason, _share in _REASON_SHARES]
SUPPORT_REASON_WEIGHTS = [share for _reason, share in _REASON_SHARES]


def seed_practitioner_email(number: int) -> str:
    return f"practitioner{number}@{SEED_EMAIL_DOMAIN}"


def seed_people(*, total: int, progress: bool = True) -> int:
    """Tops the synthetic population up to ``total`` people; returns how many were added."""
    existing = Person.objects.filter(origin=Origin.SYNTHETIC).count()
    wanted = max(0, total - existing)
    practitioners = _staff(math.ceil(total / PEOPLE_PER_PRACTITIONER))
    planning = _PlanContext.load() if wanted else None
    measures = synthetic_outcomes.Measures.load() if wanted else None
    rng = random.Random(existing)
    bar = tqdm(total=wanted, unit="people", disable=not progress, desc="Synthetic people")
    for start in range(0, wanted, BATCH):
        size = min(BATCH, wanted - start)
        with transaction.atomic():
            people = [_person(rng, rng.choice(practitioners)) for _ in range(size)]
            Person.objects.bulk_create(people, batch_size=1000)
            supporters = CircleMember.objects.bulk_create(
                [_supporter(rng, person) for person in people if rng.random() < 0.6],
                batch_size=1000,
            )
            conversations = _records(rng, people)
            in_force = _plans(rng, people, conversations, supporters, planning)
            synthetic_outcomes.outcomes_seed(
                rng, people, conversations, supporters, in_force, measures, planning.today
            )
        bar.update(size)
    bar.close()
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner does not guess about tables that just grew.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return wanted


def _staff(practitioner_count: int) -> list[User]:
    """Teams of twelve practitioners and a manager each; all sign in with the same secrets."""
    password = make_password(SEED_PASSWORD)
    team_count = math.ceil(practitioner_count / PRACTITIONERS_PER_TEAM)
    teams = [
        Team.objects.get_or_create(name=f"Synthetic team {n + 1}")[0] for n in range(team_count)
    ]
    existing = set(
        User.objects.filter(email__endswith=f"@{SEED_EMAIL_DOMAIN}").values_list("email", flat=True)
    )
    new_users = []
    for n in range(practitioner_count):
        email = seed_practitioner_email(n + 1)
        if email not in existing:
            new_users.append(
                User(
                    email=email,
                    full_name=_staff_name(n),
                    role=Role.PRACTITIONER,
                    team=teams[n // PRACTITIONERS_PER_TEAM],
                    password=password,
                )
            )
    for n, team in enumerate(teams):
        email = f"manager{n + 1}@{SEED_EMAIL_DOMAIN}"
        if email not in existing:
            new_users.append(
                User(
                    email=email,
                    full_name=f"Manager of {team.name}",
                    role=Role.TEAM_MANAGER,
                    team=team,
                    password=password,
                )
            )
    created = User.objects.bulk_create(new_users, batch_size=1000)
    key = hex_key_from_base32(SEED_TOTP_SECRET)
    TOTPDevice.objects.bulk_create(
        (TOTPDevice(user=user, name="Synthetic", confirmed=True, key=key) for user in created),
        batch_size=1000,
    )
    return list(
        User.objects.filter(
            email__endswith=f"@{SEED_EMAIL_DOMAIN}", role=Role.PRACTITIONER
        ).order_by("pk")[:practitioner_count]
    )


def _records(rng: random.Random, people: list[Person]) -> dict:
    """A what-matters conversation each, About me in their words from it, and one need.
    Returns each person's conversation, by the person's id."""
    by_id = {p.pk: p for p in people}
    conversations = Conversation.objects.bulk_create(
        (
            Conversation(
                person=p,
                practitioner_id=p.practitioner_id,
                held_on=date(2026, rng.randint(1, 10), rng.randint(1, 28)),
                place=rng.choice(["home", "home", "phone", "video"]),
                kind="what_matters",
                status="recorded",
            )
            for p in people
        ),
        batch_size=1000,
    )
    statements = []
    for conversation in conversations:
        person = by_id[conversation.person_id]
        for section in rng.sample(list(synthetic_words.WORDS), k=4):
            statements.append(
                Statement(
                    person=person,
                    section=section,
                    voice=Voice.OWN_WORDS,
                    text=rng.choice(synthetic_words.WORDS[section]),
                    written_by_id=person.practitioner_id,
                    writer_role=WriterRole.PRACTITIONER,
                    conversation=conversation,
                )
            )
    Statement.objects.bulk_create(statements, batch_size=2000)
    StatementVersion.objects.bulk_create(
        (
            StatementVersion(
                statement=st,
                version=1,
                text=st.text,
                voice=st.voice,
                written_by_id=st.written_by_id,
                writer_role=st.writer_role,
                conversation=st.conversation,
                written_at=st.updated_at,
            )
            for st in statements
        ),
        batch_size=2000,
    )
    SectionState.objects.bulk_create(
        {
            (st.person_id, st.section): SectionState(
                person_id=st.person_id, section=st.section, state="not_seen"
            )
            for st in statements
        }.values(),
        batch_size=2000,
    )
    needs = []
    for person in people:
        outcome, words = rng.choice(synthetic_words.NEEDS)
        needs.append(
            Need(
                person=person,
                outcome=outcome,
                persons_view=words,
                noted_on=date(2026, 6, 1),
                recorded_by_id=person.practitioner_id,
            )
        )
    Need.objects.bulk_create(needs, batch_size=2000)
    NeedChange.objects.bulk_create(
        (
            NeedChange(
                need=n,
                version=1,
                status=n.status,
                persons_view=n.persons_view,
                changed_by_id=n.recorded_by_id,
                at=n.updated_at,
            )
            for n in needs
        ),
        batch_size=2000,
    )
    return {c.person_id: c for c in conversations}


def _staff_name(n: int) -> str:
    given = names.GIVEN_NAMES[n % len(names.GIVEN_NAMES)]
    return f"{given} {names.FAMILY_NAMES[n % len(names.FAMILY_NAMES)]}"


def _person(rng: random.Random, practitioner: User) -> Person:
    given, family = rng.choice(names.GIVEN_NAMES), rng.choice(names.FAMILY_NAMES)
    return Person(
        given_name=given,
        family_name=family,
        sort_name=Person.sort_name_for(given, family),
        date_of_birth=date(rng.randint(1925, 2006), rng.randint(1, 12), rng.randint(1, 28)),
        address=names.invented_address(rng),
        postcode=names.invented_postcode(rng),
        team_id=practitioner.team_id,
        practitioner=practitioner,
        primary_support_reason=rng.choices(SUPPORT_REASONS, weights=SUPPORT_REASON_WEIGHTS)[0],
        origin=Origin.SYNTHETIC,
    )


def _supporter(rng: random.Random, person: Person) -> CircleMember:
    kind = rng.choice(["family", "friend", "neighbour"])
    carer = kind == "family" and rng.random() < 0.5
    return CircleMember(
        person=person,
        name=names.invented_supporter_name(rng, kind=kind, family_name=person.family_name),
        relationship=Relationship.UNPAID_CARER if carer else Relationship(kind),
        relationship_detail=rng.choice(names.RELATIONSHIP_DETAILS[kind]),
        is_unpaid_carer=carer,
        caring_hours_per_week=rng.choice([10, 20, 35, 50, 70]) if carer else None,
    )


# Plans ------------------------------------------------------------------------------------------


@dataclass
class _PlanContext:
    """What every synthetic plan needs from the database, looked up once per seed."""

    today: date
    rates: dict[str, UnitCost]
    managers: dict[int, User]  # team id: its manager
    threshold_pence: int

    @classmethod
    def load(cls) -> "_PlanContext":
        today = timezone.localdate()
        rates = {}
        for name, unit, pence in SEED_RATES:
            rate = UnitCost.objects.in_force_on(today).filter(name=name).first()
            if rate is None:
                rate = UnitCost.objects.create(
                    name=name,
                    unit=unit,
                    amount_pence=pence,
                    effective_from=SEED_RATES_FROM,
                    source="Alongside synthetic seed",
                    notes="Illustrative figure for synthetic plans; not a real council rate.",
                    is_illustrative=True,
                )
            rates[name] = rate
        managers = {
            u.team_id: u
            for u in User.objects.filter(
                email__endswith=f"@{SEED_EMAIL_DOMAIN}", role=Role.TEAM_MANAGER
            )
        }
        return cls(today, rates, managers, PlanRules.current().manager_threshold_pence)


@dataclass
class _PlanRows:
    """Rows for one batch, saved in the order their foreign keys need."""

    plans: list[Plan] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    goal_copies: list[Goal] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    idea_copies: list[Idea] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    def save(self) -> None:
        Plan.objects.bulk_create(self.plans, batch_size=2000)
        for model, rows in (
            (Goal, self.goals),
            (Goal, self.goal_copies),  # copied_from needs the first versions' ids
            (Idea, self.ideas),
            (Idea, self.idea_copies),
            (Action, self.actions),
            (Agreement, self.agreements),
            (Review, self.reviews),
        ):
            model.objects.bulk_create(rows, batch_size=2000)


@dataclass
class _Version:
    """One version's content as built, before it is saved."""

    plan: Plan
    goals: list[Goal]
    ideas: list[tuple[Idea, dict]]  # each idea and the fields it was made from, for copying
    actions: list[Action]


def _plans(rng, people, conversations, supporters, ctx: _PlanContext) -> dict:
    """Support plans for about PLAN_SHARE of the people: a first draft, an active first version,
    or a first version reviewed and replaced by an active second one. Built as the plan
    services would leave them: goals in the person's words from their conversation, ideas from
    the person, their supporter and the practitioner with rates copied from the unit-cost table,
    actions, the contingency plan, and each party's agreement on the agreed revision."""
    supporter_of = {m.person_id: m for m in supporters}
    rows = _PlanRows()
    in_force = {}
    for person in people:
        if rng.random() < PLAN_SHARE:
            supporter = supporter_of.get(person.pk)
            version = _plan_for(rng, person, conversations[person.pk], supporter, ctx, rows)
            if version is not None:
                in_force[person.pk] = version
                synthetic_outcomes.levels_write(rng, version)
    rows.save()
    return in_force


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _days(rng, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _plan_for(
    rng, person, conversation, supporter, ctx: _PlanContext, rows: _PlanRows
) -> "_Version | None":
    """Builds the person's plan versions; returns the one in force (None for a draft)."""
    today, held_on = ctx.today, conversation.held_on
    state = rng.random()
    if state < DRAFT_SHARE:
        started = min(held_on + _days(rng, 3, 30), today)
        plan = Plan(person=person, number=1, created_at=_at(started, 10))
        _version(rng, plan, person, conversation, supporter, ctx, rows, started=started)
        if rng.random() < 0.3:  # the person has already said yes to the draft as it is
            rows.agreements.append(
                _agreement(person, plan, Party.PERSON, _at(started, 16), Decision.AGREE)
            )
        return None
    first_agreed = held_on + _days(rng, 7, 45)
    reviewed_on = first_agreed + _days(rng, 60, 150)
    second_agreed = reviewed_on + _days(rng, 7, 21)
    if state < DRAFT_SHARE + SECOND_VERSION_SHARE and second_agreed < today:
        first = Plan(person=person, number=1, created_at=_at(held_on, 10))
        v1 = _version(rng, first, person, conversation, supporter, ctx, rows, started=held_on)
        _agree(rng, v1, person, supporter, ctx, rows, agreed_on=first_agreed)
        second_started = min(second_agreed + _days(rng, 0, 14), today)
        first.status = PlanStatus.REPLACED
        first.review_due = add_months(first_agreed, 12)
        first.replaced_at = _at(second_started, 9)
        for action in v1.actions:
            action.status = rng.choice(
                [ActionStatus.DONE, ActionStatus.DONE, ActionStatus.NOT_NEEDED]
            )
        changed, worked, did_not, view = rng.choice(synthetic_words.REVIEWS)
        rows.reviews.append(
            Review(
                plan=first,
                reviewed_on=reviewed_on,
                what_changed=changed,
                what_worked=worked,
                what_did_not=did_not,
                practitioner_view=view,
                recorded_by=person.practitioner,
                recorded_at=_at(reviewed_on, 15),
            )
        )
        second = Plan(person=person, number=2, created_at=_at(reviewed_on, 15))
        v2 = _copy(rng, v1, second, person, conversation, supporter, ctx, rows, reviewed_on)
        _agree(rng, v2, person, supporter, ctx, rows, agreed_on=second_agreed)
        second.started_on = second_started
        return v2
    agreed_on = min(first_agreed, today - timedelta(days=1))
    plan = Plan(person=person, number=1, created_at=_at(held_on, 10))
    version = _version(rng, plan, person, conversation, supporter, ctx, rows, started=held_on)
    _agree(rng, version, person, supporter, ctx, rows, agreed_on=agreed_on)
    plan.started_on = min(agreed_on + _days(rng, 0, 14), today)
    return version


def _first_name(person) -> str:
    return person.preferred_name or person.given_name


def _goal(plan, person, conversation, position: int, text: str, areas, summary: bool) -> Goal:
    return Goal(
        plan=plan,
        text=text,
        voice=Voice.PRACTITIONER_SUMMARY if summary else Voice.OWN_WORDS,
        written_by_id=person.practitioner_id,
        writer_role=WriterRole.PRACTITIONER,
        conversation=None if summary else conversation,
        position=position,
        wellbeing_areas=list(areas),
        created_at=plan.created_at,
    )


def _new_goals(rng, plan, person, conversation, *, count: int, first: int = 1, avoid=()):
    goals = []
    bank = [g for g in synthetic_words.GOALS if g[0] not in avoid]
    for position, (text, areas) in enumerate(rng.sample(bank, count), start=first):
        summary = rng.random() < 0.1
        if summary:
            text, areas = rng.choice(synthetic_words.GOAL_SUMMARIES)
        goals.append(_goal(plan, person, conversation, position, text, areas, summary))
    return goals


def _idea_fields(rng, entry, person, supporter, ctx: _PlanContext, goals) -> dict:
    title, kind, funding, cost, pros, cons, usually = entry
    by = usually if rng.random() < 0.7 else rng.choice(["person", "supporter", "practitioner"])
    if by == "supporter" and supporter is None:
        by = "person"
    fields = {
        "goal": rng.choice(goals),
        "title": title,
        "kind": kind,
        "funding": funding,
        "pros": pros,
        "cons": cons,
        "suggested_by_circle": by != "practitioner",
        "suggested_by_name": {
            "person": _first_name(person),
            "supporter": supporter.name if supporter else "",
            "practitioner": person.practitioner.full_name,
        }[by],
        "suggested_by_member": supporter if by == "supporter" else None,
        "added_by_id": person.practitioner_id,
    }
    return fields | _cost_fields(rng, cost, ctx)


def _cost_fields(rng, cost, ctx: _PlanContext) -> dict:
    match cost:
        case None:
            return {}
        case ("one_off", pence):
            return {"one_off_pence": pence}
        case ("rate", pence, unit, units):
            return {"rate_pence": pence, "unit": unit, "units_per_week": Decimal(units)}
        case ("table", name, choices):
            # Copied in from the table, as the plan service does.
            rate = ctx.rates[name]
            return {
                "unit_cost": rate,
                "rate_pence": rate.amount_pence,
                "unit": rate.unit,
                "units_per_week": Decimal(rng.choice(choices)),
            }
        case ("unknown", unit, units):
            return {"rate_pence": None, "unit": unit, "units_per_week": Decimal(units)}
    raise ValueError(cost)


def _action(rng, plan, person, supporter, goals, started: date) -> Action:
    text, owner = rng.choice(synthetic_words.ACTIONS)
    if owner == "supporter" and supporter is None:
        owner = "person"
    name = {
        "person": lambda: _first_name(person),
        "supporter": lambda: supporter.name,
        "practitioner": lambda: person.practitioner.full_name,
        "community": lambda: rng.choice(synthetic_words.COMMUNITY_ORGANISATIONS),
        "provider": lambda: rng.choice(synthetic_words.PROVIDERS),
    }[owner]()
    return Action(
        plan=plan,
        goal=rng.choice(goals) if rng.random() < 0.7 else None,
        text=text,
        owner_kind=ActionOwner(owner),
        owner_name=name,
        due_on=None if rng.random() < 0.08 else started + _days(rng, 14, 150),
        created_at=plan.created_at,
        updated_at=plan.created_at,
        updated_by_id=person.practitioner_id,
    )


def _contingency(rng, plan, supporter) -> bool:
    if rng.random() < 0.15:
        return False
    plan.warning_signs, plan.what_to_do = rng.choice(synthetic_words.CONTINGENCY)
    first = f"{supporter.name}" if supporter else "My neighbour"
    plan.who_to_call = f"{first}, then the council's duty team."
    return True


def _version(rng, plan, person, conversation, supporter, ctx, rows, *, started) -> _Version:
    """A first version: 2-4 goals, 2-5 ideas (a traditional package in half of them), 1-4
    actions and, mostly, a contingency plan. Each change moved the draft's revision on."""
    goals = _new_goals(rng, plan, person, conversation, count=rng.randint(2, 4))
    count = rng.randint(2, 5)
    traditional = rng.random() < 0.5
    ideas = []
    for entry in rng.sample(synthetic_words.IDEAS, count - traditional):
        fields = _idea_fields(rng, entry, person, supporter, ctx, goals)
        fields["chosen"] = rng.random() < 0.75
        fields["person_likes"] = rng.random() < (0.8 if fields["chosen"] else 0.3)
        ideas.append((Idea(plan=plan, created_at=plan.created_at, **fields), fields))
    if traditional:
        title, name, choices = rng.choice(synthetic_words.TRADITIONAL)
        fields = {
            "goal": None,
            "title": title,
            "kind": "commissioned",
            "funding": "commissioned",
            "is_traditional": True,
            "suggested_by_name": person.practitioner.full_name,
            "added_by_id": person.practitioner_id,
        } | _cost_fields(rng, ("table", name, choices), ctx)
        ideas.append((Idea(plan=plan, created_at=plan.created_at, **fields), fields))
    actions = [
        _action(rng, plan, person, supporter, goals, started) for _ in range(rng.randint(1, 4))
    ]
    contingency = _contingency(rng, plan, supporter)
    plan.revision = 1 + len(goals) + len(ideas) + len(actions) + contingency
    plan.updated_at = plan.created_at
    rows.plans.append(plan)
    rows.goals.extend(goals)
    rows.ideas.extend(idea for idea, _fields in ideas)
    rows.actions.extend(actions)
    return _Version(plan, goals, ideas, actions)


def _copy(rng, source: _Version, plan, person, conversation, supporter, ctx, rows, started):
    """The next version, started from the last at its review (as plan_start copies it): the
    same goals and ideas (copied_from the rows before), perhaps a new goal, new actions."""
    goals = {}
    for goal in source.goals:
        goals[id(goal)] = Goal(
            plan=plan,
            text=goal.text,
            voice=goal.voice,
            written_by_id=goal.written_by_id,
            writer_role=goal.writer_role,
            conversation=goal.conversation,
            position=goal.position,
            wellbeing_areas=goal.wellbeing_areas,
            copied_from=goal,
            created_at=plan.created_at,
        )
    copies = list(goals.values())
    added = []
    if len(copies) < 4 and rng.random() < 0.4:
        used = {g.text for g in copies}
        added = _new_goals(
            rng, plan, person, conversation, count=1, first=len(copies) + 1, avoid=used
        )
    ideas = []
    for idea, fields in source.ideas:
        moved = fields | {
            "goal": goals[id(idea.goal)] if idea.goal is not None else None,
            "chosen": idea.chosen,
            "person_likes": idea.person_likes,
        }
        copy = Idea(plan=plan, copied_from=idea, created_at=plan.created_at, **moved)
        ideas.append((copy, moved))
    all_goals = copies + added
    actions = [
        _action(rng, plan, person, supporter, all_goals, started) for _ in range(rng.randint(1, 4))
    ]
    previous = source.plan
    plan.warning_signs, plan.what_to_do = previous.warning_signs, previous.what_to_do
    plan.who_to_call = previous.who_to_call
    plan.revision = 1 + len(added) + len(actions) + rng.randint(0, 3)  # and a few edits
    plan.updated_at = plan.created_at
    rows.plans.append(plan)
    rows.goal_copies.extend(copies)
    rows.goals.extend(added)
    rows.idea_copies.extend(idea for idea, _fields in ideas)
    rows.actions.extend(actions)
    return _Version(plan, all_goals, ideas, actions)


def _agree(rng, version: _Version, person, supporter, ctx: _PlanContext, rows, *, agreed_on):
    """Agreed and put in place, as plan_agree and plan_put_in_place leave it: the totals stored,
    everyone's decision on the final revision, the review date set (some already passed)."""
    plan, today = version.plan, ctx.today
    practitioner = person.practitioner
    creative = [idea for idea, _fields in version.ideas if not idea.is_traditional]
    if creative and not any(i.chosen for i in creative):
        creative[0].chosen = True  # an agreed plan chose something
    chosen = [i for i in creative if i.chosen]
    whole = totals([_cost(i) for i in chosen])
    council = totals([_cost(i) for i in chosen if i.funding in COUNCIL_FUNDING])
    at = _at(agreed_on, 11)
    plan.status = PlanStatus.ACTIVE
    plan.agreed_at = plan.updated_at = at
    plan.agreed_by = practitioner
    plan.rates_on = agreed_on
    plan.ideas_total = len(creative)
    plan.ideas_from_circle = sum(1 for i in creative if i.suggested_by_circle)
    plan.year_pence = whole.year_pence
    plan.council_funded_year_pence = council.year_pence
    plan.needed_manager = council.year_pence > ctx.threshold_pence or council.unknown > 0
    plan.started_on = agreed_on
    plan.review_due = max(today + _days(rng, -60, 365), agreed_on + timedelta(days=28))
    for action in version.actions:
        if action.due_on is not None and action.due_on < today:
            action.status = rng.choices(
                [
                    ActionStatus.DONE,
                    ActionStatus.NOT_NEEDED,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.TO_DO,
                ],
                weights=(55, 10, 15, 20),
            )[0]
        else:
            action.status = rng.choice([ActionStatus.TO_DO, ActionStatus.IN_PROGRESS])
    agreements = rows.agreements
    if rng.random() < 0.1:  # the person had doubts about an earlier revision
        words = rng.choice(synthetic_words.AGREEMENT_RESERVATIONS)
        earlier = _agreement(person, plan, Party.PERSON, at - timedelta(days=3), Decision.DISAGREE)
        earlier.words, earlier.plan_revision = words, plan.revision - 1
        agreements.append(earlier)
    unsure = rng.random() < 0.15
    mine = _agreement(
        person, plan, Party.PERSON, at, Decision.RESERVATIONS if unsure else Decision.AGREE
    )
    if unsure:
        mine.words = rng.choice(synthetic_words.AGREEMENT_RESERVATIONS)
    agreements.append(mine)
    if any(i.suggested_by_member is not None for i in creative):
        agreements.append(
            _agreement(person, plan, Party.SUPPORTER, at, Decision.AGREE, member=supporter)
        )
    agreements.append(_agreement(person, plan, Party.PRACTITIONER, at, Decision.AGREE))
    manager = ctx.managers.get(person.team_id)
    if plan.needed_manager and manager is not None:
        agreements.append(
            _agreement(person, plan, Party.TEAM_MANAGER, at, Decision.AGREE, by=manager)
        )


def _cost(idea: Idea) -> Cost:
    return Cost(idea.one_off_pence, idea.rate_pence, idea.unit, idea.units_per_week)


def _agreement(person, plan, party, at, decision, *, member=None, by=None) -> Agreement:
    """One party's decision, on the plan's revision as it stands. The person's and a
    supporter's are recorded by the practitioner, as given in person."""
    by = by or person.practitioner
    name = {
        Party.PERSON: _first_name(person),
        Party.SUPPORTER: member.name if member else "",
        Party.PRACTITIONER: by.full_name,
        Party.TEAM_MANAGER: by.full_name,
    }[party]
    return Agreement(
        plan=plan,
        party=party,
        circle_member=member,
        name=name,
        decision=decision,
        given_in_person=party in (Party.PERSON, Party.SUPPORTER),
        recorded_by=by,
        recorded_at=at,
        plan_revision=plan.revision,
    )
