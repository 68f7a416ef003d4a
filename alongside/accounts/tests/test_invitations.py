import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.invitations import NEW_LINK_MAX_PER_ADDRESS, expiry_in_words
from alongside.accounts.models import Invitation, NewLinkRequest, Role, User
from alongside.people.models import Relationship, Shareable
from alongside.people.tests.factories import circle_member_create, person_create

PASSWORD = "purple kettle sunday walk"
SAME_ANSWER = "If that email has an invitation, we have asked your social worker to send a new one."


@pytest.fixture
def ruth(council):
    """Someone with no account yet, in team A, with a daughter and an advocate in her circle."""
    person = person_create(
        team=council.team_a,
        practitioner=council.practitioner,
        given_name="Ruth",
        family_name="Okonkwo",
        email="ruth@example.test",
    )
    circle_member_create(
        person=person, name="Grace Mbeki", relationship=Relationship.FAMILY, email="grace@e.test"
    )
    circle_member_create(
        person=person, name="Sam Advocate", relationship=Relationship.ADVOCATE, email="sam@e.test"
    )
    return person


def _member(person, name):
    return person.circle.get(name=name)


def _invite_url(person):
    return reverse("accounts:invite", kwargs={"person_id": person.pk})


def _invite(client, person, **data):
    return client.post(_invite_url(person), data)


def _token_from(message) -> str:
    return re.search(r"/invitation/(\S+)", message.body).group(1)


def _accept(client, token, password=PASSWORD, again=None):
    return client.post(
        reverse("accounts:invitation", args=[token]),
        {"password": password, "password_again": again or password},
    )


# Sending -----------------------------------------------------------------------------------


def test_a_practitioner_invites_the_person(council, ruth, client_as):
    page = client_as("practitioner").get(_invite_url(ruth))
    assert page.status_code == 200
    assert "The person has agreed that this supporter can be invited" in page.content.decode()

    response = _invite(client_as("practitioner"), ruth, who="person", email="Ruth@Example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": ruth.pk})

    [message] = mail.outbox
    assert message.to == ["ruth@example.test"]
    assert message.subject == "Your invitation to Alongside"
    token = _token_from(message)
    assert f"http://testserver/invitation/{token}" in message.body
    assert "Hello Ruth Okonkwo," in message.body
    assert "Shirebrook Council" in message.body  # settings.COUNCIL_NAME
    words = message.body.replace(token, "")  # a random token may spell anything, even "Sam"
    for other in ("Grace", "Sam", council.practitioner.full_name):
        assert other not in words

    invitation = Invitation.objects.get()
    assert f"until {expiry_in_words(invitation.expires_at)}" in message.body
    assert invitation.role == Role.PERSON and invitation.circle_member is None
    assert invitation.created_by == council.practitioner
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert timedelta(hours=71, minutes=59) < invitation.expires_at - invitation.created_at
    assert invitation.expires_at - invitation.created_at <= timedelta(hours=72)
    stored = [str(value) for value in Invitation.objects.values_list().get()]
    assert token not in stored


def test_the_address_on_the_record_is_used_when_none_is_typed(ruth, client_as):
    assert _invite(client_as("manager"), ruth, who="person", email="").status_code == 302
    assert mail.outbox[0].to == ["ruth@example.test"]


def test_a_new_invitation_cancels_the_older_unused_one(ruth, client_as):
    client = client_as("practitioner")
    _invite(client, ruth, who="person", email="ruth@example.test")
    _invite(client, ruth, who="person", email="ruth@example.test")
    first, second = Invitation.objects.order_by("pk")
    assert first.cancelled_at is not None and second.cancelled_at is None
    response = Client().get(reverse("accounts:invitation", args=[_token_from(mail.outbox[0])]))
    assert response.status_code == 410
    assert "This link has been replaced" in response.content.decode()


def test_a_supporter_is_invited_only_with_the_persons_agreement(ruth, client_as):
    grace = _member(ruth, "Grace Mbeki")
    client = client_as("practitioner")
    refused = _invite(client, ruth, who=f"member-{grace.pk}", email="grace@e.test")
    assert refused.status_code == 400
    assert (
        "Confirm the person has agreed that this supporter can be invited"
        in refused.content.decode()
    )
    assert not Invitation.objects.exists() and not mail.outbox

    sent = _invite(client, ruth, who=f"member-{grace.pk}", email="grace@e.test", agreed="on")
    assert sent.status_code == 302
    [message] = mail.outbox
    assert "Hello Grace Mbeki," in message.body
    assert "Someone you support has invited you" in message.body
    words = message.body.replace(_token_from(message), "")  # a random token may spell anything
    assert "Ruth" not in words and "Okonkwo" not in words
    invitation = Invitation.objects.get()
    assert invitation.role == Role.SUPPORTER and invitation.circle_member == grace


