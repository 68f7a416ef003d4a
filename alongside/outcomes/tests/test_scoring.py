"""Hand-worked examples for alongside.outcomes.scoring (pure functions: no database)."""

import pytest

from alongside.outcomes.scoring import (
    Score,
    ScoringError,
    change_words,
    check_answers,
    gas_t_score,
    score,
)

# ---------------------------------------------------------------------------------------------
# Test definitions, in the normalised shape the loader produces.


def _options(low, high):
    return [{"value": v, "label": str(v)} for v in range(low, high + 1)]


def _item(code, low, high, *, bands=(), reverse=False, **extra):
    return {
        "code": code,
        "text": f"Question {code}",
        "options": _options(low, high),
        "reverse": reverse,
        "bands": list(bands),
        **extra,
    }


def _definition(code, items, *, method, max_missing=0, convert=None, bands=(), **extra):
    return {
        "code": code,
        "name": f"Test {code}",
        "version_label": "test",
        "scoring": {
            "method": method,
            "max_missing": max_missing,
            "convert": convert,
            "bands": list(bands),
        },
        "items": items,
        "higher_is_better": True,
        **extra,
    }


# STANDARDS: items 1–3 low 0–4, medium 5–6, high 7–8, very high 9–10.
WELLBEING_BANDS = [
    {"from": 0, "to": 4, "label": "Low"},
    {"from": 5, "to": 6, "label": "Medium"},
    {"from": 7, "to": 8, "label": "High"},
    {"from": 9, "to": 10, "label": "Very high"},
]
# STANDARDS: anxiety 0–1 very low, 2–3 low, 4–5 medium, 6–10 high.
ANXIETY_BANDS = [
    {"from": 0, "to": 1, "label": "Very low"},
    {"from": 2, "to": 3, "label": "Low"},
    {"from": 4, "to": 5, "label": "Medium"},
    {"from": 6, "to": 10, "label": "High"},
]

ONS4 = _definition(
    "ons4",
    [
        _item("life_satisfaction", 0, 10, bands=WELLBEING_BANDS),
        _item("worthwhile", 0, 10, bands=WELLBEING_BANDS, label="Things I do are worthwhile"),
        _item("happiness", 0, 10, bands=WELLBEING_BANDS),
        _item("anxiety", 0, 10, bands=ANXIETY_BANDS),
    ],
    method="each",
)

UCLA3 = _definition(
    "ucla3",
    [
        {
            "code": code,
            "text": f"How often do you feel {code}?",
            "options": [
                {"value": 1, "label": "Hardly ever or never"},
                {"value": 2, "label": "Some of the time"},
                {"value": 3, "label": "Often"},
            ],
            "reverse": False,
            "bands": [],
        }
        for code in ("companionship", "left_out", "isolated")
    ],
    method="sum",
    max_missing=0,
    bands=[
        {"from": 3, "to": 5, "label": "Not lonely"},
        {"from": 6, "to": 9, "label": "Lonely"},
    ],
    label="Loneliness",
)

# STANDARDS: SWEMWBS raw 7–35 → metric score.
SWEMWBS_TABLE = {
    "7": 7.00, "8": 9.51, "9": 11.25, "10": 12.40, "11": 13.33, "12": 14.08, "13": 14.75,
    "14": 15.32, "15": 15.84, "16": 16.36, "17": 16.88, "18": 17.43, "19": 17.98, "20": 18.59,
    "21": 19.25, "22": 19.98, "23": 20.73, "24": 21.54, "25": 22.35, "26": 23.21, "27": 24.11,
    "28": 25.03, "29": 26.02, "30": 27.03, "31": 28.13, "32": 29.31, "33": 30.70, "34": 32.55,
    "35": 35.00,
}  # fmt: skip
SEVEN = [f"s{n}" for n in range(1, 8)]


def _swemwbs(table=SWEMWBS_TABLE, max_missing=0):
    # Item wording may not be shipped: codes only, no text worth the name.
    return _definition(
        "swemwbs",
        [_item(code, 1, 5) for code in SEVEN],
        method="sum",
        max_missing=max_missing,
        convert=table,
    )


def _answers(codes, values):
    return dict(zip(codes, values, strict=True))


# ---------------------------------------------------------------------------------------------
# ONS4: each item on its own, with bands


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "Low"),
        (4, "Low"),  # edge 4/5
        (5, "Medium"),
        (6, "Medium"),  # edge 6/7
        (7, "High"),
        (8, "High"),  # edge 8/9
        (9, "Very high"),
        (10, "Very high"),
    ],
)
def test_ons4_wellbeing_bands(value, band):
    result = score(ONS4, {"life_satisfaction": value, "happiness": value})
    assert result.item_bands["life_satisfaction"] == band
    assert result.item_bands["happiness"] == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "Very low"),
        (1, "Very low"),  # edge 1/2
        (2, "Low"),
        (3, "Low"),
        (4, "Medium"),
        (5, "Medium"),  # edge 5/6
        (6, "High"),
        (10, "High"),
    ],
)
def test_ons4_anxiety_bands(value, band):
    assert score(ONS4, {"anxiety": value}).item_bands == {"anxiety": band}


