import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import Role, Team, User
from alongside.accounts.tests.factories import team_create
from alongside.accounts.two_factor import hex_key_from_base32
from alongside.demo.council import ACCOUNTS, DEMO_PASSWORD, STAFF, demo_load
from alongside.demo.synthetic import seed_people
from alongside.people.models import CircleMember, Origin, Person, Relationship, Shareable
from alongside.people.tests.factories import person_create


def _counts():
    return (
        Team.objects.count(),
        User.objects.count(),
        Person.objects.count(),
        CircleMember.objects.count(),
        TOTPDevice.objects.count(),
    )


def test_the_demo_council_loads_and_loads_again_without_duplicates(db):
    demo_load()
    first = _counts()
    demo_load()
    assert _counts() == first
    teams, users, people, _circle, devices = first
    assert teams == 2
    assert users == len(ACCOUNTS)
    assert 25 <= people <= 35
    assert devices == len(STAFF)


def test_the_demo_has_every_role_and_both_stories(db):
    demo_load()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    dennis = Person.objects.get(given_name="Dennis", family_name="Ward")
    maggie = dennis.circle.get(name="Maggie Ellis")
    assert maggie.relationship == Relationship.UNPAID_CARER
    assert maggie.caring_hours_per_week == 60
    assert maggie.account.email == "maggie.ellis@demo.alongside.invalid"
    assert dennis.account.email == "dennis.ward@demo.alongside.invalid"
    ruth = Person.objects.get(given_name="Ruth", family_name="Okafor")
    anne = ruth.circle.get(name="Anne Okafor")
    assert (
        anne.is_unpaid_carer
        and anne.can_see(Shareable.PLAN)
        and not anne.can_see(Shareable.CONTACT)
    )
    assert ruth.team != dennis.team


def test_demo_refuses_a_database_holding_real_people(db):
    person_create(team=team_create())
    with pytest.raises(CommandError, match="records of real people"):
        call_command("demo")
    assert not Person.objects.filter(origin=Origin.DEMO).exists()


def test_the_demo_command_prints_every_sign_in(db, capsys):
    call_command("demo")
    printed = capsys.readouterr().out
    for account in ACCOUNTS:
        assert account.email in printed
        if account.totp_secret:
            assert account.totp_secret in printed


def test_the_totp_command_shows_codes_for_demo_accounts_only(db, capsys):
    demo_load()
    call_command("totp", STAFF[0].email)
    assert capsys.readouterr().out.strip().isdigit()
    with pytest.raises(CommandError, match="only for demo and synthetic"):
        call_command("totp", "someone@real-council.gov.uk")


def test_seed_tops_up_to_the_number_asked_for(db):
    assert seed_people(total=30, progress=False) == 30
    assert seed_people(total=45, progress=False) == 15
    assert seed_people(total=20, progress=False) == 0
    people = Person.objects.filter(origin=Origin.SYNTHETIC)
    assert people.count() == 45
    assert not people.filter(practitioner__isnull=True).exists()
    assert all(p.sort_name == Person.sort_name_for(p.given_name, p.family_name) for p in people)
    first = people.first()
    assert first.conversations.count() == 1
    assert first.statements.filter(voice="own_words", conversation__isnull=False).count() == 4
    assert first.needs.count() == 1
    practitioner = User.objects.get(email="practitioner1@seed.alongside.invalid")
    assert TOTPDevice.objects.filter(user=practitioner, confirmed=True).exists()


