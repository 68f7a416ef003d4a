"""Everything Alongside holds about a person, for their own copy (a subject access request:
UK GDPR Article 15). One dictionary, safe to write as JSON (dates and times in ISO 8601), used
for both files in the download: ``my-information.json`` and the readable ``my-information.pdf``.

In the copy: their details (and their sign-in e-mail address, if they have an account); their
circle of support (names, relationships, whether someone is their unpaid carer, what each may
see); About me, every statement with every version, the notes written beside them and the tags;
every answer to "is this right?"; conversations (drafts too) with their notes; what they
wrote before we meet (drafts and what they shared); their answers to outcome questions; their own needs
with each change; every version of their plan with goals, ideas, actions, the contingency plan,
each party's agreement in their words, and reviews; and who has looked at their record.

Left out, and why:

- Anyone else's record, ever. Everything is read from this person's rows only.
- Carers' own needs (needs with ``carer`` set): they are about the carer, a third party, who
  can ask for their own copy. Also the carer's caring hours and whether they want a carer's
  assessment, for the same reason.
- The phone numbers and e-mail addresses of people in the circle: the third party's contact
  details, not information about the person (their names and relationships are included).
- Staff: their names and roles are included where they wrote or looked at something (the person
  is entitled to know who); never their e-mail addresses, internal ids, passwords or two-factor
  devices. No database ids at all, except the person's own record reference.
- Derived or technical data: the per-section "where it stands" summary (it is worked out from
  the answers and statements, which are included), row revision counters, request ids and the
  plan's stored cost totals (each idea's cost is included).
- Denied attempts to open the record: nobody saw anything. They stay in the council's security
  audit; the data protection officer can provide them on request.
- "I don't feel listened to" raised by a supporter: those are the supporter's own words, a third
  party's, so only the concerns the person raised themselves (and the replies) are included.
  Every message in the person's thread is included, whoever wrote it: the thread is part of
  their record, and they could read every message in it already.
"""

from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from alongside.aboutme.models import (
    CheckState,
    Confirmation,
    Section,
    Statement,
    StatementNote,
    StatementVersion,
    Voice,
    WriterRole,
)
from alongside.accounts.models import Role
from alongside.conversations.models import Conversation, Kind, Note, Place
from alongside.conversations.models import Status as ConversationStatus
from alongside.conversations.preparation import preparation_for
from alongside.directory.models import Introduction, IntroductionOutcome
from alongside.heard.models import Concern, RaisedAs
from alongside.needs.models import AdultOutcome, Need, NeedChange, Status, area_labels
from alongside.outcomes.gas import level_words
from alongside.outcomes.models import Answer as OutcomeAnswer
from alongside.outcomes.models import AnsweredHow, GoalRating, Moment
from alongside.people.models import CommunicationNeed, Person, Relationship, Shareable
from alongside.plans.models import (
    ActionOwner,
    ActionStatus,
    Decision,
    Funding,
    Goal,
    IdeaKind,
    Party,
    Plan,
    PlanStatus,
)
from alongside.plans.money import Unit, pounds
from alongside.privacy.who_looked import describe, looks_for, supporter_names
from alongside.threads.models import AuthorRole, Message


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else (value or "")


def _who(user) -> dict | None:
    if user is None:
        return None
    return {"name": user.full_name, "role": _label(Role, user.role)}


def subject_access_data(person: Person) -> dict:
    circle = list(person.circle.all())
    members = {m.pk: m.name for m in circle}
    return {
        "made_at": _iso(timezone.now()),
        "details": _details(person),
        "circle_of_support": [_member(m) for m in circle],
        "about_me": _about_me(person, members),
        "confirmations": _confirmations(person),
        "conversations": _conversations(person),
        "needs": _needs(person),
        "plans": _plans(person, members),
        "before_we_meet": _preparation(person),
        "how_it_is_going": _outcome_answers(person),
        "goal_progress": _goal_ratings(person),
        "introductions": _introductions(person),
        "messages": _messages(person, members),
        "not_listened_to": _concerns(person),
        "who_looked": _who_looked(person),
    }


