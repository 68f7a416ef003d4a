"""The person's copy of an agreed version: printable page, PDF and Easy Read."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from alongside.people.models import Shareable
from alongside.plans.copy import person_copy_for
from alongside.plans.models import Agreement, Plan, PlanStatus
from alongside.plans.services import (
    action_add,
    contingency_save,
    goal_add,
    goal_change,
    idea_add,
    plan_agree,
    plan_start,
)

BIKE = "Get out on the bike with Maggie again"
CLUB = "See the lads at the club on Fridays"


def _idea(plan, council, **details):
    return idea_add(
        plan=plan,
        details={
            "kind": "one_off",
            "suggested_by_circle": True,
            "suggested_by_name": "Dennis",
            "funding": "direct_payment",
            **details,
        },
        added_by=council.practitioner,
    )


def _agreement(plan, council, **fields):
    defaults = {
        "decision": "agree",
        "recorded_by": council.practitioner,
        "plan_revision": plan.revision,
    }
    return Agreement.objects.create(plan=plan, **{**defaults, **fields})


@pytest.fixture
def agreed(council):
    """Version 1 of Dennis's plan, agreed by Dennis (in person), Maggie and the practitioner."""
    person = council.person
    person.preferred_name = "Dennis"
    person.save()
    maggie = person.circle.get()
    maggie.name = "Maggie"
    maggie.save()
    council.practitioner.full_name = "Priya Shah"
    council.practitioner.save()
    plan = plan_start(person=person)
    bike = goal_add(plan=plan, text=BIKE, voice="own_words", author=council.person_user)
    club = goal_add(plan=plan, text=CLUB, voice="own_words", author=council.person_user)
    _idea(plan, council, goal=bike, title="Sidecar outfit", one_off_pence=240_000, chosen=True)
    _idea(
        plan,
        council,
        goal=bike,
        title="Minibus day trips",
        suggested_by_circle=False,
        suggested_by_name="Priya Shah",
        one_off_pence=5_000,
    )
    _idea(
        plan,
        council,
        goal=club,
        title="Riders' club membership",
        kind="community",
        suggested_by_name="Maggie",
        suggested_by_member=maggie,
        rate_pence=3_000,
        unit="month",
        units_per_week=Decimal(1),
        funding="own_money",
        chosen=True,
    )
    _idea(
        plan,
        council,
        title="Day centre, two days a week",
        kind="commissioned",
        suggested_by_circle=False,
        suggested_by_name="Priya Shah",
        rate_pence=6_500,
        unit="day",
        units_per_week=Decimal(2),
        funding="commissioned",
        is_traditional=True,
    )
    action_add(
        plan=plan,
        details={
            "text": "Find a sidecar dealer",
            "owner_kind": "supporter",
            "owner_name": "Maggie",
            "due_on": date(2026, 6, 1),
        },
        added_by=council.practitioner,
    )
    plan.refresh_from_db()
    contingency_save(
        plan=plan,
        seen_revision=plan.revision,
        warning_signs="Dennis stops answering the phone",
        what_to_do="Maggie pops round",
        who_to_call="The duty team",
    )
    plan.refresh_from_db()
    # Maggie's first thought was on an earlier revision, and no longer counts.
    _agreement(
        plan,
        council,
        party="supporter",
        circle_member=maggie,
        name="Maggie",
        words="An old worry",
        plan_revision=plan.revision - 1,
        recorded_by=council.supporter_user,
    )
    _agreement(
        plan,
        council,
        party="person",
        name="Dennis",
        decision="disagree",
        words="A changed mind",
        given_in_person=True,
    )
    _agreement(
        plan,
        council,
        party="person",
        name="Dennis",
        words="I can't wait to ride out again",
        given_in_person=True,
    )
    _agreement(
        plan,
        council,
        party="supporter",
        circle_member=maggie,
        name="Maggie",
        decision="reservations",
        words="Insurance will cost more than we think",
        recorded_by=council.supporter_user,
    )
    _agreement(plan, council, party="practitioner", name="Priya Shah", words="A good plan")
    return plan_agree(
        plan=plan,
        seen_revision=plan.revision,
        by=council.practitioner,
        practitioner_name="Priya Shah",
    )


def _url(name, council, number=1):
    return reverse(f"plans:{name}", args=[council.person.pk, number])


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_copy_is_built_in_a_constant_number_of_queries(
    council, agreed, django_assert_num_queries
):
    # The plan, its goals, ideas and actions; and for who agreed (as the plan page works it
    # out): the plan rules, the decisions with who recorded them, the person's checks of them,
    # and the circle. One query per table, none per row.
    with django_assert_num_queries(8):
        copy = person_copy_for(council.person, 1)
    assert [g.text for g in copy.goals] == [BIKE, CLUB]
    assert [[i.title for i in g.ideas] for g in copy.goals] == [
        ["Sidecar outfit"],
        ["Riders' club membership"],
    ]
    assert [(a.name, a.decision, a.words, a.told_to) for a in copy.agreements] == [
        ("Dennis", "agree", "I can't wait to ride out again", "Priya Shah"),
        ("Maggie", "reservations", "Insurance will cost more than we think", ""),
        ("Priya Shah", "agree", "A good plan", ""),
    ]


