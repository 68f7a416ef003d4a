"""Every role × every URL that shows people's data × whose data, against the expected answer.

Someone else's record answers 404, the same as a record that does not exist. A new
person-record URL must be added to EXPECTED or the suite fails."""

import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.aboutme.models import InterestTag, Voice
from alongside.aboutme.services import statement_add
from alongside.conversations.models import Prompt
from alongside.conversations.services import conversation_start, note_add
from alongside.core.access import PERSON_RECORD, ROLES
from alongside.core.tests.test_anonymous_walk import ALL_PATTERNS
from alongside.heard.services import concern_raise
from alongside.needs.services import need_add
from alongside.outcomes.definitions import load_built_in
from alongside.people.tests.factories import circle_member_create
from alongside.plans.models import Agreement, Goal, Plan, PlanStatus, UnitCost
from alongside.plans.services import action_add, goal_add, idea_add, plan_start

STAFF_OF_TEAM_A = ("practitioner", "colleague", "manager")
STAFF_OF_TEAM_B = ("other_practitioner", "other_manager")
NEVER = ("lead", "administrator")


def row(*, team_a=200, team_b=404, person=200, supporter=200) -> dict[str, int]:
    """Expected status per member of the council (see conftest.Council)."""
    return {
        **dict.fromkeys(STAFF_OF_TEAM_A, team_a),
        **dict.fromkeys(STAFF_OF_TEAM_B, team_b),
        **dict.fromkeys(NEVER, 404),
        "person_user": person,
        "supporter_user": supporter,
    }


# Someone else's record: only team B's staff reach it (and they get what team A gets on its own).
def elsewhere(team_b=200) -> dict[str, int]:
    return row(team_a=404, team_b=team_b, person=404, supporter=404)


# (url name, whose record) → {member: status}. "own" is council.person: allocated to the
# practitioner, in team A, the person_user's own record, shared with supporter_user (circle only).
# "other" is council.other_person, in team B.
EXPECTED = {
    ("people:detail", "own"): row(),
    ("people:detail", "other"): elsewhere(),
    ("people:details", "own"): row(supporter=403),
    ("people:details", "other"): elsewhere(),
    ("people:story", "own"): row(supporter=403),
    ("people:story", "other"): elsewhere(),
    ("people:circle-add", "own"): row(supporter=403),
    ("people:circle-add", "other"): elsewhere(),
    ("people:circle-change", "own"): row(supporter=403),
    ("people:circle-change", "other"): elsewhere(),
    # Only the person decides what someone in their circle sees.
    ("people:circle-sharing", "own"): row(team_a=403, supporter=403),
    ("people:circle-sharing", "other"): elsewhere(team_b=403),
    # About me is not shared with the council's supporter: 404 for them.
    ("aboutme:page", "own"): row(supporter=404),
    ("aboutme:page", "other"): elsewhere(),
    ("aboutme:add", "own"): row(supporter=404),
    ("aboutme:add", "other"): elsewhere(),
    ("aboutme:check", "own"): row(supporter=404),
    ("aboutme:check", "other"): elsewhere(),
    ("aboutme:history", "own"): row(supporter=404),
    ("aboutme:history", "other"): elsewhere(),
    # The statement is a practitioner's summary: the person adds beside it, never over it.
    ("aboutme:change", "own"): row(person=403, supporter=404),
    ("aboutme:change", "other"): elsewhere(),
    # POST only: those who may use it are told 405 for a GET; the person may not add notes.
    ("aboutme:note", "own"): row(team_a=405, person=403, supporter=404),
    ("aboutme:note", "other"): elsewhere(team_b=405),
    ("aboutme:tags", "own"): row(team_a=405, person=405, supporter=404),
    ("aboutme:tags", "other"): elsewhere(team_b=405),
    # Conversations: staff write them, the person reads and checks them; supporters are not shown.
    ("conversations:list", "own"): row(supporter=403),
    ("conversations:list", "other"): elsewhere(),
    ("conversations:new", "own"): row(person=403, supporter=403),
    ("conversations:new", "other"): elsewhere(),
    ("conversations:detail", "own"): row(supporter=403),
    ("conversations:detail", "other"): elsewhere(),
    ("conversations:note-new", "own"): row(team_a=405, person=403, supporter=403),
    ("conversations:note-new", "other"): elsewhere(team_b=405),
    ("conversations:note", "own"): row(team_a=405, person=403, supporter=403),
    ("conversations:note", "other"): elsewhere(team_b=405),
    ("conversations:note-to-about-me", "own"): row(person=403, supporter=403),
    ("conversations:note-to-about-me", "other"): elsewhere(),
    ("conversations:finish", "own"): row(team_a=405, person=403, supporter=403),
    ("conversations:finish", "other"): elsewhere(team_b=405),
    ("conversations:check", "own"): row(supporter=403),
    ("conversations:check", "other"): elsewhere(),
    # What's hard: staff record it, the person reads it; supporters are not shown.
    ("needs:list", "own"): row(supporter=403),
    ("needs:list", "other"): elsewhere(),
    ("needs:new", "own"): row(person=403, supporter=403),
    ("needs:new", "other"): elsewhere(),
    ("needs:carer-new", "own"): row(person=403, supporter=403),
    ("needs:carer-new", "other"): elsewhere(),
    ("needs:change", "own"): row(person=403, supporter=403),
    ("needs:change", "other"): elsewhere(),
    # The plan: supporters only if the person shared it (not shared with the council's supporter).
    ("plans:plan", "own"): row(supporter=404),
    ("plans:plan", "other"): elsewhere(),
    ("plans:start", "own"): row(team_a=405, person=403, supporter=403),
    ("plans:start", "other"): elsewhere(team_b=405),
    ("plans:goal-add", "own"): row(supporter=404),
    ("plans:goal-add", "other"): elsewhere(),
    ("plans:idea-add", "own"): row(supporter=404),
    ("plans:idea-add", "other"): elsewhere(),
}
# The plan's pages: the draft of version 2 and the agreed version 1 in place (see `records`).
_PLAN_READ = ("version", "versions", "copy", "copy-pdf", "easy-read", "easy-read-pdf")
_PLAN_WRITE = (
    "goal-change",
    "goal-levels",
    "idea-change",
    "action-add",
    "action-change",
    "contingency",
)
for _name in _PLAN_READ + _PLAN_WRITE + ("agreement",):
    EXPECTED[(f"plans:{_name}", "own")] = row(supporter=404)
    EXPECTED[(f"plans:{_name}", "other")] = elsewhere()
