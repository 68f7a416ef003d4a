"""Recording conversations. Notes save as they are typed; nothing typed is lost."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.aboutme.services import statement_add
from alongside.conversations.models import Conversation, Note, Status


class NoteConflict(Exception):
    def __init__(self, current: Note):
        super().__init__("note changed since it was opened")
        self.current = current


def conversation_start(*, person, practitioner, details: dict, supporters) -> Conversation:
    with transaction.atomic():
        conversation = Conversation.objects.create(
            person=person, practitioner=practitioner, **details
        )
        conversation.supporters.set(supporters)
    return conversation


def note_add(*, conversation: Conversation, text: str, voice: str, prompt=None) -> Note:
    note = Note.objects.create(conversation=conversation, text=text, voice=voice, prompt=prompt)
    Conversation.objects.filter(pk=conversation.pk).update(updated_at=timezone.now())
    return note


@transaction.atomic
def note_save(*, note: Note, text: str, voice: str, seen_version: int) -> Note:
    """Saves a new text; refused if the note changed since this editor last saw it."""
    current = Note.objects.select_for_update().get(pk=note.pk)
    if current.version != seen_version:
        raise NoteConflict(current)
    if current.text == text and current.voice == voice:
        return current
    Note.objects.filter(pk=note.pk).update(
        text=text, voice=voice, version=F("version") + 1, updated_at=timezone.now()
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def note_to_statement(*, note: Note, section: str, author, speaker=None):
    """One step from a conversation note to an About-me statement, keeping who said it."""
    conversation = note.conversation
    statement = statement_add(
        person=conversation.person,
        section=section,
        text=note.text,
        voice=note.voice,
        author=author,
        conversation=conversation,
        speaker=speaker,
    )
    note.statement = statement
    note.save(update_fields=["statement"])
    return statement


def conversation_finish(*, conversation: Conversation) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Status.RECORDED, updated_at=timezone.now(), version=F("version") + 1
    )
