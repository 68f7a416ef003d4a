"""A supporter's own privacy page, who has looked at what they told us about caring, and their
own copy (UK GDPR Article 15: a supporter is a data subject too)."""

import io
import json
import re
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from alongside.aboutme.models import Voice
from alongside.aboutme.services import statement_add, statement_note_add, statement_revise
from alongside.accounts.models import Role
from alongside.accounts.tests.factories import user_create
from alongside.carers.services import request_make, view_add
from alongside.core.audit import audit_record
from alongside.core.models import AuditAction, AuditEvent, AuditOutcome
from alongside.heard.services import concern_raise, concern_respond
from alongside.people.models import Shareable
from alongside.people.tests.factories import circle_member_create
from alongside.plans.models import Party
from alongside.plans.services import agreement_record, goal_add, idea_add, plan_start
from alongside.threads.services import message_post
from conftest import sign_in

HOME = reverse("privacy:supporter")
WHO_LOOKED = reverse("privacy:supporter-who-looked")
DOWNLOAD = reverse("privacy:supporter-download")


def _member(council):
    return council.person.circle.get(account=council.supporter_user)


def _write_as_supporter(person, user, member, *, words):
    """A statement (two versions), a note beside a practitioner's statement, a goal, an idea, a
    decision on the plan, a message, a concern, and what caring is like: each containing
    ``words``. Returns the practitioner's statement they wrote the note beside."""
    statement = statement_add(
        person=person,
        section="people",
        text=f"First go {words}",
        voice=Voice.SUPPORTER_WORDS,
        author=user,
    )
    statement_revise(statement=statement, text=f"Statement {words}", author=user, seen_version=1)
    plan = plan_start(person=person)
    goal_add(plan=plan, text=f"Goal {words}", voice=Voice.SUPPORTER_WORDS, author=user)
    idea_add(
        plan=plan,
        details={
            "title": f"Idea {words}",
            "kind": "community",
            "suggested_by_name": member.name,
            "suggested_by_circle": True,
            "suggested_by_member": member,
            "funding": "free",
        },
        added_by=user,
    )
    plan.refresh_from_db()
    agreement_record(
        plan=plan,
        seen_revision=plan.revision,
        party=Party.SUPPORTER,
        decision="reservations",
        words=f"Decision {words}",
        by=user,
        circle_member=member,
    )
    message_post(person=person, author=user, body=f"Message {words}", thread_url="/m")
    view_add(
        member=member,
        by=user,
        hard=f"Caring {words}",
        helps="A night off",
        difference="",
        hours=40,
    )
    return plan


