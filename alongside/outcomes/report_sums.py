"""The sums behind the outcomes report, worked out by the database (see outcomes.reports).

For each instrument one query keeps, with window functions over the answers partitioned by
person (ordered by date, then id), one row per person carrying each measure's first and latest
values and how many answers there were; an outer query adds up the changes per (team, primary
support reason, kind of plan). The ORM compiles the inner query (JSON, casts and subqueries differ
between SQLite and PostgreSQL); the grouping around it is plain SQL, which the ORM cannot express
over a windowed query. Only column names and ORM-compiled SQL are put into the text: every value
is a parameter."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, DenseRank
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from alongside.outcomes.models import Answer, GoalRating, InstrumentVersion, Moment
from alongside.people.models import Person
from alongside.plans.models import LIVE_STATUSES, Idea, Plan

CREATIVE, TRADITIONAL, NO_PLAN = "creative", "traditional", "none"
TRADITIONAL_KINDS = ("paid", "commissioned")
# ---------------------------------------------------------------------------------------------
# Measures


@dataclass(frozen=True)
class Measure:
    key: str  # "ons4.life_satisfaction", "ucla3"
    instrument: str
    item: str | None  # None: the instrument's total
    label: str
    higher_is_better: bool
    each: bool  # the instrument reports items on their own (counts complete answers only)
    versions: tuple[int, ...] = ()  # the instrument's versions' ids: answers to any of them
    reverse: tuple[int, int] | None = None  # (lowest, highest) option, for a reversed item

    @property
    def direction_words(self) -> str:
        return _("higher is better") if self.higher_is_better else _("lower is better")


def measures() -> list[Measure]:
    """Every measure of every instrument, from each one's current version (one query)."""
    current, versions = {}, defaultdict(list)
    for version in InstrumentVersion.objects.select_related("instrument").order_by("number"):
        current[version.instrument.code] = version.definition
        versions[version.instrument.code].append(version.pk)
    found = []
    for code, definition in sorted(current.items(), key=lambda pair: pair[1]["name"]):
        higher = bool(definition.get("higher_is_better", True))
        ids = tuple(versions[code])
        if definition["scoring"]["method"] != "each":
            label = definition.get("label") or definition["name"]
            found.append(Measure(code, code, None, label, higher, each=False, versions=ids))
            continue
        for item in definition["items"]:
            item_higher = item.get("higher_is_better", higher)
            values = [option["value"] for option in item["options"]]
            found.append(
                Measure(
                    f"{code}.{item['code']}",
                    code,
                    item["code"],
                    item.get("label") or item["code"],
                    item_higher,
                    each=True,
                    versions=ids,
                    reverse=(min(values), max(values)) if item.get("reverse") else None,
                )
            )
    return found


# ---------------------------------------------------------------------------------------------
# Sums from the database


@dataclass
class Tally:
    """Additive sums of people's changes: groups combine by adding them."""

    people: int = 0
    total: float = 0.0  # Σ change
    squares: float = 0.0  # Σ change²
    up: int = 0
    down: int = 0

    def __iadd__(self, other: "Tally") -> "Tally":
        self.people += other.people
        self.total += other.total
        self.squares += other.squares
        self.up += other.up
        self.down += other.down
        return self


@dataclass(frozen=True)
class Scope:
    """Whose answers: one team's people (team_id) or the council's (None), in a period."""

    team_id: int | None = None
    start: date | None = None
    end: date | None = None

    def answers(self) -> QuerySet:
        answers = Answer.objects.filter(declined=False)
        if self.team_id is not None:
            # Through the team's people: the answers' person index does the rest.
            team = Person.objects.filter(team_id=self.team_id).values("pk")
            answers = answers.filter(person_id__in=team)
        if self.start:
            answers = answers.filter(answered_on__gte=self.start)
        if self.end:
            answers = answers.filter(answered_on__lte=self.end)
        return answers


