"""How About me reads on the page: quotes, summaries, who wrote what, and whether it is right."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from alongside.aboutme.models import CheckState, Confirmation, Section, Statement, Voice, WriterRole


def _day(moment) -> str:
    return formats.date_format(moment, "j F Y")


def provenance(
    *,
    voice: str,
    writer_name: str,
    writer_role: str,
    person_name: str,
    at,
    with_person: bool,
    speaker_name: str = "",
) -> str:
    """Who wrote it, whose words they are, and when: "Written by Sam Patel with Dennis, 3 March 2026"."""
    when = _day(at)
    if voice == Voice.OWN_WORDS:
        if writer_role == WriterRole.PERSON:
            return _("In %(person)s's own words, %(when)s") % {"person": person_name, "when": when}
        if with_person:
            return _("Written by %(writer)s with %(person)s, %(when)s") % {
                "writer": writer_name,
                "person": person_name,
                "when": when,
            }
    if voice == Voice.SUPPORTER_WORDS:
        if speaker_name and speaker_name != writer_name:
            return _("%(speaker)s's words, written by %(writer)s, %(when)s") % {
                "speaker": speaker_name,
                "writer": writer_name,
                "when": when,
            }
        return _("%(writer)s's words, %(when)s") % {
            "writer": speaker_name or writer_name,
            "when": when,
        }
    return _("Summary by %(writer)s, %(when)s") % {"writer": writer_name, "when": when}


@dataclass(frozen=True)
class StatementView:
    statement: Statement
    is_quote: bool
    provenance: str
    changed: bool


def statement_view(statement: Statement, person_name: str) -> StatementView:
    return StatementView(
        statement=statement,
        is_quote=statement.voice in {Voice.OWN_WORDS, Voice.SUPPORTER_WORDS},
        provenance=provenance(
            voice=statement.voice,
            writer_name=statement.written_by.full_name,
            writer_role=statement.writer_role,
            person_name=person_name,
            # Words taken down in a conversation date from the conversation.
            at=statement.conversation.held_on
            if statement.conversation_id
            else statement.updated_at,
            with_person=statement.conversation_id is not None,
            speaker_name=statement.speaker.name if statement.speaker_id else "",
        ),
        changed=statement.version > 1,
    )


@dataclass(frozen=True)
class CheckView:
    state: str
    label: str
    words: str
    detail: str


def check_view(confirmation: Confirmation | None) -> CheckView:
    if confirmation is None:
        return CheckView(CheckState.NOT_SEEN, str(CheckState.NOT_SEEN.label), "", "")
    how = (
        _("told %(who)s in person") % {"who": confirmation.recorded_by.full_name}
        if confirmation.given_in_person
        else ""
    )
    detail = ", ".join(part for part in (_day(confirmation.at), how) if part)
    return CheckView(
        confirmation.state, str(CheckState(confirmation.state).label), confirmation.words, detail
    )


@dataclass
class SectionView:
    section: str
    title: str
    statements: list[StatementView] = field(default_factory=list)
    check: CheckView | None = None


def about_me_sections(statements, confirmations: dict, person_name: str) -> list[SectionView]:
    """Every section in the order the person's story reads, strengths before needs."""
    sections = {s.value: SectionView(s.value, str(s.label)) for s in Section}
    for statement in statements:
        sections[statement.section].statements.append(statement_view(statement, person_name))
    for key, view in sections.items():
        view.check = check_view(confirmations.get(key))
    return list(sections.values())
