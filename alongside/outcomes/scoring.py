"""Pure, deterministic scoring of outcome measures from a normalised definition dict.

Nothing here touches the database. Every function takes the definition dict the loader produces
(``code``, ``name``, ``version_label``, ``scoring``, ``items``, ``higher_is_better``) and plain
answers (item code → chosen option value, or None when not answered).

Rounding rules (all exact — Fraction or Decimal, never binary floats, until the final float):

- Totals that are not whole numbers (prorated sums, means, GAS T-scores, converted metric scores)
  are rounded **half up** (halves away from zero) to 2 decimal places.
- A prorated sum is ``sum of answered items × number of items / number answered`` — the usual
  convention, the same as filling each missing item with the mean of the answered ones.
- A conversion table is looked up with the whole-number raw total. When items were missing and
  the sum was prorated, the prorated raw total is first rounded half up to a whole number.
- Bands use the rounded value the person sees. A value reaches a band when it reaches that band's
  ``from``; so a prorated 5.5 on bands 3–5 / 6–9 is still in 3–5 (it has not reached 6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

__all__ = ["Score", "ScoringError", "change_words", "check_answers", "gas_t_score", "score"]

METHODS = ("each", "sum", "mean")
GAS_LEVELS = range(-2, 3)


class ScoringError(ValueError):
    """A definition, answer or goal that cannot be scored, with a plain-English message."""


@dataclass(frozen=True)
class Score:
    """The result of scoring one set of answers.

    ``total`` is None for method "each", and when more items are missing than the definition
    allows. ``items`` holds every item's scored value (after reverse-scoring), None when not
    answered. ``item_bands`` holds the band label of each answered item that has bands.
    ``band`` is the band of the total ("" when there is no total or no band fits).
    """

    total: float | None
    items: dict[str, int | None]
    item_bands: dict[str, str]
    band: str
    missing: int
    complete: bool


# ---------------------------------------------------------------------------------------------
# Small helpers


def _label(item: dict[str, Any]) -> str:
    """A short label for an item: its ``label`` if given, else its code as words."""
    label = item.get("label")
    if label:
        return str(label)
    return str(item["code"]).replace("_", " ").replace("-", " ").strip().capitalize()


def _measure_label(definition: dict[str, Any]) -> str:
    return str(definition.get("label") or definition.get("name") or definition.get("code", ""))


def _option_values(item: dict[str, Any]) -> list[int]:
    values = sorted(option["value"] for option in item.get("options", []))
    if not values:
        raise ScoringError(f"{_label(item)}: this question has no answers to choose from")
    return values


def _describe_values(values: list[int]) -> str:
    """Describe option values: "0 to 10" for a run of whole numbers, otherwise "1, 2 or 4"."""
    if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]} to {values[-1]}"
    words = [str(v) for v in values]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _exact(number: int | float | Fraction | Decimal) -> Fraction:
    """An exact Fraction; floats go through their shortest repr, so 19.25 stays 19.25 and 0.1 is 0.1."""
    if isinstance(number, float):
        if not math.isfinite(number):
            raise ScoringError(f"{number} is not a number that can be scored")
        return Fraction(repr(number))
    return Fraction(number)


def _round_half_up(value: Fraction, places: int = 2) -> Fraction:
    """Round exactly, halves away from zero: 18.665 → 18.67, 0.125 → 0.13, −1.005 → −1.01."""
    scale = 10**places
    magnitude = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(magnitude if value >= 0 else -magnitude, scale)


def _band(bands: list[dict[str, Any]], value: int | float | Fraction) -> str:
    """The label of the band ``value`` falls in, or "".

    Bands are inclusive ranges. In a gap between two bands (only possible for a value that is not
    a whole number) the value stays in the lower band, because it has not reached the next one.
    """
    ordered = sorted(bands, key=lambda band: _exact(band["from"]))
    exact = _exact(value)
    for index, band in enumerate(ordered):
        low, high = _exact(band["from"]), _exact(band["to"])
        if low <= exact <= high:
            return str(band["label"])
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following is not None and high < exact < _exact(following["from"]):
            return str(band["label"])
    return ""


def _format_number(value: float) -> str:
    """8.0 → "8", 18.67 → "18.67", 30.7 → "30.70"."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def _item(definition: dict[str, Any], item_code: str) -> dict[str, Any]:
    for item in definition.get("items", []):
        if item["code"] == item_code:
            return item
    raise ScoringError(f"{_measure_label(definition)} has no question called “{item_code}”")


# ---------------------------------------------------------------------------------------------
# Answers


def check_answers(definition: dict[str, Any], answers: dict[str, int | None]) -> None:
    """Refuse unknown questions and answers that are not one of a question's options.

    Missing questions, and questions answered None, are allowed: partial answers are saved.
    """
    items = {item["code"]: item for item in definition.get("items", [])}
    for code, value in answers.items():
        if code not in items:
            raise ScoringError(f"{_measure_label(definition)} has no question called “{code}”")
        if value is None:
            continue
        item = items[code]
        values = _option_values(item)
        if isinstance(value, bool) or not isinstance(value, int) or value not in values:
            raise ScoringError(
                f"{_label(item)}: {value!r} is not one of the answers ({_describe_values(values)})"
            )


# ---------------------------------------------------------------------------------------------
# Scoring


