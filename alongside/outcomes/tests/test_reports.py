"""Outcomes for a team and the council: exact figures on a hand-built set, direction for anxiety
and loneliness, kinds of plan, indicators, suppression below five (page and CSV), who sees
what, a constant number of queries, and bad input."""

import csv
import io
import math
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import team_create, user_create
from alongside.demo.synthetic import seed_people
from alongside.outcomes.definitions import load_built_in
from alongside.outcomes.models import Answer, GoalRating, Moment
from alongside.outcomes.reports import (
    CREATIVE,
    NO_PLAN,
    TRADITIONAL,
    Figures,
    Scope,
    Tally,
    measures,
    person_changes,
    report_build,
    t_critical,
)
from alongside.outcomes.scoring import score
from alongside.people.models import SupportReason
from alongside.people.tests.factories import circle_member_create, person_create
from alongside.plans.models import Goal, Idea, Plan, PlanStatus
from conftest import sign_in

FIRST, LATER, LATEST = date(2026, 1, 10), date(2026, 4, 10), date(2026, 7, 10)
# Life satisfaction and anxiety, first → latest, for five people in team A.
LIFE = [(3, 7), (5, 6), (6, 6), (8, 5), (4, 6)]  # +4 +1 0 −3 +2
ANXIETY = [(7, 3), (5, 5), (4, 6), (6, 2), (3, 3)]  # −4 0 +2 −4 0
LONELINESS = [
    ((3, 3, 3), (2, 2, 1)),
    ((2, 2, 2),) * 2,
    ((2, 2, 1), (3, 2, 2)),
    ((3, 2, 2), (1, 2, 1)),
    ((1, 1, 1),) * 2,
]  # fmt: skip  9→5, 6→6, 5→7, 7→4, 3→3


@pytest.fixture(autouse=True)
def _work_out_every_time(settings):
    """Each test sees its own data: the report's sums are not kept between requests."""
    settings.OUTCOMES_REPORT_CACHE_SECONDS = 0


@pytest.fixture
def versions(db):
    return {v.instrument.code: v for v, _what in load_built_in()}


def _answer(person, version, answers, on, *, carer=None, declined=False):
    """As answer_record stores it: scored by outcomes.scoring.score."""
    result = score(version.definition, answers)
    return Answer.objects.create(
        person=person,
        carer=carer,
        version=version,
        answered_by=person.practitioner,
        how="with_help",
        answers=answers,
        declined=declined,
        total=None if result.total is None else Decimal(str(result.total)),
        band=result.band,
        complete=result.complete and not declined,
        answered_on=on,
    )


def _ons4(life, anxiety):
    return {"life_satisfaction": life, "worthwhile": 5, "happiness": 5, "anxiety": anxiety}


def _ucla(values):
    return dict(zip(("companionship", "left_out", "isolated"), values, strict=True))


def _in_force(person, *, kind="community", traditional=False, status=PlanStatus.ACTIVE):
    plan = Plan.objects.create(person=person, number=1, status=status)
    Idea.objects.create(
        plan=plan,
        title="An idea",
        kind=kind,
        funding="free",
        suggested_by_name="Them",
        added_by=person.practitioner,
        chosen=True,
        is_traditional=traditional,
    )
    return plan


@pytest.fixture
def team_a(council, versions):
    """Five people in team A with the answers above; their plans have a community option."""
    people = []
    for index, ((l0, l1), (a0, a1), ucla) in enumerate(zip(LIFE, ANXIETY, LONELINESS, strict=True)):
        person = person_create(
            team=council.team_a,
            practitioner=council.practitioner,
            primary_support_reason=SupportReason.MENTAL_HEALTH,
        )
        _in_force(person)
        _answer(person, versions["ons4"], _ons4(l0, a0), FIRST)
        _answer(person, versions["ons4"], _ons4(l1, a1), LATEST)
        _answer(person, versions["ucla3"], _ucla(ucla[0]), FIRST)
        _answer(person, versions["ucla3"], _ucla(ucla[-1]), LATEST)
        if index == 0:
            # A check-in between (not first, not latest), a "not today" and a partial answer
            # after the latest: none of them changes the figures.
            _answer(person, versions["ons4"], _ons4(10, 0), LATER)
            _answer(person, versions["ons4"], {}, date(2026, 8, 1), declined=True)
            _answer(person, versions["ons4"], {"life_satisfaction": 0}, date(2026, 8, 2))
        people.append(person)
    return people


