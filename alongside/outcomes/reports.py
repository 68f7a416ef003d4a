"""Outcomes for a team or the whole council: change between each person's first and latest
answers, by team, by primary support reason and by kind of plan, and the indicators.

The database does the work: for each instrument one query finds every person's first and latest
complete answers in the period (window functions over the answers, partitioned by person) and
adds up the changes per (team, support reason, kind of plan). Python only adds those sums
together and works out means, confidence intervals and shares. The number of queries does not
grow with the number of people.

Definitions (also in docs/adr/0022 and on the page):

- An answer counts when it was not declined, falls in the period, and is complete (for a measure
  with a total: its total could be worked out under the instrument's missing-item rule).
- A person counts for a measure when they have at least two such answers; their change is latest
  minus first (latest: the last answer by date, then by the order it was recorded).
- Mean change with a 95% confidence interval: mean ± t × s ÷ √n, s the sample standard deviation
  and t Student's t for n − 1 degrees of freedom (a table to 30, Cornish-Fisher beyond).
- Improved / same / worse: the change's direction, read with the measure's direction (less
  anxiety, less loneliness is better).
- Kind of plan: of the person's plan in force (the latest agreed, active or under review version)
  today: "community or creative" when a chosen idea is neither a paid nor a commissioned service
  nor the traditional package; "traditional services only" when a plan is in force without one;
  "no plan in force" otherwise.
- No figure from fewer than SMALL_NUMBER_THRESHOLD people is shown or exported.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.dashboards import SMALL_NUMBER_THRESHOLD, suppressed
from alongside.outcomes.report_sums import (
    CREATIVE,
    EVERYONE,
    NO_PLAN,
    TRADITIONAL,
    Measure,
    Scope,
    Tally,
    carer_change,
    goals_met,
    measures,
    person_changes,
)
from alongside.people.models import SupportReason

__all__ = [
    "Figures",
    "Indicator",
    "Report",
    "Scope",
    "Sums",
    "measures",
    "report_build",
    "report_sums",
    "t_critical",
]

PLAN_KINDS = {
    CREATIVE: _("Community or creative options chosen"),
    TRADITIONAL: _("Traditional services only"),
    NO_PLAN: _("No plan in force yet"),
}
LIFE_SATISFACTION = "ons4.life_satisfaction"
LONELINESS = "ucla3"

# Two-sided 95% critical values of Student's t for 1 to 30 degrees of freedom.
T_TABLE = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
Z_975 = 1.959963984540054


def fewer_words() -> str:
    """What shows instead of a figure from 1 to 4 people: "fewer than 5"."""
    return suppressed(1)


def _signed(value: float) -> str:
    """+1.3, -0.4, and 0.0 (never -0.0)."""
    value = round(value, 1)
    return "0.0" if value == 0 else f"{value:+.1f}"


def t_critical(df: int) -> float:
    """t(0.975, df): the table to 30 degrees of freedom, then the Cornish-Fisher expansion
    of t in terms of z (three terms: within 0.0001 of the exact value from 30 up)."""
    if df < 1:
        raise ValueError("a confidence interval needs at least two people")
    if df <= len(T_TABLE):
        return T_TABLE[df - 1]
    z = Z_975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


# ---------------------------------------------------------------------------------------------
# What is shown: figures from at least SMALL_NUMBER_THRESHOLD people, or none


@dataclass(frozen=True)
class Figures:
    """One group's change on one measure. Below the threshold only the fact is kept."""

    label: str
    shown: bool = False
    people: int | None = None  # None when fewer than the threshold (and more than none)
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    improved: float | None = None  # shares, 0 to 1
    same: float | None = None
    worse: float | None = None
    nobody: bool = False

    @property
    def people_words(self) -> str:
        if self.nobody:
            return "0"
        return f"{self.people:,}" if self.shown else fewer_words()

    @property
    def mean_words(self) -> str:
        return _signed(self.mean) if self.shown else ""

    @property
    def interval_words(self) -> str:
        if not self.shown:
            return ""
        return _("%(low)s to %(high)s") % {"low": _signed(self.low), "high": _signed(self.high)}

    @property
    def shares(self) -> tuple[str, str, str]:
        """Improved, same and worse as whole percentages."""
        if not self.shown:
            return ("", "", "")
        return tuple(f"{round(share * 100)}%" for share in (self.improved, self.same, self.worse))

    @classmethod
    def of(cls, label: str, tally: Tally, higher_is_better: bool) -> "Figures":
        n = tally.people
        if n == 0:
            return cls(label, people=0, nobody=True)
        if n < SMALL_NUMBER_THRESHOLD:
            return cls(label)
        mean = tally.total / n
        variance = max(0.0, (tally.squares - tally.total * tally.total / n) / (n - 1))
        half = t_critical(n - 1) * math.sqrt(variance / n)
        better, poorer = (tally.up, tally.down) if higher_is_better else (tally.down, tally.up)
        return cls(
            label,
            shown=True,
            people=n,
            mean=mean,
            low=mean - half,
            high=mean + half,
            improved=better / n,
            same=(n - tally.up - tally.down) / n,
            worse=poorer / n,
        )


