"""Overdue plan actions and reviews due or overdue: on the caseload, and counted on the
practitioner's and the team manager's home pages, in a fixed number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import user_create
from alongside.core.dashboards import dashboard_for
from alongside.people.presenters import _waiting
from alongside.people.tests.factories import person_create
from alongside.people.waiting import REVIEW_DUE_SOON_DAYS, Waiting
from alongside.plans.models import Action, ActionOwner, ActionStatus, Plan, PlanStatus

LIST = reverse("people:list")
HOME = reverse("core:home")
DAY = timedelta(days=1)


def _today() -> date:
    return timezone.localdate()


def _plan(person, status, *, number=1, review_due=None) -> Plan:
    return Plan.objects.create(person=person, number=number, status=status, review_due=review_due)


def _action(plan, *, due_on, status=ActionStatus.TO_DO) -> Action:
    return Action.objects.create(
        plan=plan,
        text="Ring the sidecar club",
        owner_kind=ActionOwner.PRACTITIONER,
        owner_name="Sam",
        due_on=due_on,
        status=status,
    )


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _tags(html: str, person) -> list[tuple[str, str]]:
    """The tag words on the person's row of the list page."""
    row = re.search(
        rf"<tr[^>]*>(?:(?!</tr>).)*{person.family_name}(?:(?!</tr>).)*</tr>", html, re.S
    )
    assert row, f"{person.family_name} is not on the page"
    return re.findall(r'<strong class="govuk-tag govuk-tag--(\w+)">([^<]*)</strong>', row.group(0))


def _table(html: str, table_id: str) -> list[list[str]]:
    """Each row's cells, as text, of the table with that id."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    return [
        [
            re.sub(r"\s+", " ", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


@pytest.fixture
def caseload(council):
    """The practitioner's people, each with plans in a different state."""
    today = _today()
    mine = {"team": council.team_a, "practitioner": council.practitioner}
    people = {}

    # Three open overdue actions on the active plan; nothing else of theirs counts.
    p = people["actions"] = person_create(family_name="Actions", **mine)
    replaced = _plan(p, PlanStatus.REPLACED, number=1, review_due=today - 100 * DAY)
    _action(replaced, due_on=today - 50 * DAY)
    active = _plan(p, PlanStatus.ACTIVE, number=2, review_due=today + 200 * DAY)
    _action(active, due_on=today - 10 * DAY)
    _action(active, due_on=today - DAY)
    _action(active, due_on=today - 3 * DAY, status=ActionStatus.IN_PROGRESS)
    _action(active, due_on=today - 3 * DAY, status=ActionStatus.DONE)
    _action(active, due_on=today - 3 * DAY, status=ActionStatus.NOT_NEEDED)
    _action(active, due_on=today)  # due today: not yet overdue
    _action(active, due_on=None)
    draft = _plan(p, PlanStatus.DRAFT, number=3, review_due=today - 5 * DAY)
    _action(draft, due_on=today - 20 * DAY)

    # One overdue action on an agreed plan whose review is due in ten days.
    p = people["soon"] = person_create(family_name="Soon", **mine)
    _action(_plan(p, PlanStatus.AGREED, review_due=today + 10 * DAY), due_on=today - DAY)

    # The review date has passed with no review recorded.
    p = people["overdue"] = person_create(family_name="Overdue", **mine)
    _plan(p, PlanStatus.ACTIVE, number=1, review_due=today - DAY)

    # Reviewed late, but reviewed: the version under review is no longer waiting for a review,
    # and the next version is still a draft.
    p = people["reviewed"] = person_create(family_name="Reviewed", **mine)
    _plan(p, PlanStatus.UNDER_REVIEW, number=1, review_due=today - DAY)
    _plan(p, PlanStatus.DRAFT, number=2)

    # The last day of the six weeks, and the day after.
    p = people["edge"] = person_create(family_name="Edge", **mine)
    _plan(p, PlanStatus.ACTIVE, review_due=today + REVIEW_DUE_SOON_DAYS * DAY)
    p = people["later"] = person_create(family_name="Later", **mine)
    _plan(p, PlanStatus.ACTIVE, review_due=today + (REVIEW_DUE_SOON_DAYS + 1) * DAY)

    # Due today is due, not overdue.
    p = people["today"] = person_create(family_name="Today", **mine)
    _plan(p, PlanStatus.ACTIVE, review_due=today)

    # Only a draft, or only a replaced version: nothing is due.
    p = people["draft"] = person_create(family_name="Drafted", **mine)
    _action(_plan(p, PlanStatus.DRAFT, review_due=today - 30 * DAY), due_on=today - 30 * DAY)
    p = people["replaced"] = person_create(family_name="Replaced", **mine)
    old = _plan(p, PlanStatus.REPLACED, review_due=today - 30 * DAY)
    _action(old, due_on=today - 30 * DAY)

    # Allocated to the practitioner but in another team: theirs, not team A's.
    p = people["elsewhere"] = person_create(
        family_name="Elsewhere", team=council.team_b, practitioner=council.practitioner
    )
    _action(_plan(p, PlanStatus.ACTIVE, review_due=today + 300 * DAY), due_on=today - DAY)

    # A colleague's person: review overdue and an action overdue.
    p = people["colleague"] = person_create(
        family_name="Colleagues", team=council.team_a, practitioner=council.colleague
    )
    _action(_plan(p, PlanStatus.ACTIVE, review_due=today - 7 * DAY), due_on=today - 7 * DAY)

    # Waiting for a practitioner, with a review due soon.
    p = people["unallocated"] = person_create(family_name="Unallocated", team=council.team_a)
    _plan(p, PlanStatus.AGREED, review_due=today + 20 * DAY)

    # Team B's: overdue, and never counted for team A.
    _action(
        _plan(council.other_person, PlanStatus.ACTIVE, review_due=today - DAY),
        due_on=today - DAY,
    )
    return people


