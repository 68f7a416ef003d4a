"""Goal Attainment Scaling on plan goals: five levels in the person's words on the draft, where
each goal stands at the start, at check-ins and at the review, the combined T-score; when the
outcome questions are due; and a carer's own wellbeing answers."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.outcomes.definitions import load_built_in
from alongside.outcomes.gas import outcomes_due
from alongside.outcomes.models import Answer, GoalRating
from alongside.people.models import Shareable
from alongside.plans.models import Goal, Plan, PlanStatus
from alongside.plans.services import plan_start

LEVELS = {
    "level_much_less": "Not out at all",
    "level_less": "Out once, with help",
    "level_expected": "Out once a month",
    "level_more": "Out most weeks",
    "level_much_more": "Out most weeks, riding with the club",
}


def _goal(plan, text, position=1, weight=1, levels=True):
    return Goal.objects.create(
        plan=plan,
        text=text,
        voice="own_words",
        writer_role="person",
        written_by=plan.person.account,
        position=position,
        weight=weight,
        **(LEVELS if levels else {}),
    )


@pytest.fixture
def in_force(council):
    today = timezone.localdate()
    plan = Plan.objects.create(
        person=council.person,
        status=PlanStatus.ACTIVE,
        agreed_at=timezone.now() - timedelta(days=40),
        started_on=today - timedelta(days=30),
        review_due=today + timedelta(days=300),
    )
    bike = _goal(plan, "Get out on the bike with Maggie again")
    club = _goal(plan, "Be part of the riders' club", position=2, weight=2)
    _goal(plan, "Sort the garden", position=3, levels=False)
    return plan, bike, club


def _rate(client, council, bike, club, levels=(-1, -1), how="self"):
    data = {f"goal_{bike.pk}": str(levels[0]), f"goal_{club.pk}": str(levels[1]), "how": how}
    return client.post(reverse("outcomes:goals", args=[council.person.pk]), data)


def _page(council, client):
    return client.get(reverse("outcomes:page", args=[council.person.pk])).content.decode()


def test_levels_are_written_on_the_draft_all_five_or_none(council, client_as):
    plan = plan_start(person=council.person)
    goal = _goal(plan, "Get out on the bike", levels=False)
    url = reverse("plans:goal-levels", args=[council.person.pk, goal.pk])
    staff = client_as("practitioner")
    partial = staff.post(
        url, {"level_expected": "Out once a month", "weight": "1", "seen_version": "1"}
    )
    assert partial.status_code == 400
    assert (
        "Write this level too: all five are needed to measure progress" in partial.content.decode()
    )
    revision = plan.revision
    assert staff.post(url, {**LEVELS, "weight": "2", "seen_version": "1"}).status_code == 302
    goal.refresh_from_db()
    plan.refresh_from_db()
    assert (goal.level_expected, goal.weight, goal.revision) == ("Out once a month", 2, 2)
    assert plan.revision == revision + 1  # part of the plan: everyone decides again
    stale = staff.post(url, {**LEVELS, "level_more": "Weekly", "weight": "1", "seen_version": "1"})
    assert stale.status_code == 409
    html = staff.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    assert "know it's working" in html and "Out most weeks" in html


def test_levels_cannot_change_once_the_plan_is_agreed(council, client_as, in_force):
    _plan, bike, _club = in_force
    url = reverse("plans:goal-levels", args=[council.person.pk, bike.pk])
    assert client_as("practitioner").get(url).status_code == 404


def test_baseline_then_review_give_goal_progress_and_the_t_score(council, client_as, in_force):
    plan, bike, club = in_force
    person = client_as("person_user")
    assert _rate(person, council, bike, club, (-1, -1)).status_code == 302
    baseline = GoalRating.objects.filter(goal=bike).get()
    assert (baseline.moment, baseline.how, baseline.rated_by) == (
        "baseline",
        "self",
        council.person_user,
    )
    GoalRating.objects.update(rated_on=date(2026, 1, 5))
    plan.review_due = timezone.localdate() + timedelta(days=20)
    plan.save()
    staff = client_as("practitioner")
    assert _rate(staff, council, bike, club, (0, 1), how="with_help").status_code == 302
    review = GoalRating.objects.filter(goal=club).latest("id")
    assert (review.moment, review.level, review.how) == ("review", 1, "with_help")
    html = _page(council, person)
    # Baseline: both at −1, weights 1 and 2: T = 50 + 10·(−3)/√(0.7·5 + 0.3·9) = 37.95.
    # Review: 0 and +1: T = 50 + 10·2/√6.2 = 58.03.
    assert "Goal score: 38.0 → 58.0 (50 means the goals went as expected)" in html
    assert ">38.0</td>" in html and ">58.0</td>" in html  # the table: each sitting's score
    assert "From “Out once, with help” to “Out once a month” (what we expect)" in html
    assert "From “Out once, with help” to “Out most weeks” (somewhat more than expected)" in html
    assert "1 goal does not have its five levels written yet" in html


def test_every_goal_with_levels_must_be_rated(council, client_as, in_force):
    _plan, bike, _club = in_force
    response = client_as("person_user").post(
        reverse("outcomes:goals", args=[council.person.pk]), {f"goal_{bike.pk}": "0"}
    )
    assert response.status_code == 400
    assert "Choose where things are for this goal" in response.content.decode()
    assert not GoalRating.objects.exists()


def test_a_level_outside_the_five_is_refused(council, client_as, in_force):
    _plan, bike, club = in_force
    response = _rate(client_as("person_user"), council, bike, club, (3, 0))
    assert response.status_code == 400
    assert "Choose one of the five levels" in response.content.decode()
    assert not GoalRating.objects.exists()


def test_no_plan_in_force_means_nothing_to_rate(council, client_as):
    assert (
        client_as("person_user")
        .get(reverse("outcomes:goals", args=[council.person.pk]))
        .status_code
        == 404
    )


def test_supporters_rate_nothing_and_see_goals_only_when_shared(council, client_as, in_force):
    supporter = client_as("supporter_user")
    url = reverse("outcomes:goals", args=[council.person.pk])
    assert supporter.get(url).status_code == 404
    member = council.person.circle.get()
    member.shared_sections = [Shareable.CIRCLE, Shareable.OUTCOMES]
    member.save()
    assert supporter.get(url).status_code == 403
    assert "Get out on the bike with Maggie again" in _page(council, supporter)  # the goals


def test_other_teams_cannot_reach_goal_ratings(council, client_as, in_force):
    url = reverse("outcomes:goals", args=[council.person.pk])
    assert client_as("other_practitioner").get(url).status_code == 404


# When the questions are due ---------------------------------------------------------------------


@pytest.fixture
def ons4(db):
    return {v.instrument.code: v for v, _what in load_built_in()}["ons4"]


def _answer(council, version, on):
    return Answer.objects.create(
        person=council.person,
        version=version,
        answered_by=council.practitioner,
        how="self",
        answers={"life_satisfaction": 5},
        answered_on=on,
    )


def test_due_at_the_start_then_at_the_review_then_at_intervals(council, in_force, ons4):
    plan, _bike, _club = in_force
    today = timezone.localdate()
    due = outcomes_due(council.person, today)
    assert due.moment == "baseline"
    _answer(council, ons4, today - timedelta(days=20))
    assert outcomes_due(council.person, today) is None
    plan.outcomes_every_months = 1
    plan.save()
    assert outcomes_due(council.person, today + timedelta(days=12)).moment == "interval"
    plan.review_due = today + timedelta(days=30)
    plan.save()
    assert outcomes_due(council.person, today).moment == "review"
    _answer(council, ons4, today)
    assert outcomes_due(council.person, today) is None


def test_not_today_counts_as_asked(council, in_force, ons4):
    Answer.objects.create(
        person=council.person,
        version=ons4,
        answered_by=council.person_user,
        how="self",
        declined=True,
    )
    assert outcomes_due(council.person) is None


def test_a_carers_answers_do_not_count_for_the_person(council, in_force, ons4):
    member = council.person.circle.get()
    Answer.objects.create(
        person=council.person,
        carer=member,
        version=ons4,
        answered_by=council.supporter_user,
        how="self",
        answers={"life_satisfaction": 4},
    )
    assert outcomes_due(council.person).moment == "baseline"


def test_the_person_is_told_on_their_home_page(council, client_as, in_force, ons4):
    person = client_as("person_user")
    assert "Some short questions about how things are going" in person.get("/").content.decode()
    _answer(council, ons4, timezone.localdate())
    assert "Some short questions about how things are going" not in person.get("/").content.decode()


def test_staff_set_how_often_to_ask(council, client_as, in_force):
    plan, _bike, _club = in_force
    url = reverse("outcomes:schedule", args=[council.person.pk])
    assert client_as("practitioner").post(url, {"every": "3"}).status_code == 302
    plan.refresh_from_db()
    assert plan.outcomes_every_months == 3
    client_as("practitioner").post(url, {"every": "7"})
    plan.refresh_from_db()
    assert plan.outcomes_every_months == 3
    assert client_as("person_user").post(url, {"every": "1"}).status_code == 403


# A carer's own wellbeing ---------------------------------------------------------------------------


def test_a_carer_answers_about_themselves_and_staff_see_the_change(council, client_as, ons4):
    member = council.person.circle.get()
    member.is_unpaid_carer = True
    member.save()
    carer = client_as("supporter_user")
    staff_url = reverse("carers:staff", args=[council.person.pk])
    before = client_as("practitioner").get(staff_url).content.decode()
    assert "They have not answered the wellbeing questions yet." in before
    url = reverse("outcomes:carer-answer", args=[member.pk])
    page = carer.get(url).content.decode()
    assert "These questions are about you, not the person you look after" in page
    assert carer.post(url, {"item_life_satisfaction": "4", "action": "save"}).status_code == 302
    Answer.objects.update(answered_on=date(2026, 2, 1))
    carer.post(url, {"item_life_satisfaction": "6", "action": "save"})
    answer = Answer.objects.latest("id")
    assert (answer.carer, answer.how, answer.person) == (member, "self", council.person)
    staff_page = (
        client_as("practitioner")
        .get(reverse("carers:staff", args=[council.person.pk]))
        .content.decode()
    )
    assert "Life satisfaction: 4 → 6, from low to medium" in staff_page
    # Not the person's own measures: their page does not show the carer's answers.
    assert "4 → 6" not in _page(council, client_as("person_user"))


def test_only_the_carer_reaches_their_wellbeing_questions(council, client_as, ons4):
    member = council.person.circle.get()
    member.is_unpaid_carer = True
    member.save()
    url = reverse("outcomes:carer-answer", args=[member.pk])
    for who in ("person_user", "practitioner", "manager"):
        assert client_as(who).get(url).status_code == 404


def test_copies_hold_goal_ratings_and_keep_a_carers_answers_theirs(
    council, client_as, in_force, ons4
):
    from alongside.privacy.subject_access import subject_access_data
    from alongside.privacy.supporter_copy import supporter_copy_data

    _plan, bike, club = in_force
    _rate(client_as("person_user"), council, bike, club, (-1, -2))
    member = council.person.circle.get()
    Answer.objects.create(
        person=council.person,
        carer=member,
        version=ons4,
        answered_by=council.supporter_user,
        how="self",
        answers={"life_satisfaction": 4},
    )
    _answer(council, ons4, timezone.localdate())
    mine = subject_access_data(council.person)
    assert [(r["goal"], r["level_in_words"], r["when"]) for r in mine["goal_progress"]] == [
        ("Get out on the bike with Maggie again", "Out once, with help", "When the plan started"),
        ("Be part of the riders' club", "Not out at all", "When the plan started"),
    ]
    assert [a["answers"] for a in mine["how_it_is_going"]] == [{"life_satisfaction": 5}]
    theirs = supporter_copy_data(council.supporter_user)
    assert [a["answers"] for a in theirs["your_own_wellbeing_answers"]] == [
        {"life_satisfaction": 4}
    ]


def test_someone_answering_for_themselves_says_if_they_had_help(council, client_as, ons4):
    url = reverse("outcomes:answer", args=[council.person.pk, "ons4"])
    person = client_as("person_user")
    data = {"item_life_satisfaction": "6", "action": "save"}
    assert person.post(url, {**data, "how": "with_help"}).status_code == 302
    assert Answer.objects.get().how == "with_help"
    refused = person.post(url, {**data, "how": "proxy"})  # not by someone else, for themselves
    assert refused.status_code == 400
    assert "Choose yes or no" in refused.content.decode()
    assert person.post(url, data).status_code == 302
    assert Answer.objects.latest("id").how == "self"