def test_ons4_is_not_summed_and_keeps_every_item():
    result = score(ONS4, {"life_satisfaction": 7, "worthwhile": 8, "happiness": 5, "anxiety": 2})
    assert result == Score(
        total=None,
        items={"life_satisfaction": 7, "worthwhile": 8, "happiness": 5, "anxiety": 2},
        item_bands={
            "life_satisfaction": "High",
            "worthwhile": "High",
            "happiness": "Medium",
            "anxiety": "Low",
        },
        band="",
        missing=0,
        complete=True,
    )


def test_ons4_partial_answers_are_fine():
    check_answers(ONS4, {"life_satisfaction": 3, "anxiety": None})
    result = score(ONS4, {"life_satisfaction": 3, "anxiety": None})
    assert result.items == {
        "life_satisfaction": 3,
        "worthwhile": None,
        "happiness": None,
        "anxiety": None,
    }
    assert result.item_bands == {"life_satisfaction": "Low"}
    assert result.total is None and result.missing == 3 and result.complete is False


def test_an_answer_outside_the_options_is_refused():
    with pytest.raises(ScoringError) as error:
        check_answers(ONS4, {"life_satisfaction": 11})
    assert str(error.value) == "Life satisfaction: 11 is not one of the answers (0 to 10)"
    # score() checks too, and an item's own label is used when it has one.
    with pytest.raises(ScoringError, match=r"^Things I do are worthwhile: -1 is not one"):
        score(ONS4, {"worthwhile": -1})


@pytest.mark.parametrize("value", [7.0, "7", True])
def test_only_whole_number_option_values_are_answers(value):
    with pytest.raises(ScoringError, match="is not one of the answers"):
        check_answers(ONS4, {"happiness": value})


def test_an_unknown_question_is_refused():
    with pytest.raises(ScoringError, match="Test ons4 has no question called “sleep”"):
        check_answers(ONS4, {"sleep": 5})


# ---------------------------------------------------------------------------------------------
# UCLA-3: a sum with bands, no missing items allowed


def test_ucla3_sum_and_band():
    result = score(UCLA3, {"companionship": 1, "left_out": 2, "isolated": 3})
    # 1 + 2 + 3 = 6, in 6–9 "Lonely"
    assert result.total == 6.0
    assert result.band == "Lonely"
    assert result.complete is True and result.missing == 0


def test_ucla3_lowest_total():
    result = score(UCLA3, {"companionship": 1, "left_out": 1, "isolated": 1})
    # 1 + 1 + 1 = 3, in 3–5 "Not lonely"
    assert result.total == 3.0
    assert result.band == "Not lonely"


def test_ucla3_one_missing_gives_no_total():
    result = score(UCLA3, {"companionship": 3, "left_out": 3})
    assert result.total is None
    assert result.band == ""
    assert result.missing == 1
    assert result.complete is False
    assert result.items == {"companionship": 3, "left_out": 3, "isolated": None}


def test_ucla3_zero_is_refused():
    with pytest.raises(ScoringError) as error:
        score(UCLA3, {"companionship": 0})
    assert str(error.value) == "Companionship: 0 is not one of the answers (1 to 3)"


def test_options_that_are_not_a_run_are_listed():
    definition = _definition(
        "gappy",
        [
            {
                "code": "q",
                "text": "?",
                "options": [{"value": v, "label": str(v)} for v in (4, 1, 2)],
                "reverse": False,
                "bands": [],
            }
        ],
        method="sum",
    )
    with pytest.raises(ScoringError, match=r"^Q: 3 is not one of the answers \(1, 2 or 4\)$"):
        check_answers(definition, {"q": 3})


# ---------------------------------------------------------------------------------------------
# Prorating and means

FOUR = ["a", "b", "c", "d"]
PRORATED = _definition(
    "prorated", [_item(code, 1, 5) for code in FOUR], method="sum", max_missing=1
)


def test_prorated_sum_whole_number():
    result = score(PRORATED, _answers(FOUR, [5, 4, 3, None]))
    # (5 + 4 + 3) × 4 items / 3 answered = 12 × 4 / 3 = 16.00
    assert result.total == 16.0
    assert result.missing == 1 and result.complete is False


def test_prorated_sum_rounds_to_two_places():
    result = score(PRORATED, _answers(FOUR, [5, None, 5, 4]))
    # 14 × 4 / 3 = 56 / 3 = 18.666… → 18.67
    assert result.total == 18.67


