from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import team_create, user_create
from alongside.people.models import Person, Shareable
from alongside.people.presenters import age_on
from alongside.people.tests.factories import circle_member_create, person_create
from conftest import sign_in

LIST = reverse("people:list")


def _detail(person):
    return reverse("people:detail", kwargs={"person_id": person.pk})


def test_visible_to_follows_allocation_team_ownership_and_sharing(council):
    def visible(user):
        return set(Person.objects.visible_to(user))

    assert visible(council.practitioner) == {council.person}
    assert visible(council.colleague) == {council.person}  # same team
    assert visible(council.manager) == {council.person}
    assert visible(council.other_manager) == {council.other_person}
    assert visible(council.person_user) == {council.person}
    assert visible(council.supporter_user) == {council.person}
    assert visible(council.lead) == visible(council.administrator) == set()


def test_an_inactive_account_sees_nobody(council):
    council.practitioner.is_active = False
    assert not Person.objects.visible_to(council.practitioner).exists()


def test_a_practitioner_sees_people_allocated_to_them_even_in_another_team(council):
    elsewhere = person_create(team=council.team_b, practitioner=council.practitioner)
    assert elsewhere in Person.objects.visible_to(council.practitioner)
    assert elsewhere not in Person.objects.visible_to(council.manager)


def test_the_caseload_makes_the_same_queries_for_1_and_50_people(council, client_as):
    client = client_as("practitioner")
    client.get(LIST)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST)
        return len(queries)

    one = count()
    for _ in range(49):
        person_create(team=council.team_a, practitioner=council.practitioner)
    fifty = count()
    assert one == fifty
    # session, user, two-factor device, count, page, waiting parts, waiting conversations,
    # plans in force (reviews and overdue actions), audit
    assert fifty <= 9


def test_the_caseload_is_paged_and_sorted_by_last_name(council, client_as):
    for number in range(59):
        person_create(
            team=council.team_a, practitioner=council.practitioner, family_name=f"Zed{number:02d}"
        )
    client = client_as("practitioner")
    first = client.get(LIST).content.decode()
    assert "60 people" in first
    assert first.index(council.person.family_name) < first.index("Zed00")
    third = client.get(LIST, {"page": 3}).content.decode()
    assert "Zed58" in third and "Zed00" not in third
    assert 'aria-current="page"' in third
    assert client.get(LIST, {"page": "nonsense"}).status_code == 200


def test_search_by_part_of_a_name(council, client_as):
    person_create(
        team=council.team_a,
        practitioner=council.practitioner,
        given_name="Ruth",
        family_name="Okafor",
    )
    client = client_as("practitioner")
    assert client.post(LIST, {"q": "okaf"})["Location"] == f"{LIST}?show=mine"  # no name in the URL
    html = client.get(f"{LIST}?show=mine").content.decode()
    assert "Okafor, Ruth" in html
    assert council.person.family_name not in html
    assert "1 person" in html


def test_practitioners_choose_between_their_people_and_their_team(council, client_as):
    colleague_person = person_create(team=council.team_a, practitioner=council.colleague)
    client = client_as("practitioner")
    mine = client.get(LIST).content.decode()
    team = client.get(LIST, {"show": "team"}).content.decode()
    assert colleague_person.family_name not in mine
    assert colleague_person.family_name in team
    assert client.get(LIST, {"show": "everyone-in-the-council"}).status_code == 200


def test_a_person_sees_their_own_details(council, client_as):
    council.person.address = "14 Shirebrook Road"
    council.person.save()
    client = client_as("person_user")
    response = client.get(reverse("people:mine"))
    assert response["Location"] == _detail(council.person)
    html = client.get(_detail(council.person)).content.decode()
    assert "Your record" in html and "14 Shirebrook Road" in html


def test_a_supporter_sees_only_what_the_person_shared(council, client_as):
    council.person.address = "14 Shirebrook Road"
    council.person.save()
    circle_member_create(person=council.person, name="Reverend Grace")
    html = client_as("supporter_user").get(_detail(council.person)).content.decode()
    assert council.person.given_name in html
    assert "Reverend Grace" in html  # the circle was shared
    assert "14 Shirebrook Road" not in html  # contact details were not


def test_a_supporter_with_nothing_shared_is_told_so(council, client_as):
    supporter = user_create(role=Role.SUPPORTER)
    circle_member_create(person=council.person, account=supporter)
    html = sign_in(Client(), supporter).get(_detail(council.person)).content.decode()
    assert "has not shared any part of their record with you yet" in html
    assert "Circle of support" not in html


def test_sharing_the_contact_section_shows_the_address(council):
    member = council.person.circle.get(account=council.supporter_user)
    member.shared_sections = [Shareable.CONTACT]
    member.save()
    assert member.can_see(Shareable.CONTACT) and not member.can_see(Shareable.CIRCLE)


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(1947, 2, 11), date(2026, 2, 10), 78),
        (date(1947, 2, 11), date(2026, 2, 11), 79),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (None, date(2026, 1, 1), None),
    ],
)
def test_age_on(born, today, age):
    assert age_on(born, today) == age


def test_sort_name_is_kept_in_step_with_the_name(db):
    person = person_create(team=team_create(), given_name="Dennis", family_name="Ward")
    assert person.sort_name == "ward dennis"


def test_the_caseload_shows_what_is_waiting_on_the_person(council, client_as):
    from alongside.aboutme.services import confirmation_record, statement_add

    statement_add(
        person=council.person,
        section="support",
        text="Prefers mornings",
        voice="practitioner_summary",
        author=council.practitioner,
    )
    statement_add(
        person=council.person,
        section="interests",
        text="Motorbikes",
        voice="practitioner_summary",
        author=council.practitioner,
    )
    html = client_as("practitioner").get(LIST).content.decode()
    assert "2 parts to check" in html
    confirmation_record(
        person=council.person,
        section="support",
        state="not_quite",
        words="Afternoons",
        recorded_by=council.person_user,
    )
    html = client_as("practitioner").get(LIST).content.decode()
    assert "1 part not quite right" in html
    assert "1 part to check" in html
    assert "conversation to check" not in html


def test_a_search_stays_out_of_the_url_and_can_be_cleared(council, client_as):
    client = client_as("practitioner")
    response = client.post(LIST, {"q": council.person.family_name, "show": "team"})
    assert council.person.family_name not in response["Location"]
    assert "Clear search" in client.get(response["Location"]).content.decode()
    client.post(LIST, {"q": ""})
    assert "Clear search" not in client.get(LIST).content.decode()


def test_a_search_that_is_too_long_says_so(council, client_as):
    response = client_as("practitioner").post(LIST, {"q": "x" * 101})
    assert response.status_code == 400
    assert (
        "Find a person must be 100 characters or fewer (you have 101)" in response.content.decode()
    )