def _plan_kind() -> Case:
    """The kind of the plan in force of the person on a Person row."""
    in_force = Plan.objects.filter(person_id=OuterRef(OuterRef("pk")), status__in=LIVE_STATUSES)
    latest = in_force.order_by("-number").values("pk")[:1]
    creative = Idea.objects.filter(
        plan_id=Subquery(latest), chosen=True, is_traditional=False
    ).exclude(kind__in=TRADITIONAL_KINDS)
    any_plan = Plan.objects.filter(person_id=OuterRef("pk"), status__in=LIVE_STATUSES)
    return Case(
        When(Exists(creative), then=Value(CREATIVE)),
        When(Exists(any_plan), then=Value(TRADITIONAL)),
        default=Value(NO_PLAN),
    )


class JsonNumber(Func):
    """The number under one key of the answers (NULL when the question was not answered), read
    with one JSON call: the ORM's key lookup reads it three times, to tell JSON types apart."""

    output_field = FloatField()

    def __init__(self, key: str):
        self.key = key
        super().__init__(F("answers"))

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"JSON_EXTRACT({column}, %s)", (*params, f'$."{self.key}"')

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"(({column} ->> %s)::double precision)", (*params, self.key)


def _value(measure: Measure):
    if measure.item is None:
        return Cast("total", FloatField())
    value = JsonNumber(measure.item)
    if measure.reverse:
        low, high = measure.reverse
        return Value(float(low + high)) - value
    return value


def _per_person(queryset: QuerySet, partition: str, values: list) -> tuple[str, list]:
    """SQL with one row per partition (a person, or a carer) who answered at least twice: its
    id (part) and each value's latest and first (latestN, firstN).

    The answers are read once and sorted once (by partition, then latest first: by date, then
    as recorded); the window functions are few because each costs a pass (SQLite)."""
    columns = {
        "part": F(partition),
        "day": F("answered_on"),
        "seq": F("id"),
        **{f"v{i}": value for i, value in enumerate(values)},
    }
    base, params = queryset.order_by().values(**columns).query.sql_with_params()
    picks = ["part", "seq", "ROW_NUMBER() OVER w AS rn", "LAST_VALUE(seq) OVER w AS first_seq"]
    for i in range(len(values)):
        picks += [f"v{i} AS latest{i}", f"LAST_VALUE(v{i}) OVER w AS first{i}"]
    sql = (
        f"SELECT {', '.join(picks)} FROM ({base}) a "  # noqa: S608
        "WINDOW w AS (PARTITION BY part ORDER BY day DESC, seq DESC "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
    )
    # The latest row of each partition, when it is not also the first.
    return f"SELECT * FROM ({sql}) w WHERE rn = 1 AND first_seq <> seq", params  # noqa: S608


