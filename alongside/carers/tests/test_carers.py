"""An unpaid carer's own pages: how caring is for them, and asking for a carer's assessment.

Only the carer reaches their pages; the person they look after never does; the person's
practitioner and team read what carers wrote on the staff page and move requests along."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import user_create
from alongside.carers.models import CarerAssessmentRequest, CarerView, RequestStatus
from alongside.carers.services import REQUEST_EMAIL_SUBJECT
from alongside.core.models import AuditEvent, AuditOutcome
from alongside.core.readability import reading_age
from alongside.people.tests.factories import circle_member_create
from conftest import sign_in

READING_AGE_LIMIT = 10
CARING = reverse("carers:caring")


@pytest.fixture
def carer(council):
    """Someone in council.person's circle who looks after them, signed in with their own
    account (not one of the council's members)."""
    account = user_create(role=Role.SUPPORTER, full_name="Maggie Carer")
    member = circle_member_create(
        person=council.person,
        account=account,
        name="Maggie Carer",
        is_unpaid_carer=True,
        caring_hours_per_week=35,
    )
    return member


@pytest.fixture
def carer_client(carer, client):
    return sign_in(client, carer.account)


def _how(member) -> str:
    return reverse("carers:how-it-is", kwargs={"member_id": member.pk})


def _ask(member) -> str:
    return reverse("carers:assessment", kwargs={"member_id": member.pk})


def _staff(person) -> str:
    return reverse("carers:staff", kwargs={"person_id": person.pk})


def _main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<(h\d|li|p|a|button|dt|dd|label|legend|span)\b", r"\n<\1", main)
    return re.sub(r"[ \t]+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_carer_sees_who_they_look_after(council, carer, carer_client):
    response = carer_client.get(CARING)
    assert response.status_code == 200
    text = _main_text(response)
    assert f"You look after {council.person.name}" in text
    html = response.content.decode()
    assert _how(carer) in html
    assert _ask(carer) in html


def test_a_supporter_who_is_not_a_carer_is_told_so_plainly(council, client_as):
    response = client_as("supporter_user").get(CARING)
    assert response.status_code == 200
    assert "You are not down as a carer for anyone yet." in _main_text(response)
    assert council.person.family_name not in response.content.decode()


def test_the_carer_writes_how_it_is_and_the_history_stays(carer, carer_client):
    first = carer_client.post(_how(carer), {"hard": "I never sleep through", "hours": "40"})
    assert first.status_code == 302
    second = carer_client.post(
        _how(carer), {"helps": "My sister sits with him on Sundays", "hours": ""}
    )
    assert second.status_code == 302

    views = list(CarerView.objects.filter(member=carer).order_by("id"))
    assert [(v.hard, v.helps, v.hours_per_week) for v in views] == [
        ("I never sleep through", "", 40),
        ("", "My sister sits with him on Sundays", None),
    ]
    assert all(v.written_by == carer.account for v in views)

    page = carer_client.get(_how(carer))
    text = _main_text(page)
    latest = text.index("What you told us on")
    assert "My sister sits with him on Sundays" in text[latest : text.index("Tell us how it is")]
    assert "I never sleep through" in text[text.index("What you told us before") :]
    # Saving what they wrote does not change the person's record of the circle.
    carer.refresh_from_db()
    assert carer.caring_hours_per_week == 35


@pytest.mark.parametrize("hours", ["169", "-1", "lots", "12.5"])
def test_hours_are_checked_plainly(carer, carer_client, hours):
    response = carer_client.post(_how(carer), {"hard": "Tired", "hours": hours})
    assert response.status_code == 400
    assert "Enter a number of hours from 0 to 168" in response.content.decode()
    assert not CarerView.objects.exists()


@pytest.mark.parametrize("hours", ["0", "168"])
def test_hours_at_the_limits_are_kept(carer, carer_client, hours):
    assert carer_client.post(_how(carer), {"hard": "Tired", "hours": hours}).status_code == 302
    assert CarerView.objects.get().hours_per_week == int(hours)


def test_an_empty_form_asks_for_at_least_one_thing(carer, carer_client):
    response = carer_client.post(_how(carer), {"hard": "  ", "helps": "", "hours": "20"})
    assert response.status_code == 400
    assert "Write at least one thing" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not CarerView.objects.exists()


def test_a_supporter_who_is_not_a_carer_gets_404(council, client_as):
    membership = council.person.circle.get(account=council.supporter_user)
    client = client_as("supporter_user")
    for url in (_how(membership), _ask(membership)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"hard": "x", "contact_way": "phone"}).status_code == 404
    assert not CarerView.objects.exists()
    assert not CarerAssessmentRequest.objects.exists()


def test_no_one_but_the_carer_reaches_their_pages(council, carer, client_as, client):
    for member in ("supporter_user", "person_user", "practitioner", "manager", "lead"):
        signed_in = client_as(member)
        for url in (_how(carer), _ask(carer)):
            assert signed_in.get(url).status_code == 404, (member, url)
    assert client.get(_how(carer)).status_code == 302  # not signed in: off to sign in


def test_the_person_gets_403_on_caring_and_404_on_their_carers_pages(council, carer, client_as):
    client = client_as("person_user")
    assert client.get(CARING).status_code == 403
    for url in (_how(carer), _ask(carer)):
        response = client.get(url)
        assert response.status_code == 404
        assert "Maggie" not in response.content.decode()
    assert client.get(_staff(council.person)).status_code == 403


def test_a_carer_of_someone_else_cannot_reach_this_carers_pages(council, carer):
    other_carer = circle_member_create(
        person=council.other_person,
        account=user_create(role=Role.SUPPORTER),
        is_unpaid_carer=True,
    )
    client = sign_in(Client(), other_carer.account)
    assert client.get(_how(carer)).status_code == 404
    assert client.get(_ask(carer)).status_code == 404
    assert client.get(_how(other_carer)).status_code == 200


def test_a_carer_who_is_no_longer_a_carer_gets_404(carer, carer_client):
    carer.is_unpaid_carer = False
    carer.save()
    assert carer_client.get(_how(carer)).status_code == 404
    assert "You are not down as a carer" in _main_text(carer_client.get(CARING))


def test_every_visit_to_a_carers_page_is_audited(council, carer, carer_client, client_as):
    carer_client.get(_how(carer))
    carer_client.post(_how(carer), {"hard": "Tired"})
    carer_client.get(_ask(carer))
    client_as("person_user").get(_how(carer))
    rows = AuditEvent.objects.filter(person_id=council.person.pk)
    allowed = rows.filter(actor=carer.account, outcome=AuditOutcome.ALLOWED)
    assert sorted(allowed.values_list("target", "action")) == [
        ("carers.assessment", "view"),
        ("carers.view", "change"),
        ("carers.view", "view"),
    ]
    assert rows.filter(
        actor=council.person_user, target="carers.view", outcome=AuditOutcome.DENIED
    ).exists()
    client_as("practitioner").get(_staff(council.person))
    assert rows.filter(
        actor=council.practitioner, target="carers.staff", outcome=AuditOutcome.ALLOWED
    ).exists()


def test_staff_see_each_carers_latest_words(council, carer, carer_client, client_as):
    carer_client.post(_how(carer), {"hard": "Old words", "hours": "30"})
    carer_client.post(_how(carer), {"difference": "A night off each week", "hours": "50"})
    for member in ("practitioner", "colleague", "manager"):
        response = client_as(member).get(_staff(council.person))
        assert response.status_code == 200
        text = _main_text(response)
        assert "Maggie Carer" in text
        assert "A night off each week" in text
        assert "Old words" not in text
        assert "50 (they said on" in text


@pytest.mark.parametrize("member", ["other_practitioner", "other_manager", "lead", "administrator"])
def test_other_teams_and_non_caseworkers_get_404_on_the_staff_page(council, client_as, member):
    response = client_as(member).get(_staff(council.person))
    assert response.status_code == 404
    assert council.person.family_name not in response.content.decode()


def test_supporters_are_refused_the_staff_page(council, carer, carer_client, client_as):
    assert carer_client.get(_staff(council.person)).status_code == 403
    assert client_as("supporter_user").get(_staff(council.person)).status_code == 403
    assert client_as("supporter_user").get(_staff(council.other_person)).status_code == 404


def _ask_for_one(client, member, **extra):
    data = {"words": "My back is bad now", "contact_way": "phone", "contact_time": "Mornings"}
    return client.post(_ask(member), {**data, **extra})


def test_asking_for_an_assessment_tells_the_practitioner_without_names_or_words(
    council, carer, carer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_for_one(carer_client, carer)
    assert response.status_code == 302
    made = CarerAssessmentRequest.objects.get()
    assert (made.member, made.words, made.contact_way, made.contact_time, made.status) == (
        carer,
        "My back is bad now",
        "phone",
        "Mornings",
        RequestStatus.REQUESTED,
    )
    assert (made.requested_by, made.updated_by) == (carer.account, None)
    assert [m.to for m in mail.outbox] == [[council.practitioner.email]]
    message = mail.outbox[0]
    assert message.subject == REQUEST_EMAIL_SUBJECT
    assert _staff(council.person) in message.body
    for secret in (
        "My back",
        "Mornings",
        "Maggie",
        council.person.given_name,
        council.person.family_name,
        council.person_user.full_name,
    ):
        assert secret not in message.subject + message.body

    page = carer_client.get(_ask(carer))
    text = _main_text(page)
    assert "We have your request" in text
    assert "Asked for" in text


def test_with_no_practitioner_the_team_managers_are_told(
    council, carer, carer_client, django_capture_on_commit_callbacks
):
    council.person.practitioner = None
    council.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        _ask_for_one(carer_client, carer)
    assert [m.to for m in mail.outbox] == [[council.manager.email]]


def test_how_to_get_in_touch_is_needed(carer, carer_client):
    response = _ask_for_one(carer_client, carer, contact_way="")
    assert response.status_code == 400
    assert "Choose how we should get in touch" in response.content.decode()
    assert not CarerAssessmentRequest.objects.exists()


def test_why_now_can_be_left_out(carer, carer_client):
    assert _ask_for_one(carer_client, carer, words="").status_code == 302
    assert CarerAssessmentRequest.objects.get().words == ""


def test_a_second_request_shows_the_first(carer, carer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask_for_one(carer_client, carer)
        again = _ask_for_one(carer_client, carer, words="Asking again")
    assert again.status_code == 302
    assert CarerAssessmentRequest.objects.count() == 1
    assert len(mail.outbox) == 1
    page = carer_client.get(again["Location"])
    text = _main_text(page)
    assert "We have your request" in text
    assert "My back is bad now" in text
    assert "<form" not in page.content.decode().split("<main")[1].split("Back to caring")[0]


def test_staff_change_the_status_and_the_carer_sees_it(council, carer, carer_client, client_as):
    _ask_for_one(carer_client, carer)
    made = CarerAssessmentRequest.objects.get()
    staff = client_as("practitioner")
    response = staff.post(_staff(council.person), {"request_id": made.pk, "status": "booked"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.status, made.updated_by) == (RequestStatus.BOOKED, council.practitioner)
    assert "Booked" in _main_text(carer_client.get(_ask(carer)))

    client_as("manager").post(_staff(council.person), {"request_id": made.pk, "status": "done"})
    made.refresh_from_db()
    assert (made.status, made.updated_by) == (RequestStatus.DONE, council.manager)
    page = _main_text(carer_client.get(_ask(carer)))
    assert "Your last carer's assessment was done on" in page
    assert "We have your request" not in page
    # Done: they may ask again.
    assert _ask_for_one(carer_client, carer).status_code == 302
    assert CarerAssessmentRequest.objects.count() == 2


def test_staff_cannot_change_another_persons_request(council, carer, carer_client, client_as):
    _ask_for_one(carer_client, carer)
    made = CarerAssessmentRequest.objects.get()
    other = client_as("other_practitioner")
    response = other.post(_staff(council.other_person), {"request_id": made.pk, "status": "done"})
    assert response.status_code == 404
    assert (
        other.post(_staff(council.person), {"request_id": made.pk, "status": "done"}).status_code
        == 404
    )
    assert (
        client_as("person_user")
        .post(_staff(council.person), {"request_id": made.pk, "status": "done"})
        .status_code
        == 403
    )
    made.refresh_from_db()
    assert made.status == RequestStatus.REQUESTED


def test_a_bad_status_is_refused(council, carer, carer_client, client_as):
    _ask_for_one(carer_client, carer)
    made = CarerAssessmentRequest.objects.get()
    response = client_as("practitioner").post(
        _staff(council.person), {"request_id": made.pk, "status": "lost"}
    )
    assert response.status_code == 400
    made.refresh_from_db()
    assert made.status == RequestStatus.REQUESTED


def test_the_carers_pages_read_plainly(council, carer, carer_client):
    carer_client.post(_how(carer), {"hard": "I am tired", "hours": "30"})
    _ask_for_one(carer_client, carer, words="I am tired")
    pages = {
        "caring": carer_client.get(CARING),
        "how it is": carer_client.get(_how(carer)),
        "how it is, error": carer_client.post(_how(carer), {"hard": ""}),
        "assessment, asked": carer_client.get(_ask(carer)),
    }
    CarerAssessmentRequest.objects.update(status=RequestStatus.DONE)
    pages["assessment, form"] = carer_client.get(_ask(carer))
    for name, response in pages.items():
        text = _main_text(response)
        assert reading_age(text) <= READING_AGE_LIMIT, (name, reading_age(text), text)


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
_TEAM_A = dict.fromkeys(("practitioner", "colleague", "manager"), 200)
_TEAM_B = dict.fromkeys(("other_practitioner", "other_manager"), 200)
# (url name, whose) → expected GET status per member of the council; anything unlisted: 404.
WHO_REACHES_WHAT = {
    ("carers:caring", None): {**dict.fromkeys(MEMBERS, 403), "supporter_user": 200},
    ("carers:how-it-is", "carer"): {},
    ("carers:assessment", "carer"): {},
    ("outcomes:carer-answer", "carer"): {},  # a carer's own wellbeing questions
    ("carers:staff", "own"): {**_TEAM_A, "person_user": 403, "supporter_user": 403},
    ("carers:staff", "other"): _TEAM_B,
}


@pytest.mark.parametrize(("name", "whose"), list(WHO_REACHES_WHAT))
def test_who_reaches_what(council, carer, client_as, client, name, whose):
    if whose is None:
        url = reverse(name)
    elif whose == "carer":
        url = reverse(name, kwargs={"member_id": carer.pk})
    else:
        person = council.person if whose == "own" else council.other_person
        url = reverse(name, kwargs={"person_id": person.pk})
    got = {member: client_as(member).get(url).status_code for member in MEMBERS}
    assert got == {m: WHO_REACHES_WHAT[(name, whose)].get(m, 404) for m in MEMBERS}
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:sign-in"))
