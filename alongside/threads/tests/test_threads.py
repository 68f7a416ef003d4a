from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import user_create
from alongside.people.models import Shareable
from alongside.people.tests.factories import circle_member_create, person_create
from alongside.threads.models import AuthorRole, Message, MessageRead
from alongside.threads.services import RATE_LIMIT, unread_by_person, unread_count


def _url(person):
    return reverse("threads:messages", args=[person.pk])


def _share_messages(council):
    member = council.person.circle.get(account=council.supporter_user)
    member.shared_sections = [Shareable.CIRCLE, Shareable.MESSAGES]
    member.save()
    return member


def _names(council):
    person = council.person
    return [
        person.given_name,
        person.family_name,
        person.name,
        council.practitioner.full_name,
        council.person_user.full_name,
    ]


def _add(person, author, role, count=1, **fields):
    for number in range(count):
        Message.objects.create(
            person=person, author=author, author_role=role, body=f"Message {number}", **fields
        )


def test_the_person_writes_and_their_practitioner_gets_an_email_without_names_or_words(
    client_as, council
):
    text = "My carer did not come on Tuesday and I was worried"
    client = client_as("person_user")
    response = client.post(_url(council.person), {"body": text})
    assert response.status_code == 302
    assert response["Location"].startswith(_url(council.person))
    message = Message.objects.get()
    assert message.author == council.person_user
    assert message.author_role == AuthorRole.PERSON
    assert message.body == text
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [council.practitioner.email]
    sent = email.subject + email.body
    assert "new message" in sent
    assert "sign in" in sent.lower()
    assert "Tuesday" not in sent and text not in sent
    for name in _names(council):
        assert name not in sent
    page = client.get(response["Location"]).content.decode()
    assert "Your message has been sent." in page
    assert text in page


def test_with_no_practitioner_the_team_managers_are_told(client_as, council):
    council.person.practitioner = None
    council.person.save()
    client_as("person_user").post(_url(council.person), {"body": "Hello"})
    assert [email.to for email in mail.outbox] == [[council.manager.email]]


def test_staff_reply_and_the_person_and_sharing_supporters_are_told(client_as, council):
    _share_messages(council)
    not_sharing = user_create(role=Role.SUPPORTER)
    circle_member_create(person=council.person, account=not_sharing, shares=[Shareable.PLAN])
    response = client_as("colleague").post(_url(council.person), {"body": "I will call you"})
    assert response.status_code == 302
    assert Message.objects.get().author_role == AuthorRole.PRACTITIONER
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [council.person_user.email, council.supporter_user.email]
    )
    for email in mail.outbox:
        assert len(email.to) == 1
        assert "I will call you" not in email.body
        for name in [*_names(council), council.colleague.full_name]:
            assert name not in email.subject + email.body


def test_a_manager_replies_as_team_manager(client_as, council):
    client_as("manager").post(_url(council.person), {"body": "Thanks"})
    assert Message.objects.get().author_role == AuthorRole.TEAM_MANAGER
    assert mail.outbox[0].to == [council.person_user.email]


