import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

import alongside
from alongside.aboutme.models import Voice
from alongside.aboutme.services import statement_add, statement_note_add, statement_revise
from alongside.core.audit import audit_record
from alongside.core.models import AuditAction, AuditEvent, AuditOutcome
from alongside.core.tests.test_anonymous_walk import ALL_PATTERNS
from alongside.heard.services import concern_raise
from alongside.needs.services import need_add
from alongside.outcomes.definitions import load_built_in
from alongside.outcomes.services import answer_record
from alongside.people.models import Shareable
from alongside.people.tests.factories import circle_member_create
from alongside.plans.services import goal_add, plan_start
from alongside.privacy.views import NEVER_SHARED
from alongside.privacy.who_looked import TARGET_WORDS
from alongside.threads.services import message_post


def _url(name, person):
    return reverse(f"privacy:{name}", kwargs={"person_id": person.pk})


def _record(person, author, *, words):
    """A statement (two versions and a note), a plan goal, a need: each containing ``words``."""
    statement = statement_add(
        person=person,
        section="what_matters",
        text=f"First go: {words}",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=author,
    )
    statement_revise(statement=statement, text=f"About me {words}", author=author, seen_version=1)
    statement_note_add(statement=statement, text=f"Note {words}", author=author)
    goal_add(
        plan=plan_start(person=person),
        text=f"Goal {words}",
        voice="practitioner_summary",
        author=author,
    )
    need_add(
        person=person,
        recorded_by=author,
        details={
            "outcome": "nutrition",
            "noted_on": date(2026, 3, 3),
            "persons_view": f"Need {words}",
        },
    )


@pytest.fixture
def records(council):
    _record(council.person, council.practitioner, words="Dennis gardens")
    _record(council.other_person, council.other_practitioner, words="SOMEONE ELSE")
    carer = circle_member_create(
        person=council.person, name="Carer Pat", is_unpaid_carer=True, phone="07700 900123"
    )
    need_add(
        person=council.person,
        carer=carer,
        recorded_by=council.practitioner,
        details={
            "outcome": "carer_recreation",
            "noted_on": date(2026, 3, 3),
            "persons_view": "CARER OWN NEED",
        },
    )
    return council


# Who has looked ---------------------------------------------------------------------------------


def test_who_looked_names_the_practitioner_their_role_and_what_in_plain_words(council, client_as):
    client_as("practitioner").get(reverse("aboutme:page", kwargs={"person_id": council.person.pk}))
    client_as("other_practitioner").get(
        reverse("aboutme:page", kwargs={"person_id": council.other_person.pk})
    )
    response = client_as("person_user").get(_url("who-looked", council.person))
    assert response.status_code == 200
    html = response.content.decode()
    assert council.practitioner.full_name in html
    assert "Practitioner" in html
    assert "your About me" in html
    # Another person's events, and the staff who only looked at them, are not listed.
    assert council.other_practitioner.full_name not in html


def test_who_looked_says_you_for_the_person_and_names_a_supporter(council, client_as):
    client_as("person_user").get(reverse("people:detail", kwargs={"person_id": council.person.pk}))
    client_as("supporter_user").get(
        reverse("people:detail", kwargs={"person_id": council.person.pk})
    )
    html = client_as("person_user").get(_url("who-looked", council.person)).content.decode()
    member = council.person.circle.get(account=council.supporter_user)
    assert member.name in html
    assert "You" in html
    assert "your summary and circle of support" in html


def test_who_looked_leaves_out_denied_attempts(council, client_as):
    client_as("other_practitioner").get(
        reverse("aboutme:page", kwargs={"person_id": council.person.pk})
    )
    assert AuditEvent.objects.filter(
        person_id=council.person.pk, outcome=AuditOutcome.DENIED
    ).exists()
    html = client_as("person_user").get(_url("who-looked", council.person)).content.decode()
    assert council.other_practitioner.full_name not in html


def test_opening_who_looked_is_itself_audited(council, client_as):
    client_as("person_user").get(_url("who-looked", council.person))
    event = AuditEvent.objects.about(council.person.pk).get(target="privacy.who_looked")
    assert (event.actor, event.action, event.outcome) == (
        council.person_user,
        AuditAction.VIEW,
        AuditOutcome.ALLOWED,
    )