def outcome_answer_rows(answers) -> list[dict]:
    """Answers to outcome questions, oldest first: the person's own, or a carer's own."""
    rows = answers.select_related("version__instrument", "answered_by").order_by(
        "answered_on", "id"
    )
    return [
        {
            "measure": a.version.instrument.name,
            "version": a.version.number,
            "on": _iso(a.answered_on),
            "declined": a.declined,
            "answers": a.answers,
            "score": None if a.total is None else float(a.total),
            "band": a.band,
            "answered": _label(AnsweredHow, a.how),
            "answered_by": _who(a.answered_by),
        }
        for a in rows
    ]


def _outcome_answers(person: Person) -> list[dict]:
    # A carer's answers about themselves are theirs, not the person's: in the carer's own copy.
    return outcome_answer_rows(OutcomeAnswer.objects.filter(person=person, carer=None))


def _goal_ratings(person: Person) -> list[dict]:
    rows = (
        GoalRating.objects.filter(person=person)
        .select_related("goal__plan", "rated_by")
        .order_by("rated_on", "id")
    )
    return [
        {
            "plan_version": r.goal.plan.number,
            "goal": r.goal.text,
            "on": _iso(r.rated_on),
            "when": _label(Moment, r.moment),
            "level": r.level,
            "level_in_words": level_words(r.goal, r.level),
            "in_their_words": r.words,
            "answered": _label(AnsweredHow, r.how),
            "answered_by": _who(r.rated_by),
        }
        for r in rows
    ]


def _introductions(person: Person) -> list[dict]:
    rows = (
        Introduction.objects.filter(person=person)
        .select_related("service", "consent_recorded_by")
        .order_by("created_at", "id")
    )
    return [
        {
            "to": i.service.name,
            "at": _iso(i.created_at),
            "you_agreed": i.consent_given,
            "consent_recorded_by": _who(i.consent_recorded_by),
            "what_was_shared": i.shared,
            "words_sent": i.message,
            "sent_to": i.sent_to,
            "what_happened": _label(IntroductionOutcome, i.outcome),
            "in_your_words": i.outcome_words,
        }
        for i in rows
    ]


def _preparation(person: Person) -> dict | None:
    preparation, answers = preparation_for(person)
    if preparation is None:
        return None
    return {
        "last_saved": _iso(preparation.updated_at),
        "last_shared": _iso(preparation.shared_at),
        "answers": [
            {"question": a.prompt.text, "your_words": a.text, "as_shared": a.shared_text}
            for a in answers
            if a.text or a.shared_text
        ],
    }


def _messages(person: Person, members: dict) -> list[dict]:
    rows = Message.objects.filter(person=person).select_related("author").order_by("created_at")
    return [
        {
            "at": _iso(m.created_at),
            "from": "You"
            if m.author_role == AuthorRole.PERSON
            else {
                "name": members.get(m.circle_member_id, "")
                if m.author_role == AuthorRole.SUPPORTER
                else m.author.full_name,
                "role": _label(AuthorRole, m.author_role),
            },
            "message": m.body,
        }
        for m in rows
    ]


def _concerns(person: Person) -> list[dict]:
    rows = (
        Concern.objects.filter(person=person, raised_as=RaisedAs.PERSON)
        .select_related("responded_by")
        .order_by("created_at")
    )
    return [
        {
            "at": _iso(c.created_at),
            "what_you_said": c.words,
            "reply_due_by": _iso(c.due_by),
            "reply": c.response,
            "replied_at": _iso(c.responded_at),
            "replied_by": _who(c.responded_by),
        }
        for c in rows
    ]


def _details(person: Person) -> dict:
    account = person.account
    return {
        "record_reference": str(person.pk),
        "first_name": person.given_name,
        "last_name": person.family_name,
        "preferred_name": person.preferred_name,
        "pronouns": person.pronouns,
        "date_of_birth": _iso(person.date_of_birth),
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "postcode": person.postcode,
        "nhs_number": person.nhs_number or "",
        "council_id": person.council_id,
        "main_language": person.language,
        "communication_needs": [_label(CommunicationNeed, n) for n in person.communication_needs],
        "team": person.team.name,
        "practitioner": _who(person.practitioner),
        "recorded_since": _iso(person.created_at),
        "account": {"email": account.email, "since": _iso(account.date_joined)}
        if account is not None
        else None,
    }