def test_prorated_sum_rounds_half_up():
    nine = [f"q{n}" for n in range(9)]
    definition = _definition("nine", [_item(c, 1, 5) for c in nine], method="sum", max_missing=1)
    result = score(definition, _answers(nine, [2, 1, 1, 1, 1, 1, 1, 1, None]))
    # 9 × 9 / 8 = 81 / 8 = 10.125 exactly → half up → 10.13 (round() would give 10.12)
    assert result.total == 10.13


def test_too_many_missing_for_prorating():
    result = score(PRORATED, _answers(FOUR, [5, None, None, 4]))
    assert result.total is None and result.missing == 2


def test_nothing_answered_has_no_total_even_when_missing_is_allowed():
    definition = _definition("lenient", [_item("a", 1, 5)], method="sum", max_missing=1)
    assert score(definition, {}).total is None


def test_mean_of_answered_items_rounds_half_up():
    eight = [f"q{n}" for n in range(8)]
    definition = _definition(
        "mean",
        [_item(c, 1, 5) for c in eight],
        method="mean",
        bands=[{"from": 1, "to": 2, "label": "Lower"}, {"from": 3, "to": 5, "label": "Higher"}],
    )
    result = score(definition, _answers(eight, [2, 1, 1, 1, 1, 1, 1, 1]))
    # 9 / 8 = 1.125 exactly → half up → 1.13
    assert result.total == 1.13
    assert result.band == "Lower"


def test_a_total_between_bands_stays_in_the_lower_band():
    definition = _definition(
        "between",
        [_item(c, 1, 3) for c in ("a", "b")],
        method="mean",
        bands=[{"from": 1, "to": 2, "label": "Lower"}, {"from": 3, "to": 3, "label": "Top"}],
    )
    # (2 + 3) / 2 = 2.5: past 2 but has not reached 3
    assert score(definition, {"a": 2, "b": 3}).band == "Lower"


# ---------------------------------------------------------------------------------------------
# Reverse scoring


def test_reverse_scored_item():
    definition = _definition(
        "reversed",
        [_item("plain", 1, 5), _item("flipped", 1, 5, reverse=True)],
        method="sum",
    )
    result = score(definition, {"plain": 2, "flipped": 2})
    # reversed value = min + max − value = 1 + 5 − 2 = 4; total 2 + 4 = 6
    assert result.items == {"plain": 2, "flipped": 4}
    assert result.total == 6.0


def test_reverse_scored_item_bands_use_the_scored_value():
    definition = _definition(
        "reversed",
        [_item("flipped", 0, 10, reverse=True, bands=WELLBEING_BANDS)],
        method="each",
    )
    # 10 + 0 − 1 = 9 → "Very high"
    assert score(definition, {"flipped": 1}).item_bands == {"flipped": "Very high"}


# ---------------------------------------------------------------------------------------------
# Conversion tables (SWEMWBS-style)


@pytest.mark.parametrize(
    ("values", "metric"),
    [
        ([1] * 7, 7.00),  # raw 7 → 7.00
        ([3] * 7, 19.25),  # raw 21 → 19.25
        ([5] * 7, 35.00),  # raw 35 → 35.00
        ([5, 5, 4, 3, 2, 2, 2], 20.73),  # raw 5+5+4+3+2+2+2 = 23 → 20.73
    ],
)
def test_swemwbs_conversion(values, metric):
    result = score(_swemwbs(), _answers(SEVEN, values))
    assert result.total == metric
    assert result.complete is True


def test_swemwbs_missing_item_gives_no_total():
    result = score(_swemwbs(), _answers(SEVEN, [3, 3, 3, 3, 3, 3, None]))
    assert result.total is None and result.missing == 1


def test_conversion_after_prorating_uses_the_nearest_whole_raw_score():
    result = score(_swemwbs(max_missing=1), _answers(SEVEN, [5, 5, 4, 2, 2, 2, None]))
    # raw 20 × 7 / 6 = 23.33… → 23 → 20.73
    assert result.total == 20.73


def test_a_gap_in_the_conversion_table_is_an_error_when_hit():
    table = {k: v for k, v in SWEMWBS_TABLE.items() if k != "21"}
    assert score(_swemwbs(table), _answers(SEVEN, [3, 3, 3, 3, 3, 3, 4])).total == 19.98
    with pytest.raises(ScoringError) as error:
        score(_swemwbs(table), _answers(SEVEN, [3] * 7))
    assert str(error.value) == (
        "Test swemwbs: the conversion table has no score for a raw total of 21"
    )


# ---------------------------------------------------------------------------------------------
# Goal Attainment Scaling