for _name in ("goal-move", "idea-like"):  # POST only, for the person and staff
    EXPECTED[(f"plans:{_name}", "own")] = row(team_a=405, person=405, supporter=404)
    EXPECTED[(f"plans:{_name}", "other")] = elsewhere(team_b=405)
for _name in ("agree", "put-in-place", "rates"):  # POST only, for staff
    EXPECTED[(f"plans:{_name}", "own")] = row(team_a=405, person=403, supporter=403)
    EXPECTED[(f"plans:{_name}", "other")] = elsewhere(team_b=405)
for _name in ("review", "review-date"):  # staff only
    EXPECTED[(f"plans:{_name}", "own")] = row(person=403, supporter=403)
    EXPECTED[(f"plans:{_name}", "other")] = elsewhere()
# The person checks a decision written down for them: theirs (and their supporters') alone.
EXPECTED[("plans:agreement-check", "own")] = row(team_a=403, supporter=404)
EXPECTED[("plans:agreement-check", "other")] = elsewhere(team_b=403)
EXPECTED[("threads:messages", "own")] = row(supporter=404)
EXPECTED[("threads:messages", "other")] = elsewhere()
# Before we meet: the person's draft is theirs; staff read only what they shared.
EXPECTED[("conversations:before-we-meet", "own")] = row(team_a=403, supporter=403)
EXPECTED[("conversations:before-we-meet", "other")] = elsewhere(team_b=403)
EXPECTED[("conversations:before-we-meet-shared", "own")] = row(person=403, supporter=403)
EXPECTED[("conversations:before-we-meet-shared", "other")] = elsewhere()
# A carer's own pages are theirs; staff of the person's team read them to help.
EXPECTED[("carers:staff", "own")] = row(person=403, supporter=403)
EXPECTED[("carers:staff", "other")] = elsewhere()
# Outcomes: the person and their team; supporters when the person shares them.
EXPECTED[("outcomes:page", "own")] = row(supporter=404)
EXPECTED[("outcomes:page", "other")] = elsewhere()
EXPECTED[("outcomes:answer", "own")] = row(supporter=404)
EXPECTED[("outcomes:answer", "other")] = elsewhere()
EXPECTED[("outcomes:goals", "own")] = row(supporter=404)
EXPECTED[("outcomes:goals", "other")] = elsewhere()
# How often to ask: staff only, POST only.
EXPECTED[("outcomes:schedule", "own")] = row(team_a=405, person=403, supporter=403)
EXPECTED[("outcomes:schedule", "other")] = elsewhere(team_b=405)
# Community connections: the person and their team; never supporters.
for _name in ("directory:connections", "directory:introduce", "directory:introduction-outcome"):
    EXPECTED[(_name, "own")] = row(supporter=403)
    EXPECTED[(_name, "other")] = elsewhere()