@dataclass(frozen=True)
class Indicator:
    name: str
    numerator: str
    denominator: str
    people: int | None = None  # the denominator; None when suppressed or not available
    share: float | None = None
    available: bool = True
    nobody: bool = False

    @property
    def share_words(self) -> str:
        if not self.available:
            return _("Not available: the measure is not set up")
        if self.nobody:
            return _("No one yet")
        if self.share is None:
            return _("Not shown: %(fewer)s people") % {"fewer": fewer_words()}
        return _("%(share)s%% of %(people)s people") % {
            "share": round(self.share * 100),
            "people": f"{self.people:,}",
        }

    @classmethod
    def of(cls, name, numerator, denominator, *, people: int, met: int) -> "Indicator":
        if people == 0:
            return cls(name, numerator, denominator, people=0, nobody=True)
        if people < SMALL_NUMBER_THRESHOLD:
            return cls(name, numerator, denominator)
        return cls(name, numerator, denominator, people=people, share=met / people)


@dataclass
class Report:
    scope: Scope
    measure: Measure
    overall: Figures
    groups: list[tuple[str, str, list[Figures]]] = field(default_factory=list)  # key, title, rows
    indicators: list[Indicator] = field(default_factory=list)
    worked_out_at: datetime | None = None


@dataclass(frozen=True)
class Sums:
    """What the database is asked for one report: plain numbers, so they can be kept a while."""

    grouped: dict  # GroupKey → [Tally for the measure, then any indicator measures alongside]
    everyone: dict  # measure key → Tally, for the measure and the indicator measures
    carers: Tally | None  # None when life satisfaction is not set up
    goals: tuple[int, int]  # (people rated after the baseline, people whose goals were met)
    worked_out_at: datetime


def report_sums(*, scope: Scope, measure: Measure, known: list[Measure]) -> Sums:
    """The sums for one measure in a scope, kept for REPORT_CACHE_SECONDS (settings; 300 by
    default, 0 to work them out every time): at 100,000 people they take about a second.

    Queries: one for the measure, grouped (with life satisfaction or loneliness alongside when
    they share its instrument), one for each indicator measure of another instrument (everyone
    only), one for carers and one for goals."""
    life, lonely = _find(known, LIFE_SATISFACTION), _find(known, LONELINESS)
    seconds = getattr(settings, "OUTCOMES_REPORT_CACHE_SECONDS", 300)
    # A new version of an instrument (new answers' scoring) starts afresh.
    versions = "-".join(str(v) for m in (measure, life, lonely) if m for v in m.versions)
    key = f"outcomes-report:{scope.team_id}:{scope.start}:{scope.end}:{measure.key}:{versions}"
    if seconds and (kept := cache.get(key)) is not None:
        return kept
    alongside = [
        m
        for m in (life, lonely)
        if m is not None and m.instrument == measure.instrument and m.key != measure.key
    ]
    grouped = person_changes(scope, [measure, *alongside])
    everyone = {}
    for index, m in enumerate([measure, *alongside]):
        everyone[m.key] = _summed(grouped, index, lambda _key: True)[True]
    for m in (life, lonely):
        if m is not None and m.key not in everyone:
            found = person_changes(scope, [m], grouped=False)
            everyone[m.key] = found[EVERYONE][0] if found else Tally()
    sums = Sums(
        grouped=grouped,
        everyone=everyone,
        carers=carer_change(scope, life) if life is not None else None,
        goals=goals_met(scope),
        worked_out_at=timezone.now(),
    )
    if seconds:
        cache.set(key, sums, seconds)
    return sums


