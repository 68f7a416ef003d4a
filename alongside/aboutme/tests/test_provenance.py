"""Whose words are whose: forging is refused, own words are never edited by others, history stays."""

from datetime import date

import pytest
from django.urls import reverse

from alongside.aboutme.models import CheckState, Confirmation, Statement, StatementVersion, Voice
from alongside.aboutme.services import (
    EditConflict,
    ProvenanceError,
    confirmation_record,
    statement_add,
    statement_revise,
)
from alongside.conversations.services import conversation_start


def _conversation(council, *, person_took_part=True, supporters=()):
    return conversation_start(
        person=council.person,
        practitioner=council.practitioner,
        supporters=list(supporters),
        details={
            "held_on": date(2026, 3, 3),
            "place": "home",
            "kind": "what_matters",
            "person_took_part": person_took_part,
        },
    )


def _own_words(council, text="I love riding out with Maggie"):
    return statement_add(
        person=council.person,
        section="interests",
        text=text,
        voice=Voice.OWN_WORDS,
        author=council.person_user,
    )


def test_the_person_writes_in_their_own_words(council):
    statement = _own_words(council)
    assert statement.writer_role == "person"
    assert list(statement.versions.values_list("version", "text")) == [
        (1, "I love riding out with Maggie")
    ]


def test_a_practitioner_cannot_record_own_words_outside_a_conversation(council):
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.person,
            section="what_matters",
            text="I want to ride again",
            voice=Voice.OWN_WORDS,
            author=council.practitioner,
        )
    assert not Statement.objects.exists()


def test_nor_from_a_conversation_the_person_was_not_in(council):
    conversation = _conversation(council, person_took_part=False)
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.person,
            section="what_matters",
            text="I want to ride again",
            voice=Voice.OWN_WORDS,
            author=council.practitioner,
            conversation=conversation,
        )


def test_nor_from_someone_elses_conversation(council):
    other = conversation_start(
        person=council.other_person,
        practitioner=council.other_practitioner,
        supporters=[],
        details={"held_on": date(2026, 3, 3), "place": "home", "kind": "review"},
    )
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.person,
            section="what_matters",
            text="words",
            voice=Voice.OWN_WORDS,
            author=council.practitioner,
            conversation=other,
        )


def test_own_words_taken_down_with_the_person_say_so(council, client_as):
    conversation = _conversation(council)
    statement_add(
        person=council.person,
        section="what_matters",
        text="I want to ride again",
        voice=Voice.OWN_WORDS,
        author=council.practitioner,
        conversation=conversation,
    )
    html = (
        client_as("person_user")
        .get(reverse("aboutme:page", args=[council.person.pk]))
        .content.decode()
    )
    name = council.person.given_name
    assert f"Written by {council.practitioner.full_name} with {name}, 3 March 2026" in html
    assert "“I want to ride again”" in html


def test_a_supporters_words_need_a_supporter_in_the_conversation(council):
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.person,
            section="people",
            text="He lights up at the club",
            voice=Voice.SUPPORTER_WORDS,
            author=council.practitioner,
            conversation=_conversation(council),
        )
    member = council.person.circle.get()
    statement = statement_add(
        person=council.person,
        section="people",
        text="He lights up at the club",
        voice=Voice.SUPPORTER_WORDS,
        author=council.practitioner,
        conversation=_conversation(council, supporters=[member]),
    )
    assert statement.voice == Voice.SUPPORTER_WORDS


def test_a_person_cannot_write_as_anyone_else_or_on_another_record(council):
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.person,
            section="support",
            text="x",
            voice=Voice.PRACTITIONER_SUMMARY,
            author=council.person_user,
        )
    with pytest.raises(ProvenanceError):
        statement_add(
            person=council.other_person,
            section="support",
            text="x",
            voice=Voice.OWN_WORDS,
            author=council.person_user,
        )


def test_own_words_are_never_changed_by_a_practitioner_outside_a_conversation(council):
    statement = _own_words(council)
    with pytest.raises(ProvenanceError):
        statement_revise(
            statement=statement, text="Edited", author=council.practitioner, seen_version=1
        )
    statement.refresh_from_db()
    assert statement.text == "I love riding out with Maggie"


def test_a_change_is_a_new_version_and_history_stays(council):
    statement = _own_words(council)
    revised = statement_revise(
        statement=statement,
        text="I love riding out with Maggie in the sidecar",
        author=council.person_user,
        seen_version=1,
    )
    assert revised.version == 2
    versions = StatementVersion.objects.filter(statement=statement).order_by("version")
    assert [v.text for v in versions] == [
        "I love riding out with Maggie",
        "I love riding out with Maggie in the sidecar",
    ]