# Staff invite the person, or someone in their circle, to sign in.
EXPECTED[("accounts:invite", "own")] = row(person=403, supporter=403)
EXPECTED[("accounts:invite", "other")] = elsewhere()
# Feeling heard: the person and their supporters say so; staff never read it on the record.
for _name in ("heard:raise", "heard:yours"):
    EXPECTED[(_name, "own")] = row(team_a=403, team_b=404)
    EXPECTED[(_name, "other")] = elsewhere(team_b=403)
EXPECTED[("heard:sent", "own")] = row(team_a=403, person=302, supporter=302)  # nothing sent yet
EXPECTED[("heard:sent", "other")] = elsewhere(team_b=403)
# My privacy: the person, and their team to help them; only the person downloads everything.
for _name in ("privacy:home", "privacy:who-looked"):
    EXPECTED[(_name, "own")] = row(supporter=404)
    EXPECTED[(_name, "other")] = elsewhere()
EXPECTED[("privacy:download", "own")] = row(team_a=403, supporter=404)
EXPECTED[("privacy:download", "other")] = elsewhere(team_b=403)
# Comparing needs two version numbers: without them, the versions page says what to choose.
EXPECTED[("plans:compare", "own")] = row(team_a=400, person=400, supporter=404)
EXPECTED[("plans:compare", "other")] = elsewhere(team_b=400)
# Role-restricted pages that list or lead to people's data: {url name: {member: status}}.
EXPECTED_BY_ROLE = {
    "people:list": {
        **dict.fromkeys(STAFF_OF_TEAM_A + STAFF_OF_TEAM_B, 200),
        **dict.fromkeys(NEVER, 403),
        "person_user": 403,
        "supporter_user": 403,
    },
    "people:new": {
        **dict.fromkeys(STAFF_OF_TEAM_A + STAFF_OF_TEAM_B, 200),
        **dict.fromkeys(NEVER, 403),
        "person_user": 403,
        "supporter_user": 403,
    },
    "people:mine": {
        **dict.fromkeys(STAFF_OF_TEAM_A + STAFF_OF_TEAM_B + NEVER, 403),
        "person_user": 302,
        "supporter_user": 403,
    },
}


ONLY_ADMINISTRATORS = {
    **dict.fromkeys(
        STAFF_OF_TEAM_A + STAFF_OF_TEAM_B + ("lead", "person_user", "supporter_user"), 403
    ),
    "administrator": 200,
}
for _catalogue in ("prompts", "interests", "unit-costs"):
    for _suffix in ("", "-new", "-change"):
        EXPECTED_BY_ROLE[f"core:{_catalogue}{_suffix}"] = ONLY_ADMINISTRATORS
EXPECTED_BY_ROLE["plan-rules"] = ONLY_ADMINISTRATORS
_NOBODY = dict.fromkeys(
    (*STAFF_OF_TEAM_A, *STAFF_OF_TEAM_B, *NEVER, "person_user", "supporter_user"), 403
)
# Concerns go to team managers, each seeing their own team's (a team A concern below).
EXPECTED_BY_ROLE["heard:list"] = {**_NOBODY, "manager": 200, "other_manager": 200}
EXPECTED_BY_ROLE["heard:detail"] = {**_NOBODY, "manager": 200, "other_manager": 404}
EXPECTED_BY_ROLE["heard:counts"] = {**_NOBODY, "lead": 200}  # counts, never words
# Outcomes in aggregate (numbers only): staff see their team's, the lead and admin the council's.
for _name in ("outcomes:report", "outcomes:report-csv"):
    EXPECTED_BY_ROLE[_name] = {
        **dict.fromkeys(STAFF_OF_TEAM_A + STAFF_OF_TEAM_B + NEVER, 200),
        "person_user": 403,
        "supporter_user": 403,
    }
