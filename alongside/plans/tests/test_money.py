"""Cost arithmetic with exact expected figures, worked by hand."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from alongside.plans.models import UnitCost
from alongside.plans.money import Cost, Unit, compare, pence_round, pounds, totals


def test_a_day_centre_two_days_a_week():
    # £65 a day × 2 days = £130 a week; × 52 = £6,760 a year.
    day_centre = Cost(rate_pence=6500, unit=Unit.DAY, units_per_week=Decimal(2))
    assert day_centre.weekly() == 13000
    assert totals([day_centre]).year_pence == 676000
    assert totals([day_centre]).weekly_pence == 13000


def test_the_sidecar_plan_against_the_day_centre():
    # Sidecar: £2,400 once. Riders' club: £30 a month = £360 a year. Plan: £2,760 a year,
    # £53.08 a week (2760 / 52 = 53.0769…). Day centre: £6,760. Saving: £4,000.
    plan = [
        Cost(one_off_pence=240000),
        Cost(rate_pence=3000, unit=Unit.MONTH, units_per_week=Decimal(1)),
    ]
    traditional = [Cost(rate_pence=6500, unit=Unit.DAY, units_per_week=Decimal(2))]
    result = compare(plan, traditional)
    assert result.plan.year_pence == 276000
    assert result.plan.weekly_pence == 5308
    assert result.traditional.year_pence == 676000
    assert result.saving_pence == 400000


def test_hours_sessions_and_weeks_mix_exactly():
    # Home care £28.50 × 1.5 hours = £42.75 a week; a session £18 × 1 = £18; respite £950 a week
    # for 1 week in 52 isn't "units a week" so is costed as 1/52 of a week each week: £18.27 (18.2692…).
    costs = [
        Cost(rate_pence=2850, unit=Unit.HOUR, units_per_week=Decimal("1.5")),
        Cost(rate_pence=1800, unit=Unit.SESSION, units_per_week=Decimal(1)),
        Cost(rate_pence=95000, unit=Unit.WEEK, units_per_week=Decimal(1) / Decimal(52)),
    ]
    result = totals(costs)
    # Year: 42.75×52 = 2,223 + 18×52 = 936 + 950 (one week's respite, up to a rounding of the
    # 1/52 typed as a decimal) = £4,109.00.
    assert result.year_pence == 410900
    assert result.weekly_pence == 7902  # 4109 / 52 = 79.0192…


def test_a_month_is_52_twelfths_of_a_week():
    monthly = Cost(rate_pence=5200, unit=Unit.MONTH, units_per_week=Decimal(1))
    assert monthly.weekly() == Fraction(5200 * 12, 52)  # exactly £12 a week
    assert totals([monthly]).year_pence == 62400  # £52 × 12


def test_rounding_happens_once_half_up():
    thirds = [Cost(rate_pence=1, unit=Unit.HOUR, units_per_week=Decimal("0.01")) for _ in range(3)]
    # Each is 0.52p a year; rounded separately they would be 1p each (3p); together 1.56p → 2p.
    assert totals(thirds).year_pence == 2
    assert pence_round(Fraction(1, 2)) == 1
    assert pence_round(Fraction(-1, 2)) == -1


def test_an_unknown_rate_is_never_zero():
    result = totals(
        [Cost(one_off_pence=1000), Cost(rate_pence=None, unit=Unit.HOUR, units_per_week=Decimal(3))]
    )
    assert result.unknown == 1
    assert result.year_pence == 1000  # "at least"
    assert pounds(None) == "cost not known"


@pytest.mark.parametrize(
    ("pence", "shown"),
    [(0, "£0"), (8550, "£85.50"), (8500, "£85"), (123456789, "£1,234,567.89"), (-5, "-£0.05")],
)
def test_pounds(pence, shown):
    assert pounds(pence) == shown


def test_the_rate_in_force_on_a_day(db):
    old = UnitCost.objects.create(
        name="Home care",
        unit=Unit.HOUR,
        amount_pence=2700,
        source="2025-26",
        effective_from=date(2025, 4, 1),
    )
    new = UnitCost.objects.create(
        name="Home care",
        unit=Unit.HOUR,
        amount_pence=2850,
        source="2026-27",
        effective_from=date(2026, 4, 1),
    )
    UnitCost.objects.create(
        name="Home care",
        unit=Unit.HOUR,
        amount_pence=3000,
        source="2027-28",
        effective_from=date(2027, 4, 1),
    )
    assert list(UnitCost.objects.in_force_on(date(2026, 3, 31))) == [old]
    assert list(UnitCost.objects.in_force_on(date(2026, 11, 26))) == [new]
    assert not UnitCost.objects.in_force_on(date(2024, 1, 1)).exists()
