"""Fixtures shared by every app's tests: one signed-in client per role, on a small council.

The council: team A (practitioner, colleague, manager) and team B (other practitioner, other
manager); a person in team A allocated to the practitioner, with a supporter; a person in team B.
"""

import time
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from alongside.accounts.models import Role
from alongside.accounts.tests.factories import team_create, user_create
from alongside.people.models import Shareable
from alongside.people.tests.factories import circle_member_create, person_create


def sign_in(client: Client, user, *, two_factor: bool = True) -> Client:
    """Signs the client in as the user, as if they had passed two-factor (if they have it)."""
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = session[LAST_SEEN] = time.time()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if two_factor and device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@dataclass
class Council:
    team_a: object
    team_b: object
    practitioner: object
    colleague: object
    manager: object
    other_practitioner: object
    other_manager: object
    lead: object
    administrator: object
    person_user: object
    supporter_user: object
    person: object
    other_person: object


@pytest.fixture
def council(db) -> Council:
    team_a, team_b = team_create("Team A"), team_create("Team B")
    practitioner = user_create(role=Role.PRACTITIONER, team=team_a)
    person_user = user_create(role=Role.PERSON)
    supporter_user = user_create(role=Role.SUPPORTER)
    person = person_create(team=team_a, practitioner=practitioner, account=person_user)
    circle_member_create(person=person, account=supporter_user, shares=[Shareable.CIRCLE])
    other_practitioner = user_create(role=Role.PRACTITIONER, team=team_b)
    return Council(
        team_a=team_a,
        team_b=team_b,
        practitioner=practitioner,
        colleague=user_create(role=Role.PRACTITIONER, team=team_a),
        manager=user_create(role=Role.TEAM_MANAGER, team=team_a),
        other_practitioner=other_practitioner,
        other_manager=user_create(role=Role.TEAM_MANAGER, team=team_b),
        lead=user_create(role=Role.COPRODUCTION_LEAD),
        administrator=user_create(role=Role.ADMINISTRATOR),
        person_user=person_user,
        supporter_user=supporter_user,
        person=person,
        other_person=person_create(team=team_b, practitioner=other_practitioner),
    )


@pytest.fixture
def client_as(council):
    """client_as("practitioner") → a client signed in as that member of the council."""

    def make(member: str) -> Client:
        return sign_in(Client(), getattr(council, member))

    return make


ROLE_MEMBERS = {
    Role.PRACTITIONER: "practitioner",
    Role.TEAM_MANAGER: "manager",
    Role.COPRODUCTION_LEAD: "lead",
    Role.ADMINISTRATOR: "administrator",
    Role.PERSON: "person_user",
    Role.SUPPORTER: "supporter_user",
}
