"""Synthetic outcome answers for the seed: ONS4 and UCLA-3 at the start and at review, a few
carers' own ONS4 answers, and Goal Attainment Scaling ratings on some plans' goals.

Shares (of the seeded people): about 60% answer at the start (baseline) and about 70% of those
again later (a few also at a check-in between); some say "not today"; some leave a question out.
Changes differ by the kind of plan in force, as one would hope they might: most for plans with a
community or creative option chosen, less for traditional services only, least with no plan.
Every score is worked out by ``outcomes.scoring.score``, as answering does."""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from alongside.outcomes.definitions import load_built_in
from alongside.outcomes.models import Answer, AnsweredHow, GoalRating, InstrumentVersion, Moment
from alongside.outcomes.scoring import score

BASELINE_SHARE = 0.6
FOLLOW_UP_SHARE = 0.7  # of those with a baseline
CHECK_IN_SHARE = 0.25  # of those followed up: one more sitting between the two
DECLINE_SHARE = 0.05
PARTIAL_SHARE = 0.05
CARER_SHARE = 0.35  # of unpaid carers in a circle: answer about their own wellbeing
GAS_SHARE = 0.4  # of plans in force: goals with five levels, rated at the start and later
TRADITIONAL_KINDS = ("paid", "commissioned")

CREATIVE, TRADITIONAL, NO_PLAN = "creative", "traditional", "none"
# Mean change first → latest on each ONS4 item (0–10), and the chance each UCLA-3 item moves one
# step less lonely / more lonely, by kind of plan.
ONS4_SHIFT = {
    CREATIVE: {"life_satisfaction": 1.3, "worthwhile": 1.2, "happiness": 1.0, "anxiety": -1.0},
    TRADITIONAL: {"life_satisfaction": 0.4, "worthwhile": 0.3, "happiness": 0.3, "anxiety": -0.3},
    NO_PLAN: {"life_satisfaction": 0.0, "worthwhile": 0.0, "happiness": 0.0, "anxiety": 0.1},
}
ONS4_START = {"life_satisfaction": 5.0, "worthwhile": 5.5, "happiness": 5.0, "anxiety": 5.0}
UCLA_STEP = {CREATIVE: (0.35, 0.08), TRADITIONAL: (0.15, 0.12), NO_PLAN: (0.1, 0.12)}
GAS_LATER = {  # chances of levels −2 … +2 at the later sitting
    CREATIVE: (5, 20, 45, 20, 10),
    TRADITIONAL: (10, 35, 40, 10, 5),
}
GOAL_LEVELS = (
    (
        "Things have gone backwards",
        "Much as things are now",
        "Doing it some of the time",
        "Doing it most weeks",
        "Doing it every week, and more besides",
    ),
    (
        "Worse than now",
        "No change",
        "Doing it with help",
        "Doing it on my own sometimes",
        "Doing it on my own whenever I want",
    ),
)
SIGN = {"anxiety": -1}  # less anxious is better
HOW = (AnsweredHow.SELF, AnsweredHow.WITH_HELP, AnsweredHow.PROXY)
HOW_WEIGHTS = (50, 42, 8)


@dataclass
class Measures:
    """The built-in instruments' current versions (loaded, as the demo does, if missing)."""

    ons4: InstrumentVersion
    ucla3: InstrumentVersion

    @classmethod
    def load(cls) -> "Measures":
        load_built_in()
        versions = {
            v.instrument.code: v
            for v in InstrumentVersion.objects.select_related("instrument").order_by("number")
        }
        return cls(ons4=versions["ons4"], ucla3=versions["ucla3"])


def plan_kind(version) -> str:
    """What the summary report calls the plan's kind (outcomes.reports)."""
    if version is None:
        return NO_PLAN
    for idea, _fields in version.ideas:
        if idea.chosen and not idea.is_traditional and idea.kind not in TRADITIONAL_KINDS:
            return CREATIVE
    return TRADITIONAL


def levels_write(rng: random.Random, version) -> None:
    """Five levels on each goal of some plans in force, before the goals are saved."""
    if rng.random() >= GAS_SHARE:
        return
    for goal in version.goals:
        words = rng.choice(GOAL_LEVELS)
        (
            goal.level_much_less,
            goal.level_less,
            goal.level_expected,
            goal.level_more,
            goal.level_much_more,
        ) = words


class _Scorer:
    """score() for each distinct set of answers once: the seed repeats a few hundred sets."""

    def __init__(self):
        self.cache = {}

    def __call__(self, version: InstrumentVersion, answers: dict):
        key = (version.pk, tuple(sorted(answers.items())))
        if key not in self.cache:
            self.cache[key] = score(version.definition, answers)
        return self.cache[key]


