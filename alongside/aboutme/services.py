"""Writing About me. Provenance is enforced here, whichever screen the words come from."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.aboutme.models import (
    AttributedWords,
    CheckState,
    Confirmation,
    InterestTag,
    Section,
    SectionState,
    Statement,
    StatementNote,
    StatementVersion,
    Voice,
    WriterRole,
)
from alongside.accounts.models import Role


class ProvenanceError(Exception):
    """Someone tried to record words as a voice that is not theirs to record."""


class EditConflict(Exception):
    """What was being edited (a statement, a goal, an idea...) changed since the editor opened it.
    Nothing is saved; both versions are kept."""

    def __init__(self, current):
        super().__init__("changed since it was opened")
        self.current = current


def writer_role_for(user) -> str:
    return {
        Role.PERSON: WriterRole.PERSON,
        Role.SUPPORTER: WriterRole.SUPPORTER,
        Role.PRACTITIONER: WriterRole.PRACTITIONER,
        Role.TEAM_MANAGER: WriterRole.PRACTITIONER,
    }[user.role]


def writes_for_others(user) -> bool:
    """Staff record other people's words and say whose they are; the person and their supporters
    write only their own."""
    return writer_role_for(user) == WriterRole.PRACTITIONER


def own_voice(user) -> str:
    """The voice of someone writing for themselves."""
    return Voice.SUPPORTER_WORDS if user.role == Role.SUPPORTER else Voice.OWN_WORDS


def voice_check(*, person, voice: str, author, conversation) -> None:
    """Own words come from the person, or from a practitioner who took them down with the person
    there in a recorded conversation. A supporter's words come from a supporter, or were said by
    one who took part in the conversation. Nobody else may put words in another's mouth."""
    role = writer_role_for(author)
    if role == WriterRole.PERSON:
        if person.account_id != author.pk or voice != Voice.OWN_WORDS:
            raise ProvenanceError(_("You can only write in your own words, on your own record."))
        return
    if role == WriterRole.SUPPORTER:
        if voice != Voice.SUPPORTER_WORDS:
            raise ProvenanceError(_("A supporter's words are recorded as a supporter's words."))
        return
    if voice == Voice.PRACTITIONER_SUMMARY:
        return
    if conversation is None or conversation.person_id != person.pk:
        raise ProvenanceError(
            _(
                "Record someone's own words from a conversation they took part in, or write a summary."
            )
        )
    if voice == Voice.OWN_WORDS and not conversation.person_took_part:
        raise ProvenanceError(
            _(
                "The person did not take part in this conversation, so these cannot be their own words."
            )
        )
    if voice == Voice.SUPPORTER_WORDS and not conversation.supporters.exists():
        raise ProvenanceError(_("No supporter took part in this conversation."))


def speaker_for(*, person, voice: str, author, conversation, speaker):
    """Who in the circle said a supporter's words: the supporter writing, the one chosen, or the
    only supporter in the conversation."""
    if voice != Voice.SUPPORTER_WORDS:
        return None
    if author.role == Role.SUPPORTER:
        return person.circle.filter(account=author).first()
    present = list(conversation.supporters.all()) if conversation else []
    if speaker is not None:
        if speaker not in present:
            raise ProvenanceError(
                _("Choose someone from the circle who took part in this conversation.")
            )
        return speaker
    if len(present) == 1:
        return present[0]
    raise ProvenanceError(_("Say which supporter said this."))


@transaction.atomic
def statement_add(
    *, person, section: str, text: str, voice: str, author, conversation=None, speaker=None
) -> Statement:
    voice_check(person=person, voice=voice, author=author, conversation=conversation)
    speaker = speaker_for(
        person=person, voice=voice, author=author, conversation=conversation, speaker=speaker
    )
    now = timezone.now()
    statement = Statement.objects.create(
        person=person,
        section=section,
        voice=voice,
        text=text,
        written_by=author,
        writer_role=writer_role_for(author),
        conversation=conversation,
        speaker=speaker,
        created_at=now,
        updated_at=now,
    )
    _version_record(statement)
    _tags_refresh(statement)
    return statement