def _measure(key):
    return next(m for m in measures() if m.key == key)


def _report(scope=None, key="ons4.life_satisfaction", teams=None):
    return report_build(
        scope=scope or Scope(), measure=_measure(key), known=measures(), teams=teams or {}
    )


def test_mean_change_interval_and_shares_are_exact(council, team_a):
    report = _report(Scope(team_id=council.team_a.pk))
    overall = report.overall
    # Changes +4 +1 0 −3 +2: mean 0.8; s² = (30 − 4²/5) / 4 = 6.7; t(4) = 2.776.
    half = 2.776 * math.sqrt(6.7 / 5)
    assert overall.people == 5
    assert overall.mean == pytest.approx(0.8)
    assert (overall.low, overall.high) == (pytest.approx(0.8 - half), pytest.approx(0.8 + half))
    assert (overall.improved, overall.same, overall.worse) == (0.6, 0.2, 0.2)
    assert (overall.mean_words, overall.interval_words) == ("+0.8", "-2.4 to +4.0")
    assert overall.shares == ("60%", "20%", "20%")


def test_less_anxiety_and_less_loneliness_count_as_improved(council, team_a):
    anxiety = _report(Scope(team_id=council.team_a.pk), "ons4.anxiety").overall
    assert anxiety.mean == pytest.approx(-1.2)  # −4 0 +2 −4 0
    assert (anxiety.improved, anxiety.same, anxiety.worse) == (0.4, 0.4, 0.2)
    loneliness = _report(Scope(team_id=council.team_a.pk), "ucla3").overall
    assert loneliness.mean == pytest.approx(-1.0)  # −4 0 +2 −3 0
    assert (loneliness.improved, loneliness.same, loneliness.worse) == (0.4, 0.4, 0.2)
    assert _measure("ons4.anxiety").higher_is_better is False
    assert _measure("ucla3").higher_is_better is False


def test_groups_by_support_reason_and_kind_of_plan(council, team_a):
    report = _report(Scope(team_id=council.team_a.pk), teams={council.team_a.pk: "Team A"})
    groups = {key: {row.label: row for row in rows} for key, _title, rows in report.groups}
    assert "team" not in groups  # one team: its reasons and plans, not a table of one
    assert groups["reason"]["Mental health support"].people == 5
    assert groups["reason"]["Learning disability support"].nobody
    plans = groups["plan"]
    assert plans["Community or creative options chosen"].mean == pytest.approx(0.8)
    assert plans["Traditional services only"].nobody and plans["No plan in force yet"].nobody


def test_the_kind_of_plan_is_the_plan_in_force(council, versions):
    kinds = {}
    for name, make in {
        "community": lambda p: _in_force(p),
        "paid only": lambda p: _in_force(p, kind="paid"),
        "the traditional package chosen": lambda p: _in_force(
            p, kind="commissioned", traditional=True
        ),
        "equipment, under review": lambda p: _in_force(
            p, kind="equipment", status=PlanStatus.UNDER_REVIEW
        ),
        "only a draft": lambda p: _in_force(p, status=PlanStatus.DRAFT),
        "community, replaced by paid only": lambda p: (
            _in_force(p, status=PlanStatus.REPLACED),
            Plan.objects.filter(person=p).update(number=2),
            _in_force(p, kind="paid"),
        ),
        "no plan": lambda p: None,
    }.items():
        team = team_create(name)
        person = person_create(team=team, practitioner=council.practitioner)
        make(person)
        _answer(person, versions["ucla3"], _ucla((2, 2, 2)), FIRST)
        _answer(person, versions["ucla3"], _ucla((1, 2, 2)), LATEST)
        kinds[name] = team.pk
    found = {key[0]: key[2] for key in person_changes(Scope(), [_measure("ucla3")])}
    assert {name: found[pk] for name, pk in kinds.items()} == {
        "community": CREATIVE,
        "paid only": TRADITIONAL,
        "the traditional package chosen": TRADITIONAL,
        "equipment, under review": CREATIVE,
        "only a draft": NO_PLAN,
        "community, replaced by paid only": TRADITIONAL,
        "no plan": NO_PLAN,
    }


