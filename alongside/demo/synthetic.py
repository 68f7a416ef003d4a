"""Synthetic people at council scale for benchmarks: realistic shapes, invented content."""

import math
import random
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from tqdm import tqdm

from alongside.aboutme.models import SectionState, Statement, StatementVersion, Voice, WriterRole
from alongside.accounts.models import Role, Team, User
from alongside.accounts.two_factor import hex_key_from_base32
from alongside.conversations.models import Conversation
from alongside.demo import names, synthetic_words
from alongside.needs.models import Need, NeedChange
from alongside.people.models import CircleMember, Origin, Person, Relationship

SEED_EMAIL_DOMAIN = "seed.alongside.invalid"
SEED_PASSWORD = "synthetic-benchmark-only"
SEED_TOTP_SECRET = "GAYTEMZUGU3DOOBZGAYTEMZUGU3DOOBZ"
PEOPLE_PER_PRACTITIONER = 40
PRACTITIONERS_PER_TEAM = 12
BATCH = 5000


def seed_practitioner_email(number: int) -> str:
    return f"practitioner{number}@{SEED_EMAIL_DOMAIN}"


def seed_people(*, total: int, progress: bool = True) -> int:
    """Tops the synthetic population up to ``total`` people; returns how many were added."""
    existing = Person.objects.filter(origin=Origin.SYNTHETIC).count()
    wanted = max(0, total - existing)
    practitioners = _staff(math.ceil(total / PEOPLE_PER_PRACTITIONER))
    rng = random.Random(existing)
    bar = tqdm(total=wanted, unit="people", disable=not progress, desc="Synthetic people")
    for start in range(0, wanted, BATCH):
        size = min(BATCH, wanted - start)
        with transaction.atomic():
            people = [_person(rng, rng.choice(practitioners)) for _ in range(size)]
            Person.objects.bulk_create(people, batch_size=1000)
            CircleMember.objects.bulk_create(
                (_supporter(rng, person) for person in people if rng.random() < 0.6),
                batch_size=1000,
            )
            _records(rng, people)
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


def _records(rng: random.Random, people: list[Person]) -> None:
    """A what-matters conversation each, About me in their words from it, and one need."""
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
