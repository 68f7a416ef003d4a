from datetime import date, timedelta

import pytest
from django.urls import reverse

from alongside.aboutme.models import Statement, Voice
from alongside.conversations.models import Conversation, Note, Status


@pytest.fixture
def client(client_as):
    return client_as("practitioner")


def _start(client, council, **overrides):
    data = {
        "held_on_day": "3",
        "held_on_month": "3",
        "held_on_year": "2026",
        "kind": "what_matters",
        "place": "home",
        "person_took_part": "on",
        **overrides,
    }
    return client.post(reverse("conversations:new", args=[council.person.pk]), data)


def _conversation_url(council, conversation, name="conversations:detail", *extra):
    return reverse(name, args=[council.person.pk, conversation.pk, *extra])


def test_a_practitioner_records_a_conversation_step_by_step(client, council):
    response = _start(client, council, supporters=[council.person.circle.get().pk])
    conversation = Conversation.objects.get()
    assert response["Location"] == _conversation_url(council, conversation)
    assert conversation.status == Status.DRAFT
    assert conversation.practitioner == council.practitioner
    assert list(conversation.supporters.all()) == [council.person.circle.get()]
    page = client.get(_conversation_url(council, conversation)).content.decode()
    assert "Questions to open up" in page
    assert "Draft" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on_year": str(date.today().year + 1)}, "must be today or in the past"),
        ({"held_on_month": ""}, "must include a month"),
        ({"held_on_day": "31", "held_on_month": "2"}, "must be a real date"),
        ({"place": "elsewhere"}, "Say where the conversation happened"),
        ({"kind": ""}, "Choose what kind of conversation this was"),
    ],
)
def test_bad_details_say_what_to_fix(client, council, overrides, message):
    response = _start(client, council, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Conversation.objects.exists()


@pytest.fixture
def conversation(client, council):
    _start(client, council)
    return Conversation.objects.get()


def _add_note(client, council, conversation, text="I miss riding out", voice=Voice.OWN_WORDS):
    return client.post(
        _conversation_url(council, conversation, "conversations:note-new"),
        {"text": text, "voice": voice},
    )


def test_notes_are_added_and_saved_as_you_type(client, council, conversation):
    _add_note(client, council, conversation)
    note = Note.objects.get()
    url = _conversation_url(council, conversation, "conversations:note", note.pk)
    prefix = f"note-{note.pk}"
    response = client.post(
        url,
        {
            f"{prefix}-text": "I miss riding out with Maggie",
            f"{prefix}-voice": Voice.OWN_WORDS,
            f"{prefix}-version": 1,
        },
        headers={"X-Alongside-Autosave": "1"},
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["version"] == 2
    note.refresh_from_db()
    assert note.text == "I miss riding out with Maggie"


def test_an_autosave_from_an_older_version_is_refused_and_says_so(client, council, conversation):
    _add_note(client, council, conversation)
    note = Note.objects.get()
    url = _conversation_url(council, conversation, "conversations:note", note.pk)
    prefix = f"note-{note.pk}"
    first = {
        f"{prefix}-text": "Version from tab one",
        f"{prefix}-voice": Voice.OWN_WORDS,
        f"{prefix}-version": 1,
    }
    client.post(url, first, headers={"X-Alongside-Autosave": "1"})
    second = {**first, f"{prefix}-text": "Version from tab two"}
    response = client.post(url, second, headers={"X-Alongside-Autosave": "1"})
    assert response.status_code == 409
    assert "Version from tab one" in response.json()["message"]
    without_js = client.post(url, second)
    assert without_js.status_code == 400
    assert "Version from tab two" in without_js.content.decode()  # still in the box


def test_a_note_becomes_an_about_me_statement_keeping_its_provenance(client, council, conversation):
    _add_note(client, council, conversation)
    note = Note.objects.get()
    url = _conversation_url(council, conversation, "conversations:note-to-about-me", note.pk)
    assert client.post(url, {"section": "interests"}).status_code == 302
    statement = Statement.objects.get()
    assert (statement.voice, statement.conversation, statement.section) == (
        Voice.OWN_WORDS,
        conversation,
        "interests",
    )
    note.refresh_from_db()
    assert note.statement == statement
    about_me = client.get(reverse("aboutme:page", args=[council.person.pk])).content.decode()
    assert "“I miss riding out”" in about_me
    assert "3 March 2026" in about_me


def test_own_words_from_a_conversation_without_the_person_cannot_become_theirs(client, council):
    _start(client, council, person_took_part="")
    conversation = Conversation.objects.get()
    _add_note(client, council, conversation)
    note = Note.objects.get()
    response = client.post(
        _conversation_url(council, conversation, "conversations:note-to-about-me", note.pk),
        {"section": "interests"},
    )
    assert response.status_code == 400
    assert "did not take part" in response.content.decode()
    assert not Statement.objects.exists()


def test_a_finished_conversation_cannot_change_and_the_person_can_check_it(
    client, council, conversation, client_as
):
    _add_note(client, council, conversation)
    client.post(_conversation_url(council, conversation, "conversations:finish"))
    conversation.refresh_from_db()
    assert conversation.status == Status.RECORDED
    note = Note.objects.get()
    prefix = f"note-{note.pk}"
    response = client.post(
        _conversation_url(council, conversation, "conversations:note", note.pk),
        {f"{prefix}-text": "changed", f"{prefix}-voice": Voice.OWN_WORDS, f"{prefix}-version": 1},
    )
    assert response.status_code == 400
    person = client_as("person_user")
    check = _conversation_url(council, conversation, "conversations:check")
    assert person.post(check, {"state": "not_quite", "words": "It was Tuesday"}).status_code == 302
    page = person.get(_conversation_url(council, conversation)).content.decode()
    assert "Not quite right" in page
    assert "It was Tuesday" in page


def test_the_person_reads_their_conversations_but_cannot_write_them(
    council, conversation, client_as
):
    person = client_as("person_user")
    page = person.get(_conversation_url(council, conversation)).content.decode()
    assert "Add a note" not in page
    assert "Questions to open up" not in page
    assert person.get(reverse("conversations:new", args=[council.person.pk])).status_code == 403


def test_yesterday_is_fine(client, council):
    yesterday = date.today() - timedelta(days=1)
    response = _start(
        client,
        council,
        held_on_day=str(yesterday.day),
        held_on_month=str(yesterday.month),
        held_on_year=str(yesterday.year),
    )
    assert response.status_code == 302


def test_a_finished_conversation_waits_on_the_caseload_until_the_person_checks_it(
    client, council, conversation, client_as
):
    client.post(_conversation_url(council, conversation, "conversations:finish"))
    assert "1 conversation to check" in client.get(reverse("people:list")).content.decode()
    client_as("person_user").post(
        _conversation_url(council, conversation, "conversations:check"), {"state": "right"}
    )
    assert "conversation to check" not in client.get(reverse("people:list")).content.decode()


def test_with_two_supporters_present_the_practitioner_says_who_said_it(client, council):
    first = council.person.circle.get()
    second = council.person.circle.create(name="Bob", relationship="friend")
    _start(client, council, supporters=[first.pk, second.pk])
    conversation = Conversation.objects.get()
    _add_note(
        client, council, conversation, text="He lights up at the club", voice=Voice.SUPPORTER_WORDS
    )
    note = Note.objects.get()
    url = _conversation_url(council, conversation, "conversations:note-to-about-me", note.pk)
    missing = client.post(url, {"section": "people"})
    assert "Choose which supporter said it" in missing.content.decode()
    assert client.post(url, {"section": "people", "speaker": second.pk}).status_code == 302
    assert Statement.objects.get().speaker == second
