"""Agreeing a plan: each party in their own words, the manager threshold, freezing, putting it in
place, reviews and the next version, actions and the contingency plan, and no lost updates."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.aboutme.services import EditConflict, ProvenanceError
from alongside.needs.services import need_add
from alongside.plans.models import (
    Action,
    ActionStatus,
    Agreement,
    Plan,
    PlanRules,
    PlanStatus,
    UnitCost,
)
from alongside.plans.services import (
    NotReady,
    PlanLocked,
    action_add,
    action_change,
    add_months,
    agreement_record,
    agreement_state,
    contingency_save,
    goal_add,
    goal_change,
    goal_move,
    idea_add,
    idea_change,
    idea_like,
    plan_agree,
    plan_put_in_place,
    plan_start,
    rates_refresh,
    review_record,
)

PRACTITIONER_NAME = "Sam Patel"


@pytest.fixture
def plan(council):
    plan = plan_start(person=council.person)
    goal_add(plan=plan, text="Ride again", voice="own_words", author=council.person_user)
    return plan


def _idea(plan, council, **details):
    fields = {
        "goal": plan.goals.first(),
        "title": "Sidecar outfit",
        "kind": "one_off",
        "suggested_by_circle": True,
        "suggested_by_name": "Dennis",
        "one_off_pence": 240_000,
        "funding": "direct_payment",
        "chosen": True,
        **details,
    }
    return idea_add(plan=plan, details=fields, added_by=council.practitioner)


def _decide(plan, by, party, decision="agree", words="", member=None):
    plan.refresh_from_db()
    return agreement_record(
        plan=plan,
        seen_revision=plan.revision,
        party=party,
        decision=decision,
        words=words,
        by=by,
        circle_member=member,
    )


def _agree(plan, council):
    plan.refresh_from_db()
    return plan_agree(
        plan=plan,
        seen_revision=plan.revision,
        by=council.practitioner,
        practitioner_name=PRACTITIONER_NAME,
    )


def _everyone_agrees(plan, council):
    _decide(plan, council.practitioner, "person", words="Yes, get me in that sidecar")
    _decide(plan, council.practitioner, "practitioner")
    return _agree(plan, council)


# Who decides ------------------------------------------------------------------------------------


def test_the_person_and_the_practitioner_decide_below_the_threshold(council, plan):
    _idea(plan, council)  # £2,400 a year, council-funded: under the default £10,000
    state = agreement_state(plan, practitioner_name=PRACTITIONER_NAME)
    assert [s.key for s in state.seats] == ["person", "practitioner"]
    assert state.council_funded_year_pence == 240_000
    assert not state.manager_needed


def test_a_team_manager_decides_above_the_threshold_set_by_administrators(council, plan):
    _idea(plan, council)
    PlanRules.objects.update_or_create(pk=1, defaults={"manager_threshold_pence": 200_000})
    state = agreement_state(plan, practitioner_name=PRACTITIONER_NAME)
    assert [s.key for s in state.seats] == ["person", "practitioner", "team_manager"]


def test_a_council_cost_not_known_needs_the_manager_too(council, plan):
    _idea(plan, council, one_off_pence=0, unit="hour", rate_pence=None, units_per_week=3)
    state = agreement_state(plan, practitioner_name=PRACTITIONER_NAME)
    assert state.manager_needed
    assert state.council_funded_unknown == 1


def test_own_money_and_free_ideas_do_not_count_towards_the_threshold(council, plan):
    PlanRules.objects.update_or_create(pk=1, defaults={"manager_threshold_pence": 100})
    _idea(plan, council, funding="own_money")
    _idea(plan, council, funding="free", title="Riders' club")
    assert not agreement_state(plan, practitioner_name=PRACTITIONER_NAME).manager_needed


def test_a_supporter_who_suggested_an_idea_is_asked_to_decide(council, plan):
    maggie = council.person.circle.get()
    _idea(plan, council, suggested_by_name=maggie.name, suggested_by_member=maggie)
    state = agreement_state(plan, practitioner_name=PRACTITIONER_NAME)
    assert [s.key for s in state.seats] == ["person", f"supporter-{maggie.pk}", "practitioner"]
    assert state.seat(f"supporter-{maggie.pk}").name == maggie.name


# Recording decisions ----------------------------------------------------------------------------


def test_a_practitioner_records_the_persons_decision_given_in_person(council, plan):
    agreement = _decide(plan, council.practitioner, "person", words="Yes please")
    assert agreement.given_in_person
    assert agreement.name == council.person.given_name
    own = _decide(plan, council.practitioner, "practitioner")
    assert not own.given_in_person and own.name == council.practitioner.full_name


def test_the_person_records_their_own_decision(council, plan):
    agreement = _decide(plan, council.person_user, "person", words="Yes")
    assert not agreement.given_in_person
    with pytest.raises(ProvenanceError):
        _decide(plan, council.person_user, "practitioner")


def test_a_supporter_records_only_their_own_decision(council, plan):
    member = council.person.circle.get()
    agreement = _decide(plan, council.supporter_user, "supporter", member=member, words="Yes")
    assert not agreement.given_in_person
    with pytest.raises(ProvenanceError):
        _decide(plan, council.supporter_user, "person")


def test_a_practitioner_cannot_record_a_managers_decision(council, plan):
    with pytest.raises(ProvenanceError):
        _decide(plan, council.practitioner, "team_manager")


def test_reservations_and_disagreement_need_their_words(council, plan):
    with pytest.raises(ProvenanceError):
        _decide(plan, council.practitioner, "person", decision="disagree", words="  ")


def test_a_decision_on_an_earlier_draft_stops_counting_when_the_plan_changes(council, plan):
    _decide(plan, council.practitioner, "person", words="Yes")
    goal_add(plan=plan, text="See the lads", voice="own_words", author=council.person_user)
    plan.refresh_from_db()
    seat = agreement_state(plan, practitioner_name=PRACTITIONER_NAME).seat("person")
    assert seat.agreement is None
    assert seat.earlier.words == "Yes"


def test_the_latest_decision_counts(council, plan):
    _decide(plan, council.practitioner, "person", decision="disagree", words="Not yet")
    _decide(plan, council.practitioner, "person", words="Now I'm happy")
    seat = agreement_state(plan, practitioner_name=PRACTITIONER_NAME).seat("person")
    assert seat.agreement.words == "Now I'm happy"
    assert Agreement.objects.count() == 2  # a changed mind is kept, not overwritten


# Freezing ---------------------------------------------------------------------------------------


def test_a_plan_is_not_agreed_until_everyone_has_decided(council, plan):
    _decide(plan, council.practitioner, "practitioner")
    with pytest.raises(NotReady, match=f"Still to record a decision: {council.person.given_name}"):
        _agree(plan, council)


def test_a_plan_needs_a_goal_before_it_is_agreed(council):
    empty = plan_start(person=council.person)
    with pytest.raises(NotReady, match="Add at least one goal"):
        _agree(empty, council)


def test_a_plan_can_be_agreed_with_a_recorded_disagreement(council, plan):
    maggie = council.person.circle.get()
    _idea(plan, council, suggested_by_name=maggie.name, suggested_by_member=maggie)
    _decide(plan, council.practitioner, "person", words="Yes")
    _decide(plan, council.practitioner, "supporter", "disagree", "I'm scared of it", member=maggie)
    _decide(plan, council.practitioner, "practitioner")
    agreed = _agree(plan, council)
    assert agreed.status == PlanStatus.AGREED
    seat = agreement_state(agreed, practitioner_name=PRACTITIONER_NAME).seat(
        f"supporter-{maggie.pk}"
    )
    assert (seat.agreement.decision, seat.agreement.words) == ("disagree", "I'm scared of it")


def test_agreeing_stores_the_figures_for_reporting_and_sets_the_review(council, plan):
    _idea(plan, council)
    _idea(plan, council, suggested_by_circle=False, suggested_by_name="Sam", chosen=False)
    _idea(plan, council, goal=None, is_traditional=True, title="Day centre", one_off_pence=0)
    agreed = _everyone_agrees(plan, council)
    today = timezone.localdate()
    assert (agreed.ideas_from_circle, agreed.ideas_total) == (1, 2)
    assert (agreed.year_pence, agreed.council_funded_year_pence) == (240_000, 240_000)
    assert agreed.rates_on == today
    assert agreed.review_due == add_months(today, 12)
    assert agreed.agreed_by == council.practitioner


def test_the_review_interval_comes_from_the_plan_rules(council, plan):
    PlanRules.objects.update_or_create(pk=1, defaults={"review_months": 6})
    agreed = _everyone_agrees(plan, council)
    assert agreed.review_due == add_months(timezone.localdate(), 6)


def test_add_months_keeps_to_the_end_of_a_short_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 26), 12) == date(2027, 11, 26)


def test_an_agreed_version_never_changes(council, plan):
    idea = _idea(plan, council)
    agreed = _everyone_agrees(plan, council)
    goal = agreed.goals.get()
    with pytest.raises(PlanLocked):
        goal_add(plan=agreed, text="More", voice="own_words", author=council.person_user)
    with pytest.raises(PlanLocked):
        goal_change(
            goal=goal, seen_revision=goal.revision, text="Changed", author=council.person_user
        )
    with pytest.raises(PlanLocked):
        idea_change(idea=idea, seen_revision=idea.revision, details={"title": "Changed"})
    with pytest.raises(PlanLocked):
        idea_like(idea=idea, likes=False)
    with pytest.raises(PlanLocked):
        contingency_save(
            plan=agreed,
            seen_revision=agreed.revision,
            warning_signs="x",
            what_to_do="",
            who_to_call="",
        )
    with pytest.raises(PlanLocked):
        _decide(agreed, council.practitioner, "person", words="Changed my mind")
    assert agreed.goals.get().text == "Ride again"


def test_a_changed_rate_must_be_brought_in_before_agreeing(council, plan):
    last_year = timezone.localdate() - timedelta(days=400)
    old = UnitCost.objects.create(
        name="Day centre place", unit="day", amount_pence=6500, effective_from=last_year, source="t"
    )
    _idea(plan, council, one_off_pence=0, unit_cost=old, units_per_week=2)
    UnitCost.objects.create(
        name="Day centre place",
        unit="day",
        amount_pence=7000,
        effective_from=timezone.localdate(),
        source="t",
    )
    _decide(plan, council.practitioner, "person", words="Yes")
    _decide(plan, council.practitioner, "practitioner")
    with pytest.raises(NotReady, match="rate for Day centre place has changed"):
        _agree(plan, council)
    assert rates_refresh(plan=plan) == 1
    assert plan.ideas.get().rate_pence == 7000
    # The cost changed, so everyone decides again on the plan as it is now.
    with pytest.raises(NotReady, match="Still to record a decision"):
        _agree(plan, council)


# In place, reviewed, replaced ---------------------------------------------------------------------


def test_one_plan_in_place_at_a_time(council, plan):
    first = plan_put_in_place(plan=_everyone_agrees(plan, council))
    _review, second = review_record(
        plan=first, details={"what_worked": "The sidecar"}, by=council.practitioner
    )
    first.refresh_from_db()
    assert first.status == PlanStatus.UNDER_REVIEW
    assert second.number == 2 and second.is_draft
    plan_put_in_place(plan=_everyone_agrees(second, council))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.REPLACED, PlanStatus.ACTIVE)
    assert first.replaced_at is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=first.pk).update(status=PlanStatus.ACTIVE)


def test_the_next_version_starts_from_the_last(council, plan):
    idea = _idea(plan, council)
    action_add(
        plan=plan,
        details={"text": "Get quotes", "owner_kind": "supporter", "owner_name": "Maggie"},
        added_by=council.practitioner,
    )
    contingency_save(
        plan=plan,
        seen_revision=Plan.objects.get(pk=plan.pk).revision,
        warning_signs="Dennis stops going out",
        what_to_do="Ring Sam",
        who_to_call="Sam",
    )
    first = plan_put_in_place(plan=_everyone_agrees(plan, council))
    _review, second = review_record(
        plan=first, details={"what_changed": "Maggie's back hurts"}, by=council.practitioner
    )
    copied_idea = second.ideas.get()
    assert copied_idea.copied_from_id == idea.pk
    assert copied_idea.goal.copied_from_id == first.goals.get().pk
    assert second.actions.get().text == "Get quotes"
    assert second.warning_signs == "Dennis stops going out"
    assert second.agreements.count() == 0
    assert first.reviews.get().what_changed == "Maggie's back hurts"


def test_only_a_plan_in_place_is_reviewed(council, plan):
    with pytest.raises(PlanLocked):
        review_record(plan=plan, details={"what_worked": "x"}, by=council.practitioner)


# Actions -----------------------------------------------------------------------------------------


def test_after_agreement_only_an_actions_progress_moves_on(council, plan):
    action = action_add(
        plan=plan,
        details={
            "text": "Book the assessment",
            "owner_kind": "practitioner",
            "owner_name": "Sam",
            "due_on": timezone.localdate() - timedelta(days=3),
        },
        added_by=council.practitioner,
    )
    _everyone_agrees(plan, council)
    action.refresh_from_db()
    assert action.is_overdue(timezone.localdate())
    assert Action.objects.overdue(timezone.localdate()).count() == 1
    with pytest.raises(PlanLocked):
        action_change(
            action=action,
            seen_revision=action.revision,
            details={"text": "x"},
            by=council.person_user,
        )
    done = action_change(
        action=action,
        seen_revision=action.revision,
        details={"status": ActionStatus.DONE},
        by=council.person_user,
    )
    assert done.status == ActionStatus.DONE
    assert Action.objects.overdue(timezone.localdate()).count() == 0


def test_a_draft_actions_due_date_is_not_overdue(council, plan):
    action_add(
        plan=plan,
        details={
            "text": "Book",
            "owner_kind": "practitioner",
            "owner_name": "Sam",
            "due_on": timezone.localdate() - timedelta(days=3),
        },
        added_by=council.practitioner,
    )
    assert Action.objects.overdue(timezone.localdate()).count() == 0


# No lost updates ---------------------------------------------------------------------------------


def test_two_people_changing_a_goal_the_later_save_is_refused(council, plan):
    goal = plan.goals.get()
    seen = goal.revision
    goal_change(goal=goal, seen_revision=seen, text="Ride again, soon", author=council.person_user)
    with pytest.raises(EditConflict) as refused:
        goal_change(goal=goal, seen_revision=seen, text="Ride again!", author=council.person_user)
    assert refused.value.current.text == "Ride again, soon"


def test_someone_elses_words_are_not_reworded(council, plan):
    goal = plan.goals.get()
    with pytest.raises(ProvenanceError):
        goal_change(
            goal=goal, seen_revision=goal.revision, text="Reworded", author=council.practitioner
        )
    # Linking the goal to a wellbeing area is not rewording it.
    changed = goal_change(
        goal=goal,
        seen_revision=goal.revision,
        text=goal.text,
        author=council.practitioner,
        wellbeing_areas=["participation"],
    )
    assert changed.wellbeing_areas == ["participation"]


def test_the_person_sets_the_order_of_importance(council, plan):
    second = goal_add(plan=plan, text="See the lads", voice="own_words", author=council.person_user)
    goal_move(goal=second, up=True)
    assert list(plan.goals.values_list("text", flat=True)) == ["See the lads", "Ride again"]


# Pages -------------------------------------------------------------------------------------------


def _url(name, council, *args):
    return reverse(f"plans:{name}", args=[council.person.pk, *args])


def test_the_agreement_journey_in_pages(council, plan, client_as):
    _idea(plan, council)
    staff = client_as("practitioner")
    page = staff.get(_url("agreement", council))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Not decided yet" in html
    response = staff.post(
        _url("agreement", council),
        {"seat": "person", "decision": "reservations", "words": "", "seen_version": plan.revision},
    )
    assert response.status_code == 400
    assert (
        "Say in their words what they are unsure of or disagree with" in response.content.decode()
    )
    plan.refresh_from_db()
    for seat, words in (("person", "Yes, as long as Maggie drives"), ("practitioner", "")):
        response = staff.post(
            _url("agreement", council),
            {"seat": seat, "decision": "agree", "words": words, "seen_version": plan.revision},
        )
        assert response.status_code == 302
    html = staff.get(_url("agreement", council)).content.decode()
    assert "“Yes, as long as Maggie drives”" in html
    assert "Given in person; written down by" in html
    response = staff.post(_url("agree", council), {"seen_version": plan.revision})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    html = staff.get(_url("plan", council)).content.decode()
    assert "Put this plan in place" in html
    staff.post(_url("put-in-place", council))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_agreeing_too_early_says_who_is_missing(council, plan, client_as):
    plan.refresh_from_db()
    staff = client_as("practitioner")
    response = staff.post(_url("agree", council), {"seen_version": plan.revision}, follow=True)
    assert f"Still to record a decision: {council.person.given_name}" in response.content.decode()
    assert Plan.objects.get().status == PlanStatus.DRAFT


def test_the_person_says_whether_they_agree_and_likes_ideas(council, plan, client_as):
    idea = _idea(plan, council, person_likes=False)
    person = client_as("person_user")
    person.post(_url("idea-like", council, idea.pk), {"likes": "yes"})
    idea.refresh_from_db()
    assert idea.person_likes
    form = person.get(_url("agreement", council)).content.decode()
    assert "Your decision" in form
    plan.refresh_from_db()
    person.post(
        _url("agreement", council),
        {"seat": "person", "decision": "agree", "words": "Yes", "seen_version": plan.revision},
    )
    agreement = Agreement.objects.get()
    assert (agreement.party, agreement.given_in_person) == ("person", False)
    # The person cannot agree the plan on everyone's behalf.
    assert person.post(_url("agree", council)).status_code == 403


def test_a_stale_goal_edit_shows_both_versions(council, plan, client_as):
    goal = plan.goals.get()
    person = client_as("person_user")
    url = _url("goal-change", council, goal.pk)
    seen = goal.revision
    person.post(url, {"text": "Ride again soon", "seen_version": seen})
    response = person.post(url, {"text": "Ride again, please", "seen_version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "“Ride again soon”" in html  # what was saved
    assert "Ride again, please" in html  # what they typed, kept
    goal.refresh_from_db()
    assert goal.text == "Ride again soon"


def test_a_stale_contingency_edit_is_refused_with_nothing_lost(council, plan, client_as):
    staff, other = client_as("practitioner"), client_as("colleague")
    seen = Plan.objects.get(pk=plan.pk).revision
    data = {"warning_signs": "Stops going out", "what_to_do": "", "who_to_call": ""}
    assert (
        staff.post(_url("contingency", council), {**data, "seen_version": seen}).status_code == 302
    )
    response = other.post(
        _url("contingency", council),
        {**data, "warning_signs": "Gets angry", "seen_version": seen},
    )
    assert response.status_code == 409
    assert "Stops going out" in response.content.decode()
    assert "Gets angry" in response.content.decode()


def test_an_empty_contingency_plan_is_refused(council, plan, client_as):
    response = client_as("practitioner").post(
        _url("contingency", council),
        {"warning_signs": "", "what_to_do": " ", "who_to_call": "", "seen_version": 1},
    )
    assert response.status_code == 400
    assert "Write at least one part of the plan for if things go wrong" in response.content.decode()


def test_actions_pages(council, plan, client_as):
    staff = client_as("practitioner")
    response = staff.post(
        _url("action-add", council),
        {
            "text": "Ring the riders' club",
            "owner_kind": "person",
            "owner_name": "Dennis",
            "due_on_day": "1",
            "due_on_month": "13",
            "due_on_year": "2027",
            "status": "to_do",
        },
    )
    assert response.status_code == 400
    assert "must be a real date" in response.content.decode()
    response = staff.post(
        _url("action-add", council),
        {"text": "", "owner_kind": "", "owner_name": "", "status": "to_do"},
    )
    assert "Choose who will do it" in response.content.decode()
    response = staff.post(
        _url("action-add", council),
        {
            "text": "Ring the riders' club",
            "owner_kind": "person",
            "owner_name": "Dennis",
            "due_on_day": "1",
            "due_on_month": "12",
            "due_on_year": "2027",
            "status": "to_do",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.due_on == date(2027, 12, 1)
    html = staff.get(_url("plan", council)).content.decode()
    assert "Ring the riders&#x27;club" in html or "Ring the riders&#x27; club" in html


def test_review_date_and_review_pages(council, plan, client_as):
    plan_put_in_place(plan=_everyone_agrees(plan, council))
    staff = client_as("practitioner")
    yesterday = timezone.localdate() - timedelta(days=1)
    response = staff.post(
        _url("review-date", council),
        {
            "review_due_day": yesterday.day,
            "review_due_month": yesterday.month,
            "review_due_year": yesterday.year,
        },
    )
    assert response.status_code == 400
    assert "The review date must be today or in the future" in response.content.decode()
    soon = timezone.localdate() + timedelta(days=30)
    staff.post(
        _url("review-date", council),
        {"review_due_day": soon.day, "review_due_month": soon.month, "review_due_year": soon.year},
    )
    assert Plan.objects.get().review_due == soon
    today = timezone.localdate()
    empty = {
        "reviewed_on_day": today.day,
        "reviewed_on_month": today.month,
        "reviewed_on_year": today.year,
    }
    response = staff.post(_url("review", council), empty)
    assert response.status_code == 400
    response = staff.post(_url("review", council), {**empty, "what_worked": "The sidecar"})
    assert response.status_code == 302
    assert Plan.objects.filter(status=PlanStatus.DRAFT, number=2).exists()
    html = staff.get(_url("version", council, 1)).content.decode()
    assert "“The sidecar”" in html


def test_plan_rules_are_kept_by_administrators(council, client_as):
    admin = client_as("administrator")
    url = reverse("plan-rules")
    assert admin.get(url).status_code == 200
    response = admin.post(url, {"manager_threshold_pence": "-5", "review_months": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be less than £0" in html
    assert "Enter 1 month or more" in html
    admin.post(url, {"manager_threshold_pence": "2,000", "review_months": "6"})
    rules = PlanRules.current()
    assert (rules.manager_threshold_pence, rules.review_months) == (200_000, 6)
    assert client_as("practitioner").get(url).status_code == 403


def test_needs_changing_after_agreement_suggests_an_earlier_review(council, plan, client_as):
    plan_put_in_place(plan=_everyone_agrees(plan, council))
    staff = client_as("practitioner")
    words = "What's hard has changed since this plan was agreed."
    assert words not in staff.get(_url("plan", council)).content.decode()
    need_add(
        person=council.person,
        recorded_by=council.practitioner,
        details={"outcome": "nutrition", "noted_on": timezone.localdate()},
    )
    html = staff.get(_url("plan", council)).content.decode()
    assert words in html
    assert "Bring the review forward" in html


def test_the_plan_page_makes_the_same_number_of_queries_however_big_the_plan(
    council, plan, client_as
):
    staff = client_as("practitioner")
    url = _url("plan", council)

    def count() -> int:
        staff.get(url)  # the session and two-factor state settle on the first request
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(url).status_code == 200
        return len(queries)

    _decide(plan, council.practitioner, "practitioner")
    small = count()
    maggie = council.person.circle.get()
    for n in range(4):
        plan.refresh_from_db()
        goal_add(plan=plan, text=f"Goal {n}", voice="own_words", author=council.person_user)
        _idea(plan, council, title=f"Idea {n}", suggested_by_member=maggie)
        action_add(
            plan=plan,
            details={"text": f"Action {n}", "owner_kind": "person", "owner_name": "Dennis"},
            added_by=council.practitioner,
        )
        _decide(plan, council.practitioner, "person", words=f"Yes {n}")
    assert count() == small


def test_a_stale_idea_edit_is_refused_with_both_versions_shown(council, plan, client_as):
    idea = _idea(plan, council)
    staff, colleague = client_as("practitioner"), client_as("colleague")
    url = _url("idea-change", council, idea.pk)
    data = {
        "goal": plan.goals.get().pk,
        "title": "Sidecar outfit",
        "kind": "one_off",
        "suggested_by": "person",
        "funding": "direct_payment",
        "unit": "one_off",
        "one_off": "2400",
        "chosen": "on",
        "seen_version": idea.revision,
    }
    assert staff.post(url, {**data, "one_off": "2100"}).status_code == 302
    response = colleague.post(url, {**data, "title": "A second-hand sidecar"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "£2,100 one-off" in html  # what is saved now
    assert 'value="A second-hand sidecar"' in html  # what they typed, kept
    idea.refresh_from_db()
    assert (idea.title, idea.one_off_pence) == ("Sidecar outfit", 210_000)


def test_a_stale_action_update_is_refused(council, plan, client_as):
    action = action_add(
        plan=plan,
        details={"text": "Get quotes", "owner_kind": "supporter", "owner_name": "Maggie"},
        added_by=council.practitioner,
    )
    plan_put_in_place(plan=_everyone_agrees(plan, council))
    url = _url("action-change", council, action.pk)
    staff, person = client_as("practitioner"), client_as("person_user")
    seen = action.revision
    assert staff.post(url, {"status": "in_progress", "seen_version": seen}).status_code == 302
    response = person.post(url, {"status": "done", "seen_version": seen})
    assert response.status_code == 409
    assert "Started" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_the_person_checks_a_decision_written_down_for_them(council, plan, client_as):
    agreement = _decide(plan, council.practitioner, "person", words="Yes, if Maggie drives")
    person = client_as("person_user")
    html = person.get(_url("plan", council)).content.decode()
    check_url = _url("agreement-check", council, agreement.pk)
    assert check_url in html
    response = person.post(check_url, {"is_right": "no", "words": ""})
    assert response.status_code == 400
    assert "Say what you meant, in your own words" in response.content.decode()
    person.post(check_url, {"is_right": "no", "words": "I said Maggie or Ken can drive."})
    html = person.get(_url("plan", council)).content.decode()
    assert "says this is not quite right" in html
    assert "“I said Maggie or Ken can drive.”" in html
    # Staff, and decisions the person recorded themselves, are not theirs to check.
    assert client_as("practitioner").get(check_url).status_code == 403
    own = _decide(plan, council.person_user, "person", words="Yes")
    assert person.get(_url("agreement-check", council, own.pk)).status_code == 404
