"""The person's home and the supporter's home: their plan, what's next, what waits for them,
in plain English, audited, in a fixed number of queries."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.aboutme.models import Voice
from alongside.aboutme.services import statement_add
from alongside.core.models import AuditEvent
from alongside.core.readability import reading_age
from alongside.people.models import Shareable
from alongside.plans.services import (
    action_add,
    agreement_record,
    goal_add,
    plan_agree,
    plan_put_in_place,
    plan_start,
)

HOME = reverse("core:home")
# About 9 is the aim for what a person reads; names, dates and the council's own words (like
# "About me") push a page's measure up a little, so pages are held to 10 or under.
READING_AGE_LIMIT = 10


def _main_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<(h\d|li|p|a|button|dt|dd|label|legend)\b", r"\n<\1", main)
    return re.sub(r"[ \t]+", " ", re.sub(r"<[^>]+>", " ", main))


def _plan_in_place(council, *, overdue: bool = True):
    plan = plan_start(person=council.person)
    goal_add(plan=plan, text="Ride out again", voice="own_words", author=council.person_user)
    action_add(
        plan=plan,
        details={
            "text": "Book the mobility assessment",
            "owner_kind": "practitioner",
            "owner_name": "Sam Patel",
            "due_on": timezone.localdate() - timedelta(days=3 if overdue else -3),
        },
        added_by=council.practitioner,
    )
    for party, by in (("person", council.person_user), ("practitioner", council.practitioner)):
        plan.refresh_from_db()
        agreement_record(
            plan=plan, seen_revision=plan.revision, party=party, decision="agree", words="", by=by
        )
    plan.refresh_from_db()
    plan_agree(
        plan=plan, seen_revision=plan.revision, by=council.practitioner, practitioner_name="Sam"
    )
    return plan_put_in_place(plan=plan)


def test_the_person_sees_their_plan_and_whats_next(council, client_as):
    plan = _plan_in_place(council)
    html = client_as("person_user").get(HOME).content.decode()
    assert f"Hello, {council.person.given_name}" in html
    assert "We will look at it again with you by" in html
    assert reverse("plans:version", args=[council.person.pk, plan.number]) in html
    assert reverse("plans:easy-read", args=[council.person.pk, plan.number]) in html
    assert "<strong>Sam Patel:</strong> Book the mobility assessment." in html
    assert "Late" in html


def test_the_person_is_asked_to_agree_a_new_draft(council, client_as):
    _plan_in_place(council)
    draft = plan_start(person=council.person)
    assert draft.number == 2
    html = client_as("person_user").get(HOME).content.decode()
    assert "Your new plan is ready. Read it and say if you agree." in html
    assert reverse("plans:agreement", args=[council.person.pk]) in html


def test_the_person_is_told_what_to_check_in_about_me(council, client_as):
    statement_add(
        person=council.person,
        section="what_matters",
        text="Likes a morning walk",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    html = client_as("person_user").get(HOME).content.decode()
    assert "1 part of About me to check" in html
    assert "You do not have a plan yet." in html


def test_the_persons_home_is_audited_and_makes_a_fixed_number_of_queries(council, client_as):
    _plan_in_place(council)
    client = client_as("person_user")
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for n in range(6):
        plan = council.person.plans.get(status="active")
        plan.actions.create(text=f"More {n}", owner_kind="person", owner_name="Them")
    with CaptureQueriesContext(connection) as more:
        client.get(HOME)
    assert len(few) == len(more)
    assert AuditEvent.objects.filter(
        person_id=council.person.pk, target="home.person", actor=council.person_user
    ).exists()


def test_the_persons_home_reads_plainly(council, client_as):
    _plan_in_place(council)
    html = client_as("person_user").get(HOME).content.decode()
    assert reading_age(_main_text(html)) <= READING_AGE_LIMIT


def test_the_supporter_sees_only_links_to_what_is_shared(council, client_as):
    member = council.person.circle.get()
    supporter = client_as("supporter_user")
    html = supporter.get(HOME).content.decode()
    assert council.person.name in html
    assert reverse("aboutme:page", args=[council.person.pk]) not in html
    assert reverse("plans:plan", args=[council.person.pk]) not in html
    member.shared_sections = [Shareable.ABOUT_ME, Shareable.PLAN]
    member.save()
    html = supporter.get(HOME).content.decode()
    assert reverse("aboutme:page", args=[council.person.pk]) in html
    assert reverse("plans:plan", args=[council.person.pk]) in html
    assert council.other_person.name not in html