def _events(council, n):
    for _ in range(n):
        audit_record(
            user=council.practitioner,
            person_id=council.person.pk,
            action=AuditAction.VIEW,
            target="plans.plan",
            outcome=AuditOutcome.ALLOWED,
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_who_looked_queries_do_not_grow_with_the_events(council, client_as):
    client = client_as("person_user")
    url = _url("who-looked", council.person)
    _events(council, 10)
    few = _queries(client, url)
    _events(council, 50)
    assert _queries(client, url) == few


def test_who_looked_is_paged_fifty_newest_first(council, client_as):
    _events(council, 60)
    client = client_as("person_user")
    first = client.get(_url("who-looked", council.person)).content.decode()
    # Newest first: this page's own opening is at the top.
    assert first.index("who has looked at your record") < first.index("your plan")
    assert len(re.findall(r"<time ", first)) == 50
    second = client.get(_url("who-looked", council.person) + "?page=2").content.decode()
    # 60 + this page opened twice = 62: 12 on the second page.
    assert len(re.findall(r"<time ", second)) == 12


def test_every_audit_target_in_the_code_has_plain_words():
    package = Path(alongside.__file__).parent
    targets = {
        target
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        for target in re.findall(r'(?:target=|TARGET = )"([a-z_]+\.[a-z_]+)"', path.read_text())
    }
    targets |= {
        route.callback.audit_target
        for route in ALL_PATTERNS.values()
        if getattr(route.callback, "audit_target", None)
    }
    assert targets - set(TARGET_WORDS) == set()


# Who may open the pages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "who-looked", "download"])
@pytest.mark.parametrize(
    ("member", "own", "other"),
    [
        ("person_user", 200, 404),
        ("supporter_user", 404, 404),
        ("other_practitioner", 404, None),
        ("other_manager", 404, None),
        ("lead", 404, 404),
        ("administrator", 404, 404),
    ],
)
def test_who_may_open(council, client_as, name, member, own, other):
    client = client_as(member)
    assert client.get(_url(name, council.person)).status_code == own
    if other is not None:
        assert client.get(_url(name, council.other_person)).status_code == other


@pytest.mark.parametrize("member", ["practitioner", "colleague", "manager"])
def test_staff_of_the_team_help_with_the_pages_but_cannot_download(council, client_as, member):
    client = client_as(member)
    assert client.get(_url("home", council.person)).status_code == 200
    assert client.get(_url("who-looked", council.person)).status_code == 200
    assert client.get(_url("download", council.person)).status_code == 403
    assert client.post(_url("download", council.person)).status_code == 403


def test_a_supporter_gets_404_even_with_everything_shared(council, client_as):
    member = council.person.circle.get(account=council.supporter_user)
    member.shared_sections = list(Shareable.values)
    member.save()
    assert NEVER_SHARED not in Shareable.values
    for name in ("home", "who-looked", "download"):
        assert client_as("supporter_user").get(_url(name, council.person)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(council, client):
    for name in ("home", "who-looked", "download"):
        response = client.get(_url(name, council.person))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# My privacy ------------------------------------------------------------------------------------


def test_privacy_page_shows_each_supporter_what_they_see_and_links(council, client_as):
    member = council.person.circle.get(account=council.supporter_user)
    html = client_as("person_user").get(_url("home", council.person)).content.decode()
    assert member.name in html
    assert "My circle of support" in html  # the one part shared with them
    assert reverse("people:circle-sharing", args=[council.person.pk, member.pk]) in html
    assert _url("who-looked", council.person) in html
    assert _url("download", council.person) in html


def test_staff_see_the_privacy_page_without_links_only_the_person_may_use(council, client_as):
    member = council.person.circle.get(account=council.supporter_user)
    html = client_as("practitioner").get(_url("home", council.person)).content.decode()
    assert reverse("people:circle-sharing", args=[council.person.pk, member.pk]) not in html
    assert _url("download", council.person) not in html


# The download ----------------------------------------------------------------------------------


@pytest.fixture
def download(records, client_as):
    client = client_as("person_user")
    assert client.get(_url("download", records.person)).status_code == 200
    response = client.post(_url("download", records.person))
    assert response.status_code == 200
    return response


def test_download_is_a_zip_of_the_json_and_the_pdf(download):
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="my-information.zip"'
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert sorted(archive.namelist()) == ["my-information.json", "my-information.pdf"]


def _json(download) -> tuple[dict, str]:
    text = zipfile.ZipFile(io.BytesIO(download.content)).read("my-information.json").decode()
    return json.loads(text), text


def test_the_json_has_the_persons_record_and_nobody_elses(records, download):
    data, text = _json(download)
    assert data["details"]["last_name"] == records.person.family_name
    statement = data["about_me"][0]
    assert statement["text"] == "About me Dennis gardens"
    assert [v["text"] for v in statement["versions"]] == [
        "First go: Dennis gardens",
        "About me Dennis gardens",
    ]
    assert statement["notes"][0]["text"] == "Note Dennis gardens"
    assert data["plans"][0]["goals"][0]["text"] == "Goal Dennis gardens"
    assert [n["your_view"] for n in data["needs"]] == ["Need Dennis gardens"]
    assert "Carer Pat" in [m["name"] for m in data["circle_of_support"]]
    # Nobody else's record, no carer's own need, no third party's contact details.
    assert "SOMEONE ELSE" not in text
    assert records.other_person.family_name not in text
    assert "CARER OWN NEED" not in text
    assert "07700 900123" not in text
    # No staff e-mail addresses or ids.
    assert records.practitioner.email not in text
    assert records.practitioner.full_name in text


def test_the_json_lists_who_looked(records, download):
    data, _text = _json(download)
    assert any(look["what"] == "a copy of your information" for look in data["who_looked"])


def test_the_pdf_has_the_persons_name_and_their_statement(records, download):
    pdf = zipfile.ZipFile(io.BytesIO(download.content)).read("my-information.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert records.person.name in text
    assert "About me Dennis gardens" in text
    assert "SOMEONE ELSE" not in text


def test_downloading_is_audited_as_an_export(records, download):
    events = AuditEvent.objects.about(records.person.pk).filter(target="privacy.download")
    assert [(e.action, e.outcome, e.actor) for e in events.order_by("id")] == [
        (AuditAction.VIEW, AuditOutcome.ALLOWED, records.person_user),
        (AuditAction.EXPORT, AuditOutcome.ALLOWED, records.person_user),
    ]


def test_the_copy_has_the_thread_and_the_persons_own_concerns_not_a_supporters(council, client_as):
    member = council.person.circle.get()
    member.shared_sections = [Shareable.CIRCLE, Shareable.MESSAGES]
    member.save()
    message_post(
        person=council.person,
        author=council.person_user,
        body="Can we meet Tuesday?",
        thread_url="/m",
    )
    message_post(
        person=council.person,
        author=council.practitioner,
        body="Tuesday at 10 is fine.",
        thread_url="/m",
    )
    concern_raise(person=council.person, user=council.person_user, words="Nobody rang me back.")
    concern_raise(person=council.person, user=council.supporter_user, words="SUPPORTER WORDS")
    client = client_as("person_user")
    response = client.post(_url("download", council.person))
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(response.content)).read("my-information.json").decode()
    )
    assert [m["message"] for m in data["messages"]] == [
        "Can we meet Tuesday?",
        "Tuesday at 10 is fine.",
    ]
    assert data["messages"][0]["from"] == "You"
    assert data["messages"][1]["from"] == {
        "name": council.practitioner.full_name,
        "role": "Social worker",
    }
    assert [c["what_you_said"] for c in data["not_listened_to"]] == ["Nobody rang me back."]
    assert "SUPPORTER WORDS" not in json.dumps(data)


def test_who_looked_leaves_out_a_carers_own_pages(council, client_as):
    audit_record(
        user=council.supporter_user,
        person_id=council.person.pk,
        action=AuditAction.VIEW,
        target="carers.view",
        outcome=AuditOutcome.ALLOWED,
    )
    html = client_as("person_user").get(_url("who-looked", council.person)).content.decode()
    assert "their own page about caring" not in html


def test_the_copy_has_their_outcome_answers(council, client_as):
    (ons4, _), _ucla = load_built_in()
    answer_record(
        person=council.person,
        version=ons4,
        answers={"life_satisfaction": 7},
        by=council.person_user,
        how="self",
    )
    response = client_as("person_user").post(_url("download", council.person))
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(response.content)).read("my-information.json").decode()
    )
    assert [(a["measure"], a["answers"]) for a in data["how_it_is_going"]] == [
        ("ONS4 personal wellbeing", {"life_satisfaction": 7})
    ]