def words_revisable_by(words: AttributedWords, *, person, user) -> bool:
    """Whether to offer the change form for a statement or a goal: the owner of the voice
    (practitioners for the person's own words only from a conversation, which the form asks for)."""
    role = writer_role_for(user)
    match words.voice:
        case Voice.OWN_WORDS:
            return role == WriterRole.PRACTITIONER or person.account_id == user.pk
        case Voice.SUPPORTER_WORDS:
            return words.written_by_id == user.pk
        case _:
            return role == WriterRole.PRACTITIONER


def may_revise(words: AttributedWords, *, person, author, conversation) -> bool:
    """Who may offer a change (above), and a practitioner changing the person's own words only
    by taking them down again with the person, in a conversation about them."""
    if not words_revisable_by(words, person=person, user=author):
        return False
    if words.voice == Voice.OWN_WORDS and writer_role_for(author) == WriterRole.PRACTITIONER:
        return (
            conversation is not None
            and conversation.person_id == person.pk
            and conversation.person_took_part
        )
    return True


@transaction.atomic
def statement_revise(
    *, statement: Statement, text: str, author, seen_version: int, conversation=None
) -> Statement:
    """A new version of the words, by whoever owns them. Refused if someone else saved first."""
    current = Statement.objects.select_for_update().select_related("person").get(pk=statement.pk)
    if current.version != seen_version:
        raise EditConflict(current)
    if not may_revise(current, person=current.person, author=author, conversation=conversation):
        raise ProvenanceError(
            _("These are someone else's words. Add a note beside them instead of changing them.")
        )
    Statement.objects.filter(pk=current.pk).update(
        text=text,
        version=F("version") + 1,
        written_by=author,
        writer_role=writer_role_for(author),
        conversation=conversation,
        updated_at=timezone.now(),
    )
    current.refresh_from_db()
    _version_record(current)
    _tags_refresh(current)
    return current


def _section_state_set(*, person, section: str, state: str) -> None:
    SectionState.objects.update_or_create(
        person=person, section=section, defaults={"state": state, "updated_at": timezone.now()}
    )


def _version_record(statement: Statement) -> None:
    if statement.writer_role != WriterRole.PERSON:
        # Words someone else wrote wait for the person to see them.
        _section_state_set(
            person=statement.person, section=statement.section, state=CheckState.NOT_SEEN
        )
    StatementVersion.objects.create(
        statement=statement,
        version=statement.version,
        text=statement.text,
        voice=statement.voice,
        written_by=statement.written_by,
        writer_role=statement.writer_role,
        conversation=statement.conversation,
        speaker=statement.speaker,
        written_at=statement.updated_at,
    )


def statement_note_add(*, statement: Statement, text: str, author) -> StatementNote:
    return StatementNote.objects.create(statement=statement, text=text, written_by=author)


def confirmation_record(
    *, person, state: str, words: str, recorded_by, section: str = "", conversation=None
) -> Confirmation:
    """The person's answer to "is this right?". Staff record it only as given in person."""
    given_in_person = recorded_by.pk != person.account_id
    if given_in_person and not recorded_by.is_staff_member:
        raise ProvenanceError(_("Only the person can say whether their record is right."))
    if section:
        _section_state_set(person=person, section=section, state=state)
    return Confirmation.objects.create(
        person=person,
        section=section,
        conversation=conversation,
        state=state,
        words=words,
        recorded_by=recorded_by,
        given_in_person=given_in_person,
    )


def _tags_refresh(statement: Statement) -> None:
    if statement.section == Section.INTERESTS:
        statement.tags.set(interest_tags_suggested(statement.text))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def interest_tags_suggested(text: str) -> list[InterestTag]:
    """Tags whose words appear in what was said: whole words, any case, plural or not."""
    said = {_singular(w.strip(".,;:!?'\"()").lower()) for w in text.split()}
    return [
        tag
        for tag in InterestTag.objects.filter(is_active=True)
        if any(_singular(word) in said for word in tag.words())
    ]
