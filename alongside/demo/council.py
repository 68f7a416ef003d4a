"""The demo council: two teams, their staff, and about thirty people with their circles,
including the two stories in PRODUCT.md. Loading is idempotent."""

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import Role, Team, User
from alongside.accounts.two_factor import hex_key_from_base32
from alongside.demo import names
from alongside.demo.directory import directory_load
from alongside.demo.stories import DENNIS, RUTH, story_load
from alongside.outcomes.definitions import load_built_in
from alongside.people.models import CircleMember, Origin, Person, Relationship, Shareable
from alongside.plans.models import PlanRules, UnitCost
from alongside.plans.money import Unit

DEMO_PASSWORD = "together-alongside-demo"
DEMO_EMAIL_DOMAIN = "demo.alongside.invalid"
TEAMS = ("North Locality Team", "South Locality Team")


class RealPeoplePresent(Exception):
    """The database holds people who are not demo or synthetic: demo data must not mix in."""


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    team: str | None = None
    # Base32 TOTP secrets, fixed so anyone can add the demo accounts to an authenticator app.
    totp_secret: str | None = None


STAFF = (
    DemoAccount(
        "sam.patel@demo.alongside.invalid",
        "Sam Patel",
        Role.PRACTITIONER,
        TEAMS[0],
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    DemoAccount(
        "jo.nowak@demo.alongside.invalid",
        "Jo Nowak",
        Role.PRACTITIONER,
        TEAMS[0],
        "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    ),
    DemoAccount(
        "priya.shah@demo.alongside.invalid",
        "Priya Shah",
        Role.PRACTITIONER,
        TEAMS[1],
        "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
    ),
    DemoAccount(
        "tom.reid@demo.alongside.invalid",
        "Tom Reid",
        Role.PRACTITIONER,
        TEAMS[1],
        "ONSWG4TFORZXIYLMONSWG4TFORZXIYLM",
    ),
    DemoAccount(
        "helen.brooks@demo.alongside.invalid",
        "Helen Brooks",
        Role.TEAM_MANAGER,
        TEAMS[0],
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    ),
    DemoAccount(
        "amara.osei@demo.alongside.invalid",
        "Amara Osei",
        Role.COPRODUCTION_LEAD,
        None,
        "NBSWY3DPFQQHO33SNRSCCNBSWY3DPFQQ",
    ),
    DemoAccount(
        "chris.dale@demo.alongside.invalid",
        "Chris Dale",
        Role.ADMINISTRATOR,
        None,
        "IFBEGRCFIZDUQSKKIFBEGRCFIZDUQSKK",
    ),
)
PEOPLE_ACCOUNTS = (
    DemoAccount("dennis.ward@demo.alongside.invalid", "Dennis Ward", Role.PERSON),
    DemoAccount("maggie.ellis@demo.alongside.invalid", "Maggie Ellis", Role.SUPPORTER),
    DemoAccount("ruth.okafor@demo.alongside.invalid", "Ruth Okafor", Role.PERSON),
    DemoAccount("anne.okafor@demo.alongside.invalid", "Anne Okafor", Role.SUPPORTER),
)
ACCOUNTS = STAFF + PEOPLE_ACCOUNTS


@transaction.atomic
def demo_load() -> None:
    if Person.objects.filter(origin=Origin.RECORDED).exists():
        raise RealPeoplePresent
    teams = {name: Team.objects.get_or_create(name=name)[0] for name in TEAMS}
    users = {account.email: _account(account, teams) for account in ACCOUNTS}
    sam, jo, priya, tom = (users[a.email] for a in STAFF[:4])
    _illustrative_rates()
    load_built_in()  # the outcome measures we ship (ONS4, UCLA-3)
    _the_stories(users, teams, sam=sam, priya=priya)
    _everyone_else(teams, practitioners={TEAMS[0]: [sam, jo], TEAMS[1]: [priya, tom]})
    directory_load()  # the council's own community directory


# Illustrative figures for the demo only, not any council's rates.
RATES = (
    ("Day centre place", Unit.DAY, 6500),
    ("Home care", Unit.HOUR, 2850),
    ("Carers' group", Unit.SESSION, 0),
    ("Parkside day service session", Unit.SESSION, 1800),
    ("Respite care", Unit.WEEK, 95000),
)


# Illustrative: plans costing the council more than £2,000 a year need a team manager's agreement.
DEMO_MANAGER_THRESHOLD_PENCE = 200_000


def _illustrative_rates() -> None:
    PlanRules.objects.update_or_create(
        pk=1, defaults={"manager_threshold_pence": DEMO_MANAGER_THRESHOLD_PENCE}
    )
    for name, unit, pence in RATES:
        UnitCost.objects.update_or_create(
            name=name,
            effective_from=date(2026, 4, 1),
            defaults={
                "unit": unit,
                "amount_pence": pence,
                "source": "Alongside demo",
                "notes": "Illustrative figure for the demo; not a real council rate.",
                "is_illustrative": True,
            },
        )


def _account(account: DemoAccount, teams) -> User:
    user, _created = User.objects.update_or_create(
        email=account.email,
        defaults={
            "full_name": account.full_name,
            "role": account.role,
            "team": teams.get(account.team),
            "is_active": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    if account.totp_secret:
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user,
            name="Demo authenticator",
            confirmed=True,
            key=hex_key_from_base32(account.totp_secret),
        )
    return user


def _person(
    given, family, *, team, practitioner, born, address, postcode, preferred="", account=None
):
    person, _created = Person.objects.update_or_create(
        origin=Origin.DEMO,
        given_name=given,
        family_name=family,
        defaults={
            "preferred_name": preferred,
            "team": team,
            "practitioner": practitioner,
            "date_of_birth": born,
            "address": address,
            "postcode": postcode,
            "account": account,
        },
    )
    return person


def _circle(person, name, relationship, *, detail="", account=None, carer_hours=None, shares=()):
    CircleMember.objects.update_or_create(
        person=person,
        name=name,
        defaults={
            "relationship": relationship,
            "relationship_detail": detail,
            "account": account,
            "is_unpaid_carer": carer_hours is not None,
            "caring_hours_per_week": carer_hours,
            "shared_sections": list(shares),
        },
    )


def _the_stories(users, teams, *, sam, priya) -> None:
    north, south = teams[TEAMS[0]], teams[TEAMS[1]]
    dennis = _person(
        "Dennis",
        "Ward",
        team=north,
        practitioner=sam,
        born=date(1947, 2, 11),
        address="14 Shirebrook Road\nShirebrook",
        postcode="SB2 4RW",
        account=users["dennis.ward@demo.alongside.invalid"],
    )
    _circle(
        dennis,
        "Maggie Ellis",
        Relationship.UNPAID_CARER,
        detail="partner",
        account=users["maggie.ellis@demo.alongside.invalid"],
        carer_hours=60,
        shares=(
            Shareable.ABOUT_ME,
            Shareable.CIRCLE,
            Shareable.PLAN,
            Shareable.CONTACT,
            Shareable.MESSAGES,
        ),
    )
    _circle(dennis, "Shirebrook Riders' Club", Relationship.COMMUNITY, detail="motorbike club")
    ruth = _person(
        "Ruth",
        "Okafor",
        team=south,
        practitioner=priya,
        born=date(1945, 6, 3),
        address="3 Parkside\nShirebrook",
        postcode="SB6 1PK",
        account=users["ruth.okafor@demo.alongside.invalid"],
    )
    _circle(
        ruth,
        "Anne Okafor",
        Relationship.UNPAID_CARER,
        detail="daughter",
        account=users["anne.okafor@demo.alongside.invalid"],
        carer_hours=70,
        shares=(Shareable.ABOUT_ME, Shareable.PLAN, Shareable.MESSAGES),
    )
    _circle(ruth, "Reverend Grace Mensah", Relationship.COMMUNITY, detail="St Mary's church choir")
    story_load(
        person=dennis,
        practitioner=sam,
        story=DENNIS,
        manager=users["helen.brooks@demo.alongside.invalid"],
    )
    story_load(person=ruth, practitioner=priya, story=RUTH)


def _everyone_else(teams, practitioners) -> None:
    rng = random.Random(2026)  # the same demo people every time
    team_names = list(TEAMS)
    for index in range(28):
        team_name = team_names[index % 2]
        given = rng.choice(names.GIVEN_NAMES)
        family = rng.choice(names.FAMILY_NAMES)
        allocated = practitioners[team_name][(index // 2) % 2] if index % 7 else None
        person = _person(
            given,
            family,
            team=teams[team_name],
            practitioner=allocated,
            born=date(rng.randint(1930, 2003), rng.randint(1, 12), rng.randint(1, 28)),
            address=names.invented_address(rng),
            postcode=names.invented_postcode(rng),
        )
        if index % 3 == 0:
            kind = rng.choice(["family", "friend", "neighbour"])
            _circle(
                person,
                names.invented_supporter_name(rng, kind=kind, family_name=family),
                Relationship(kind),
                detail=rng.choice(names.RELATIONSHIP_DETAILS[kind]),
                carer_hours=rng.choice([None, 10, 20, 35]) if kind == "family" else None,
            )