def test_the_caseload_tags_overdue_actions_and_reviews_due(council, client_as, caseload):
    today = _today()
    html = client_as("practitioner").get(LIST).content.decode()
    assert "Needs attention" in html
    assert _tags(html, caseload["actions"]) == [("red", "3 actions overdue")]
    assert _tags(html, caseload["soon"]) == [
        ("red", "1 action overdue"),
        ("yellow", f"Review due {_long(today + 10 * DAY)}"),
    ]
    assert _tags(html, caseload["overdue"]) == [("red", "Review overdue")]
    assert _tags(html, caseload["reviewed"]) == []
    assert _tags(html, caseload["edge"]) == [
        ("yellow", f"Review due {_long(today + REVIEW_DUE_SOON_DAYS * DAY)}")
    ]
    assert _tags(html, caseload["today"]) == [("yellow", f"Review due {_long(today)}")]
    assert _tags(html, caseload["later"]) == []
    assert _tags(html, caseload["draft"]) == []
    assert _tags(html, caseload["replaced"]) == []
    assert _tags(html, caseload["elsewhere"]) == [("red", "1 action overdue")]
    assert _tags(html, council.person) == []


def test_the_team_list_tags_the_colleagues_and_the_unallocated(council, client_as, caseload):
    html = client_as("manager").get(LIST).content.decode()
    assert _tags(html, caseload["colleague"]) == [
        ("red", "1 action overdue"),
        ("red", "Review overdue"),
    ]
    assert _tags(html, caseload["unallocated"]) == [
        ("yellow", f"Review due {_long(_today() + 20 * DAY)}")
    ]


@pytest.mark.parametrize(
    ("waiting", "words"),
    [
        (Waiting(), []),
        (Waiting(actions_overdue=1), [("1 action overdue", "red")]),
        (Waiting(actions_overdue=12), [("12 actions overdue", "red")]),
        (Waiting(review_due=date(2026, 12, 31)), [("Review overdue", "red")]),
        (Waiting(review_due=date(2027, 1, 1)), [("Review due 1 January 2027", "yellow")]),
        (Waiting(review_due=date(2027, 2, 12)), [("Review due 12 February 2027", "yellow")]),
        (Waiting(review_due=date(2027, 2, 13)), []),
        (
            Waiting(actions_overdue=2, review_due=date(2026, 1, 3), sections_to_check=1),
            [("2 actions overdue", "red"), ("Review overdue", "red"), ("1 part to check", "grey")],
        ),
    ],
)
def test_the_words_for_what_needs_attention(waiting, words):
    assert _waiting(waiting, date(2027, 1, 1)) == words


