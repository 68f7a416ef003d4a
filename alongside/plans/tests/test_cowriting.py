"""Supporters the person shared a part with write there in their own words, with provenance."""

from django.urls import reverse

from alongside.aboutme.models import Statement, Voice
from alongside.aboutme.services import statement_add
from alongside.people.models import Shareable
from alongside.plans.models import Goal, Idea
from alongside.plans.services import goal_add, plan_start


def _share(council, *sections):
    member = council.person.circle.get()
    member.shared_sections = [Shareable.CIRCLE, *sections]
    member.save()
    return member


def test_a_supporter_adds_to_about_me_in_their_own_words(council, client_as):
    member = _share(council, Shareable.ABOUT_ME)
    supporter = client_as("supporter_user")
    url = reverse("aboutme:add", args=[council.person.pk, "what_matters"])
    page = supporter.get(url).content.decode()
    assert "Whose words are these?" not in page
    response = supporter.post(url, {"text": "He lights up when the bikes go past."})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.voice, statement.speaker, statement.written_by) == (
        Voice.SUPPORTER_WORDS,
        member,
        council.supporter_user,
    )
    change = reverse("aboutme:change", args=[council.person.pk, statement.pk])
    response = supporter.post(
        change, {"text": "He lights up when the bikes roar past.", "seen_version": 1}
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == "He lights up when the bikes roar past."


def test_a_supporter_cannot_change_the_persons_own_words(council, client_as):
    _share(council, Shareable.ABOUT_ME)
    own = statement_add(
        person=council.person,
        section="what_matters",
        text="My bike",
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )
    response = client_as("supporter_user").get(
        reverse("aboutme:change", args=[council.person.pk, own.pk])
    )
    assert response.status_code == 403


def test_a_supporter_without_the_section_shared_cannot_write(council, client_as):
    plan_start(person=council.person)
    supporter = client_as("supporter_user")
    for url in (
        reverse("aboutme:add", args=[council.person.pk, "what_matters"]),
        reverse("plans:goal-add", args=[council.person.pk]),
        reverse("plans:idea-add", args=[council.person.pk]),
    ):
        assert supporter.get(url).status_code == 404


def test_a_supporter_adds_a_goal_and_an_idea_as_their_own(council, client_as):
    member = _share(council, Shareable.PLAN)
    plan = plan_start(person=council.person)
    goal_add(plan=plan, text="Ride again", voice="own_words", author=council.person_user)
    supporter = client_as("supporter_user")
    response = supporter.post(
        reverse("plans:goal-add", args=[council.person.pk]), {"text": "Have a rest on Sundays"}
    )
    assert response.status_code == 302
    goal = Goal.objects.get(text="Have a rest on Sundays")
    assert (goal.voice, goal.speaker) == (Voice.SUPPORTER_WORDS, member)
    url = reverse("plans:idea-add", args=[council.person.pk])
    form = supporter.get(url).content.decode()
    assert "Chosen for the plan" not in form
    assert "The person likes this idea" not in form
    response = supporter.post(
        url,
        {
            "goal": goal.pk,
            "title": "The riders' club takes him out on Sundays",
            "kind": "community",
            "suggested_by": f"circle-{member.pk}",
            "funding": "free",
            "unit": "one_off",
            "chosen": "on",  # not theirs to decide: ignored
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert (idea.suggested_by_member, idea.suggested_by_circle, idea.chosen) == (
        member,
        True,
        False,
    )
    html = supporter.get(reverse("plans:plan", args=[council.person.pk])).content.decode()
    assert "Add an idea" in html
    assert "Add an action" not in html
    assert reverse("plans:goal-change", args=[council.person.pk, goal.pk]) not in html