def test_a_supporter_sees_messages_only_if_the_person_shared_them(client_as, council):
    supporter = client_as("supporter_user")
    assert supporter.get(_url(council.person)).status_code == 404
    assert supporter.post(_url(council.person), {"body": "Hi"}).status_code == 404
    assert not Message.objects.exists()
    member = _share_messages(council)
    assert supporter.get(_url(council.person)).status_code == 200
    response = supporter.post(_url(council.person), {"body": "Mum had a good week"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.author_role == AuthorRole.SUPPORTER
    assert message.circle_member == member
    assert [email.to for email in mail.outbox] == [[council.practitioner.email]]
    page = supporter.get(_url(council.person)).content.decode()
    assert member.name in page and "Supporter" in page


@pytest.mark.parametrize("member", ["other_practitioner", "other_manager", "lead", "administrator"])
def test_people_outside_the_team_get_not_found(client_as, council, member):
    client = client_as(member)
    assert client.get(_url(council.person)).status_code == 404
    assert client.post(_url(council.person), {"body": "Hello"}).status_code == 404
    assert not Message.objects.exists()


@pytest.mark.parametrize("member", ["practitioner", "colleague", "manager", "person_user"])
def test_no_one_in_team_a_reaches_another_teams_thread(client_as, council, member):
    assert client_as(member).get(_url(council.other_person)).status_code == 404


@pytest.mark.parametrize("member", ["practitioner", "colleague", "manager", "person_user"])
def test_the_team_and_the_person_can_read(client_as, council, member):
    assert client_as(member).get(_url(council.person)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(council):
    response = Client().get(_url(council.person))
    assert response.status_code == 302
    assert not response["Location"].startswith(_url(council.person))


def test_the_thread_shows_who_wrote_each_message_and_in_what_role(client_as, council):
    member = _share_messages(council)
    client_as("person_user").post(_url(council.person), {"body": "First from me"})
    client_as("supporter_user").post(_url(council.person), {"body": "Second from supporter"})
    client_as("practitioner").post(_url(council.person), {"body": "Third from social worker"})
    client_as("manager").post(_url(council.person), {"body": "Fourth from manager"})
    page = client_as("colleague").get(_url(council.person)).content.decode()
    order = [
        page.index(text) for text in ("First from me", "Second from supporter", "Third", "Fourth")
    ]
    assert order == sorted(order)
    assert council.person.name in page
    assert f"Supporter: {member.name}" in page
    assert f"Social worker: {council.practitioner.full_name}" in page
    assert f"Team manager: {council.manager.full_name}" in page
    own = client_as("person_user").get(_url(council.person)).content.decode()
    assert f"{council.person.name} (you)" in own
    assert "Write your message" in own and "999" in own


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write your message"),
        ("   ", "Write your message"),
        ("x" * 2001, "Your message is too long"),
    ],
)
def test_empty_or_too_long_messages_are_refused_and_the_words_kept(client_as, council, body, error):
    response = client_as("person_user").post(_url(council.person), {"body": body})
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert "maxlength" not in page  # the browser never cuts off pasted words unseen
    if body.strip():
        assert body in page
        assert "2,000" in page or "2000" in page
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_message_of_exactly_2000_characters_is_sent(client_as, council):
    response = client_as("person_user").post(_url(council.person), {"body": "y" * 2000})
    assert response.status_code == 302
    assert len(Message.objects.get().body) == 2000


def test_too_many_messages_in_ten_minutes_are_refused_and_the_words_kept(client_as, council):
    client = client_as("person_user")
    for number in range(RATE_LIMIT):
        assert client.post(_url(council.person), {"body": f"note {number}"}).status_code == 302
    response = client.post(_url(council.person), {"body": "One more thing to say"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Wait 10 minutes" in page
    assert "One more thing to say" in page
    assert Message.objects.count() == RATE_LIMIT
    # Others are not held back by this person's messages.
    assert client_as("practitioner").post(_url(council.person), {"body": "Hi"}).status_code == 302


def test_the_limit_counts_only_the_last_ten_minutes(client_as, council):
    earlier = timezone.now() - timedelta(minutes=11)
    _add(council.person, council.person_user, AuthorRole.PERSON, RATE_LIMIT, created_at=earlier)
    response = client_as("person_user").post(_url(council.person), {"body": "Hello again"})
    assert response.status_code == 302


def test_unread_counts_go_down_when_the_thread_is_read(client_as, council):
    person, other = council.person, person_create(team=council.team_a)
    _add(person, council.person_user, AuthorRole.PERSON, 3)
    _add(other, council.colleague, AuthorRole.PRACTITIONER, 2)
    _add(person, council.practitioner, AuthorRole.PRACTITIONER, 1)  # their own: not new
    practitioner = council.practitioner
    assert unread_count(practitioner, person) == 3
    assert unread_by_person(practitioner, [person.pk, other.pk, council.other_person.pk]) == {
        person.pk: 3,
        other.pk: 2,
        council.other_person.pk: 0,
    }
    client_as("practitioner").get(_url(person))
    assert unread_count(practitioner, person) == 0
    assert unread_count(council.colleague, person) == 4  # each reader keeps their own place
    _add(person, council.person_user, AuthorRole.PERSON, 1)
    assert unread_count(practitioner, person) == 1
    assert unread_by_person(practitioner, []) == {}


def test_unread_by_person_is_one_query_however_many_people(council):
    people = [person_create(team=council.team_a) for _ in range(5)]
    for person in people:
        _add(person, council.person_user, AuthorRole.PERSON, 2)
    with CaptureQueriesContext(connection) as queries:
        counts = unread_by_person(council.practitioner, [p.pk for p in people])
    assert len(queries) == 1
    assert set(counts.values()) == {2}


def test_writing_marks_the_thread_read_for_the_writer(client_as, council):
    _add(council.person, council.person_user, AuthorRole.PERSON, 2)
    client_as("practitioner").post(_url(council.person), {"body": "Replying"})
    assert unread_count(council.practitioner, council.person) == 0
    assert unread_count(council.person_user, council.person) == 1


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_3_or_30_messages(client_as, council):
    member = _share_messages(council)
    client = client_as("practitioner")
    url = _url(council.person)

    def add_each(count):
        for _ in range(count):
            _add(council.person, council.person_user, AuthorRole.PERSON)
            _add(
                council.person,
                council.supporter_user,
                AuthorRole.SUPPORTER,
                circle_member=member,
            )
            _add(council.person, council.manager, AuthorRole.TEAM_MANAGER)

    add_each(1)
    client.get(url)  # the first visit creates the read mark; compare later visits
    few = _page_queries(client, url)
    add_each(9)
    assert Message.objects.count() == 30
    assert _page_queries(client, url) == few


def test_only_the_newest_50_show_with_a_link_to_older_ones(client_as, council):
    start = timezone.now() - timedelta(days=1)
    for number in range(55):
        Message.objects.create(
            person=council.person,
            author=council.person_user,
            author_role=AuthorRole.PERSON,
            body=f"Numbered {number:03d}.",
            created_at=start + timedelta(minutes=number),
        )
    client = client_as("practitioner")
    page = client.get(_url(council.person)).content.decode()
    assert "Numbered 004." not in page
    assert "Numbered 005." in page and "Numbered 054." in page
    assert page.index("Numbered 005.") < page.index("Numbered 054.")
    assert "Older messages" in page and "?page=2" in page
    older = client.get(_url(council.person) + "?page=2").content.decode()
    assert "Numbered 000." in older and "Numbered 004." in older
    assert "Numbered 005." not in older
    assert "Newer messages" in older


def test_messages_cannot_be_changed_or_deleted(council):
    _add(council.person, council.person_user, AuthorRole.PERSON)
    message = Message.objects.get()
    message.body = "changed"
    with pytest.raises(ValueError, match="cannot be changed"):
        message.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        message.delete()
    assert Message.objects.get().body == "Message 0"


def test_reads_are_kept_per_user_and_person(client_as, council):
    _add(council.person, council.person_user, AuthorRole.PERSON)
    client = client_as("practitioner")
    client.get(_url(council.person))
    client.get(_url(council.person))
    assert MessageRead.objects.filter(user=council.practitioner).count() == 1
