"""The person's story over time: conversations, words written and changed, needs noted and
changed, and what the person said was right. One query per kind, whatever the story's length."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.aboutme.models import CheckState, Confirmation, StatementVersion, Voice
from alongside.conversations.models import Conversation
from alongside.needs.models import NeedChange

KINDS = {
    "conversations": gettext_lazy("Conversations"),
    "words": gettext_lazy("About me"),
    "needs": gettext_lazy("What's hard"),
    "checks": gettext_lazy("Is this right?"),
}


@dataclass(frozen=True)
class StoryEvent:
    at: datetime
    kind: str
    title: str
    text: str
    by: str
    is_quote: bool = False


def _midday(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _conversations(person):
    for c in Conversation.objects.about(person).select_related("practitioner"):
        yield StoryEvent(
            at=_midday(c.held_on),
            kind="conversations",
            title=_("%(kind)s, %(place)s")
            % {"kind": c.get_kind_display(), "place": c.get_place_display().lower()},
            text="",
            by=c.practitioner.full_name,
        )


def _words(person):
    versions = StatementVersion.objects.filter(statement__person=person).select_related(
        "statement", "written_by", "conversation"
    )
    for v in versions:
        verb = _("Wrote") if v.version == 1 else _("Changed")
        yield StoryEvent(
            # Words taken down in a conversation belong to the day of the conversation.
            at=_midday(v.conversation.held_on) if v.conversation_id else v.written_at,
            kind="words",
            title=f"{verb}: {v.statement.get_section_display()}",
            text=v.text,
            by=v.written_by.full_name,
            is_quote=v.voice != Voice.PRACTITIONER_SUMMARY,
        )


def _needs(person):
    changes = NeedChange.objects.filter(need__person=person).select_related("need", "changed_by")
    for change in changes:
        yield StoryEvent(
            # A need is dated when it was noted; its changes when they were recorded.
            at=_midday(change.need.noted_on) if change.version == 1 else change.at,
            kind="needs",
            title=f"{change.need.outcome_label}: {change.get_status_display()}",
            text=change.persons_view,
            by=change.changed_by.full_name,
            is_quote=bool(change.persons_view),
        )


def _checks(person):
    for confirmation in Confirmation.objects.filter(person=person).select_related(
        "recorded_by", "conversation"
    ):
        what = (
            confirmation.get_section_display()
            if confirmation.section
            else _("A conversation record")
        )
        state = CheckState(confirmation.state).label
        yield StoryEvent(
            at=confirmation.at,
            kind="checks",
            title=f"{what}: {state}",
            text=confirmation.words,
            by=confirmation.recorded_by.full_name,
            is_quote=bool(confirmation.words),
        )


_SOURCES = {"conversations": _conversations, "words": _words, "needs": _needs, "checks": _checks}


def story_events(person, kinds) -> list[StoryEvent]:
    """Newest first."""
    events = [event for kind in kinds for event in _SOURCES[kind](person)]
    return sorted(events, key=lambda e: e.at, reverse=True)
