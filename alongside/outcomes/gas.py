"""Goal Attainment Scaling on plan goals, and when the outcome questions are due.

Each goal of the plan in force has five levels written in the person's words (on the goal). A
rating sitting records, for each goal with levels, where things stand today; the sitting's
combined T-score comes from the levels and the goals' weights (``scoring.gas_t_score``, ρ = 0.3).
The first sitting for a plan version is its baseline (usually −1, or −2 where things could get
worse); later ones are check-ins, or the review when the plan's review is near."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.outcomes.models import Answer, GasLevel, GoalRating, Moment
from alongside.outcomes.scoring import ScoringError, gas_t_score
from alongside.outcomes.services import how_for
from alongside.plans.models import Goal, Plan, PlanStatus
from alongside.plans.services import add_months

# The review's questions are due from six weeks before the review date (as on the caseload).
REVIEW_WINDOW = timedelta(weeks=6)
LEVEL_FIELDS = {
    GasLevel.MUCH_LESS: "level_much_less",
    GasLevel.LESS: "level_less",
    GasLevel.EXPECTED: "level_expected",
    GasLevel.MORE: "level_more",
    GasLevel.MUCH_MORE: "level_much_more",
}


def plan_in_force(person) -> Plan | None:
    """The version whose goals are being worked on: the latest agreed, active or under review."""
    return (
        Plan.objects.filter(person=person)
        .in_force()
        .order_by("-number")
        .prefetch_related("goals")
        .first()
    )


def level_words(goal: Goal, level: int) -> str:
    return getattr(goal, LEVEL_FIELDS[GasLevel(level)])


def has_levels(goal: Goal) -> bool:
    """A goal can be rated once every one of its five levels is written."""
    return all(getattr(goal, name).strip() for name in LEVEL_FIELDS.values())


def rated_goals(plan: Plan | None) -> list[Goal]:
    return [goal for goal in plan.goals.all() if has_levels(goal)] if plan else []


def moment_for(plan: Plan, today: date) -> str:
    """Baseline for a version's first sitting; the review once the review is near or recorded."""
    if not GoalRating.objects.filter(goal__plan=plan).exists():
        return Moment.BASELINE
    if plan.status == PlanStatus.UNDER_REVIEW or (
        plan.review_due and plan.review_due - REVIEW_WINDOW <= today
    ):
        return Moment.REVIEW
    return Moment.INTERVAL


@transaction.atomic
def ratings_record(
    *, person, plan: Plan, levels: dict[int, tuple[int, str]], by, how: str
) -> list[GoalRating]:
    """``levels``: goal id → (level −2…2, words). Every goal with levels must be rated."""
    goals = {goal.pk: goal for goal in rated_goals(plan)}
    if not goals:
        raise ScoringError(_("None of the goals has its five levels written yet"))
    unknown = set(levels) - set(goals)
    if unknown:
        raise ScoringError(_("That goal is not part of this plan"))
    missing = [goal for pk, goal in goals.items() if pk not in levels]
    if missing:
        raise ScoringError(_("Choose where things are for every goal"))
    for level, _words in levels.values():
        if level not in GasLevel.values:
            raise ScoringError(_("A goal's level must be from -2 to 2"))
    how = how_for(by, how)
    today = timezone.localdate()
    moment = moment_for(plan, today)
    return GoalRating.objects.bulk_create(
        GoalRating(
            goal=goals[pk],
            person=person,
            level=level,
            words=words,
            moment=moment,
            rated_by=by,
            how=how,
            rated_on=today,
        )
        for pk, (level, words) in levels.items()
    )


@dataclass
class GoalProgress:
    goal: Goal
    first: GoalRating | None = None
    latest: GoalRating | None = None

    @property
    def words(self) -> str:
        """“From ‘…’ to ‘…’ (what we expect)”, or where things stand after one rating."""
        if self.first is None:
            return ""
        start = level_words(self.goal, self.first.level)
        if self.latest is None or self.latest.pk == self.first.pk:
            return _("Started at: “%(words)s”") % {"words": start}
        now = level_words(self.goal, self.latest.level)
        return _("From “%(start)s” to “%(now)s” (%(level)s)") % {
            "start": start,
            "now": now,
            "level": GasLevel(self.latest.level).label.lower(),
        }