def _member(member) -> dict:
    return {
        "name": member.name,
        "relationship": _label(Relationship, member.relationship),
        "how_you_know_each_other": member.relationship_detail,
        "unpaid_carer": member.is_unpaid_carer,
        "has_an_account": member.account_id is not None,
        "can_see": [_label(Shareable, s) for s in member.shared_sections],
        "added_at": _iso(member.created_at),
    }


def _words(words, members: dict[int, str]) -> dict:
    """Attributed words: whose voice, who wrote them down, as whom, and who said them."""
    return {
        "text": words.text,
        "voice": _label(Voice, words.voice),
        "written_by": _who(words.written_by),
        "writer_role": _label(WriterRole, words.writer_role),
        "said_by": members.get(words.speaker_id),
        "in_conversation_on": _iso(words.conversation.held_on) if words.conversation else None,
    }


def _about_me(person: Person, members: dict[int, str]) -> list[dict]:
    statements = (
        Statement.objects.about(person)
        .select_related("written_by", "conversation")
        .prefetch_related(
            "tags",
            Prefetch(
                "versions",
                StatementVersion.objects.select_related("written_by", "conversation").order_by(
                    "version"
                ),
            ),
            Prefetch("notes", StatementNote.objects.select_related("written_by")),
        )
        .order_by("section", "created_at", "id")
    )
    return [
        {
            "section": _label(Section, s.section),
            **_words(s, members),
            "version": s.version,
            "written_at": _iso(s.created_at),
            "changed_at": _iso(s.updated_at),
            "interests": [t.name for t in s.tags.all()],
            "versions": [
                {"version": v.version, "written_at": _iso(v.written_at), **_words(v, members)}
                for v in s.versions.all()
            ],
            "notes": [
                {"text": n.text, "written_by": _who(n.written_by), "written_at": _iso(n.written_at)}
                for n in s.notes.all()
            ],
        }
        for s in statements
    ]


def _confirmations(person: Person) -> list[dict]:
    rows = (
        Confirmation.objects.filter(person=person)
        .select_related("recorded_by", "conversation")
        .order_by("at", "id")
    )
    return [
        {
            "about": _label(Section, c.section)
            if c.section
            else f"{_label(Kind, c.conversation.kind)}, {_iso(c.conversation.held_on)}",
            "answer": _label(CheckState, c.state),
            "in_your_words": c.words,
            "recorded_by": _who(c.recorded_by),
            "given_in_person": c.given_in_person,
            "at": _iso(c.at),
        }
        for c in rows
    ]


def _conversations(person: Person) -> list[dict]:
    rows = (
        Conversation.objects.about(person)
        .select_related("practitioner")
        .prefetch_related("supporters", Prefetch("notes", Note.objects.select_related("prompt")))
        .order_by("held_on", "id")
    )
    return [
        {
            "held_on": _iso(c.held_on),
            "kind": _label(Kind, c.kind),
            "where": _label(Place, c.place),
            "where_detail": c.place_detail,
            "practitioner": _who(c.practitioner),
            "you_took_part": c.person_took_part,
            "supporters": [m.name for m in c.supporters.all()],
            "others_present": c.others_present,
            "status": _label(ConversationStatus, c.status),
            "notes": [
                {
                    "question": n.prompt.text if n.prompt else "",
                    "text": n.text,
                    "voice": _label(Voice, n.voice),
                    "written_at": _iso(n.created_at),
                    "changed_at": _iso(n.updated_at),
                }
                for n in c.notes.all()
            ],
        }
        for c in rows
    ]


def _needs(person: Person) -> list[dict]:
    # The person's own needs only: a carer's needs are about the carer.
    rows = (
        Need.objects.about(person)
        .filter(carer__isnull=True)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("changes", NeedChange.objects.select_related("changed_by").order_by("version"))
        )
        .order_by("noted_on", "id")
    )
    return [
        {
            "outcome": _label(AdultOutcome, n.outcome),
            "areas_of_wellbeing": area_labels(n.wellbeing_areas),
            "your_view": n.persons_view,
            "practitioners_view": n.practitioners_view,
            "status": _label(Status, n.status),
            "noted_on": _iso(n.noted_on),
            "recorded_by": _who(n.recorded_by),
            "changes": [
                {
                    "version": c.version,
                    "status": _label(Status, c.status),
                    "your_view": c.persons_view,
                    "practitioners_view": c.practitioners_view,
                    "changed_by": _who(c.changed_by),
                    "at": _iso(c.at),
                }
                for c in n.changes.all()
            ],
        }
        for n in rows
    ]


