from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from alongside.aboutme.services import ProvenanceError
from alongside.conversations.services import conversation_start
from alongside.plans.models import Idea, Plan, PlanStatus, UnitCost
from alongside.plans.services import PlanLocked, goal_add, idea_add, plan_start


@pytest.fixture
def plan(council):
    return plan_start(person=council.person)


def _idea(client, council, **fields):
    data = {
        "title": "Sidecar outfit",
        "kind": "one_off",
        "suggested_by": "person",
        "funding": "direct_payment",
        "unit": "one_off",
        "one_off": "2400",
        **fields,
    }
    return client.post(reverse("plans:idea-add", args=[council.person.pk]), data)


def test_a_practitioner_starts_one_draft_at_a_time(council, client_as):
    client = client_as("practitioner")
    url = reverse("plans:start", args=[council.person.pk])
    client.post(url)
    client.post(url)
    assert Plan.objects.get().number == 1
    assert (
        "Plan, version 1"
        in client.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    )


def test_goals_follow_the_provenance_rules(council, plan):
    with pytest.raises(ProvenanceError):
        goal_add(plan=plan, text="Ride again", voice="own_words", author=council.practitioner)
    conversation = conversation_start(
        person=council.person,
        practitioner=council.practitioner,
        supporters=[],
        details={"held_on": date(2026, 3, 3), "place": "home", "kind": "what_matters"},
    )
    goal = goal_add(
        plan=plan,
        text="Ride again",
        voice="own_words",
        author=council.practitioner,
        conversation=conversation,
    )
    own = goal_add(
        plan=plan, text="See the lads at the club", voice="own_words", author=council.person_user
    )
    assert (goal.position, own.position) == (1, 2)


def test_the_person_adds_a_goal_in_their_own_words(council, plan, client_as):
    client = client_as("person_user")
    response = client.post(
        reverse("plans:goal-add", args=[council.person.pk]), {"text": "Get out on the bike again"}
    )
    assert response.status_code == 302
    html = client.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    assert "“Get out on the bike again”" in html


def test_ideas_costs_and_the_honest_comparison(council, plan, client_as):
    goal = goal_add(
        plan=plan, text="Get out on the bike again", voice="own_words", author=council.person_user
    )
    day_centre = UnitCost.objects.create(
        name="Day centre place",
        unit="day",
        amount_pence=6500,
        source="Test",
        effective_from=date(2026, 4, 1),
    )
    client = client_as("practitioner")
    assert _idea(client, council, goal=goal.pk, chosen="on", person_likes="on").status_code == 302
    assert (
        _idea(
            client,
            council,
            goal=goal.pk,
            title="Riders' club",
            kind="community",
            suggested_by=f"circle-{council.person.circle.get().pk}",
            one_off="",
            unit="month",
            rate="30",
            units_per_week="1",
            funding="own_money",
            chosen="on",
        ).status_code
        == 302
    )
    assert (
        _idea(
            client,
            council,
            title="Day centre, two days a week",
            kind="commissioned",
            suggested_by="staff",
            is_traditional="on",
            one_off="",
            unit="day",
            unit_cost=day_centre.pk,
            units_per_week="2",
            funding="commissioned",
        ).status_code
        == 302
    )
    traditional = Idea.objects.get(is_traditional=True)
    assert (traditional.rate_pence, traditional.unit, traditional.units_per_week) == (
        6500,
        "day",
        Decimal("2.00"),
    )
    html = client.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    assert "£2,760 a year (£53.08 a week)" in html
    assert "£6,760 a year (£130 a week)" in html
    assert "This plan costs £4,000 less a year than the traditional package" in html
    assert "2 of 2 ideas came from" in html  # the traditional package is not counted
    assert "£65 a day, 2 a week" in html


def test_an_unknown_rate_is_not_known_never_nothing(council, plan, client_as):
    goal = goal_add(plan=plan, text="Company", voice="own_words", author=council.person_user)
    client = client_as("practitioner")
    _idea(
        client,
        council,
        goal=goal.pk,
        title="Befriender",
        one_off="",
        unit="hour",
        units_per_week="2",
        chosen="on",
    )
    html = client.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    assert "cost not known" in html
    assert "At least: 1 cost is not known yet" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"goal": ""}, "Choose the goal this idea is for"),
        ({"unit": "hour", "units_per_week": ""}, "Enter how many a week, like 2"),
        ({"unit": "hour", "units_per_week": "200"}, "enter 168 or fewer"),
        ({"one_off": "-50"}, "cannot be less than £0"),
        ({"one_off": "99999999"}, "must be £1,000,000 or less"),
        ({"title": ""}, "Enter the idea"),
    ],
)
def test_bad_ideas_say_what_to_fix(council, plan, client_as, fields, message):
    goal = goal_add(plan=plan, text="Ride again", voice="own_words", author=council.person_user)
    response = _idea(client_as("practitioner"), council, **{"goal": goal.pk, **fields})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Idea.objects.exists()


def test_an_agreed_version_never_changes(council, plan, client_as):
    goal = goal_add(plan=plan, text="Ride again", voice="own_words", author=council.person_user)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.AGREED)
    plan.refresh_from_db()
    with pytest.raises(PlanLocked):
        goal_add(plan=plan, text="More", voice="own_words", author=council.person_user)
    with pytest.raises(PlanLocked):
        idea_add(
            plan=plan,
            details={
                "title": "x",
                "kind": "own",
                "suggested_by_name": "x",
                "funding": "free",
                "goal": goal,
            },
            added_by=council.practitioner,
        )
    assert (
        client_as("practitioner")
        .get(reverse("plans:goal-add", args=[council.person.pk]))
        .status_code
        == 404
    )