def test_the_period_chooses_which_answers_are_first_and_latest(council, team_a):
    # From the check-in on, person 1's first answer is the check-in's 10: 10 → 7 is −3.
    report = _report(Scope(team_id=council.team_a.pk, start=LATER))
    assert report.overall.nobody is False and report.overall.shown is False  # one person
    assert _report(Scope(end=date(2026, 2, 1))).overall.nobody  # first answers only


def test_indicators(council, team_a, versions):
    # Carers: five unpaid carers, four of whom feel better.
    for index, (first, latest) in enumerate([(4, 6), (5, 7), (3, 4), (6, 8), (5, 5)]):
        person = team_a[index]
        carer = circle_member_create(person=person, is_unpaid_carer=True)
        _answer(person, versions["ons4"], _ons4(first, 5), FIRST, carer=carer)
        _answer(person, versions["ons4"], _ons4(latest, 5), LATEST, carer=carer)
    _goal_ratings(council, team_a)
    indicators = {i.name: i for i in _report(Scope(team_id=council.team_a.pk)).indicators}
    assert indicators["Loneliness improved"].share == pytest.approx(0.4)
    assert indicators["Life satisfaction improved"].share == pytest.approx(0.6)
    assert indicators["Unpaid carers' wellbeing improved"].share == pytest.approx(0.8)
    assert indicators["Goals met or beaten"].share == pytest.approx(3 / 5)
    assert indicators["Loneliness improved"].share_words == "40% of 5 people"


def _goal_ratings(council, people):
    """Latest sittings' weighted levels: 0 (met), +2, −1, 2×(−1)+1×(+2)=0 (met), and one
    whose later sitting fell short though its earlier one was above."""
    latest = [[(1, 0)], [(1, 1), (1, 1)], [(1, -1)], [(2, -1), (1, 2)], [(1, -1)]]
    for person, goals in zip(people, latest, strict=True):
        plan = Plan.objects.get(person=person)
        for weight, level in goals:
            goal = Goal.objects.create(
                plan=plan,
                text="Get out more",
                weight=weight,
                voice="practitioner_summary",
                written_by=council.practitioner,
                writer_role="practitioner",
            )
            for on, moment, value in (
                (FIRST, Moment.BASELINE, -2),  # baselines are never counted
                (LATER, Moment.INTERVAL, 2),
                (LATEST, Moment.REVIEW, level),
            ):
                GoalRating.objects.create(
                    goal=goal,
                    person=person,
                    level=value,
                    moment=moment,
                    rated_by=council.practitioner,
                    how="with_help",
                    rated_on=on,
                )


def test_t_critical_values():
    assert t_critical(4) == 2.776
    assert t_critical(30) == 2.042
    assert t_critical(40) == pytest.approx(2.0211, abs=1e-4)
    assert t_critical(120) == pytest.approx(1.9799, abs=1e-4)
    assert t_critical(100_000) == pytest.approx(1.96, abs=1e-4)
    with pytest.raises(ValueError, match="at least two people"):
        t_critical(0)


def test_figures_from_fewer_than_five_people_are_not_kept():
    four = Figures.of("Small group", Tally(people=4, total=8, squares=20, up=4), True)
    assert (four.shown, four.people, four.mean, four.improved) == (False, None, None, None)
    assert four.people_words == "fewer than 5"
    assert Figures.of("Nobody", Tally(), True).people_words == "0"


# Pages ---------------------------------------------------------------------------------------