def test_the_later_of_two_editors_is_refused_and_nothing_is_lost(council):
    statement = statement_add(
        person=council.person,
        section="support",
        text="Visits on Tuesdays",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    statement_revise(
        statement=statement,
        text="Visits on Tuesdays and Fridays",
        author=council.colleague,
        seen_version=1,
    )
    with pytest.raises(EditConflict) as conflict:
        statement_revise(
            statement=statement,
            text="Visits on Mondays",
            author=council.practitioner,
            seen_version=1,
        )
    assert conflict.value.current.text == "Visits on Tuesdays and Fridays"
    statement.refresh_from_db()
    assert statement.version == 2


def test_the_conflict_page_shows_both_versions_side_by_side(council, client_as):
    statement = statement_add(
        person=council.person,
        section="support",
        text="Visits on Tuesdays",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    statement_revise(
        statement=statement, text="Visits on Fridays", author=council.colleague, seen_version=1
    )
    url = reverse("aboutme:change", args=[council.person.pk, statement.pk])
    response = client_as("practitioner").post(
        url, {"text": "Visits on Mondays", "voice": Voice.PRACTITIONER_SUMMARY, "seen_version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Visits on Fridays" in html  # theirs, saved
    assert "Visits on Mondays" in html  # yours, still in the box
    # Saving again, having seen theirs, is a deliberate choice and goes through.
    again = client_as("practitioner").post(
        url, {"text": "Visits on Mondays", "voice": Voice.PRACTITIONER_SUMMARY, "seen_version": 2}
    )
    assert again.status_code == 302


def test_notes_go_beside_a_statement_never_over_it(council, client_as):
    statement = _own_words(council)
    client = client_as("practitioner")
    url = reverse("aboutme:note", args=[council.person.pk, statement.pk])
    assert client.post(url, {"text": "Mobility assessment booked"}).status_code == 302
    statement.refresh_from_db()
    assert statement.text == "I love riding out with Maggie"
    history = client.get(
        reverse("aboutme:history", args=[council.person.pk, statement.pk])
    ).content.decode()
    assert "Mobility assessment booked" in history


def test_the_change_link_is_refused_for_someone_elses_words(council, client_as):
    statement = _own_words(council)
    assert (
        client_as("colleague")
        .get(reverse("aboutme:change", args=[council.person.pk, statement.pk]))
        .status_code
        == 200
    )
    summary = statement_add(
        person=council.person,
        section="support",
        text="Needs a ramp",
        voice=Voice.PRACTITIONER_SUMMARY,
        author=council.practitioner,
    )
    assert (
        client_as("person_user")
        .get(reverse("aboutme:change", args=[council.person.pk, summary.pk]))
        .status_code
        == 403
    )


def test_html_is_stored_as_text_and_shown_escaped(council, client_as):
    _own_words(council, text="<script>alert('x')</script> I like <b>bikes</b>")
    html = (
        client_as("practitioner")
        .get(reverse("aboutme:page", args=[council.person.pk]))
        .content.decode()
    )
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert Statement.objects.get().text.startswith("<script>")


def test_words_beyond_the_limit_are_refused_saying_the_limit(council, client_as):
    url = reverse("aboutme:add", args=[council.person.pk, "what_matters"])
    response = client_as("person_user").post(url, {"text": "x" * 2001})
    assert response.status_code == 400
    assert "must be 2,000 characters or fewer (you have 2001)" in response.content.decode()


def test_an_unknown_section_is_not_found(council, client_as):
    url = reverse("aboutme:add", args=[council.person.pk, "secrets"])
    assert client_as("practitioner").get(url).status_code == 404


def test_the_person_says_if_a_section_is_right(council, client_as):
    _own_words(council)
    url = reverse("aboutme:check", args=[council.person.pk, "interests"])
    client = client_as("person_user")
    missing_words = client.post(url, {"state": CheckState.NOT_QUITE, "words": ""})
    assert "Say what you would change" in missing_words.content.decode()
    assert (
        client.post(url, {"state": CheckState.NOT_QUITE, "words": "Add the sidecar"}).status_code
        == 302
    )
    assert client.post(url, {"state": CheckState.RIGHT, "words": ""}).status_code == 302
    latest = Confirmation.objects.latest_for_sections(council.person)["interests"]
    assert latest.state == CheckState.RIGHT
    assert not latest.given_in_person
    assert Confirmation.objects.count() == 2  # history kept


def test_a_practitioner_records_a_confirmation_given_in_person(council, client_as):
    confirmation = confirmation_record(
        person=council.person,
        section="interests",
        state=CheckState.RIGHT,
        words="",
        recorded_by=council.practitioner,
    )
    assert confirmation.given_in_person
    html = (
        client_as("practitioner")
        .get(reverse("aboutme:page", args=[council.person.pk]))
        .content.decode()
    )
    assert f"told {council.practitioner.full_name} in person" in html


def test_a_supporter_cannot_say_the_record_is_right(council):
    with pytest.raises(ProvenanceError):
        confirmation_record(
            person=council.person,
            section="interests",
            state=CheckState.RIGHT,
            words="",
            recorded_by=council.supporter_user,
        )


def test_a_supporters_words_say_whose_they_are_and_who_wrote_them_down(council, client_as):
    member = council.person.circle.get()
    statement_add(
        person=council.person,
        section="people",
        text="He lights up at the club",
        voice=Voice.SUPPORTER_WORDS,
        author=council.practitioner,
        conversation=_conversation(council, supporters=[member]),
    )
    html = (
        client_as("practitioner")
        .get(reverse("aboutme:page", args=[council.person.pk]))
        .content.decode()
    )
    assert (
        f"{member.name}&#x27;s words, written by {council.practitioner.full_name}, 3 March 2026"
        in html
    )


def test_with_two_supporters_the_practitioner_says_which_one_spoke(council):
    first = council.person.circle.get()
    second = council.person.circle.create(name="Bob", relationship="friend")
    conversation = _conversation(council, supporters=[first, second])
    with pytest.raises(ProvenanceError, match="which supporter"):
        statement_add(
            person=council.person,
            section="people",
            text="He lights up",
            voice=Voice.SUPPORTER_WORDS,
            author=council.practitioner,
            conversation=conversation,
        )
    statement = statement_add(
        person=council.person,
        section="people",
        text="He lights up",
        voice=Voice.SUPPORTER_WORDS,
        author=council.practitioner,
        conversation=conversation,
        speaker=second,
    )
    assert statement.speaker == second


def test_the_about_me_page_makes_the_same_queries_however_much_is_written(council, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("practitioner")
    url = reverse("aboutme:page", args=[council.person.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    _own_words(council)
    one = count()
    for n in range(20):
        statement = _own_words(council, text=f"I love gardening {n}")
        statement.notes.create(text="noted", written_by=council.practitioner)  # a note beside each
    assert count() == one