# The community directory: staff who work with people (and administrators) add and change local
# services and deal with corrections; marking one done is POST only. Reading it is for everyone
# signed in (directory/tests/test_views.py), suggesting a correction for anyone (the walk).
_DIRECTORY_EDITORS = {
    **dict.fromkeys(STAFF_OF_TEAM_A + STAFF_OF_TEAM_B + ("administrator",), 200),
    "lead": 403,
    "person_user": 403,
    "supporter_user": 403,
}
EXPECTED_BY_ROLE["directory:service-new"] = _DIRECTORY_EDITORS
EXPECTED_BY_ROLE["directory:service-edit"] = _DIRECTORY_EDITORS
EXPECTED_BY_ROLE["directory:correction-done"] = {
    name: 405 if code == 200 else code for name, code in _DIRECTORY_EDITORS.items()
}
EXPECTED_BY_ROLE["carers:caring"] = {**_NOBODY, "supporter_user": 200}
EXPECTED_BY_ROLE["privacy:supporter"] = {**_NOBODY, "supporter_user": 200}
EXPECTED_BY_ROLE["privacy:supporter-who-looked"] = {**_NOBODY, "supporter_user": 200}
EXPECTED_BY_ROLE["privacy:supporter-download"] = {**_NOBODY, "supporter_user": 200}


def _role_url(name: str, council) -> str:
    """Catalogue items exist from the data migrations: change the first of each."""
    if name == "core:prompts-change":
        return reverse(name, args=[Prompt.objects.first().pk])
    if name == "core:interests-change":
        return reverse(name, args=[InterestTag.objects.first().pk])
    if name == "core:unit-costs-change":
        rate = UnitCost.objects.create(
            name="Day centre", unit="day", amount_pence=6500, source="Test"
        )
        return reverse(name, args=[rate.pk])
    if name == "heard:detail":
        concern = concern_raise(person=council.person, user=council.person_user, words="Unheard")
        return reverse(name, args=[concern.pk])
    if name in ("directory:service-edit", "directory:correction-done"):
        from alongside.directory.models import Correction, Service

        service = Service.objects.create(feed_id="local", name="Riders' Club", is_local=True)
        if name == "directory:service-edit":
            return reverse(name, args=[service.pk])
        correction = Correction.objects.create(
            service=service, name="Ken", email="ken@example.test", words="Now on Sundays"
        )
        return reverse(name, args=[correction.pk])
    return reverse(name)


def test_every_person_record_url_is_in_the_matrix():
    record_urls = {n for n, p in ALL_PATTERNS.items() if p.callback.access_policy == PERSON_RECORD}
    assert record_urls == {name for name, _whose in EXPECTED}
    role_urls = {n for n, p in ALL_PATTERNS.items() if p.callback.access_policy == ROLES}
    assert role_urls == set(EXPECTED_BY_ROLE)


@pytest.fixture
def records(council):
    """On each person's record: a practitioner's summary, and a conversation with a note."""
    load_built_in()  # the outcome measures
    from alongside.directory.models import Introduction, Service

    choir = Service.objects.create(feed_id="choir", name="Community choir", is_local=True)
    made = {}
    for whose, person, author in (
        ("own", council.person, council.practitioner),
        ("other", council.other_person, council.other_practitioner),
    ):
        statement = statement_add(
            person=person,
            section="what_matters",
            text="Likes a morning walk",
            voice=Voice.PRACTITIONER_SUMMARY,
            author=author,
        )
        conversation = conversation_start(
            person=person,
            practitioner=author,
            supporters=[],
            details={"held_on": date(2026, 3, 3), "place": "home", "kind": "what_matters"},
        )
        note = note_add(conversation=conversation, text="I love the garden", voice="own_words")
        carer = circle_member_create(person=person, is_unpaid_carer=True, caring_hours_per_week=35)
        draft = _plan_in_place_and_next_draft(person, author)
        need = need_add(
            person=person,
            recorded_by=author,
            details={
                "outcome": "nutrition",
                "noted_on": date(2026, 3, 3),
                "persons_view": "Cooking is hard",
            },
        )
        made[whose] = {
            "person_id": person.pk,
            "section": "what_matters",
            "statement_id": statement.pk,
            "conversation_id": conversation.pk,
            "note_id": note.pk,
            "carer_id": carer.pk,
            "need_id": need.pk,
            "member_id": carer.pk,
            "goal_id": draft.goals.get().pk,
            "idea_id": draft.ideas.get().pk,
            "action_id": draft.actions.get().pk,
            "number": 1,
            "code": "ons4",
            "service_id": choir.pk,
            "introduction_id": Introduction.objects.create(
                person=person, service=choir, consent_given=True, consent_recorded_by=author
            ).pk,
            "agreement_id": Agreement.objects.create(
                plan=draft,
                party="person",
                name=person.given_name,
                decision="agree",
                given_in_person=True,
                recorded_by=author,
                plan_revision=draft.revision,
            ).pk,
        }
    return made


