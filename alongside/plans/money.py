"""Money is integer pence. Arithmetic on rates and units is exact (fractions of a penny are kept
until the end) and rounded once, half up, to whole pence. A month is 52/12 weeks."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKS_PER_YEAR = 52
WEEKS_PER_MONTH = Fraction(52, 12)


class Unit(models.TextChoices):
    HOUR = "hour", _("an hour")
    SESSION = "session", _("a session")
    DAY = "day", _("a day")
    WEEK = "week", _("a week")
    MONTH = "month", _("a month")
    ONE_OFF = "one_off", _("one-off")


def pence_round(amount: Fraction) -> int:
    """Whole pence, half a penny rounding up (away from zero), as councils' returns round."""
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pounds(pence: int | None) -> str:
    """£1,234.50; £85; "cost not known" (never £0) when there is no figure."""
    if pence is None:
        return str(_("cost not known"))
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}" + (f".{part:02d}" if part else "")


@dataclass(frozen=True)
class Cost:
    """One idea's or service's cost: a one-off amount and/or a recurring rate."""

    one_off_pence: int = 0
    rate_pence: int | None = None
    unit: str = Unit.ONE_OFF
    units_per_week: Decimal = Decimal(0)

    def weekly(self) -> Fraction | None:
        """The recurring part per week, exactly; None when the rate is not known."""
        if self.unit == Unit.ONE_OFF:
            return Fraction(0)
        if self.rate_pence is None:
            return None
        units = Fraction(self.units_per_week)
        if self.unit == Unit.MONTH:
            # units_per_week months a week makes no sense: a monthly cost is "units a month".
            return Fraction(self.rate_pence) * units / WEEKS_PER_MONTH
        return Fraction(self.rate_pence) * units

    def year(self) -> Fraction | None:
        """Twelve months: the one-off amount plus 52 weeks of the recurring part."""
        weekly = self.weekly()
        return None if weekly is None else Fraction(self.one_off_pence) + weekly * WEEKS_PER_YEAR


@dataclass(frozen=True)
class Totals:
    year_pence: int
    weekly_pence: int
    unknown: int  # how many costs had no rate: the totals are then "at least"


def totals(costs: list[Cost]) -> Totals:
    year = Fraction(0)
    unknown = 0
    for cost in costs:
        amount = cost.year()
        if amount is None:
            unknown += 1
            continue
        year += amount
    return Totals(
        year_pence=pence_round(year),
        weekly_pence=pence_round(year / WEEKS_PER_YEAR),
        unknown=unknown,
    )


@dataclass(frozen=True)
class Comparison:
    plan: Totals
    traditional: Totals

    @property
    def saving_pence(self) -> int:
        """Positive: the plan costs less over a year than the traditional package."""
        return self.traditional.year_pence - self.plan.year_pence


def compare(plan: list[Cost], traditional: list[Cost]) -> Comparison:
    return Comparison(plan=totals(plan), traditional=totals(traditional))
