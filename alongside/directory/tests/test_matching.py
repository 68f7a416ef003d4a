"""Matching people to services: plain-words reasons, the honest no-match answer, age context,
safe keyword search, re-embedding only what changed, feedback from introductions, and the
`alongside directory match` command. Services come from the real North Lincolnshire feed,
imported by the real importer; the sentence model is the real one."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alongside.aboutme.models import Section, Statement, Voice, WriterRole
from alongside.directory import context, search
from alongside.directory.importer import import_source
from alongside.directory.matching import (
    FEEDBACK_LIMIT,
    NO_MATCH_WORDS,
    match,
    match_person,
)
from alongside.directory.models import (
    Embedding,
    Introduction,
    IntroductionOutcome,
    Service,
    ServiceStatus,
)
from alongside.needs.models import Need
from alongside.people.tests.factories import person_create
from alongside.plans.models import Goal, Plan

pytestmark = pytest.mark.django_db

FEED = Path(__file__).resolve().parents[3] / "data" / "oruk" / "feeds"
NORTH_LINCS = FEED / "north-lincolnshire-services-2024-12.json"
# A slice of the real feed (ids as published, first 8 characters): choirs, a dementia-friendly
# singing group, youth clubs, groups for older people, and some others.
CHOSEN = {
    "40472f0a": "Isle Community Choir",
    "3ee7e754": "Rock Choir",
    "be825f56": "Togetherness Singing Group",
    "fd2e5e08": "Just Sing",
    "bcc75f42": "Silver Singers Choir - Living Later Life Well",
    "e58fa9e9": "SCJC - Main Choir",
    "01418188": "Brigg Youth Club",
    "5f5311e3": "Youth Club",
    "5efa0d3a": "Kickback Youth",
    "d0822905": "Over 60s Club",
    "7c2d89be": "Evergreens",
    "0cda73ca": "Coffee Morning - Living Later Life Well",
    "5dd4b20b": "We Are With You",
    "e374ae96": "Kirton in Lindsey Cycling Club",
    "7aeece08": "Pony Club",
    "f26d6d06": "Brigg and District Gardening Club",
    "d3354c19": "Grief Cafe",
    "df9b586e": "Baby and Toddler Group",
    "a7aa1608": "Money and Debt Advice",
}
YOUTH = {"SCJC - Main Choir", "Brigg Youth Club", "Youth Club", "Kickback Youth"}


def write_feed(tmp_path, change=None, more=0) -> Path:
    everything = json.loads(NORTH_LINCS.read_text())
    items = [i for n, i in enumerate(everything) if i["id"][:8] in CHOSEN or n < more]
    if change:
        items = change(items)
    path = tmp_path / "slice.json"
    path.write_text(json.dumps(items))
    return path


def run_import(path, capture):
    with capture(execute=True):  # the importer announces changes once committed
        return import_source(str(path), progress=False)


@pytest.fixture
def directory(tmp_path, real_embeddings, django_capture_on_commit_callbacks):
    path = write_feed(tmp_path)
    run = run_import(path, django_capture_on_commit_callbacks)
    assert run.imported == len(CHOSEN)
    return path


@pytest.fixture
def big_directory(tmp_path, real_embeddings, django_capture_on_commit_callbacks):
    """The slice and the first 200 services of the feed: big enough that a word no listing uses
    ("motorbike") means the directory has nothing about it (matching.UNKNOWN_FROM_SIZE)."""
    path = write_feed(tmp_path, more=200)
    run = run_import(path, django_capture_on_commit_callbacks)
    assert run.imported >= 200
    return path


def names(result) -> list[str]:
    return [m.service.name for m in result.results]


# --- reasons and the honest answer ---------------------------------------------------------------


def test_a_choir_is_suggested_to_someone_who_loves_singing_saying_why_in_plain_words(directory):
    result = match("I used to love singing in a choir", age=70)

    assert not result.no_match
    assert result.results[0].service.name in {"Isle Community Choir", "Rock Choir"}
    top = result.results[0]
    assert top.reason.startswith("You said you used to love singing in a choir: ")
    assert "<" not in top.reason and "&nbsp;" not in top.reason
    isle = next(m for m in result.results if m.service.name == "Isle Community Choir")
    assert isle.reason.endswith("this is a weekly community choir run by professional musicians")


def test_a_dementia_friendly_singing_group_comes_first_for_singing_with_dementia(directory):
    result = match("We both love singing and she has dementia", age=78)

    assert names(result)[0] == "Togetherness Singing Group"
    assert result.results[0].reason == (
        "You said you both love singing and she has dementia: "
        "this is a dementia friendly singing group run by volunteers"
    )


def test_when_nothing_fits_it_says_so_instead_of_padding_the_list(big_directory):
    result = match("motorbike riders club", age=50)

    assert result.no_match and result.results == []
    assert result.message == NO_MATCH_WORDS
    assert "No close match nearby" in str(NO_MATCH_WORDS)


@pytest.mark.parametrize("text", ["scuba diving lessons", "pigeon racing"])
def test_other_things_the_directory_does_not_have(big_directory, text):
    assert match(text).no_match


def test_the_local_riders_club_is_found_once_staff_add_it(big_directory):
    assert match("motorbike riders club").no_match
    Service.objects.create(
        feed_id="local-riders",
        is_local=True,
        name="Scunthorpe Riders' Club",
        description="A friendly motorbike club: Sunday rides out for riders of all ages.",
    )

    result = match("motorbike riders club")

    assert names(result)[0] == "Scunthorpe Riders' Club"
    assert result.results[0].reason.startswith("You said “motorbike riders club”: ")
    assert Embedding.objects.filter(service__feed_id="local-riders").exists()


def test_a_local_service_is_embedded_again_when_staff_change_its_words(directory):
    local = Service.objects.create(
        feed_id="local-knit",
        is_local=True,
        name="Knit and Natter",
        description="Knitting and a chat over a cup of tea.",
    )
    assert names(match("knitting and a chat"))[0] == "Knit and Natter"
    before = Embedding.objects.get(service=local).checksum

    local.name = "Shirebrook Falconers"
    local.description = "Flying hawks and owls on the common, with a cup of tea after."
    local.save()

    assert names(match("I'd love to fly hawks and owls"))[0] == "Shirebrook Falconers"
    assert Embedding.objects.get(service=local).checksum != before


def test_empty_or_wordless_text_is_no_match_not_an_error(directory):
    for text in ("", "   ", "?!", "🙂"):
        assert match(text).no_match


def test_the_limit_is_kept(directory):
    assert len(match("friendly group to meet people", limit=3).results) <= 3
    assert match("friendly group to meet people", limit=0).results == []


# --- age ---------------------------------------------------------------------------------------


def test_an_80_year_old_who_wants_company_of_their_own_age_gets_no_youth_groups(directory):
    result = match("I want to get out of the house and meet people my own age", age=80)

    assert not result.no_match
    assert not YOUTH & set(names(result))
    assert {"Over 60s Club", "Evergreens", "Coffee Morning - Living Later Life Well"} & set(
        names(result)
    )
    assert "Baby and Toddler Group" not in names(result)


def test_an_age_said_in_the_words_counts_too(directory):
    result = match("I'm 80 and want some company")

    assert not YOUTH & set(names(result))


def test_a_teenager_gets_youth_clubs_and_not_groups_for_the_over_60s(directory):
    result = match("somewhere to hang out and meet other young people", age=14)

    assert {"Brigg Youth Club", "Youth Club"} & set(names(result))
    assert not {"Over 60s Club", "Silver Singers Choir - Living Later Life Well"} & set(
        names(result)
    )


def test_the_feeds_own_age_limits_are_kept(directory):
    choir = Service.objects.get(name="Rock Choir")
    choir.minimum_age = 18
    choir.save()

    assert "Rock Choir" not in names(match("I love singing in a choir", age=16))
    assert "Rock Choir" in names(match("I love singing in a choir", age=40))


@pytest.mark.parametrize(
    ("name", "audience", "description", "expected"),
    [
        ("Brigg Youth Club", "", "for young people aged between 11 and 14 years", (11, 14, False)),
        ("Kickback Youth", "", "Teenagers! Join the fun", (0, 25, False)),
        ("Junior Taekwondo", "", "Taekwondo for all", (0, 18, False)),
        ("SCJC - Main Choir", "", "singers aged between nine and 18.", (9, 18, False)),
        ("Over 50's Walking Football", "", "", (50, None, False)),
        ("Board Games", "", "Open to anybody aged 60+ - join us", (60, None, False)),
        ("Evergreens", "", "Evergreens is an older person's friendship club.", (50, None, False)),
        (
            "Dads and Kids Sessions",
            "Men",
            "Dads and their children get active",
            (None, None, False),
        ),
        ("Baby Massage", "Parents", "For babies aged 0-1 years and parents", (None, None, True)),
        ("Bingo", "", "Every Tuesday 6pm - 9pm, 2 - 4 books", (None, None, False)),
        (
            "Youth Group",
            "",
            "Meet other people within our Family Hubs. Open to all young people 10 to 17 years.",
            (10, 17, False),
        ),
        ("Kid Kitchen", "", "Play and cook for children and parent/ carers.", (None, None, False)),
        (
            "Book Chatter",
            "",
            "Suitable for toddler and pre-school aged children.",
            (None, None, True),
        ),
    ],
)
def test_who_a_listing_is_for_by_age(name, audience, description, expected):
    assert context.age_range(name, audience, description) == expected


def test_the_feeds_own_ages_win_over_the_words():
    assert context.age_range("Youth Club", "", "", minimum=16, maximum=30) == (16, 30, False)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I'm 80 and want company", 80),
        ("I am 67", 67),
        ("a 92 year old man", 92),
        ("I love 1960s music", None),
    ],
)
def test_an_age_in_someones_words(text, age):
    assert context.age_in_words(text) == age


# --- keyword search ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"',
        'choir"',
        'singing" OR "',
        "AND",
        "OR OR OR",
        "NEAR(choir singing, 2)",
        "choir*",
        "*",
        "name:choir",
        "-choir",
        "^choir",
        "(choir",
        "'; DROP TABLE directory_service; --",
        "choir AND NOT youth",
        "\x00",
        "x" * 5000,
    ],
)
def test_keyword_search_treats_any_text_as_plain_words(directory, text):
    found = search.keyword_search(text, limit=10)
    assert isinstance(found, list)
    match(text)  # and matching with it answers too
    assert Service.objects.count() >= len(CHOSEN)


def test_keyword_search_finds_words_in_names_and_descriptions_best_first(directory):
    found = search.keyword_search("choir", limit=20)
    found_names = [Service.objects.get(id=sid).name for sid, _ in found]

    assert {"Isle Community Choir", "Rock Choir", "SCJC - Main Choir"} <= set(found_names)
    ranks = [rank for _, rank in found]
    assert ranks == sorted(ranks, reverse=True) and all(rank > 0 for rank in ranks)
    assert search.keyword_search("the and of", limit=10) == []


def test_services_the_feed_no_longer_lists_are_not_found(
    directory, django_capture_on_commit_callbacks
):
    write_feed(
        directory.parent, change=lambda items: [i for i in items if i["id"][:8] != "3ee7e754"]
    )
    run_import(directory, django_capture_on_commit_callbacks)

    assert Service.objects.get(name="Rock Choir").status == ServiceStatus.INACTIVE
    assert "Rock Choir" not in names(match("I love singing in a choir"))
    found = {Service.objects.get(id=sid).name for sid, _ in search.keyword_search("rock choir")}
    assert "Rock Choir" not in found


def test_a_staff_edit_is_found_by_its_new_words_at_once(directory):
    service = Service.objects.get(name="Pony Club")
    service.description = "Learn to look after ponies, and to ride. Also: falconry."
    service.save()

    found = [sid for sid, _ in search.keyword_search("falconry")]
    assert found == [service.id]


# --- embeddings follow imports -----------------------------------------------------------------


def test_reimport_re_embeds_only_the_changed_service(
    directory, django_capture_on_commit_callbacks, monkeypatch
):
    before = dict(Embedding.objects.values_list("service__feed_id", "id"))
    assert len(before) == len(CHOSEN)
    embedded = []
    encode = search.encode_services

    def counting(texts, progress=None):
        embedded.extend(texts)
        return encode(texts, progress)

    monkeypatch.setattr(search, "encode_services", counting)

    run_import(directory, django_capture_on_commit_callbacks)  # unchanged
    assert embedded == []

    def change(items):
        for item in items:
            if item["id"][:8] == "7aeece08":
                item["description"] = "Pony club: riding lessons and stable management."
        return items

    write_feed(directory.parent, change=change)
    run_import(directory, django_capture_on_commit_callbacks)

    assert len(embedded) == 1 and "stable management" in embedded[0]
    after = dict(Embedding.objects.values_list("service__feed_id", "id"))
    pony = next(feed_id for feed_id in after if feed_id.startswith("7aeece08"))
    assert after[pony] != before[pony]
    assert {k: v for k, v in after.items() if k != pony} == {
        k: v for k, v in before.items() if k != pony
    }
    assert search.refresh_embeddings() == 0  # nothing left stale


def test_refresh_embeds_what_is_missing_and_nothing_else(directory):
    Embedding.objects.filter(service__name="Grief Cafe").delete()

    assert search.refresh_embeddings() == 1
    assert search.refresh_embeddings() == 0


# --- from a person's record --------------------------------------------------------------------


def _words(person, user, section, text):
    return Statement.objects.create(
        person=person,
        section=section,
        text=text,
        voice=Voice.OWN_WORDS,
        written_by=user,
        writer_role=WriterRole.PERSON,
    )


def test_a_persons_interests_goals_and_age_make_the_match(
    directory, council, django_assert_max_num_queries
):
    person = council.person
    person.date_of_birth = date(1946, 3, 2)
    person.save()
    _words(person, council.person_user, Section.INTERESTS, "I love singing with my sister.")
    _words(person, council.person_user, Section.WHAT_MATTERS, "Seeing my friends every week")
    _words(person, council.person_user, Section.INTERESTS, "Motorbikes")
    plan = Plan.objects.create(person=person)
    Goal.objects.create(
        plan=plan,
        text="Go out to a group once a week",
        voice=Voice.OWN_WORDS,
        written_by=council.person_user,
        writer_role=WriterRole.PERSON,
    )
    Need.objects.create(
        person=person,
        outcome="relationships",
        persons_view="I feel lonely since I stopped work",
        noted_on=date(2026, 1, 5),
        recorded_by=council.practitioner,
    )
    match("warm up")  # the model and the index are loaded once per process, not per person

    with django_assert_max_num_queries(20):
        result = match_person(person)

    assert not result.no_match
    assert not YOUTH & set(names(result))
    singing = [m for m in result.results if "Choir" in m.service.name or "Sing" in m.service.name]
    assert singing
    assert singing[0].reason.startswith("You said you love singing with your sister: ")
    # What found nothing is said too, one interest at a time.
    assert "Motorbikes" in result.unmatched
    assert "I love singing with my sister" not in result.unmatched


def test_a_person_with_nothing_written_yet_gets_the_honest_answer(directory, council):
    assert match_person(council.other_person).no_match


def test_a_goal_is_quoted_as_the_persons_plan(directory, council):
    plan = Plan.objects.create(person=council.person)
    Goal.objects.create(
        plan=plan,
        text="Join a choir",
        voice=Voice.OWN_WORDS,
        written_by=council.person_user,
        writer_role=WriterRole.PERSON,
    )
    result = match_person(council.person)
    assert result.results[0].reason.startswith("Your plan says “Join a choir”: ")


# --- feedback from introductions ---------------------------------------------------------------


def _introduce(council, service, outcome, interests):
    someone = person_create(team=council.team_a)
    _words(someone, council.practitioner, Section.INTERESTS, interests)
    Introduction.objects.create(
        person=someone,
        service=service,
        consent_given=True,
        consent_recorded_by=council.practitioner,
        outcome=outcome,
    )


def _score(text, name):
    return next(m.score for m in match(text).results if m.service.name == name)


def test_people_with_similar_interests_who_liked_a_service_lift_it(directory, council):
    rock = Service.objects.get(name="Rock Choir")
    before = _score("I love singing", "Rock Choir")

    _introduce(council, rock, IntroductionOutcome.LIKED, "Singing is my joy")
    _introduce(council, rock, IntroductionOutcome.WENT, "I love to sing")
    after = _score("I love singing", "Rock Choir")

    assert before < after <= before + FEEDBACK_LIMIT + 1e-4


def test_and_those_who_did_not_go_or_stopped_lower_it(directory, council):
    rock = Service.objects.get(name="Rock Choir")
    before = _score("I love singing", "Rock Choir")

    _introduce(council, rock, IntroductionOutcome.DID_NOT_GO, "I love singing")
    _introduce(council, rock, IntroductionOutcome.STOPPED, "Singing in a group")

    assert before - FEEDBACK_LIMIT - 1e-4 <= _score("I love singing", "Rock Choir") < before


def test_feedback_from_people_with_other_interests_and_unanswered_introductions_count_for_nothing(
    directory, council
):
    rock = Service.objects.get(name="Rock Choir")
    before = _score("I love singing", "Rock Choir")

    _introduce(council, rock, IntroductionOutcome.DID_NOT_GO, "Help with my debts and bills")
    _introduce(council, rock, IntroductionOutcome.WAITING, "I love singing")

    assert _score("I love singing", "Rock Choir") == before


# --- the command -------------------------------------------------------------------------------


def test_the_command_answers_in_json(directory, capsys):
    call_command("directory", "match", "I used to love singing in a choir", "--age", "70", "--json")

    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"no_match", "results"}
    assert answer["no_match"] is False
    first = answer["results"][0]
    assert set(first) == {"id", "name", "score", "reason"}
    assert first["id"] == Service.objects.get(name=first["name"]).feed_id
    assert isinstance(first["score"], float) and first["reason"].startswith("You said")


def test_the_command_says_no_match_in_json_and_in_words(big_directory, capsys):
    call_command("directory", "match", "motorbike riders club", "--json")
    assert json.loads(capsys.readouterr().out) == {"no_match": True, "results": []}

    call_command("directory", "match", "motorbike riders club")
    assert str(NO_MATCH_WORDS) in capsys.readouterr().out


def test_the_command_lists_matches_readably(directory, capsys):
    call_command("directory", "match", "I love singing", "--limit", "2")
    out = capsys.readouterr().out
    assert out.startswith("  1. ") and "  2. " in out and "  3. " not in out
    assert "You said you love singing" in out


def test_the_command_answers_a_file_of_queries_one_line_each_in_one_process(
    big_directory, tmp_path, capsys, monkeypatch
):
    from alongside.directory import embedding

    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        "\n".join(
            json.dumps(q)
            for q in [
                {"qid": "a", "text": "I love singing", "age": 70},
                {"qid": "b", "text": "pigeon racing", "age": None},
                {"qid": "c", "text": "I need help with my debts"},
            ]
        )
        + "\n\n"
    )
    loads = []
    monkeypatch.setattr(embedding, "_model", None)
    original = embedding.Model.__init__

    def counted(self, *args, **kwargs):
        loads.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(embedding.Model, "__init__", counted)

    call_command("directory", "match", "--queries", str(queries), "--json", "--limit", "5")

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["qid"] for line in lines] == ["a", "b", "c"]
    assert all(set(line) == {"qid", "no_match", "results"} for line in lines)
    assert lines[1] == {"qid": "b", "no_match": True, "results": []}
    assert "Debt" in lines[2]["results"][0]["name"]
    assert all(len(line["results"]) <= 5 for line in lines)
    assert loads == [1]


@pytest.mark.parametrize(
    ("arguments", "lines", "says"),
    [
        ([], None, "Give the words to match"),
        (["I love singing", "--queries", "{file}"], ["{}"], "not both"),
        (["I love singing", "--limit", "0"], None, "--limit must be"),
        (["I love singing", "--age", "200"], None, "age must be a whole number"),
        (["--queries", "{file}"], ['{"qid": 1, "text": "choir"}', "{not json"], "line 2: not JSON"),
        (["--queries", "{file}"], ['{"qid": 1}'], 'line 1: needs "text"'),
        (["--queries", "{file}"], ['{"qid": 1, "text": "x", "age": "old"}'], "line 1: the age"),
        (["--queries", "{missing}"], None, "Cannot read"),
    ],
)
def test_the_command_names_what_is_wrong(tmp_path, arguments, lines, says):
    file = tmp_path / "queries.jsonl"
    if lines is not None:
        file.write_text("\n".join(lines))
    arguments = [
        a.replace("{file}", str(file)).replace("{missing}", str(tmp_path / "nope.jsonl"))
        for a in arguments
    ]
    with pytest.raises(CommandError, match=says):
        call_command("directory", "match", *arguments)
