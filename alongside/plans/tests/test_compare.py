"""Every version of a plan listed, and any two compared in words."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.people.models import Shareable
from alongside.plans.compare import Change, plan_differences
from alongside.plans.models import Action, Goal, Idea, Plan, PlanStatus
from alongside.plans.services import (
    action_add,
    action_change,
    contingency_save,
    goal_add,
    goal_change,
    goal_move,
    idea_add,
    idea_change,
    idea_like,
    plan_start,
)

BIKE = "Get out on the bike again"
CLUB = "See the lads at the club"


def _idea(plan, by, goal=None, **details):
    return idea_add(
        plan=plan,
        details={
            "goal": goal,
            "kind": "one_off",
            "suggested_by_name": "Dennis",
            "suggested_by_circle": True,
            "funding": "direct_payment",
            **details,
        },
        added_by=by,
    )


def _freeze(plan: Plan) -> None:
    """Agreed, as plan_agree would leave it (the agreement itself is tested elsewhere)."""
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.AGREED, agreed_at="2026-04-01T10:00Z")


def _fresh(plan: Plan) -> Plan:
    return Plan.objects.get(pk=plan.pk)


def _first_version(council) -> Plan:
    """Dennis's first plan: two goals, two chosen ideas (£2,760 over 12 months), the day centre
    as the traditional package, an action and what to do if things go wrong. Agreed."""
    plan = plan_start(person=council.person)
    by = council.practitioner
    bike = goal_add(plan=plan, text=BIKE, voice="own_words", author=council.person_user)
    club = goal_add(plan=plan, text=CLUB, voice="own_words", author=council.person_user)
    _idea(plan, by, bike, title="Sidecar outfit", one_off_pence=240_000, chosen=True)
    _idea(
        plan,
        by,
        club,
        title="Riders' club",
        kind="community",
        unit="month",
        rate_pence=3000,
        units_per_week=1,
        funding="own_money",
        chosen=True,
    )
    _idea(plan, by, club, title="Lifts from Maggie", kind="family_friends", funding="free")
    _idea(
        plan,
        by,
        title="Day centre, two days a week",
        kind="commissioned",
        unit="day",
        rate_pence=6500,
        units_per_week=2,
        funding="commissioned",
        is_traditional=True,
        suggested_by_circle=False,
    )
    action_add(
        plan=plan,
        details={
            "text": "Ring the riders' club",
            "owner_kind": "supporter",
            "owner_name": "Maggie",
            "due_on": date(2026, 5, 1),
            "goal": club,
        },
        added_by=by,
    )
    contingency_save(
        plan=plan,
        seen_revision=_fresh(plan).revision,
        warning_signs="Stops going out",
        what_to_do="Ring Maggie",
        who_to_call="",
    )
    _freeze(plan)
    return _fresh(plan)


def _next_version(council) -> Plan:
    return plan_start(person=council.person)


def _goal(plan: Plan, text: str) -> Goal:
    return plan.goals.get(text=text)


def _idea_in(plan: Plan, title: str) -> Idea:
    return plan.ideas.get(title=title)


def _differences(older: Plan, newer: Plan) -> list[Change]:
    return plan_differences(_fresh(older), _fresh(newer))


def _words(changes: list[Change]) -> list[str]:
    return [c.words for c in changes]


# The comparison, in words -----------------------------------------------------------------------


def test_a_new_version_copied_from_the_last_has_no_changes(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    assert v2.number == 2
    assert _differences(v1, v2) == [Change("", "No changes")]


def test_goals_added_removed_reworded_and_reordered(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    goal_change(
        goal=_goal(v2, BIKE),
        seen_revision=1,
        text="Ride out with Maggie in the sidecar",
        author=council.person_user,
    )
    goal_move(goal=_goal(v2, CLUB), up=True)
    goal_add(plan=v2, text="Sleep better", voice="own_words", author=council.person_user)
    assert _differences(v1, v2) == [
        Change("Goals", "Goal added: “Sleep better”"),
        Change("Goals", f"Goal reworded: “{BIKE}” → “Ride out with Maggie in the sidecar”"),
        Change(
            "Goals",
            f"Goals in a new order of importance: “{CLUB}”, then “Ride out with Maggie in the "
            "sidecar”, then “Sleep better”",
        ),
    ]


def test_a_goal_removed_is_said(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    Goal.objects.filter(plan=v2, text=CLUB).delete()  # its ideas go with it
    assert _words(_differences(v1, v2)) == [
        f"Goal removed: “{CLUB}”",
        "Idea removed: “Riders' club”",
        "Idea removed: “Lifts from Maggie”",
        "12-month cost: £2,760 → £2,400",
    ]


def test_ideas_chosen_liked_costed_added_and_removed(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    name = council.person.preferred_name or council.person.given_name
    lifts = _idea_in(v2, "Lifts from Maggie")
    idea_change(idea=lifts, seen_revision=1, details={"chosen": True})
    idea_like(idea=lifts, likes=True)
    idea_change(idea=_idea_in(v2, "Sidecar outfit"), seen_revision=1, details={"chosen": False})
    idea_change(idea=_idea_in(v2, "Riders' club"), seen_revision=1, details={"rate_pence": 3500})
    _idea(
        v2,
        council.practitioner,
        _goal(v2, BIKE),
        title="Second-hand sidecar",
        one_off_pence=90_000,
        chosen=True,
    )
    assert _differences(v1, v2) == [
        Change("Ideas", "Idea added and chosen: “Second-hand sidecar” (£900 one-off)"),
        Change("Ideas", "Idea no longer chosen: “Sidecar outfit”"),
        Change("Ideas", "Idea cost changed: “Riders' club”, £30 a month → £35 a month"),
        Change("Ideas", "Idea chosen: “Lifts from Maggie”"),
        Change("Ideas", f"Idea liked by {name}: “Lifts from Maggie”"),
        Change("Cost", "12-month cost: £2,760 → £1,320"),
    ]
    Idea.objects.filter(plan=v2, title="Lifts from Maggie").delete()
    assert "Idea removed: “Lifts from Maggie”" in _words(_differences(v1, v2))


def test_the_traditional_package_and_the_twelve_month_cost(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    idea_change(
        idea=_idea_in(v2, "Day centre, two days a week"),
        seen_revision=1,
        details={"rate_pence": 7000},
    )
    idea_change(
        idea=_idea_in(v2, "Sidecar outfit"), seen_revision=1, details={"one_off_pence": 264_000}
    )
    _idea(v2, council.practitioner, title="Home care", is_traditional=True, one_off_pence=0)
    assert _differences(v1, v2) == [
        Change("Ideas", "Idea cost changed: “Sidecar outfit”, £2,400 one-off → £2,640 one-off"),
        Change("Traditional package", "Added to the traditional package: “Home care” (Free)"),
        Change(
            "Traditional package",
            "Traditional package cost changed: “Day centre, two days a week”, "
            "£65 a day, 2 a week → £70 a day, 2 a week",
        ),
        Change("Cost", "12-month cost: £2,760 → £3,000"),
    ]


def test_actions_added_removed_and_changed(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    ring = v2.actions.get()
    action_change(
        action=ring,
        seen_revision=1,
        details={"owner_kind": "person", "owner_name": "Dennis"},
        by=council.practitioner,
    )
    action_change(action=ring, seen_revision=2, details={"due_on": None}, by=council.practitioner)
    action_change(action=ring, seen_revision=3, details={"status": "done"}, by=council.practitioner)
    action_add(
        plan=v2,
        details={"text": "Find a sidecar", "owner_kind": "practitioner", "owner_name": ""},
        added_by=council.practitioner,
    )
    assert _words(_differences(v1, v2)) == [
        "Action added: “Find a sidecar” (The practitioner)",
        "Who does it changed: “Ring the riders' club”, Maggie → Dennis",
        "Date changed: “Ring the riders' club”, 1 May 2026 → no date",
        "Progress changed: “Ring the riders' club”, Not started → Done",
    ]
    Action.objects.filter(plan=v2).delete()
    assert _words(_differences(v1, v2)) == ["Action removed: “Ring the riders' club”"]


def test_what_to_do_if_things_go_wrong(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    contingency_save(
        plan=v2,
        seen_revision=_fresh(v2).revision,
        warning_signs="Stops going out",
        what_to_do="",
        who_to_call="Maggie, 07700 900123",
    )
    assert _differences(v1, v2) == [
        Change("If things go wrong", "What to do removed (was “Ring Maggie”)"),
        Change("If things go wrong", "Who to call added: “Maggie, 07700 900123”"),
    ]
    v2.refresh_from_db()
    contingency_save(
        plan=v2,
        seen_revision=v2.revision,
        warning_signs="Stops answering the phone",
        what_to_do="",
        who_to_call="",
    )
    assert _words(_differences(v1, v2))[0] == (
        "Warning signs changed: “Stops going out” → “Stops answering the phone”"
    )


def test_versions_further_apart_are_matched_through_the_versions_between(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    goal_change(
        goal=_goal(v2, BIKE), seen_revision=1, text="Ride again", author=council.person_user
    )
    _freeze(v2)
    v3 = _next_version(council)
    goal_change(
        goal=_goal(v3, "Ride again"),
        seen_revision=1,
        text="Ride to the coast",
        author=council.person_user,
    )
    expected = [Change("Goals", f"Goal reworded: “{BIKE}” → “Ride to the coast”")]
    assert _differences(v1, v3) == expected
    assert _differences(v3, v1) == expected  # always told from the earlier version


def test_rows_with_no_copy_link_are_matched_by_their_words(council):
    v1 = _first_version(council)
    v2 = _next_version(council)
    for model in (Goal, Idea, Action):
        model.objects.filter(plan=v2).update(copied_from=None)
    assert _words(_differences(v1, v2)) == ["No changes"]


def _many(plan: Plan, council, count: int) -> None:
    for n in range(count):
        goal = goal_add(
            plan=plan,
            text=f"Goal {n}",
            voice="practitioner_summary",
            author=council.other_practitioner,
        )
        _idea(plan, council.other_practitioner, goal, title=f"Idea {n}", chosen=True)
        action_add(
            plan=plan,
            details={"text": f"Action {n}", "owner_kind": "person", "owner_name": "Them"},
            added_by=council.other_practitioner,
        )


def _queries(older: Plan, newer: Plan) -> int:
    older, newer = _fresh(older), _fresh(newer)
    with CaptureQueriesContext(connection) as queries:
        plan_differences(older, newer)
    return len(queries)


def test_the_comparison_takes_the_same_number_of_queries_however_big_the_plan(council):
    small = _first_version(council)
    small_next = _next_version(council)
    _freeze(small_next)
    small_third = _next_version(council)
    big = plan_start(person=council.other_person)
    _many(big, council, 8)
    _freeze(big)
    big_next = plan_start(person=council.other_person)
    _many(big_next, council, 5)
    _freeze(big_next)
    big_third = plan_start(person=council.other_person)
    assert _queries(small, small_next) == _queries(big, big_next)
    assert _queries(small, small_third) == _queries(big, big_third)


# The pages --------------------------------------------------------------------------------------


def _versions_url(council) -> str:
    return reverse("plans:versions", args=[council.person.pk])


def _compare_url(council, **query) -> str:
    url = reverse("plans:compare", args=[council.person.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_a_practitioner_sees_every_version_and_what_changed(council, client_as):
    v1 = _first_version(council)
    v2 = _next_version(council)
    goal_change(
        goal=_goal(v2, BIKE), seen_revision=1, text="Ride again", author=council.person_user
    )
    client = client_as("practitioner")
    html = client.get(_versions_url(council)).content.decode()
    assert "Versions of the plan" in html
    assert reverse("plans:version", args=[council.person.pk, 1]) in html
    assert reverse("plans:version", args=[council.person.pk, 2]) in html
    assert "Agreed" in html and "Draft" in html
    assert "1 April 2026" in html  # when version 1 was agreed
    assert 'name="from"' in html and 'name="to"' in html
    response = client.get(_compare_url(council, **{"from": 2, "to": 1}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "What changed from version 1 to version 2" in html
    assert f"Goal reworded: “{BIKE}” → “Ride again”" in html
    assert v1.number == 1


def test_the_person_sees_no_changes_said_plainly(council, client_as):
    _first_version(council)
    _next_version(council)
    html = client_as("person_user").get(_compare_url(council, **{"from": 1, "to": 2}))
    assert "No changes" in html.content.decode()


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        ({}, ["Choose the version to compare from", "Choose the version to compare with"]),
        ({"from": "1"}, ["Choose the version to compare with"]),
        ({"from": "one", "to": "2"}, ["Choose a version from the list, by its number"]),
        ({"from": "1", "to": "9"}, ["There is no version 9"]),
        ({"from": "2", "to": "2"}, ["Choose two different versions to compare"]),
    ],
)
def test_bad_choices_say_what_to_fix(council, client_as, query, messages):
    _first_version(council)
    _next_version(council)
    response = client_as("practitioner").get(_compare_url(council, **query))
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Versions of the plan" in html
    for message in messages:
        assert message in html


def test_with_one_version_there_is_nothing_to_compare(council, client_as):
    _first_version(council)
    client = client_as("practitioner")
    html = client.get(_versions_url(council)).content.decode()
    assert "nothing to compare yet" in html
    response = client.get(_compare_url(council, **{"from": 1, "to": 2}))
    assert response.status_code == 200
    assert "nothing to compare yet" in response.content.decode()


def test_a_supporter_sees_versions_only_if_the_plan_is_shared(council, client_as):
    _first_version(council)
    _next_version(council)
    client = client_as("supporter_user")
    assert client.get(_versions_url(council)).status_code == 404
    assert client.get(_compare_url(council, **{"from": 1, "to": 2})).status_code == 404
    member = council.person.circle.get()
    member.shared_sections = [Shareable.CIRCLE, Shareable.PLAN]
    member.save()
    assert client.get(_versions_url(council)).status_code == 200
    assert client.get(_compare_url(council, **{"from": 1, "to": 2})).status_code == 200


def test_staff_elsewhere_get_not_found_and_nothing_changes_a_plan(council, client_as):
    _first_version(council)
    assert client_as("other_practitioner").get(_versions_url(council)).status_code == 404
    assert client_as("practitioner").post(_versions_url(council)).status_code == 405


def test_the_compare_page_makes_a_fixed_number_of_queries(council, client_as):
    _first_version(council)
    v2 = _next_version(council)
    client = client_as("practitioner")
    url = _compare_url(council, **{"from": 1, "to": 2})
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(6):
        goal = goal_add(plan=v2, text=f"Goal {n}", voice="own_words", author=council.person_user)
        _idea(v2, council.practitioner, goal, title=f"Idea {n}", chosen=True)
        action_add(
            plan=v2,
            details={"text": f"Action {n}", "owner_kind": "person", "owner_name": "Dennis"},
            added_by=council.practitioner,
        )
    with CaptureQueriesContext(connection) as big:
        response = client.get(url)
    assert "Goal added: “Goal 5”" in response.content.decode()
    assert len(big) == len(small)