def test_seed_refuses_a_database_holding_real_people(db):
    person_create(team=team_create())
    with pytest.raises(CommandError, match="real people"):
        call_command("seed", "--people", "10", "--no-progress")


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda a: a.email.split("@")[0])
def test_every_printed_demo_sign_in_works(db, client, account):
    demo_load()
    response = client.post(
        "/sign-in", {"email": account.email, "password": DEMO_PASSWORD}, follow=True
    )
    if account.totp_secret:
        code = f"{totp(bytes.fromhex(hex_key_from_base32(account.totp_secret))):06d}"
        response = client.post("/two-factor", {"code": code, "next": "/"}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/"
    assert f"Signed in as {account.full_name}" in response.content.decode()


def test_the_stories_are_in_the_peoples_own_words(db):
    demo_load()
    demo_load()  # still once
    dennis = Person.objects.get(given_name="Dennis", family_name="Ward")
    words = set(dennis.statements.values_list("text", flat=True))
    assert (
        "Motorbikes. Maggie and I rode all over the country together: the Lakes, the Dales, down to Cornwall."
        in words
    )
    assert (
        dennis.statements.filter(voice="own_words", conversation__person_took_part=True).count()
        >= 7
    )
    assert dennis.statements.filter(voice="supporter_words").exists()
    assert (
        dennis.statements.get(section="interests", voice="own_words")
        .tags.filter(name="Motorbikes")
        .exists()
    )
    assert dennis.needs.filter(carer__name="Maggie Ellis").count() == 2
    ruth = Person.objects.get(given_name="Ruth", family_name="Okafor")
    assert ruth.statements.filter(text__contains="St Mary's choir").exists()
    assert ruth.conversations.get().supporters.get().name == "Anne Okafor"
    assert ruth.needs.filter(carer__name="Anne Okafor").count() == 2


def test_the_stories_have_plans_costed_against_the_traditional_package(db):
    from alongside.plans.models import Plan
    from alongside.plans.presenters import plan_view

    demo_load()
    dennis = Person.objects.get(given_name="Dennis", family_name="Ward")
    view = plan_view(Plan.objects.about(dennis).get(), person_name="Dennis")
    assert view.comparison.plan.year_pence == 276000  # sidecar £2,400 + riders' club £30 a month
    assert view.comparison.traditional.year_pence == 676000  # day centre, £65 a day, 2 days a week
    assert view.comparison.saving_pence == 400000
    assert view.voice_share == "2 of 3 ideas came from Dennis and their circle"
    ruth = Person.objects.get(given_name="Ruth", family_name="Okafor")
    ruth_view = plan_view(Plan.objects.about(ruth).get(number=1), person_name="Ruth")
    assert ruth_view.comparison.plan.year_pence == 93600  # a Parkside session a week, £18
    assert (
        ruth_view.comparison.traditional.year_pence == 1037400
    )  # home care, an hour a day at £28.50


def test_the_stories_are_agreed_by_each_party_and_ruths_next_version_waits_for_her(db):
    from alongside.plans.models import Plan
    from alongside.plans.services import agreement_state
    from alongside.threads.models import Message

    demo_load()
    dennis = Plan.objects.get(person__given_name="Dennis", number=1)
    assert dennis.status == "active"
    seats = agreement_state(dennis, practitioner_name="Sam Patel").seats
    assert [(s.name, s.agreement.decision) for s in seats] == [
        ("Dennis", "agree"),
        ("Maggie Ellis", "reservations"),
        ("Sam Patel", "agree"),
        ("Helen Brooks", "agree"),
    ]
    ruth_first = Plan.objects.get(person__given_name="Ruth", number=1)
    ruth_next = Plan.objects.get(person__given_name="Ruth", number=2)
    assert (ruth_first.status, ruth_next.status) == ("under_review", "draft")
    assert ruth_first.reviews.get().what_worked == "Anne playing the piano. Friends at Parkside."
    assert agreement_state(ruth_next, practitioner_name="Priya Shah").missing
    assert Message.objects.filter(person__given_name="Dennis").count() == 3


def test_seed_gives_most_people_a_plan_as_the_plan_services_would_leave_it(db):
    from django.db.models import Count
    from django.utils import timezone

    from alongside.plans.models import LIVE_STATUSES, Action, Agreement, Idea, Party, Plan
    from alongside.plans.services import agreement_state, plan_costs

    seed_people(total=50, progress=False)
    today = timezone.localdate()
    plans = Plan.objects.select_related("person")
    assert 25 <= plans.values("person").distinct().count() <= 45  # about 70% of 50
    assert set(plans.values_list("status", "number")) == {
        ("draft", 1),
        ("active", 1),
        ("replaced", 1),
        ("active", 2),
    }
    for status in ("draft", "active"):
        assert not (
            plans.filter(status=status).values("person").annotate(n=Count("id")).filter(n__gt=1)
        ), f"someone has two {status} plans"
    for replaced in plans.filter(status="replaced"):
        assert replaced.person.plans.filter(number=2, status="active").exists()
        assert replaced.reviews.exists()
    for plan in plans.filter(status__in=[*LIVE_STATUSES, "replaced"]):
        final = Agreement.objects.filter(plan=plan, plan_revision=plan.revision)
        assert final.filter(party=Party.PERSON).exists(), plan
        assert final.filter(party=Party.PRACTITIONER).exists(), plan
        assert not agreement_state(plan, practitioner_name="x").missing, plan
        _chosen, year, council_year, _unknown = plan_costs(list(plan.ideas.all()))
        assert (plan.year_pence, plan.council_funded_year_pence) == (year, council_year)
        assert plan.agreed_at and plan.rates_on and plan.review_due and plan.ideas_total
    for plan in plans.exclude(status="draft"):
        assert 2 <= plan.goals.count() <= 5
        assert 2 <= plan.ideas.count() <= 5
        assert 1 <= plan.actions.count() <= 4
    goal = plans.filter(status="draft").first().goals.filter(voice="own_words").first()
    assert goal.conversation.person_id == goal.plan.person_id
    tabled = Idea.objects.exclude(unit_cost=None).select_related("unit_cost")
    assert tabled.exists()
    assert all(
        i.rate_pence == i.unit_cost.amount_pence and i.unit_cost.is_illustrative for i in tabled
    )
    assert Idea.objects.filter(is_traditional=True).exists()
    assert Idea.objects.filter(funding="free", suggested_by_circle=True).exists()
    assert Action.objects.overdue(today).exists()
    assert Action.objects.filter(plan__status="active", due_on__gte=today).exists()
    live = Plan.objects.in_force()
    assert live.filter(review_due__lt=today).exists()
    assert live.filter(review_due__gte=today).exists()


def test_the_stories_show_the_change_they_describe(db):
    """Ruth: singing every week, brighter, less lonely; Anne a little better. Dennis: three
    months in, a little better and still lonely; Maggie much the same."""
    from alongside.outcomes.gas import gas_for, outcomes_due
    from alongside.outcomes.models import Instrument
    from alongside.outcomes.presenters import carers_measures, measures_for

    demo_load()
    instruments = list(Instrument.objects.order_by("name"))
    ruth = Person.objects.get(given_name="Ruth", family_name="Okafor")
    changes = [words for m in measures_for(ruth, instruments) for words in m.changes]
    assert "Life satisfaction: 4 → 7, from low to high" in changes
    assert "Loneliness: 9 → 4, from lonely to not lonely" in changes
    assert "Anxiety: 6 → 3, from high to low" in changes
    gas = gas_for(ruth)
    assert gas.change_words == "Goal score: 37.6 → 62.4 (50 means the goals went as expected)"
    assert [p.latest.level for p in gas.goals] == [2, 0]
    anne = ruth.circle.get(name="Anne Okafor")
    ons4 = [i for i in instruments if i.code == "ons4"]
    assert carers_measures(ruth, ons4)[anne.pk][0].changes[0] == (
        "Life satisfaction: 3 → 5, from low to medium"
    )
    dennis = Person.objects.get(given_name="Dennis", family_name="Ward")
    changes = [words for m in measures_for(dennis, instruments) for words in m.changes]
    assert "Life satisfaction: 3 → 5, from low to medium" in changes
    assert "Loneliness: 8 → 6, still lonely" in changes
    assert outcomes_due(dennis).moment == "interval"  # every 3 months: the next check-in is due