def score(definition: dict[str, Any], answers: dict[str, int | None]) -> Score:
    """Score answers against a definition. Deterministic: the same input gives an equal Score."""
    check_answers(definition, answers)
    scoring = definition.get("scoring") or {}
    method = scoring.get("method", "each")
    if method not in METHODS:
        raise ScoringError(
            f"{_measure_label(definition)}: “{method}” is not a way of scoring (each, sum or mean)"
        )
    max_missing = int(scoring.get("max_missing") or 0)
    convert = scoring.get("convert") or None
    if convert and method != "sum":
        raise ScoringError(
            f"{_measure_label(definition)}: a conversion table only works with the “sum” method"
        )

    items: dict[str, int | None] = {}
    item_bands: dict[str, str] = {}
    for item in definition.get("items", []):
        code = item["code"]
        value = answers.get(code)
        if value is None:
            items[code] = None
            continue
        if item.get("reverse"):
            values = _option_values(item)
            value = values[0] + values[-1] - value
        items[code] = value
        if item.get("bands"):
            label = _band(item["bands"], value)
            if label:
                item_bands[code] = label

    answered = [value for value in items.values() if value is not None]
    missing = len(items) - len(answered)
    total = _total(definition, method, convert, items, answered, missing, max_missing)
    band = _band(scoring.get("bands") or [], total) if total is not None else ""
    return Score(
        total=None if total is None else float(total),
        items=items,
        item_bands=item_bands,
        band=band,
        missing=missing,
        complete=missing == 0,
    )


def _total(
    definition: dict[str, Any],
    method: str,
    convert: dict[str, float] | None,
    items: dict[str, int | None],
    answered: list[int],
    missing: int,
    max_missing: int,
) -> Fraction | None:
    if method == "each" or missing > max_missing or not answered:
        return None
    raw = Fraction(sum(answered))
    if method == "mean":
        return _round_half_up(raw / len(answered))
    # "sum": prorate when some items are missing (sum × number of items / number answered).
    if missing:
        raw = raw * len(items) / len(answered)
    if not convert:
        return _round_half_up(raw)
    whole = int(_round_half_up(raw, places=0))
    if str(whole) not in convert:
        raise ScoringError(
            f"{_measure_label(definition)}: the conversion table has no score for a raw total of {whole}"
        )
    return _round_half_up(_exact(convert[str(whole)]))


# ---------------------------------------------------------------------------------------------
# Goal Attainment Scaling


def gas_t_score(levels: list[int], weights: list[float] | None = None, rho: float = 0.3) -> float:
    """The combined GAS T-score, rounded half up to 2 decimal places.

    T = 50 + 10·Σ(wᵢxᵢ) / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), levels xᵢ from −2 to +2, weights wᵢ
    (default 1 each), ρ = 0.3 by convention. T = 50 means every goal was met as expected.
    """
    if not levels:
        raise ScoringError("There are no goals to score")
    for level in levels:
        if isinstance(level, bool) or not isinstance(level, int) or level not in GAS_LEVELS:
            raise ScoringError("A goal's level must be from -2 to 2")
    if weights is None:
        weights = [1] * len(levels)
    if len(weights) != len(levels):
        raise ScoringError(f"There are {len(levels)} goals but {len(weights)} weights")
    exact_weights = []
    for weight in weights:
        if isinstance(weight, bool) or not isinstance(weight, int | float | Fraction | Decimal):
            raise ScoringError("A goal's weight must be a number more than 0")
        exact = _exact(weight)
        if exact <= 0:
            raise ScoringError("A goal's weight must be more than 0")
        exact_weights.append(exact)
    exact_rho = _exact(rho)
    if not 0 <= exact_rho <= 1:
        raise ScoringError("ρ (the assumed correlation between goals) must be from 0 to 1")

    weighted = sum((w * x for w, x in zip(exact_weights, levels, strict=True)), Fraction(0))
    sum_squares = sum((w * w for w in exact_weights), Fraction(0))
    sum_weights = sum(exact_weights, Fraction(0))
    variance = (1 - exact_rho) * sum_squares + exact_rho * sum_weights * sum_weights

    # The square root is irrational in general: take it to 60 significant digits (exact when
    # the root is exact), then round half up. A tie at the 3rd decimal needs an exact root.
    with localcontext() as context:
        context.prec = 60
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        change = Decimal(weighted.numerator) / Decimal(weighted.denominator) * 10 / root
        t_score = (Decimal(50) + change).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(t_score)


# ---------------------------------------------------------------------------------------------
# Words


def change_words(
    definition: dict[str, Any], first: Score, latest: Score, item_code: str | None = None
) -> str:
    """Say in plain English how a score moved, e.g. "Life satisfaction: 3 → 7, from low to high".

    Pass ``item_code`` for one item (needed for "each" measures); otherwise the totals are
    compared, labelled with the definition's ``label`` if it has one, else its ``name``.
    Band labels are lower-cased. When the band did not change: "…: 7 → 8, still high".
    """
    if item_code is not None:
        item = _item(definition, item_code)
        label = _label(item)
        before, after = first.items.get(item_code), latest.items.get(item_code)
        band_before = first.item_bands.get(item_code, "")
        band_after = latest.item_bands.get(item_code, "")
    else:
        method = (definition.get("scoring") or {}).get("method", "each")
        if method == "each":
            raise ScoringError(
                f"{_measure_label(definition)}: each question is reported on its own — say which one"
            )
        label = _measure_label(definition)
        before, after = first.total, latest.total
        band_before, band_after = first.band, latest.band

    words = f"{label}: {_value_words(before)} → {_value_words(after)}"
    if before is not None and after is not None and band_before and band_after:
        if band_before == band_after:
            words += f", still {band_after.lower()}"
        else:
            words += f", from {band_before.lower()} to {band_after.lower()}"
    return words


def _value_words(value: int | float | None) -> str:
    return "not answered" if value is None else _format_number(value)