def report_build(*, scope: Scope, measure: Measure, known: list[Measure], teams: dict) -> Report:
    """The report for one measure in a scope. ``known``: every measure (from measures());
    ``teams``: team id → name for the teams in scope, in the order to show them."""
    sums = report_sums(scope=scope, measure=measure, known=known)
    higher = measure.higher_is_better
    groups = []
    if scope.team_id is None:
        team_sums = _summed(sums.grouped, 0, lambda key: key[0])
        rows = [Figures.of(name, team_sums[pk], higher) for pk, name in teams.items()]
        groups.append(("team", _("By team"), rows))
    reason_sums = _summed(sums.grouped, 0, lambda key: key[1])
    groups.append(
        (
            "reason",
            _("By primary support reason"),
            [Figures.of(r.label, reason_sums[r.value], higher) for r in SupportReason],
        )
    )
    kind_sums = _summed(sums.grouped, 0, lambda key: key[2])
    groups.append(
        (
            "plan",
            _("By kind of plan"),
            [Figures.of(label, kind_sums[kind], higher) for kind, label in PLAN_KINDS.items()],
        )
    )
    overall = Figures.of(_("Everyone"), sums.everyone[measure.key], higher)
    found = {"life": _find(known, LIFE_SATISFACTION), "lonely": _find(known, LONELINESS)}
    indicators = _indicators(found, sums)
    return Report(scope, measure, overall, groups, indicators, sums.worked_out_at)


def _summed(grouped: dict, index: int, group) -> dict:
    """One measure's tallies added up per group (``group`` maps a GroupKey to the group)."""
    sums = defaultdict(Tally)
    for key, tallies in grouped.items():
        sums[group(key)] += tallies[index]
    return sums


def _indicators(found: dict, sums: Sums) -> list[Indicator]:
    indicators = []
    for measure, name, numerator, denominator in (
        (
            found["lonely"],
            _("Loneliness improved"),
            _(
                "people whose UCLA-3 loneliness score went down (less lonely) from their first "
                "to their latest answers in the period"
            ),
            _("people with at least two complete UCLA-3 answers in the period"),
        ),
        (
            found["life"],
            _("Life satisfaction improved"),
            _(
                "people whose ONS4 life satisfaction score went up from their first to their "
                "latest answers in the period"
            ),
            _("people with at least two complete ONS4 answers in the period"),
        ),
    ):
        if measure is None:
            indicators.append(Indicator(name, numerator, denominator, available=False))
            continue
        tally = sums.everyone[measure.key]
        better = tally.up if measure.higher_is_better else tally.down
        indicators.append(
            Indicator.of(name, numerator, denominator, people=tally.people, met=better)
        )
    carers = (
        _("Unpaid carers' wellbeing improved"),
        _(
            "unpaid carers whose own ONS4 life satisfaction went up from their first to their "
            "latest answers about themselves in the period"
        ),
        _("unpaid carers with at least two complete ONS4 answers about themselves in the period"),
    )
    if sums.carers is None:
        indicators.append(Indicator(*carers, available=False))
    else:
        indicators.append(Indicator.of(*carers, people=sums.carers.people, met=sums.carers.up))
    people, met = sums.goals
    indicators.append(
        Indicator.of(
            _("Goals met or beaten"),
            _(
                "people whose latest goal ratings in the period (after the baseline) met or "
                "beat what was expected: a combined goal score (T-score) of 50 or more, that "
                "is, a weighted mean level of 0 or more"
            ),
            _("people with goal ratings after the baseline in the period"),
            people=people,
            met=met,
        )
    )
    return indicators


def _find(known: list[Measure], key: str) -> Measure | None:
    return next((m for m in known if m.key == key), None)
