"""Everything Alongside holds about a supporter, for their own copy (a subject access request:
UK GDPR Article 15). A supporter is a data subject too. One dictionary, safe to write as JSON
(dates and times in ISO 8601), used for both files in the download: ``my-information.json`` and
the readable ``my-information.pdf``.

In the copy, read from the supporter's own rows only:

- Their account: their name and sign-in e-mail address, and since when.
- Each circle they are in: the name of the person they support (they know it), their
  relationship, how they know each other, the phone number and e-mail address recorded for
  them, whether they are an unpaid carer (and their caring hours, and whether they want a
  carer's assessment), what the person lets them see, and when they were added.
- The invitations sent to them to sign in (the e-mail address, when, by whom, whether used).
- Everything they wrote, or that was written down as said by them: About me statements (each
  of their versions) and the notes they wrote beside statements; plan goals; ideas they
  suggested; their decisions on a plan and their checks of decisions written down for them;
  the messages they wrote; each time they said they did not feel listened to, with the reply;
  what they told us about caring and their carer's assessment requests, with where each stands.
- Who at the council has opened the carers' page about them (see ``supporter_looks``).

Withheld, and why: the person's data is the person's. A supporter is given only what is theirs;
the person they support can ask for their own copy, and controls what each supporter may see in
Alongside itself (which this copy does not widen, whatever is shared).

- Anything else about the person they support: their details, About me written by anyone else
  (a note the supporter wrote is included, with the section it is in, but not the statement it
  is beside), what's hard for them, conversations, and their plan beyond the supporter's own
  contributions (other goals, costs, what was chosen, actions, the contingency plan, reviews,
  other parties' decisions).
- The person's messages, and anyone else's, in the thread: only the supporter's own messages.
- Why an advocate was invited on the person's behalf (it is about the person's capacity), and
  the invitation's secret link (only a hash is kept; it is never shown).
- Other members of the circle, and other supporters' words, ever.
- Staff: their names and roles where they wrote something down for the supporter, replied to
  them or opened the carers' page; never their e-mail addresses or ids. No database ids at all.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone

from alongside.aboutme.models import Section, Statement, StatementNote, StatementVersion, Voice
from alongside.accounts.models import Invitation
from alongside.carers.models import CarerAssessmentRequest, CarerView, ContactWay, RequestStatus
from alongside.heard.models import Concern
from alongside.outcomes.models import Answer as OutcomeAnswer
from alongside.people.models import Relationship, Shareable
from alongside.plans.models import Agreement, AgreementCheck, Decision, Goal, Idea, IdeaKind
from alongside.privacy.subject_access import _iso, _label, _who, outcome_answer_rows
from alongside.privacy.supporter_looks import (
    cared_for_names,
    describe_looks,
    looks_for_supporter,
)
from alongside.threads.models import Message


def shared_labels(member) -> list[str]:
    """What the person lets this member see, in the words of the sharing page."""
    return [_label(Shareable, s) for s in member.shared_sections if s in Shareable.values]


def supporter_copy_data(user) -> dict:
    memberships = user.circle_memberships.select_related("person").order_by(
        "person__sort_name", "id"
    )
    return {
        "made_at": _iso(timezone.now()),
        "account": {
            "name": user.full_name,
            "email": user.email,
            "since": _iso(user.date_joined),
        },
        "circles": [_membership(m) for m in memberships],
        "invitations": _invitations(user),
        "about_me": _statements(user),
        "goals": _goals(user),
        "ideas": _ideas(user),
        "decisions_on_plans": _agreements(user),
        "messages": _messages(user),
        "not_listened_to": _concerns(user),
        "about_caring": _carer_views(user),
        "your_own_wellbeing_answers": outcome_answer_rows(
            OutcomeAnswer.objects.filter(carer__account=user)
        ),
        "carers_assessment_requests": _assessment_requests(user),
        "who_looked_at_what_you_told_us_about_caring": _looks(user),
    }


def _membership(member) -> dict:
    return {
        "person": member.person.name,
        "relationship": _label(Relationship, member.relationship),
        "how_you_know_each_other": member.relationship_detail,
        "your_name_in_their_circle": member.name,
        "your_phone": member.phone,
        "your_email": member.email,
        "unpaid_carer": member.is_unpaid_carer,
        "caring_hours_a_week": member.caring_hours_per_week,
        "wants_a_carers_assessment": member.wants_carers_assessment,
        "they_let_you_see": shared_labels(member),
        "added_at": _iso(member.created_at),
    }


def _invitations(user) -> list[dict]:
    rows = (
        Invitation.objects.filter(circle_member__account=user)
        .select_related("person", "created_by")
        .order_by("created_at", "id")
    )
    return [
        {
            "to_support": i.person.name,
            "sent_to": i.email,
            "your_name": i.recipient_name,
            "sent_at": _iso(i.created_at),
            "sent_by": _who(i.created_by),
            "link_expires_at": _iso(i.expires_at),
            "used_at": _iso(i.used_at),
            "cancelled_at": _iso(i.cancelled_at),
        }
        for i in rows
    ]


def _theirs(user) -> Q:
    """Words the supporter wrote, or that were written down as said by them."""
    return Q(written_by=user) | Q(speaker__account=user)


def _words(words) -> dict:
    return {
        "text": words.text,
        "voice": _label(Voice, words.voice),
        "written_down_by": _who(words.written_by),
        "in_conversation_on": _iso(words.conversation.held_on) if words.conversation else None,
    }


def _statements(user) -> list[dict]:
    """Each About me statement the supporter wrote (any version of) or wrote a note beside: only
    their own versions and notes. A statement that is not theirs is named by its section."""
    touched = (
        Statement.objects.filter(
            _theirs(user)
            | Q(versions__written_by=user)
            | Q(versions__speaker__account=user)
            | Q(notes__written_by=user)
        )
        .values("pk")
        .distinct()
    )
    statements = (
        Statement.objects.filter(pk__in=touched)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "versions",
                StatementVersion.objects.filter(_theirs(user))
                .select_related("written_by", "conversation")
                .order_by("version", "id"),
                to_attr="their_versions",
            ),
            Prefetch(
                "notes",
                StatementNote.objects.filter(written_by=user).order_by("written_at", "id"),
                to_attr="their_notes",
            ),
        )
        .order_by("person__sort_name", "person_id", "section", "created_at", "id")
    )
    return [
        {
            "person": s.person.name,
            "section": _label(Section, s.section),
            "versions": [
                {"version": v.version, "written_at": _iso(v.written_at), **_words(v)}
                for v in s.their_versions
            ],
            "notes_you_wrote": [
                {"text": n.text, "written_at": _iso(n.written_at)} for n in s.their_notes
            ],
        }
        for s in statements
    ]


def _goals(user) -> list[dict]:
    rows = (
        Goal.objects.filter(_theirs(user))
        .select_related("plan__person", "written_by", "conversation")
        .order_by("plan__person__sort_name", "plan__person_id", "plan__number", "position", "id")
    )
    return [
        {
            "person": g.plan.person.name,
            "plan_version": g.plan.number,
            "written_at": _iso(g.created_at),
            **_words(g),
        }
        for g in rows
    ]


def _ideas(user) -> list[dict]:
    """Ideas they suggested: the idea itself, and what's good and not so good about it if they
    wrote it down themselves. Its cost and whether it was chosen are the person's plan."""
    rows = (
        Idea.objects.filter(suggested_by_member__account=user)
        .select_related("plan__person", "added_by")
        .order_by("plan__person__sort_name", "plan__person_id", "plan__number", "created_at", "id")
    )
    result = []
    for idea in rows:
        own = idea.added_by_id == user.pk
        result.append(
            {
                "person": idea.plan.person.name,
                "plan_version": idea.plan.number,
                "idea": idea.title,
                "kind": _label(IdeaKind, idea.kind),
                "suggested_as": idea.suggested_by_name,
                "written_down_by": _who(idea.added_by),
                "whats_good": idea.pros if own else None,
                "whats_not_so_good": idea.cons if own else None,
                "added_at": _iso(idea.created_at),
            }
        )
    return result


