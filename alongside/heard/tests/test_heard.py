"""Feeling heard: saying "I don't feel listened to", privately, to the team manager."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import team_create, user_create
from alongside.core.models import AuditEvent, AuditOutcome
from alongside.heard.counts import concern_counts
from alongside.heard.models import Concern, RaisedAs
from alongside.heard.services import (
    MANAGER_EMAIL_BODY,
    concern_raise,
    concern_respond,
    working_days_after,
)
from alongside.people.tests.factories import circle_member_create, person_create

WORDS = "Nobody asked me about the garden group. Sam talked over me again."


def _raise_url(person):
    return reverse("heard:raise", kwargs={"person_id": person.pk})


def _yours_url(person):
    return reverse("heard:yours", kwargs={"person_id": person.pk})


def _detail_url(concern):
    return reverse("heard:detail", kwargs={"concern_id": concern.pk})


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def raised(council):
    return concern_raise(person=council.person, user=council.person_user, words=WORDS)


# Raising --------------------------------------------------------------------------------------


def test_the_form_says_in_plain_words_who_reads_it(council, client_as):
    response = client_as("person_user").get(_raise_url(council.person))
    assert response.status_code == 200
    html = _text(response)
    assert "Tell us what happened" in html
    assert "Use your own words. You can write a little or a lot." in html
    assert "Only the team manager will read this. The social worker will not see it." in html


def test_the_person_raises_it_and_only_their_team_manager_is_told(
    council, client_as, django_capture_on_commit_callbacks
):
    second_manager = user_create(role=Role.TEAM_MANAGER, team=council.team_a)
    user_create(role=Role.TEAM_MANAGER, team=council.team_a, is_active=False)
    client = client_as("person_user")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_raise_url(council.person), {"words": WORDS})
    assert response.status_code == 302
    assert response["Location"] == reverse("heard:sent", kwargs={"person_id": council.person.pk})

    concern = Concern.objects.get()
    assert concern.person == council.person
    assert concern.raised_by == council.person_user
    assert concern.raised_as == RaisedAs.PERSON
    assert concern.circle_member is None
    assert concern.words == WORDS
    assert concern.response == ""

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [council.manager.email, second_manager.email]
    )
    for message in mail.outbox:
        assert message.to == [message.to[0]]  # one each: nobody sees who else was told
        assert message.subject == "Someone does not feel listened to"
        assert message.body == (
            "Someone in your team has said they do not feel listened to. "
            "Sign in to Alongside to see it."
        )
        assert message.body == MANAGER_EMAIL_BODY
        for secret in (
            "garden",
            council.person.given_name,
            council.person.family_name,
            council.person_user.full_name,
        ):
            assert secret not in message.subject + message.body
    told = {m.to[0] for m in mail.outbox}
    assert council.practitioner.email not in told
    assert council.colleague.email not in told
    assert council.other_manager.email not in told

    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert "We have got your message" in _text(sent)
    due = f"{concern.due_by.day} {concern.due_by:%B %Y}"
    assert f"The team manager will reply by {due}" in _text(sent)


def test_a_supporter_raises_it_for_the_person_they_support(
    council, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("supporter_user").post(_raise_url(council.person), {"words": WORDS})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.person == council.person
    assert concern.raised_by == council.supporter_user
    assert concern.raised_as == RaisedAs.SUPPORTER
    assert concern.circle_member == council.person.circle.get(account=council.supporter_user)
    assert [m.to for m in mail.outbox] == [[council.manager.email]]


def test_a_supporter_of_someone_else_gets_404(council, client_as):
    client = client_as("supporter_user")
    assert client.get(_raise_url(council.other_person)).status_code == 404
    assert client.post(_raise_url(council.other_person), {"words": WORDS}).status_code == 404
    assert client.get(_yours_url(council.other_person)).status_code == 404
    assert not Concern.objects.exists()


def test_the_person_cannot_raise_it_on_someone_elses_record(council, client_as):
    response = client_as("person_user").post(_raise_url(council.other_person), {"words": WORDS})
    assert response.status_code == 404
    assert not Concern.objects.exists()


@pytest.mark.parametrize("member", ["practitioner", "colleague", "manager"])
def test_staff_cannot_use_the_form(council, client_as, member):
    client = client_as(member)
    assert client.get(_raise_url(council.person)).status_code == 403
    assert client.post(_raise_url(council.person), {"words": WORDS}).status_code == 403
    assert client.get(_yours_url(council.person)).status_code == 403
    assert not Concern.objects.exists()


def test_empty_words_are_refused_plainly(council, client_as):
    response = client_as("person_user").post(_raise_url(council.person), {"words": "   "})
    assert response.status_code == 400
    assert "Tell us what happened. You can write just a few words." in _text(response)
    assert not Concern.objects.exists()


def test_too_many_words_are_refused_plainly(council, client_as):
    response = client_as("person_user").post(_raise_url(council.person), {"words": "a" * 2001})
    assert response.status_code == 400
    assert "That is too long. Use 2,000 characters or fewer (you have 2001)." in _text(response)
    assert not Concern.objects.exists()
    ok = client_as("person_user").post(_raise_url(council.person), {"words": "a" * 2000})
    assert ok.status_code == 302


def test_at_most_five_a_day_for_one_person(council, client_as):
    person_client, supporter_client = client_as("person_user"), client_as("supporter_user")
    for n in range(3):
        assert person_client.post(_raise_url(council.person), {"words": f"{n}"}).status_code == 302
    for n in range(2):
        assert (
            supporter_client.post(_raise_url(council.person), {"words": f"{n}"}).status_code == 302
        )
    response = person_client.post(_raise_url(council.person), {"words": "Once more"})
    assert response.status_code == 429
    assert (
        "You have told us 5 times today. That is the most for one day. "
        "The team manager will read what you sent. You can tell us more tomorrow."
    ) in _text(response)
    assert Concern.objects.count() == 5
    # Yesterday's do not count.
    Concern.objects.update(created_at=timezone.now() - timedelta(days=1))
    assert person_client.post(_raise_url(council.person), {"words": "Today"}).status_code == 302


# When a reply is due ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised_on", "due"),
    [
        (date(2026, 3, 2), date(2026, 3, 16)),  # Monday → the Monday two weeks later
        (date(2026, 3, 6), date(2026, 3, 20)),  # Friday → Friday
        (date(2026, 3, 7), date(2026, 3, 20)),  # Saturday → the Friday after next
        (date(2026, 3, 8), date(2026, 3, 20)),  # Sunday → the same
        (date(2026, 3, 4), date(2026, 3, 18)),  # Wednesday → Wednesday
    ],
)
def test_a_reply_is_due_in_ten_working_days_skipping_weekends(raised_on, due):
    assert working_days_after(raised_on) == due
    assert working_days_after(raised_on).weekday() < 5


def test_the_due_date_is_saved_with_the_concern(raised):
    assert raised.due_by == working_days_after(timezone.localdate(raised.created_at))


# Team managers ----------------------------------------------------------------------------------


def test_the_team_manager_sees_their_teams_concerns_overdue_first(council, client_as, raised):
    overdue = concern_raise(person=council.person, user=council.supporter_user, words="Late one")
    Concern.objects.filter(pk=overdue.pk).update(due_by=timezone.localdate() - timedelta(days=1))
    response = client_as("manager").get(reverse("heard:list"))
    assert response.status_code == 200
    html = _text(response)
    assert html.index(_detail_url(overdue)) < html.index(_detail_url(raised))
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--yellow">Waiting for a reply</strong>' in html
    assert council.person.name in html


def test_another_teams_manager_neither_sees_nor_opens_it(council, client_as, raised):
    client = client_as("other_manager")
    listing = client.get(reverse("heard:list"))
    assert listing.status_code == 200
    assert "No one in your team has said this." in _text(listing)
    assert _detail_url(raised) not in _text(listing)
    assert council.person.family_name not in _text(listing)
    opened = client.get(_detail_url(raised))
    assert opened.status_code == 404
    assert "garden" not in _text(opened)
    answered = client.post(_detail_url(raised), {"response": "Sorted"})
    assert answered.status_code == 404
    raised.refresh_from_db()
    assert raised.response == ""
    assert raised.acknowledged_at is None
    denied = AuditEvent.objects.filter(
        actor=council.other_manager, target="heard.concern", outcome=AuditOutcome.DENIED
    )
    assert denied.filter(person_id=council.person.pk).count() == 2


@pytest.mark.parametrize("member", ["practitioner", "colleague", "other_practitioner"])
def test_practitioners_never_see_concerns(council, client_as, raised, member):
    client = client_as(member)
    assert client.get(reverse("heard:list")).status_code == 403
    assert client.get(_detail_url(raised)).status_code == 403
    assert client.post(_detail_url(raised), {"response": "Sorted"}).status_code == 403


@pytest.mark.parametrize("member", ["person_user", "supporter_user", "lead", "administrator"])
def test_no_one_else_opens_the_team_managers_pages(council, client_as, raised, member):
    client = client_as(member)
    assert client.get(reverse("heard:list")).status_code == 403
    assert client.get(_detail_url(raised)).status_code == 403


def test_the_manager_replies_and_the_person_reads_it(
    council, client_as, raised, django_capture_on_commit_callbacks
):
    manager = client_as("manager")
    opened = manager.get(_detail_url(raised))
    assert opened.status_code == 200
    assert "Nobody asked me about the garden group." in _text(opened)
    assert AuditEvent.objects.filter(
        actor=council.manager,
        person_id=council.person.pk,
        target="heard.concern",
        action="view",
        outcome=AuditOutcome.ALLOWED,
    ).exists()
    raised.refresh_from_db()
    assert raised.acknowledged_by == council.manager

    empty = manager.post(_detail_url(raised), {"response": ""})
    assert empty.status_code == 400
    assert "Enter what happened" in _text(empty)

    reply = "I spoke with Sam. Next time you choose the first topic."
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(_detail_url(raised), {"response": reply})
    assert response.status_code == 302
    raised.refresh_from_db()
    assert raised.response == reply
    assert raised.responded_by == council.manager
    assert [m.to for m in mail.outbox] == [[council.person_user.email]]
    assert mail.outbox[0].body == (
        "The team manager has replied to what you told us. Sign in to Alongside to read it."
    )
    # A reply is final.
    again = manager.post(_detail_url(raised), {"response": "Changed my mind"})
    assert again.status_code == 409
    raised.refresh_from_db()
    assert raised.response == reply

    yours = client_as("person_user").get(_yours_url(council.person))
    assert yours.status_code == 200
    html = _text(yours)
    assert reply in html
    today = timezone.localdate()
    assert f'Received</dt><dd class="govuk-summary-list__value">{today.day} {today:%B %Y}' in html
    due = raised.due_by
    assert f'Reply due by</dt><dd class="govuk-summary-list__value">{due.day} {due:%B %Y}' in html


def test_yours_shows_waiting_until_answered_and_only_what_you_raised(council, client_as, raised):
    concern_raise(person=council.person, user=council.supporter_user, words="From the supporter")
    person_page = _text(client_as("person_user").get(_yours_url(council.person)))
    assert "Waiting for a reply" in person_page
    assert "Nobody asked me about the garden group." in person_page
    assert "From the supporter" not in person_page
    supporter_page = _text(client_as("supporter_user").get(_yours_url(council.person)))
    assert "From the supporter" in supporter_page
    assert "garden" not in supporter_page


# The co-production lead: numbers only --------------------------------------------------------


def test_counts_per_team_are_suppressed_below_five(council):
    for n in range(6):
        concern = concern_raise(person=council.person, user=council.person_user, words=f"{n}")
        Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=2))
        if n < 2:
            concern_respond(concern=concern, user=council.manager, response="Done")
    Concern.objects.filter(responded_at__isnull=True).update(due_by=date(2020, 1, 1))
    concern_raise(person=council.other_person, user=council.person_user, words="One in B")
    rows = {row.team: row for row in concern_counts()}
    assert (rows["Team A"].raised, rows["Team A"].answered, rows["Team A"].overdue) == (
        "6",
        "fewer than 5",
        "fewer than 5",
    )
    assert (rows["Team B"].raised, rows["Team B"].answered, rows["Team B"].overdue) == (
        "fewer than 5",
        "0",
        "0",
    )


def test_the_lead_sees_counts_never_words(council, client_as):
    team_create("Team C")
    for n in range(5):
        concern_raise(person=council.person, user=council.person_user, words=f"Secret {n} words")
    response = client_as("lead").get(reverse("heard:counts"))
    assert response.status_code == 200
    html = _text(response)
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">5</td>' in html
    assert "Secret" not in html
    assert council.person.family_name not in html
    assert "Team C" in html


def test_the_lead_sees_fewer_than_five_for_small_numbers(council, client_as, raised):
    html = _text(client_as("lead").get(reverse("heard:counts")))
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">fewer than 5</td>' in html
    assert "garden" not in html


@pytest.mark.parametrize(
    "member", ["practitioner", "manager", "administrator", "person_user", "supporter_user"]
)
def test_only_the_lead_sees_the_counts_page(client_as, member):
    assert client_as(member).get(reverse("heard:counts")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(council, client, raised):
    for url in (
        _raise_url(council.person),
        _yours_url(council.person),
        reverse("heard:list"),
        _detail_url(raised),
        reverse("heard:counts"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "garden" not in _text(response)


def test_a_person_in_a_team_with_no_manager_still_raises_it(
    client_as, council, django_capture_on_commit_callbacks
):
    lonely = team_create("Team Alone")
    person = person_create(team=lonely)
    member = circle_member_create(person=person, account=council.supporter_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("supporter_user").post(_raise_url(person), {"words": WORDS})
    assert response.status_code == 302
    assert Concern.objects.get().circle_member == member
    assert mail.outbox == []