@dataclass
class Sitting:
    rated_on: date
    moment: str
    t_score: float

    @property
    def moment_label(self) -> str:
        return Moment(self.moment).label


@dataclass
class GasView:
    plan: Plan | None
    goals: list[GoalProgress] = field(default_factory=list)
    sittings: list[Sitting] = field(default_factory=list)
    unrated_goals: int = 0

    @property
    def change_words(self) -> str:
        if len(self.sittings) < 2:
            return ""
        first, latest = self.sittings[0], self.sittings[-1]
        return _("Goal score: %(first)s → %(latest)s (50 means the goals went as expected)") % {
            "first": _number(first.t_score),
            "latest": _number(latest.t_score),
        }


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def gas_for(person, plan: Plan | None = None) -> GasView:
    """The plan in force (given, or looked up), each goal's first and latest rating, and each
    sitting's T-score."""
    plan = plan or plan_in_force(person)
    if plan is None:
        return GasView(plan=None)
    goals = list(plan.goals.all())
    ratings = list(GoalRating.objects.filter(goal__plan=plan).order_by("rated_on", "id"))
    by_goal: dict[int, list[GoalRating]] = {}
    by_day: dict[tuple[date, str], list[GoalRating]] = {}
    for rating in ratings:
        by_goal.setdefault(rating.goal_id, []).append(rating)
        by_day.setdefault((rating.rated_on, rating.moment), []).append(rating)
    weights = {goal.pk: goal.weight for goal in goals}
    view = GasView(plan=plan)
    for goal in goals:
        mine = by_goal.get(goal.pk, [])
        if has_levels(goal):
            view.goals.append(
                GoalProgress(goal, mine[0] if mine else None, mine[-1] if mine else None)
            )
        else:
            view.unrated_goals += 1
    for (rated_on, moment), sitting in by_day.items():
        t_score = gas_t_score(
            [rating.level for rating in sitting], [weights[rating.goal_id] for rating in sitting]
        )
        view.sittings.append(Sitting(rated_on=rated_on, moment=moment, t_score=t_score))
    return view


# When the questions are due -------------------------------------------------------------------


@dataclass
class Due:
    moment: str
    since: date

    @property
    def words(self) -> str:
        match self.moment:
            case Moment.BASELINE:
                return _(
                    "The plan has started: time for the first answers, to measure change from."
                )
            case Moment.REVIEW:
                return _("The review is coming up: time to answer the questions again.")
            case _:
                return _("It's time to check how things are going.")


def outcomes_due(person, today: date | None = None, plan: Plan | None = None) -> Due | None:
    """Whether the outcome questions are due for the plan in force, and why.

    Baseline: the plan has started (or been agreed) and nothing was answered since a month
    before it started. Review: from six weeks before the review date, if nothing was answered
    since then. Check-in: the plan asks every N months, and the last answer is older than that.
    A "not today" counts as asked: nobody is nagged."""
    today = today or timezone.localdate()
    plan = plan or plan_in_force(person)
    if plan is None:
        return None
    started = plan.started_on or (plan.agreed_at and timezone.localdate(plan.agreed_at))
    if not started or started > today:
        return None
    last = (
        Answer.objects.filter(person=person, carer=None)
        .order_by("-answered_on")
        .values_list("answered_on", flat=True)
        .first()
    )
    baseline_from = add_months(started, -1)
    if last is None or last < baseline_from:
        return Due(Moment.BASELINE, started)
    if plan.review_due and plan.review_due - REVIEW_WINDOW <= today:
        review_from = plan.review_due - REVIEW_WINDOW
        if last < review_from:
            return Due(Moment.REVIEW, review_from)
        return None
    if plan.outcomes_every_months:
        next_on = add_months(last, plan.outcomes_every_months)
        if next_on <= today:
            return Due(Moment.INTERVAL, next_on)
    return None