def test_an_advocate_invited_on_the_persons_behalf_needs_the_reason(ruth, client_as):
    sam = _member(ruth, "Sam Advocate")
    client = client_as("practitioner")
    refused = _invite(client, ruth, who=f"member-{sam.pk}", email="sam@e.test")
    assert refused.status_code == 400
    assert "Enter why the person cannot agree" in refused.content.decode()

    reason = "Ruth has advanced dementia and cannot weigh up who sees her plan."
    sent = _invite(
        client, ruth, who=f"member-{sam.pk}", email="sam@e.test", on_behalf_reason=reason
    )
    assert sent.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.on_behalf_reason == reason and invitation.role == Role.SUPPORTER
    assert "as an advocate for someone you support" in mail.outbox[0].body
    assert "Ruth" not in mail.outbox[0].body
    # Ruth cannot choose what her advocate sees, so they see what they need to speak for her.
    _accept(Client(), _token_from(mail.outbox[0]))
    sam.refresh_from_db()
    assert set(sam.shared_sections) == {
        Shareable.ABOUT_ME,
        Shareable.CIRCLE,
        Shareable.PLAN,
        Shareable.MESSAGES,
    }


def test_only_an_advocate_can_be_invited_on_the_persons_behalf(ruth, client_as):
    grace = _member(ruth, "Grace Mbeki")
    response = _invite(
        client_as("practitioner"),
        ruth,
        who=f"member-{grace.pk}",
        email="grace@e.test",
        on_behalf_reason="She cannot say",
    )
    assert response.status_code == 400
    assert "Only an advocate can be invited" in response.content.decode()


@pytest.mark.parametrize(
    ("member", "status"),
    [
        ("other_practitioner", 404),
        ("other_manager", 404),
        ("lead", 404),
        ("administrator", 404),
        ("person_user", 403),
        ("supporter_user", 403),
    ],
)
def test_who_cannot_invite(council, client_as, member, status):
    client = client_as(member)
    url = _invite_url(council.person)
    assert client.get(url).status_code == status
    assert client.post(url, {"who": "person", "email": "x@e.test"}).status_code == status
    assert not Invitation.objects.exists() and not mail.outbox


def test_anonymous_visitors_are_sent_to_sign_in(council, client):
    response = client.get(_invite_url(council.person))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in?next=")


# Accepting ---------------------------------------------------------------------------------