def test_the_practitioner_home_counts_their_own_people(council, client_as, caseload):
    attention = dashboard_for(council.practitioner)["attention"]
    # Overdue: the late review. Due: in ten days, on the last day, today (not the late one's
    # successor). Actions: three, one and the person in another team.
    assert (attention.reviews_overdue, attention.reviews_due, attention.actions_overdue) == (
        1,
        3,
        3,
    )
    html = client_as("practitioner").get(HOME).content.decode()
    assert "Reviews overdue: 1, due in the next 6 weeks: 3; people with overdue actions: 3" in html
    assert f'href="{LIST}?show=mine"' in html


def test_the_colleague_home_counts_only_theirs(council, client_as, caseload):
    html = client_as("colleague").get(HOME).content.decode()
    assert "Reviews overdue: 1, due in the next 6 weeks: 0; people with overdue actions: 1" in html


def test_the_team_manager_home_counts_by_practitioner(council, client_as, caseload):
    rows = _table(client_as("manager").get(HOME).content.decode(), "plan-attention")
    practitioners = sorted(
        [
            [council.colleague.full_name, "1", "0", "1"],
            [council.practitioner.full_name, "1", "3", "2"],  # not the person in team B
        ]
    )
    assert rows == [
        [
            "Practitioner",
            "Reviews overdue",
            "Reviews due in the next 6 weeks",
            "People with overdue actions",
        ],
        *practitioners,
        ["Not allocated", "0", "1", "0"],
        ["Team total", "2", "4", "3"],
    ]


def test_team_b_sees_its_people_allocated_to_a_practitioner_from_elsewhere(
    council, client_as, caseload
):
    rows = _table(client_as("other_manager").get(HOME).content.decode(), "plan-attention")
    assert rows[1:] == [
        [council.other_practitioner.full_name, "1", "0", "1"],
        ["Not allocated", "0", "0", "0"],
        ["Other practitioners", "0", "0", "1"],
        ["Team total", "1", "0", "2"],
    ]


def test_the_home_pages_make_a_fixed_number_of_queries(council, client_as, caseload):
    manager, practitioner = client_as("manager"), client_as("practitioner")

    def count(client) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    before = count(manager), count(practitioner)
    today = _today()
    for _ in range(4):
        someone = user_create(role=Role.PRACTITIONER, team=council.team_a)
        for who in (someone, council.practitioner):
            p = person_create(team=council.team_a, practitioner=who)
            _action(_plan(p, PlanStatus.ACTIVE, review_due=today - DAY), due_on=today - DAY)
    assert (count(manager), count(practitioner)) == before
    # Session, user, two-factor device and the team; then the manager's caseloads and the
    # grouped counts, or the practitioner's people counts and their plans' counts.
    assert before == (6, 6)


def test_the_caseload_makes_the_same_queries_for_2_and_10_people_with_plans(council, client_as):
    client = client_as("practitioner")
    today = _today()

    def add(n: int) -> None:
        for _ in range(n):
            p = person_create(team=council.team_a, practitioner=council.practitioner)
            replaced = _plan(p, PlanStatus.REPLACED, number=1, review_due=today - DAY)
            _action(replaced, due_on=today - DAY)
            active = _plan(p, PlanStatus.ACTIVE, number=2, review_due=today + DAY)
            _action(active, due_on=today - DAY)
            _action(active, due_on=today - DAY, status=ActionStatus.DONE)
            _plan(p, PlanStatus.DRAFT, number=3)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(LIST).content.decode()
        assert html.count("1 action overdue") == rows
        return len(queries)

    add(2)
    rows = 2
    two = count()
    add(8)
    rows = 10
    assert count() == two
    # session, user, two-factor device, count, page, waiting parts, waiting conversations,
    # plans (reviews and actions), audit
    assert two == 9