def _plan_in_place_and_next_draft(person, author):
    """Version 1 agreed and in place, with a goal, an idea and an action; version 2's draft."""
    first = plan_start(person=person)
    goal = goal_add(
        plan=first, text="Walk to the park", voice="practitioner_summary", author=author
    )
    Goal.objects.filter(pk=goal.pk).update(  # its five levels, so it can be rated
        level_much_less="Not out",
        level_less="Out once",
        level_expected="Out weekly",
        level_more="Out twice a week",
        level_much_more="Out most days",
    )
    idea_add(
        plan=first,
        details={
            "goal": goal,
            "title": "Walking group",
            "kind": "community",
            "suggested_by_name": "Them",
            "funding": "free",
            "chosen": True,
        },
        added_by=author,
    )
    action_add(
        plan=first,
        details={"text": "Find the group", "owner_kind": "person", "owner_name": "Them"},
        added_by=author,
    )
    Plan.objects.filter(pk=first.pk).update(
        status=PlanStatus.ACTIVE, agreed_at=timezone.now(), review_due=date(2027, 11, 26)
    )
    return plan_start(person=person)


def _kwargs(name, values) -> dict:
    return {key: values[key] for key in ALL_PATTERNS[name].params}


CASES = [(name, whose, member) for (name, whose), row_ in EXPECTED.items() for member in row_]


@pytest.mark.parametrize(("name", "whose", "member"), CASES)
def test_person_record_access(council, records, client_as, name, whose, member):
    person = council.person if whose == "own" else council.other_person
    response = client_as(member).get(reverse(name, kwargs=_kwargs(name, records[whose])))
    assert response.status_code == EXPECTED[(name, whose)][member]
    if response.status_code == 404:
        assert person.family_name not in response.content.decode()


ROLE_CASES = [(name, member) for name, row_ in EXPECTED_BY_ROLE.items() for member in row_]


@pytest.mark.parametrize(("name", "member"), ROLE_CASES)
def test_role_restricted_pages(council, client_as, name, member):
    response = client_as(member).get(_role_url(name, council))
    assert response.status_code == EXPECTED_BY_ROLE[name][member]


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_record_that_does_not_exist_looks_the_same_as_someone_elses(council, client_as):
    client = client_as("practitioner")
    missing = client.get(reverse("people:detail", kwargs={"person_id": uuid.uuid4()}))
    elsewhere_ = client.get(reverse("people:detail", kwargs={"person_id": council.other_person.pk}))
    assert missing.status_code == elsewhere_.status_code == 404
    assert _main(missing) == _main(elsewhere_)


# The community directory's Open Referral UK API is open data: every role, and anyone signed out
# (the anonymous walk), reads the same answers (ADR 25). Its URL names, and which record each
# detail URL takes.
OPEN_DATA = {
    "openreferral:index": None,
    "openreferral:openapi": None,
    "openreferral:services": None,
    "openreferral:service": "service",
    "openreferral:organizations": None,
    "openreferral:organization": "organization",
    "openreferral:taxonomies": None,
    "openreferral:taxonomy": "taxonomy",
    "openreferral:taxonomy-terms": None,
    "openreferral:taxonomy-term": "term",
    "openreferral:service-at-locations": None,
    "openreferral:service-at-location": "link",
}
MEMBERS = (*STAFF_OF_TEAM_A, *STAFF_OF_TEAM_B, *NEVER, "person_user", "supporter_user")


def test_every_open_data_url_is_in_the_matrix():
    api = {name for name in ALL_PATTERNS if name.startswith("openreferral:")}
    assert api - {"openreferral:unknown"} == set(OPEN_DATA)


@pytest.mark.parametrize("member", MEMBERS)
def test_every_role_reads_the_open_referral_api(council, client_as, member):
    from alongside.directory.models import (
        Location,
        Organization,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    organization = Organization.objects.create(name="Riders")
    service = Service.objects.create(feed_id="club", name="Riders' Club", organization=organization)
    taxonomy = Taxonomy.objects.create(name="Activities")
    term = TaxonomyTerm.objects.create(taxonomy=taxonomy, name="Motorbikes")
    link = ServiceAtLocation.objects.create(
        service=service, location=Location.objects.create(name="The yard")
    )
    records = {
        "service": service,
        "organization": organization,
        "taxonomy": taxonomy,
        "term": term,
        "link": link,
    }
    client = client_as(member)
    for name, record in OPEN_DATA.items():
        kwargs = {"oruk_id": records[record].pk} if record else None
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        assert response["Access-Control-Allow-Origin"] == "*"