def test_gas_all_as_expected_is_50():
    assert gas_t_score([0, 0, 0]) == 50.00


def test_gas_three_goals_somewhat_less_than_expected():
    # 50 + 10·(−3) / √(0.7·3 + 0.3·9) = 50 − 30/√4.8 = 50 − 13.6931 = 36.3069 → 36.31
    assert gas_t_score([-1, -1, -1]) == 36.31
    assert gas_t_score([-1, -1, -1], weights=[1, 1, 1], rho=0.3) == 36.31


def test_gas_weighted_goals():
    # levels +2, 0; weights 2, 1:
    # Σwx = 2·2 + 1·0 = 4; Σw² = 4 + 1 = 5; (Σw)² = 3² = 9
    # denominator √(0.7·5 + 0.3·9) = √(3.5 + 2.7) = √6.2 = 2.489980
    # T = 50 + 40 / 2.489980 = 50 + 16.064387 = 66.064387 → 66.06
    assert gas_t_score([2, 0], weights=[2, 1]) == 66.06


def test_gas_single_goal():
    # one goal at +1: 50 + 10·1 / √(0.7·1 + 0.3·1) = 50 + 10 = 60.00
    assert gas_t_score([1]) == 60.00


@pytest.mark.parametrize("levels", [[3], [0, -3], [True]])
def test_gas_level_out_of_range_is_refused(levels):
    with pytest.raises(ScoringError, match=r"^A goal's level must be from -2 to 2$"):
        gas_t_score(levels)


@pytest.mark.parametrize("weights", [[0, 1], [1, -2]])
def test_gas_weight_must_be_more_than_zero(weights):
    with pytest.raises(ScoringError, match="weight must be more than 0"):
        gas_t_score([1, 1], weights=weights)


def test_gas_needs_goals_and_matching_weights():
    with pytest.raises(ScoringError, match="no goals"):
        gas_t_score([])
    with pytest.raises(ScoringError, match="2 goals but 1 weights"):
        gas_t_score([1, 1], weights=[1])


# ---------------------------------------------------------------------------------------------
# Change in words


def test_change_words_for_an_ons4_item():
    first = score(ONS4, {"life_satisfaction": 3})
    latest = score(ONS4, {"life_satisfaction": 7})
    assert change_words(ONS4, first, latest, "life_satisfaction") == (
        "Life satisfaction: 3 → 7, from low to high"
    )


def test_change_words_uses_an_items_label_and_says_still():
    first = score(ONS4, {"worthwhile": 7})
    latest = score(ONS4, {"worthwhile": 8})
    assert change_words(ONS4, first, latest, "worthwhile") == (
        "Things I do are worthwhile: 7 → 8, still high"
    )


def test_change_words_for_the_ucla3_total():
    first = score(UCLA3, {"companionship": 3, "left_out": 3, "isolated": 2})
    latest = score(UCLA3, {"companionship": 2, "left_out": 2, "isolated": 1})
    # 3+3+2 = 8 (lonely) → 2+2+1 = 5 (not lonely)
    assert change_words(UCLA3, first, latest) == "Loneliness: 8 → 5, from lonely to not lonely"


def test_change_words_when_not_answered():
    first = score(ONS4, {})
    latest = score(ONS4, {"life_satisfaction": 7})
    assert change_words(ONS4, first, latest, "life_satisfaction") == (
        "Life satisfaction: not answered → 7"
    )
    no_total = score(UCLA3, {"companionship": 3})
    assert change_words(UCLA3, no_total, latest=no_total) == (
        "Loneliness: not answered → not answered"
    )


def test_change_words_shows_decimals_and_falls_back_to_the_name():
    definition = _swemwbs()
    first = score(definition, _answers(SEVEN, [3] * 7))  # 19.25
    latest = score(definition, _answers(SEVEN, [5, 5, 4, 3, 2, 2, 2]))  # 20.73
    assert change_words(definition, first, latest) == "Test swemwbs: 19.25 → 20.73"


def test_change_words_needs_an_item_for_each_measures():
    result = score(ONS4, {})
    with pytest.raises(ScoringError, match="say which one"):
        change_words(ONS4, result, result)
    with pytest.raises(ScoringError, match="no question called “sleep”"):
        change_words(ONS4, result, result, "sleep")


# ---------------------------------------------------------------------------------------------
# Determinism


def test_scoring_is_deterministic():
    answers = _answers(FOUR, [5, None, 5, 4])
    assert score(PRORATED, answers) == score(PRORATED, dict(answers))
    ons = {"anxiety": 5, "happiness": 9}
    assert score(ONS4, ons) == score(ONS4, dict(reversed(ons.items())))
    assert gas_t_score([2, 0], [2, 1]) == gas_t_score([2, 0], [2.0, 1.0])