def _fetch(sql: str, params) -> list[tuple]:
    with connections[Answer.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _change_sums(count: int) -> str:
    columns = []
    for i in range(count):
        d = f"(latest{i} - first{i})"
        columns += [
            f"COUNT({d})",
            f"SUM({d})",
            f"SUM({d} * {d})",
            f"SUM(CASE WHEN {d} > 0 THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {d} < 0 THEN 1 ELSE 0 END)",
        ]
    return ", ".join(columns)


def _tallies(row, count: int, offset: int) -> list[Tally]:
    tallies = []
    for i in range(count):
        people, total, squares, up, down = row[offset + 5 * i : offset + 5 * i + 5]
        tallies.append(
            Tally(
                int(people or 0),
                float(total or 0),
                float(squares or 0),
                int(up or 0),
                int(down or 0),
            )
        )
    return tallies


GroupKey = tuple[int | None, str | None, str | None]  # (team id, support reason, kind of plan)
EVERYONE: GroupKey = (None, None, None)


def person_changes(
    scope: Scope, of: list[Measure], *, grouped: bool = True
) -> dict[GroupKey, list[Tally]]:
    """One query: a Tally per measure (all of one instrument) for each (team, primary support
    reason, kind of plan), or only for everyone (EVERYONE) when not ``grouped``."""
    first = of[0]
    answers = scope.answers().filter(_not_a_carers(), version_id__in=first.versions)
    answers = answers.filter(complete=True) if first.each else answers.filter(total__isnull=False)
    inner, params = _per_person(answers, "person_id", [_value(m) for m in of])
    sums = _change_sums(len(of))
    if not grouped:
        rows = _fetch(f"SELECT {sums} FROM ({inner}) per_person", params)  # noqa: S608
        return {EVERYONE: _tallies(rows[0], len(of), 0)} if rows else {}
    # Team, support reason and kind of plan are looked up once per person, after the window
    # (carrying them through the sort costs more than the lookups).
    people = Person.objects.filter(pk=RawSQL("w.part", ()))
    kind, kind_params = people.annotate(kind=_plan_kind()).values("kind").query.sql_with_params()
    changes = ", ".join(f"w.latest{i}, w.first{i}" for i in range(len(of)))
    # On SQLite, LIMIT -1 keeps the per-person rows a separate step, so that the kind of plan is
    # worked out once per person rather than again for the GROUP BY.
    keep = " LIMIT -1" if connections[Answer.objects.db].vendor == "sqlite" else ""
    sql = (
        f"SELECT team, reason, kind, {sums} FROM ("  # noqa: S608
        f"SELECT p.team_id AS team, p.primary_support_reason AS reason, ({kind}) AS kind, "
        f"{changes} FROM ({inner}) w "
        f"INNER JOIN {Person._meta.db_table} p ON p.{Person._meta.pk.column} = w.part{keep}"
        ") per_person GROUP BY team, reason, kind"
    )
    rows = _fetch(sql, (*kind_params, *params))
    return {(row[0], row[1], row[2]): _tallies(row, len(of), 3) for row in rows}


def _not_a_carers() -> Q:
    """The person's own answers (no carer). Written so that SQLite, without statistics, does
    not walk the carer index for the NULLs, which are nearly every answer."""
    return Q(Exact(Coalesce("carer_id", Value(0)), Value(0)))


def carer_change(scope: Scope, measure: Measure) -> Tally:
    """One query: unpaid carers' own answers (each carer in the circle counted once)."""
    answers = scope.answers().filter(
        carer__isnull=False, version_id__in=measure.versions, complete=True
    )
    inner, params = _per_person(answers, "carer_id", [_value(measure)])
    rows = _fetch(f"SELECT {_change_sums(1)} FROM ({inner}) per_carer", params)  # noqa: S608
    return _tallies(rows[0], 1, 0)[0] if rows else Tally()


def goals_met(scope: Scope) -> tuple[int, int]:
    """One query: (people rated, people whose latest goal ratings met or beat what was
    expected), from ratings after the baseline in the period."""
    ratings = GoalRating.objects.exclude(moment=Moment.BASELINE)
    if scope.team_id is not None:
        team = Person.objects.filter(team_id=scope.team_id).values("pk")
        ratings = ratings.filter(person_id__in=team)
    if scope.start:
        ratings = ratings.filter(rated_on__gte=scope.start)
    if scope.end:
        ratings = ratings.filter(rated_on__lte=scope.end)
    inner = ratings.order_by().annotate(
        weighted=F("goal__weight") * F("level"),
        day_rank=Window(
            DenseRank(), partition_by=[F("person_id")], order_by=[F("rated_on").desc()]
        ),
    )
    sql, params = inner.values("person_id", "weighted", "day_rank").query.sql_with_params()
    rows = _fetch(
        "SELECT COUNT(*), SUM(CASE WHEN s >= 0 THEN 1 ELSE 0 END) FROM ("  # noqa: S608
        f"SELECT person_id, SUM(weighted) AS s FROM ({sql}) r WHERE day_rank = 1 "
        "GROUP BY person_id) per_person",
        params,
    )
    people, met = rows[0] if rows else (0, 0)
    return int(people or 0), int(met or 0)
