"""Instrument definitions: the built-ins load, a council's licensed file loads from its own
definition, mistakes are refused with the line and the reason, and versions protect old answers."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from alongside.outcomes.definitions import (
    BUILT_IN,
    DefinitionError,
    instrument_load,
    load_built_in,
    load_file,
    parse,
)
from alongside.outcomes.models import Answer, Instrument
from alongside.outcomes.scoring import change_words, score

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = """code = "mood"
name = "Mood"
licence = "Free to use."

[scoring]
method = "sum"
bands = [{from = 2, to = 4, label = "Low"}, {from = 5, to = 6, label = "High"}]

[[items]]
code = "one"
text = "First?"
options = [{value = 1, label = "No"}, {value = 2, label = "Some"}, {value = 3, label = "Yes"}]

[[items]]
code = "two"
text = "Second?"
options = [{value = 1, label = "No"}, {value = 2, label = "Some"}, {value = 3, label = "Yes"}]
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as refused:
        parse(text, "mood.toml")
    return [str(p) for p in refused.value.problems]


def test_the_built_in_instruments_load_once(db):
    loaded = load_built_in()
    assert [(v.instrument.code, v.number, what) for v, what in loaded] == [
        ("ons4", 1, "new"),
        ("ucla3", 1, "new"),
    ]
    ons4 = loaded[0][0].definition
    assert [i["code"] for i in ons4["items"]] == [
        "life_satisfaction",
        "worthwhile",
        "happiness",
        "anxiety",
    ]
    assert ons4["items"][3]["bands"][0] == {"from": 0, "to": 1, "label": "Very low"}
    assert ons4["licence"].startswith("Free to use")
    assert [what for _v, what in load_built_in()] == ["unchanged", "unchanged"]


def test_a_licensed_instrument_loads_from_the_councils_own_file(db):
    version, what = load_file(FIXTURES / "swemwbs_test.toml")
    assert (version.instrument.code, what) == ("swemwbs", "new")
    convert = version.definition["scoring"]["convert"]
    assert (convert["7"], convert["21"], convert["35"]) == (7.0, 19.25, 35.0)
    # The project ships no licensed wording: only the free instruments are built in.
    assert sorted(p.stem for p in BUILT_IN.glob("*.toml")) == ["ons4", "ucla3"]


def test_an_item_without_options_is_refused_with_its_line():
    text = GOOD.replace(
        'options = [{value = 1, label = "No"}, {value = 2, label = "Some"}, {value = 3, label = "Yes"}]\n',
        "",
        1,
    )
    assert _problems(text) == ["line 9: item 'one' has no response options"]


def test_overlapping_bands_are_refused_with_the_line():
    text = GOOD.replace('{from = 5, to = 6, label = "High"}', '{from = 4, to = 6, label = "High"}')
    assert _problems(text) == ["line 7: the total: the band 'High' overlaps 'Low'"]


def test_a_conversion_table_with_gaps_is_refused_naming_the_missing_totals():
    text = (FIXTURES / "swemwbs_test.toml").read_text()
    text = text.replace("21 = 19.25\n", "").replace("22 = 19.98\n", "")
    with pytest.raises(DefinitionError) as refused:
        parse(text, "swemwbs.toml")
    assert [str(p) for p in refused.value.problems] == [
        "line 12: the conversion table has no score for raw total 21, 22"
    ]


def test_other_mistakes_each_get_a_line_and_a_reason():
    text = GOOD.replace('method = "sum"', 'method = "average"').replace(
        'code = "two"', 'code = "one"'
    )
    assert _problems(text) == [
        "line 6: the scoring method must be one of each, sum, mean",
        "line 15: item 'one' appears twice",
    ]
    assert _problems("code = \n") == [
        "line 1: this is not valid TOML (Invalid value (at line 1, column 8))"
    ]


def test_a_changed_definition_without_answers_is_corrected_in_place(db):
    instrument_load(parse(GOOD, "mood.toml"), source="mood.toml")
    version, what = instrument_load(
        parse(GOOD.replace("First?", "The first?"), "mood.toml"), source="mood.toml"
    )
    assert (version.number, what) == (1, "corrected")
    assert version.definition["items"][0]["text"] == "The first?"


def test_a_changed_definition_with_answers_is_a_new_version_and_old_answers_keep_theirs(
    council,
):
    first, _what = instrument_load(parse(GOOD, "mood.toml"), source="mood.toml")
    answer = Answer.objects.create(
        person=council.person,
        version=first,
        answered_by=council.person_user,
        how="self",
        answers={"one": 1, "two": 3},
    )
    second, what = instrument_load(
        parse(GOOD.replace("First?", "The first?"), "mood.toml"), source="mood.toml"
    )
    assert (second.number, what) == (2, "new")
    answer.refresh_from_db()
    assert answer.version == first
    assert answer.version.definition["items"][0]["text"] == "First?"
    assert Instrument.objects.get(code="mood").current() == second


def test_the_command_loads_and_reports_problems_with_lines(db, tmp_path):
    out = StringIO()
    call_command("outcomes", "load", "--built-in", stdout=out)
    assert out.getvalue().splitlines() == [
        "ONS4 personal wellbeing: loaded as version 1",
        "Loneliness (UCLA 3-item scale): loaded as version 1",
    ]
    bad = tmp_path / "mood.toml"
    bad.write_text(
        GOOD.replace('{from = 5, to = 6, label = "High"}', '{from = 3, to = 6, label = "High"}')
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("outcomes", "load", str(bad), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "mood.toml line 7: the total: the band 'High' overlaps 'Low'"
    ]
    assert not Instrument.objects.filter(code="mood").exists()


def test_loaded_definitions_score_as_the_standards_say(db):
    (ons4, _), (ucla3, _) = load_built_in()
    first = score(ucla3.definition, {"companionship": 3, "left_out": 3, "isolated": 2})
    latest = score(ucla3.definition, {"companionship": 2, "left_out": 2, "isolated": 1})
    assert (first.total, first.band, latest.total, latest.band) == (8, "Lonely", 5, "Not lonely")
    assert change_words(ucla3.definition, first, latest) == (
        "Loneliness: 8 → 5, from lonely to not lonely"
    )
    before = score(ons4.definition, {"life_satisfaction": 3})
    after = score(ons4.definition, {"life_satisfaction": 7, "anxiety": 6})
    assert change_words(ons4.definition, before, after, item_code="life_satisfaction") == (
        "Life satisfaction: 3 → 7, from low to high"
    )
    assert after.item_bands["anxiety"] == "High"
    swemwbs, _ = load_file(FIXTURES / "swemwbs_test.toml")
    raw_21 = {f"item{n}": 3 for n in range(1, 8)}  # 7 × 3 = 21
    assert score(swemwbs.definition, raw_21).total == 19.25