def test_the_printable_copy_puts_the_persons_words_first(council, agreed, client_as):
    response = client_as("person_user").get(_url("copy", council))
    html = response.content.decode()
    assert response.status_code == 200
    assert "My support plan" in html
    assert '<p class="pc-name">Dennis</p>' in html
    assert "<dd>1</dd>" in html
    assert f"“{BIKE}”" in html
    assert html.index(BIKE) < html.index(CLUB)
    assert "Sidecar outfit" in html
    assert "£2,400 one-off" in html
    assert "Who pays: My personal budget (a direct payment)." in html
    assert "Who pays: My own money." in html
    assert "Minibus day trips" not in html  # not chosen
    assert "Day centre, two days a week" not in html  # the traditional package is compared only
    assert "<td>Find a sidecar dealer</td><td>Maggie</td><td>1 June 2026</td>" in html
    assert "Dennis stops answering the phone" in html
    assert "Maggie pops round" in html
    assert "The duty team" in html
    assert "£2,760 a year (£53.08 a week)" in html
    assert "£6,760 a year (£130 a week)" in html
    assert "This plan costs £4,000 less a year than the traditional package" in html
    assert "2 of 3 ideas came from Dennis and their circle" in html
    assert "<strong>Dennis</strong>: Agree (told to Priya Shah in person)" in html
    assert "<strong>Maggie</strong>: Agree, with reservations</p>" in html
    assert "“Insurance will cost more than we think”" in html
    assert "An old worry" not in html
    assert "A changed mind" not in html
    assert "@media print" in html


def test_the_pdf_is_a_pdf_of_the_copy(council, agreed, client_as):
    response = client_as("practitioner").get(_url("copy-pdf", council))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="support-plan-version-1.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response)
    assert "My support plan" in text
    assert "Dennis" in text
    assert BIKE in text
    assert CLUB in text
    assert "I can't wait to ride out again" in text
    assert "Insurance will cost more than we think" in text
    assert "told to Priya Shah in person" in text
    assert "This plan costs £4,000 less a year than the traditional package" in text
    assert "Family" not in response["Content-Disposition"]


def test_the_easy_read_copy(council, agreed, client_as):
    client = client_as("person_user")
    html = client.get(_url("easy-read", council)).content.decode()
    for heading in ("What I want", "Who will help", "If things go wrong", "Who said yes"):
        assert f"<h2>{heading}</h2>" in html
    assert '<span class="er-picture" aria-hidden="true"></span>' in html
    assert "This is my plan. It is version 1." in html
    assert "My plan costs £2,760 a year." in html
    assert "That is £4,000 a year less than the usual care services." in html
    assert "<strong>Dennis:</strong> Yes, I agree." in html
    assert "<strong>Maggie:</strong> Yes, but I have some worries." in html
    assert "They told Priya Shah in person." in html

    response = client.get(_url("easy-read-pdf", council))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="easy-read-plan-version-1.pdf"'
    text = _pdf_text(response)
    assert "Dennis" in text
    assert BIKE in text
    assert "Who said yes" in text
    assert "I can't wait to ride out again" in text


@pytest.mark.parametrize("name", ["copy", "copy-pdf", "easy-read", "easy-read-pdf"])
def test_a_draft_or_an_unknown_version_has_no_copy(council, agreed, client_as, name):
    assert plan_start(person=council.person).number == 2  # the next version, as a draft
    client = client_as("practitioner")
    assert client.get(_url(name, council, 2)).status_code == 404
    assert client.get(_url(name, council, 99)).status_code == 404
    assert client.get(_url(name, council, 1)).status_code == 200


def test_only_those_who_may_see_the_plan_get_a_copy(council, agreed, client_as):
    url = _url("copy-pdf", council)
    assert client_as("other_practitioner").get(url).status_code == 404
    assert client_as("supporter_user").get(url).status_code == 404  # the plan is not shared
    maggie = council.person.circle.get()
    maggie.shared_sections = [Shareable.CIRCLE, Shareable.PLAN]
    maggie.save()
    assert client_as("supporter_user").get(url).status_code == 200
    assert client_as("supporter_user").get(_url("easy-read", council)).status_code == 200
    assert client_as("practitioner").post(_url("copy", council)).status_code == 405


def test_the_copy_of_an_agreed_version_never_changes(council, agreed, client_as):
    client = client_as("practitioner")
    before = _pdf_text(client.get(_url("copy-pdf", council)))
    draft = plan_start(person=council.person)
    goal = draft.goals.get(text=BIKE)
    goal_change(
        goal=goal,
        seen_revision=goal.revision,
        text="Ride to the coast in the sidecar",
        author=council.person_user,
    )
    draft.refresh_from_db()
    contingency_save(
        plan=draft,
        seen_revision=draft.revision,
        warning_signs="Something new",
        what_to_do="",
        who_to_call="",
    )
    assert Plan.objects.get(number=1).status == PlanStatus.AGREED
    after = _pdf_text(client.get(_url("copy-pdf", council)))
    assert after == before
    assert BIKE in after
    assert "Ride to the coast in the sidecar" not in after
    assert "Something new" not in after
    html = client.get(_url("copy", council)).content.decode()
    assert "Ride to the coast in the sidecar" not in html
