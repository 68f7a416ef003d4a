from datetime import date

import pytest
from django.urls import reverse

from alongside.needs.models import Need, NeedChange, Status
from alongside.people.tests.factories import circle_member_create


def _data(**fields):
    return {
        "outcome": "community",
        "persons_view": "I can't get to the shops since the fall",
        "practitioners_view": "Buses are hard with his mobility",
        "wellbeing_areas": ["participation"],
        "noted_on_day": "3",
        "noted_on_month": "3",
        "noted_on_year": "2026",
        "status": "current",
        **fields,
    }


def test_a_need_is_recorded_with_both_views_side_by_side(council, client_as):
    client = client_as("practitioner")
    assert client.post(reverse("needs:new", args=[council.person.pk]), _data()).status_code == 302
    need = Need.objects.get()
    assert (need.outcome, need.noted_on, need.recorded_by) == (
        "community",
        date(2026, 3, 3),
        council.practitioner,
    )
    html = (
        client_as("person_user")
        .get(reverse("needs:list", args=[council.person.pk]))
        .content.decode()
    )
    assert "Using local places and services, including transport" in html
    assert "“I can&#x27;t get to the shops since the fall”" in html
    assert "Buses are hard with his mobility" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": "secret_outcome"}, "Choose one of the options"),
        (
            {"persons_view": "", "practitioners_view": ""},
            "Write how they see it, how you see it, or both",
        ),
        ({"noted_on_year": "2999"}, "Date noted must be today or in the past"),
        ({"persons_view": "x" * 2001}, "must be 2,000 characters or fewer"),
    ],
)
def test_bad_input_says_what_to_fix(council, client_as, fields, message):
    response = client_as("practitioner").post(
        reverse("needs:new", args=[council.person.pk]), _data(**fields)
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_need_changes_or_resolves_and_its_history_stays(council, client_as):
    client = client_as("practitioner")
    client.post(reverse("needs:new", args=[council.person.pk]), _data())
    need = Need.objects.get()
    url = reverse("needs:change", args=[council.person.pk, need.pk])
    assert (
        client.post(
            url,
            _data(status="resolved", persons_view="The riders' club gives me a lift", version=1),
        ).status_code
        == 302
    )
    need.refresh_from_db()
    assert need.status == Status.RESOLVED
    assert list(NeedChange.objects.filter(need=need).values_list("version", "status")) == [
        (2, "resolved"),
        (1, "current"),
    ]
    stale = client_as("colleague").post(url, _data(status="current", version=1))
    assert stale.status_code == 409
    need.refresh_from_db()
    assert need.status == Status.RESOLVED


def test_carers_needs_use_the_carers_outcomes(council, client_as):
    carer = circle_member_create(
        person=council.person, name="Maggie", is_unpaid_carer=True, caring_hours_per_week=60
    )
    client = client_as("practitioner")
    url = reverse("needs:carer-new", args=[council.person.pk, carer.pk])
    assert "Time for yourself and things you enjoy" in client.get(url).content.decode()
    assert client.post(url, _data(outcome="community")).status_code == 400  # an adult outcome
    assert client.post(url, _data(outcome="carer_recreation")).status_code == 302
    need = Need.objects.get()
    assert need.carer == carer
    html = client.get(reverse("needs:list", args=[council.person.pk])).content.decode()
    assert "Maggie, as a carer" in html


def test_only_unpaid_carers_have_carers_needs(council, client_as):
    friend = circle_member_create(person=council.person, name="Bob")
    url = reverse("needs:carer-new", args=[council.person.pk, friend.pk])
    assert client_as("practitioner").get(url).status_code == 404