def outcomes_seed(rng, people, conversations, supporters, in_force, measures, today) -> int:
    """Answers and goal ratings for one batch of people; returns how many answers were made."""
    scorer = _Scorer()
    answers: list[Answer] = []
    ratings: list[GoalRating] = []
    carers = {m.person_id: m for m in supporters if m.is_unpaid_carer}
    for person in people:
        version = in_force.get(person.pk)
        kind = plan_kind(version)
        started = version.plan.started_on if version else None
        start = started or conversations[person.pk].held_on + timedelta(days=rng.randint(0, 14))
        start = min(start, today)
        if rng.random() < BASELINE_SHARE:
            sittings = _sittings(rng, start, today)
            answers.extend(_person_answers(rng, person, sittings, kind, measures, scorer))
            if (carer := carers.get(person.pk)) is not None and rng.random() < CARER_SHARE:
                answers.extend(_carer_answers(rng, person, carer, sittings, kind, measures, scorer))
        if version is not None and version.goals and version.goals[0].level_expected:
            ratings.extend(_ratings(rng, person, version, kind, start, today))
    Answer.objects.bulk_create(answers, batch_size=2000)
    GoalRating.objects.bulk_create(ratings, batch_size=2000)
    return len(answers)


def _sittings(rng, start: date, today: date) -> list[tuple[date, str]]:
    """The baseline, perhaps a check-in, perhaps the review (never after today)."""
    sittings = [(start, Moment.BASELINE)]
    later = _later(rng, start, today)
    if rng.random() < FOLLOW_UP_SHARE and later is not None:
        if rng.random() < CHECK_IN_SHARE:
            sittings.append((start + (later - start) / 2, Moment.INTERVAL))
        sittings.append((later, Moment.REVIEW))
    return sittings


def _later(rng, start: date, today: date) -> date | None:
    """A review three to nine months on; sooner (up to today) for plans started lately, and
    none for a plan under six weeks old."""
    later = start + timedelta(days=rng.randint(90, 270))
    if later > today:
        later = today - timedelta(days=rng.randint(0, 20))
    return later if later - start >= timedelta(weeks=6) else None


def _person_answers(rng, person, sittings, kind, measures, scorer) -> list[Answer]:
    made = []
    ons4 = {code: rng.gauss(mean, 2.0) for code, mean in ONS4_START.items()}
    ucla = [rng.choices((1, 2, 3), weights=(25, 40, 35))[0] for _ in range(3)]
    last = len(sittings) - 1
    for index, (on, _moment) in enumerate(sittings):
        share = index / last if last else 0
        values = {
            code: _nought_to_ten(start + ONS4_SHIFT[kind][code] * share + rng.gauss(0, 1.2))
            for code, start in ons4.items()
        }
        made.append(_answer(rng, person, measures.ons4, values, on, scorer))
        if index:
            down, up = UCLA_STEP[kind]
            ucla = [_step(rng, value, down, up) for value in ucla]
        items = dict(zip(("companionship", "left_out", "isolated"), ucla, strict=True))
        made.append(_answer(rng, person, measures.ucla3, items, on, scorer))
    return made


def _carer_answers(rng, person, carer, sittings, kind, measures, scorer) -> list[Answer]:
    made = []
    shift = 0.6 if kind == CREATIVE else 0.1
    ons4 = {code: rng.gauss(mean - 0.5, 2.0) for code, mean in ONS4_START.items()}
    last = len(sittings) - 1
    for index, (on, _moment) in enumerate(sittings):
        share = index / last if last else 0
        values = {
            code: _nought_to_ten(start + SIGN.get(code, 1) * shift * share + rng.gauss(0, 1.2))
            for code, start in ons4.items()
        }
        made.append(_answer(rng, person, measures.ons4, values, on, scorer, carer=carer))
    return made


def _nought_to_ten(value: float) -> int:
    return min(10, max(0, round(value)))


def _step(rng, value: int, down: float, up: float) -> int:
    roll = rng.random()
    if roll < down:
        return max(1, value - 1)
    if roll < down + up:
        return min(3, value + 1)
    return value


def _answer(rng, person, version, values, on: date, scorer, *, carer=None) -> Answer:
    at = datetime.combine(on, time(11), tzinfo=UTC)
    how = AnsweredHow.SELF if carer else rng.choices(HOW, weights=HOW_WEIGHTS)[0]
    common = {
        "person": person,
        "carer": carer,
        "version": version,
        "answered_by_id": person.practitioner_id,
        "how": how,
        "answered_on": on,
        "created_at": at,
    }
    if rng.random() < DECLINE_SHARE:
        return Answer(declined=True, **common)
    given = dict(values)
    if rng.random() < PARTIAL_SHARE:
        given.pop(rng.choice(list(given)))
    result = scorer(version, given)
    return Answer(
        answers=given,
        total=None if result.total is None else Decimal(str(result.total)),
        band=result.band,
        complete=result.complete,
        **common,
    )


def _ratings(rng, person, version, kind, start: date, today: date) -> list[GoalRating]:
    made = []
    later = _later(rng, start, today)
    sittings = [(start, Moment.BASELINE)]
    if rng.random() < FOLLOW_UP_SHARE and later is not None:
        sittings.append((later, rng.choice((Moment.INTERVAL, Moment.REVIEW))))
    for on, moment in sittings:
        for goal in version.goals:
            if moment == Moment.BASELINE:
                level = -2 if rng.random() < 0.2 else -1
            else:
                level = rng.choices(range(-2, 3), weights=GAS_LATER[kind])[0]
            made.append(
                GoalRating(
                    goal=goal,
                    person=person,
                    level=level,
                    moment=moment,
                    rated_by_id=person.practitioner_id,
                    how=rng.choices(HOW, weights=HOW_WEIGHTS)[0],
                    rated_on=on,
                    created_at=datetime.combine(on, time(11), tzinfo=UTC),
                )
            )
    return made
