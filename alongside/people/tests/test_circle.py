from django.urls import reverse

from alongside.people.models import CircleMember, Shareable


def test_a_practitioner_adds_an_unpaid_carer_who_sees_nothing_by_default(council, client_as):
    url = reverse("people:circle-add", args=[council.person.pk])
    data = {
        "name": "Maggie Ellis",
        "relationship": "unpaid_carer",
        "relationship_detail": "partner",
        "is_unpaid_carer": "on",
        "caring_hours_per_week": "60",
        "wants_carers_assessment": "on",
    }
    assert client_as("practitioner").post(url, data).status_code == 302
    maggie = CircleMember.objects.get(name="Maggie Ellis")
    assert (maggie.caring_hours_per_week, maggie.wants_carers_assessment) == (60, True)
    assert maggie.shared_sections == []


def test_impossible_caring_hours_are_refused(council, client_as):
    url = reverse("people:circle-add", args=[council.person.pk])
    data = {
        "name": "Maggie",
        "relationship": "family",
        "is_unpaid_carer": "on",
        "caring_hours_per_week": "200",
    }
    response = client_as("practitioner").post(url, data)
    assert response.status_code == 400
    assert "there are 168 hours in a week" in response.content.decode()
    hours_without_caring = client_as("practitioner").post(
        url, {**data, "is_unpaid_carer": "", "caring_hours_per_week": "10"}
    )
    assert "Tick this if they spend time caring" in hours_without_caring.content.decode()


def test_only_the_person_decides_what_someone_sees(council, client_as):
    member = council.person.circle.get(account=council.supporter_user)
    url = reverse("people:circle-sharing", args=[council.person.pk, member.pk])
    assert client_as("practitioner").post(url, {"shared_sections": ["about_me"]}).status_code == 403
    assert (
        client_as("person_user").post(url, {"shared_sections": ["about_me", "contact"]}).status_code
        == 302
    )
    member.refresh_from_db()
    assert member.shared_sections == [Shareable.ABOUT_ME, Shareable.CONTACT]
    supporter = client_as("supporter_user")
    assert supporter.get(reverse("aboutme:page", args=[council.person.pk])).status_code == 200
    # Sharing nothing again takes it away.
    client_as("person_user").post(url, {})
    assert supporter.get(reverse("aboutme:page", args=[council.person.pk])).status_code == 404


def test_the_summary_shows_what_each_member_can_see(council, client_as):
    html = (
        client_as("person_user")
        .get(reverse("people:detail", args=[council.person.pk]))
        .content.decode()
    )
    assert "My circle of support" in html  # the one part shared with the council's supporter
    assert "Choose what they see" in html