@pytest.fixture
def written(council):
    """The council's supporter, an unpaid carer for council.person, has written things; so have
    the practitioner, the person and another supporter."""
    member = _member(council)
    member.is_unpaid_carer = True
    member.caring_hours_per_week = 35
    member.shared_sections = [Shareable.CIRCLE, Shareable.ABOUT_ME, Shareable.PLAN]
    member.save()
    summary = statement_add(
        person=council.person,
        section="what_matters",
        text="PRACTITIONER SUMMARY of the person",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    plan = _write_as_supporter(
        council.person, council.supporter_user, member, words="Dennis gardens"
    )
    goal_add(
        plan=plan,
        text="PRACTITIONER GOAL",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    statement_note_add(statement=summary, text="Note Dennis gardens", author=council.supporter_user)
    concern = concern_raise(
        person=council.person, user=council.supporter_user, words="Concern Dennis gardens"
    )
    concern_respond(concern=concern, user=council.manager, response="Reply from the manager")
    request_make(
        member=member,
        by=council.supporter_user,
        words="Why now Dennis gardens",
        contact_way="phone",
        contact_time="Evenings",
        staff_url="/carers",
    )
    message_post(
        person=council.person,
        author=council.person_user,
        body="PERSONS OWN MESSAGE",
        thread_url="/m",
    )
    concern_raise(person=council.person, user=council.person_user, words="PERSONS OWN CONCERN")
    # Another supporter, in the same circle, writing the same kinds of things.
    other = user_create(role=Role.SUPPORTER, full_name="Other Supporter")
    other_member = circle_member_create(
        person=council.person, account=other, name="Other Member", is_unpaid_carer=True
    )
    _write_as_supporter(council.person, other, other_member, words="OTHER SUPPORTER")
    concern_raise(person=council.person, user=other, words="Concern OTHER SUPPORTER")
    return council


@pytest.fixture
def download(written, client_as):
    client = client_as("supporter_user")
    assert client.get(DOWNLOAD).status_code == 200
    response = client.post(DOWNLOAD)
    assert response.status_code == 200
    return response


def _json(download) -> tuple[dict, str]:
    text = zipfile.ZipFile(io.BytesIO(download.content)).read("my-information.json").decode()
    return json.loads(text), text


# The copy ---------------------------------------------------------------------------------------


def test_download_is_a_zip_of_the_json_and_the_pdf(download):
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="my-information.zip"'
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert sorted(archive.namelist()) == ["my-information.json", "my-information.pdf"]


def test_the_json_has_the_supporters_account_and_circles(written, download):
    data, _text = _json(download)
    user = written.supporter_user
    assert data["account"] == {
        "name": user.full_name,
        "email": user.email,
        "since": data["account"]["since"],
    }
    [circle] = data["circles"]
    assert circle["person"] == written.person.name
    assert circle["relationship"] == "Family"
    assert circle["unpaid_carer"] is True
    assert circle["caring_hours_a_week"] == 35
    assert circle["they_let_you_see"] == ["My circle of support", "About me", "My plan"]


def test_the_json_has_everything_the_supporter_wrote(written, download):
    data, _text = _json(download)
    [statement] = [s for s in data["about_me"] if s["versions"]]
    assert [v["text"] for v in statement["versions"]] == [
        "First go Dennis gardens",
        "Statement Dennis gardens",
    ]
    assert statement["versions"][0]["voice"] == "A supporter's words"
    [beside] = [s for s in data["about_me"] if s["notes_you_wrote"]]
    assert beside["notes_you_wrote"][0]["text"] == "Note Dennis gardens"
    assert [g["text"] for g in data["goals"]] == ["Goal Dennis gardens"]
    assert [i["idea"] for i in data["ideas"]] == ["Idea Dennis gardens"]
    [decision] = data["decisions_on_plans"]
    assert decision["in_your_words"] == "Decision Dennis gardens"
    assert decision["decision"] == "Agree, with reservations"
    assert [m["message"] for m in data["messages"]] == ["Message Dennis gardens"]
    [concern] = data["not_listened_to"]
    assert concern["what_you_said"] == "Concern Dennis gardens"
    assert concern["reply"] == "Reply from the manager"
    assert concern["replied_by"] == {"name": written.manager.full_name, "role": "Team manager"}
    [view] = data["about_caring"]
    assert (view["what_is_hard"], view["hours_a_week"]) == ("Caring Dennis gardens", 40)
    [request] = data["carers_assessment_requests"]
    assert (request["why_now"], request["status"]) == ("Why now Dennis gardens", "Asked for")


def test_the_json_has_nothing_written_by_others(written, download):
    _data, text = _json(download)
    # The practitioner's words about the person, even the statement the supporter noted beside.
    assert "PRACTITIONER SUMMARY" not in text
    assert "PRACTITIONER GOAL" not in text
    # The person's own messages and concerns.
    assert "PERSONS OWN MESSAGE" not in text
    assert "PERSONS OWN CONCERN" not in text
    # Another supporter's, ever.
    assert "OTHER SUPPORTER" not in text
    assert "Other Member" not in text
    # No staff e-mail addresses, nor the person's details beyond their name.
    assert written.manager.email not in text
    assert written.person.family_name in text
    assert str(written.person.pk) not in text


def test_the_pdf_has_the_supporters_name_and_their_words(written, download):
    pdf = zipfile.ZipFile(io.BytesIO(download.content)).read("my-information.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert written.supporter_user.full_name in text
    assert "Statement Dennis gardens" in text
    assert "Caring Dennis gardens" in text
    assert "PRACTITIONER SUMMARY" not in text
    assert "OTHER SUPPORTER" not in text


def test_another_supporters_copy_has_none_of_this_ones(written):
    other = written.person.circle.get(name="Other Member").account
    data, text = _json(sign_in(Client(), other).post(DOWNLOAD))
    assert data["account"]["name"] == "Other Supporter"
    assert "Dennis gardens" not in text
    assert [m["message"] for m in data["messages"]] == ["Message OTHER SUPPORTER"]


def test_downloading_is_audited_as_an_export_with_no_person(written, download):
    [event] = AuditEvent.objects.filter(target="privacy.supporter_download")
    assert (event.actor, event.person_id, event.action, event.outcome) == (
        written.supporter_user,
        None,
        AuditAction.EXPORT,
        AuditOutcome.ALLOWED,
    )


def test_a_supporter_in_nobodys_circle_gets_their_account(council, client_as):
    council.person.circle.filter(account=council.supporter_user).update(account=None)
    data, _text = _json(client_as("supporter_user").post(DOWNLOAD))
    assert data["account"]["email"] == council.supporter_user.email
    assert data["circles"] == []


# Who may open the pages ------------------------------------------------------------------------


@pytest.mark.parametrize("url", [HOME, WHO_LOOKED, DOWNLOAD])
@pytest.mark.parametrize(
    ("member", "status"),
    [
        ("supporter_user", 200),
        ("person_user", 403),
        ("practitioner", 403),
        ("manager", 403),
        ("other_practitioner", 403),
        ("lead", 403),
        ("administrator", 403),
    ],
)
def test_who_may_open(council, client_as, url, member, status):
    assert client_as(member).get(url).status_code == status


@pytest.mark.parametrize("member", ["person_user", "practitioner", "manager"])
def test_nobody_else_can_make_a_supporters_copy(council, client_as, member):
    assert client_as(member).post(DOWNLOAD).status_code == 403
    assert not AuditEvent.objects.filter(target="privacy.supporter_download").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (HOME, WHO_LOOKED, DOWNLOAD):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# My privacy ------------------------------------------------------------------------------------


def test_privacy_page_shows_what_each_person_lets_them_see_and_links(written, client_as):
    html = client_as("supporter_user").get(HOME).content.decode()
    assert written.person.name in html
    assert "My circle of support" in html
    assert "About me" in html
    assert "My messages with my social worker" not in html  # not shared with them
    assert WHO_LOOKED in html
    assert DOWNLOAD in html
    assert "Who has looked at what I told you about caring" in html
    assert "Download a copy of my information" in html
    assert written.other_person.name not in html


# Who has looked --------------------------------------------------------------------------------


def _opened_carers_page(user, person, n=1, *, target="carers.staff"):
    for _ in range(n):
        audit_record(
            user=user,
            person_id=person.pk,
            action=AuditAction.VIEW,
            target=target,
            outcome=AuditOutcome.ALLOWED,
        )


@pytest.fixture
def carer(council):
    member = _member(council)
    member.is_unpaid_carer = True
    member.save()
    return council


def test_who_looked_names_the_practitioner_who_opened_the_carers_page(carer, client_as):
    _opened_carers_page(carer.practitioner, carer.person)
    response = client_as("supporter_user").get(WHO_LOOKED)
    assert response.status_code == 200
    html = response.content.decode()
    assert carer.practitioner.full_name in html
    assert "Practitioner" in html
    assert "Looked at" in html
    assert carer.person.name in html


def test_who_looked_lists_nothing_about_other_people_or_other_pages(carer, client_as):
    # The carers' page of someone they do not care for.
    _opened_carers_page(carer.other_practitioner, carer.other_person)
    # Other pages of the person they care for: the person's, not theirs.
    _opened_carers_page(carer.colleague, carer.person, target="aboutme.page")
    # A refused attempt showed nothing.
    audit_record(
        user=carer.other_manager,
        person_id=carer.person.pk,
        action=AuditAction.VIEW,
        target="carers.staff",
        outcome=AuditOutcome.DENIED,
    )
    html = client_as("supporter_user").get(WHO_LOOKED).content.decode()
    assert carer.other_practitioner.full_name not in html
    assert carer.colleague.full_name not in html
    assert carer.other_manager.full_name not in html
    assert "Nobody has looked" in html


def test_who_looked_lists_nothing_when_they_are_not_a_carer(council, client_as):
    _opened_carers_page(council.practitioner, council.person)
    html = client_as("supporter_user").get(WHO_LOOKED).content.decode()
    assert council.practitioner.full_name not in html


def test_the_copy_lists_who_looked(carer, client_as):
    _opened_carers_page(carer.practitioner, carer.person)
    data, _text = _json(client_as("supporter_user").post(DOWNLOAD))
    [look] = data["who_looked_at_what_you_told_us_about_caring"]
    assert (look["who"], look["role"], look["whose"]) == (
        carer.practitioner.full_name,
        "Practitioner",
        carer.person.name,
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_who_looked_queries_do_not_grow_with_the_events(carer, client_as):
    client = client_as("supporter_user")
    _opened_carers_page(carer.practitioner, carer.person, 10)
    few = _queries(client, WHO_LOOKED)
    _opened_carers_page(carer.colleague, carer.person, 50)
    assert _queries(client, WHO_LOOKED) == few


def test_who_looked_is_paged_fifty_newest_first(carer, client_as):
    _opened_carers_page(carer.colleague, carer.person, 10)
    _opened_carers_page(carer.practitioner, carer.person, 50)
    client = client_as("supporter_user")
    first = client.get(WHO_LOOKED).content.decode()
    assert len(re.findall(r"<time ", first)) == 50
    assert carer.colleague.full_name not in first  # the older ten are on page 2
    second = client.get(WHO_LOOKED + "?page=2").content.decode()
    assert len(re.findall(r"<time ", second)) == 10
    assert carer.colleague.full_name in second