def test_the_person_sets_a_password_and_is_signed_in(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    token = _token_from(mail.outbox[0])
    client = Client()
    page = client.get(reverse("accounts:invitation", args=[token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Set your password" in html and "Ruth" in html and "Okonkwo" not in html

    response = _accept(client, token)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:welcome")
    ruth.refresh_from_db()
    user = ruth.account
    assert user.role == Role.PERSON and user.email == "ruth@example.test"
    assert user.check_password(PASSWORD)
    assert Invitation.objects.get().used_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk

    welcome = client.get(reverse("accounts:welcome")).content.decode()
    assert "Set up two-factor sign-in (recommended)" in welcome and "Not now" in welcome
    # Two-factor is offered, not forced: their own record opens straight away.
    record = client.get(reverse("people:detail", kwargs={"person_id": ruth.pk}))
    assert record.status_code == 200
    assert not user.must_use_two_factor


def test_the_person_can_sign_in_again_with_their_password(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    _accept(Client(), _token_from(mail.outbox[0]))
    response = Client().post(
        reverse("accounts:sign-in"), {"email": "ruth@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_link_works_once(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    token = _token_from(mail.outbox[0])
    assert _accept(Client(), token).status_code == 302
    again = _accept(Client(), token, password="another long passphrase")
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert Client().get(reverse("accounts:invitation", args=[token])).status_code == 410
    ruth.refresh_from_db()
    assert ruth.account.check_password(PASSWORD)


def test_an_expired_link_is_refused_and_offers_a_new_one(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    token = _token_from(mail.outbox[0])
    response = Client().get(reverse("accounts:invitation", args=[token]))
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has expired" in html
    assert reverse("accounts:invitation-new-link") in html
    assert _accept(Client(), token).status_code == 410
    ruth.refresh_from_db()
    assert ruth.account is None


def test_an_unknown_link_is_not_found(db, client):
    response = client.get(reverse("accounts:invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Your password must be at least 12 characters long"),
        ("123456789012345", "Your password must not be only numbers"),
        ("password1234", "That password is used by a lot of people"),
        ("ruth@example.test", "Your password must not be like your name or email address"),
    ],
)
def test_a_weak_password_is_refused_in_plain_words(ruth, client_as, password, message):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    response = _accept(Client(), _token_from(mail.outbox[0]), password=password)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Invitation.objects.get().used_at is None
    assert not User.objects.filter(email="ruth@example.test").exists()


def test_passwords_that_do_not_match_are_refused(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    response = _accept(Client(), _token_from(mail.outbox[0]), again="something else entirely")
    assert response.status_code == 400
    assert "The passwords do not match" in response.content.decode()


def test_a_staff_address_is_never_taken_over(council, ruth, client_as):
    email = council.colleague.email
    _invite(client_as("practitioner"), ruth, who="person", email=email)
    response = _accept(Client(), _token_from(mail.outbox[0]))
    assert response.status_code == 400
    assert "already used for another account" in response.content.decode()
    council.colleague.refresh_from_db()
    assert council.colleague.role == Role.PRACTITIONER
    assert not council.colleague.check_password(PASSWORD)


def test_the_supporter_sees_only_what_the_person_shares(ruth, client_as):
    grace = _member(ruth, "Grace Mbeki")
    _invite(
        client_as("practitioner"), ruth, who=f"member-{grace.pk}", email="grace@e.test", agreed="1"
    )
    client = Client()
    assert _accept(client, _token_from(mail.outbox[0])).status_code == 302
    grace.refresh_from_db()
    assert grace.account.role == Role.SUPPORTER and grace.account.email == "grace@e.test"

    about_me = reverse("aboutme:page", kwargs={"person_id": ruth.pk})
    assert client.get(about_me).status_code == 404
    grace.shared_sections = [Shareable.ABOUT_ME]
    grace.save()
    assert client.get(about_me).status_code == 200
    # Supporters cannot invite anyone.
    assert client.get(_invite_url(ruth)).status_code == 403


def test_an_existing_supporter_is_linked_not_duplicated(council, ruth, client_as):
    grace = _member(ruth, "Grace Mbeki")
    supporter = council.supporter_user  # already supports council.person
    _invite(
        client_as("practitioner"),
        ruth,
        who=f"member-{grace.pk}",
        email=supporter.email,
        agreed="1",
    )
    assert _accept(Client(), _token_from(mail.outbox[0])).status_code == 302
    grace.refresh_from_db()
    assert grace.account == supporter
    assert User.objects.filter(role=Role.SUPPORTER).count() == 1


def test_people_already_using_alongside_are_not_offered(council, client_as):
    html = client_as("practitioner").get(_invite_url(council.person)).content.decode()
    assert "Everyone who could be invited already uses Alongside" in html


# Asking for a new link ---------------------------------------------------------------------

NEW_LINK = reverse("accounts:invitation-new-link")


def test_asking_for_a_new_link_tells_the_inviter_only_when_it_matches(council, ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()

    unknown = Client().post(NEW_LINK, {"email": "nobody@example.test"})
    assert unknown.status_code == 200 and SAME_ANSWER in unknown.content.decode()
    assert mail.outbox == []

    known = Client().post(NEW_LINK, {"email": "RUTH@example.test"})
    assert known.status_code == 200 and SAME_ANSWER in known.content.decode()
    [message] = mail.outbox
    assert message.to == [council.practitioner.email]
    assert _invite_url(ruth) in message.body
    assert "Ruth" not in message.body and "Okonkwo" not in message.body


def test_a_used_invitation_does_not_tell_anyone(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    _accept(Client(), _token_from(mail.outbox[0]))
    mail.outbox.clear()
    response = Client().post(NEW_LINK, {"email": "ruth@example.test"})
    assert SAME_ANSWER in response.content.decode() and mail.outbox == []


def test_asking_for_a_new_link_is_rate_limited(ruth, client_as):
    _invite(client_as("practitioner"), ruth, who="person", email="ruth@example.test")
    mail.outbox.clear()
    client = Client()
    for number in range(NEW_LINK_MAX_PER_ADDRESS):
        assert client.post(NEW_LINK, {"email": f"n{number}@e.test"}).status_code == 200
    throttled = client.post(NEW_LINK, {"email": "ruth@example.test"})
    assert throttled.status_code == 429
    assert "too many requests" in throttled.content.decode()
    assert mail.outbox == []
    # An hour later, it is allowed again.
    NewLinkRequest.objects.update(at=timezone.now() - timedelta(hours=1, seconds=1))
    assert client.post(NEW_LINK, {"email": "ruth@example.test"}).status_code == 200
    assert len(mail.outbox) == 1


def test_a_bad_email_address_is_explained(db, client):
    response = client.post(NEW_LINK, {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()


def test_the_new_link_page_is_public(db, client):
    assert client.get(NEW_LINK).status_code == 200
