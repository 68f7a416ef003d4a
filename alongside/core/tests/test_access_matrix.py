"""Every role × every URL that shows people's data × whose data, against the expected answer.

Someone else's record answers 404, the same as a record that does not exist. A new
person-record URL must be added to EXPECTED or the suite fails."""

import uuid

import pytest
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, ROLES
from alongside.core.tests.test_anonymous_walk import ALL_PATTERNS

MEMBERS = (
    "practitioner",
    "colleague",
    "manager",
    "other_practitioner",
    "other_manager",
    "lead",
    "administrator",
    "person_user",
    "supporter_user",
)

# (url name, whose record) → {member: status}. "own" is council.person: allocated to the
# practitioner, in team A, the person_user's own record, shared with supporter_user.
# "other" is council.other_person, in team B.
EXPECTED = {
    ("people:detail", "own"): {
        "practitioner": 200,
        "colleague": 200,
        "manager": 200,
        "other_practitioner": 404,
        "other_manager": 404,
        "lead": 404,
        "administrator": 404,
        "person_user": 200,
        "supporter_user": 200,
    },
    ("people:detail", "other"): {
        "practitioner": 404,
        "colleague": 404,
        "manager": 404,
        "other_practitioner": 200,
        "other_manager": 200,
        "lead": 404,
        "administrator": 404,
        "person_user": 404,
        "supporter_user": 404,
    },
}
# Role-restricted pages that list or lead to people's data: {url name: {member: status}}.
EXPECTED_BY_ROLE = {
    "people:list": {
        "practitioner": 200,
        "colleague": 200,
        "manager": 200,
        "other_practitioner": 200,
        "other_manager": 200,
        "lead": 403,
        "administrator": 403,
        "person_user": 403,
        "supporter_user": 403,
    },
    "people:mine": {
        "practitioner": 403,
        "colleague": 403,
        "manager": 403,
        "other_practitioner": 403,
        "other_manager": 403,
        "lead": 403,
        "administrator": 403,
        "person_user": 302,
        "supporter_user": 403,
    },
}


def test_every_person_record_url_is_in_the_matrix():
    record_urls = {n for n, p in ALL_PATTERNS.items() if p.callback.access_policy == PERSON_RECORD}
    assert record_urls == {name for name, _whose in EXPECTED}
    role_urls = {n for n, p in ALL_PATTERNS.items() if p.callback.access_policy == ROLES}
    assert role_urls == set(EXPECTED_BY_ROLE)


CASES = [(name, whose, member) for (name, whose), row in EXPECTED.items() for member in row]


@pytest.mark.parametrize(("name", "whose", "member"), CASES)
def test_person_record_access(council, client_as, name, whose, member):
    person = council.person if whose == "own" else council.other_person
    response = client_as(member).get(reverse(name, kwargs={"person_id": person.pk}))
    assert response.status_code == EXPECTED[(name, whose)][member]
    if response.status_code == 404:
        assert person.family_name not in response.content.decode()


ROLE_CASES = [(name, member) for name, row in EXPECTED_BY_ROLE.items() for member in row]


@pytest.mark.parametrize(("name", "member"), ROLE_CASES)
def test_role_restricted_pages(client_as, name, member):
    assert client_as(member).get(reverse(name)).status_code == EXPECTED_BY_ROLE[name][member]


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_record_that_does_not_exist_looks_the_same_as_someone_elses(council, client_as):
    client = client_as("practitioner")
    missing = client.get(reverse("people:detail", kwargs={"person_id": uuid.uuid4()}))
    elsewhere = client.get(reverse("people:detail", kwargs={"person_id": council.other_person.pk}))
    assert missing.status_code == elsewhere.status_code == 404
    assert _main(missing) == _main(elsewhere)