def _agreements(user) -> list[dict]:
    rows = (
        Agreement.objects.filter(Q(circle_member__account=user) | Q(recorded_by=user))
        .select_related("plan__person", "recorded_by")
        .prefetch_related(
            Prefetch(
                "checks",
                AgreementCheck.objects.filter(checked_by=user).order_by("checked_at", "id"),
                to_attr="their_checks",
            )
        )
        .order_by("plan__person__sort_name", "plan__person_id", "recorded_at", "id")
    )
    return [
        {
            "person": a.plan.person.name,
            "plan_version": a.plan.number,
            "decision": _label(Decision, a.decision),
            "in_your_words": a.words,
            "given_in_person": a.given_in_person,
            "recorded_by": _who(a.recorded_by),
            "at": _iso(a.recorded_at),
            "your_checks": [
                {"is_right": c.is_right, "in_your_words": c.words, "at": _iso(c.checked_at)}
                for c in a.their_checks
            ],
        }
        for a in rows
    ]


def _messages(user) -> list[dict]:
    rows = Message.objects.filter(author=user).select_related("person").order_by("created_at", "id")
    return [{"person": m.person.name, "at": _iso(m.created_at), "message": m.body} for m in rows]


def _concerns(user) -> list[dict]:
    rows = (
        Concern.objects.filter(raised_by=user)
        .select_related("person", "responded_by")
        .order_by("created_at", "id")
    )
    return [
        {
            "person": c.person.name,
            "at": _iso(c.created_at),
            "what_you_said": c.words,
            "reply_due_by": _iso(c.due_by),
            "seen_at": _iso(c.acknowledged_at),
            "reply": c.response,
            "replied_at": _iso(c.responded_at),
            "replied_by": _who(c.responded_by),
        }
        for c in rows
    ]


def _carer_views(user) -> list[dict]:
    rows = (
        CarerView.objects.filter(member__account=user)
        .select_related("member__person")
        .order_by("created_at", "id")
    )
    return [
        {
            "caring_for": v.member.person.name,
            "at": _iso(v.created_at),
            "what_is_hard": v.hard,
            "what_helps": v.helps,
            "what_would_make_a_difference": v.difference,
            "hours_a_week": v.hours_per_week,
        }
        for v in rows
    ]


def _assessment_requests(user) -> list[dict]:
    rows = (
        CarerAssessmentRequest.objects.filter(member__account=user)
        .select_related("member__person", "updated_by")
        .order_by("created_at", "id")
    )
    return [
        {
            "caring_for": r.member.person.name,
            "asked_at": _iso(r.created_at),
            "why_now": r.words,
            "how_to_contact_you": _label(ContactWay, r.contact_way),
            "when_to_contact_you": r.contact_time,
            "status": _label(RequestStatus, r.status),
            "status_changed_at": _iso(r.updated_at),
            "status_changed_by": _who(r.updated_by),
        }
        for r in rows
    ]


def _looks(user) -> list[dict]:
    looks = describe_looks(looks_for_supporter(user).iterator(), cared_for_names(user))
    return [
        {
            "at": _iso(look.at),
            "who": look.who,
            "role": look.role,
            "did": look.did,
            "whose": look.whose,
        }
        for look in looks
    ]
