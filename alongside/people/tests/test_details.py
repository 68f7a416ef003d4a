from datetime import date

import pytest
from django.urls import reverse

from alongside.people.models import Person
from alongside.people.tests.factories import person_create

NEW = reverse("people:new")
VALID_NHS = "943 476 5919"


def _new(client, **fields):
    data = {
        "given_name": "Ruth",
        "family_name": "Okafor",
        "date_of_birth_day": "3",
        "date_of_birth_month": "6",
        "date_of_birth_year": "1945",
        "postcode": "sb6 1pk",
        "nhs_number": "",
        "council_id": "",
        **fields,
    }
    return client.post(NEW, data)


def test_a_practitioner_adds_a_person_allocated_to_them(council, client_as):
    response = _new(client_as("practitioner"), nhs_number=VALID_NHS)
    person = Person.objects.get(family_name="Okafor")
    assert response["Location"] == reverse("aboutme:page", args=[person.pk])
    assert (person.practitioner, person.team) == (council.practitioner, council.team_a)
    assert person.nhs_number == "9434765919"
    assert person.postcode == "SB6 1PK"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"nhs_number": "943 476 5918"}, "This is not a valid NHS number"),
        ({"nhs_number": "12345"}, "Enter an NHS number with 10 digits"),
        ({"date_of_birth_year": "2999"}, "Date of birth must be today or in the past"),
        ({"postcode": "NOTAPOST"}, "Enter a real postcode"),
        ({"given_name": ""}, "Enter their first name"),
        ({"given_name": "x" * 101}, "First name must be 100 characters or fewer (you have 101)"),
    ],
)
def test_bad_details_are_refused_saying_what_to_fix(client_as, council, fields, message):
    response = _new(client_as("practitioner"), **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.filter(family_name="Okafor").exists()


def test_a_duplicate_nhs_number_is_refused(council, client_as):
    person_create(team=council.team_b, nhs_number="9434765919")
    response = _new(client_as("practitioner"), nhs_number=VALID_NHS)
    assert response.status_code == 400
    assert "Another person already has this NHS number" in response.content.decode()


def test_a_likely_duplicate_is_shown_and_must_be_confirmed(council, client_as):
    person_create(
        team=council.team_b, given_name="Ruth", family_name="Okafor", date_of_birth=date(1945, 6, 3)
    )
    client = client_as("practitioner")
    warned = _new(client)
    html = warned.content.decode()
    assert warned.status_code == 400
    assert (
        "Someone in Team B (ask that team)" in html
    )  # not visible to this practitioner: no name, no link
    assert Person.objects.filter(family_name="Okafor").count() == 1
    confirmed = _new(client, confirm_not_duplicate="on")
    assert confirmed.status_code == 302
    assert Person.objects.filter(family_name="Okafor").count() == 2


def test_details_change_with_a_version_check(council, client_as):
    url = reverse("people:details", args=[council.person.pk])
    client = client_as("practitioner")
    data = {
        "given_name": council.person.given_name,
        "family_name": "Ward",
        "pronouns": "he/him",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    council.person.refresh_from_db()
    assert (council.person.family_name, council.person.pronouns, council.person.version) == (
        "Ward",
        "he/him",
        2,
    )
    stale = client_as("colleague").post(url, {**data, "family_name": "Wardle"})
    assert stale.status_code == 409
    assert "Someone else changed this while you were editing" in stale.content.decode()
    council.person.refresh_from_db()
    assert council.person.family_name == "Ward"


def test_a_person_changes_their_details_but_not_their_identifiers(council, client_as):
    council.person.nhs_number = "9434765919"
    council.person.save()
    url = reverse("people:details", args=[council.person.pk])
    client = client_as("person_user")
    assert "NHS number" not in client.get(url).content.decode()
    data = {
        "given_name": council.person.given_name,
        "family_name": council.person.family_name,
        "phone": "01234 567890",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    council.person.refresh_from_db()
    assert council.person.nhs_number == "9434765919"
    assert council.person.phone == "01234 567890"


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("okaf", True),
        ("Ruthie", True),  # preferred name
        ("3/6/1945", True),
        ("943 476 5919", True),
        ("C-1234", True),
        ("SB6", True),
        ("SB6 1PK", True),
        ("4/6/1945", False),
        ("31/2/1945", False),
    ],
)
def test_find_a_person_by_what_you_know(council, client_as, search, found):
    person_create(
        team=council.team_a,
        practitioner=council.practitioner,
        given_name="Ruth",
        family_name="Okafor",
        preferred_name="Ruthie",
        date_of_birth=date(1945, 6, 3),
        nhs_number="9434765919",
        council_id="C-1234",
        postcode="SB6 1PK",
    )
    client = client_as("practitioner")
    client.post(reverse("people:list"), {"q": search})
    html = client.get(reverse("people:list")).content.decode()
    assert ("Okafor, Ruthie" in html) is found