def _idea(idea) -> dict:
    return {
        "idea": idea.title,
        "kind": _label(IdeaKind, idea.kind),
        "suggested_by": idea.suggested_by_name,
        "from_your_circle": idea.suggested_by_circle,
        "added_by": _who(idea.added_by),
        "whats_good": idea.pros,
        "whats_not_so_good": idea.cons,
        "one_off_cost": pounds(idea.one_off_pence) if idea.one_off_pence else "",
        "regular_cost": pounds(idea.rate_pence) if idea.rate_pence is not None else "",
        "per": _label(Unit, idea.unit),
        "how_many_a_week": str(idea.units_per_week),
        "paid_for_by": _label(Funding, idea.funding),
        "you_like_it": idea.person_likes,
        "chosen": idea.chosen,
        "traditional_package": idea.is_traditional,
    }


def _action(action) -> dict:
    return {
        "what": action.text,
        "who": _label(ActionOwner, action.owner_kind),
        "their_name": action.owner_name,
        "by_when": _iso(action.due_on),
        "status": _label(ActionStatus, action.status),
    }


def _plans(person: Person, members: dict[int, str]) -> list[dict]:
    plans = (
        Plan.objects.about(person)
        .select_related("agreed_by")
        .prefetch_related(
            Prefetch("goals", queryset=_goals()),
            "ideas__added_by",
            "actions",
            "agreements__recorded_by",
            "reviews__recorded_by",
        )
        .order_by("number")
    )
    result = []
    for plan in plans:
        ideas, actions = list(plan.ideas.all()), list(plan.actions.all())
        result.append(
            {
                "version": plan.number,
                "status": _label(PlanStatus, plan.status),
                "started_at": _iso(plan.created_at),
                "agreed_at": _iso(plan.agreed_at),
                "agreed_by": _who(plan.agreed_by),
                "in_place_from": _iso(plan.started_on),
                "review_date": _iso(plan.review_due),
                "replaced_at": _iso(plan.replaced_at),
                "goals": [
                    {
                        "position": g.position,
                        **_words(g, members),
                        "areas_of_wellbeing": g.wellbeing_labels,
                        "ideas": [_idea(i) for i in ideas if i.goal_id == g.pk],
                        "actions": [_action(a) for a in actions if a.goal_id == g.pk],
                    }
                    for g in plan.goals.all()
                ],
                "other_ideas": [_idea(i) for i in ideas if i.goal_id is None],
                "other_actions": [_action(a) for a in actions if a.goal_id is None],
                "if_things_go_wrong": {
                    "warning_signs": plan.warning_signs,
                    "what_to_do": plan.what_to_do,
                    "who_to_call": plan.who_to_call,
                },
                "agreements": [
                    {
                        "party": _label(Party, a.party),
                        "name": a.name,
                        "decision": _label(Decision, a.decision),
                        "in_their_words": a.words,
                        "given_in_person": a.given_in_person,
                        "recorded_by": _who(a.recorded_by),
                        "at": _iso(a.recorded_at),
                    }
                    for a in plan.agreements.all()
                ],
                "reviews": [
                    {
                        "reviewed_on": _iso(r.reviewed_on),
                        "what_changed": r.what_changed,
                        "what_worked": r.what_worked,
                        "what_did_not": r.what_did_not,
                        "your_words_given_in_person": r.person_words_given_in_person,
                        "practitioners_view": r.practitioner_view,
                        "recorded_by": _who(r.recorded_by),
                        "at": _iso(r.recorded_at),
                    }
                    for r in plan.reviews.all()
                ],
            }
        )
    return result


def _goals():
    return Goal.objects.select_related("written_by", "conversation").order_by("position", "id")


def _who_looked(person: Person) -> list[dict]:
    looks = describe(looks_for(person).iterator(), person, supporter_names(person))
    return [
        {
            "at": _iso(look.at),
            "who": look.who,
            "role": look.role,
            "did": look.did,
            "what": look.what,
        }
        for look in looks
    ]