@pytest.fixture
def team_b_of_four(council, versions):
    for life in (3, 4, 5, 6):
        person = person_create(team=council.team_b, practitioner=council.other_practitioner)
        _answer(person, versions["ons4"], _ons4(life, 5), FIRST)
        _answer(person, versions["ons4"], _ons4(life + 2, 5), LATEST)


def test_the_lead_sees_every_team_and_a_team_of_four_is_suppressed(
    council, team_a, team_b_of_four, client_as
):
    response = client_as("lead").get(reverse("outcomes:report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "How people's outcomes are changing: the council" in html
    table = html[html.index('id="by-team"') : html.index("</table>", html.index('id="by-team"'))]
    assert "Team A" in table and "+0.8" in table
    team_b = table[table.index("Team B") :]
    assert "fewer than 5" in team_b.split("</tr>")[0]
    assert "+2.0" not in table  # team B's four people all went up by 2: never shown
    # The council's figures include team B's four people: nine in all.
    assert "9 people answered at least twice" in html


def test_the_csv_has_the_same_table_and_a_group_of_four_exports_no_figures(
    council, team_a, team_b_of_four, client_as
):
    response = client_as("lead").get(reverse("outcomes:report-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], rows[1:]
    assert header[5:8] == ["Group", "People with two or more answers", "Mean change"]
    by_group = {(row[4], row[5]): row for row in body}
    team_b = by_group[("By team", "Team B")]
    assert team_b[6] == "fewer than 5" and team_b[7:] == [""] * 6
    team_a_row = by_group[("By team", "Team A")]
    assert team_a_row[6:8] == ["5", "0.80"] and team_a_row[10:] == ["60.0", "20.0", "20.0"]
    assert by_group[("All", "Everyone")][6] == "9"


def test_the_team_filter(council, team_a, team_b_of_four, client_as):
    lead = client_as("lead")
    html = lead.get(reverse("outcomes:report"), {"team": council.team_b.pk}).content.decode()
    assert "outcomes are changing: Team B" in html
    assert "Fewer than 5 people have answered" in html


def test_a_team_manager_sees_only_their_team_whatever_the_query(
    council, team_a, team_b_of_four, client_as
):
    manager = client_as("manager")
    html = manager.get(reverse("outcomes:report"), {"team": council.team_b.pk}).content.decode()
    assert "outcomes are changing: Team A" in html
    assert 'name="team"' not in html
    assert "5 people answered at least twice" in html
    other = client_as("other_manager").get(reverse("outcomes:report")).content.decode()
    assert "outcomes are changing: Team B" in other and "+0.8" not in other
    rows = list(
        csv.reader(io.StringIO(manager.get(reverse("outcomes:report-csv")).content.decode()))
    )
    assert {row[0] for row in rows[1:]} == {"Team A"}


def test_a_practitioner_sees_their_team(council, team_a, client_as):
    html = client_as("practitioner").get(reverse("outcomes:report")).content.decode()
    assert "outcomes are changing: Team A" in html


def test_a_member_of_staff_without_a_team_is_told_so(council, team_a):
    client = sign_in(Client(), user_create(role=Role.TEAM_MANAGER, team=None))
    response = client.get(reverse("outcomes:report"))
    assert response.status_code == 200
    assert "You are not in a team yet" in response.content.decode()


@pytest.mark.parametrize("member", ["person_user", "supporter_user"])
def test_people_and_supporters_may_not_see_it(council, client_as, member):
    client = client_as(member)
    assert client.get(reverse("outcomes:report")).status_code == 403
    assert client.get(reverse("outcomes:report-csv")).status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start_day": "31", "start_month": "2", "start_year": "2026"}, "From must be a real date"),
        ({"start_day": "1", "start_month": "", "start_year": "2026"}, "From must include a month"),
        (
            {
                "start_day": "1",
                "start_month": "6",
                "start_year": "2026",
                "end_day": "1",
                "end_month": "5",
                "end_year": "2026",
            },
            "The ‘To’ date must be the same as or after the ‘From’ date",
        ),
        ({"measure": "nonsense"}, "Choose one of the options for measure"),
        ({"team": "999999"}, "Choose one of the options for team"),
        ({"end_day": "x", "end_month": "y", "end_year": "zzzz"}, "To must be a real date"),
    ],
)
def test_bad_query_input_is_a_clear_message(council, team_a, client_as, query, message):
    lead = client_as("lead")
    response = lead.get(reverse("outcomes:report"), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "answered at least twice" not in html
    csv_response = lead.get(reverse("outcomes:report-csv"), query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_a_period_filters_the_answers(council, team_a, client_as):
    query = {"start_day": "1", "start_month": "3", "start_year": "2026"}
    html = client_as("lead").get(reverse("outcomes:report"), query).content.decode()
    assert "Answers from 1 March 2026 onwards" in html
    assert "Fewer than 5 people have answered" in html  # only person 1 answered twice since


def test_the_number_of_queries_does_not_grow_with_people(
    council, team_a, versions, client_as, django_assert_max_num_queries
):
    lead = client_as("lead")
    url = reverse("outcomes:report")
    with django_assert_max_num_queries(14):
        assert lead.get(url).status_code == 200
    for reason in list(SupportReason)[:6]:
        team = team_create(f"More {reason.value}")
        for life in range(6):
            person = person_create(
                team=team, practitioner=council.practitioner, primary_support_reason=reason
            )
            _in_force(person, kind="paid")
            for on, value in ((FIRST, life), (LATEST, life + 1)):
                _answer(person, versions["ons4"], _ons4(value, 5), on)
                _answer(person, versions["ucla3"], _ucla((2, 2, 2)), on)
    with django_assert_max_num_queries(14):
        html = lead.get(url).content.decode()
    assert "41 people answered at least twice" in html
    with django_assert_max_num_queries(14):
        assert lead.get(reverse("outcomes:report-csv")).status_code == 200


def test_the_page_is_linked_from_the_homes(council, client_as):
    url = reverse("outcomes:report")
    for member in ("lead", "manager", "administrator"):
        assert f'href="{url}"' in client_as(member).get("/").content.decode()


def test_the_seed_answers_are_scored_as_answering_scores_them(db):
    seed_people(total=120, progress=False)
    given = Answer.objects.filter(declined=False).select_related("version")
    assert Answer.objects.filter(declined=True).exists()
    assert given.filter(complete=False).exists()  # some leave a question out
    assert given.filter(carer__isnull=False).exists()  # unpaid carers about themselves
    for answer in given:
        result = score(answer.version.definition, answer.answers)
        expected = None if result.total is None else Decimal(str(result.total))
        assert (answer.total, answer.band, answer.complete) == (
            expected,
            result.band,
            result.complete,
        )
    assert GoalRating.objects.exclude(moment=Moment.BASELINE).exists()
    report = _report(teams={})
    assert report.overall.shown  # enough people answered twice to show figures


def test_the_sums_are_kept_a_few_minutes_for_their_scope_only(
    council, team_a, team_b_of_four, client_as, settings, django_assert_max_num_queries
):
    settings.OUTCOMES_REPORT_CACHE_SECONDS = 300
    cache.clear()
    lead = client_as("lead")
    assert (
        "9 people answered at least twice" in lead.get(reverse("outcomes:report")).content.decode()
    )
    with django_assert_max_num_queries(6):  # the session, the user, teams, measures: no sums
        html = lead.get(reverse("outcomes:report")).content.decode()
    assert "9 people answered at least twice" in html and "Worked out on" in html
    # Another scope, period or measure is worked out for itself.
    team = lead.get(reverse("outcomes:report"), {"team": council.team_a.pk}).content.decode()
    assert "5 people answered at least twice" in team
    anxiety = lead.get(reverse("outcomes:report"), {"measure": "ons4.anxiety"}).content.decode()
    assert "their score changed by -0.7" in anxiety  # (−4 + 0 + 2 − 4 + 0 + 4 × 0) / 9
    cache.clear()
